"""`who` and `what` agree with `ask` over every actor × matter of every bundled rule set."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from cli.main import cli
from engine import api

DATE = "2025-03-01"
MUNICIPALITIES = api.municipalities()
# no facts, and facts that settle most limits either way: each gives a different mix of yes/no/depends
FACT_SETS = [{}, {"amount": 50_000, "urgent": False, "within_budget": True, "principled": False},
             {"amount": 5_000_000, "urgent": True, "extraordinary_event": True, "duration_years": 10}]


@pytest.fixture(scope="module", params=MUNICIPALITIES)
def mandat(request):
    return api.load(request.param)


def _facts(m, facts):
    return {k: v for k, v in facts.items() if k in m.rules.facts}


@pytest.mark.parametrize("facts", FACT_SETS, ids=["none", "small", "large"])
def test_who_and_what_agree_with_ask_over_the_whole_product(mandat, facts):
    facts = _facts(mandat, facts)
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


def test_a_5_1_matter_is_the_councils_alone():
    m = api.load("vara")
    result = m.who("budget", date=DATE)
    assert [e.actor for e in result.actors] == ["kf"]
    assert result.actors[0].how == "own"


def test_who_orders_the_delegate_before_the_urgent_power_and_the_board():
    m = api.load("vara")
    entries = m.who("upphandling", facts={"amount": 100_000}, date=DATE).actors
    order = [e.actor for e in entries]
    assert order.index("kommundirektor") < order.index("ks-ordf") < order.index("ks")
    assert [e.order for e in entries] == list(range(1, len(entries) + 1))
    director = next(e for e in entries if e.actor == "kommundirektor")
    assert director.answer == "yes" and director.how == "delegation"
    assert [s.actor for s in director.chain] == ["kf", "ks", "kommundirektor"]


def test_who_gives_the_conditions_under_which_each_may():
    m = api.load("vara")
    director = next(e for e in m.who("upphandling", date=DATE).actors if e.actor == "kommundirektor")
    assert director.answer == "depends"
    assert "amount" in director.open_facts
    assert any(c.fact == "amount" and c.status == "unknown" for c in director.conditions)


def test_what_marks_how_the_actor_holds_each_matter():
    m = api.load("vara")
    result = m.what("kommundirektor", date=DATE)
    entries = {e.matter: e for area in result.areas for e in area.matters}
    assert "budget" not in entries and "yttrande-till-kf" not in entries
    assert entries["anstallning-personal"].how == ["delegation"]
    assert "execution" in entries["avrop-ramavtal"].how
    assert [a.area for a in result.areas] == sorted(a.area for a in result.areas)
    chair = {e.matter: e for area in m.what("ks-ordf", date=DATE).areas for e in area.matters}
    assert chair and all("urgent" in e.how for e in chair.values())


def test_what_shows_limits():
    m = api.load("vara")
    entries = {e.matter: e for area in m.what("kommundirektor", date=DATE).areas for e in area.matters}
    upph = entries["upphandling"]
    assert upph.answer == "depends" and any(c.fact == "amount" for c in upph.limits)


def test_cli_who_json_has_stable_fields():
    out = CliRunner().invoke(cli, ["who", "-m", "vara", "upphandling", "-d", DATE, "-f", "amount=100000",
                                   "--format", "json"])
    assert out.exit_code == 0, out.output
    data = json.loads(out.output)
    assert set(data) >= {"municipality", "matter", "matter_title", "date", "facts", "actors", "ruleset", "lang"}
    assert set(data["actors"][0]) >= {"actor", "name", "answer", "how", "via", "order", "chain", "conditions"}


def test_cli_who_accepts_words_and_prints_plain_lines_when_piped():
    out = CliRunner().invoke(cli, ["who", "-m", "vara", "anställa personal", "-d", DATE])
    assert out.exit_code == 0, out.output
    assert "anstallning-personal" in out.output
    assert "│" not in out.output and "kommundirektor: ja" in out.output


def test_cli_what_text_in_english():
    out = CliRunner().invoke(cli, ["what", "-m", "vara", "director", "-d", DATE, "--lang", "en"])
    assert out.exit_code == 0, out.output
    assert out.output.startswith("municipal director may decide")
    assert "personal: anstallning-personal: yes — delegation (ks-do p. 2.2)" in out.output


def test_cli_what_json_groups_by_area():
    out = CliRunner().invoke(cli, ["what", "-m", "vara", "kommundirektor", "-d", DATE, "--format", "json"])
    data = json.loads(out.output)
    assert data["actor"] == "kommundirektor"
    assert {"area", "matters"} == set(data["areas"][0])
    assert set(data["areas"][0]["matters"][0]) >= {"matter", "title", "answer", "how", "via", "limits"}


def test_actors_shows_the_organisation_as_a_tree():
    out = CliRunner().invoke(cli, ["actors", "-m", "vara"])
    assert out.exit_code == 0, out.output
    lines = out.output.splitlines()
    assert lines[0].startswith("kommunfullmäktige [kf, council]")
    director = next(line for line in lines if "[kommundirektor," in line)
    teacher = next(line for line in lines if "[rektor," in line)
    depth = lambda line: len(line) - len(line.lstrip())  # noqa: E731
    assert depth(teacher) > depth(director) > depth(lines[0])
    assert len(lines) == len(api.load("vara").rules.actors)
    table = CliRunner().invoke(cli, ["actors", "-m", "vara", "--table"])
    assert table.output.splitlines()[0].split()[:2] == ["id", "kind"]
