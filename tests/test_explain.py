"""`explain`: every chain considered, the ones that hold and the ones cut with the provision that cut them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli.main import cli
from cli.who import explain_lines
from engine import api

DATE = "2025-03-01"
ROOT = Path(__file__).resolve().parents[1]


def fragby() -> api.Mandat:
    """tests/fixtures/rulesets/fragby: a 6:38 p.2 point, a limit, an ersättare, a 5:1 matter."""
    return api.load_path(ROOT / "tests" / "fixtures" / "rulesets" / "fragby", ROOT / "rules" / "statutes", validate=False)
FACT_SETS = [{}, {"amount": 5_000_000, "urgent": True, "extraordinary_event": False, "duration_years": 10,
                  "within_budget": False, "principled": True}]


@pytest.fixture(scope="module", params=[*api.municipalities(), "fragby"])
def mandat(request):
    return fragby() if request.param == "fragby" else api.load(request.param)


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
    m = fragby()
    a = m.explain("direktor", "yttrande-till-kf", date=DATE)
    assert a.answer == "no"
    lines = "\n".join(explain_lines(a, m, fancy=False))
    assert "kommundirektören → nej: KL 6:38 p.2" in lines
    assert "✗ nej: kommunfullmäktige" in lines and "└─" not in lines


def test_a_5_1_matter_without_any_chain_still_gets_a_failed_path():
    m = fragby()
    a = m.explain("direktor", "budget", date=DATE)
    assert a.answer == "no" and len(a.paths) == 1
    assert a.paths[0].steps[0].actor == "direktor"
    assert "KL 5:1 p.2" in [r.ref for r in a.paths[0].reasons]


def test_a_limit_cuts_a_path_and_names_the_point():
    a = fragby().explain("direktor", "upphandling", facts={"amount": 900_000}, date=DATE)
    assert a.answer == "no"
    reasons = [r for p in a.paths for r in p.reasons]
    assert any(r.document == "ks-do" and r.point == "2" for r in reasons)


def test_holding_and_failed_paths_side_by_side():
    m = fragby()
    a = m.explain("ekonomichef", "upphandling", facts={"amount": 50_000}, date=DATE)
    assert a.answer == "yes" and [p.answer for p in a.paths] == ["yes"]
    text = "\n".join(explain_lines(a, m, fancy=True))
    assert "└─ ✓ ja: kommunfullmäktige" in text


def test_depends_names_the_facts_and_what_each_value_gives():
    m = fragby()
    a = m.explain("direktor", "upphandling", date=DATE)
    assert a.answer == "depends"
    amount = next(f for f in a.open_facts if f.fact == "amount")
    assert amount.gives == {"<= 500000": "yes", "> 500000": "no"}
    text = "\n".join(explain_lines(a, m, fancy=True))
    assert "amount <= 500000 ger ja; amount > 500000 ger nej" in text
    sub = m.explain("hr-chef", "anstallning", date=DATE)
    assert sub.answer == "depends"
    assert next(f for f in sub.open_facts if f.fact == "delegate_unavailable").gives == {"true": "yes", "false": "no"}


def test_cli_explain_question_in_english_and_json():
    runner = CliRunner()
    out = runner.invoke(cli, ["explain", "-m", "vara", "Can the director make a statement to the council?",
                              "-d", DATE, "--lang", "en"], standalone_mode=False)
    assert out.return_value == 1, out.output
    assert "Understood: actor = municipal director (kommundirektor)" in out.output
    assert "municipal director → no: " in out.output and "✗ no: " in out.output
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


def test_explain_draws_the_chains_of_one_question_as_a_picture():
    from click.testing import CliRunner

    from cli.main import cli

    res = CliRunner().invoke(cli, ["explain", "-m", "vara", "-a", "ekonomichef", "-x", "upphandling",
                                   "-f", "amount=50000", "-d", "2025-03-01", "--format", "dot"])
    assert res.exit_code == 0, res.output
    assert res.output.lstrip().startswith("digraph")
    for actor in ("kf", "ks", "kommundirektor", "ekonomichef"):
        assert f'"{actor}"' in res.output
    assert "V1" in res.output  # the further-delegation point labels its edge
