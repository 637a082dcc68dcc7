"""The generic step library for the Swedish feature files (`# language: sv`).

Every step is data-driven: a lawyer adds scenarios with new actors, matters and facts without
Python. features/README.md lists the steps.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import pytest
from pytest_bdd import given, parsers, then, when

from engine import api
from engine.answer import Answer

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "rulesets"
COUNTRY_RULESETS = {"sverige": "exempel-se", "finland": "exempel-fi"}


@cache
def _load(municipality_dir: str, validate: bool = True) -> api.Mandat:
    return api.load_path(Path(municipality_dir), ROOT / "rules" / "statutes", validate=validate)


class Case:
    """The question being built up by a scenario, and its answer."""

    def __init__(self) -> None:
        self.mandat: api.Mandat | None = None
        self.facts: dict[str, Any] = {}
        self.date: str | None = None
        self.answer: Answer | None = None

    def ask(self, actor: str, matter: str) -> None:
        assert self.mandat is not None, "the scenario names no municipality (Givet kommunen \"vara\")"
        self.answer = self.mandat.ask(_unquote(actor), _unquote(matter), facts=self.facts, date=self.date)

    def result(self) -> Answer:
        assert self.answer is not None, "the scenario asks no question (När ... ska besluta om ...)"
        return self.answer


def _unquote(text: str) -> str:
    return text.strip().strip('"').strip()


@pytest.fixture
def case() -> Case:
    return Case()


# -- Givet: the rule set and the case ---------------------------------------------------------


@given(parsers.parse('kommunen "{municipality}"'))
def given_municipality(case: Case, municipality: str) -> None:
    case.mandat = _load(str(ROOT / "rules" / "municipalities" / municipality))


@given(parsers.re(r"en kommun i (?P<country>Sverige|Finland)"))
def given_country(case: Case, country: str) -> None:
    # the generic test municipalities try to delegate everything, so the statute rules visibly cut them:
    # they are unlawful on purpose and loaded without the check that refuses such a rule set
    case.mandat = _load(str(FIXTURES / COUNTRY_RULESETS[country.lower()]), validate=False)


@given(parsers.parse('regelverket i "{path}"'))
def given_ruleset_path(case: Case, path: str) -> None:
    case.mandat = _load(str(ROOT / path), validate=False)


@given(parsers.re(r"datumet är (?P<day>\d{4}-\d{2}-\d{2})"))
def given_date(case: Case, day: str) -> None:
    case.date = day


@given(parsers.re(r"beloppet är (?P<amount>[\d  ]+) kr"))
def given_amount(case: Case, amount: str) -> None:
    case.facts["amount"] = int("".join(ch for ch in amount if ch.isdigit()))


@given(parsers.re(r"ärendet (?P<neg>inte )?är brådskande|ärendet är (?P<neg2>inte )?brådskande"))
def given_urgent(case: Case, neg: str | None, neg2: str | None) -> None:
    case.facts["urgent"] = not (neg or neg2)


@given(parsers.re(r"ärendet är (?P<neg>inte )?av principiell beskaffenhet"))
def given_principled(case: Case, neg: str | None) -> None:
    case.facts["principled"] = not neg


@given(parsers.re(r"beslutsfattaren är (?P<neg>inte )?jävig"))
def given_conflict(case: Case, neg: str | None) -> None:
    case.facts["conflict_of_interest"] = not neg


@given(parsers.re(r"en extraordinär händelse (?P<neg>inte )?pågår"))
def given_extraordinary(case: Case, neg: str | None) -> None:
    case.facts["extraordinary_event"] = not neg


@given(parsers.parse('faktumet "{fact}" är "{value}"'))
def given_fact(case: Case, fact: str, value: str) -> None:
    case.facts[fact] = value


# -- När: the question ------------------------------------------------------------------------


@when(parsers.re(r'(?P<actor>.+?) ska besluta om (?P<matter>".+")$'))
def when_decides(case: Case, actor: str, matter: str) -> None:
    case.ask(actor, matter)


# -- Så: the answer ---------------------------------------------------------------------------


def _actor_id(case: Case, name: str) -> str:
    assert case.mandat is not None
    return case.mandat.resolve_actor(_unquote(name))


@then(parsers.re(r"får (?P<actor>.+?) (?P<neg>inte )?besluta$"))
def then_may(case: Case, actor: str, neg: str | None) -> None:
    a = case.result()
    assert a.actor == _actor_id(case, actor), f"the question was about {a.actor}"
    expected = "no" if neg else "yes"
    assert a.answer == expected, f"expected {expected}, got {a.answer}: {[b.ref for b in a.basis]}"


@then(parsers.parse('beror svaret på "{fact}"'))
def then_depends(case: Case, fact: str) -> None:
    a = case.result()
    assert a.answer == "depends", f"expected depends, got {a.answer}: {[b.ref for b in a.basis]}"
    assert fact in [f.fact for f in a.open_facts], f"open facts: {[f.fact for f in a.open_facts]}"


def _refs(answer: Answer) -> list[str]:
    return [r for b in answer.basis for r in b.ref.split(", ")]


@then(parsers.parse('skälet är "{ref}"'))
def then_reason(case: Case, ref: str) -> None:
    a = case.result()
    assert a.answer == "no", f"expected a no with a reason, got {a.answer}"
    assert ref in _refs(a), f"reasons given: {_refs(a)}"


@then(parsers.parse('grunden innehåller "{ref}"'))
def then_basis_contains(case: Case, ref: str) -> None:
    a = case.result()
    assert ref in _refs(a), f"basis: {_refs(a)}"


@then(parsers.parse('grunden innehåller punkt "{point}" i "{document}"'))
def then_basis_point(case: Case, point: str, document: str) -> None:
    a = case.result()
    points = [(b.document, b.point) for b in a.basis]
    assert (document, point) in points, f"points in the basis: {points}"


@then(parsers.parse('det följer "{ref}"'))
def then_obligation(case: Case, ref: str) -> None:
    a = case.result()
    assert ref in [o.ref for o in a.obligations], f"obligations: {[o.ref for o in a.obligations]}"


@then(parsers.parse('det följer en frist på {days:d} dagar'))
def then_obligation_days(case: Case, days: int) -> None:
    a = case.result()
    assert days in [o.days for o in a.obligations], f"obligations: {[(o.ref, o.days) for o in a.obligations]}"


@then(parsers.re(r'i stället får (?P<actor>.+?) besluta$'))
def then_alternative(case: Case, actor: str) -> None:
    a = case.result()
    wanted = _actor_id(case, actor)
    assert wanted in [x.actor for x in a.alternatives], f"alternatives: {[x.actor for x in a.alternatives]}"


@then(parsers.re(r'(?P<actor>.+?) är inte ett alternativ$'))
def then_not_alternative(case: Case, actor: str) -> None:
    a = case.result()
    wanted = _actor_id(case, actor)
    assert wanted not in [x.actor for x in a.alternatives], f"alternatives: {[x.actor for x in a.alternatives]}"


@then("svaret bygger på ett antagande")
def then_assumed(case: Case) -> None:
    assert case.result().assumed, "the answer rests on no assumed rule"


@then(parsers.parse('"{ref}" visas som overifierad'))
def then_unverified(case: Case, ref: str) -> None:
    assert ref in case.result().unverified, f"unverified: {case.result().unverified}"


@then("beslutet är ren verkställighet")
def then_execution(case: Case) -> None:
    a = case.result()
    assert a.answer == "yes" and a.execution, f"answer {a.answer}, execution {a.execution}"
