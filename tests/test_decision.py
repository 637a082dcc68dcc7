"""`Mandat.decide` (engine/decision.py) gives the verdict and citations of the full answer, on every question.

Questions are drawn from the bundled rule sets and a small generated municipality (bench/generate.py):
yes, no and depends, open facts, obligations, chains cut by dates, rules and limits, and actors no chain reaches.
"""

from __future__ import annotations

import collections
import json

import pytest

from bench.generate import generate
from bench.questions import draw
from engine import api
from engine.answer import BasisRef
from engine.errors import UsageError
from engine.facts import normalise_facts, parse_date


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> api.Mandat:
    rules = generate(tmp_path_factory.mktemp("gen"), boards=2, points=40, roles=120, seed=4)
    return api.load("storstad", rules)


def _expected(answer: api.Answer) -> tuple:  # type: ignore[type-arg]
    return (answer.answer, tuple(BasisRef(b.ref, b.document, b.point) for b in answer.basis),
            tuple(f.fact for f in answer.open_facts), tuple(o.ref for o in answer.obligations))


def test_decisions_cite_what_the_full_answers_cite(generated: api.Mandat) -> None:
    seen: collections.Counter[str] = collections.Counter()
    for m in [generated, *(api.load(name) for name in api.municipalities())]:
        for q in draw(m, 600, seed=9):
            decision = m.decide(q["actor"], q["matter"], facts=q["facts"], date=q["date"])
            answer = m.ask(q["actor"], q["matter"], facts=q["facts"], date=q["date"])
            got = (decision.answer, decision.basis, decision.open_facts, decision.obligations)
            assert got == _expected(answer), (m.id, q)
            assert (decision.actor, decision.matter, decision.date) == (answer.actor, answer.matter, answer.date)
            assert decision.version == answer.ruleset.version and decision.municipality == m.id
            assert decision.basis, (m.id, q)  # every decision cites
            seen[decision.answer] += 1
            seen["open"] += bool(decision.open_facts)
            seen["obligations"] += bool(decision.obligations)
            seen["points"] += any(c.point for c in decision.basis)
            seen["no chain"] += not m.authority.chains.get((decision.actor, decision.matter))
    assert all(seen[k] for k in ("yes", "no", "depends", "open", "obligations", "points", "no chain")), seen


def test_a_chain_is_cut_or_open_as_its_verdict_says(generated: api.Mandat) -> None:
    """`ChainPlan.why` walks every test, `verdict` stops at the first that cuts: they must agree."""
    seen: collections.Counter[str] = collections.Counter()
    for m in [generated, *(api.load(name) for name in api.municipalities())]:
        for q in draw(m, 300, seed=10):
            day, facts = parse_date(q["date"]), normalise_facts(m.rules, q["facts"])
            for plan in m._plans.chains(q["actor"], q["matter"]):
                cuts: list[BasisRef] = []
                open_: dict[str, None] = {}
                plan.why(day.toordinal(), day.year, facts, cuts, open_)
                verdict = plan.verdict(day.toordinal(), day.year, facts)
                assert verdict == ("no" if cuts else "depends" if open_ else "yes"), (m.id, q)
                seen[verdict] += 1
    assert seen["yes"] and seen["no"] and seen["depends"]


def test_a_decision_on_vara(vara: api.Mandat) -> None:
    no = vara.decide("kommundirektören", "upphandling", facts={"amount": 900000}, date="2025-03-01")
    assert no.answer == "no" and no.basis == (BasisRef("KL 6:37, KL 7:5", "ks-do", "3.1"),)
    yes = vara.decide("kommundirektören", "upphandling", facts={"amount": 300000}, date="2025-03-01")
    assert yes.answer == "yes" and yes.basis[-1] == BasisRef("KL 6:37, KL 7:5", "ks-do", "3.1")
    assert yes.basis[0].ref == "KL 5:1" and yes.obligations == ("KL 6:40",)
    depends = vara.decide("kommundirektören", "upphandling", date="2025-03-01")
    assert depends.answer == "depends" and depends.open_facts == ("amount",)
    council_only = vara.decide("kommundirektören", "budget", date="2025-03-01")
    assert council_only.answer == "no" and council_only.basis[0].ref == "KL 5:1 p.2"


def test_a_decision_as_json(vara: api.Mandat) -> None:
    d = vara.decide("kommundirektören", "upphandling", facts={"amount": 300000}, date="2025-03-01")
    data = json.loads(json.dumps(d.to_dict()))
    assert data["answer"] == "yes" and data["ruleset"] == {"id": "vara", "version": vara.version}
    assert data["basis"][-1] == {"ref": "KL 6:37, KL 7:5", "document": "ks-do", "point": "3.1"}
    assert data["obligations"] == ["KL 6:40"] and data["open_facts"] == []


@pytest.mark.parametrize("actor, matter, facts, date, says", [
    ("kommundirektoer", "upphandling", {}, "2025-03-01", "kommundirektor"),
    ("kommundirektören", "upphandlin", {}, "2025-03-01", "upphandling"),
    ("kommundirektören", "upphandling", {"amout": 5}, "2025-03-01", "amount"),
    ("kommundirektören", "upphandling", {"amount": "many"}, "2025-03-01", "amount"),
    ("kommundirektören", "upphandling", {}, "2025-13-01", "YYYY-MM-DD"),
])
def test_bad_questions_are_refused_by_name(vara: api.Mandat, actor: str, matter: str, facts: dict,  # type: ignore[type-arg]
                                           date: str, says: str) -> None:
    with pytest.raises(UsageError, match=says):
        vara.decide(actor, matter, facts=facts, date=date)
