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

import datetime as dt
import functools
import gc
import io
import re
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import IO, Any

from engine.audit_read import MAX_LINE, RegisterRow, read, sniff_format
from engine.errors import MandatError, UsageError
from engine.evaluate import evaluate_chain, link_basis, point_label
from engine.facts import normalise_facts, parse_bool, parse_date
from engine.models import LinkKind

__all__ = ["COLUMNS", "MAX_LINE", "VERDICTS", "RegisterRow", "Judge", "Summary", "Verdict", "audit", "audit_text",
           "judge", "read", "run", "sniff_format"]

VERDICTS = ("ok", "unauthorised", "wrong-point", "depends", "not-reported", "malformed")
COLUMNS = ("line", "id", "verdict", "date", "actor", "matter", "point_cited", "points", "basis",
           "could_decide", "open_facts", "message")


@dataclass(slots=True)
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
        """The fields in the order of `COLUMNS`, lists copied."""
        return {"line": self.line, "id": self.id, "verdict": self.verdict, "date": self.date, "actor": self.actor,
                "matter": self.matter, "point_cited": self.point_cited, "points": list(self.points),
                "basis": list(self.basis), "could_decide": list(self.could_decide),
                "open_facts": list(self.open_facts), "message": self.message}

    def fields(self) -> tuple[Any, ...]:
        """The fields in order: `Verdict(*v.fields())` is `v` again (what comes back from a worker process)."""
        return (self.line, self.id, self.verdict, self.date, self.actor, self.matter, self.point_cited, self.points,
                self.basis, self.could_decide, self.open_facts, self.message)

    def as_row(self) -> list[str]:
        """The fields as text in the order of `COLUMNS`, lists joined with ", "."""
        join = ", ".join
        return [str(self.line), str(self.id), self.verdict, str(self.date), str(self.actor), str(self.matter),
                str(self.point_cited), join(self.points), join(self.basis), join(self.could_decide),
                join(self.open_facts), str(self.message)]


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


_NONE = object()  # a fact `normalise_facts` leaves out


def _fact(rules: Any, name: str, value: Any) -> Any:
    return normalise_facts(rules, {name: value}).get(name, _NONE)


class _Chain:
    """What a verdict says of one chain, the same for every row it holds on (a chain never changes)."""

    def __init__(self, mandat: Any, chain: Any, lang: str) -> None:
        links = chain.links
        final = links[-1]
        self.chain = chain
        self.label = point_label(final)
        self.citable = _citable(chain)
        self.refs = [point_label(link) or link_basis(mandat.rules, link, lang).ref for link in links]
        self.reporting = _reporting_required(final)
        refs = [rule.ref for rule in final.obligations] or list(final.grant.refs if final.grant else [])
        self.unreported = "the decision had to be reported" + (f" ({', '.join(dict.fromkeys(refs))})" if refs else "")


class Judge:
    """Judges rows against one rule set. Remembers only what is exact: each distinct actor, matter and date
    text resolved, and what each chain says; bounded, so memory stays flat."""

    SIZE = 4096

    def __init__(self, mandat: Any, lang: str = "sv") -> None:
        self.mandat, self.lang = mandat, lang
        self._names: dict[tuple[str, str], str | UsageError] = {}
        self._dates: dict[str, dt.date | UsageError] = {}
        self._chains: dict[int, _Chain] = {}
        self._facts: dict[tuple[str, type, Any], Any] = {}

    def _remember(self, store: dict[Any, Any], key: Any, compute: Callable[..., Any], *args: Any) -> Any:
        """`compute(*args)` once per key, a `UsageError` too (raised afresh each time); emptied when full."""
        hit = store.get(key)
        if hit is None:
            try:
                hit = compute(*args)
            except UsageError as exc:
                hit = exc
            if len(store) >= self.SIZE:
                store.clear()
            store[key] = hit
        if isinstance(hit, UsageError):
            raise UsageError(hit.message, candidates=hit.candidates)
        return hit

    def resolve(self, what: str, text: str) -> str:
        """An actor or matter id for a name (`what` is "actor" or "matter"); a `UsageError` as `ask` gives."""
        if what == "actor":
            return str(self._remember(self._names, (what, text), self.mandat.resolve_actor, text))
        return str(self._remember(self._names, (what, text), _matter, self.mandat, text))

    def date(self, text: str) -> dt.date:
        day: dt.date = self._remember(self._dates, text, parse_date, text)
        return day

    def facts(self, raw: dict[str, Any]) -> dict[str, Any]:
        """`normalise_facts` one fact at a time (it checks each on its own), each distinct value once."""
        rules = self.mandat.rules
        out: dict[str, Any] = {}
        for name, value in raw.items():
            try:
                key = (name, type(value), value)  # the type too: True == 1 == 1.0, but not as an amount
                hash(key)
            except TypeError:  # a list or an object (JSON Lines): as it comes
                out.update(normalise_facts(rules, {name: value}))
                continue
            hit = self._remember(self._facts, key, _fact, rules, name, value)
            if hit is not _NONE:
                out[name] = hit
        return out

    def chain(self, chain: Any) -> _Chain:
        hit = self._chains.get(id(chain))
        if hit is None or hit.chain is not chain:
            if len(self._chains) >= self.SIZE:
                self._chains.clear()
            hit = self._chains[id(chain)] = _Chain(self.mandat, chain, self.lang)
        return hit

    def __call__(self, d: RegisterRow) -> Verdict:
        """The verdict on one decision. Never raises for bad data: such a row is `malformed`."""
        mandat, lang = self.mandat, self.lang
        v = Verdict(d.line, d.id, "malformed", d.date, d.actor, d.matter, d.point)
        if d.error:
            v.message = d.error
            return v
        try:
            for name in ("actor", "matter", "date"):
                if not getattr(d, name):
                    raise UsageError(f"missing {name}")
            actor = self.resolve("actor", d.actor)
            matter = self.resolve("matter", d.matter)
            day = self.date(d.date)
            facts = self.facts(d.facts)
            reported = parse_bool("reported", d.reported) if d.reported else None
        except MandatError as exc:
            v.message = getattr(exc, "message", str(exc))
            return v
        v.actor, v.matter, v.date = actor, matter, day.isoformat()
        chains = mandat.chain_verdicts(actor, matter, day, facts)
        holding = [self.chain(c) for c, given in chains if given == "yes"]
        if not holding:
            if any(given == "depends" for _, given in chains):
                v.verdict = "depends"
                shown = [evaluate_chain(mandat.rules, mandat.authority, c, day, facts, lang)
                         for c, given in chains if given == "depends"]
                v.open_facts = sorted({f for o in shown for f in o.open})
                return v
            full = mandat.ask(actor, matter, facts=facts, date=day, lang=lang)  # the answer `ask` gives: who could
            v.verdict = "unauthorised"
            v.basis = [b.ref for b in full.basis]
            v.could_decide = [f"{a.actor} ({a.ref})" for a in full.alternatives]
            unmet = [f"{c.requirement} ({c.ref})" for c in full.conditions if c.status == "unmet"]
            v.message = "; ".join(dict.fromkeys(unmet or [b.title for b in full.basis if b.title]))
            return v
        v.points = list(dict.fromkeys(c.label for c in holding if c.label))
        chosen = holding[0]
        if d.point:
            cited = _norm_point(d.point)
            match = next((c for c in holding if any(_matches(cited, label) for label in c.citable)), None)
            if match is None:
                v.verdict = "wrong-point"
                v.message = ("authorised under " + (", ".join(v.points) if v.points else "its own authority")
                             + f", not under {d.point}")
                v.basis = list(chosen.refs)
                return v
            chosen = match
        v.basis = list(chosen.refs)
        if reported is False and chosen.reporting:
            v.verdict = "not-reported"
            v.message = chosen.unreported
            return v
        v.verdict = "ok"
        if not d.point and v.points:
            v.message = "no point cited"
        return v


def judge(mandat: Any, d: RegisterRow, lang: str = "sv") -> Verdict:
    """The verdict on one decision (a `Judge` is the same, reused across rows)."""
    return Judge(mandat, lang)(d)


def _citable(chain: Any) -> list[str]:
    """The points a decision through `chain` may cite: its own, and under vidaredelegation the point passed on."""
    links = chain.links
    labels = [point_label(links[-1])]
    if links[-1].kind == LinkKind.vidaredelegation and len(links) > 1:
        labels.append(point_label(links[-2]))
    return [label for label in labels if label]


def audit(mandat: Any, decisions: Iterable[RegisterRow], lang: str = "sv") -> Iterator[Verdict]:
    judge = Judge(mandat, lang)
    for d in decisions:
        yield judge(d)


# -- running -------------------------------------------------------------------------------------


def run(mandat: Any, stream: IO[str], fmt: str, sink: Callable[[Verdict], None], lang: str = "sv",
        progress: Callable[[int], None] | None = None, every: int = 500, workers: int = 1) -> Summary:
    """Audit every row of `stream` (format `fmt`), handing each verdict to `sink` in the order of the rows;
    returns the summary. `workers` > 1: the rows are judged in that many forked processes (engine/audit_pool.py)."""
    summary = Summary(mandat.id, {"id": mandat.id, "version": mandat.version})
    started = time.perf_counter()
    if workers > 1:
        from engine import audit_pool

        verdicts = audit_pool.audit(mandat, read(stream, fmt), lang, workers)
    else:
        verdicts = audit(mandat, read(stream, fmt), lang)
    for v in verdicts:
        summary.rows += 1
        summary.counts[v.verdict] += 1
        sink(v)
        if progress is not None and summary.rows % every == 0:
            progress(summary.rows)
        if summary.rows % 10_000 == 0:  # cyclic garbage goes even where automatic collection is off (the CLI)
            gc.collect(1 if summary.rows % 100_000 else 2)
    summary.seconds = time.perf_counter() - started
    return summary


def audit_text(mandat: Any, text: str, fmt: str | None = None, lang: str = "sv") -> tuple[Summary, list[Verdict]]:
    """Audit a whole register held in memory (the HTTP service's bodies, tests)."""
    rows: list[Verdict] = []
    summary = run(mandat, io.StringIO(text), fmt or sniff_format("", text[:200]), rows.append, lang)
    return summary, rows
