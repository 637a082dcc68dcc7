"""Question sets drawn from a loaded rule set: yes, no and depends mixed, dates spread over the years.

Each question is `{"actor", "matter", "facts", "date"}`. Actors are mostly ones that hold the matter
through some chain (the answer then turns on dates, limits and statute guards), the rest anyone at all.
Facts are the ones the matter's conditions test, each given (below or above its limit) or left out.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from engine.api import Mandat

FIRST, LAST = dt.date(2020, 7, 1), dt.date(2026, 12, 31)


def _tested(m: Mandat, matter: str) -> dict[str, list[float]]:
    """The facts the chains of a matter test, with the limits they are tested against."""
    out: dict[str, list[float]] = {}
    for actor in m.authority.actors_by_matter.get(matter, ()):
        for chain in m.authority.chains[(actor, matter)]:
            for link in chain.links:
                for rule in link.guards:
                    for fact in rule.match.when:
                        out.setdefault(fact, [])
                for cond in link.grant.conditions if link.grant else ():
                    bound = cond.max if cond.max is not None else (cond.max_pbb * 58_800 if cond.max_pbb else None)
                    out.setdefault(cond.fact, []).append(bound if bound is not None else 0)
    return out


def _value(rnd: random.Random, m: Mandat, fact: str, bounds: list[float], actor: str) -> Any:
    kind = m.rules.facts[fact].type.value
    if kind == "actor":
        return actor if rnd.random() < 0.5 else rnd.choice(sorted(m.rules.actors))
    if kind == "text":
        return rnd.choice(m.rules.facts[fact].values or ["x"])
    if kind == "bool":
        return rnd.random() < 0.5 if fact != "conflict_of_interest" else rnd.random() < 0.1
    bound = rnd.choice(bounds) if bounds and any(bounds) else 10
    return max(0, int(bound * rnd.choice([0.2, 0.5, 0.9, 1.1, 2.0, 5.0])))


def draw(m: Mandat, n: int, seed: int = 88) -> list[dict[str, Any]]:
    """`n` questions about `m`."""
    rnd = random.Random(seed)
    matters = sorted(m.rules.matters)
    actors = sorted(m.rules.actors)
    span = (LAST - FIRST).days
    out: list[dict[str, Any]] = []
    while len(out) < n:
        matter = rnd.choice(matters)
        holders = m.authority.actors_by_matter.get(matter, ())
        actor = rnd.choice(holders) if holders and rnd.random() < 0.8 else rnd.choice(actors)
        facts = {}
        for fact, bounds in sorted(_tested(m, matter).items()):
            if rnd.random() < 0.7:
                facts[fact] = _value(rnd, m, fact, bounds, actor)
        day = FIRST + dt.timedelta(days=rnd.randrange(span))
        out.append({"actor": actor, "matter": matter, "facts": facts, "date": day.isoformat()})
    return out
