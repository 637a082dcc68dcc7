"""The decision log: every answer given, stored in SQLite so it can be shown again and replayed.

    log = DecisionLog("answers.sqlite")           # WAL mode; safe to share between threads
    entry_id = log.record(answer, question={...}, source="service")
    log.entries(municipality="vara", answer="no")  # newest first
    replay(log.get(entry_id), api.load("vara"), log)  # re-ask now, and against the rules that answered

Each row holds the time, the question as asked, the answer, its basis refs, the rule-set id and version,
and the whole answer as JSON (the stable contract), so a past answer is shown exactly as it was given; and, once
per version, the rule files that gave it, so it can be reproduced against exactly those rules.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import tempfile
import threading
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from engine.answer import Answer
from engine.errors import UsageError

SCHEMA = """
CREATE TABLE IF NOT EXISTS answers (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    time TEXT NOT NULL,
    source TEXT NOT NULL,
    municipality TEXT NOT NULL,
    actor TEXT NOT NULL,
    matter TEXT NOT NULL,
    date TEXT NOT NULL,
    facts TEXT NOT NULL,
    lang TEXT NOT NULL,
    question TEXT NOT NULL,
    answer TEXT NOT NULL,
    basis TEXT NOT NULL,
    ruleset_id TEXT NOT NULL,
    ruleset_version TEXT NOT NULL,
    body TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS answers_by_question ON answers (municipality, actor, matter);
CREATE INDEX IF NOT EXISTS answers_by_time ON answers (time);
CREATE TABLE IF NOT EXISTS rulesets (
    version TEXT PRIMARY KEY,
    municipality TEXT NOT NULL,
    files BLOB NOT NULL
);
"""

FILTERS = ("municipality", "actor", "matter", "answer", "source", "ruleset_version")


@dataclass(frozen=True)
class Entry:
    """One logged answer."""

    id: int
    time: str
    source: str
    question: dict[str, Any]
    answer: Answer

    def summary(self) -> dict[str, Any]:
        a = self.answer
        return {"id": self.id, "time": self.time, "source": self.source, "municipality": a.municipality,
                "actor": a.actor, "matter": a.matter, "date": a.date, "facts": a.facts, "answer": a.answer,
                "basis": [b.ref for b in a.basis], "ruleset": a.ruleset.model_dump()}


@dataclass(frozen=True)
class Replay:
    """A logged answer re-asked against the current rules, and what changed."""

    entry: Entry
    now: Answer
    changes: list[dict[str, Any]] = field(default_factory=list)
    reproduced: bool | None = None  # the recorded version's rule files give the same answer (None: not stored)

    @property
    def same(self) -> bool:
        """The same answer on the same grounds (a new rule-set version alone is not a difference)."""
        return all(c["field"] == "ruleset" for c in self.changes)

    def as_dict(self) -> dict[str, Any]:
        return {"id": self.entry.id, "same": self.same, "reproduced": self.reproduced, "changes": self.changes,
                "then": self.entry.answer.model_dump(exclude_none=True),
                "now": self.now.model_dump(exclude_none=True)}


class DecisionLog:
    """A SQLite decision log at `path` (created on first use), in WAL mode, shared safely between threads."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        try:
            if self.path.parent and not self.path.parent.exists():
                raise UsageError(f"decision log {self.path}: the directory {self.path.parent} does not exist")
            self._db = sqlite3.connect(str(self.path), check_same_thread=False, isolation_level=None)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._db.execute("PRAGMA busy_timeout=5000")
            self._db.executescript(SCHEMA)
        except sqlite3.DatabaseError as exc:
            raise UsageError(f"decision log {self.path}: {exc}") from None
        self._lock = threading.Lock()
        self._stored: set[str] = set()

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def __enter__(self) -> DecisionLog:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def record(self, answer: Answer, *, question: dict[str, Any] | None = None, source: str = "api",
               mandat: Any = None) -> int:
        """Store one answer; returns its id. `question` is the question as asked (names as the asker wrote them).

        Given the `mandat` that answered, the rule files of its version are stored too (once per version), so the
        answer can later be reproduced against exactly those rules (`replay`)."""
        if mandat is not None and mandat.version not in self._stored:
            self._store_rules(mandat)
        now = dt.datetime.now(dt.UTC).isoformat(timespec="microseconds")
        asked = question or {"actor": answer.actor, "matter": answer.matter, "facts": answer.facts,
                             "date": answer.date, "lang": answer.lang}
        row = (now, source, answer.municipality, answer.actor, answer.matter, answer.date,
               json.dumps(answer.facts, ensure_ascii=False, sort_keys=True), answer.lang,
               json.dumps(asked, ensure_ascii=False, default=str), answer.answer,
               json.dumps([b.ref for b in answer.basis], ensure_ascii=False), answer.ruleset.id,
               answer.ruleset.version, answer.model_dump_json())
        with self._lock:
            cur = self._db.execute(
                "INSERT INTO answers (time, source, municipality, actor, matter, date, facts, lang, question,"
                " answer, basis, ruleset_id, ruleset_version, body) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)", row)
            return int(cur.lastrowid or 0)

    def _store_rules(self, mandat: Any) -> None:
        files = snapshot(mandat)
        with self._lock:
            if files is not None:
                self._db.execute("INSERT OR IGNORE INTO rulesets (version, municipality, files) VALUES (?,?,?)",
                                 (mandat.version, mandat.id, zlib.compress(json.dumps(files).encode())))
            self._stored.add(mandat.version)

    def rules_of(self, version: str) -> dict[str, Any] | None:
        """The rule files stored for a version, as `snapshot` gave them; None when not stored."""
        with self._lock:
            row = self._db.execute("SELECT files FROM rulesets WHERE version = ?", (version,)).fetchone()
        return json.loads(zlib.decompress(row[0])) if row else None

    def get(self, entry_id: int) -> Entry:
        with self._lock:
            row = self._db.execute("SELECT id, time, source, question, body FROM answers WHERE id = ?",
                                   (entry_id,)).fetchone()
        if row is None:
            raise UsageError(f"no answer #{entry_id} in the decision log {self.path}")
        return _entry(row)

    def entries(self, *, since: str | None = None, until: str | None = None, limit: int | None = 100,
                **filters: str | None) -> list[Entry]:
        """Logged answers, newest first, filtered by equality on FILTERS and by time (ISO, inclusive)."""
        where, args = [], []
        for name, value in filters.items():
            if name not in FILTERS:
                raise UsageError(f"cannot filter the decision log by `{name}` (use {', '.join(FILTERS)})")
            if value is not None:
                where.append(f"{name} = ?")
                args.append(value)
        if since:
            where.append("time >= ?")
            args.append(since)
        if until:
            where.append("time <= ?")
            args.append(until + ("~" if len(until) == 10 else ""))  # a bare date covers the whole day
        sql = "SELECT id, time, source, question, body FROM answers"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY id DESC"
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        with self._lock:
            rows = self._db.execute(sql, args).fetchall()
        return [_entry(r) for r in rows]

    def count(self) -> int:
        with self._lock:
            return int(self._db.execute("SELECT count(*) FROM answers").fetchone()[0])


def _entry(row: tuple[Any, ...]) -> Entry:
    return Entry(id=row[0], time=row[1], source=row[2], question=json.loads(row[3]),
                 answer=Answer.model_validate_json(row[4]))


def _reask(entry: Entry, mandat: Any) -> Answer:
    then = entry.answer
    return mandat.ask(then.actor, then.matter, facts=dict(then.facts), date=then.date, lang=then.lang,  # type: ignore[no-any-return]
                      explain=then.paths is not None)


def replay(entry: Entry, mandat: Any, log: DecisionLog | None = None) -> Replay:
    """Re-ask a logged question of `mandat` (a loaded `engine.api.Mandat`) and list what differs.

    With the `log` that holds the rule files of the version that answered, the question is also re-asked against
    those files: `reproduced` says whether they give the recorded answer again."""
    now = _reask(entry, mandat)
    reproduced = None
    files = log.rules_of(entry.answer.ruleset.version) if log is not None else None
    if files is not None:
        reproduced = _reproduce(entry, files)
    return Replay(entry, now, diff(entry.answer, now), reproduced)


def snapshot(mandat: Any) -> dict[str, Any] | None:
    """The rule files behind `mandat`'s version, read from disk and checked against the version; else None."""
    from engine.loader import _digest, _yaml_files
    from engine.ruleset import _combine

    try:
        mun_file = mandat.rules.origins[("municipality", "-")].path
        mun_dir = next((p for p in mun_file.parents if p.parent.name == "municipalities"), mun_file.parent)
        stat_dir = mun_dir.parent.parent / "statutes" / mandat.rules.country
        if not stat_dir.is_dir():
            return None
        parts = {"statutes": stat_dir, "municipality": mun_dir}
        paths = {k: _yaml_files(d) for k, d in parts.items()}
        if "sha256:" + _combine(_digest(paths["statutes"], stat_dir), _digest(paths["municipality"], mun_dir)) \
                != mandat.version:  # the files changed since they were loaded: not the version that answered
            return None
        files = {k: {str(p.relative_to(parts[k])): p.read_text(encoding="utf-8") for p in paths[k]} for k in parts}
    except Exception:  # noqa: BLE001 - no snapshot only means no reproduction later
        return None
    return {"country": mandat.rules.country, "municipality_id": mun_dir.name, **files}


def _reproduce(entry: Entry, files: dict[str, Any]) -> bool:
    from engine import api

    with tempfile.TemporaryDirectory() as tmp:
        stat_dir = Path(tmp) / "statutes" / files["country"]
        mun_dir = Path(tmp) / "municipalities" / files["municipality_id"]
        for base, key in ((stat_dir, "statutes"), (mun_dir, "municipality")):
            for rel, text in files[key].items():
                (base / rel).parent.mkdir(parents=True, exist_ok=True)
                (base / rel).write_text(text, encoding="utf-8")
        recorded = api.load_path(mun_dir, Path(tmp) / "statutes")
        return recorded.version == entry.answer.ruleset.version and _reask(entry, recorded) == entry.answer


def diff(then: Answer, now: Answer) -> list[dict[str, Any]]:
    """The differences that matter between two answers to one question: verdict, basis, conditions, ..."""
    changes: list[dict[str, Any]] = []

    def compare(name: str, a: Any, b: Any) -> None:
        if a != b:
            changes.append({"field": name, "then": a, "now": b})

    compare("answer", then.answer, now.answer)
    compare("basis", [b.ref for b in then.basis], [b.ref for b in now.basis])
    compare("points", [f"{b.document} p. {b.point}" for b in then.basis if b.document],
            [f"{b.document} p. {b.point}" for b in now.basis if b.document])
    compare("conditions", [(c.fact, c.requirement, c.status) for c in then.conditions],
            [(c.fact, c.requirement, c.status) for c in now.conditions])
    compare("open_facts", [f.fact for f in then.open_facts], [f.fact for f in now.open_facts])
    compare("obligations", [o.ref for o in then.obligations], [o.ref for o in now.obligations])
    compare("alternatives", [a.actor for a in then.alternatives], [a.actor for a in now.alternatives])
    compare("ruleset", then.ruleset.version, now.ruleset.version)
    for change in changes:  # tuples come back from JSON as lists: keep one shape
        for key in ("then", "now"):
            if isinstance(change[key], list):
                change[key] = [list(x) if isinstance(x, tuple) else x for x in change[key]]
    return changes
