"""The per-question fast path: each chain compiled once into date intervals and fact tests.

`evaluate.evaluate_chain` is the reference: it builds every basis item, condition and cut of a chain.
To give a verdict, most of that is not needed: what does not depend on the case (link validity, statute
rules without case facts, hand-overs) reduces to the days on which the chain can hold, and the rest to a
few fact tests. `ChainPlan.verdict(day, facts)` answers yes/no/depends for one chain exactly as the
reference does (tests/test_plan.py compares them): it is what the audit and an answer's alternatives
(every other actor of the matter) need. Plans are built lazily per (actor, matter), shared between threads.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from engine.derive import Authority, Chain
from engine.ruleset import RuleSet


class _Missing:
    """No value: a fact neither given nor presumed. One object, also after a trip through the cache."""

    def __reduce__(self) -> str:
        return "MISSING"  # pickled by reference to this module's MISSING, so `is MISSING` holds after loading

    def __repr__(self) -> str:
        return "MISSING"


MISSING: Any = _Missing()
NEVER, ALWAYS = dt.date.min.toordinal(), dt.date.max.toordinal()
YES, NO, DEPENDS = "yes", "no", "depends"


def _window(valid_from: dt.date | None, valid_to: dt.date | None) -> tuple[int, int]:
    return (valid_from.toordinal() if valid_from else NEVER, valid_to.toordinal() if valid_to else ALWAYS)


def _minus(spans: list[tuple[int, int]], cut: tuple[int, int]) -> list[tuple[int, int]]:
    """The days of `spans` outside `cut` (closed intervals of ordinals)."""
    a, b = cut
    out: list[tuple[int, int]] = []
    for lo, hi in spans:
        if b < lo or hi < a:
            out.append((lo, hi))
            continue
        if lo < a:
            out.append((lo, a - 1))
        if b < hi:
            out.append((b + 1, hi))
    return out


@dataclass(frozen=True, slots=True)
class ChainPlan:
    """A chain reduced to the days it can hold, the case-fact guards that may cut it, and its limits.

    guards: (first day, last day, ((fact, expected, presumed or MISSING), ...)) for each statute rule
    with case facts; conds: (fact, op, argument) with op one of max, min, pbb (argument: year -> limit),
    rel (argument: the actor), eq.
    """

    chain: Chain
    alive: tuple[tuple[int, int], ...]
    guards: tuple[tuple[int, int, tuple[tuple[str, Any, Any], ...]], ...]
    conds: tuple[tuple[str, str, Any], ...]
    pbb: bool = False  # a limit in prisbasbelopp: the answer's text names the year

    def verdict(self, day: int, year: int, facts: dict[str, Any]) -> str:
        for lo, hi in self.alive:
            if lo <= day <= hi:
                break
        else:
            return NO
        open_ = False
        for lo, hi, when in self.guards:
            if not lo <= day <= hi:
                continue
            state = NO
            for fact, expected, presumed in when:
                value = facts.get(fact, presumed)
                if value is MISSING:
                    state = DEPENDS
                elif value != expected:
                    state = YES
                    break
            if state is NO:
                return NO
            if state is DEPENDS:
                open_ = True
        for fact, op, arg in self.conds:
            value = facts.get(fact, MISSING)
            if value is MISSING:
                open_ = True
            elif op == "max":
                if not value <= arg:
                    return NO
            elif op == "pbb":
                limit = arg.get(year)
                if limit is None or not value <= limit:
                    return NO
            elif op == "min":
                if not value >= arg:
                    return NO
            elif value != arg:  # eq, rel
                return NO
        return DEPENDS if open_ else YES


def plan_chain(rs: RuleSet, auth: Authority, chain: Chain) -> ChainPlan:
    """Compile one chain; mirrors `evaluate.evaluate_chain` test for test."""
    alive = [(NEVER, ALWAYS)]
    guards: list[tuple[int, int, tuple[tuple[str, Any, Any], ...]]] = []
    conds: list[tuple[str, str, Any]] = []
    last = len(chain.links) - 1
    for i, link in enumerate(chain.links):
        grant = link.grant
        if grant is not None:
            lo, hi = _window(grant.valid_from, grant.valid_to)
            if lo > NEVER:
                alive = _minus(alive, (NEVER, lo - 1))
            if hi < ALWAYS:
                alive = _minus(alive, (hi + 1, ALWAYS))
        for rule in link.guards:
            if rule.match.final and i != last:
                continue
            window = _window(rule.valid_from, rule.valid_to)
            if not rule.match.when:
                alive = _minus(alive, window)
                continue
            when = tuple((fact, expected, _presumed(rs, fact)) for fact, expected in rule.match.when.items())
            guards.append((*window, when))
        if grant is not None:
            for cond in grant.conditions:
                conds.append(_cond(rs, cond, chain.actor))
    for transfer in auth.transfers.get((chain.actor, chain.matter), ()):
        tgrant = transfer.link.grant
        if tgrant is None:
            continue
        spans = [_window(tgrant.valid_from, tgrant.valid_to)]
        rlo, rhi = _window(transfer.rule.valid_from, transfer.rule.valid_to)
        spans = [(max(lo, rlo), min(hi, rhi)) for lo, hi in spans if max(lo, rlo) <= min(hi, rhi)]
        for g in transfer.link.guards:  # a void hand-over (e.g. of a KL 5:1 matter) leaves the grantor its power
            if not g.match.when:
                spans = _minus(spans, _window(g.valid_from, g.valid_to))
        for span in spans:
            alive = _minus(alive, span)
    return ChainPlan(chain, tuple(alive), tuple(guards), tuple(conds), any(op == "pbb" for _, op, _ in conds))


def _presumed(rs: RuleSet, fact: str) -> Any:
    presumed = rs.facts[fact].presumed
    return MISSING if presumed is None else presumed


def _cond(rs: RuleSet, cond: Any, actor: str) -> tuple[str, str, Any]:
    if cond.max_pbb is not None:
        return cond.fact, "pbb", {year: pbb * cond.max_pbb for year, pbb in rs.prisbasbelopp.items()}
    if cond.max is not None:
        return cond.fact, "max", cond.max
    if cond.min is not None:
        return cond.fact, "min", cond.min
    if cond.relation == "reports_to_decider":
        return cond.fact, "rel", actor
    return cond.fact, "eq", cond.equals


def build_plans(rs: RuleSet, auth: Authority) -> dict[tuple[str, str], tuple[ChainPlan, ...]]:
    """Every chain compiled, at load (about 5 µs a chain; cached with the rule set): a question about a pair
    no one asked about before then finds its plans ready."""
    return {key: tuple(plan_chain(rs, auth, c) for c in chains) for key, chains in auth.chains.items()}


class Plans:
    """The compiled chains of a rule set (from `build_plans`, or built on first use per (actor, matter))."""

    def __init__(self, rs: RuleSet, auth: Authority,
                 plans: dict[tuple[str, str], tuple[ChainPlan, ...]] | None = None) -> None:
        self.rs, self.auth = rs, auth
        self._plans: dict[tuple[str, str], tuple[ChainPlan, ...]] = dict(plans or {})
        self._by_matter: dict[str, tuple[tuple[str, tuple[ChainPlan, ...]], ...]] = {}
        self.memo = rs.memo  # answer parts that depend only on their key: one store per rule set
        self._pbb: dict[tuple[str, str], bool] = {}
        self.answers: dict[Any, Any] = {}  # whole answers by their case key (api.Mandat.ask), bounded
        self.alternatives: dict[Any, Any] = {}  # an answer's alternatives by the others' verdicts, bounded
        self.facts: dict[Any, Any] = {}  # checked facts by their raw values (api.Mandat.ask), bounded

    def chains(self, actor: str, matter: str) -> tuple[ChainPlan, ...]:
        key = (actor, matter)
        plans = self._plans.get(key)
        if plans is None:
            plans = tuple(plan_chain(self.rs, self.auth, c) for c in self.auth.chains.get(key, ()))
            self._plans[key] = plans
        return plans

    def pbb(self, actor: str, matter: str) -> bool:
        """Whether a chain of the pair has a limit in prisbasbelopp (an answer about it then names the year)."""
        found = self._pbb.get((actor, matter))
        if found is None:
            found = self._pbb[(actor, matter)] = any(p.pbb for p in self.chains(actor, matter))
        return found

    def verdicts(self, actor: str, matter: str, day: dt.date, facts: dict[str, Any]) -> list[str]:
        d, y = day.toordinal(), day.year
        return [p.verdict(d, y, facts) for p in self.chains(actor, matter)]

    def verdict(self, actor: str, matter: str, day: dt.date, facts: dict[str, Any]) -> tuple[str, int]:
        """The answer for (actor, matter) and the index of the first chain giving it (-1 if none)."""
        d, y = day.toordinal(), day.year
        first_depends = -1
        for i, p in enumerate(self.chains(actor, matter)):
            v = p.verdict(d, y, facts)
            if v is YES:
                return YES, i
            if v is DEPENDS and first_depends < 0:
                first_depends = i
        return (DEPENDS, first_depends) if first_depends >= 0 else (NO, -1)

    def others(self, matter: str, asker: str, day: dt.date, facts: dict[str, Any]) -> list[tuple[str, str, Any, int]]:
        """(actor, answer, chain plan, index) for every other actor whom some chain of `matter` may reach."""
        by_matter = self._by_matter.get(matter)
        if by_matter is None:
            by_matter = tuple((a, self.chains(a, matter)) for a in self.auth.actors_by_matter.get(matter, ()))
            self._by_matter[matter] = by_matter
        d, y = day.toordinal(), day.year
        out = []
        for actor, plans in by_matter:
            if actor == asker:
                continue
            depends = -1
            for i, p in enumerate(plans):
                v = p.verdict(d, y, facts)
                if v is YES:
                    out.append((actor, YES, p, i))
                    break
                if v is DEPENDS and depends < 0:
                    depends = i
            else:
                if depends >= 0:
                    out.append((actor, DEPENDS, plans[depends], depends))
        return out
