"""`mandat report`: the feature files as a Swedish HTML report with outcomes and cited provisions."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from cli import report
from tests.lawdoc import write_features


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    base = tmp_path_factory.mktemp("report")
    features = write_features(base / "features")
    raw = base / "report.json"
    code = report.run_features(features, raw)
    assert code == 1  # one scenario fails on purpose
    return json.loads(raw.read_text(encoding="utf-8"))


def test_each_scenario_is_recorded_as_written_with_its_outcome(data):
    assert list(data["features"].values())[0]["name"] == "Testby — upphandling och yttranden"
    by_name = {s["name"]: s for s in data["scenarios"]}
    ok = by_name["Kommundirektören upphandlar inom tio prisbasbelopp"]
    bad = by_name["Ett medvetet felaktigt påstående om yttranden"]
    assert ok["outcome"] == "passed" and bad["outcome"] == "failed"
    assert [(s["keyword"], s["text"]) for s in ok["steps"]][:3] == [
        ("Givet", 'regelverket i "tests/fixtures/lawdoc/testby-a"'), ("Och", "datumet är 2025-03-01"),
        ("Givet", "beloppet är 300 000 kr")]
    assert all(s["status"] == "passed" for s in ok["steps"])
    assert [s["status"] for s in bad["steps"]][-2:] == ["failed", "not run"]
    assert "expected yes, got no" in bad["message"]


def test_each_answer_keeps_the_provisions_it_cited(data):
    by_name = {s["name"]: s for s in data["scenarios"]}
    ok = by_name["Kommundirektören upphandlar inom tio prisbasbelopp"]["answers"][-1]
    assert ok["answer"] == "yes" and ok["facts"] == {"amount": 300000}
    assert ("ks-do", "2.1") in [(b["document"], b["point"]) for b in ok["basis"]]
    assert "KL 6:40" in ok["obligations"]
    bad = by_name["Ett medvetet felaktigt påstående om yttranden"]["answers"][-1]
    assert bad["answer"] == "no" and "KL 6:38 p.2" in [b["ref"] for b in bad["basis"]]


def test_html_is_swedish_and_self_contained(data):
    page = report.to_html(data)
    assert '<html lang="sv">' in page and "<script" not in page and "http" not in page
    assert "Egenskap: Testby — upphandling och yttranden" in page
    assert "Godkänt" in page and "Underkänt" in page
    assert "<b>KL 6:38 p.2</b>" in page and "ks-do p. 2.1" in page
    assert '<span class="kw">När</span> kommundirektören ska besluta om &quot;upphandling&quot;' in page


def test_cli_writes_the_report_and_fails_with_a_failing_scenario(tmp_path):
    features = write_features(tmp_path / "features")
    out = tmp_path / "rapport.html"
    p = subprocess.run([sys.executable, "-m", "cli.main", "report", "--features", str(features), "--out", str(out),
                        "-k", "tio"], capture_output=True, text=True, timeout=300)
    assert p.returncode == 0, p.stderr
    assert "1 scenarier, 0 underkända" in p.stderr
    assert "Godkänt" in out.read_text(encoding="utf-8")
