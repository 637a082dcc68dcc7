"""Generated organisations and delegation orders, written as rule-set directories in the rule vocabulary.

A rule set is built from a `Picker` (seeded `random.Random`, or hypothesis draws so failures shrink)
and written under a temporary directory as a municipality's YAML files; the real statute layers
under rules/statutes/ (Swedish or Finnish) are used as they are. The shapes cover every link kind:
reglemente, delegation orders (with substitutes, vidaredelegation flags, urgent points, limits,
point validity), further delegation under named points, the director's instruction, crisis-board
take-over, inherit relays and pure execution; some points are deliberately unlawful (a delegation to a
group, a reglemente to an employee), as rule sets written by hand sometimes are.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable, Sequence
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

import yaml
from hypothesis import strategies as st

STATUTES = Path(__file__).resolve().parent.parent / "rules" / "statutes"
COUNCIL_ONLY_REFS = ("KL 5:1", "KomL 14 §")
T = TypeVar("T")

DATES = [dt.date(2018, 1, 1), dt.date(2020, 7, 1), dt.date(2022, 7, 1), dt.date(2024, 5, 1)]
ENDS = [dt.date(2021, 12, 31), dt.date(2024, 4, 30), dt.date(2025, 6, 30)]
QUESTION_DATES = [dt.date(2016, 6, 1), dt.date(2019, 6, 1), dt.date(2022, 6, 30), dt.date(2022, 7, 1),
                  dt.date(2024, 4, 30), dt.date(2025, 3, 1), dt.date(2025, 7, 1)]
STAFF_KINDS = ["sector_head", "area_manager", "unit_manager", "specialist", "employee"]
MANAGER_KINDS = ["director", "head_of_administration", "sector_head", "area_manager", "unit_manager"]


class Picker:
    """Random choices; the subclasses take them from a seeded generator or from hypothesis."""

    def int(self, lo: int, hi: int) -> int:
        raise NotImplementedError

    def chance(self, p: float) -> bool:
        """True with probability `p` (shrinks towards False)."""
        return self.int(0, 99) >= 100 - round(p * 100)

    def choice(self, seq: Sequence[T]) -> T:
        return seq[self.int(0, len(seq) - 1)]

    def sample(self, seq: Sequence[T], k: int) -> list[T]:
        pool, out = list(seq), []
        for _ in range(min(k, len(pool))):
            out.append(pool.pop(self.int(0, len(pool) - 1)))
        return out


class SeededPicker(Picker):
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)

    def int(self, lo: int, hi: int) -> int:
        return self.rng.randint(lo, hi)


class DrawPicker(Picker):
    def __init__(self, draw: Callable[[Any], Any]) -> None:
        self.draw = draw

    def int(self, lo: int, hi: int) -> int:
        return int(self.draw(st.integers(lo, hi)))


@cache
def statute_kinds(country: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The matter kinds of a statute layer, and those only the council decides (KL 5:1, KomL 14 §)."""
    kinds, council_only = [], []
    for path in sorted((STATUTES / country).glob("*.yaml")):
        for kind in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("matter_kinds", []):
            kinds.append(kind["id"])
            if any(ref.startswith(COUNCIL_ONLY_REFS) for ref in kind["refs"]):
                council_only.append(kind["id"])
    return tuple(kinds), tuple(council_only)


def _actors(p: Picker, scale: int = 1) -> list[dict[str, Any]]:
    actors: list[dict[str, Any]] = [{"id": "kf", "kind": "council", "name": "kommunfullmäktige"}]
    if p.chance(0.03):
        actors[0]["kind"] = "board"  # no council at all: nothing may be decided by anyone
    extra = ["bn", "sn", "kn", *(f"n{i}" for i in range(3 * (scale - 1)))]
    boards = ["ks", *p.sample(extra, p.int(0, 2 * scale))]
    for b in boards:
        actors.append({"id": b, "kind": "board", "name": f"nämnd {b}", "reports_to": "kf"})
        actors.append({"id": f"{b}-ordf", "kind": "chair", "name": f"ordförande {b}", "board": b, "reports_to": b})
        if p.chance(0.5):
            actors.append({"id": f"{b}-led", "kind": "member", "name": f"ledamot {b}", "board": b, "reports_to": b})
        if p.chance(0.5):
            actors.append({"id": f"{b}-au", "kind": "committee", "name": f"utskott {b}", "board": b, "reports_to": b})
        if p.chance(0.15):
            actors.append({"id": f"{b}-pres", "kind": "presidium", "name": f"presidium {b}", "board": b})
    if p.chance(0.5):
        actors.append({"id": "krisn", "kind": "crisis_board", "name": "krisledningsnämnd", "reports_to": "kf"})
    director: dict[str, Any] = {"id": "kd", "kind": "director", "name": "kommundirektör", "reports_to": "ks"}
    if p.chance(0.7):
        director["also"] = ["head_of_administration"]
    actors.append(director)
    staff = ["kd"]
    for b in boards[1:]:
        if p.chance(0.7):
            actors.append({"id": f"{b}-fc", "kind": "head_of_administration", "name": f"förvaltningschef {b}",
                           "reports_to": p.choice(["kd", b]), "board": b})
            staff.append(f"{b}-fc")
    for i in range(p.int(1, 5 * scale)):
        actor = {"id": f"e{i}", "kind": p.choice(STAFF_KINDS), "name": f"anställd {i}", "reports_to": p.choice(staff)}
        if p.chance(0.1):
            actor["also"] = [p.choice(MANAGER_KINDS)]
        actors.append(actor)
        staff.append(actor["id"])
    for gid, kind in (("grp", "employee_group"), ("mix", "mixed_group"), ("lg", "management_group")):
        if p.chance(0.25):
            members = p.sample(staff, 2) + (["ks-ordf"] if kind == "mixed_group" else [])
            actors.append({"id": gid, "kind": kind, "name": f"grupp {gid}", "members": members, "reports_to": "kd"})
    return actors


def _matters(p: Picker, country: str, scale: int = 1) -> list[dict[str, Any]]:
    kinds, council_only = statute_kinds(country)
    out = []
    for i in range(p.int(2, 5 * scale)):
        matter: dict[str, Any] = {"id": f"m{i}", "title": f"ärende {i}", "area": "allmänt",
                                  "kinds": p.sample(kinds, p.int(0, 2))}
        if i == 0 and council_only and p.chance(0.8):
            matter["kinds"] = [p.choice(council_only)]
        if p.chance(0.1):
            matter["execution"] = True
        out.append(matter)
    return out


def _limit(p: Picker) -> dict[str, Any]:
    return p.choice([
        {"fact": "amount", "max": p.choice([100000, 300000, 1000000])},
        {"fact": "amount", "max_pbb": p.choice([1, 5, 20])},
        {"fact": "amount", "min": 50000},
        {"fact": "within_budget", "equals": True},
        {"fact": "duration_years", "max": 3},
        {"fact": "employee_reports_to", "relation": "reports_to_decider"},
        {"fact": "procedure", "equals": "direct"},
        {"fact": "urgent", "equals": True},
        {"fact": "extraordinary_event", "equals": True},
    ])


def _validity(p: Picker, target: dict[str, Any], chance: float) -> None:
    if p.chance(chance):
        target["valid_from"] = p.choice(DATES)
        if p.chance(0.4):
            end = p.choice(ENDS)
            if end >= target["valid_from"]:
                target["valid_to"] = end


def _point(p: Picker, number: str, matters: list[str], delegate: str | None, actors: list[str]) -> dict[str, Any]:
    point: dict[str, Any] = {"point": number}
    if p.chance(0.15) and len(matters) > 1:
        point["matters"] = p.sample(matters, 2)
    else:
        point["matter"] = p.choice(matters)
    if delegate is None and p.chance(0.08):
        point["delegate_each"] = p.sample(MANAGER_KINDS + STAFF_KINDS, p.int(1, 2))
    else:
        point["delegate"] = delegate or p.choice(actors)
    if p.chance(0.15):
        point["substitute"] = p.choice(actors)
    if p.chance(0.4):
        point["vidaredelegation"] = True
    if p.chance(0.5):
        point["limits"] = [_limit(p) for _ in range(p.int(1, 2))]
    if p.chance(0.3):
        point["reporting"] = p.chance(0.5)
    _validity(p, point, 0.15)
    return point


def _document(doc_id: str, kind: str, grantor: str, p: Picker, points: list[dict[str, Any]]) -> dict[str, Any]:
    doc: dict[str, Any] = {"id": doc_id, "title": f"dokument {doc_id}", "kind": kind, "grantor": grantor,
                           "adopted_by": grantor, "adopted": dt.date(2017, 12, 1), "valid_from": p.choice(DATES[:3]),
                           "reporting": p.chance(0.5), "points": points}
    if p.chance(0.2):
        doc["valid_to"] = p.choice(ENDS[1:])
    return doc


def _documents(p: Picker, country: str, actors: list[dict[str, Any]], matters: list[str],
               scale: int = 1) -> list[dict[str, Any]]:
    ids = [a["id"] for a in actors]
    boards = [a["id"] for a in actors if a["kind"] in ("board", "crisis_board")]
    persons = [a["id"] for a in actors if a["kind"] not in ("council", "board")]
    docs = []
    if country == "se":
        pts = [{"point": f"R{i}", "matter": m, "delegate": p.choice(boards if p.chance(0.9) else ids)}
               for i, m in enumerate(matters) if p.chance(0.7)]
        for pt in pts:
            if p.chance(0.1):
                pt["limits"] = [_limit(p)]
        if pts:
            docs.append(_document("reglemente", "reglemente", "kf", p, pts))
    grantors = ["kf"] if country == "fi" else [b for b in boards if p.chance(0.8)]
    if p.chance(0.1):
        grantors.append(p.choice(ids))  # a delegation order by someone who may not delegate
    delegated: list[tuple[str, dict[str, Any]]] = []
    for g in grantors:
        pts = []
        for i in range(p.int(1, 6 * scale)):
            pt = _point(p, str(i + 1), matters, None, persons if p.chance(0.85) else ids)
            if p.chance(0.1):
                pt["kind"] = "urgent"
            pts.append(pt)
        doc_id = f"do-{g}"
        if doc_id not in {d["id"] for d in docs}:
            docs.append(_document(doc_id, "delegation", g, p, pts))
            delegated += [(doc_id, pt) for pt in pts]
    if delegated and p.chance(0.6):
        with_one = [(d, pt) for d, pt in delegated if "delegate" in pt]
        if with_one:
            doc_id, first = p.choice(with_one)
            pts = []
            for i in range(p.int(1, 3)):
                parent_doc, parent = p.choice(delegated) if p.chance(0.3) else (doc_id, first)
                pmatters = [parent["matter"]] if "matter" in parent else parent["matters"]
                pt = _point(p, f"V{i}", pmatters if p.chance(0.9) else matters, None, persons)
                pt.pop("substitute", None)
                pt["under"] = f"{parent_doc}:{parent['point']}"
                pts.append(pt)
            docs.append(_document("vidare", "vidaredelegation", first["delegate"], p, pts))
    if country == "se" and p.chance(0.35):
        pts = [_point(p, f"I{i}", matters, "kd", ids) for i in range(p.int(1, 2))]
        docs.append(_document("instruktion", "instruction", "ks", p, pts))
    if p.chance(0.35):
        crisis = "krisn" if "krisn" in ids and p.chance(0.8) else p.choice(ids)
        pt = {"point": "T1", "matter": "*", "delegate": crisis}
        if p.chance(0.5):
            pt["limits"] = [{"fact": "extraordinary_event", "equals": True}]
        docs.append(_document("overtagande", "takeover", p.choice(boards), p, [pt]))
    if p.chance(0.3):
        pt = {"point": "A1", "matter": "*", "delegate_each": p.sample(MANAGER_KINDS, p.int(1, 3))}
        docs.append(_document("allmant", "inherit", p.choice(boards), p, [pt]))
    if p.chance(0.15):
        pts = [{"point": "X1", "matter": p.choice(matters), "delegate": p.choice(persons)}]
        docs.append(_document("verkstallighet", "execution", p.choice(boards), p, pts))
    return docs


def ruleset_spec(p: Picker, country: str | None = None, scale: int = 1) -> dict[str, dict[str, Any]]:
    """A generated municipality: file name -> the file's sections (`scale` multiplies boards, staff, matters, points)."""
    country = country or p.choice(["se", "se", "fi"])
    actors = _actors(p, scale)
    matters = _matters(p, country, scale)
    docs = _documents(p, country, actors, [m["id"] for m in matters], scale)
    files: dict[str, dict[str, Any]] = {
        "municipality.yaml": {
            "municipality": {"id": "gen", "name": "Genererad kommun", "country": country},
            "facts": [
                {"id": "employee_reports_to", "type": "actor", "question": "Vem blir den anställdes chef?"},
                {"id": "procedure", "type": "text", "question": "Vilket förfarande?", "values": ["open", "direct"]},
            ],
        },
        "organisation.yaml": {"actors": actors},
        "matters.yaml": {"matters": matters},
    }
    for doc in docs:
        files[f"{doc['id']}.yaml"] = {"documents": [doc]}
    return files


def write_ruleset(spec: dict[str, dict[str, Any]], base: Path) -> Path:
    """Write a spec as a municipality directory under `base`; returns the directory."""
    directory = base / "municipalities" / "gen"
    directory.mkdir(parents=True, exist_ok=True)
    for old in directory.glob("*.yaml"):
        old.unlink()
    for name, content in spec.items():
        (directory / name).write_text(yaml.safe_dump(content, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return directory


@st.composite
def rulesets(draw: Callable[[Any], Any], country: str | None = None) -> dict[str, dict[str, Any]]:
    """Hypothesis strategy: a rule-set spec (shrinks towards fewer actors, points and documents)."""
    return ruleset_spec(DrawPicker(draw), country)


def fact_choices(rs: Any, day: dt.date) -> dict[str, list[Any]]:
    """For each fact a question may give, the values worth trying: both sides of every bound."""
    out: dict[str, list[Any]] = {}
    for fid, fdef in rs.facts.items():
        kind = fdef.type.value
        if kind == "bool":
            out[fid] = [True, False]
        elif kind == "actor":
            out[fid] = sorted(rs.actors)[:3] + ["kd"]
        elif kind == "text":
            out[fid] = list(fdef.values or ["x"])
        else:
            out[fid] = [0]
    pbb = rs.prisbasbelopp.get(day.year)
    for grant in rs.grants.values():
        for c in grant.conditions:
            values = out.setdefault(c.fact, [])
            for bound in (c.max, c.min, (pbb * c.max_pbb) if pbb and c.max_pbb else None):
                if bound is not None:
                    values += [int(bound), int(bound) + 1, max(int(bound) - 1, 0)]
    return {k: sorted(set(v), key=repr) for k, v in out.items()}


def fact_sets(p: Picker, choices: dict[str, list[Any]], n: int) -> list[dict[str, Any]]:
    """`n` sets of case facts: none, some and (often) every fact given."""
    sets: list[dict[str, Any]] = [{}]
    names = sorted(choices)
    for _ in range(n - 1):
        chosen = names if p.chance(0.5) else p.sample(names, p.int(1, len(names)))
        sets.append({f: p.choice(choices[f]) for f in chosen})
    return sets
