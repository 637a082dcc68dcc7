"""Every KL 5:1 point and every KomL 14 § point: nobody but the council may decide it, whatever is delegated.

For each council-only matter kind of each country's statute layer, a rule set hands a matter of that kind
down every kind of link there is (reglemente, delegation to every kind of actor, the chair's urgent power,
a substitute, vidaredelegation, an instruction, a crisis-board take-over, a manager's inherited powers,
pure execution), and every actor is asked under facts that open every conditional door. Only the council
may answer yes.
"""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
import yaml

from engine import api

ROOT = Path(__file__).resolve().parents[1]
STATUTES = ROOT / "rules" / "statutes"
COUNCIL_ONLY = {"se": "KL 5:1", "fi": "KomL 14 §"}

ACTORS = [
    {"id": "kf", "kind": "council", "name": "fullmäktige"},
    {"id": "ks", "kind": "board", "also": ["executive_board"], "name": "kommunstyrelsen", "reports_to": "kf"},
    {"id": "kris", "kind": "crisis_board", "name": "krisledningsnämnden", "reports_to": "kf"},
    {"id": "au", "kind": "committee", "name": "arbetsutskottet", "board": "ks", "reports_to": "ks"},
    {"id": "pres", "kind": "presidium", "name": "presidiet", "board": "ks", "reports_to": "ks"},
    {"id": "ordf", "kind": "chair", "name": "ordföranden", "board": "ks", "reports_to": "ks"},
    {"id": "ledamot", "kind": "member", "name": "ledamoten", "board": "ks", "reports_to": "ks"},
    {"id": "kd", "kind": "director", "also": ["head_of_administration"], "name": "kommundirektören",
     "reports_to": "ks"},
    {"id": "sektor", "kind": "sector_head", "name": "sektorschefen", "reports_to": "kd"},
    {"id": "enhet", "kind": "unit_manager", "name": "enhetschefen", "reports_to": "sektor"},
    {"id": "spec", "kind": "specialist", "name": "specialisten", "reports_to": "kd"},
    {"id": "grupp", "kind": "employee_group", "name": "gruppen", "reports_to": "kd"},
]
FACT_VALUES = {
    "urgent": [True], "principled": [True, False], "delegate_unavailable": [True],
    "extraordinary_event": [True], "within_budget": [True], "conflict_of_interest": [False],
}


def council_only_kinds(country: str) -> list[str]:
    kinds = []
    for path in sorted((STATUTES / country).glob("*.yaml")):
        for kind in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("matter_kinds", []):
            if any(ref.startswith(COUNCIL_ONLY[country]) for ref in kind["refs"]):
                kinds.append(kind["id"])
    return kinds


def _doc(doc_id: str, kind: str, grantor: str, points: list[dict]) -> dict:
    return {"id": doc_id, "title": doc_id, "kind": kind, "grantor": grantor, "adopted_by": grantor,
            "adopted": "2020-01-01", "valid_from": "2020-01-01", "reporting": True, "points": points}


def write_ruleset(base: Path, country: str, kind: str) -> Path:
    d = base / f"{country}-{kind}"
    d.mkdir()
    receivers = [a["id"] for a in ACTORS if a["kind"] not in ("council", "board", "crisis_board")]
    grantor = "ks" if country == "se" else "kf"
    delegation = [{"point": f"D{i}", "matter": "m", "delegate": r, "vidaredelegation": True,
                   "substitute": "spec" if r != "spec" else "enhet"} for i, r in enumerate(receivers)]
    docs = [
        _doc("do", "delegation", grantor, delegation + [
            {"point": "U1", "matter": "m", "delegate": "ordf", "kind": "urgent"},
            {"point": "E1", "matter": "m", "delegate": "enhet", "kind": "execution"},
        ]),
        _doc("vd", "vidaredelegation", "kd", [{"point": "V1", "matter": "m", "delegate": "enhet", "under": f"do:D{receivers.index('kd')}"}]),
        _doc("instr", "instruction", grantor, [{"point": "I1", "matter": "m", "delegate": "kd"}]),
        _doc("lokal", "inherit", grantor, [{"point": "A1", "matter": "*", "delegate_each": ["director", "sector_head"]}]),
        _doc("kris", "takeover", "ks", [{"point": "T1", "matter": "*", "delegate": "kris",
                                         "limits": [{"fact": "extraordinary_event", "equals": True}]}]),
    ]
    if country == "se":
        docs.insert(0, _doc("reglemente", "reglemente", "kf", [{"point": "1", "matter": "m", "delegate": "ks"}]))
    content = {
        "municipality": {"id": f"{country}-{kind}".replace("_", "-"), "name": "Prov", "country": country},
        "actors": ACTORS,
        "matters": [{"id": "m", "title": "Ärendet", "area": "test", "kinds": [kind]}],
        "documents": docs,
    }
    (d / "rules.yaml").write_text(yaml.safe_dump(content, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return d


CASES = [(country, kind) for country in ("se", "fi") for kind in council_only_kinds(country)]


def test_every_point_is_covered():
    assert len([c for c in CASES if c[0] == "se"]) == 10  # KL 5:1 p.1-9 and the second paragraph
    assert len([c for c in CASES if c[0] == "fi"]) >= 13  # KomL 14 §


@pytest.mark.parametrize(("country", "kind"), CASES)
def test_only_the_council_may_decide(tmp_path, country, kind):
    directory = write_ruleset(tmp_path, country, kind)
    with pytest.raises(api.RuleFileError):  # such a rule set is refused outright...
        api.load_path(directory, STATUTES)
    m = api.load_path(directory, STATUTES, validate=False)  # ...and, looked at anyway, delegates nothing
    reached = {actor for actor, matter in m.authority.chains if matter == "m"}
    assert {"kd", "enhet", "ordf", "spec", "sektor"} <= reached  # the chains exist; the statute cuts every one
    names = sorted(FACT_VALUES)
    for values in itertools.product(*(FACT_VALUES[n] for n in names)):
        facts = dict(zip(names, values, strict=True))
        for actor in (a["id"] for a in ACTORS):
            answer = m.ask(actor, "m", facts=facts, date="2025-03-01").answer
            expected = "yes" if actor == "kf" else "no"
            assert answer == expected, f"{country} {kind}: {actor} got {answer} with {facts}"
