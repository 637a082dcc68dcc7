"""The legal and structural checks of `mandat check`: each finds `Finding`s with a code, a place and a provision.

The law is not restated here. "A KL 5:1 matter delegated", "a 6:38 matter delegated", "urgent power to an
employee", "delegation to a group", "vidaredelegation the board did not allow", "further delegation beyond
one level" (KomL 91 §), "coercion or a post delegated to a person" (KomL 91 §, 88 §) are all found the same
way: the statute layer's own unconditional `deny` rules, evaluated by durable-rules over every grant at load
(`engine.derive.run_durable`), cut a point; such a point is an error with the rule's id as its code.
The checks in Python are those about the rule files themselves: dates, limits, references, the organisation.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import Any

from engine.compile import SEP
from engine.errors import RuleFileError, did_you_mean
from engine.models import ActorKind, Condition, FactType, LinkKind, Point, StatuteRule
from engine.ruleset import ALL_MATTERS, Finding, Grant, RuleSet

Fields = tuple[str | int, ...]
SEVERITY_ORDER = {"error": 0, "warning": 1}
NUMERIC = (FactType.amount, FactType.number)
ORGANS = frozenset({ActorKind.council.value, ActorKind.board.value, ActorKind.crisis_board.value})


class _Out:
    """Collects findings at the place of a rule-set item."""

    def __init__(self, rs: RuleSet) -> None:
        self.rs = rs
        self.findings: list[Finding] = []

    def add(self, key: tuple[str, str], fields: Fields, code: str, message: str, severity: str = "error",
            ref: str | None = None) -> None:
        origin = self.rs.origins.get(key)
        if origin is None:  # an item without a recorded place (should not happen); the municipality's
            origin = self.rs.origins[("municipality", "-")]
            fields = ()
        line, col = origin.smap.where(origin.loc + fields)
        self.findings.append(Finding(code, severity, origin.path, line, col, message, ref))


def _pkey(grant: Grant) -> tuple[str, str]:
    assert grant.document is not None and grant.point is not None
    return ("point", f"{grant.document.id}:{grant.point.point}")


def _label(grant: Grant) -> str:
    assert grant.document is not None and grant.point is not None
    return f"{grant.document.id} p. {grant.point.point}"


def _matter_field(point: Point, matter: str) -> Fields:
    if point.matter is not None:
        return ("matter",)
    return ("matters", point.matters.index(matter)) if matter in point.matters else ("matters",)


def _overlaps(a_from: dt.date | None, a_to: dt.date | None, b_from: dt.date | None, b_to: dt.date | None) -> bool:
    lo = max(a_from or dt.date.min, b_from or dt.date.min)
    hi = min(a_to or dt.date.max, b_to or dt.date.max)
    return lo <= hi


def _covers(rule: StatuteRule, grant: Grant) -> bool:
    """The rule is in force for the grant's whole validity."""
    return ((rule.valid_from is None or (grant.valid_from is not None and rule.valid_from <= grant.valid_from))
            and (rule.valid_to is None or (grant.valid_to is not None and grant.valid_to <= rule.valid_to)))


# ---------------------------------------------------------------------------------------------
# Statute rules over grants
# ---------------------------------------------------------------------------------------------


def _rule_field(rule: StatuteRule, grant: Grant, matter: str) -> Fields:
    """The field of the point that the rule objects to, for the finding's column."""
    point = grant.point
    assert point is not None
    m = rule.match
    if m.matter_kinds and matter != ALL_MATTERS:
        return _matter_field(point, matter)
    if m.to_kinds or m.to_kinds_not:
        if grant.kind == LinkKind.substitute:
            return ("substitute",)
        return ("delegate",) if point.delegate is not None else ("delegate_each",)
    if (m.parent_links or m.parent_allows_further is not None) and point.under is not None:
        return ("under",)
    return ("kind",) if point.kind is not None else ()


def check_statute_rules(rs: RuleSet, facts: list[dict[str, Any]]) -> list[Finding]:
    """Points that a deny rule of the statute layer cuts whatever the case: the grant can never hold.

    Rules with `when` facts or `final` depend on the case or the asker and are not findings. A relay point
    (`matter: "*"`) is a finding only for rules that do not look at the matter (e.g. urgent power to an
    employee), since a relay legitimately meets matters a rule keeps from it (a 5:1 matter in a take-over).
    """
    out = _Out(rs)
    seen: set[tuple[tuple[str, str], str]] = set()
    for f in facts:
        if f.get("t") != "guard":
            continue
        rule = rs.rules[f["rule"]]
        if rule.effect != "deny" or rule.match.when or rule.match.final:
            continue
        link_id: str = f["link"]
        grant = rs.grants.get(link_id)
        matter = grant.matter if grant else ""
        if grant is None:  # a relayed link: "<relay grant id>#<matter>"
            relay_id, _, matter = link_id.rpartition("#")
            grant = rs.grants.get(relay_id)
            if grant is None or rule.match.matter_kinds or rule.match.matter_kinds_not:
                continue
        if grant.document is None or grant.point is None:
            continue
        if not _overlaps(rule.valid_from, rule.valid_to, grant.valid_from, grant.valid_to):
            continue
        key = _pkey(grant)
        if (key, rule.id) in seen:
            continue
        seen.add((key, rule.id))
        partly = "" if _covers(rule, grant) else " (for part of the point's validity)"
        what = "every matter" if grant.matter == ALL_MATTERS else f"`{matter}`"
        out.add(key, _rule_field(rule, grant, matter), rule.id,
                f"{_label(grant)} gives {what} to `{grant.receiver}` by {grant.kind.value}, which the statute "
                f"cuts{partly}: {rule.reason.get('en')}",
                "error" if not partly else "warning", _precise_ref(rs, rule, matter))
    return out.findings


def _precise_ref(rs: RuleSet, rule: StatuteRule, matter: str) -> str:
    """The matter kind's own point of the provision (KL 5:1 p.2) where it is more precise than the rule's."""
    if matter in rs.matters:
        for kind in rs.matters[matter].kinds:
            if kind in rs.matter_kinds and kind in (rule.match.matter_kinds or []):
                return next((r for r in rs.matter_kinds[kind].refs if r.startswith(rule.ref)), rule.ref)
    return rule.ref


# ---------------------------------------------------------------------------------------------
# Points: substitutes, limits, dates, overlaps, refs
# ---------------------------------------------------------------------------------------------


def _points(rs: RuleSet) -> Iterable[tuple[tuple[str, str], Any, Point]]:
    for doc in rs.documents.values():
        for point in doc.points:
            yield ("point", f"{doc.id}:{point.point}"), doc, point


def check_substitutes(rs: RuleSet) -> list[Finding]:
    """A substitute who is the delegate decides nothing when the delegate cannot."""
    out = _Out(rs)
    for key, doc, point in _points(rs):
        if point.substitute is not None and point.substitute == point.delegate:
            out.add(key, ("substitute",), "substitute-is-delegate",
                    f"{doc.id} p. {point.point}: the substitute `{point.substitute}` is the delegate; a substitute "
                    "decides when the delegate cannot, so it must be someone else")
    return out.findings


def _years(valid_from: dt.date, valid_to: dt.date | None, today: dt.date) -> range:
    last = valid_to.year if valid_to else max(today.year, valid_from.year)
    return range(valid_from.year, last + 1)


def _bounds(rs: RuleSet, limits: Iterable[Condition]) -> dict[str, tuple[float, float]]:
    """The interval each numeric fact may take under the limits (pbb at the highest known value)."""
    top_pbb = max(rs.prisbasbelopp.values(), default=0)
    out: dict[str, tuple[float, float]] = {}
    for c in limits:
        lo, hi = out.get(c.fact, (float("-inf"), float("inf")))
        if c.max is not None:
            hi = min(hi, c.max)
        elif c.max_pbb is not None:
            hi = min(hi, c.max_pbb * top_pbb) if top_pbb else float("-inf")
        elif c.min is not None:
            lo = max(lo, c.min)
        else:
            continue
        out[c.fact] = (lo, hi)
    return out


def check_limits(rs: RuleSet, today: dt.date | None = None) -> list[Finding]:
    """Limits that no case can meet, that test a fact the wrong way, or use pbb of unknown years."""
    out = _Out(rs)
    today = today or dt.date.today()
    for key, doc, point in _points(rs):
        where = f"{doc.id} p. {point.point}"
        equals: dict[str, Any] = {}
        for i, c in enumerate(point.limits):
            fdef = rs.facts.get(c.fact)
            if fdef is None:
                continue  # unknown-fact, from the resolver
            numeric_test = c.max is not None or c.min is not None or c.max_pbb is not None
            if numeric_test and fdef.type not in NUMERIC:
                out.add(key, ("limits", i), "limit-type",
                        f"{where}: `{c.fact}` is a {fdef.type.value} fact; `max`, `min` and `max_pbb` need a number")
            elif c.equals is not None and fdef.type == FactType.boolean and not isinstance(c.equals, bool):
                out.add(key, ("limits", i, "equals"), "limit-type",
                        f"{where}: `{c.fact}` is a yes/no fact; `equals` must be true or false, not {c.equals!r}")
            elif c.relation is not None and fdef.type != FactType.actor:
                out.add(key, ("limits", i), "limit-type",
                        f"{where}: `relation` needs an actor fact; `{c.fact}` is a {fdef.type.value} fact")
            if c.equals is not None:
                if c.fact in equals and equals[c.fact] != c.equals:
                    out.add(key, ("limits", i), "unreachable-limit",
                            f"{where}: `{c.fact}` must equal both {equals[c.fact]!r} and {c.equals!r}; no case meets both")
                equals.setdefault(c.fact, c.equals)
            if c.max_pbb is not None:
                _check_pbb(rs, out, key, (i,), where, point.valid_from or doc.valid_from,
                           point.valid_to or doc.valid_to, today)
        for fact, (lo, hi) in _bounds(rs, point.limits).items():
            if hi < lo:
                i = max(j for j, c in enumerate(point.limits) if c.fact == fact)
                if any(c.max_pbb is not None for c in point.limits if c.fact == fact) and not rs.prisbasbelopp:
                    continue  # reported by _check_pbb
                out.add(key, ("limits", i), "unreachable-limit",
                        f"{where}: the limits on `{fact}` leave nothing: at least {lo:g} and at most {hi:g}")
    return out.findings


def _check_pbb(rs: RuleSet, out: _Out, key: tuple[str, str], at: tuple[int], where: str, valid_from: dt.date,
               valid_to: dt.date | None, today: dt.date) -> None:
    years = _years(valid_from, valid_to, today)
    if not years:  # never in force: dates-reversed says so
        return
    missing = [y for y in years if y not in rs.prisbasbelopp]
    fields: Fields = ("limits", at[0], "max_pbb")
    if len(missing) == len(years):
        out.add(key, fields, "unreachable-limit",
                f"{where}: a limit in prisbasbelopp, but the statute layer knows no prisbasbelopp for "
                f"{_span(missing)}, the years the point is in force; no amount can meet it")
    elif missing:
        out.add(key, fields, "pbb-unknown-year",
                f"{where}: no prisbasbelopp is known for {_span(missing)}; decisions of those years fail the limit "
                "until the statute layer's `prisbasbelopp` has them", "warning")


def _span(years: list[int]) -> str:
    return str(years[0]) if len(years) == 1 else f"{years[0]}–{years[-1]}" if years == list(
        range(years[0], years[-1] + 1)) else ", ".join(map(str, years))


def check_dates(rs: RuleSet) -> list[Finding]:
    """Validity that ends before it starts: the document or point is never in force."""
    out = _Out(rs)
    for doc in rs.documents.values():
        if doc.valid_to is not None and doc.valid_to < doc.valid_from:
            out.add(("document", doc.id), ("valid_to",), "dates-reversed",
                    f"document `{doc.id}` is valid to {doc.valid_to} but from {doc.valid_from}: it is never in force")
            continue
        for point in doc.points:
            start, end = point.valid_from or doc.valid_from, point.valid_to or doc.valid_to
            if end is not None and end < start:
                field = "valid_to" if point.valid_to is not None else "valid_from"
                out.add(("point", f"{doc.id}:{point.point}"), (field,), "dates-reversed",
                        f"{doc.id} p. {point.point} is valid to {end} but from {start}: it is never in force")
    for rule in rs.rules.values():
        if rule.valid_from and rule.valid_to and rule.valid_to < rule.valid_from:
            out.add(("rule", rule.id), ("valid_to",), "dates-reversed",
                    f"rule `{rule.id}` is valid to {rule.valid_to} but from {rule.valid_from}")
    for prov in rs.provisions.values():
        if prov.valid_from and prov.valid_to and prov.valid_to < prov.valid_from:
            out.add(("provision", prov.ref), ("valid_to",), "dates-reversed",
                    f"provision `{prov.ref}` is valid to {prov.valid_to} but from {prov.valid_from}")
    return out.findings


def check_refs(rs: RuleSet) -> list[Finding]:
    """Every cited provision must be in the statute layer (`provisions:`), so answers can name it."""
    out = _Out(rs)
    known = rs.provisions

    def need(ref: str | None, key: tuple[str, str], fields: Fields) -> None:
        if ref is not None and ref not in known:
            out.add(key, fields, "unknown-ref",
                    f"`{ref}` is not a provision of the statute layer{did_you_mean(ref, known)}")

    for key, _doc, point in _points(rs):
        for i, ref in enumerate(point.refs):
            need(ref, key, ("refs", i))
    for rule in rs.rules.values():
        need(rule.ref, ("rule", rule.id), ("ref",))
    for kind in rs.matter_kinds.values():
        for i, ref in enumerate(kind.refs):
            need(ref, ("matter_kind", kind.id), ("refs", i))
    for fact in rs.facts.values():
        need(fact.ref, ("fact", fact.id), ("ref",))
    return out.findings


def _limit_boxes(rs: RuleSet, grant: Grant) -> tuple[dict[str, tuple[float, float]], dict[str, Any]]:
    return _bounds(rs, grant.conditions), {c.fact: c.equals for c in grant.conditions if c.equals is not None}


def _disjoint(a: tuple[dict[str, tuple[float, float]], dict[str, Any]],
              b: tuple[dict[str, tuple[float, float]], dict[str, Any]]) -> bool:
    for fact in a[0].keys() & b[0].keys():
        (alo, ahi), (blo, bhi) = a[0][fact], b[0][fact]
        if max(alo, blo) > min(ahi, bhi):
            return True
    return any(a[1][f] != b[1][f] for f in a[1].keys() & b[1].keys())


def check_under(rs: RuleSet) -> list[Finding]:
    """A vidaredelegation point must pass on a point that gives its grantor the same matter."""
    out = _Out(rs)
    seen: set[tuple[tuple[str, str], str]] = set()
    for g in rs.grants.values():
        if g.parent is None or g.parent in rs.grants or g.point is None:
            continue
        key = _pkey(g)
        if (key, g.matter) in seen:
            continue
        seen.add((key, g.matter))
        out.add(key, ("under",), "under-mismatch",
                f"{_label(g)} passes on `{g.point.under}`, but that point does not give `{g.matter}` to "
                f"`{g.grantor}`: there is nothing to pass on", ref=_further_ref(rs))
    return out.findings


def _further_ref(rs: RuleSet) -> str | None:
    """The provision the statute layer cites for what further delegation may pass on."""
    return next((r.ref for r in rs.rules.values() if r.match.parent_links or r.match.parent_allows_further), None)


def check_overlaps(rs: RuleSet, facts: list[dict[str, Any]]) -> list[Finding]:
    """Two points of one grantor giving one matter to different delegates for overlapping cases and dates.

    A point the statute cuts overlaps nothing: its own error says so.
    """
    out = _Out(rs)
    cuts = _cutting(rs, facts)
    groups: dict[tuple[str, str, LinkKind], list[Grant]] = {}
    for g in rs.grants.values():
        if g.matter == ALL_MATTERS or g.kind not in (LinkKind.delegation, LinkKind.vidaredelegation) or g.id in cuts:
            continue
        if rs.kinds_of(g.receiver) & ORGANS:  # an organ deciding a matter also delegated is the normal case
            continue
        if g.document is None or g.point is None:
            continue
        groups.setdefault((g.grantor, g.matter, g.kind), []).append(g)
    reported: set[tuple[tuple[str, str], tuple[str, str]]] = set()
    for (_grantor, matter, _kind), grants in groups.items():
        for j, b in enumerate(grants):
            for a in grants[:j]:
                ka, kb = _pkey(a), _pkey(b)
                if ka == kb or a.receiver == b.receiver or (ka, kb) in reported:
                    continue
                if not _overlaps(a.valid_from, a.valid_to, b.valid_from, b.valid_to):
                    continue
                if _disjoint(_limit_boxes(rs, a), _limit_boxes(rs, b)):
                    continue
                reported.add((ka, kb))
                assert b.point is not None
                out.add(kb, _matter_field(b.point, matter), "overlapping-points",
                        f"{_label(b)} gives `{matter}` to `{b.receiver}` and {_label(a)} to `{a.receiver}`, for "
                        "overlapping limits and dates: who decides a case both cover? Write the limits so they "
                        "do not overlap (e.g. `min` on the higher delegate)", "warning")
    return out.findings


# ---------------------------------------------------------------------------------------------
# The organisation and the derived chains
# ---------------------------------------------------------------------------------------------


def check_organisation(rs: RuleSet) -> list[Finding]:
    """Cycles in `reports_to`, and delegates or substitutes the organisation tree does not reach."""
    out = _Out(rs)
    on_cycle: set[str] = set()
    for start in rs.actors:
        seen: list[str] = []
        current: str | None = start
        while current is not None and current in rs.actors and current not in seen:
            seen.append(current)
            current = rs.actors[current].reports_to
        if current == start and start not in on_cycle:
            on_cycle.update(seen)
            out.add(("actor", start), ("reports_to",), "org-cycle",
                    "the organisation has a cycle: " + " → ".join([*seen, start]) + "; `reports_to` must lead "
                    "up to the council")
    placed = _placed(rs)
    for key, doc, point in _points(rs):
        for fname in ("delegate", "substitute"):
            who = getattr(point, fname)
            if who in rs.actors and who not in placed:
                out.add(key, (fname,), "not-in-organisation",
                        f"{doc.id} p. {point.point}: `{who}` is not placed in the organisation (no `reports_to` "
                        "or `board` leading to the council)", "warning")
    return out.findings


def _placed(rs: RuleSet) -> set[str]:
    """Actors from whom `reports_to`/`board` (or membership of a placed group) leads to the council."""
    below: dict[str, list[str]] = {}  # actor -> the actors for whom it is a way up
    for a in rs.actors.values():
        for up in (a.reports_to, a.board):
            if up:
                below.setdefault(up, []).append(a.id)
        for member in a.members:
            below.setdefault(a.id, []).append(member)
    placed = {rs.council} if rs.council else set()
    todo = list(placed)
    while todo:
        for down in below.get(todo.pop(), ()):
            if down in rs.actors and down not in placed:
                placed.add(down)
                todo.append(down)
    return placed


def _cutting(rs: RuleSet, facts: list[dict[str, Any]]) -> dict[str, list[StatuteRule]]:
    """Link id -> the deny rules that cut it whatever the case."""
    cuts: dict[str, list[StatuteRule]] = {}
    for f in facts:
        if f.get("t") == "guard":
            rule = rs.rules[f["rule"]]
            if rule.effect == "deny" and not rule.match.when and not rule.match.final:
                cuts.setdefault(f["link"], []).append(rule)
    return cuts


def _council_only(rs: RuleSet, matter: str) -> bool:
    kinds = set(rs.matters[matter].kinds)
    return any(r.effect == "deny" and not r.match.when and kinds & set(r.match.matter_kinds or [])
               and {LinkKind.reglemente, LinkKind.delegation} & set(r.match.links or [])
               for r in rs.rules.values())


def check_decision_makers(rs: RuleSet, facts: list[dict[str, Any]]) -> list[Finding]:
    """Matters no one below the council can decide, and points whose grantor holds no power to give."""
    out = _Out(rs)
    cuts = _cutting(rs, facts)
    council = rs.council
    alive: set[tuple[str, str]] = set()
    for f in facts:
        if f.get("t") == "holder" and not any(i in cuts for i in f["path"].split(SEP)):
            alive.add((f["actor"], f["matter"]))
    named = {g.matter for g in rs.grants.values()}
    for matter in rs.matters.values():
        if matter.execution or matter.id in named or _council_only(rs, matter.id):
            continue  # a matter some point names: the point's own finding says what is wrong with it
        if not any(m == matter.id and a != council for a, m in alive):
            out.add(("matter", matter.id), (), "no-decision-maker",
                    f"no one but the council can decide `{matter.id}`: no reglemente, delegation or other point "
                    "gives it to a board or a delegate", "warning")
    seen: set[tuple[tuple[str, str], str]] = set()
    for g in rs.grants.values():
        if g.matter == ALL_MATTERS or g.grantor == council or g.point is None or g.id in cuts:
            continue
        key = _pkey(g)
        if (g.grantor, g.matter) in alive or (key, g.matter) in seen:
            continue
        seen.add((key, g.matter))
        out.add(key, _matter_field(g.point, g.matter), "grantor-without-power",
                f"{_label(g)}: `{g.grantor}` gives `{g.matter}` but holds no power over it (no point gives it "
                f"`{g.matter}`), so the point gives nothing", "warning")
    return out.findings


# ---------------------------------------------------------------------------------------------
# All checks
# ---------------------------------------------------------------------------------------------

CHECKS: tuple[Callable[[RuleSet], list[Finding]], ...] = (
    check_substitutes, check_limits, check_dates, check_refs, check_under, check_organisation,
)


def check(rs: RuleSet, facts: list[dict[str, Any]] | None = None) -> list[Finding]:
    """Every finding of a rule set: the resolver's, the file checks and the statute rules over the grants.

    `facts` are the derived facts of `engine.derive.run_durable(rs)`; they are computed when not given.
    The other checks need resolved names: a rule set with resolver errors reports only those.
    """
    findings = list(rs.findings)
    if not rs.errors:
        for fn in CHECKS:
            findings += fn(rs)
        if facts is None:
            from engine.derive import run_durable

            facts = run_durable(rs)
        findings += check_statute_rules(rs, facts)
        findings += check_overlaps(rs, facts)
        findings += check_decision_makers(rs, facts)
    return sort_findings(findings)


def refuse_errors(rs: RuleSet, facts: list[dict[str, Any]] | None = None) -> list[Finding]:
    """Raise `RuleFileError` naming the first error, so no answer comes from an unlawful or broken rule set.

    Returns the warnings otherwise. `engine.api.load_path` calls it before deriving the authority index.
    """
    findings = check(rs, facts)
    errors = [f for f in findings if f.severity == "error"]
    if errors:
        first = errors[0]
        more = f" (and {len(errors) - 1} more error(s): run `mandat check`)" if len(errors) > 1 else ""
        raise RuleFileError(first.path, first.line, f"{first.code}: {first.message}{more}", first.column,
                            code=first.code)
    return findings


def sort_findings(findings: Iterable[Finding]) -> list[Finding]:
    """Errors first, then by file and line; duplicates (one statute file under many rule sets) once."""
    unique = list(dict.fromkeys(findings))
    return sorted(unique, key=lambda f: (SEVERITY_ORDER.get(f.severity, 2), str(f.path), f.line, f.column, f.code))
