"""Differential testing of the inference: durable-rules (engine.api.load_path) against tests/reference.py.

Each seed gives one generated rule set (tests/generators.py) under the real statute layers. For
every actor and matter, the chains durable-rules derived must be exactly the reference's, with the
same statute rules guarding and obliging each link; and for every question asked (every actor and
matter at one date with no facts, plus a sample of dates and fact sets) the answer, the facts a
"depends" waits for, and the chain a "yes" cites must agree.

The quick run (50 sets) is in the default suite; the 1,000-set run is marked slow:

    python -m pytest tests/test_differential.py -m slow -q
"""

from __future__ import annotations

import collections
from pathlib import Path

import durable_rules_engine
import generators as gen
import pytest
import reference as ref

from engine import api, derive
from engine.errors import MandatError


@pytest.fixture(autouse=True)
def _no_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MANDAT_CACHE", "off")  # every load runs durable-rules


def _chain_key(chain: object) -> tuple[str | None, ...]:
    return tuple(link.grant.id if link.grant else None for link in chain.links)  # type: ignore[attr-defined]


def _ref_key(chain: tuple[ref.Step, ...]) -> tuple[str | None, ...]:
    return tuple(s.grant.id if s.grant else None for s in chain)


def _cited(chain: tuple[ref.Step, ...]) -> tuple[tuple[str | None, str | None, str], ...]:
    return tuple((s.grant.document.id if s.grant and s.grant.document else None,
                  s.grant.point.point if s.grant and s.grant.point else None, s.receiver) for s in chain)


def compare(seed: int, tmp: Path, stats: collections.Counter[str], scale: int = 1) -> list[str]:
    """Load seed's rule set with the engine and compare it with the reference; the disagreements."""
    p = gen.SeededPicker(seed)
    mdir = gen.write_ruleset(gen.ruleset_spec(p, scale=scale), tmp / str(seed))
    try:
        m = api.load_path(mdir, gen.STATUTES, validate=False)
    except MandatError as exc:
        stats["refused"] += 1
        return [f"seed {seed}: a generated rule set was refused: {exc}"]
    rs, auth = m.rules, m.authority
    stats["rulesets"] += 1
    bad: list[str] = []
    for matter in rs.matters:
        for actor in rs.actors:
            engine_chains = {_chain_key(c): c for c in auth.chains.get((actor, matter), ())}
            ref_chains = {_ref_key(c): c for c in ref.chains(rs, actor, matter)}
            stats["chains"] += len(ref_chains)
            if set(engine_chains) != set(ref_chains):
                bad.append(f"seed {seed}: chains of {actor}/{matter} differ: {set(engine_chains) ^ set(ref_chains)}")
                continue
            for k, chain in ref_chains.items():
                for link, step in zip(engine_chains[k].links, chain, strict=True):
                    stats[f"link:{step.kind.value}"] += 1
                    for effect, got in (("deny", link.guards), ("oblige", link.obligations)):
                        want = sorted(r.id for r in ref.rules_on(rs, step, effect))
                        if sorted(r.id for r in got) != want:
                            bad.append(f"seed {seed}: {effect} rules on {link.id} differ: {sorted(r.id for r in got)} != {want}")
    questions = [(a, x, p.choice(gen.QUESTION_DATES), {}) for a in rs.actors for x in rs.matters]
    for day in p.sample(gen.QUESTION_DATES, 2):
        for facts in gen.fact_sets(p, gen.fact_choices(rs, day), 4):
            questions += [(p.choice(sorted(rs.actors)), p.choice(sorted(rs.matters)), day, facts) for _ in range(12)]
    for actor, matter, day, facts in questions:
        got = m.ask(actor, matter, facts=facts, date=day)
        want = ref.answer(rs, actor, matter, day, facts)  # the generated facts are typed already
        stats["questions"] += 1
        stats[got.answer] += 1
        where = f"seed {seed}: {actor}/{matter} on {day} given {facts}"
        decided = m.decide(actor, matter, facts=facts, date=day)  # the check alone cites what the answer cites
        if (decided.answer, decided.basis, decided.open_facts) != (
                got.answer, tuple((b.ref, b.document, b.point) for b in got.basis),
                tuple(f.fact for f in got.open_facts)):
            bad.append(f"{where}: decide gives {decided}, unlike ask")
        if got.answer != want.answer:
            bad.append(f"{where}: engine {got.answer}, reference {want.answer}")
        elif got.answer == "depends" and {f.fact for f in got.open_facts} != want.open_facts:
            bad.append(f"{where}: open facts {[f.fact for f in got.open_facts]} != {sorted(want.open_facts)}")
        elif got.answer == "yes":
            cited = tuple((b.document, b.point, b.actor) for b in got.basis)
            if cited not in {_cited(c) for c in want.yes_chains}:
                bad.append(f"{where}: the engine cites {cited}, which is no chain the reference holds")
    return bad


def run(seeds: range, tmp: Path, scale: int = 1) -> collections.Counter[str]:
    stats: collections.Counter[str] = collections.Counter()
    bad: list[str] = []
    for seed in seeds:
        bad += compare(seed, tmp, stats, scale)
    assert not bad, f"{len(bad)} disagreements, first: " + "\n".join(bad[:10])
    return stats


def test_fifty_rule_sets_agree(tmp_path: Path) -> None:
    stats = run(range(50), tmp_path)
    assert stats["rulesets"] == 50
    assert stats["yes"] and stats["no"] and stats["depends"], stats  # every kind of answer was compared
    for kind in ("own", "reglemente", "delegation", "vidaredelegation", "substitute"):
        assert stats[f"link:{kind}"], f"no {kind} link among {stats}"


@pytest.mark.slow
def test_thousand_rule_sets_agree(tmp_path: Path) -> None:
    stats = run(range(1000, 2000), tmp_path)
    assert stats["rulesets"] == 1000
    assert stats["questions"] > 100_000
    for kind in ("reglemente", "delegation", "vidaredelegation", "substitute", "urgent", "instruction",
                 "takeover", "inherit", "execution"):
        assert stats[f"link:{kind}"], f"no {kind} link among {stats}"


@pytest.mark.slow
def test_large_rule_sets_agree(tmp_path: Path) -> None:
    """Sixty municipalities ten times the usual size: up to 21 boards, 50 staff, 50 matters, 60-point orders."""
    stats = run(range(5000, 5060), tmp_path, scale=10)
    assert stats["rulesets"] == 60 and stats["chains"] > 2000, stats


def _generated(tmp: Path) -> Path:
    return gen.write_ruleset(gen.ruleset_spec(gen.SeededPicker(7), "se"), tmp)


def test_ruleset_creation_is_retried(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Regression: durable-rules fails now and then to build a ruleset (error 102); a load retries it.

    The patched host (inherited by the forked derivation) fails twice before it builds.
    """
    calls: list[int] = []
    host = derive.quiet_host_class()
    real = host.set_rulesets

    def flaky(self: object, definitions: dict) -> None:
        calls.append(1)
        if len(calls) < 3:
            raise durable_rules_engine.error("Could not create ruleset, error code: 102")
        real(self, definitions)

    monkeypatch.setattr(host, "set_rulesets", flaky)
    m = api.load_path(_generated(tmp_path), gen.STATUTES, validate=False)
    council = ref.council(m.rules)
    assert council is not None
    for matter in m.rules.matters:
        assert {_chain_key(c) for c in m.authority.chains[(council, matter)]} == {(None,)}


def test_ruleset_that_never_builds_is_a_clear_error(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    def broken(self: object, definitions: dict) -> None:
        raise durable_rules_engine.error("Could not create ruleset, error code: 102")

    monkeypatch.setattr(derive.quiet_host_class(), "set_rulesets", broken)
    with pytest.raises(MandatError, match="the inference failed: .*could not build the ruleset"):
        api.load_path(_generated(tmp_path), gen.STATUTES, validate=False)
