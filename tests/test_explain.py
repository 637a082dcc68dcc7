"""`explain`: every chain considered, the ones that hold and the ones cut with the provision that cut them."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from cli.main import cli
from cli.who import explain_lines
from engine import api

DATE = "2025-03-01"
FACT_SETS = [{}, {"amount": 5_000_000, "urgent": True, "extraordinary_event": False, "duration_years": 10,
                  "within_budget": False, "principled": True}]


@pytest.fixture(scope="module", params=api.municipalities())
def mandat(request):
    return api.load(request.param)


@pytest.mark.parametrize("facts", FACT_SETS, ids=["none", "adverse"])
def test_every_no_shows_a_failed_path_with_its_provision(mandat, facts):
    facts = {k: v for k, v in facts.items() if k in mandat.rules.facts}
    noes = 0
    for actor in mandat.rules.actors:
        for matter in mandat.rules.matters:
            a = mandat.explain(actor, matter, facts=facts, date=DATE)
            assert a.answer == mandat.ask(actor, matter, facts=facts, date=DATE).answer
            if a.answer != "no":
                assert any(p.answer == a.answer for p in a.paths), (actor, matter)
                continue
            noes += 1
            failed = [p for p in a.paths if p.answer == "no"]
            assert failed and all(p.answer == "no" for p in a.paths), (actor, matter)
            assert any(r.ref.strip() and r.title.strip() for p in failed for r in p.reasons), (actor, matter)
    assert noes > 0


def test_the_6_38_cut_is_named_in_the_tree():
    m = api.load("vara")
    a = m.explain("kommundirektor", "yttrande-till-kf", date=DATE)
    assert a.answer == "no"
    lines = "\n".join(explain_lines(a, m, fancy=False))
    assert "kommundirektören → nej: KL 6:38 p.2" in lines
    assert "✗ nej: kommunfullmäktige" in lines and "└─" not in lines


def test_a_5_1_matter_without_any_chain_still_gets_a_failed_path():
    m = api.load("vara")
    a = m.explain("kommundirektor", "budget", date=DATE)
    assert a.answer == "no"
    refs = [r.ref for p in a.paths for r in p.reasons]
    assert "KL 5:1 p.2" in refs


def test_a_cut_and_a_holding_path_side_by_side():
    m = api.load("vara")
    a = m.explain("kommundirektor", "upphandling", facts={"amount": 900_000}, date=DATE)
    assert a.answer == "no"
    assert any("ks-do" in (r.document or "") or "ks-do" in r.ref for p in a.paths for r in p.reasons)


def test_depends_names_the_facts_and_what_each_value_gives():
    m = api.load("vara")
    a = m.explain("kommundirektor", "upphandling", date=DATE)
    assert a.answer == "depends"
    amount = next(f for f in a.open_facts if f.fact == "amount")
    assert set(amount.gives.values()) == {"yes", "no"}
    text = "\n".join(explain_lines(a, m, fancy=True))
    assert "├─" in text or "└─" in text
    assert "amount <= 588000 ger ja" in text and "amount > 588000 ger nej" in text


def test_cli_explain_question_in_english_and_json():
    runner = CliRunner()
    out = runner.invoke(cli, ["explain", "-m", "vara", "Can the director make a statement to the council?",
                              "-d", DATE, "--lang", "en"], standalone_mode=False)
    assert out.return_value == 1, out.output
    assert "Understood: actor = municipal director (kommundirektor)" in out.output
    assert "municipal director → no: KL 6:38 p.2" in out.output
    out = runner.invoke(cli, ["explain", "-m", "vara", "-a", "ks", "-x", "budget", "-d", DATE, "--format", "json"],
                        standalone_mode=False)
    assert out.return_value == 1
    data = json.loads(out.output)
    assert data["answer"] == "no" and data["paths"][0]["reasons"][0]["ref"] == "KL 5:1 p.2"


def test_ask_explain_flag_still_lists_paths():
    out = CliRunner().invoke(cli, ["ask", "-m", "vara", "-a", "kommundirektor", "-x", "upphandling",
                                   "-f", "amount=100000", "-d", DATE, "--explain"], standalone_mode=False)
    assert out.return_value == 0, out.output
    assert "Prövade vägar:" in out.output
