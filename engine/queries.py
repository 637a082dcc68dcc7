"""The reverse questions: who may decide a matter, what may an actor decide, and why (explain).

Both directions evaluate the derived chains with the same function `ask` uses
(`engine.evaluate.outcomes` and `verdict`), so for every actor and matter `who` lists the actor
exactly when `ask` says yes or depends, with the same answer, and `what` lists the matter likewise.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict

from engine.answer import Answer, BasisItem, ConditionResult, PathResult, PathStep, RulesetRef
from engine.evaluate import LINK_TEXT, Outcome, link_basis, outcomes, point_label, verdict
from engine.facts import normalise_facts, parse_date

# the order in which those who may decide are listed: the delegate first, the ersättare, then
# the chair's urgent power, a take-over, the board itself and last the council
HOW_ORDER = {"vidaredelegation": 0, "delegation": 0, "instruction": 0, "inherit": 0, "execution": 0,
             "substitute": 1, "urgent": 2, "takeover": 3, "reglemente": 4, "own": 5}
HOW_GROUP = {  # how an actor holds a matter, as `what` marks it
    "own": "own", "reglemente": "own", "delegation": "delegation", "instruction": "delegation",
    "substitute": "substitute", "vidaredelegation": "vidaredelegation", "urgent": "urgent",
    "takeover": "takeover", "inherit": "inherit", "execution": "execution",
}
HOW_TEXT = {
    "sv": {"own": "egen beslutanderätt", "delegation": "delegationspunkt", "substitute": "ersättare",
           "vidaredelegation": "vidaredelegation",
           "urgent": "brådskande ärenden", "takeover": "övertagande", "inherit": "i underställds ställe",
           "execution": "ren verkställighet"},
    "en": {"own": "own authority", "delegation": "delegation point", "substitute": "substitute",
           "vidaredelegation": "further delegation",
           "urgent": "urgent power", "takeover": "take-over", "inherit": "in a subordinate's place",
           "execution": "pure execution"},
}


class _Out(BaseModel):
    model_config = ConfigDict(frozen=True)


class WhoEntry(_Out):
    """One actor who may decide the matter (yes) or may, depending on facts (depends)."""

    actor: str
    name: str
    kind: str
    answer: Literal["yes", "depends"]
    how: str  # the link kind that reaches the actor: delegation, substitute, urgent, reglemente, own, ...
    how_text: str
    via: str  # the document point or provision of that link
    order: int  # 1 = first in line (the delegate), then ersättare, urgent power, the board, the council
    chain: list[PathStep]
    conditions: list[ConditionResult]
    open_facts: list[str]


class WhoResult(_Out):
    municipality: str
    matter: str
    matter_title: str
    date: str
    facts: dict[str, Any]
    actors: list[WhoEntry]
    ruleset: RulesetRef
    lang: str


class WhatEntry(_Out):
    """One matter the actor may decide, and how."""

    matter: str
    title: str
    area: str
    answer: Literal["yes", "depends"]
    how: list[str]  # own, delegation, substitute, vidaredelegation, urgent, takeover, inherit, execution
    how_text: list[str]
    via: list[str]
    limits: list[ConditionResult]
    open_facts: list[str]


class WhatArea(_Out):
    area: str
    matters: list[WhatEntry]


class WhatResult(_Out):
    municipality: str
    actor: str
    name: str
    date: str
    facts: dict[str, Any]
    areas: list[WhatArea]
    ruleset: RulesetRef
    lang: str


def _lang(lang: str) -> str:
    return "en" if lang == "en" else "sv"


def _steps(mandat: Any, o: Outcome, lang: str) -> list[PathStep]:
    rs = mandat.rules
    return [PathStep(actor=link.receiver, name=rs.actors[link.receiver].name.get(lang),
                     link=LINK_TEXT[lang][link.kind.value], ref=link_basis(rs, link, lang).ref)
            for link in o.chain.links]


def _via(mandat: Any, o: Outcome, lang: str) -> str:
    last = o.chain.links[-1]
    return point_label(last) or link_basis(mandat.rules, last, lang).ref


def who(mandat: Any, matter: str, facts: dict[str, Any] | None = None, date: str | dt.date | None = None,
        lang: str = "sv") -> WhoResult:
    """Every actor who may decide `matter` on `date` given `facts`, first in line first."""
    rs, lang = mandat.rules, _lang(lang)
    matter_id = mandat.resolve_matter(matter)
    day = parse_date(date)
    given = normalise_facts(rs, facts or {})
    entries: list[tuple[tuple[int, int, int, str], WhoEntry]] = []
    for actor_id in mandat.authority.actors_by_matter.get(matter_id, ()):
        results = outcomes(rs, mandat.authority, actor_id, matter_id, day, given, lang)
        answer = verdict(results)
        if answer == "no":
            continue
        best = min((o for o in results if o.answer == answer), key=lambda o: HOW_ORDER[o.chain.links[-1].kind.value])
        how = best.chain.links[-1].kind.value
        opened = list(dict.fromkeys(f for o in results if o.answer == "depends" for f in o.open))
        entry = WhoEntry(actor=actor_id, name=rs.actors[actor_id].name.get(lang), kind=rs.actors[actor_id].kind.value,
                         answer=answer, how=how, how_text=LINK_TEXT[lang][how], via=_via(mandat, best, lang),
                         order=0, chain=_steps(mandat, best, lang), conditions=list(best.conditions),
                         open_facts=opened if answer == "depends" else [])
        entries.append(((HOW_ORDER[how], -len(best.chain.links), 0 if answer == "yes" else 1, actor_id), entry))
    ordered = [e.model_copy(update={"order": i}) for i, (_, e) in enumerate(sorted(entries, key=lambda x: x[0]), 1)]
    return WhoResult(municipality=rs.id, matter=matter_id, matter_title=rs.matters[matter_id].title.get(lang),
                     date=day.isoformat(), facts=given, actors=ordered,
                     ruleset=RulesetRef(id=rs.id, version=rs.version), lang=lang)


def what(mandat: Any, actor: str, facts: dict[str, Any] | None = None, date: str | dt.date | None = None,
         lang: str = "sv") -> WhatResult:
    """Every matter `actor` may decide on `date` given `facts`, grouped by area, with limits and how."""
    rs, lang = mandat.rules, _lang(lang)
    actor_id = mandat.resolve_actor(actor)
    day = parse_date(date)
    given = normalise_facts(rs, facts or {})
    by_area: dict[str, list[WhatEntry]] = {}
    for matter_id in mandat.authority.matters_by_actor.get(actor_id, ()):
        results = outcomes(rs, mandat.authority, actor_id, matter_id, day, given, lang)
        answer = verdict(results)
        if answer == "no":
            continue
        holding = [o for o in results if o.answer == answer]
        hows = list(dict.fromkeys(HOW_GROUP[o.chain.links[-1].kind.value] for o in holding))
        limits: list[ConditionResult] = []
        for o in holding:
            limits += [c for c in o.conditions if c not in limits]
        matter = rs.matters[matter_id]
        by_area.setdefault(matter.area, []).append(WhatEntry(
            matter=matter_id, title=matter.title.get(lang), area=matter.area, answer=answer, how=hows,
            how_text=[HOW_TEXT[lang][h] for h in hows], via=list(dict.fromkeys(_via(mandat, o, lang) for o in holding)),
            limits=limits, open_facts=list(dict.fromkeys(f for o in holding for f in o.open))))
    areas = [WhatArea(area=a, matters=sorted(ms, key=lambda e: e.matter)) for a, ms in sorted(by_area.items())]
    return WhatResult(municipality=rs.id, actor=actor_id, name=rs.actors[actor_id].name.get(lang),
                      date=day.isoformat(), facts=given, areas=areas,
                      ruleset=RulesetRef(id=rs.id, version=rs.version), lang=lang)


def explain(mandat: Any, actor: str, matter: str, facts: dict[str, Any] | None = None,
            date: str | dt.date | None = None, lang: str = "sv") -> Answer:
    """`ask` with every path considered; a `no` without any chain gets one failed path with its reasons."""
    answer = mandat.ask(actor, matter, facts=facts, date=date, lang=lang, explain=True)
    paths = list(answer.paths or [])
    if answer.answer == "no" and not any(p.answer == "no" and p.reasons for p in paths):
        rs = mandat.rules
        reasons = [b for b in answer.basis if b.kind == "statute"] or list(answer.basis)
        if not reasons:
            reasons = [BasisItem(ref=rs.statute.id, kind="statute",
                                 title="ingen kedja av beslutanderätt når aktören" if _lang(lang) == "sv"
                                 else "no chain of authority reaches the actor")]
        step = PathStep(actor=answer.actor, name=answer.actor_name, link="—", ref=reasons[0].ref)
        paths.append(PathResult(answer="no", steps=[step], reasons=reasons))
    return answer.model_copy(update={"paths": paths})
