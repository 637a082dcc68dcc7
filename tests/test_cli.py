"""The command line: exit codes, the JSON contract, messages instead of tracebacks."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from click.testing import CliRunner

from cli.main import cli

BASE = ["ask", "-m", "vara", "-d", "2025-03-01"]


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "cli.main", *args], capture_output=True, text=True, timeout=60)


@pytest.mark.parametrize(("args", "code", "word"), [
    (["-a", "kommundirektören", "-x", "upphandling", "-f", "amount=300000"], 0, "JA"),
    (["-a", "kommundirektören", "-x", "upphandling", "-f", "amount=900 000"], 1, "NEJ"),
    (["-a", "kommundirektören", "-x", "upphandling"], 2, "BEROR PÅ"),
])
def test_exit_code_follows_the_answer(args, code, word):
    p = run(*BASE, *args)
    assert p.returncode == code, p.stderr
    assert p.stdout.startswith(word)
    assert "KL 6:37" in p.stdout or "KL 7:5" in p.stdout


def test_english_text():
    p = run(*BASE, "-a", "director", "-x", "upphandling", "-f", "amount=300000", "--lang", "en")
    assert p.returncode == 0 and p.stdout.startswith("YES") and "reported" in p.stdout


def test_json_contract():
    p = run(*BASE, "-a", "kommundirektören", "-x", "upphandling", "-f", "amount=300000", "--format", "json")
    data = json.loads(p.stdout)
    for key in ("answer", "municipality", "actor", "matter", "date", "facts", "basis", "conditions", "open_facts",
                "obligations", "alternatives", "ruleset"):
        assert key in data
    assert data["answer"] == "yes" and data["actor"] == "kommundirektor" and data["facts"] == {"amount": 300000}
    assert set(data["basis"][-1]) >= {"ref", "kind", "title", "document", "point"}
    assert data["ruleset"]["version"].startswith("sha256:")


@pytest.mark.parametrize(("args", "needle"), [
    (["-a", "kommundirektörn", "-x", "upphandling"], "kommundirektor"),
    (["-a", "kommundirektören", "-x", "upphandlng"], "upphandling"),
    (["-a", "kommundirektören", "-x", "upphandling", "-f", "amount"], "KEY=VALUE"),
    (["-a", "kommundirektören", "-x", "upphandling", "-f", "belopp=5"], "unknown fact"),
])
def test_usage_errors_exit_64_with_one_line(args, needle):
    p = run(*BASE, *args)
    assert p.returncode == 64
    assert needle in p.stderr and "Traceback" not in p.stderr
    assert len(p.stderr.strip().splitlines()) == 1


def test_bad_date_and_unknown_municipality():
    p = run("ask", "-m", "vara", "-a", "ks", "-x", "budget", "-d", "1 mars")
    assert p.returncode == 64 and "YYYY-MM-DD" in p.stderr
    p = run("ask", "-m", "varra", "-a", "ks", "-x", "budget")
    assert p.returncode == 64 and "`vara`" in p.stderr


def test_broken_rules_exit_65(tmp_path):
    d = tmp_path / "rules" / "municipalities" / "x"
    d.mkdir(parents=True)
    (d / "a.yaml").write_text("municipality: {id: x, name: X, country: se}\nactors: [{id: a, kind: boss, name: A}]\n")
    import shutil
    from pathlib import Path

    shutil.copytree(Path(__file__).resolve().parents[1] / "rules" / "statutes", tmp_path / "rules" / "statutes")
    p = run("ask", "-m", "x", "--rules", str(tmp_path / "rules"), "-a", "a", "-x", "b")
    assert p.returncode == 65 and "a.yaml:2" in p.stderr and "Traceback" not in p.stderr


def test_listings_in_json():
    runner = CliRunner()
    res = runner.invoke(cli, ["matters", "-m", "vara", "--format", "json"])
    matters = json.loads(res.output)
    budget = next(m for m in matters if m["id"] == "budget")
    assert budget["refs"] == ["KL 5:1 p.2"] and budget["area"]
    res = runner.invoke(cli, ["actors", "-m", "vara", "--format", "json"])
    assert "kommundirektor" in [a["id"] for a in json.loads(res.output)]
    res = runner.invoke(cli, ["facts", "-m", "vara", "--format", "json"])
    assert {"amount", "urgent", "principled", "conflict_of_interest"} <= {f["id"] for f in json.loads(res.output)}
    res = runner.invoke(cli, ["municipalities", "--format", "json"])
    assert "vara" in [m["id"] for m in json.loads(res.output)]
    res = runner.invoke(cli, ["matters", "--statute", "se", "--format", "json"])
    assert "budget_tax" in [k["id"] for k in json.loads(res.output)]


def test_a_question_in_words_reports_what_was_understood_in_json():
    p = run("ask", "-m", "vara", "-d", "2025-03-01", "--format", "json",
            "Får kommundirektören upphandla för 300 000 kr?")
    data = json.loads(p.stdout)
    assert p.returncode == 0 and data["answer"] == "yes"
    assert data["actor"] == "kommundirektor" and data["matter"] == "upphandling" and data["facts"]["amount"] == 300000
    assert data["understood"]


def test_matters_query_is_swedish_aware_and_ranked():
    runner = CliRunner()
    res = runner.invoke(cli, ["matters", "-m", "vara", "anställa", "--format", "json"])
    ids = [m["id"] for m in json.loads(res.output)]
    assert "anstallning-personal" in ids and "budget" not in ids
    res = runner.invoke(cli, ["matters", "-m", "vara", "yttra sig", "--format", "json"])
    ids = [m["id"] for m in json.loads(res.output)]
    assert ids and all(i.startswith("yttrande") for i in ids)
