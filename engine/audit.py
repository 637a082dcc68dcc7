"""Audit a register of delegated decisions (CSV or JSON Lines) against a rule set, row by row, streaming.

Each row is one decision: `id`, `date`, `actor` (who decided), `matter` (an id, a title or a text),
`point` (the delegation point cited), the case facts (columns `fact.amount`, ... or a JSON `facts` column)
and `reported` (whether it was reported to the board). Each row gets a verdict:

    ok            authorised, under the point cited (or none cited), reported where that was required
    unauthorised  no chain of authority reaches the actor; `could_decide` names who could have
    wrong-point   authorised, but under another point than the one cited
    depends       a fact the answer turns on is missing (`open_facts`)
    not-reported  the log says it was not reported, and the point required reporting
    malformed     the row cannot be read (unknown name, bad date, bad facts): `message`, with the line

Rows are read and judged one at a time: memory stays flat however long the file.
"""

from __future__ import annotations

import csv
import functools
import gc
import io
import json
import re
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field
from typing import IO, Any

from engine.errors import MandatError, UsageError
from engine.evaluate import evaluate_chain, link_basis, point_label
from engine.facts import normalise_facts, parse_bool, parse_date
from engine.models import LinkKind

VERDICTS = ("ok", "unauthorised", "wrong-point", "depends", "not-reported", "malformed")
COLUMNS = ("line", "id", "verdict", "date", "actor", "matter", "point_cited", "points", "basis",
           "could_decide", "open_facts", "message")
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


@dataclass
class Decision:
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


@dataclass
class Verdict:
    """The audit's verdict on one row."""

    line: int
    id: str
    verdict: str
    date: str = ""
    actor: str = ""
    matter: str = ""
    point_cited: str = ""
    points: list[str] = field(default_factory=list)  # the points that authorise the decision
    basis: list[str] = field(default_factory=list)
    could_decide: list[str] = field(default_factory=list)
    open_facts: list[str] = field(default_factory=list)
    message: str = ""

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    def as_row(self) -> list[str]:
        return [", ".join(v) if isinstance(v, list) else str(v) for v in (getattr(self, c) for c in COLUMNS)]


@dataclass
class Summary:
    """Counts by verdict and the speed of the run."""

    municipality: str
    ruleset: dict[str, str]
    rows: int = 0
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(VERDICTS, 0))
    seconds: float = 0.0

    @property
    def findings(self) -> int:
        return self.rows - self.counts["ok"]

    def as_dict(self) -> dict[str, Any]:
        rate = self.rows / self.seconds if self.seconds else 0.0
        return {"municipality": self.municipality, "ruleset": self.ruleset, "rows": self.rows,
                "counts": self.counts, "findings": self.findings, "seconds": round(self.seconds, 3),
                "rows_per_second": round(rate, 1)}


# -- reading ------------------------------------------------------------------------------------


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


def _decision(line: int, record: dict[str, Any]) -> Decision:
    d = Decision(line)
    for raw_key, value in record.items():
        what = _classify(str(raw_key))
        if what is None:
            continue
        name, fact = what
        if name == "fact":
            if value not in (None, ""):
                d.facts[fact] = value
        elif name == "facts":
            if isinstance(value, str) and value.strip():
                try:
                    value = json.loads(value)
                except ValueError:
                    d.error = f"column `{raw_key}`: not a JSON object: {value[:60]!r}"
                    return d
            if value not in (None, "") and not isinstance(value, dict):
                d.error = f"column `{raw_key}`: facts must be a JSON object such as {{\"amount\": 300000}}"
                return d
            d.facts.update({k: v for k, v in (value or {}).items() if v not in (None, "")})
        else:
            setattr(d, name, "" if value is None else str(value).strip())
    return d


MAX_LINE = 1_000_000  # characters in one line of a register; a longer line is a malformed row
_TOO_LONG = "\x00line-too-long\x00\n"
TOO_LONG = f"the line is longer than {MAX_LINE:,} characters"


def _lines(stream: IO[str]) -> Iterator[str]:
    """The stream's lines, each at most `MAX_LINE` long: a longer one is read past in chunks, never held."""
    while True:
        line = stream.readline(MAX_LINE + 1)
        if not line:
            return
        if len(line) > MAX_LINE:
            while line and not line.endswith("\n"):
                line = stream.readline(MAX_LINE)
            yield _TOO_LONG
            continue
        yield line


def read_csv(stream: IO[str]) -> Iterator[Decision]:
    """Decisions from a CSV register (delimiter `,`, `;` or tab, sniffed from the header line)."""
    lines = _lines(stream)
    header = next(lines, "")
    if header == _TOO_LONG:
        yield Decision(1, error=f"the header: {TOO_LONG}")
        return
    if not header.strip():
        return
    delim = max((";", ",", "\t"), key=header.count)
    try:
        names = next(csv.reader([header], delimiter=delim))
    except csv.Error as exc:  # e.g. a carriage return inside the header line
        yield Decision(1, error=f"unreadable CSV header: {exc}")
        return
    reader = csv.reader(lines, delimiter=delim)
    line = 1
    while True:
        start = line + 1
        try:
            values = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield Decision(start, error=f"unreadable CSV: {exc}")
            line = reader.line_num + 1
            continue
        line = reader.line_num + 1  # reader.line_num counts lines read after the header
        if _TOO_LONG.strip() in "".join(values):
            yield Decision(start, error=TOO_LONG)
            continue
        if not any(v.strip() for v in values):
            continue
        if len(values) != len(names):
            yield Decision(start, id=values[0] if values else "",
                           error=f"the row has {len(values)} fields, the header {len(names)}")
            continue
        yield _decision(start, dict(zip(names, values, strict=True)))


def read_jsonl(stream: IO[str]) -> Iterator[Decision]:
    """Decisions from a JSON Lines register: one JSON object per line."""
    for number, text in enumerate(_lines(stream), 1):
        if text == _TOO_LONG:
            yield Decision(number, error=TOO_LONG)
            continue
        if not text.strip():
            continue
        try:
            record = json.loads(text)
        except json.JSONDecodeError as exc:
            yield Decision(number, error=f"not JSON: {exc.msg} at column {exc.colno}")
            continue
        except ValueError as exc:  # e.g. a number too long to convert
            yield Decision(number, error=f"not JSON: {exc}")
            continue
        except RecursionError:
            yield Decision(number, error="not JSON this reader accepts: nested too deeply")
            continue
        if not isinstance(record, dict):
            yield Decision(number, error="a line must be a JSON object such as {\"id\": ..., \"actor\": ...}")
            continue
        yield _decision(number, record)


def read(stream: IO[str], fmt: str) -> Iterator[Decision]:
    return read_jsonl(stream) if fmt == "jsonl" else read_csv(stream)


# -- judging -------------------------------------------------------------------------------------


@functools.lru_cache(maxsize=4096)
def _norm_point(text: str) -> tuple[str | None, str]:
    """A cited point as (document id or None, point number): `ks-do p. 3.2`, `ks-do:3.2`, `p. 3.2`, `3.2`."""
    t = re.sub(r"\s+", " ", text.strip().casefold().replace("punkt", "p."))
    doc: str | None = None
    if ":" in t:
        doc, t = t.split(":", 1)
    elif " p." in t:
        doc, t = t.split(" p.", 1)
    elif " " in t:
        doc, t = t.rsplit(" ", 1)
    t = t.strip().removeprefix("p.").strip().rstrip(".")
    return (doc.strip() if doc else None), t


def _matches(cited: tuple[str | None, str], label: str) -> bool:
    doc, point = _norm_point(label)
    return point == cited[1] and (cited[0] is None or cited[0] == doc)


def _matter(mandat: Any, text: str) -> str:
    """A matter id from an id, a title, or failing both a text naming one matter clearly."""
    try:
        return str(mandat.resolve_matter(text))
    except UsageError as exc:
        if len(text.split()) < 2:
            raise
        try:
            from engine.search import ambiguous, find_matters
        except ImportError:  # no free-text search in this build
            raise exc from None
        hits = ambiguous(find_matters(mandat.rules, text))
        if len(hits) == 1:
            return hits[0].id
        if hits:
            raise UsageError(f"the matter {text!r} could be " + " or ".join(f"`{h.id}`" for h in hits)) from None
        raise


def _reporting_required(link: Any) -> bool:
    """Whether the statute layer attaches a duty to report (an obligation marked `reporting`) to the final link."""
    return any(rule.obligation is not None and rule.obligation.reporting for rule in link.obligations)


class Names:
    """Actor and matter names resolved once per distinct spelling (a register repeats them); bounded."""

    SIZE = 4096

    def __init__(self, mandat: Any) -> None:
        self.mandat = mandat
        self._cache: dict[tuple[str, str], str | UsageError] = {}

    def resolve(self, what: str, text: str) -> str:
        key = (what, text)
        hit = self._cache.get(key)
        if hit is None:
            try:
                hit = self.mandat.resolve_actor(text) if what == "actor" else _matter(self.mandat, text)
            except UsageError as exc:
                hit = exc
            if len(self._cache) >= self.SIZE:
                self._cache.clear()
            self._cache[key] = hit
        if isinstance(hit, UsageError):
            raise UsageError(hit.message, candidates=hit.candidates)
        return hit


def judge(mandat: Any, d: Decision, lang: str = "sv", names: Names | None = None) -> Verdict:
    """The verdict on one decision. Never raises for bad data: such a row is `malformed`."""
    names = names or Names(mandat)
    v = Verdict(d.line, d.id, "malformed", d.date, d.actor, d.matter, d.point)
    if d.error:
        v.message = d.error
        return v
    try:
        for name in ("actor", "matter", "date"):
            if not getattr(d, name):
                raise UsageError(f"missing {name}")
        actor = names.resolve("actor", d.actor)
        matter = names.resolve("matter", d.matter)
        day = parse_date(d.date)
        facts = normalise_facts(mandat.rules, d.facts)
        reported = parse_bool("reported", d.reported) if d.reported else None
    except MandatError as exc:
        v.message = getattr(exc, "message", str(exc))
        return v
    v.actor, v.matter, v.date = actor, matter, day.isoformat()
    chains = mandat.chain_verdicts(actor, matter, day, facts)
    answers = {given for _, given in chains}
    if "yes" not in answers and "depends" not in answers:
        full = mandat.ask(actor, matter, facts=facts, date=day, lang=lang)  # the answer `ask` gives: who could
        v.verdict = "unauthorised"
        v.basis = [b.ref for b in full.basis]
        v.could_decide = [f"{a.actor} ({a.ref})" for a in full.alternatives]
        unmet = [f"{c.requirement} ({c.ref})" for c in full.conditions if c.status == "unmet"]
        v.message = "; ".join(dict.fromkeys(unmet or [b.title for b in full.basis if b.title]))
        return v
    if "yes" not in answers:
        v.verdict = "depends"
        shown = [evaluate_chain(mandat.rules, mandat.authority, c, day, facts, lang) for c, g in chains if g == "depends"]
        v.open_facts = sorted({f for o in shown for f in o.open})
        return v
    holding = [c for c, given in chains if given == "yes"]
    v.points = list(dict.fromkeys(label for c in holding if (label := point_label(c.links[-1]))))
    chosen = holding[0]
    if d.point:
        cited = _norm_point(d.point)
        match = next((c for c in holding if any(_matches(cited, label) for label in _citable(c))), None)
        if match is None:
            v.verdict = "wrong-point"
            v.message = ("authorised under " + (", ".join(v.points) if v.points else "its own authority")
                         + f", not under {d.point}")
            v.basis = _chain_refs(mandat, holding[0], lang)
            return v
        chosen = match
    v.basis = _chain_refs(mandat, chosen, lang)
    final = chosen.links[-1]
    if reported is False and _reporting_required(final):
        v.verdict = "not-reported"
        refs = [rule.ref for rule in final.obligations] or list(final.grant.refs if final.grant else [])
        v.message = "the decision had to be reported" + (f" ({', '.join(dict.fromkeys(refs))})" if refs else "")
        return v
    v.verdict = "ok"
    if not d.point and v.points:
        v.message = "no point cited"
    return v


def _citable(chain: Any) -> list[str]:
    """The points a decision through `chain` may cite: its own, and under vidaredelegation the point passed on."""
    links = chain.links
    labels = [point_label(links[-1])]
    if links[-1].kind == LinkKind.vidaredelegation and len(links) > 1:
        labels.append(point_label(links[-2]))
    return [label for label in labels if label]


def _chain_refs(mandat: Any, chain: Any, lang: str) -> list[str]:
    """Each link of a chain as the point it rests on, or the provisions (the root, own authority)."""
    return [point_label(link) or link_basis(mandat.rules, link, lang).ref for link in chain.links]


def audit(mandat: Any, decisions: Iterable[Decision], lang: str = "sv") -> Iterator[Verdict]:
    names = Names(mandat)
    for d in decisions:
        yield judge(mandat, d, lang, names)


# -- running -------------------------------------------------------------------------------------


def run(mandat: Any, stream: IO[str], fmt: str, sink: Callable[[Verdict], None], lang: str = "sv",
        progress: Callable[[int], None] | None = None, every: int = 500) -> Summary:
    """Audit every row of `stream` (format `fmt`), handing each verdict to `sink`; returns the summary."""
    summary = Summary(mandat.id, {"id": mandat.id, "version": mandat.version})
    started = time.perf_counter()
    for v in audit(mandat, read(stream, fmt), lang):
        summary.rows += 1
        summary.counts[v.verdict] += 1
        sink(v)
        if progress is not None and summary.rows % every == 0:
            progress(summary.rows)
        if summary.rows % 10_000 == 0:  # answers leave cyclic garbage; collect it so memory stays flat
            gc.collect()
    summary.seconds = time.perf_counter() - started
    return summary


def audit_text(mandat: Any, text: str, fmt: str | None = None, lang: str = "sv") -> tuple[Summary, list[Verdict]]:
    """Audit a whole register held in memory (the HTTP service's bodies, tests)."""
    rows: list[Verdict] = []
    summary = run(mandat, io.StringIO(text), fmt or sniff_format("", text[:200]), rows.append, lang)
    return summary, rows
