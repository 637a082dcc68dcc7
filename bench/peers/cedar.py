"""The same delegation order as Cedar policies, answered with `cedarpy` (the `bench` extra).

Set up as an expert would for speed: one prebuilt `PolicySet` per matter (a slice of a dozen policies,
not one set of every policy), no entity graph to walk (each policy names its principal and resource),
and the case facts, the day and the year in the request's context. Cedar says Allow or Deny; the
three-valued answer is kept by writing each chain of authority twice: a `y` policy that holds when every
test is met (yes) and a `d` policy that holds when no test fails on a fact that is given (yes or depends).
Allow through a `y` policy is yes, Allow through `d` policies only is depends, Deny is no: one request
per question. The chains come from the same derivation mandat answers from (engine/plan.py), so the two
engines answer the same delegation order; the run checks the answers equal on every question.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from typing import Any

from engine.api import Mandat
from engine.plan import ALWAYS, MISSING, NEVER, ChainPlan, Plans


def _lit(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(int(value))
    return json.dumps(str(value))


def _has(fact: str) -> str:
    return f'context has "{fact}"' if not fact.isidentifier() else f"context has {fact}"


def _span(lo: int, hi: int) -> str:
    parts = ([f"context.day >= {lo}"] if lo > NEVER else []) + ([f"context.day <= {hi}"] if hi < ALWAYS else [])
    return " && ".join(parts) or "true"


def _test(fact: str, op: str, arg: Any) -> str:
    v = f"context.{fact}"
    if op == "max":
        return f"{v} <= {math.floor(arg)}"
    if op == "min":
        return f"{v} >= {math.ceil(arg)}"
    if op == "pbb":
        years = [f"(context.year == {y} && {v} <= {math.floor(limit)})" for y, limit in sorted(arg.items())]
        return "(" + (" || ".join(years) or "false") + ")"
    return f"{v} == {_lit(arg)}"


def chain_tests(plan: ChainPlan, strict: bool) -> str:
    """A Cedar condition: the chain holds (strict) or does not fail on any fact given (lenient)."""
    parts = ["(" + (" || ".join(f"({_span(lo, hi)})" for lo, hi in plan.alive) or "false") + ")"]
    for _, lo, hi, when, _ in plan.guards:
        items = []
        for fact, expected, presumed in when:
            given = f"context.{fact} {'!=' if strict else '=='} {_lit(expected)}"
            absent = presumed is not MISSING and ((presumed != expected) if strict else (presumed == expected))
            items.append(f"(!({_has(fact)}) || {given})" if absent else f"({_has(fact)} && {given})")
        test = " || ".join(items) if strict else f"!({' && '.join(items)})"  # strict: some fact clears the rule
        outside = "" if (lo, hi) == (NEVER, ALWAYS) else f"!({_span(lo, hi)}) || "
        parts.append(f"({outside}{test})")
    for fact, op, arg in plan.conds:
        test = _test(fact, op, arg)
        parts.append(f"({_has(fact)} && {test})" if strict else f"(!({_has(fact)}) || {test})")
    return " && ".join(parts)


def policies(m: Mandat) -> dict[str, str]:
    """Per matter, its slice of policies: for each actor and chain, a `y` and a `d` policy."""
    plans = Plans(m.rules, m.authority)
    out: dict[str, str] = {}
    for matter, actors in m.authority.actors_by_matter.items():
        text = []
        for actor in actors:
            for i, plan in enumerate(plans.chains(actor, matter)):
                head = f'(principal == Actor::{json.dumps(actor)}, action == Action::"decide", ' \
                       f'resource == Matter::{json.dumps(matter)})'
                for kind in ("y", "d"):
                    text.append(f'@id("{kind}-{actor}-{i}")\npermit{head}\nwhen {{ {chain_tests(plan, kind == "y")} }};')
        out[matter] = "\n".join(text)
    return out


class Cedar:
    """Prebuilt policy slices and the empty entity set; `ask` answers yes, no or depends."""

    def __init__(self, m: Mandat) -> None:
        import cedarpy

        self.cedarpy = cedarpy
        self.texts = policies(m)
        self.sets = {matter: cedarpy.PolicySet.from_str(text) for matter, text in self.texts.items()}
        self.empty = cedarpy.PolicySet.from_str("")
        self.entities = cedarpy.Entities.from_json_str("[]")
        self.count = sum(t.count("permit(") for t in self.texts.values())

    def request(self, q: dict[str, Any]) -> dict[str, Any]:
        day = dt.date.fromisoformat(q["date"])
        return {"principal": f"Actor::{json.dumps(q['actor'])}", "action": 'Action::"decide"',
                "resource": f"Matter::{json.dumps(q['matter'])}",
                "context": {**q["facts"], "day": day.toordinal(), "year": day.year}}

    def ask(self, q: dict[str, Any]) -> str:
        return self._verdict(self._authorize(q))

    def decide(self, q: dict[str, Any]) -> tuple[str, set[str]]:
        """`ask`'s answer, and the ids of the policies Cedar says determined it (`y-`/`d-` actor-chain index)."""
        result = self._authorize(q)
        return self._verdict(result), set(result.diagnostics.id_annotations_by_reason.values())

    def _authorize(self, q: dict[str, Any]) -> Any:
        result = self.cedarpy.is_authorized(self.request(q), self.sets.get(q["matter"], self.empty), self.entities)
        if result.diagnostics.errors:
            raise RuntimeError(f"cedar: {result.diagnostics.errors[:2]}")
        return result

    @staticmethod
    def _verdict(result: Any) -> str:
        if not result.allowed:
            return "no"
        ids = result.diagnostics.id_annotations_by_reason
        return "yes" if any(v.startswith("y-") for v in ids.values()) else "depends"
