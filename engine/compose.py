"""Compose an answer from the outcomes of the chains it shows: the basis it cites, the conditions that
applied, what must follow, what an open fact would give, who may decide instead.

`engine.api.Mandat.ask` chooses the chains and memoises what this makes; the parts (basis items,
conditions, alternatives) are memoised here by their keys in the rule set's memo.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from engine.answer import (
    Alternative,
    Answer,
    BasisItem,
    ConditionResult,
    ObligationItem,
    OpenFact,
    PathResult,
    PathStep,
    Presumption,
    RulesetRef,
)
from engine.construct import construct
from engine.derive import Authority
from engine.evaluate import (
    LINK_TEXT,
    Outcome,
    barring_rules,
    link_basis,
    no_grant_basis,
    open_facts,
    point_label,
    rule_basis,
    verdict,
)
from engine.models import FactType, LinkKind
from engine.plan import Plans
from engine.ruleset import RuleSet


class Composer:
    """Makes the answers of one rule set (read-only but for its memo stores; shared between threads)."""

    def __init__(self, rs: RuleSet, auth: Authority, plans: Plans) -> None:
        self.rs, self.auth, self.plans = rs, auth, plans

    def answer(self, actor_id: str, matter_id: str, day: dt.date, given: dict[str, Any], lang: str,
                results: list[Outcome], alternatives: list[Alternative], explain: bool) -> Answer:
        rs = self.rs
        answer = verdict(results)
        chosen = next((o for o in results if o.answer == answer), None)
        basis: list[BasisItem] = []
        conditions: list[ConditionResult] = []
        obligations: list[ObligationItem] = []
        if answer == "no":
            seen: set[tuple[str, str | None, str | None]] = set()
            for o in results:
                for item in o.cuts:
                    key = (item.ref, item.document, item.point)
                    if key not in seen:
                        seen.add(key)
                        basis.append(item)
                conditions.extend(c for c in o.conditions if c.status == "unmet")
            if not results:
                basis.extend(rule_basis(rs, r, lang, matter_id) for r in barring_rules(rs, matter_id))
                cited = no_grant_basis(rs, lang)
                if cited is not None:
                    basis.append(cited)
        elif chosen is not None:
            basis = [link_basis(rs, link, lang) for link in chosen.chain.links]
            conditions = list(chosen.conditions)
            obligations = list(chosen.obligations)
        facts_open = open_facts(rs, results, lang) if answer == "depends" else []
        if facts_open:
            facts_open = [self.gives(f, actor_id, matter_id, day, given, lang) for f in facts_open]
        last = chosen.chain.links[-1] if chosen and answer != "no" else None
        return construct(  # the parts are models already; validating them again costs most of a question
            Answer, answer=answer, municipality=rs.id, actor=actor_id, matter=matter_id, date=day.isoformat(),
            facts=given, basis=basis, conditions=conditions, open_facts=facts_open, obligations=obligations,
            alternatives=alternatives,
            ruleset=self.plans.memo.get("ruleset") or self.plans.memo.setdefault(
                "ruleset", construct(RulesetRef, id=rs.id, version=rs.version)),
            actor_name=rs.actors[actor_id].name.get(lang), matter_title=rs.matters[matter_id].title.get(lang),
            execution=last is not None and last.kind == LinkKind.execution,
            unverified=sorted(set(self._unverified(basis)) | {o.ref for o in obligations if not o.verified}),
            assumed=sorted({b.assumed for b in basis if b.assumed}),
            lang=lang,
            presumptions=self._presumptions(chosen, lang) if chosen and answer != "no" else [],
            paths=[self.path(o, lang) for o in results] if explain else None,
        )

    def _unverified(self, basis: list[BasisItem]) -> list[str]:
        """The provisions an answer cites that the digest marks [verify], each on its own."""
        out: set[str] = set()
        for b in basis:
            if b.verified:
                continue
            refs = b.ref.split(", ")
            flagged = [r for r in refs if r in self.rs.provisions and not self.rs.provisions[r].verified]
            out.update(flagged or refs)
        return sorted(out)

    def _presumptions(self, chosen: Outcome, lang: str) -> list[Presumption]:
        out = []
        for fact, ref in chosen.presumed.items():
            fdef = self.rs.facts[fact]
            text = fdef.presumption.get(lang) if fdef.presumption else f"{fact} = {fdef.presumed}"
            out.append(construct(Presumption, fact=fact, value=fdef.presumed, text=text, ref=ref))
        return out

    def alternatives(self, actor_id: str, matter_id: str, lang: str, others: list[Any]) -> list[Alternative]:
        substitutes = self.plans.memo.get(("substitutes", actor_id, matter_id))
        if substitutes is None:
            substitutes = self.plans.memo.setdefault(("substitutes", actor_id, matter_id), frozenset(
                c.links[-1].grant.point.substitute for c in self.auth.chains.get((actor_id, matter_id), ())
                if c.links[-1].grant and c.links[-1].grant.point))
        found: list[tuple[tuple[int, int, int, str], Alternative]] = []
        for other, answer, best, index in others:
            key = (0 if other in substitutes else 1, 0 if answer == "yes" else 1, -len(best.chain.links), other)
            alt = self.plans.memo.get(("alt", other, matter_id, answer, index, lang))
            if alt is None:
                ref = point_label(best.chain.links[-1]) or link_basis(self.rs, best.chain.links[-1], lang).ref
                alt = self.plans.memo.setdefault(("alt", other, matter_id, answer, index, lang), construct(
                    Alternative, actor=other, answer=answer, ref=ref, name=self.rs.actors[other].name.get(lang)))  # type: ignore[arg-type]
            found.append((key, alt))
        return [alt for _, alt in sorted(found, key=lambda x: x[0])]

    def gives(self, open_fact: OpenFact, actor_id: str, matter_id: str, day: dt.date, given: dict[str, Any],
               lang: str) -> OpenFact:
        """What each value of an open fact would give, all else as asked."""
        fdef = self.rs.facts.get(open_fact.fact)
        candidates: list[tuple[str, Any]] = []
        if fdef is not None and fdef.type == FactType.boolean:
            candidates = [("true", True), ("false", False)]
        elif fdef is not None and fdef.type in (FactType.amount, FactType.number):
            for bound in sorted(self._bounds(actor_id, matter_id, open_fact.fact, day)):
                candidates += [(f"<= {bound:g}", bound), (f"> {bound:g}", bound + 1)]
        gives = {}
        for label, value in candidates:
            gives[label] = self.plans.verdict(actor_id, matter_id, day, {**given, open_fact.fact: value})[0]
        return open_fact.model_copy(update={"gives": gives})

    def _bounds(self, actor_id: str, matter_id: str, fact: str, day: dt.date) -> set[float]:
        bounds: set[float] = set()
        for chains in [self.auth.chains.get((actor_id, matter_id), ())]:
            for chain in chains:
                for link in chain.links:
                    for cond in link.grant.conditions if link.grant else ():
                        if cond.fact != fact:
                            continue
                        if cond.max is not None:
                            bounds.add(cond.max)
                        elif cond.max_pbb is not None and day.year in self.rs.prisbasbelopp:
                            bounds.add(cond.max_pbb * self.rs.prisbasbelopp[day.year])
        return bounds

    def path(self, o: Outcome, lang: str) -> PathResult:
        steps = [PathStep(actor=link.receiver, name=self.rs.actors[link.receiver].name.get(lang),
                          link=LINK_TEXT[lang][link.kind.value], ref=link_basis(self.rs, link, lang).ref)
                 for link in o.chain.links]
        return PathResult(answer=o.answer, steps=steps, reasons=o.cuts, open_facts=list(o.open))
