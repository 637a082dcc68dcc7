"""The per-question fast path: each chain compiled once into date intervals and fact tests.

`evaluate.evaluate_chain` is the reference: it builds every basis item, condition and cut of a chain.
To give a verdict, most of that is not needed: what does not depend on the case (link validity, statute
rules without case facts, hand-overs) reduces to the days on which the chain can hold, and the rest to a
few fact tests. `ChainPlan.verdict(day, facts)` answers yes/no/depends for one chain exactly as the
reference does (tests/test_plan.py compares them): it is what the audit and an answer's alternatives
(every other actor of the matter) need. Each plan also keeps its tests in the order an answer cites them,
with their citations (`steps`), so that `ChainPlan.why` gives what cuts the chain and the facts it leaves
open, as `Mandat.decide` cites them (engine/decision.py). Plans are built at load and cached with the rule
set (or lazily per (actor, matter)), shared between threads.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Final

from engine.answer import BasisRef
from engine.derive import Authority, Chain
from engine.evaluate import link_ref, rule_ref
from engine.ruleset import RuleSet


class _Missing:
    """No value: a fact neither given nor presumed. One object, also after a trip through the cache."""

    def __reduce__(self) -> str:
        return "MISSING"  # pickled by reference to this module's MISSING, so `is MISSING` holds after loading

    def __repr__(self) -> str:
        return "MISSING"


MISSING: Any = _Missing()
NEVER, ALWAYS = dt.date.min.toordinal(), dt.date.max.toordinal()
YES: Final = "yes"
NO: Final = "no"
DEPENDS: Final = "depends"
# the tests of a chain in the order an answer cites what cut it (evaluate._render): a link out of force
# outside its days, a statute rule (in force within its days) with its case facts, a limit, a hand-over
OUTSIDE, GUARD, LIMIT, HANDOVER = range(4)
Step = tuple[int, int, int, Any, BasisRef]


def ordinal_window(valid_from: dt.date | None, valid_to: dt.date | None) -> tuple[int, int]:
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

    guards: the steps (below) of each statute rule with case facts: (GUARD, first day, last day, ((fact, expected,
    presumed or MISSING), ...), cited)
    conds: (fact, op, argument) with op one of max, min, pbb (argument: year -> limit),
    rel (argument: the actor), eq. basis: where each link's basis entry points, root first (what a yes or
    depends cites); steps: every test again, in the order an answer cites them, each with what it cites.
    """

    chain: Chain
    alive: tuple[tuple[int, int], ...]
    guards: tuple[Step, ...]
    conds: tuple[tuple[str, str, Any], ...]
    pbb: bool = False  # a limit in prisbasbelopp: the answer's text names the year
    basis: tuple[BasisRef, ...] = ()
    steps: tuple[Step, ...] = ()

    def __reduce__(self) -> tuple[Any, ...]:
        # pickled as a call with the fields in order: read back from the cache a tenth faster than a slots
        # dataclass's default (its state set slot by slot), measured on the large bench municipality
        return (ChainPlan, (self.chain, self.alive, self.guards, self.conds, self.pbb, self.basis, self.steps))

    def verdict(self, day: int, year: int, facts: dict[str, Any]) -> str:
        for lo, hi in self.alive:
            if lo <= day <= hi:
                break
        else:
            return NO
        open_ = False
        for _, lo, hi, when, _ in self.guards:
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

    def why(self, day: int, year: int, facts: dict[str, Any], cuts: list[BasisRef] | None,
            open_: dict[str, None] | None) -> None:
        """Add what cuts the chain (to `cuts`) and the facts it leaves open (to `open_`), in the order and
        with the citations of the full answer (`verdict`'s tests, all of them, not only until the first)."""
        for kind, lo, hi, arg, cited in self.steps:
            if kind == OUTSIDE:
                if cuts is not None and not lo <= day <= hi:
                    cuts.append(cited)
            elif kind == GUARD:
                if not lo <= day <= hi:
                    continue
                unknown = []
                for fact, expected, presumed in arg:
                    value = facts.get(fact, presumed)
                    if value is MISSING:
                        unknown.append(fact)
                    elif value != expected:
                        break
                else:
                    if not unknown and cuts is not None:
                        cuts.append(cited)
                    elif unknown and open_ is not None:
                        open_.update(dict.fromkeys(unknown))
            elif kind == LIMIT:
                fact, op, limit = arg
                value = facts.get(fact, MISSING)
                if value is MISSING:
                    if open_ is not None:
                        open_[fact] = None
                elif cuts is not None and not _meets(op, limit, value, year):
                    cuts.append(cited)
            elif cuts is not None and any(lo <= day <= hi for lo, hi in arg):  # HANDOVER
                cuts.append(cited)


def _meets(op: str, arg: Any, value: Any, year: int) -> bool:
    """A limit's test, as in `ChainPlan.verdict` (written out there, where every test counts)."""
    if op == "max":
        return bool(value <= arg)
    if op == "pbb":
        limit = arg.get(year)
        return limit is not None and bool(value <= limit)
    if op == "min":
        return bool(value >= arg)
    return bool(value == arg)


def plan_chain(rs: RuleSet, auth: Authority, chain: Chain, shared: dict[Any, Any] | None = None) -> ChainPlan:
    """Compile one chain; mirrors `evaluate.evaluate_chain` test for test. Parts of a link or rule that other
    chains have too are taken from `shared` when given (one object each: smaller in memory and in the cache)."""
    def one(key: Any, make: Any, *args: Any) -> Any:
        if shared is None:
            return make(*args)
        found = shared.get(key)
        if found is None:
            found = shared[key] = make(*args)
        return found

    alive = [(NEVER, ALWAYS)]
    guards: list[Step] = []
    conds: list[tuple[str, str, Any]] = []
    steps: list[Step] = []
    basis: list[BasisRef] = []
    last = len(chain.links) - 1
    for i, link in enumerate(chain.links):
        grant = link.grant
        cited = one(("link", link.id), link_ref, rs, link)
        basis.append(cited)
        if grant is not None:
            lo, hi = ordinal_window(grant.valid_from, grant.valid_to)
            if lo > NEVER:
                alive = _minus(alive, (NEVER, lo - 1))
            if hi < ALWAYS:
                alive = _minus(alive, (hi + 1, ALWAYS))
            if (lo, hi) != (NEVER, ALWAYS):
                steps.append(one(("outside", link.id), tuple, (OUTSIDE, lo, hi, None, cited)))
        for rule in link.guards:
            if rule.match.final and i != last:
                continue
            step = one(("guard", rule.id, chain.matter), _guard_step, rs, rule, chain.matter)
            steps.append(step)
            _, lo, hi, when, _ = step
            if not when:
                alive = _minus(alive, (lo, hi))
                continue
            guards.append(step)
        if grant is not None:
            for n, cond in enumerate(grant.conditions):
                step = one(("limit", link.id, n, chain.actor), _limit_step, rs, cond, chain.actor, cited)
                conds.append(step[3])
                steps.append(step)
    for transfer in auth.transfers.get((chain.actor, chain.matter), ()):
        tgrant = transfer.link.grant
        if tgrant is None:
            continue
        spans = [ordinal_window(tgrant.valid_from, tgrant.valid_to)]
        rlo, rhi = ordinal_window(transfer.rule.valid_from, transfer.rule.valid_to)
        spans = [(max(lo, rlo), min(hi, rhi)) for lo, hi in spans if max(lo, rlo) <= min(hi, rhi)]
        for g in transfer.link.guards:  # a void hand-over (e.g. of a KL 5:1 matter) leaves the grantor its power
            if not g.match.when:
                spans = _minus(spans, ordinal_window(g.valid_from, g.valid_to))
        for span in spans:
            alive = _minus(alive, span)
        steps.append((HANDOVER, 0, 0, tuple(spans), one(("rule", transfer.rule.id), rule_ref, rs, transfer.rule)))
    return ChainPlan(chain, tuple(alive), tuple(guards), tuple(conds), any(op == "pbb" for _, op, _ in conds),
                     tuple(basis), tuple(steps))


def _guard_step(rs: RuleSet, rule: Any, matter: str) -> Step:
    when = tuple((fact, expected, _presumed(rs, fact)) for fact, expected in rule.match.when.items())
    return (GUARD, *ordinal_window(rule.valid_from, rule.valid_to), when, rule_ref(rs, rule, matter))


def _limit_step(rs: RuleSet, cond: Any, actor: str, cited: BasisRef) -> Step:
    return (LIMIT, 0, 0, _cond(rs, cond, actor), cited)


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
    shared: dict[Any, Any] = {}
    return {key: tuple(plan_chain(rs, auth, c, shared) for c in chains) for key, chains in auth.chains.items()}


class Plans:
    """The compiled chains of a rule set (from `build_plans`, or built on first use per (actor, matter))."""

    def __init__(self, rs: RuleSet, auth: Authority,
                 plans: dict[tuple[str, str], tuple[ChainPlan, ...]] | None = None) -> None:
        self.rs, self.auth = rs, auth
        self._plans: dict[tuple[str, str], tuple[ChainPlan, ...]] = dict(plans or {})
        self._by_matter: dict[str, tuple[tuple[str, tuple[ChainPlan, ...]], ...]] = {}
        self._shared: dict[Any, Any] = {}  # the parts of plans built here (plan_chain)
        self.memo = rs.memo  # answer parts that depend only on their key: one store per rule set
        self._pbb: dict[tuple[str, str], bool] = {}
        self.answers: dict[Any, Any] = {}  # whole answers by their case key (api.Mandat.ask), bounded
        self.alternatives: dict[Any, Any] = {}  # an answer's alternatives by the others' verdicts, bounded
        self.facts: dict[Any, Any] = {}  # checked facts by their raw values (api.Mandat.ask), bounded

    def chains(self, actor: str, matter: str) -> tuple[ChainPlan, ...]:
        key = (actor, matter)
        plans = self._plans.get(key)
        if plans is None:
            plans = tuple(plan_chain(self.rs, self.auth, c, self._shared) for c in self.auth.chains.get(key, ()))
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
