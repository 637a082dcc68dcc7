"""Answer one question from the derived authority: three-valued conditions over the case facts.

A chain holds when every link is in force on the date, no statute rule cuts it, and every limit
is met. A condition on a fact the question does not give is unknown: the chain "depends".
"""

from __future__ import annotations

import datetime as dt
import gc
import itertools
from dataclasses import dataclass, field
from typing import Any

from engine.answer import BasisItem, BasisKind, BasisRef, ConditionResult, ObligationItem, OpenFact, Verdict
from engine.construct import construct
from engine.derive import Authority, Chain, Link, Transfer
from engine.models import Condition, LinkKind, StatuteRule
from engine.ruleset import RuleSet

BASIS_KIND: dict[LinkKind, BasisKind] = {
    LinkKind.own: "statute", LinkKind.reglemente: "reglemente", LinkKind.delegation: "delegation",
    LinkKind.vidaredelegation: "vidaredelegation", LinkKind.urgent: "delegation",
    LinkKind.substitute: "delegation", LinkKind.instruction: "instruction", LinkKind.takeover: "local",
    LinkKind.inherit: "local", LinkKind.execution: "local",
}

LINK_TEXT = {
    "sv": {"own": "egen beslutanderätt", "reglemente": "reglemente", "delegation": "delegation",
           "vidaredelegation": "vidaredelegation", "urgent": "brådskande ärenden",
           "substitute": "ersättare", "instruction": "instruktion", "takeover": "övertagande",
           "inherit": "chefs rätt att besluta i underställdas ställe", "execution": "ren verkställighet"},
    "en": {"own": "own authority", "reglemente": "regulations (reglemente)", "delegation": "delegation",
           "vidaredelegation": "further delegation", "urgent": "urgent matters",
           "substitute": "substitute", "instruction": "instruction", "takeover": "take-over",
           "inherit": "a manager deciding in a subordinate's place", "execution": "pure execution"},
}


@dataclass
class Outcome:
    """What one chain gives for the question."""

    chain: Chain
    answer: Verdict
    cuts: list[BasisItem] = field(default_factory=list)
    conditions: list[ConditionResult] = field(default_factory=list)
    open: dict[str, tuple[str, Verdict]] = field(default_factory=dict)  # fact -> (ref, value that cuts)
    presumed: dict[str, str] = field(default_factory=dict)  # fact -> ref of the rule that presumed it
    obligations: list[ObligationItem] = field(default_factory=list)  # what must follow if the chain is used


def point_label(link: Link) -> str:
    grant = link.grant
    if grant is None or grant.document is None or grant.point is None:
        return ""
    return f"{grant.document.id} p. {grant.point.point}"


def memo(rs: RuleSet) -> dict[Any, Any]:
    """Answer parts that depend only on their key (a rule set never changes once loaded); they are frozen
    models, built once and shared, which keeps pydantic off the per-question path."""
    return rs.memo


def no_grant_basis(rs: RuleSet, lang: str) -> BasisItem | None:
    """What a "no" cites when no chain reaches the actor at all (the statute layer's `no_grant`)."""
    if rs.no_grant is None:
        return None
    key = ("no_grant", lang)
    found = memo(rs).get(key)
    if found is None:
        prov = rs.provisions.get(rs.no_grant.ref)
        found = memo(rs).setdefault(key, BasisItem(
            ref=rs.no_grant.ref, kind="statute", title=rs.no_grant.reason.get(lang),
            verified=prov.verified if prov else True))
    return found


def link_basis(rs: RuleSet, link: Link, lang: str) -> BasisItem:
    """The basis entry for one link of a chain."""
    key = ("link", link.id, lang)
    found = memo(rs).get(key)
    if found is None:
        found = memo(rs).setdefault(key, _link_basis(rs, link, lang))
    return found


def link_ref(rs: RuleSet, link: Link) -> BasisRef:
    """Where the basis entry of a link points: the grant's provisions (or its point), document and point."""
    grant = link.grant
    if grant is None:  # the root: the council's own power, by the matter's kinds
        return BasisRef(", ".join(_kind_refs(rs, link.matter)) or (rs.root.ref if rs.root else rs.statute.id))
    return BasisRef(", ".join(grant.refs) or point_label(link), grant.document.id if grant.document else None,
                    grant.point.point if grant.point else None)


def _kind_refs(rs: RuleSet, matter: str) -> list[str]:
    """The provisions of a matter's kinds (what the council's own power over it rests on)."""
    return [ref for k in rs.matters[matter].kinds for ref in rs.matter_kinds[k].refs]


def _link_basis(rs: RuleSet, link: Link, lang: str) -> BasisItem:
    kind = BASIS_KIND[link.kind]
    where = link_ref(rs, link)
    if link.grant is None:  # the root: the council's own power
        refs = _kind_refs(rs, link.matter)
        root = rs.root
        title = ", ".join(rs.provision_title(r, lang) for r in refs) if refs else (root.reason.get(lang) if root else "")
        return construct(BasisItem, ref=where.ref, kind=kind, title=title, actor=link.receiver, link=link.kind.value,
                         verified=all(_verified(rs, r) for r in where.ref.split(", ")))
    grant = link.grant
    doc = grant.document
    title = doc.title.get(lang) if doc else ""
    if grant.point is not None:
        title += f", p. {grant.point.point}: {rs.matters[link.matter].title.get(lang)}"
    return construct(
        BasisItem, ref=where.ref, kind=kind, title=title, document=where.document, point=where.point,
        actor=link.receiver, link=link.kind.value, verified=all(_verified(rs, r) for r in grant.refs),
        assumed=grant.assumed,
    )


def _verified(rs: RuleSet, ref: str) -> bool:
    prov = rs.provisions.get(ref)
    return prov.verified if prov else True


def rule_basis(rs: RuleSet, rule: StatuteRule, lang: str, matter: str | None = None) -> BasisItem:
    """A statute rule as a basis entry; cites the matter's own point (KL 5:1 p.2) where it is more precise."""
    key = ("rule", rule.id, lang, matter)
    found = memo(rs).get(key)
    if found is None:
        found = memo(rs).setdefault(key, _rule_basis(rs, rule, lang, matter))
    return found


def rule_ref(rs: RuleSet, rule: StatuteRule, matter: str | None = None) -> BasisRef:
    """Where a statute rule's basis entry points: the matter's own point of it (KL 5:1 p.2) where there is one."""
    ref = rule.ref
    if matter is not None:
        for kind in rs.matters[matter].kinds:
            ref = next((r for r in rs.matter_kinds[kind].refs if r.startswith(rule.ref + " ")), ref)
    return BasisRef(ref)


def _rule_basis(rs: RuleSet, rule: StatuteRule, lang: str, matter: str | None) -> BasisItem:
    ref = rule_ref(rs, rule, matter).ref
    title = rule.reason.get(lang)
    if ref != rule.ref:
        title = f"{rs.provision_title(ref, lang)}: {title}"
    return construct(BasisItem, ref=ref, kind="statute", title=title, verified=rule.verified and _verified(rs, ref))


def barring_rules(rs: RuleSet, matter: str) -> list[StatuteRule]:
    """The statute rules that bar every delegation of a matter outright (no case facts involved)."""
    found = memo(rs).get(("barring", matter))
    if found is None:
        kinds = set(rs.matters[matter].kinds)
        found = memo(rs).setdefault(("barring", matter), [
            r for r in rs.rules.values()
            if r.effect == "deny" and not r.match.when and r.match.matter_kinds
            and kinds & set(r.match.matter_kinds) and LinkKind.delegation in (r.match.links or [])])
    return list(found)


def rule_in_force(rule: StatuteRule, day: dt.date) -> bool:
    """Whether a statute rule is in force on `day`."""
    return (rule.valid_from is None or rule.valid_from <= day) and (rule.valid_to is None or day <= rule.valid_to)


def guard_state(rs: RuleSet, rule: StatuteRule, facts: dict[str, Any]) -> tuple[str, list[str], list[str]]:
    """'cut', 'clear', or 'open' with the unknown facts, for a deny rule's `when` facts.

    A fact the question does not give is unknown, unless the statute layer presumes a value for it;
    the presumed facts are returned so the answer can say what it presumed.
    """
    unknown: list[str] = []
    presumed: list[str] = []
    for fact, expected in rule.match.when.items():
        if fact in facts:
            value = facts[fact]
        elif rs.facts[fact].presumed is not None:
            value = rs.facts[fact].presumed
            presumed.append(fact)
        else:
            unknown.append(fact)
            continue
        if value != expected:
            return "clear", [], presumed
    return ("open", unknown, presumed) if unknown else ("cut", [], presumed)


def _fmt_amount(value: float) -> str:
    return f"{value:,.0f}".replace(",", "\u00a0")


def requirement_text(rs: RuleSet, cond: Condition, year: int | None, lang: str) -> str:
    """The condition in words; a limit in prisbasbelopp names the year (the question's) and the amount."""
    if cond.text is not None:
        return cond.text.get(lang)
    sv = lang == "sv"
    if cond.max_pbb is not None:
        pbb = rs.prisbasbelopp.get(year) if year is not None else None
        limit = f" = {_fmt_amount(pbb * cond.max_pbb)} kr" if pbb else ""
        return (f"högst {cond.max_pbb:g} prisbasbelopp ({year}){limit}" if sv
                else f"at most {cond.max_pbb:g} price base amounts ({year}){limit}")
    if cond.max is not None:
        unit = " kr" if rs.facts[cond.fact].type.value == "amount" else ""
        return f"{cond.fact} högst {_fmt_amount(cond.max)}{unit}" if sv else f"{cond.fact} at most {_fmt_amount(cond.max)}{unit}"
    if cond.min is not None:
        return f"{cond.fact} minst {cond.min:g}" if sv else f"{cond.fact} at least {cond.min:g}"
    if cond.relation is not None:
        return ("den anställde är direkt underställd beslutsfattaren" if sv
                else "the employee reports directly to the decision-maker")
    value = {True: "ja" if sv else "yes", False: "nej" if sv else "no"}.get(cond.equals, cond.equals)  # type: ignore[call-overload]
    return f"{cond.fact} = {value}"


def condition_status(rs: RuleSet, cond: Condition, facts: dict[str, Any], day: dt.date, actor: str) -> str:
    if cond.fact not in facts:
        return "unknown"
    value = facts[cond.fact]
    if cond.max_pbb is not None:
        pbb = rs.prisbasbelopp.get(day.year)
        return "unmet" if pbb is None else ("met" if value <= pbb * cond.max_pbb else "unmet")
    if cond.max is not None:
        return "met" if value <= cond.max else "unmet"
    if cond.min is not None:
        return "met" if value >= cond.min else "unmet"
    if cond.relation == "reports_to_decider":
        return "met" if value == actor else "unmet"
    return "met" if value == cond.equals else "unmet"


def transfer_applies(transfer: Transfer, day: dt.date) -> bool:
    tgrant = transfer.link.grant
    if tgrant is None or not tgrant.in_force(day) or not rule_in_force(transfer.rule, day):
        return False
    # a hand-over that is itself void (e.g. of a KL 5:1 matter) leaves the grantor its power
    return not any(not g.match.when and rule_in_force(g, day) for g in transfer.link.guards)


Trace = tuple[Any, ...]


def chain_trace(rs: RuleSet, auth: Authority, chain: Chain, day: dt.date, facts: dict[str, Any]) -> Trace:
    """What the case decides at each test of a chain, in order: whether each link is out of force, each
    statute rule's state, each condition's status (with the year, for a limit in prisbasbelopp), whether
    each obligation and hand-over is in force. A chain's outcome is a function of its trace and the
    language, so outcomes (and answers) are memoised by it."""
    out: list[Any] = []
    last = len(chain.links) - 1
    for i, link in enumerate(chain.links):
        grant = link.grant
        out.append(grant is not None and not grant.in_force(day))
        for rule in link.guards:
            if (rule.match.final and i != last) or not rule_in_force(rule, day):
                out.append(None)
            else:
                state, unknown, presumed = guard_state(rs, rule, facts)
                out.append((state, tuple(unknown), tuple(presumed)))
        if grant is not None:
            for cond in grant.conditions:
                status = condition_status(rs, cond, facts, day, chain.actor)
                out.append((status, day.year) if cond.max_pbb is not None else status)
        for rule in link.obligations:
            out.append(rule_in_force(rule, day) and not (rule.match.final and i != last))
    for transfer in auth.transfers.get((chain.actor, chain.matter), ()):
        out.append(transfer_applies(transfer, day))
    return tuple(out)


MEMO_CAP = 30_000  # entries per store (outcomes, answers, alternatives, facts); the oldest quarter goes when it is full
FREEZE_EVERY = 2_000  # memo entries kept between two freezes of the collector
_kept = itertools.count(1)


def remember(store: dict[Any, Any], key: Any, value: Any) -> Any:
    """Keep `value` under `key` in a bounded memo (first in, first out) and return it.

    Kept entries live long and hold no cycles, yet the cyclic collector would walk them again and again
    as they accumulate (measured: 45 µs a question on the benchmark's large municipality, a third of its
    time). Every FREEZE_EVERY entries the collector is told to leave what exists alone (`gc.freeze`); an
    entry evicted later is still freed, by reference counting. The cost: cyclic garbage pending at that
    moment is never collected (a few objects at most, each time).
    """
    if len(store) >= MEMO_CAP:
        for old in list(itertools.islice(store, MEMO_CAP // 4)):
            store.pop(old, None)
    store[key] = value
    if next(_kept) % FREEZE_EVERY == 0:
        gc.freeze()
    return value


def evaluate_chain(rs: RuleSet, auth: Authority, chain: Chain, day: dt.date, facts: dict[str, Any],
                   lang: str, trace: Trace | None = None) -> Outcome:
    """What one chain gives on `day` under `facts` (memoised by its trace; treat the outcome as read-only)."""
    if trace is None:
        trace = chain_trace(rs, auth, chain, day, facts)
    key = (chain.path, chain.actor, lang, trace)
    store = rs.outcomes
    found = store.get(key)
    if found is None:
        found = remember(store, key, _render(rs, auth, chain, trace, lang))
    return found  # type: ignore[no-any-return]


def _out_of_force(rs: RuleSet, link: Link, lang: str) -> BasisItem:
    key = ("out of force", link.id, lang)
    found = memo(rs).get(key)
    if found is None:
        assert link.grant is not None
        item = link_basis(rs, link, lang)
        since = link.grant.valid_from.isoformat() if link.grant.valid_from else "-"
        until = link.grant.valid_to.isoformat() if link.grant.valid_to else "-"
        note = (f"gäller inte den dagen (giltig {since} – {until})" if lang == "sv"
                else f"not in force on that day (valid {since} – {until})")
        found = memo(rs).setdefault(key, item.model_copy(update={"title": f"{item.title}: {note}"}))
    return found  # type: ignore[no-any-return]


def obligation_item(rs: RuleSet, rule: StatuteRule, link: Link, lang: str) -> ObligationItem:
    """What an obligation rule on a link requires, in words naming the link's grantor."""
    key = ("obligation", rule.id, link.grantor, lang)
    found = memo(rs).get(key)
    if found is None:
        assert rule.obligation is not None
        grantor = rs.actors[link.grantor].name.get(lang) if link.grantor else ""
        prov = rs.provisions.get(rule.ref)
        found = memo(rs).setdefault(key, construct(
            ObligationItem, ref=rule.ref, text=rule.obligation.text.get(lang).replace("{grantor}", grantor),
            days=rule.obligation.days, verified=rule.verified and (prov.verified if prov else True)))
    return found  # type: ignore[no-any-return]


def _render(rs: RuleSet, auth: Authority, chain: Chain, trace: Trace, lang: str) -> Outcome:
    """The outcome of a chain from its trace: the cuts, conditions, open and presumed facts it shows."""
    out = Outcome(chain, "yes")
    steps = iter(trace)
    for link in chain.links:
        grant = link.grant
        if next(steps):  # not in force on the question's date
            out.cuts.append(_out_of_force(rs, link, lang))
        for rule in link.guards:
            guard = next(steps)
            if guard is None:
                continue
            state, unknown, presumed = guard
            for fact in presumed:
                out.presumed.setdefault(fact, rule.ref)
            if state == "cut":
                out.cuts.append(rule_basis(rs, rule, lang, chain.matter))
            elif state == "open":
                for fact in unknown:
                    out.open.setdefault(fact, (rule.ref, "no"))
        if grant is not None:
            ref = ", ".join(grant.refs) or point_label(link)
            for n, cond in enumerate(grant.conditions):
                entry = next(steps)
                status, year = entry if isinstance(entry, tuple) else (entry, None)
                key = ("cond", link.id, n, status, lang, year)
                result = memo(rs).get(key)
                if result is None:
                    result = memo(rs).setdefault(key, construct(
                        ConditionResult, fact=cond.fact, requirement=requirement_text(rs, cond, year, lang), status=status,
                        ref=f"{point_label(link)}".strip() or ref))
                out.conditions.append(result)
                if status == "unmet":
                    out.cuts.append(link_basis(rs, link, lang))
                elif status == "unknown":
                    out.open.setdefault(cond.fact, (point_label(link) or ref, "no"))
        for rule in link.obligations:
            if next(steps):  # in force that day, and on the last link where the rule is `final`
                duty = obligation_item(rs, rule, link, lang)
                if duty not in out.obligations:
                    out.obligations.append(duty)
    for transfer in auth.transfers.get((chain.actor, chain.matter), ()):
        if not next(steps):
            continue
        tkey = ("transfer", transfer.rule.id, transfer.link.id, lang)
        cut = memo(rs).get(tkey)
        if cut is None:
            item = rule_basis(rs, transfer.rule, lang)
            cut = memo(rs).setdefault(tkey, item.model_copy(
                update={"title": f"{item.title} ({point_label(transfer.link)})"}))
        out.cuts.append(cut)
    if out.cuts:
        out.answer = "no"
    elif out.open:
        out.answer = "depends"
    return out


def outcomes(rs: RuleSet, auth: Authority, actor: str, matter: str, day: dt.date, facts: dict[str, Any],
             lang: str) -> list[Outcome]:
    return [evaluate_chain(rs, auth, c, day, facts, lang) for c in auth.chains.get((actor, matter), ())]


def verdict(results: list[Outcome]) -> Verdict:
    answers = {o.answer for o in results}
    return "yes" if "yes" in answers else ("depends" if "depends" in answers else "no")


def open_facts(rs: RuleSet, results: list[Outcome], lang: str) -> list[OpenFact]:
    seen: dict[str, OpenFact] = {}
    for o in results:
        if o.answer != "depends":
            continue
        for fact, (ref, _cut) in o.open.items():
            if fact in seen:
                continue
            fdef = rs.facts.get(fact)
            seen[fact] = construct(OpenFact, fact=fact, question=fdef.question.get(lang) if fdef else fact, ref=ref)
    return list(seen.values())
