"""Each statute rule of the foundation changes an answer about Vara (issue 2)."""

from __future__ import annotations

from pathlib import Path

import pytest

from engine import api
from engine.errors import RuleFileError

ROOT = Path(__file__).resolve().parents[1]
DAY = "2025-03-01"


def refs(answer) -> list[str]:
    return [r for b in answer.basis for r in b.ref.split(", ")]


def test_director_may_procure_within_ten_pbb(vara):
    a = vara.ask("kommundirektören", "upphandling", {"amount": 300_000}, DAY)
    assert a.answer == "yes"
    assert [b.kind for b in a.basis] == ["statute", "reglemente", "delegation"]
    assert a.basis[0].ref == "KL 5:1" and a.basis[-1].point == "3.1" and a.basis[-1].document == "ks-do"
    assert [c.status for c in a.conditions] == ["met"]
    assert "KL 6:40" in [o.ref for o in a.obligations]
    assert a.ruleset.id == "vara" and a.ruleset.version.startswith("sha256:")


def test_amount_over_limit_is_no_with_higher_delegate_as_alternative(vara):
    # 10 pbb in 2025 is 588 000 kr
    a = vara.ask("kommundirektören", "upphandling", {"amount": 588_001}, DAY)
    assert a.answer == "no"
    assert [c.status for c in a.conditions] == ["unmet"]
    alternatives = [x.actor for x in a.alternatives if x.answer == "yes"]
    assert "ks-au" in alternatives and "ks" in alternatives
    assert alternatives.index("ks-au") < alternatives.index("ks")
    at_limit = vara.ask("kommundirektören", "upphandling", {"amount": 588_000}, DAY)
    assert at_limit.answer == "yes"


def test_pbb_follows_the_decisions_year(vara):
    # 10 pbb: 573 000 kr in 2024, 588 000 kr in 2025
    assert vara.ask("kommundirektören", "upphandling", {"amount": 580_000}, "2024-06-01").answer == "no"
    assert vara.ask("kommundirektören", "upphandling", {"amount": 580_000}, "2025-06-01").answer == "yes"


def test_unknown_amount_gives_depends_with_the_question(vara):
    a = vara.ask("kommundirektören", "upphandling", {}, DAY)
    assert a.answer == "depends"
    assert [f.fact for f in a.open_facts] == ["amount"]
    assert a.open_facts[0].question
    assert set(a.open_facts[0].gives.values()) == {"yes", "no"}


def test_date_before_the_points_validity_is_no(vara):
    a = vara.ask("kommundirektören", "upphandling", {"amount": 1_000}, "2024-04-30")
    assert a.answer == "no"
    assert ("ks-do", "3.1") in [(b.document, b.point) for b in a.basis]


@pytest.mark.parametrize("actor", ["ks", "kommundirektören"])
def test_5_1_budget_is_denied_to_ks_and_the_director(vara, actor):
    a = vara.ask(actor, "budget", {}, DAY)
    assert a.answer == "no"
    assert "KL 5:1 p.2" in refs(a)
    assert [x.actor for x in a.alternatives] == ["kf"]


def test_council_decides_the_budget_itself(vara):
    a = vara.ask("kf", "budget", {}, DAY)
    assert a.answer == "yes" and refs(a) == ["KL 5:1 p.2"]


def test_6_38_p2_statement_to_council_is_denied_to_the_director(vara):
    a = vara.ask("kommundirektören", "yttrande-till-kf", {}, DAY)
    assert a.answer == "no"
    assert "KL 6:38 p.2" in refs(a)
    assert vara.ask("ks", "yttrande-till-kf", {}, DAY).answer == "yes"


def test_vidaredelegation_allowed_by_the_board(vara):
    a = vara.ask("ekonomichef", "upphandling", {"amount": 50_000}, DAY)
    assert a.answer == "yes"
    assert [b.kind for b in a.basis][-2:] == ["delegation", "vidaredelegation"]
    assert "KL 7:7" in [o.ref for o in a.obligations]


def test_vidaredelegation_the_board_did_not_allow_is_refused():
    """A rule set that passes on a point the board did not open is refused; unchecked, the chain is cut."""
    unlawful = ROOT / "tests" / "broken" / "vidaredelegation-not-allowed"
    with pytest.raises(RuleFileError) as err:
        api.load_path(unlawful, ROOT / "rules" / "statutes")
    assert err.value.code == "kl-7-6-board-allowed"
    what_if = api.load_path(unlawful, ROOT / "rules" / "statutes", validate=False)
    a = what_if.ask("ekonomichef", "upphandling", {"amount": 1_000}, DAY)
    assert a.answer == "no" and "KL 7:6" in refs(a)
    assert what_if.ask("kd", "upphandling", {"amount": 1_000}, DAY).answer == "yes"


def test_vara_gives_no_vidaredelegated_power_the_board_did_not_open(vara):
    a = vara.ask("enhetschef", "anstallning-personal", {}, DAY)
    assert a.answer == "no" and "kommundirektor" in [x.actor for x in a.alternatives]


def test_the_council_loses_what_it_handed_to_a_board(vara):
    a = vara.ask("kf", "upphandling", {"amount": 1}, DAY)
    assert a.answer == "no" and "KL 5:2" in refs(a)


def test_conflict_of_interest_denies_and_points_to_substitute(vara):
    a = vara.ask("kommundirektören", "anstallning-forvaltningschef", {"conflict_of_interest": True}, DAY)
    assert a.answer == "no" and "KL 7:4" in refs(a)
    assert a.alternatives[0].actor == "hr-chef"
    assert vara.ask("kommundirektören", "anstallning-forvaltningschef", {"conflict_of_interest": False}, DAY).answer == "yes"


def test_substitute_depends_on_the_delegate_being_unavailable(vara):
    a = vara.ask("hr-chef", "anstallning-forvaltningschef", {}, DAY)
    assert a.answer == "depends" and "delegate_unavailable" in [f.fact for f in a.open_facts]
    b = vara.ask("hr-chef", "anstallning-forvaltningschef", {"delegate_unavailable": True}, DAY)
    assert b.answer == "yes"


def test_english_answer_carries_the_same_decision(vara):
    sv = vara.ask("kommundirektören", "upphandling", {"amount": 300_000}, DAY)
    en = vara.ask("director", "upphandling", {"amount": 300_000}, DAY, lang="en")
    assert (sv.answer, refs(sv)) == (en.answer, refs(en))
    assert en.lang == "en" and sv.basis[-1].title != en.basis[-1].title
