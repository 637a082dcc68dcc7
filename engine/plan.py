"""The per-question fast path: each chain compiled once into date intervals and fact tests.

`evaluate.evaluate_chain` is the reference: it builds every basis item, condition and cut of a chain.
To give a verdict, most of that is not needed: what does not depend on the case (link validity, statute
rules without case facts, hand-overs) reduces to the days on which the chain can hold, and the rest to a
few fact tests. `ChainPlan.verdict(day, facts)` answers yes/no/depends for one chain exactly as the
reference does (tests/test_plan.py compares them); the answer's details are still built by the reference,
for the chains the answer shows. Plans are built lazily per (actor, matter) and shared between threads.
"""

from __future__ import annotations

import copy
import datetime as dt
from dataclasses import dataclass
from typing import Any, TypeVar

from pydantic import BaseModel

from engine.derive import Authority, Chain
from engine.evaluate import evaluate_chain
from engine.ruleset import RuleSet

M = TypeVar("M", bound=BaseModel)
MISSING: Any = object()
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

    def signature(self, day: int, year: int, facts: dict[str, Any]) -> tuple[int, ...]:
        """What a chain that holds shows besides its links: the year (for a limit in prisbasbelopp), and
        for each statute rule with case facts whether it is in force and which facts it read as given or
        as presumed (`evaluate.guard_state` stops at the first fact that clears the rule)."""
        sig = [year if self.pbb else 0]
        for lo, hi, when in self.guards:
            if not lo <= day <= hi:
                sig.append(-1)
                continue
            for fact, expected, presumed in when:
                given = fact in facts
                value = facts[fact] if given else presumed
                if value is MISSING:
                    sig.append(3)
                elif value != expected:
                    sig.append(2 if given else 4)
                    break
                else:
                    sig.append(1 if given else 0)
        return tuple(sig)

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


class Plans:
    """The compiled chains of a rule set, built on first use per (actor, matter)."""

    def __init__(self, rs: RuleSet, auth: Authority) -> None:
        self.rs, self.auth = rs, auth
        self._plans: dict[tuple[str, str], tuple[ChainPlan, ...]] = {}
        self._by_matter: dict[str, tuple[tuple[str, tuple[ChainPlan, ...]], ...]] = {}
        self.memo = rs.memo  # answer parts that depend only on their key: one store per rule set

    def chains(self, actor: str, matter: str) -> tuple[ChainPlan, ...]:
        key = (actor, matter)
        plans = self._plans.get(key)
        if plans is None:
            plans = tuple(plan_chain(self.rs, self.auth, c) for c in self.auth.chains.get(key, ()))
            self._plans[key] = plans
        return plans

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

    def outcomes(self, actor: str, matter: str, day: dt.date, facts: dict[str, Any], lang: str) -> list[Any]:
        """The reference outcomes of the chains an answer shows: the first that holds if one does, else
        every chain that depends if one does, else every chain (a "no" cites every cut)."""
        d, y = day.toordinal(), day.year
        plans = self.chains(actor, matter)
        verdicts = [p.verdict(d, y, facts) for p in plans]
        if YES in verdicts:  # a chain that holds shows the same on every question with its signature
            index = verdicts.index(YES)
            key = ("holds", actor, matter, index, lang, plans[index].signature(d, y, facts))
            found = self.memo.get(key)
            if found is None:
                found = self.memo.setdefault(key, evaluate_chain(self.rs, self.auth, plans[index].chain, day, facts, lang))
            return [found]
        elif DEPENDS in verdicts:
            shown = [p for p, v in zip(plans, verdicts, strict=True) if v is DEPENDS]
        else:
            shown = list(plans)
        return [evaluate_chain(self.rs, self.auth, p.chain, day, facts, lang) for p in shown]

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


_TEMPLATES: dict[type, tuple[dict[str, Any], tuple[tuple[str, Any], ...]]] = {}


def _template(cls: type[BaseModel]) -> tuple[dict[str, Any], tuple[tuple[str, Any], ...]]:
    """Every field in order with its default, and the fields whose default is mutable (copied per model)."""
    found = _TEMPLATES.get(cls)
    if found is None:
        template: dict[str, Any] = {}
        mutable = []
        for name, info in cls.model_fields.items():
            template[name] = None
            if not info.is_required():
                default = info.get_default(call_default_factory=True)
                template[name] = default
                if not isinstance(default, str | int | float | bool | tuple | frozenset | type(None)):
                    mutable.append((name, default))
        found = _TEMPLATES.setdefault(cls, (template, tuple(mutable)))
    return found


def construct(cls: type[M], **fields: Any) -> M:
    """A model from values the engine made itself, without validating them again.

    Validating an `Answer` whose parts are already models costs about 7 µs, most of a question's
    budget; this costs about 1. Fields not given take their defaults and the values keep the
    fields' order, as with validation (tests/test_plan.py checks the two equal).
    """
    template, mutable = _template(cls)
    values = template.copy()
    values.update(fields)
    for name, default in mutable:
        if name not in fields:
            values[name] = copy.deepcopy(default)
    model = cls.__new__(cls)
    object.__setattr__(model, "__dict__", values)
    object.__setattr__(model, "__pydantic_fields_set__", set(fields))
    object.__setattr__(model, "__pydantic_extra__", None)
    object.__setattr__(model, "__pydantic_private__", None)
    return model
