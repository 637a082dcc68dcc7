"""The fast path (engine/plan.py) gives the reference's answers: per chain, and whole answers.

The reference is `evaluate.outcomes` (every chain evaluated in full); `ask(explain=True)` still answers
from it, so the fast `ask` must equal it field for field (bar `paths`). Questions are drawn from the
bundled rule sets and from a small generated municipality (bench/generate.py), yes, no and depends.
"""

from __future__ import annotations

import collections
import pickle
from pathlib import Path

import pytest

from bench.generate import generate
from bench.questions import draw
from engine import api, cache
from engine.answer import Answer, BasisItem, RulesetRef
from engine.construct import construct
from engine.evaluate import outcomes
from engine.facts import normalise_facts, parse_date
from engine.plan import ChainPlan


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> api.Mandat:
    rules = generate(tmp_path_factory.mktemp("gen"), boards=2, points=40, roles=120, seed=3)
    return api.load("storstad", rules)


def _mandats(generated: api.Mandat) -> list[api.Mandat]:
    return [generated, *(api.load(m) for m in api.municipalities())]


def test_chain_verdicts_equal_the_reference(generated: api.Mandat) -> None:
    seen: collections.Counter[str] = collections.Counter()
    for m in _mandats(generated):
        for q in draw(m, 400, seed=5):
            day = parse_date(q["date"])
            facts = normalise_facts(m.rules, q["facts"])
            for given in (facts, {k: v for k, v in facts.items() if k not in m.rules.asker_facts}):
                ref = [o.answer for o in outcomes(m.rules, m.authority, q["actor"], q["matter"], day, given, "sv")]
                assert m._plans.verdicts(q["actor"], q["matter"], day, given) == ref, (m.id, q)
                seen.update(ref)
    assert seen["yes"] and seen["no"] and seen["depends"]


def test_answers_equal_the_full_evaluation(generated: api.Mandat) -> None:
    answers: collections.Counter[str] = collections.Counter()
    for m in _mandats(generated):
        for i, q in enumerate(draw(m, 250, seed=6)):
            lang = "en" if i % 3 == 0 else "sv"
            fast = m.ask(q["actor"], q["matter"], facts=q["facts"], date=q["date"], lang=lang)
            full = m.ask(q["actor"], q["matter"], facts=q["facts"], date=q["date"], lang=lang, explain=True)
            assert fast.model_dump(exclude={"paths"}) == full.model_dump(exclude={"paths"}), (m.id, q)
            assert fast.model_dump_json(exclude={"paths"}) == full.model_dump_json(exclude={"paths"})
            answers[fast.answer] += 1
    assert answers["yes"] and answers["no"] and answers["depends"]


def _forget(m: api.Mandat) -> None:
    m.rules.memo.clear()
    m.rules.outcomes.clear()
    m._plans.answers.clear()
    m._plans.alternatives.clear()


def test_memoised_answers_equal_answers_made_afresh(generated: api.Mandat) -> None:
    """Answers are memoised by the chains' traces and the others' verdicts; every question answered from
    the memo (its date and facts differing from the one that filled it) equals the answer made afresh."""
    shared = 0
    for m in _mandats(generated):
        questions = draw(m, 600, seed=7)
        questions += [{**q, "date": f"20{20 + i % 7}-0{1 + i % 9}-1{i % 10}"} for i, q in enumerate(questions[:300])]
        _forget(m)
        memoised = [m.ask(q["actor"], q["matter"], facts=q["facts"], date=q["date"], lang="sv" if i % 4 else "en")
                    for i, q in enumerate(questions)]
        shared += len(questions) - len(m._plans.answers)
        for i, (q, got) in enumerate(zip(questions, memoised, strict=True)):
            _forget(m)
            fresh = m.ask(q["actor"], q["matter"], facts=q["facts"], date=q["date"], lang="sv" if i % 4 else "en")
            assert got.model_dump() == fresh.model_dump(), (m.id, q)
            assert Answer.model_validate(got.model_dump()).model_dump() == got.model_dump()  # parts made unvalidated
            assert got.date == parse_date(q["date"]).isoformat()
    assert shared > 1000  # most questions were answered from an answer made for another question


def test_an_answer_from_the_memo_has_lists_of_its_own(generated: api.Mandat) -> None:
    q = next(q for q in draw(generated, 200, seed=8) if generated.ask(q["actor"], q["matter"], facts=q["facts"],
                                                                        date=q["date"]).basis)
    first = generated.ask(q["actor"], q["matter"], facts=q["facts"], date=q["date"])
    first.basis.clear()  # a caller changing its answer does not change the next one
    assert generated.ask(q["actor"], q["matter"], facts=q["facts"], date=q["date"]).basis


def test_a_chain_not_in_force_is_cut_on_the_days_outside(generated: api.Mandat) -> None:
    plans = [p for key in generated.authority.chains for p in generated._plans.chains(*key)]
    bounded = [p for p in plans if isinstance(p, ChainPlan) and p.alive and p.alive[0][0] > 1]
    assert bounded
    lo = bounded[0].alive[0][0]
    assert bounded[0].verdict(lo - 1, 2020, {}) == "no"


def test_construct_equals_validation() -> None:
    fields = dict(answer="yes", municipality="v", actor="a", matter="m", date="2025-01-01", facts={"amount": 5},
                  basis=[BasisItem(ref="KL 7:5", kind="delegation", title="t")], conditions=[], open_facts=[],
                  obligations=[], alternatives=[], ruleset=RulesetRef(id="v", version="x"))
    fast, slow = construct(Answer, **fields), Answer(**fields)
    assert fast == slow and fast.model_dump_json() == slow.model_dump_json()
    assert fast.model_fields_set == slow.model_fields_set
    assert pickle.loads(pickle.dumps(fast)) == slow
    with pytest.raises(Exception):  # noqa: B017 - frozen like a validated answer
        fast.answer = "no"  # type: ignore[misc]


def test_cache_returns_the_same_rule_set(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(cache.CACHE_ENV, str(tmp_path / "c"))
    first = api.load("vara")
    assert len(list((tmp_path / "c").glob("*.pickle"))) == 1
    again = api.load("vara")
    assert again.authority.chains.keys() == first.authority.chains.keys()
    q = ("kommundirektören", "upphandling", {"amount": 300000}, "2025-03-01")
    assert again.ask(*q[:2], facts=q[2], date=q[3]) == first.ask(*q[:2], facts=q[2], date=q[3])


def test_cache_key_follows_the_rule_files(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text("x: 1\n")
    before = cache.key(tmp_path)
    (tmp_path / "a.yaml").write_text("x: 2\n")
    assert cache.key(tmp_path) != before


def test_cache_off_builds_every_time(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(cache.CACHE_ENV, "off")
    assert cache.cache_dir() is None
    calls = []
    assert cache.cached((tmp_path,), lambda: calls.append(1) or 7) == 7
    assert cache.cached((tmp_path,), lambda: calls.append(1) or 7) == 7
    assert len(calls) == 2


@pytest.mark.parametrize("name", ["vara", "finland-000"])
def test_judging_link_shapes_equals_judging_every_link(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """durable-rules judges each distinct link shape once; judging every link on its own gives the same marks."""
    import json

    from engine import compile as comp
    from engine import derive
    from engine.ruleset import build_ruleset

    def facts() -> list[str]:
        got = derive.run_durable(build_ruleset(api.default_rules_dir() / "statutes",
                                               api.default_rules_dir() / "municipalities" / name))
        return sorted(json.dumps(f, sort_keys=True) for f in got)

    shared = facts()
    monkeypatch.setattr(comp, "shape_of", lambda link: (link["id"],))  # every link a shape of its own
    assert facts() == shared
    assert any('"t": "guard"' in f for f in shared) and any('"t": "oblige"' in f for f in shared)


def test_a_refused_distinct_fact_is_recorded_and_a_duplicate_is_not() -> None:
    from durable.engine import MessageObservedException

    from engine import compile as comp

    class Refusing:  # durable-rules refusing every assert as "already observed"
        def assert_fact(self, fact: dict) -> None:
            raise MessageObservedException(fact)

    class Accepting:
        def assert_fact(self, fact: dict) -> None:
            return None

    comp.watch()
    held = {"t": "holder", "path": "own:x|a", "actor": "a"}
    comp._assert(Accepting(), held)
    comp._assert(Refusing(), dict(held))  # the same chain reached again: a true duplicate
    assert comp.DROPPED == []
    comp._assert(Refusing(), {"t": "holder", "path": "own:x|b", "actor": "b"})  # a distinct fact refused
    assert comp.DROPPED == [comp.fact_key({"t": "holder", "path": "own:x|b"})]
    comp.watch()
    assert comp.DROPPED == []


def test_a_cached_source_map_finds_positions_again_from_its_file(tmp_path: Path) -> None:
    import pickle

    from engine.yamlsrc import load_yaml

    f = tmp_path / "a.yaml"
    f.write_text("actors:\n  - id: ks\n    kind: board\n  - id: kd\n    kind: director\n")
    _, smap = load_yaml(f)
    again = pickle.loads(pickle.dumps(smap))
    assert again.positions == {}  # not carried in the cache
    assert again.where(("actors", 1, "kind")) == smap.where(("actors", 1, "kind")) == (5, 5)
    f.unlink()  # gone since it was cached: the file is still named, at line 1
    gone = pickle.loads(pickle.dumps(smap))
    assert gone.where(("actors", 1, "kind")) == (1, 1)


def test_remembered_facts_are_told_apart_by_type(generated: api.Mandat) -> None:
    """`True == 1` in Python: a remembered `amount=1` must not let `amount=True` through unchecked."""
    q = next(q for q in draw(generated, 400, seed=9) if "amount" in q["facts"])
    assert generated.ask(q["actor"], q["matter"], facts={**q["facts"], "amount": 1}, date=q["date"]).facts["amount"] == 1
    with pytest.raises(api.UsageError, match="not a number"):
        generated.ask(q["actor"], q["matter"], facts={**q["facts"], "amount": True}, date=q["date"])


def test_plans_read_back_from_the_cache_keep_their_sentinel() -> None:
    """Plans are cached with the rule set; "no value" must stay the one object the verdicts test for."""
    from engine.plan import MISSING

    assert pickle.loads(pickle.dumps(MISSING)) is MISSING
    assert pickle.loads(pickle.dumps((1, MISSING)))[1] is MISSING


def test_compiled_chains_read_back_from_the_cache_equal_those_built(vara: api.Mandat) -> None:
    plans = [p for ps in vara.compiled.values() for p in ps]
    assert plans and pickle.loads(pickle.dumps(plans, protocol=pickle.HIGHEST_PROTOCOL)) == plans
    assert any(p.steps for p in plans) and all(len(p.basis) == len(p.chain.links) for p in plans)


def test_memo_stores_are_bounded_first_in_first_out(monkeypatch: pytest.MonkeyPatch) -> None:
    from engine import evaluate

    monkeypatch.setattr(evaluate, "MEMO_CAP", 8)
    store: dict[int, int] = {}
    for i in range(20):
        assert evaluate.remember(store, i, i * i) == i * i
        assert len(store) <= 8
    assert 19 in store and 0 not in store


def test_statute_rules_test_nothing_of_a_link_but_its_shape() -> None:
    """Links are grouped by shape before durable-rules judges them: a rule testing any other field of a link
    would be judged wrongly for some of the links it groups."""
    from engine import compile as comp
    from engine.ruleset import build_ruleset

    def fields(test: object) -> set[str]:
        if isinstance(test, dict):
            return {k for k in test if not k.startswith("$")} | {f for v in test.values() for f in fields(v)}
        if isinstance(test, list):
            return {f for v in test for f in fields(v)}
        return set()

    for name in ("vara", "finland-000"):
        rs = build_ruleset(api.default_rules_dir() / "statutes", api.default_rules_dir() / "municipalities" / name)
        tested = {f for rule in rs.rules.values() for f in fields(comp.match_condition(rs, rule))}
        assert tested - {"t"} <= set(comp.SHAPE), tested - set(comp.SHAPE)
        assert {"kind", "mks", "to_kinds"} <= tested  # the walk over the tests reaches the fields
