"""The audit's fast paths: rows judged in worker processes (the same verdicts row for row, in order, as in one
process) and the judge's memos (exact, bounded)."""

from __future__ import annotations

import io
import json
import os
import random
import re
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli.main import cli
from engine import api, audit, audit_pool
from engine.audit import COLUMNS, Judge, Verdict
from engine.audit_read import RegisterRow, read
from engine.errors import UsageError
from engine.facts import normalise_facts


@pytest.fixture
def small_batches(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(audit_pool, "BATCH", 7)  # a few dozen rows make many batches


def _register(rows: int, seed: int = 3) -> str:
    """Every verdict, names and dates in several spellings, and rows that cannot be read, mixed."""
    rnd = random.Random(seed)
    lines = ["id;datum;delegat;ärende;punkt;anmäld;fact.amount"]
    for i in range(rows):
        actor = rnd.choice(["kommundirektor", "kommundirektören", "ekonomichef", "ekonomichefen", "ks",
                            "kommundirektörn", ""])
        matter = rnd.choice(["upphandling", "Upphandling", "attest", "bisyssla", "yttrande-till-kf", "okänt"])
        date = rnd.choice(["2025-03-01", "2024-11-30", "2025-13-01", "2023-06-15", ""])
        point = rnd.choice(["", "ks-do p. 1", "2", "ks-do:3", "kd-vidaredelegation p. V1", "9"])
        amount = rnd.choice(["", "5", "50000", "300000", "900000", "x"])
        row = [f"R{i}", date, actor, matter, point, rnd.choice(["ja", "nej", "", "kanske"]), amount]
        if i % 17 == 5:
            row.append("extra")  # a field too many
        if i % 23 == 7:
            row[0] = f'"R{i}\nsecond line"'  # a quoted newline: line numbers after it move on by one
        lines.append(";".join(row))
        if i % 19 == 3:
            lines.append("")
    return "\n".join(lines) + "\n"


def _verdicts(m: api.Mandat, text: str, fmt: str, workers: int) -> tuple[audit.Summary, list[Verdict]]:
    rows: list[Verdict] = []
    summary = audit.run(m, io.StringIO(text), fmt, rows.append, workers=workers)
    return summary, rows


def test_parallel_verdicts_equal_serial_row_for_row(provby: api.Mandat, small_batches: None) -> None:
    text = _register(300)
    one, serial = _verdicts(provby, text, "csv", 1)
    two, parallel = _verdicts(provby, text, "csv", 2)
    assert [v.fields() for v in parallel] == [v.fields() for v in serial]
    assert two.counts == one.counts and two.rows == one.rows == 300
    assert all(one.counts[k] for k in audit.VERDICTS), one.counts
    assert [v.id for v in parallel][:3] == ["R0", "R1", "R2"], "in the order of the rows"


def test_parallel_jsonl_equals_serial(provby: api.Mandat, small_batches: None) -> None:
    records = [r for r in read(io.StringIO(_register(120)), "csv") if not r.error]
    text = "\n".join(json.dumps({"id": d.id, "date": d.date, "actor": d.actor, "matter": d.matter, "point": d.point,
                                 "reported": d.reported, "facts": d.facts}) for d in records)
    text += "\nnot json\n[1]\n"
    serial, parallel = _verdicts(provby, text, "jsonl", 1)[1], _verdicts(provby, text, "jsonl", 2)[1]
    assert [v.fields() for v in parallel] == [v.fields() for v in serial]
    assert [v.verdict for v in parallel[-2:]] == ["malformed", "malformed"]


def test_rows_that_cannot_be_read_keep_their_line_numbers_in_parallel(provby: api.Mandat,
                                                                     small_batches: None) -> None:
    text = _register(60)
    rows = _verdicts(provby, text, "csv", 2)[1]
    extra = next(v for v in rows if v.id == "R5")
    assert extra.verdict == "malformed" and "8 fields, the header 7" in extra.message
    assert extra.line == 1 + text.split("\n").index(next(x for x in text.split("\n") if x.startswith("R5;")))
    after = next(v for v in rows if v.id == "R8")  # after R7's quoted newline and the blank line after R3
    assert after.line == 2 + 8 + 1 + 1


def test_one_batch_is_judged_in_this_process(provby: api.Mandat, monkeypatch: pytest.MonkeyPatch) -> None:
    def no_pool(*args: object, **kwargs: object) -> None:
        raise AssertionError("a pool for a register of one batch")

    monkeypatch.setattr(audit_pool, "ProcessPoolExecutor", no_pool)
    summary, rows = _verdicts(provby, _register(50), "csv", 2)
    assert summary.rows == 50 and [v.fields() for v in rows] == [v.fields() for v in
                                                                  _verdicts(provby, _register(50), "csv", 1)[1]]


def _dies(rows: list[tuple[object, ...]]) -> list[tuple[object, ...]]:
    os._exit(3)


def test_a_worker_that_dies_fails_the_audit(provby: api.Mandat, small_batches: None,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(audit_pool, "_judge_rows", _dies)  # forked workers inherit the patch
    seen: list[Verdict] = []
    with pytest.raises(BrokenProcessPool):
        audit.run(provby, io.StringIO(_register(100)), "csv", seen.append, workers=2)
    assert not seen, "no verdict is given for a row no worker judged"


def test_cli_output_is_the_same_with_one_or_two_jobs(provby_rules: Path, tmp_path: Path, small_batches: None) -> None:
    register = tmp_path / "register.csv"
    register.write_text(_register(200), encoding="utf-8")
    runner = CliRunner()
    for fmt in ("csv", "jsonl", "html"):
        outputs = []
        for jobs in ("1", "2"):
            out = tmp_path / f"out-{jobs}.{fmt}"
            result = runner.invoke(cli, ["audit", "--rules", str(provby_rules), "-m", "provby", str(register), "--format", fmt,
                                         "--out", str(out), "-j", jobs], standalone_mode=False)
            assert result.exception is None and result.return_value == 1, result.output
            outputs.append(re.sub(r"\d{4}-\d\d-\d\d \d\d:\d\d, ", "", out.read_text(encoding="utf-8")))
        assert outputs[0] == outputs[1], fmt


def test_standard_input_with_two_jobs(provby_rules: Path, small_batches: None) -> None:
    register = _register(80)
    outputs = [CliRunner().invoke(cli, ["audit", "--rules", str(provby_rules), "-m", "provby", "-", "--format", "jsonl",
                                        "-j", jobs], input=register, standalone_mode=False) for jobs in ("1", "2")]
    assert outputs[0].exception is None and outputs[1].exception is None
    assert outputs[0].stdout == outputs[1].stdout and outputs[1].stdout.count("\n") == 80


def test_verdict_rows_and_dicts_follow_the_columns() -> None:
    v = Verdict(4, "X1", "unauthorised", "2025-03-01", "a", "m", "p. 1", ["p. 2"], ["KL 6:38", "p. 2"],
                ["ks (p. 1)", "kd (p. 2)"], [], "no")
    assert v.as_row() == [", ".join(x) if isinstance(x, list) else str(x) for x in (getattr(v, c) for c in COLUMNS)]
    assert list(v.as_dict()) == list(COLUMNS) and v.as_dict()["basis"] == ["KL 6:38", "p. 2"]
    assert Verdict(*v.fields()) == v
    d = RegisterRow(3, "X1", "2025-03-01", "a", "m", "", "ja", {"amount": "5"})
    assert RegisterRow(*d.fields()) == d


def test_the_judge_memos_are_bounded_and_exact(provby: api.Mandat, monkeypatch: pytest.MonkeyPatch) -> None:
    decisions = list(read(io.StringIO(_register(200)), "csv"))
    expected = [Judge(provby)(d).fields() for d in decisions]
    monkeypatch.setattr(Judge, "SIZE", 2)  # the memos are emptied again and again
    small = Judge(provby)
    assert [small(d).fields() for d in decisions] == expected
    assert max(len(small._names), len(small._dates), len(small._chains)) <= 2


@pytest.mark.parametrize("facts", [
    {"amount": "300 000"}, {"amount": 1}, {"amount": True}, {"amount": 1.0}, {"amount": "1"}, {"amount": -5},
    {"urgent": 1}, {"urgent": "ja"}, {"urgent": True}, {"urgent": "kanske"}, {"amount": [1]}, {"colour": "red"},
    {"urgent": "nej", "amount": "5 tkr", "colour": "x"}, {"amount": "x", "urgent": "y"},
])
def test_facts_are_normalised_as_normalise_facts_does(provby: api.Mandat, facts: dict) -> None:
    judge = Judge(provby)
    for _ in range(2):  # the second time from the memo
        try:
            expected: object = normalise_facts(provby.rules, facts)
        except UsageError as exc:
            expected = exc.message
        try:
            got: object = judge.facts(facts)
        except UsageError as exc:
            got = exc.message
        assert got == expected and type(got) is type(expected)
        if isinstance(got, dict):
            assert [type(v) for v in got.values()] == [type(v) for v in expected.values()]  # type: ignore[union-attr]
