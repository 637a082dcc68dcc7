"""The decision log: answers stored in SQLite (WAL), listed, filtered, shown again and replayed."""

from __future__ import annotations

import json
import shutil
import sqlite3
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli.main import cli
from engine import api
from engine.decisionlog import DecisionLog, diff, replay
from engine.errors import UsageError

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "tests" / "fixtures" / "rulesets" / "provby"


@pytest.fixture()
def rules(tmp_path: Path) -> Path:
    """A rules directory of the statute layer and the provby test municipality, free to change."""
    shutil.copytree(ROOT / "rules" / "statutes", tmp_path / "rules" / "statutes")
    shutil.copytree(FIXTURE, tmp_path / "rules" / "municipalities" / "provby")
    return tmp_path / "rules"


def _load(rules: Path) -> api.Mandat:
    return api.load("provby", rules)


def test_record_and_get_gives_back_the_same_answer(rules: Path, tmp_path: Path) -> None:
    m = _load(rules)
    answer = m.ask("kommundirektören", "upphandling", facts={"amount": 300000}, date="2025-03-01")
    with DecisionLog(tmp_path / "log.sqlite") as log:
        entry_id = log.record(answer, question={"actor": "kommundirektören", "matter": "upphandling"}, source="api")
        entry = log.get(entry_id)
    assert entry.answer == answer
    assert entry.question["actor"] == "kommundirektören"
    assert entry.summary()["basis"] == [b.ref for b in answer.basis]
    assert entry.summary()["ruleset"] == {"id": "provby", "version": m.version}


def test_the_log_is_in_wal_mode_with_the_fields_asked_for(rules: Path, tmp_path: Path) -> None:
    m = _load(rules)
    path = tmp_path / "log.sqlite"
    with DecisionLog(path) as log:
        log.record(m.ask("ekonomichef", "upphandling", facts={"amount": 900000}, date="2025-03-01"), source="cli")
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    row = db.execute("SELECT time, source, answer, basis, ruleset_id, ruleset_version, question FROM answers").fetchone()
    assert row[0].startswith("20") and "T" in row[0]
    assert row[1:3] == ("cli", "no")
    assert json.loads(row[3])  # the refs that deny
    assert row[4:6] == ("provby", m.version)


def test_entries_filter_and_come_newest_first(rules: Path, tmp_path: Path) -> None:
    m = _load(rules)
    with DecisionLog(tmp_path / "log.sqlite") as log:
        log.record(m.ask("kommundirektor", "upphandling", facts={"amount": 300000}, date="2025-03-01"))
        log.record(m.ask("ekonomichef", "upphandling", facts={"amount": 900000}, date="2025-03-01"))
        log.record(m.ask("kommundirektor", "upphandling", date="2025-03-01"))
        assert [e.answer.answer for e in log.entries()] == ["depends", "no", "yes"]
        assert [e.answer.actor for e in log.entries(answer="no")] == ["ekonomichef"]
        assert len(log.entries(actor="kommundirektor")) == 2
        assert len(log.entries(limit=1)) == 1
        assert log.entries(since="2999-01-01") == []
        assert len(log.entries(until="2999-01-01")) == 3
        with pytest.raises(UsageError, match="cannot filter"):
            log.entries(colour="red")
        with pytest.raises(UsageError, match="no answer #99"):
            log.get(99)


def test_concurrent_writers_lose_nothing(rules: Path, tmp_path: Path) -> None:
    m = _load(rules)
    answer = m.ask("kommundirektor", "upphandling", facts={"amount": 300000}, date="2025-03-01")
    with DecisionLog(tmp_path / "log.sqlite") as log:
        threads = [threading.Thread(target=lambda: [log.record(answer) for _ in range(50)]) for _ in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert log.count() == 200
        assert len({e.id for e in log.entries(limit=None)}) == 200


def test_replay_against_the_same_rules_is_the_same(rules: Path, tmp_path: Path) -> None:
    m = _load(rules)
    with DecisionLog(tmp_path / "log.sqlite") as log:
        entry = log.get(log.record(m.ask("ekonomichef", "upphandling", facts={"amount": 50000}, date="2025-03-01")))
    result = replay(entry, m)
    assert result.same and result.changes == []
    assert result.now == entry.answer


def test_replay_against_changed_rules_shows_the_difference(rules: Path, tmp_path: Path) -> None:
    before = _load(rules)
    with DecisionLog(tmp_path / "log.sqlite") as log:
        entry = log.get(log.record(before.ask("ekonomichef", "upphandling", facts={"amount": 50000},
                                              date="2025-03-01")))
    assert entry.answer.answer == "yes"
    order = rules / "municipalities" / "provby" / "provby.yaml"
    order.write_text(order.read_text(encoding="utf-8").replace("max: 100000}", "max: 10000}"), encoding="utf-8")
    after = _load(rules)
    result = replay(entry, after)
    assert not result.same
    fields = {c["field"]: c for c in result.changes}
    assert fields["answer"] == {"field": "answer", "then": "yes", "now": "no"}
    assert fields["ruleset"]["then"] == before.version and fields["ruleset"]["now"] == after.version
    assert diff(entry.answer, entry.answer) == []


def test_the_rules_that_answered_are_stored_and_reproduce_the_answer(rules: Path, tmp_path: Path) -> None:
    before = _load(rules)
    question = ("ekonomichef", "upphandling")
    with DecisionLog(tmp_path / "log.sqlite") as log:
        first = log.record(before.ask(*question, facts={"amount": 50000}, date="2025-03-01"), mandat=before)
        log.record(before.ask(*question, facts={"amount": 70000}, date="2025-03-01"), mandat=before)
        stored = log.rules_of(before.version)
        assert stored is not None and stored["country"] == "se" and "provby.yaml" in stored["municipality"]
        assert sqlite3.connect(log.path).execute("SELECT count(*) FROM rulesets").fetchone()[0] == 1
        order = rules / "municipalities" / "provby" / "provby.yaml"
        order.write_text(order.read_text(encoding="utf-8").replace("max: 100000}", "max: 10000}"), encoding="utf-8")
        after = _load(rules)
        result = replay(log.get(first), after, log)
        assert result.reproduced is True, "the stored files give the recorded answer again"
        assert result.now.answer == "no" and not result.same
        assert result.as_dict()["reproduced"] is True
        # the files on disk changed after `before` loaded: they are not its version, so nothing is stored for it
        fresh = DecisionLog(tmp_path / "other.sqlite")
        fresh.record(before.ask(*question, facts={"amount": 5}, date="2025-03-01"), mandat=before)
        assert fresh.rules_of(before.version) is None
        assert replay(fresh.get(1), after, fresh).reproduced is None
        fresh.close()


def test_cli_ask_log_then_list_show_and_replay(rules: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    path = tmp_path / "log.sqlite"
    base = ["--rules", str(rules), "-m", "provby"]
    result = runner.invoke(cli, ["ask", *base, "-a", "ekonomichef", "-x", "upphandling", "-f", "amount=50000",
                                 "-d", "2025-03-01", "--log", str(path)], standalone_mode=False)
    assert result.exception is None, result.output
    listed = runner.invoke(cli, ["log", "--log", str(path), "--format", "json"], standalone_mode=False)
    rows = json.loads(listed.output)
    assert [(r["actor"], r["answer"], r["source"]) for r in rows] == [("ekonomichef", "yes", "cli")]
    text = runner.invoke(cli, ["log", "--log", str(path), "--answer", "yes"], standalone_mode=False).output
    assert "ekonomichef" in text and "upphandling" in text
    assert runner.invoke(cli, ["log", "--log", str(path), "--answer", "no", "--format", "json"],
                         standalone_mode=False).output.strip() == "[]"
    shown = json.loads(runner.invoke(cli, ["log", "show", str(rows[0]["id"]), "--log", str(path), "--format", "json"],
                                     standalone_mode=False).output)
    assert shown["answer"]["answer"] == "yes" and shown["question"]["actor"] == "ekonomichef"
    same = runner.invoke(cli, ["log", "replay", str(rows[0]["id"]), "--log", str(path), "--rules", str(rules)],
                         standalone_mode=False)
    assert same.return_value == 0 and "samma svar på samma grund" in same.output
    assert "de lagrade reglerna ger samma svar igen" in same.output
    order = rules / "municipalities" / "provby" / "provby.yaml"
    order.write_text(order.read_text(encoding="utf-8").replace("max: 100000}", "max: 10000}"), encoding="utf-8")
    changed = runner.invoke(cli, ["log", "replay", str(rows[0]["id"]), "--log", str(path), "--rules", str(rules),
                                  "--format", "json"], standalone_mode=False)
    data = json.loads(changed.output)
    assert changed.return_value == 1 and data["same"] is False and data["reproduced"] is True
    assert {"field": "answer", "then": "yes", "now": "no"} in data["changes"]


def test_cli_log_errors_are_one_line(tmp_path: Path) -> None:
    import subprocess
    import sys

    missing = subprocess.run([sys.executable, "-m", "cli.main", "log", "--log", str(tmp_path / "none.sqlite")],
                             capture_output=True, text=True, cwd=ROOT)
    assert missing.returncode == 64
    assert missing.stderr.strip().startswith("fel: no decision log at") and "Traceback" not in missing.stderr
