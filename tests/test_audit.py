"""The batch audit of decision registers: verdicts, malformed rows, formats, the CLI, and flat memory."""

from __future__ import annotations

import csv
import io
import json
import random
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli.main import cli
from engine import api
from engine.audit import audit_text, sniff_format

ROOT = Path(__file__).resolve().parents[1]
HEADER = "id;datum;delegat;ärende;punkt;anmäld;fact.amount\n"
# one row per verdict (provby: the director's p. 1 covers 100 000-500 000 kr, the finance head's p. 2 up to
# 100 000 kr, both reported; p. 3, attestanter, is not reported)
ROWS = {
    "ok": "A1;2025-03-01;kommundirektören;upphandling;ks-do p. 1;ja;300000",
    "unauthorised": "A2;2025-03-01;kommundirektören;upphandling;ks-do p. 1;ja;900000",
    "wrong-point": "A3;2025-03-01;ekonomichefen;upphandling;ks-do p. 1;ja;50000",
    "not-reported": "A4;2025-03-01;ekonomichef;upphandling;2;nej;50000",
    "depends": "A5;2025-03-01;kommundirektor;upphandling;1;ja;",
    "ok-unreported-point": "A6;2025-03-01;kommundirektor;attest;ks-do:3;nej;",
    "malformed-actor": "A7;2025-03-01;kommundirektörn;upphandling;1;ja;5",
    "malformed-date": "A8;2025-13-01;kommundirektor;upphandling;1;ja;5",
    "malformed-fields": "A9;2025-03-01;kommundirektor;upphandling;1;ja;5;extra",
    "unauthorised-statute": "A10;2025-03-01;kommundirektor;yttrande-till-kf;;;",
}


def _by_id(text: str, provby: api.Mandat, fmt: str | None = None) -> dict[str, object]:
    summary, rows = audit_text(provby, text, fmt)
    return {"summary": summary, **{r.id: r for r in rows}}


def test_each_verdict(provby: api.Mandat) -> None:
    got = _by_id(HEADER + "\n".join(ROWS.values()) + "\n", provby)
    ok, unauth, wrong, unrep, dep, attest = (got[i] for i in ("A1", "A2", "A3", "A4", "A5", "A6"))
    assert ok.verdict == "ok" and ok.points == ["ks-do p. 1"] and ok.actor == "kommundirektor"
    assert unauth.verdict == "unauthorised"
    assert "ks (reglemente p. 1)" in unauth.could_decide and "ks-do p. 1" in unauth.message
    assert wrong.verdict == "wrong-point" and wrong.points == ["ks-do p. 2"] and "ks-do p. 1" in wrong.message
    assert unrep.verdict == "not-reported" and "KL 6:40" in unrep.message
    assert dep.verdict == "depends" and dep.open_facts == ["amount"]
    assert attest.verdict == "ok", "a point that is not reported needs no report"
    statute = got["A10"]
    assert statute.verdict == "unauthorised" and any(r.startswith("KL 6:38") for r in statute.basis)
    assert statute.could_decide == ["ks (reglemente p. 1)"]


def test_under_vidaredelegation_either_point_may_be_cited_and_reporting_is_owed(provby: api.Mandat) -> None:
    text = ("id,date,actor,matter,point,reported\n"
            "V1,2025-03-01,ekonomichef,bisyssla,kd-vidaredelegation p. V1,ja\n"
            "V2,2025-03-01,ekonomichef,bisyssla,ks-do p. 4,ja\n"
            "V3,2025-03-01,ekonomichef,bisyssla,reglemente p. 1,ja\n"
            "V4,2025-03-01,ekonomichef,bisyssla,V1,nej\n")
    rows = audit_text(provby, text)[1]
    assert [r.verdict for r in rows] == ["ok", "ok", "wrong-point", "not-reported"]
    assert rows[0].basis[-2:] == ["ks-do p. 4", "kd-vidaredelegation p. V1"]
    assert "KL 7:7" in rows[3].message


def test_malformed_rows_name_their_line_and_the_audit_goes_on(provby: api.Mandat) -> None:
    text = HEADER + "\n".join(ROWS.values()) + "\n"
    summary, rows = audit_text(provby, text)
    lines = {r.id: r for r in rows}
    assert lines["A7"].verdict == "malformed" and lines["A7"].line == 8
    assert lines["A7"].message == "unknown actor `kommundirektörn` — did you mean `kommundirektor`?"
    assert lines["A8"].line == 9 and "is not a date" in lines["A8"].message
    assert lines["A9"].line == 10 and "8 fields, the header 7" in lines["A9"].message
    assert summary.rows == len(ROWS) and rows[-1].id == "A10", "rows after the bad ones are judged too"
    assert summary.counts == {"ok": 2, "unauthorised": 2, "wrong-point": 1, "depends": 1, "not-reported": 1,
                              "malformed": 3}


def test_csv_line_numbers_count_quoted_newlines(provby: api.Mandat) -> None:
    text = ('id,actor,matter,date,note\n'
            'B1,kommundirektor,upphandling,2025-03-01,"two\nlines"\n'
            'B2,nobody,upphandling,2025-03-01,x\n')
    rows = audit_text(provby, text)[1]
    assert [(r.id, r.line, r.verdict) for r in rows] == [("B1", 2, "depends"), ("B2", 4, "malformed")]


def test_json_lines_with_a_facts_object_and_bad_lines(provby: api.Mandat) -> None:
    lines = [
        {"id": "J1", "date": "2025-03-01", "actor": "ekonomichef", "matter": "upphandling", "point": "2",
         "reported": True, "facts": {"amount": 50000}},
        "not json",
        [1, 2],
        {"id": "J4", "date": "2025-03-01", "actor": "ekonomichef", "matter": "upphandling", "facts": "x"},
        {"id": "J5", "date": "2025-03-01", "actor": "ekonomichef", "matter": "upphandling",
         "facts": {"amount": 1, "colour": "red"}},
        {"id": "J6", "date": "2025-03-01", "decided_by": "ekonomichef", "matter": "upphandling", "fact.amount": 70},
    ]
    text = "\n".join(x if isinstance(x, str) else json.dumps(x) for x in lines) + "\n\n"
    assert sniff_format("register.jsonl", "") == "jsonl" and sniff_format("x", text) == "jsonl"
    rows = audit_text(provby, text)[1]
    assert [(r.line, r.verdict) for r in rows] == [(1, "ok"), (2, "malformed"), (3, "malformed"), (4, "malformed"),
                                                    (5, "malformed"), (6, "ok")]
    assert rows[1].message.startswith("not JSON") and "JSON object" in rows[2].message
    assert "unknown fact `colour`" in rows[4].message


def test_matter_given_as_a_title_or_a_text(provby: api.Mandat) -> None:
    text = ("id,date,actor,matter,fact.amount\n"
            "T1,2025-03-01,kommundirektören,Upphandling,300000\n"
            "T2,2025-03-01,kommundirektören,Inköp av datorer till skolan,300000\n"
            "T3,2025-03-01,kommundirektören,beslut om attestanter,\n"
            "T4,2025-03-01,kommundirektören,något helt annat,\n")
    rows = audit_text(provby, text)[1]
    assert [(r.verdict, r.matter) for r in rows[:3]] == [("ok", "upphandling"), ("ok", "upphandling"),
                                                          ("ok", "attest")]
    assert rows[3].verdict == "malformed" and rows[3].message.startswith("unknown matter `något helt annat`")


def test_cli_writes_csv_jsonl_and_a_self_contained_html_report(provby_rules: Path, tmp_path: Path) -> None:
    register = tmp_path / "register.csv"
    register.write_text(HEADER + "\n".join(ROWS.values()) + "\n", encoding="utf-8")
    runner = CliRunner()
    base = ["audit", "--rules", str(provby_rules), "-m", "provby", str(register)]
    as_csv = runner.invoke(cli, [*base, "--out", str(tmp_path / "v.csv")], standalone_mode=False)
    assert as_csv.return_value == 1, "findings exit 1"
    assert "10 rader" in as_csv.output and "malformed 3" in as_csv.output
    table = list(csv.DictReader(io.StringIO((tmp_path / "v.csv").read_text(encoding="utf-8"))))
    assert [r["verdict"] for r in table][:3] == ["ok", "unauthorised", "wrong-point"]
    as_jsonl = runner.invoke(cli, [*base, "--format", "jsonl"], standalone_mode=False)
    records = [json.loads(line) for line in as_jsonl.output.splitlines() if line.startswith("{")]
    assert len(records) == len(ROWS) and records[3]["verdict"] == "not-reported"
    as_html = runner.invoke(cli, [*base, "--format", "html", "--out", str(tmp_path / "r.html"), "--lang", "en"],
                            standalone_mode=False)
    assert as_html.exception is None, as_html.exception
    page = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "<style>" in page
    assert "http" not in page.replace("http-equiv", ""), "no external resource"
    assert "Audit of delegated decisions – Provby municipality" in page
    assert "without authority" in page and "kommundirektörn" in page and "Findings (8)" in page


def test_cli_clean_register_exits_0(provby_rules: Path, tmp_path: Path) -> None:
    register = tmp_path / "clean.jsonl"
    register.write_text(json.dumps({"id": 1, "date": "2025-03-01", "actor": "kommundirektor",
                                    "matter": "upphandling", "point": "ks-do p. 1", "reported": "ja",
                                    "facts": {"amount": 200000}}) + "\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["audit", "--rules", str(provby_rules), "-m", "provby", str(register), "-o",
                                      str(tmp_path / "out.csv")], standalone_mode=False)
    assert result.return_value == 0 and "ok 1" in result.output


def _register(path: Path, rows: int, seed: int = 7) -> None:
    """A generated register: mostly in order, a share of every kind of finding, a few broken rows."""
    rnd = random.Random(seed)
    kinds = [("kommundirektor", "upphandling", "ks-do p. 1", "ja", lambda: rnd.randint(100001, 500000))] * 14 + [
        ("ekonomichef", "upphandling", "2", "ja", lambda: rnd.randint(1, 100000))] * 10 + [
        ("kommundirektor", "attest", "3", "nej", lambda: "")] * 4 + [
        ("ekonomichef", "upphandling", "2", "ja", lambda: rnd.randint(100001, 900000)),  # unauthorised
        ("ekonomichef", "upphandling", "ks-do p. 1", "ja", lambda: rnd.randint(1, 100000)),  # wrong point
        ("ekonomichef", "upphandling", "2", "nej", lambda: rnd.randint(1, 100000)),  # not reported
        ("kommundirektor", "upphandling", "1", "ja", lambda: ""),  # depends
        ("kommundirektorn", "upphandling", "1", "ja", lambda: 5)]  # malformed
    with path.open("w", encoding="utf-8", newline="") as f:
        out = csv.writer(f)
        out.writerow(["id", "date", "actor", "matter", "point", "reported", "fact.amount"])
        for i in range(rows):
            actor, matter, point, reported, amount = kinds[rnd.randrange(len(kinds))]
            out.writerow([f"KS-{i}", f"2025-{1 + i % 12:02d}-{1 + i % 28:02d}", actor, matter, point, reported,
                          amount()])


PEAK = """
import gc, json, resource, sys, tracemalloc
from engine import api, audit
m = api.load("provby", sys.argv[1])
trace = sys.argv[3].startswith("trace")
if sys.argv[3].endswith("nogc"):  # as `mandat audit` runs: the audit's own collections only
    gc.freeze()
    gc.disable()
if trace:
    tracemalloc.start()
rss = {}
def tick(rows):
    if rows == 10_000:
        rss["at_10000"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
with open(sys.argv[2], encoding="utf-8", newline="") as f:
    summary = audit.run(m, f, "csv", lambda v: None, progress=tick, every=10_000)
peak = tracemalloc.get_traced_memory()[1] if trace else 0
print(json.dumps({**summary.as_dict(), "peak": peak, **rss,
                  "rss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}))
"""


def _audit_in_subprocess(rules: Path, path: Path, mode: str) -> dict:
    done = subprocess.run([sys.executable, "-c", PEAK, str(rules), str(path), mode], capture_output=True, text=True,
                          cwd=ROOT, check=True)
    return json.loads(done.stdout)


@pytest.mark.parametrize("mode", ["trace", "trace-nogc"])
def test_traced_peak_does_not_grow_with_the_rows(provby_rules: Path, tmp_path: Path, mode: str) -> None:
    small, large = tmp_path / "small.csv", tmp_path / "large.csv"
    _register(small, 4_000)
    _register(large, 24_000)
    a, b = _audit_in_subprocess(provby_rules, small, mode), _audit_in_subprocess(provby_rules, large, mode)
    assert b["rows"] == 24_000
    # six times the rows, and the peak of the Python heap during the audit barely moves
    assert b["peak"] < a["peak"] * 1.3 + 100_000, (a["peak"], b["peak"])


@pytest.mark.slow
@pytest.mark.parametrize("mode", ["rss", "rss-nogc"])
def test_a_100000_row_register_audits_with_flat_memory(provby_rules: Path, tmp_path: Path, mode: str) -> None:
    register = tmp_path / "register.csv"
    _register(register, 100_000)
    run = _audit_in_subprocess(provby_rules, register, mode)
    assert run["rows"] == 100_000 and all(run["counts"][k] > 0 for k in run["counts"])
    assert run["rss_kb"] - run["at_10000"] < 8_000, "the resident set grows after the first 10,000 rows"
    print(f"\n100,000 rows: {run['rows_per_second']:.0f} rows/s, {run['seconds']:.1f} s; max RSS "
          f"{run['at_10000'] / 1024:.1f} MB after 10,000 rows, {run['rss_kb'] / 1024:.1f} MB after 100,000")


def test_cli_errors_are_one_line_and_stdin_works(provby_rules: Path, tmp_path: Path) -> None:
    base = [sys.executable, "-m", "cli.main", "audit", "--rules", str(provby_rules), "-m", "provby"]
    missing = subprocess.run([*base, str(tmp_path / "none.csv")], capture_output=True, text=True, cwd=ROOT)
    assert missing.returncode == 64 and missing.stderr.startswith("fel: ") and "Traceback" not in missing.stderr
    piped = subprocess.run([*base, "-", "--format", "jsonl"], input=HEADER + ROWS["ok"] + "\n", capture_output=True,
                           text=True, cwd=ROOT)
    assert piped.returncode == 0 and json.loads(piped.stdout)["verdict"] == "ok" and "1 rader" in piped.stderr
