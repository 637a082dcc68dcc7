"""`mandat diff`: who gained and who lost which powers, and the points and limits that changed."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys

from engine import diff as d
from tests.lawdoc import FIXTURES, load_testby

DAY = dt.date(2025, 3, 1)


def _by(items):
    return {(c.actor, c.matter): c for c in items}


def test_two_versions_of_a_rule_set():
    a, b = load_testby("a"), load_testby("b")
    result = d.compare(a, DAY, b, DAY)
    assert set(_by(result.lost)) == {("kommundirektor", "anstallning")}
    assert result.gained == []
    changed = _by(result.changed)
    director = changed[("kommundirektor", "upphandling")]
    assert [r.limits for r in director.before] == [("högst 10 prisbasbelopp",)]
    assert [r.limits for r in director.after] == [("högst 20 prisbasbelopp",)]
    hr = changed[("hr-chef", "anstallning")]  # was the substitute under 3.1, is the delegate under 3.2
    assert [r.point for r in hr.before] == ["ks-do p. 3.1"] and [r.point for r in hr.after] == ["ks-do p. 3.2"]
    assert ("ekonomichef", "upphandling") in changed  # the chain above V1 widened
    points = {(p.document, p.point): p for p in result.points}
    assert points[("ks-do", "2.1")].fields == {"Begränsning": ("högst 10 prisbasbelopp", "högst 20 prisbasbelopp")}
    assert points[("ks-do", "3.1")].change == "removed" and points[("ks-do", "3.2")].change == "added"


def test_two_dates_of_one_rule_set():
    a = load_testby("a")
    result = d.compare(a, DAY, a, dt.date(2025, 8, 1))
    assert set(_by(result.gained)) == {("ekonomichef", "hyresavtal")}
    assert result.lost == [] and result.changed == []
    assert [(p.point, p.change) for p in result.points] == [("6.1", "added")]


def test_no_change_says_so():
    a = load_testby("a")
    result = d.compare(a, DAY, a, DAY)
    assert result.empty
    assert "Inga ändringar." in d.to_text(result, a, a)


def test_statute_cut_powers_are_not_powers():
    powers = d.powers(load_testby("a"), DAY)
    assert ("kommundirektor", "yttrande-till-kf") not in powers  # KL 6:38 p.2
    assert ("kommundirektor", "upphandling") in powers
    urgent = [r for r in powers[("ks-ordf", "upphandling")] if r.point == "ks-do p. 1.1"]
    assert urgent and urgent[0].conditional  # only when the matter is urgent


def _run(*args):
    return subprocess.run([sys.executable, "-m", "cli.main", "diff", *args], capture_output=True, text=True, timeout=120)


def test_cli_paths_json_and_markdown():
    a, b = str(FIXTURES / "testby-a"), str(FIXTURES / "testby-b")
    p = _run(a, b, "--from", "2025-03-01", "--to", "2025-03-01", "--format", "json")
    assert p.returncode == 0, p.stderr
    data = json.loads(p.stdout)
    assert [(x["actor"], x["matter"]) for x in data["lost"]] == [("kommundirektor", "anstallning")]
    assert data["points"][0]["fields"]["Begränsning"] == {"before": "högst 10 prisbasbelopp",
                                                          "after": "högst 20 prisbasbelopp"}
    p = _run(a, b, "--from", "2025-03-01", "--to", "2025-03-01", "--format", "md")
    assert p.stdout.startswith("# Ändringar i beslutanderätt") and "## Förlorar beslutanderätt (1)" in p.stdout


def test_cli_dates_on_a_bundled_municipality():
    p = _run("-m", "vara", "--from", "2024-01-01", "--to", "2025-03-01")
    assert p.returncode == 0, p.stderr
    assert "Får ny beslutanderätt" in p.stdout and "kommundirektören: Beslut om upphandling och tilldelning" in p.stdout


def test_cli_usage_errors():
    p = _run("-m", "vara", "--from", "2024-01-01")
    assert p.returncode == 64 and "--to" in p.stderr
    p = _run()
    assert p.returncode == 64
