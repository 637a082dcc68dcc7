"""The public Python API of mandat.

    from engine import api
    m = api.load("vara")
    answer = m.ask("kommundirektören", "upphandling", facts={"amount": 300000}, date="2025-03-01")
    answer.answer            # "yes" | "no" | "depends"
    answer.model_dump()      # the JSON contract
    m.decide("kommundirektören", "upphandling", facts={"amount": 300000}, date="2025-03-01")
                             # the verdict and its citations alone (engine/decision.py), for a check

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
    Answer,
)
from engine.compose import Composer
from engine.construct import keepable, recase
from engine.decision import Decider, Decision
from engine.derive import Authority, Chain, build_authority, run_durable
from engine.errors import RuleFileError, UsageError, closest
from engine.evaluate import (
    chain_trace,
    evaluate_chain,
    outcomes,
    remember,
)
from engine.facts import normalise_facts, parse_date
from engine.models import Actor, Matter
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
            every = self._composer.alternatives(actor_id, matter_id, lang, others)
            return self._composer.answer(actor_id, matter_id, day, given, lang, results, every, True)
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
        alt_key = (actor_id, matter_id, lang, tuple((a, v, i) for a, v, _, i in others))
        alternatives = self._plans.alternatives.get(alt_key)
        if alternatives is None:
            alternatives = remember(self._plans.alternatives, alt_key,
                                    tuple(self._composer.alternatives(actor_id, matter_id, lang, others)))
        # the year too where a limit is in prisbasbelopp: an open fact's "what each value gives" names the
        # limits of every chain of the pair, not only of those shown
        year = day.year if self._plans.pbb(actor_id, matter_id) else 0
        key = (actor_id, matter_id, lang, year, traces)
        template = self._plans.answers.get(key)
        if template is None:
            results = [evaluate_chain(rs, auth, chains[i], day, given, lang, t) for i, t in traces]
            template = remember(self._plans.answers, key, keepable(self._composer.answer(
                actor_id, matter_id, day, given, lang, results, list(alternatives), False)))
        return recase(template, day.isoformat(), given, list(alternatives))

    def decide(self, actor: str, matter: str, facts: dict[str, Any] | None = None,
               date: str | dt.date | None = None) -> Decision:
        """The verdict on `ask`'s question and the provisions that determined it, without the words
        (engine/decision.py): the fast check for a case-handling system."""
        actor_id = self.resolve_actor(actor)
        matter_id = self.resolve_matter(matter)
        return self._decider.decide(actor_id, matter_id, parse_date(date), self._checked(facts))

    def _others(self, actor_id: str, matter_id: str, day: dt.date, given: dict[str, Any]) -> list[Any]:
        """Every other actor of the matter with what they would answer (facts about the asker left out)."""
        asker = self.rules.asker_facts
        facts = {k: v for k, v in given.items() if k not in asker} if asker and not asker.isdisjoint(given) else given
        return self._plans.others(matter_id, actor_id, day, facts)

    def _normalised(self, facts: dict[str, Any] | None) -> dict[str, Any]:
        """The facts checked and converted (engine/facts.py), remembered by their raw values; a dict of its own."""
        return self._checked(facts).copy()

    def _checked(self, facts: dict[str, Any] | None) -> dict[str, Any]:
        """`_normalised`, shared with the memo: read only."""
        if not facts:
            return {}
        try:
            key = tuple((k, type(v), v) for k, v in facts.items())  # the type too: True == 1, yet not an amount
            found = self._plans.facts.get(key)
        except TypeError:  # a value that cannot be a key (a list): checked every time, and refused there
            return normalise_facts(self.rules, facts)
        if found is None:
            found = remember(self._plans.facts, key, normalise_facts(self.rules, facts))
        return found  # type: ignore[no-any-return]

    @cached_property
    def _composer(self) -> Composer:
        return Composer(self.rules, self.authority, self._plans)

    @cached_property
    def _decider(self) -> Decider:
        return Decider(self._plans)

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


__all__ = ["Mandat", "Decision", "load", "load_path", "municipalities", "default_rules_dir", "UsageError", "RuleFileError"]
