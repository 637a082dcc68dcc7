"""Compile a rule set into a durable-rules ruleset and the facts it reasons over.

The statute rules become durable-rules rules that match link facts, one per distinct link shape (what
a statute rule can test of a link); generic sink rules keep every fact kind retrievable. The chaining
itself (holder + link -> holder) is a graph walk in engine/chains.py. Nothing here is specific to a
municipality or a statute: the law is in the data.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from engine.models import LinkKind, StatuteRule
from engine.ruleset import ALL_MATTERS, Grant, RuleSet

MAX_CHAIN = 6  # council -> board -> delegate -> further delegate, with room for relays
SEP = "|"

Action = Callable[[Any], None]


@dataclass(frozen=True)
class Compiled:
    """A durable-rules ruleset definition and the (shape) facts to assert into its session."""

    rules: dict[str, dict[str, Any]]
    facts: list[dict[str, Any]]


def _any_of(field: str, values: list[str]) -> dict[str, Any]:
    return {"$or": [{field: v} for v in values]} if len(values) > 1 else {field: values[0]}


def _items_any(field: str, values: frozenset[str]) -> dict[str, Any]:
    return {"$iany": {field: {"$or": [{"$i": v} for v in sorted(values)]}}}


def _items_none(field: str, values: frozenset[str]) -> dict[str, Any]:
    return {"$iall": {field: {"$and": [{"$neq": {"$i": v}} for v in sorted(values)]}}}


def match_condition(rs: RuleSet, rule: StatuteRule) -> dict[str, Any]:
    """The durable-rules test for the links a statute rule matches (its case facts wait for the question)."""
    m = rule.match
    tests: list[dict[str, Any]] = [{"t": "link"}]
    if m.links:
        tests.append(_any_of("kind", [k.value for k in m.links]))
    if m.matter_kinds:
        tests.append(_items_any("mks", frozenset(m.matter_kinds)))
    if m.matter_kinds_not:
        tests.append(_items_none("mks", frozenset(m.matter_kinds_not)))
    if m.to_kinds:
        tests.append(_items_any("to_kinds", rs.expand_kinds(m.to_kinds)))
    if m.to_kinds_not:
        tests.append(_items_none("to_kinds", rs.expand_kinds(m.to_kinds_not)))
    if m.from_kinds:
        tests.append(_items_any("from_kinds", rs.expand_kinds(m.from_kinds)))
    if m.from_kinds_not:
        tests.append(_items_none("from_kinds", rs.expand_kinds(m.from_kinds_not)))
    if m.parent_links:
        tests.append(_any_of("parent_kind", [k.value for k in m.parent_links]))
    if m.parent_allows_further is not None:
        tests.append({"parent_further": "yes" if m.parent_allows_further else "no"})
    if m.reporting is not None:
        tests.append({"reporting": "yes" if m.reporting else "no"})
    return {"$and": tests} if len(tests) > 1 else tests[0]


# Actions are built by factories taking exactly one parameter: durable-rules takes a two-parameter
# function for an asynchronous action that never completes.


DROPPED: list[str] = []  # derived facts durable-rules refused as "already observed" though never asserted
_SEEN: set[str] = set()


def watch() -> None:
    """Start a fresh record of the derived facts (one per session)."""
    DROPPED.clear()
    _SEEN.clear()


def fact_key(fact: dict[str, Any]) -> str:
    """What makes a derived fact distinct: its chain, its link id, or its link and rule."""
    return f"{fact['t']}|{fact.get('path') or fact.get('id') or ''}|{fact.get('link', '')}|{fact.get('rule', '')}"


def _assert(c: Any, fact: dict[str, Any]) -> None:
    """Assert a derived fact; one already held (reached by another chain) is not an error.

    durable-rules recognises a fact it holds by a 32-bit hash (of its `id`, or of its content), so a
    *different* fact whose hash collides is refused as "already observed" too (measured: 4 of 150,000
    distinct facts; about one per derivation of a 12-board municipality). Such a refusal is recorded
    in `DROPPED`, and the derivation redoes that part in smaller sessions (engine/derive.py).
    """
    from durable.engine import MessageObservedException  # imported by then: this runs inside durable-rules

    key = fact_key(fact)
    try:
        c.assert_fact(fact)
    except MessageObservedException:
        if key not in _SEEN:
            DROPPED.append(key)
    _SEEN.add(key)


def _mark_action(kind: str, rule_id: str) -> Action:
    def mark(c: Any) -> None:
        _assert(c, {"t": kind, "link": c.m.id, "rule": rule_id})
    return mark


def _sink(c: Any) -> None:  # keeps a fact kind stored; the second test can never hold
    return None


FACT_KINDS = ("link", "guard", "oblige", "transfer")
MARKS = {"deny": "guard", "oblige": "oblige", "transfer": "transfer"}


def compile_rules(rs: RuleSet) -> dict[str, dict[str, Any]]:
    """The durable-rules ruleset for `rs`: one rule per statute rule, marking the link shapes it matches."""
    rules: dict[str, dict[str, Any]] = {}
    for kind in FACT_KINDS:
        rules[f"keep_{kind}"] = {"all": [{"a": {"t": kind}}, {"b": {"t": "__never__"}}], "run": _sink}
    for rule in rs.rules.values():
        rules[f"statute_{rule.id}"] = {"all": [{"m": match_condition(rs, rule)}],
                                       "run": _mark_action(MARKS[rule.effect], rule.id)}
    return rules


def _yn(value: bool | None) -> str:
    return "none" if value is None else ("yes" if value else "no")


def compile_facts(rs: RuleSet) -> list[dict[str, Any]]:
    """The facts the chaining starts from: a root holder per matter, a link per grant, a relay per relay grant."""
    facts: list[dict[str, Any]] = []
    council = rs.council
    for matter in rs.matters.values():
        mks = sorted(matter.kinds) or ["-"]
        if council is not None:
            facts.append({"t": "holder", "actor": council, "matter": matter.id, "mks": mks,
                          "path": f"own:{matter.id}", "actors": council, "last": f"own:{matter.id}"})
    for grant in rs.grants.values():
        facts.append(link_fact(rs, grant))
    return facts


def link_fact(rs: RuleSet, grant: Grant) -> dict[str, Any]:
    parent = rs.grants.get(grant.parent) if grant.parent else None
    base = {
        "id": grant.id, "kind": grant.kind.value, "frm": grant.grantor, "to": grant.receiver,
        "to_kinds": sorted(rs.kinds_of(grant.receiver)), "from_kinds": sorted(rs.kinds_of(grant.grantor)),
        "reporting": _yn(grant.reporting),
    }
    if grant.matter == ALL_MATTERS:
        return {"t": "relay", **base}
    matter = rs.matters[grant.matter]
    return {
        "t": "link", **base, "matter": grant.matter, "mks": sorted(matter.kinds) or ["-"],
        "via": grant.parent or "*",
        "parent_kind": parent.kind.value if parent else ("missing" if grant.parent else "none"),
        "parent_further": _yn(parent.point.vidaredelegation if parent and parent.point else None)
        if grant.parent else "none",
    }


# What a statute rule can test of a link (`match_condition` reads nothing else): links alike in these are
# alike to every statute rule, so durable-rules judges each shape once and the marks apply to every link of it.
SHAPE = ("kind", "mks", "to_kinds", "from_kinds", "parent_kind", "parent_further", "reporting")


def shape_of(link: dict[str, Any]) -> tuple[Any, ...]:
    return tuple(tuple(v) if isinstance(v, list) else v for v in (link[k] for k in SHAPE))


def shape_facts(links: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], dict[str, list[dict[str, Any]]]]:
    """One fact per distinct link shape (its id `s<n>`), and the links of each shape by that id."""
    ids: dict[tuple[Any, ...], str] = {}
    facts: list[dict[str, Any]] = []
    members: dict[str, list[dict[str, Any]]] = {}
    for link in links:
        shape = shape_of(link)
        sid = ids.get(shape)
        if sid is None:
            sid = ids[shape] = f"s{len(ids)}"
            facts.append({"t": "link", "id": sid, **{k: link[k] for k in SHAPE}})
        members.setdefault(sid, []).append(link)
    return facts, members


def compile_ruleset(rs: RuleSet, links: list[dict[str, Any]]) -> tuple[Compiled, dict[str, list[dict[str, Any]]]]:
    """The durable-rules ruleset and the shape facts of `links` (every link the chaining made)."""
    facts, members = shape_facts(links)
    return Compiled(compile_rules(rs), facts), members


__all__ = ["Compiled", "compile_ruleset", "LinkKind"]
