"""A reference evaluator: the answer to "may ACTOR decide MATTER?" computed straight from a `RuleSet`.

Written for clarity, not speed, and independent of the engine's inference: it does not import
engine/compile.py, engine/derive.py or engine/evaluate.py, and uses no durable-rules. It follows the
semantics documented in rules/README.md:

- a chain starts with the council's own power over the matter and follows grants: a grant made by
  the last holder, for the same matter (or for every matter: a take-over or inherit relay); a grant
  that passes on one point (`under`) extends only a chain whose last link is that point; an actor
  appears at most once in a chain, and a chain names at most `MAX_ACTORS` actors;
- a statute rule matches a link by its `match` fields (links, matter kinds, receiver and grantor
  kinds with kind groups, the parent point's kind and vidaredelegation flag, reporting);
- a chain is cut by a link out of force, a `deny` rule in force whose `when` facts hold (`final`
  rules only on the last link), an unmet limit, or a `transfer` (the actor handed the matter on);
  an unknown fact makes it "depends"; the answer is yes if any chain holds, else depends if any
  depends, else no.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from engine.models import Condition, LinkKind, StatuteRule
from engine.ruleset import Grant, RuleSet

MAX_ACTORS = 7  # the council and at most six further holders (the engine's documented chain cap)
EVERY_MATTER = "*"


@dataclass(frozen=True)
class Step:
    """One link of a chain: the council's own power (grant None) or one grant, for one matter."""

    receiver: str
    matter: str
    grant: Grant | None = None

    @property
    def kind(self) -> LinkKind:
        return LinkKind.own if self.grant is None else self.grant.kind

    @property
    def grantor(self) -> str | None:
        return None if self.grant is None else self.grant.grantor

    @property
    def relay(self) -> bool:
        return self.grant is not None and self.grant.matter == EVERY_MATTER


@dataclass
class RefAnswer:
    """The reference's answer, the facts it depends on, and the chains that hold."""

    answer: str
    open_facts: set[str] = field(default_factory=set)
    yes_chains: list[tuple[Step, ...]] = field(default_factory=list)


def council(rs: RuleSet) -> str | None:
    return next((a.id for a in rs.actors.values() if a.kind.value == "council"), None)


def kinds(rs: RuleSet, actor: str) -> set[str]:
    a = rs.actors[actor]
    return {a.kind.value} | {k.value for k in a.also}


def expand(rs: RuleSet, names: list[str]) -> set[str]:
    out: set[str] = set()
    for name in names:
        if name in rs.kind_groups:
            out |= {k.value for k in rs.kind_groups[name]}
        else:
            out.add(name)
    return out


def in_force(valid_from: dt.date | None, valid_to: dt.date | None, day: dt.date) -> bool:
    return (valid_from is None or valid_from <= day) and (valid_to is None or day <= valid_to)


# -- chains ---------------------------------------------------------------------------------------


def next_steps(rs: RuleSet, last: Step) -> list[Step]:
    """Every link the holder `last.receiver` can pass `last.matter` on through."""
    out = []
    for g in rs.grants.values():
        if g.grantor != last.receiver:
            continue
        if g.matter == EVERY_MATTER:
            out.append(Step(g.receiver, last.matter, g))
        elif g.matter == last.matter:
            if g.parent is None or (last.grant is not None and not last.relay and last.grant.id == g.parent):
                out.append(Step(g.receiver, last.matter, g))
    return out


def all_chains(rs: RuleSet, matter: str) -> list[tuple[Step, ...]]:
    """Every chain for `matter`, to any actor: depth-first from the council's own power."""
    root = council(rs)
    if root is None:
        return []
    found: list[tuple[Step, ...]] = []

    def walk(path: tuple[Step, ...]) -> None:
        found.append(path)
        if len(path) >= MAX_ACTORS:
            return
        seen = {s.receiver for s in path}
        for step in next_steps(rs, path[-1]):
            if step.receiver not in seen:
                walk((*path, step))

    walk((Step(root, matter),))
    return found


_CHAINS: dict[str, list[tuple[Step, ...]]] = {}
_CHAINS_OF: list[RuleSet] = []  # the one rule set `_CHAINS` holds the chains of


def chains(rs: RuleSet, actor: str, matter: str) -> list[tuple[Step, ...]]:
    """The chains for `matter` that end at `actor` (each matter's chains are enumerated once per rule set)."""
    if not _CHAINS_OF or _CHAINS_OF[0] is not rs:
        _CHAINS.clear()
        _CHAINS_OF[:] = [rs]
    if matter not in _CHAINS:
        _CHAINS[matter] = all_chains(rs, matter)
    return [c for c in _CHAINS[matter] if c[-1].receiver == actor]


# -- statute rules on a link ----------------------------------------------------------------------


def parent_of(rs: RuleSet, step: Step) -> tuple[str, bool | None]:
    """The kind of link the grantor's point came through ('none', 'missing' or a kind) and its flag."""
    g = step.grant
    if g is None or step.relay or g.parent is None:
        return "none", None
    parent = rs.grants.get(g.parent)
    if parent is None:
        return "missing", None
    return parent.kind.value, parent.point.vidaredelegation if parent.point is not None else None


def rule_matches(rs: RuleSet, rule: StatuteRule, step: Step) -> bool:
    """Whether `rule`'s `match` holds for the link (the case facts and `final` are tested later)."""
    if step.grant is None:  # statute rules bear on links made by a grant, never on the council's own power
        return False
    m = rule.match
    matter_kinds = set(rs.matters[step.matter].kinds)
    to, frm = kinds(rs, step.receiver), kinds(rs, step.grant.grantor)
    parent_kind, parent_further = parent_of(rs, step)
    tests = [
        m.links is None or step.kind in m.links,
        m.matter_kinds is None or bool(matter_kinds & set(m.matter_kinds)),
        m.matter_kinds_not is None or not matter_kinds & set(m.matter_kinds_not),
        m.to_kinds is None or bool(to & expand(rs, m.to_kinds)),
        m.to_kinds_not is None or not to & expand(rs, m.to_kinds_not),
        m.from_kinds is None or bool(frm & expand(rs, m.from_kinds)),
        m.from_kinds_not is None or not frm & expand(rs, m.from_kinds_not),
        m.parent_links is None or parent_kind in {k.value for k in m.parent_links},
        m.parent_allows_further is None or parent_further is m.parent_allows_further,
        m.reporting is None or step.grant.reporting is m.reporting,
    ]
    return all(tests)


def rules_on(rs: RuleSet, step: Step, effect: str) -> list[StatuteRule]:
    return [r for r in rs.rules.values() if r.effect == effect and rule_matches(rs, r, step)]


def when_state(rs: RuleSet, rule: StatuteRule, facts: dict[str, Any]) -> tuple[str, list[str]]:
    """'cut' when every `when` fact holds, 'clear' when one is known not to, else 'open' and the unknown.

    A fact the question does not give takes the value the statute layer presumes (`presumed`), if any.
    """
    unknown = []
    for fact, expected in rule.match.when.items():
        value = facts.get(fact, rs.facts[fact].presumed)
        if value is None:
            unknown.append(fact)
        elif value != expected:
            return "clear", []
    return ("open", unknown) if unknown else ("cut", [])


def limit_status(rs: RuleSet, cond: Condition, facts: dict[str, Any], day: dt.date, actor: str) -> str:
    if cond.fact not in facts:
        return "unknown"
    value = facts[cond.fact]
    if cond.max_pbb is not None:
        pbb = rs.prisbasbelopp.get(day.year)
        ok = pbb is not None and value <= pbb * cond.max_pbb
    elif cond.max is not None:
        ok = value <= cond.max
    elif cond.min is not None:
        ok = value >= cond.min
    elif cond.relation == "reports_to_decider":
        ok = value == actor
    else:
        ok = value == cond.equals
    return "met" if ok else "unmet"


# -- transfers (KL 5:2) ---------------------------------------------------------------------------


def handed_on(rs: RuleSet, actor: str, matter: str, day: dt.date) -> bool:
    """Whether `actor` has handed `matter` on through a link a `transfer` rule matches, in force on `day`.

    A hand-over that a `deny` rule without case facts voids (e.g. a KL 5:1 matter) leaves the power
    with the actor.
    """
    links = [Step(g.receiver, matter, g) for g in rs.grants.values() if g.grantor == actor and g.matter == matter]
    if any(g.grantor == actor and g.matter == EVERY_MATTER for g in rs.grants.values()) and chains(rs, actor, matter):
        links += [Step(g.receiver, matter, g) for g in rs.grants.values()
                  if g.grantor == actor and g.matter == EVERY_MATTER]
    for step in links:
        assert step.grant is not None
        if not step.grant.in_force(day):
            continue
        for rule in rules_on(rs, step, "transfer"):
            if not in_force(rule.valid_from, rule.valid_to, day):
                continue
            void = any(not d.match.when and in_force(d.valid_from, d.valid_to, day) for d in rules_on(rs, step, "deny"))
            if not void:
                return True
    return False


# -- answers --------------------------------------------------------------------------------------


def chain_answer(rs: RuleSet, chain: tuple[Step, ...], day: dt.date, facts: dict[str, Any]) -> tuple[str, set[str]]:
    """'yes', 'no' or 'depends' for one chain, and the facts it waits for."""
    actor = chain[-1].receiver
    cut, unknown = False, set()
    for i, step in enumerate(chain):
        if step.grant is None:
            continue
        if not step.grant.in_force(day):
            cut = True
        for rule in rules_on(rs, step, "deny"):
            if (rule.match.final and i != len(chain) - 1) or not in_force(rule.valid_from, rule.valid_to, day):
                continue
            state, missing = when_state(rs, rule, facts)
            cut |= state == "cut"
            unknown |= set(missing)
        for cond in step.grant.conditions:
            status = limit_status(rs, cond, facts, day, actor)
            cut |= status == "unmet"
            if status == "unknown":
                unknown.add(cond.fact)
    if cut or handed_on(rs, actor, chain[0].matter, day):
        return "no", set()
    return ("depends", unknown) if unknown else ("yes", set())


def answer(rs: RuleSet, actor: str, matter: str, day: dt.date, facts: dict[str, Any]) -> RefAnswer:
    """May `actor` decide `matter` on `day` given the (typed) `facts`?"""
    results = [(c, *chain_answer(rs, c, day, facts)) for c in chains(rs, actor, matter)]
    yes = [c for c, a, _ in results if a == "yes"]
    if yes:
        return RefAnswer("yes", yes_chains=yes)
    waiting = [facts_open for _, a, facts_open in results if a == "depends"]
    if waiting:
        return RefAnswer("depends", open_facts=set().union(*waiting))
    return RefAnswer("no")
