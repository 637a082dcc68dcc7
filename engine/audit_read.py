"""Reading a register of decisions for the audit (engine/audit.py): CSV or JSON Lines, one row at a time.

A CSV header is read once into a plan of the columns that matter; each row is then a few index look-ups.
A row that cannot be read becomes a `RegisterRow` with `error` set and the line it starts on.
"""

from __future__ import annotations

import csv
import functools
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import IO, Any

# the column names a register may use for each field (Swedish exports included); facts: `fact.X`/`fakta.X`
ALIASES = {
    "id": ("id", "diarienummer", "dnr", "beslut", "beslutsid", "decision"),
    "date": ("date", "datum", "beslutsdatum", "decided"),
    "actor": ("actor", "decided_by", "delegat", "beslutsfattare", "decider"),
    "matter": ("matter", "arende", "ärende", "matter_text"),
    "point": ("point", "punkt", "delegationspunkt", "delegation_point", "cited_point"),
    "reported": ("reported", "anmald", "anmäld", "anmalt", "anmält", "anmalan", "anmälan"),
    "facts": ("facts", "fakta"),
}
FACT_PREFIXES = ("fact.", "fakta.")
MAX_LINE = 1_000_000  # characters in one line of a register; a longer line is a malformed row
TOO_LONG = f"the line is longer than {MAX_LINE:,} characters"


@dataclass(slots=True)
class RegisterRow:
    """One row of the register, read but not yet judged."""

    line: int
    id: str = ""
    date: str = ""
    actor: str = ""
    matter: str = ""
    point: str = ""
    reported: str = ""
    facts: dict[str, Any] = field(default_factory=dict)
    error: str = ""  # set when the row could not be read at all

    def fields(self) -> tuple[Any, ...]:
        """The fields in order: `RegisterRow(*d.fields())` is `d` again (what goes to a worker process)."""
        return self.line, self.id, self.date, self.actor, self.matter, self.point, self.reported, self.facts, self.error


def sniff_format(name: str, head: str) -> str:
    """'csv' or 'jsonl', from the file name or else from the first character of the content."""
    low = name.lower()
    if low.endswith((".jsonl", ".ndjson", ".json")):
        return "jsonl"
    if low.endswith((".csv", ".tsv", ".txt")):
        return "csv"
    return "jsonl" if head.lstrip().startswith("{") else "csv"


def _key(name: str) -> str:
    return name.strip().casefold().replace(" ", "_").replace("-", "_")


_FIELD = {_key(alias): name for name, aliases in ALIASES.items() for alias in aliases}


@functools.lru_cache(maxsize=1024)
def _classify(raw_key: str) -> tuple[str, str] | None:
    """What a column holds: ("fact", id), ("facts", ""), (field, "") or None (ignored)."""
    key = _key(raw_key)
    for prefix in FACT_PREFIXES:
        if key.startswith(prefix):
            return "fact", key[len(prefix):]
    name = _FIELD.get(key)
    return (name, "") if name else None


def _put(d: RegisterRow, raw_key: str, name: str, fact: str, value: Any) -> bool:
    """Put one column's value into `d`; False (and `d.error` set) when the value cannot be read."""
    if name == "fact":
        if value not in (None, ""):
            d.facts[fact] = value
    elif name == "facts":
        if isinstance(value, str) and value.strip():
            try:
                value = json.loads(value)
            except ValueError:
                d.error = f"column `{raw_key}`: not a JSON object: {value[:60]!r}"
                return False
        if value not in (None, "") and not isinstance(value, dict):
            d.error = f"column `{raw_key}`: facts must be a JSON object such as {{\"amount\": 300000}}"
            return False
        d.facts.update({k: v for k, v in (value or {}).items() if v not in (None, "")})
    else:
        setattr(d, name, "" if value is None else str(value).strip())
    return True


def _decision(line: int, record: dict[str, Any]) -> RegisterRow:
    d = RegisterRow(line)
    for raw_key, value in record.items():
        what = _classify(str(raw_key))
        if what is not None and not _put(d, str(raw_key), *what, value):
            return d
    return d


class _Lines:
    """The stream's lines, each at most `MAX_LINE` long: a longer one is read past in chunks, never held,
    and stands as a line of its own (`TOO_LONG_LINE`) counted in `too_long`."""

    TOO_LONG_LINE = "\x00line-too-long\x00\n"

    def __init__(self, stream: IO[str]) -> None:
        self.stream = stream
        self.too_long = 0

    def __iter__(self) -> Iterator[str]:
        readline = self.stream.readline
        while True:
            line = readline(MAX_LINE + 1)
            if not line:
                return
            if len(line) > MAX_LINE:
                while line and not line.endswith("\n"):
                    line = readline(MAX_LINE)
                self.too_long += 1
                yield self.TOO_LONG_LINE
                continue
            yield line


def _plan(names: list[str]) -> list[tuple[int, str, str, str]]:
    """(index, header name, field, fact) for each column that matters, in the order a record of the row would
    list them (a repeated header name: its last column, at its first place)."""
    last = dict(zip(names, range(len(names)), strict=True))
    return [(i, raw, *what) for raw, i in last.items() if (what := _classify(raw)) is not None]


def read_csv(stream: IO[str]) -> Iterator[RegisterRow]:
    """Decisions from a CSV register (delimiter `,`, `;` or tab, sniffed from the header line)."""
    source = _Lines(stream)
    lines = iter(source)
    header = next(lines, "")
    if header == _Lines.TOO_LONG_LINE:
        yield RegisterRow(1, error=f"the header: {TOO_LONG}")
        return
    if not header.strip():
        return
    delim = max((";", ",", "\t"), key=header.count)
    try:
        names = next(csv.reader([header], delimiter=delim))
    except csv.Error as exc:  # e.g. a carriage return inside the header line
        yield RegisterRow(1, error=f"unreadable CSV header: {exc}")
        return
    plan, width = _plan(names), len(names)
    reader = csv.reader(lines, delimiter=delim)
    line = 1
    while True:
        start = line + 1
        seen = source.too_long
        try:
            values = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield RegisterRow(start, error=f"unreadable CSV: {exc}")
            line = reader.line_num + 1
            continue
        line = reader.line_num + 1  # reader.line_num counts lines read after the header
        if source.too_long != seen:
            yield RegisterRow(start, error=TOO_LONG)
            continue
        if not "".join(values).strip():
            continue
        if len(values) != width:
            yield RegisterRow(start, id=values[0] if values else "",
                           error=f"the row has {len(values)} fields, the header {width}")
            continue
        d = RegisterRow(start)
        for i, raw, name, fact in plan:
            value = values[i]
            if name == "fact":
                if value:
                    d.facts[fact] = value
            elif name != "facts":
                setattr(d, name, value.strip())
            elif not _put(d, raw, name, fact, value):
                break
        yield d


def read_jsonl(stream: IO[str]) -> Iterator[RegisterRow]:
    """Decisions from a JSON Lines register: one JSON object per line."""
    for number, text in enumerate(_Lines(stream), 1):
        if text == _Lines.TOO_LONG_LINE:
            yield RegisterRow(number, error=TOO_LONG)
            continue
        if not text.strip():
            continue
        try:
            record = json.loads(text)
        except json.JSONDecodeError as exc:
            yield RegisterRow(number, error=f"not JSON: {exc.msg} at column {exc.colno}")
            continue
        except ValueError as exc:  # e.g. a number too long to convert
            yield RegisterRow(number, error=f"not JSON: {exc}")
            continue
        except RecursionError:
            yield RegisterRow(number, error="not JSON this reader accepts: nested too deeply")
            continue
        if not isinstance(record, dict):
            yield RegisterRow(number, error="a line must be a JSON object such as {\"id\": ..., \"actor\": ...}")
            continue
        yield _decision(number, record)


def read(stream: IO[str], fmt: str) -> Iterator[RegisterRow]:
    return read_jsonl(stream) if fmt == "jsonl" else read_csv(stream)
