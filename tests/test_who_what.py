"""`who` and `what` agree with `ask` over every actor × matter of every bundled rule set.

The consistency check runs over the bundled municipalities and the fixture tests/fixtures/rulesets/fragby;
the specific behaviour (order, how, limits) is checked on the fixture, whose points do not change.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli.main import cli
from engine import api

DATE = "2025-03-01"
ROOT = Path(__file__).resolve().parents[1]
FRAGBY = ROOT / "tests" / "fixtures" / "rulesets" / "fragby"
# no facts, and facts that settle most limits either way: each gives a different mix of yes/no/depends
FACT_SETS = [{}, {"amount": 50_000, "urgent": False, "within_budget": True, "principled": False},
             {"amount": 5_000_000, "urgent": True, "extraordinary_event": True, "duration_years": 10,
              "delegate_unavailable": True}]


def fragby() -> api.Mandat:
    return api.load_path(FRAGBY, ROOT / "rules" / "statutes", validate=False)


@pytest.fixture(scope="module", params=[*api.municipalities(), "fragby"])
def mandat(request):
    return fragby() if request.param == "fragby" else api.load(request.param)


@pytest.mark.parametrize("facts", FACT_SETS, ids=["none", "small", "large"])
def test_who_and_what_agree_with_ask_over_the_whole_product(mandat, facts):
    facts = {k: v for k, v in facts.items() if k in mandat.rules.facts}
    asked = {(a, x): mandat.ask(a, x, facts=facts, date=DATE).answer
             for a in mandat.rules.actors for x in mandat.rules.matters}
    listed_by_who = {(e.actor, x): e.answer for x in mandat.rules.matters
                     for e in mandat.who(x, facts=facts, date=DATE).actors}
    listed_by_what = {(a, e.matter): e.answer for a in mandat.rules.actors
                      for area in mandat.what(a, facts=facts, date=DATE).areas for e in area.matters}
    for key, answer in asked.items():
        assert listed_by_who.get(key, "no") == answer, key
        assert listed_by_what.get(key, "no") == answer, key
    assert set(listed_by_who) <= set(asked) and set(listed_by_what) <= set(asked)
    assert "yes" in asked.values()  # the product is not trivially empty


@pytest.mark.parametrize("mid", api.municipalities())
def test_a_5_1_matter_is_the_councils_alone(mid):
    m = api.load(mid)
    council = next(a.id for a in m.rules.actors.values() if a.kind.value == "council")
    budget = [x.id for x in m.rules.matters.values() if "budget_tax" in x.kinds]
    for matter in budget:
        for facts in FACT_SETS:
            facts = {k: v for k, v in facts.items() if k in m.rules.facts}
            assert [e.actor for e in m.who(matter, facts=facts, date=DATE).actors] == [council]


def test_who_lists_the_delegate_then_the_ersattare_then_urgent_power_then_the_board():
    entries = fragby().who("anstallning", date=DATE).actors
    assert [(e.actor, e.how, e.answer) for e in entries] == [
        ("direktor", "delegation", "yes"), ("hr-chef", "substitute", "depends"),
        ("ks-ordf", "urgent", "depends"), ("ks", "reglemente", "yes")]
    assert [e.order for e in entries] == [1, 2, 3, 4]
    assert entries[1].open_facts == ["delegate_unavailable"]
    assert [s.actor for s in entries[0].chain] == ["kf", "ks", "direktor"]
    assert entries[0].via == "ks-do p. 3"


def test_who_gives_the_conditions_under_which_each_may():
    m = fragby()
    entries = {e.actor: e for e in m.who("upphandling", date=DATE).actors}
    assert entries["direktor"].answer == "depends" and entries["direktor"].open_facts == ["amount"]
    assert [(c.fact, c.status) for c in entries["direktor"].conditions] == [("amount", "unknown")]
    assert entries["ekonomichef"].how == "vidaredelegation"
    entries = {e.actor: e for e in m.who("upphandling", facts={"amount": 200_000}, date=DATE).actors}
    assert entries["direktor"].answer == "yes" and "ekonomichef" not in entries


def test_what_marks_how_the_actor_holds_each_matter():
    m = fragby()
    director = {e.matter: e for area in m.what("direktor", date=DATE).areas for e in area.matters}
    assert set(director) == {"anstallning", "avrop", "upphandling"}  # not budget (5:1), not 6:38 p.2
    assert director["anstallning"].how == ["delegation"] and director["avrop"].how == ["execution"]
    assert director["upphandling"].answer == "depends"
    assert [c.requirement for c in director["upphandling"].limits] == ["amount högst 500\u00a0000 kr"]
    chair = {e.matter: e for area in m.what("ks-ordf", date=DATE).areas for e in area.matters}
    assert chair and all(e.how == ["urgent"] for e in chair.values())
    assert {e.how[0] for a in m.what("hr-chef", date=DATE).areas for e in a.matters} == {"substitute", "execution"}
    assert {e.how[0] for a in m.what("ks", date=DATE).areas for e in a.matters} == {"own"}
    assert [a.area for a in m.what("direktor", date=DATE).areas] == ["personal", "upphandling"]
    assert m.what("handlaggare", date=DATE).areas == []


def _run(*args: str):
    return CliRunner().invoke(cli, list(args), standalone_mode=False)


def test_cli_who_json_has_stable_fields():
    out = _run("who", "-m", "vara", "upphandling", "-d", DATE, "-f", "amount=100000", "--format", "json")
    assert out.exception is None, out.output
    data = json.loads(out.output)
    assert set(data) >= {"municipality", "matter", "matter_title", "date", "facts", "actors", "ruleset", "lang"}
    assert set(data["actors"][0]) >= {"actor", "name", "answer", "how", "via", "order", "chain", "conditions"}


def test_cli_who_accepts_words_and_prints_plain_lines_when_piped():
    out = _run("who", "-m", "vara", "anställa personal", "-d", DATE)
    assert out.exception is None, out.output
    assert "anstallning-personal" in out.output
    assert "│" not in out.output and "kommundirektor: ja" in out.output


def test_cli_what_text_in_english():
    out = _run("what", "-m", "vara", "director", "-d", DATE, "--lang", "en")
    assert out.exception is None, out.output
    assert out.output.startswith("municipal director may decide")
    assert "personal: anstallning-personal: yes — delegation (ks-do p." in out.output


def test_cli_what_json_groups_by_area():
    data = json.loads(_run("what", "-m", "vara", "kommundirektor", "-d", DATE, "--format", "json").output)
    assert data["actor"] == "kommundirektor"
    assert {"area", "matters"} == set(data["areas"][0])
    assert set(data["areas"][0]["matters"][0]) >= {"matter", "title", "answer", "how", "via", "limits"}


def test_actors_shows_the_organisation_as_a_tree():
    out = _run("actors", "-m", "vara")
    assert out.exception is None, out.output
    lines = out.output.splitlines()
    assert lines[0].startswith("kommunfullmäktige [kf, council]")
    director = next(line for line in lines if "[kommundirektor," in line)
    depth = lambda line: len(line) - len(line.lstrip())  # noqa: E731
    assert depth(director) > depth(lines[0])
    assert len(lines) == len(api.load("vara").rules.actors)
    table = _run("actors", "-m", "vara", "--table")
    assert table.output.splitlines()[0].split()[:2] == ["id", "kind"]
