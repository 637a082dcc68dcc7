"""The public Python API of mandat.

    from engine import api
    m = api.load("vara")
    answer = m.ask("kommundirektören", "upphandling", facts={"amount": 300000}, date="2025-03-01")
    answer.answer            # "yes" | "no" | "depends"
    answer.model_dump()      # the JSON contract

Loading validates and derives once; answering is read-only, thread-safe and keeps no state.
"""

from __future__ import annotations

import datetime as dt
import os
import unicodedata
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
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
from engine.construct import construct, keepable, recase
from engine.derive import Authority, Chain, build_authority, run_durable
from engine.errors import RuleFileError, UsageError, closest
from engine.evaluate import (
    LINK_TEXT,
    Outcome,
    barring_rules,
    chain_trace,
    evaluate_chain,
    link_basis,
    no_grant_basis,
    open_facts,
    outcomes,
    point_label,
    remember,
    rule_basis,
    rule_in_force,
    verdict,
)
from engine.facts import normalise_facts, parse_date
from engine.models import Actor, FactType, LinkKind, Matter
from engine.plan import ChainPlan, Plans, build_plans
from engine.ruleset import Finding, RuleSet, build_ruleset

RULES_ENV = "MANDAT_RULES"


def default_rules_dir() -> Path:
    """The bundled rules, or the directory named by $MANDAT_RULES."""
    env = os.environ.get(RULES_ENV)
    return Path(env) if env else Path(__file__).resolve().parent.parent / "rules"


def municipalities(rules_dir: Path | None = None) -> list[str]:
    """The ids (directory names) of the municipalities under `rules_dir`."""
    base = (rules_dir or default_rules_dir()) / "municipalities"
    if not base.is_dir():
        return []
    return sorted(p.name for p in base.iterdir() if p.is_dir() and any(p.glob("*.yaml")))


def fold(text: str) -> str:
    """Case- and accent-insensitive form for matching names ("Kommundirektören" ~ "kommundirektoren")."""
    text = unicodedata.normalize("NFKD", text.casefold().strip())
    return "".join(c for c in text if not unicodedata.combining(c)).replace("-", " ").replace("_", " ")


@dataclass(frozen=True)
class Mandat:
    """A loaded, checked and derived rule set that answers questions."""

    rules: RuleSet
    authority: Authority
    findings: tuple[Finding, ...] = ()  # what `mandat check` found at load (warnings only, unless loaded unchecked)
    compiled: dict[tuple[str, str], tuple[ChainPlan, ...]] = field(default_factory=dict, repr=False)  # plan.py

    @property
    def id(self) -> str:
        return self.rules.id

    @property
    def version(self) -> str:
        return self.rules.version

    # -- names ------------------------------------------------------------------------------

    def resolve_actor(self, name: str) -> str:
        """An actor id from an id, a name or an alias; a `UsageError` with the closest otherwise."""
        if name in self.rules.actors:
            return name
        return _resolve(name, "actor", self._actor_names)

    def resolve_matter(self, name: str) -> str:
        """A matter id from an id or a title; a `UsageError` with the closest otherwise."""
        if name in self.rules.matters:
            return name
        return _resolve(name, "matter", self._matter_names)

    @cached_property
    def _actor_names(self) -> dict[str, str]:
        names: dict[str, str] = {}
        for a in self.rules.actors.values():
            for n in (a.name.sv, a.name.en or "", *a.aliases):
                if n:
                    names.setdefault(fold(n), a.id)
        for a in self.rules.actors.values():
            names[fold(a.id)] = a.id
        return names

    @cached_property
    def _matter_names(self) -> dict[str, str]:
        names: dict[str, str] = {}
        for m in self.rules.matters.values():
            for n in (m.title.sv, m.title.en or ""):
                if n:
                    names.setdefault(fold(n), m.id)
        for m in self.rules.matters.values():
            names[fold(m.id)] = m.id
        return names

    def actor(self, actor_id: str) -> Actor:
        return self.rules.actors[actor_id]

    def matter(self, matter_id: str) -> Matter:
        return self.rules.matters[matter_id]

    # -- questions --------------------------------------------------------------------------

    def ask(self, actor: str, matter: str, facts: dict[str, Any] | None = None,
            date: str | dt.date | None = None, lang: str = "sv", explain: bool = False) -> Answer:
        """May `actor` decide `matter` on `date`, given `facts`? Names may be ids or aliases."""
        actor_id = self.resolve_actor(actor)
        matter_id = self.resolve_matter(matter)
        day = parse_date(date)
        given = self._normalised(facts)
        lang = "en" if lang == "en" else "sv"
        if explain:  # every chain, in full
            results = outcomes(self.rules, self.authority, actor_id, matter_id, day, given, lang)
            others = self._others(actor_id, matter_id, day, given)
            return self._answer(actor_id, matter_id, day, given, lang, results,
                                self._alternatives(actor_id, matter_id, lang, others), True)
        rs, auth = self.rules, self.authority
        chains = auth.chains.get((actor_id, matter_id), ())
        # the chains the answer shows: the first that holds if one does, else every chain that depends if one
        # does, else every chain (a "no" cites every cut); verdicts from the compiled chains (engine/plan.py)
        verdicts = self._plans.verdicts(actor_id, matter_id, day, given)
        shown = ([verdicts.index("yes")] if "yes" in verdicts else
                 [i for i, v in enumerate(verdicts) if v == "depends"] or list(range(len(chains))))
        traces = tuple((i, chain_trace(rs, auth, chains[i], day, given)) for i in shown)
        others = self._others(actor_id, matter_id, day, given)
        # an answer is a function of the shown chains' traces (besides its date, facts and alternatives), and
        # its alternatives of the others' verdicts: questions alike in these share them (tests/test_plan.py
        # checks memoised answers equal answers made afresh)
        alt_key = ("alternatives", actor_id, matter_id, lang, tuple((a, v, i) for a, v, _, i in others))
        alternatives = self._plans.answers.get(alt_key)
        if alternatives is None:
            alternatives = remember(self._plans.answers, alt_key,
                                    tuple(self._alternatives(actor_id, matter_id, lang, others)))
        # the year too where a limit is in prisbasbelopp: an open fact's "what each value gives" names the
        # limits of every chain of the pair, not only of those shown
        year = day.year if any(p.pbb for p in self._plans.chains(actor_id, matter_id)) else 0
        key = (actor_id, matter_id, lang, year, traces)
        template = self._plans.answers.get(key)
        if template is None:
            results = [evaluate_chain(rs, auth, chains[i], day, given, lang, t) for i, t in traces]
            template = remember(self._plans.answers, key, keepable(self._answer(
                actor_id, matter_id, day, given, lang, results, list(alternatives), False)))
        return recase(template, day.isoformat(), given, list(alternatives))

    def _others(self, actor_id: str, matter_id: str, day: dt.date, given: dict[str, Any]) -> list[Any]:
        """Every other actor of the matter with what they would answer (facts about the asker left out)."""
        asker = self.rules.asker_facts
        facts = {k: v for k, v in given.items() if k not in asker} if asker and not asker.isdisjoint(given) else given
        return self._plans.others(matter_id, actor_id, day, facts)

    def _normalised(self, facts: dict[str, Any] | None) -> dict[str, Any]:
        """The facts checked and converted (engine/facts.py), remembered by their raw values; a dict of its own."""
        if not facts:
            return {}
        try:
            key = tuple((k, type(v), v) for k, v in facts.items())  # the type too: True == 1, yet not an amount
            found = self._plans.facts.get(key)
        except TypeError:  # a value that cannot be a key (a list): checked every time, and refused there
            return normalise_facts(self.rules, facts)
        if found is None:
            found = remember(self._plans.facts, key, normalise_facts(self.rules, facts))
        return found.copy()  # type: ignore[no-any-return]

    @cached_property
    def _plans(self) -> Plans:
        return Plans(self.rules, self.authority, self.compiled)

    def chain_verdicts(self, actor_id: str, matter_id: str, day: dt.date,
                       facts: dict[str, Any]) -> list[tuple[Chain, str]]:
        """Each chain from the root to `actor_id` for `matter_id`, with what it gives on `day` under `facts`
        (ids and normalised facts, as in an `Answer`): the fast path for batch work such as the audit."""
        plans = self._plans.chains(actor_id, matter_id)
        return list(zip((p.chain for p in plans), self._plans.verdicts(actor_id, matter_id, day, facts), strict=True))

    def who(self, matter: str, facts: dict[str, Any] | None = None, date: str | dt.date | None = None,
            lang: str = "sv"):  # type: ignore[no-untyped-def]
        """Every actor who may decide `matter` (engine/queries.py)."""
        from engine import queries

        return queries.who(self, matter, facts, date, lang)

    def what(self, actor: str, facts: dict[str, Any] | None = None, date: str | dt.date | None = None,
             lang: str = "sv"):  # type: ignore[no-untyped-def]
        """Every matter `actor` may decide, grouped by area (engine/queries.py)."""
        from engine import queries

        return queries.what(self, actor, facts, date, lang)

    def explain(self, actor: str, matter: str, facts: dict[str, Any] | None = None,
                date: str | dt.date | None = None, lang: str = "sv") -> Answer:
        """`ask` with every chain considered and the provisions that cut the failed ones."""
        from engine import queries

        return queries.explain(self, actor, matter, facts, date, lang)

    def check(self):  # type: ignore[no-untyped-def]
        """Every finding of `mandat check` on this rule set, errors first; no errors means clean (engine/validate.py)."""
        return list(self.findings)

    def _answer(self, actor_id: str, matter_id: str, day: dt.date, given: dict[str, Any], lang: str,
                results: list[Outcome], alternatives: list[Alternative], explain: bool) -> Answer:
        rs = self.rules
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
            obligations = self._obligations(chosen, day, lang)
        facts_open = open_facts(rs, results, lang) if answer == "depends" else []
        if facts_open:
            facts_open = [self._gives(f, actor_id, matter_id, day, given, lang) for f in facts_open]
        last = chosen.chain.links[-1] if chosen and answer != "no" else None
        return construct(  # the parts are models already; validating them again costs most of a question
            Answer, answer=answer, municipality=rs.id, actor=actor_id, matter=matter_id, date=day.isoformat(),
            facts=given, basis=basis, conditions=conditions, open_facts=facts_open, obligations=obligations,
            alternatives=alternatives,
            ruleset=self._plans.memo.get("ruleset") or self._plans.memo.setdefault(
                "ruleset", construct(RulesetRef, id=rs.id, version=rs.version)),
            actor_name=rs.actors[actor_id].name.get(lang), matter_title=rs.matters[matter_id].title.get(lang),
            execution=last is not None and last.kind == LinkKind.execution,
            unverified=sorted(set(self._unverified(basis)) | {o.ref for o in obligations if not o.verified}),
            assumed=sorted({b.assumed for b in basis if b.assumed}),
            lang=lang,
            presumptions=self._presumptions(chosen, lang) if chosen and answer != "no" else [],
            paths=[self._path(o, lang) for o in results] if explain else None,
        )

    def _unverified(self, basis: list[BasisItem]) -> list[str]:
        """The provisions an answer cites that the digest marks [verify], each on its own."""
        out: set[str] = set()
        for b in basis:
            if b.verified:
                continue
            refs = b.ref.split(", ")
            flagged = [r for r in refs if r in self.rules.provisions and not self.rules.provisions[r].verified]
            out.update(flagged or refs)
        return sorted(out)

    def _presumptions(self, chosen: Outcome, lang: str) -> list[Presumption]:
        out = []
        for fact, ref in chosen.presumed.items():
            fdef = self.rules.facts[fact]
            text = fdef.presumption.get(lang) if fdef.presumption else f"{fact} = {fdef.presumed}"
            out.append(construct(Presumption, fact=fact, value=fdef.presumed, text=text, ref=ref))
        return out

    def _obligations(self, chosen: Outcome, day: dt.date, lang: str) -> list[ObligationItem]:
        """What must follow: the obligation rules on the chain's links, in force that day (`final`: last link only)."""
        out: list[ObligationItem] = []
        last = len(chosen.chain.links) - 1
        for i, link in enumerate(chosen.chain.links):
            grantor = self.rules.actors[link.grantor].name.get(lang) if link.grantor else ""
            for rule in link.obligations:
                assert rule.obligation is not None
                if (rule.match.final and i != last) or not rule_in_force(rule, day):
                    continue
                item = self._plans.memo.get(("obligation", rule.id, link.grantor, lang))
                if item is None:
                    text = rule.obligation.text.get(lang).replace("{grantor}", grantor)
                    prov = self.rules.provisions.get(rule.ref)
                    verified = rule.verified and (prov.verified if prov else True)
                    item = self._plans.memo.setdefault(("obligation", rule.id, link.grantor, lang), construct(
                        ObligationItem, ref=rule.ref, text=text, days=rule.obligation.days, verified=verified))
                if item not in out:
                    out.append(item)
        return out

    def _alternatives(self, actor_id: str, matter_id: str, lang: str, others: list[Any]) -> list[Alternative]:
        substitutes = self._plans.memo.get(("substitutes", actor_id, matter_id))
        if substitutes is None:
            substitutes = self._plans.memo.setdefault(("substitutes", actor_id, matter_id), frozenset(
                c.links[-1].grant.point.substitute for c in self.authority.chains.get((actor_id, matter_id), ())
                if c.links[-1].grant and c.links[-1].grant.point))
        found: list[tuple[tuple[int, int, int, str], Alternative]] = []
        for other, answer, best, index in others:
            key = (0 if other in substitutes else 1, 0 if answer == "yes" else 1, -len(best.chain.links), other)
            alt = self._plans.memo.get(("alt", other, matter_id, answer, index, lang))
            if alt is None:
                ref = point_label(best.chain.links[-1]) or link_basis(self.rules, best.chain.links[-1], lang).ref
                alt = self._plans.memo.setdefault(("alt", other, matter_id, answer, index, lang), construct(
                    Alternative, actor=other, answer=answer, ref=ref, name=self.rules.actors[other].name.get(lang)))  # type: ignore[arg-type]
            found.append((key, alt))
        return [alt for _, alt in sorted(found, key=lambda x: x[0])]

    def _gives(self, open_fact: OpenFact, actor_id: str, matter_id: str, day: dt.date, given: dict[str, Any],
               lang: str) -> OpenFact:
        """What each value of an open fact would give, all else as asked."""
        fdef = self.rules.facts.get(open_fact.fact)
        candidates: list[tuple[str, Any]] = []
        if fdef is not None and fdef.type == FactType.boolean:
            candidates = [("true", True), ("false", False)]
        elif fdef is not None and fdef.type in (FactType.amount, FactType.number):
            for bound in sorted(self._bounds(actor_id, matter_id, open_fact.fact, day)):
                candidates += [(f"<= {bound:g}", bound), (f"> {bound:g}", bound + 1)]
        gives = {}
        for label, value in candidates:
            gives[label] = self._plans.verdict(actor_id, matter_id, day, {**given, open_fact.fact: value})[0]
        return open_fact.model_copy(update={"gives": gives})

    def _bounds(self, actor_id: str, matter_id: str, fact: str, day: dt.date) -> set[float]:
        bounds: set[float] = set()
        for chains in [self.authority.chains.get((actor_id, matter_id), ())]:
            for chain in chains:
                for link in chain.links:
                    for cond in link.grant.conditions if link.grant else ():
                        if cond.fact != fact:
                            continue
                        if cond.max is not None:
                            bounds.add(cond.max)
                        elif cond.max_pbb is not None and day.year in self.rules.prisbasbelopp:
                            bounds.add(cond.max_pbb * self.rules.prisbasbelopp[day.year])
        return bounds

    def _path(self, o: Outcome, lang: str) -> PathResult:
        steps = [PathStep(actor=link.receiver, name=self.rules.actors[link.receiver].name.get(lang),
                          link=LINK_TEXT[lang][link.kind.value], ref=link_basis(self.rules, link, lang).ref)
                 for link in o.chain.links]
        return PathResult(answer=o.answer, steps=steps, reasons=o.cuts, open_facts=list(o.open))


def _resolve(name: str, what: str, names: dict[str, str]) -> str:
    key = fold(name)
    if key in names:
        return names[key]
    hits = closest(key, names)
    ids = list(dict.fromkeys(names[h] for h in hits))
    suggestion = (" — did you mean " + " or ".join(f"`{i}`" for i in ids) + "?") if ids else ""
    raise UsageError(f"unknown {what} `{name}`{suggestion}", candidates=[(i, i) for i in ids])


def load(municipality: str, rules_dir: Path | str | None = None, *, validate: bool = True) -> Mandat:
    """Load, check and derive one municipality's rule set. Raises `RuleFileError` on any error."""
    base = Path(rules_dir) if rules_dir else default_rules_dir()
    known = municipalities(base)
    key = fold(municipality).replace(" ", "-")
    if key not in known:
        hits = closest(key, known)
        suggestion = (" — did you mean " + " or ".join(f"`{h}`" for h in hits) + "?") if hits else ""
        raise UsageError(f"unknown municipality `{municipality}`{suggestion} (known: {', '.join(known) or 'none'})")
    return load_path(base / "municipalities" / key, base / "statutes", validate=validate)


def load_path(municipality_dir: Path, statute_dir: Path, *, validate: bool = True) -> Mandat:
    """Load a rule set from explicit directories (a municipality's and the statutes' root).

    Fail closed: a rule set in which `mandat check` finds an error is refused with a `RuleFileError`
    naming the first one. `validate=False` is for what-if analysis of rule sets that are unlawful on
    purpose (the statute features, generated rule sets in tests); the CLI and the service never use it.
    """
    from engine.cache import cached

    def build() -> tuple[RuleSet, Authority, tuple[Finding, ...], dict[tuple[str, str], tuple[ChainPlan, ...]]]:
        from engine.validate import check

        rs = build_ruleset(Path(statute_dir), Path(municipality_dir))
        if rs.errors:
            first = rs.errors[0]
            raise RuleFileError(first.path, first.line, first.message, first.column, code=first.code)
        facts = run_durable(rs)
        authority = build_authority(rs, facts)
        return rs, authority, tuple(check(rs, facts)), build_plans(rs, authority)

    country_dirs = (Path(municipality_dir), Path(statute_dir))  # the key hashes every rule file under both
    rs, authority, findings, compiled = cached(country_dirs, build)
    errors = [f for f in findings if f.severity == "error"]
    if validate and errors:
        first = errors[0]
        ref = f" ({first.ref})" if first.ref else ""
        more = f" (and {len(errors) - 1} more: run `mandat check`)" if len(errors) > 1 else ""
        raise RuleFileError(first.path, first.line, f"{first.code}: {first.message}{ref}{more}", first.column,
                            code=first.code)
    return Mandat(rs, authority, findings, compiled)


__all__ = ["Mandat", "load", "load_path", "municipalities", "default_rules_dir", "UsageError", "RuleFileError"]
