"""A decision: the verdict and the provisions that determined it, as an authorizer gives it.

`Mandat.decide` answers the question a case-handling system asks before it records a decision: yes, no
or depends, with the chain of provisions and delegation points that grants it (or what cut every chain),
the facts it depends on, what must follow, and the rule-set version. It is `Mandat.ask` without the
words: no titles, condition texts, presumptions or alternatives, so that a question costs a look-up of
the compiled chains (engine/plan.py) and a walk of the few chains the citations come from.

The citations are exactly those of the full answer: `decision.basis` is `[(b.ref, b.document, b.point)
for b in answer.basis]`, `open_facts` the open facts' names, `obligations` the obligations' refs
(tests/test_decision.py checks this on every bundled and generated question).
"""

from __future__ import annotations

import datetime as dt
from typing import Any, NamedTuple

from engine.answer import BasisRef, ObligationItem, Verdict
from engine.derive import Chain
from engine.evaluate import barring_rules, obligation_item, rule_ref
from engine.plan import DEPENDS, NO, YES, Plans, ordinal_window


class Decision(NamedTuple):
    """May `actor` decide `matter` on `date`: the verdict and what determined it (immutable; a named tuple,
    which is made in a fraction of a frozen dataclass's time)."""

    answer: Verdict
    municipality: str
    actor: str
    matter: str
    date: str
    basis: tuple[BasisRef, ...]  # yes/depends: the chain that grants it, root first; no: what cut each chain
    open_facts: tuple[str, ...] = ()  # depends: the facts the answer turns on
    obligations: tuple[str, ...] = ()  # what must follow the decision (reporting, ...), by provision
    version: str = ""  # the rule set's version (a hash of its files)

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (HTTP `POST /v1/decide`)."""
        return {"answer": self.answer, "municipality": self.municipality, "actor": self.actor,
                "matter": self.matter, "date": self.date,
                "basis": [{"ref": c.ref, "document": c.document, "point": c.point} for c in self.basis],
                "open_facts": list(self.open_facts), "obligations": list(self.obligations),
                "ruleset": {"id": self.municipality, "version": self.version}}


class Decider:
    """Makes the decisions of one rule set from its compiled chains; memoises what does not depend on the case."""

    def __init__(self, plans: Plans) -> None:
        self.rs, self.plans = plans.rs, plans
        self._none: dict[str, tuple[BasisRef, ...]] = {}
        self._duties: dict[str, tuple[tuple[int, int, ObligationItem], ...]] = {}

    def decide(self, actor: str, matter: str, day: dt.date, facts: dict[str, Any]) -> Decision:
        """The decision for ids, a date and normalised facts (as `Mandat.decide` passes them)."""
        rs = self.rs
        plans = self.plans.chains(actor, matter)
        d, y = day.toordinal(), day.year
        verdicts = [p.verdict(d, y, facts) for p in plans]
        if YES in verdicts:
            chosen = plans[verdicts.index(YES)]
            return Decision(YES, rs.id, actor, matter, day.isoformat(), chosen.basis, (),
                            self.duties(chosen.chain, day), rs.version)
        if DEPENDS in verdicts:
            open_: dict[str, None] = {}
            for plan, verdict in zip(plans, verdicts, strict=True):
                if verdict == DEPENDS:
                    plan.why(d, y, facts, None, open_)
            chosen = plans[verdicts.index(DEPENDS)]
            return Decision(DEPENDS, rs.id, actor, matter, day.isoformat(), chosen.basis, tuple(open_),
                            self.duties(chosen.chain, day), rs.version)
        if not plans:
            return Decision(NO, rs.id, actor, matter, day.isoformat(), self.no_chain(matter), (), (), rs.version)
        cuts: list[BasisRef] = []
        for plan in plans:
            plan.why(d, y, facts, cuts, None)
        return Decision(NO, rs.id, actor, matter, day.isoformat(), tuple(dict.fromkeys(cuts)), (), (), rs.version)

    def no_chain(self, matter: str) -> tuple[BasisRef, ...]:
        """What a no cites when no chain reaches the actor: rules barring delegation, and the statute's no-grant."""
        found = self._none.get(matter)
        if found is None:
            cited = [rule_ref(self.rs, r, matter) for r in barring_rules(self.rs, matter)]
            if self.rs.no_grant is not None:
                cited.append(BasisRef(self.rs.no_grant.ref))
            found = self._none[matter] = tuple(cited)
        return found

    def duties(self, chain: Chain, day: dt.date) -> tuple[str, ...]:
        """The refs of what must follow a decision through the chain on `day` (as `evaluate._render`: the
        obligations of its links in force that day, a `final` one on the last link only, each item once)."""
        found = self._duties.get(chain.path)
        if found is None:
            last = len(chain.links) - 1
            found = self._duties[chain.path] = tuple(
                (*ordinal_window(rule.valid_from, rule.valid_to), obligation_item(self.rs, rule, link, "sv"))
                for i, link in enumerate(chain.links) for rule in link.obligations
                if not (rule.match.final and i != last))
        if not found:
            return ()
        d = day.toordinal()
        return tuple(item.ref for item in dict.fromkeys(item for lo, hi, item in found if lo <= d <= hi))

