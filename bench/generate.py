"""Generate a large municipality in the project's YAML vocabulary, for the benchmarks.

`storstad`: a council, 12 boards (the first is the executive board) each with a chair, a vice chair and a
committee, a four-level organisation of about 2,000 roles (director, 12 heads of administration, sector
heads, unit managers and specialists), 12 × 500 matters handed to the boards by reglemente, 12 delegation
orders of 500 points each (amount limits in kronor and in prisbasbelopp, budget and duration limits,
substitutes, points that start or end inside the years covered), an urgent-matters clause per board
(KL 6:39), further delegation by each head of administration where the board allowed it (KL 7:6), and
matters of public authority a delegate may decide unless they are of principle (KL 6:38 p.3). Lawful, so
that `mandat check` passes and the service serves it. Deterministic for a seed.

    python bench/generate.py [--quick] [--out DIR]
"""

from __future__ import annotations

import random
import sys
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out"
MUNICIPALITY = "storstad"
AREAS = ["personal", "ekonomi", "upphandling", "avtal", "myndighet", "lokaler", "it", "arkiv", "bidrag", "drift"]
START, END = "2021-01-01", None


def _dump(path: Path, data: dict[str, Any]) -> None:
    path.write_text(yaml.dump(data, Dumper=getattr(yaml, "CSafeDumper", yaml.SafeDumper), sort_keys=False,
                              allow_unicode=True, width=200), encoding="utf-8")


def _organisation(boards: int, roles: int, rnd: random.Random) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """The actors, and per board the ids of its elected and employed roles."""
    actors: list[dict[str, Any]] = [
        {"id": "kf", "kind": "council", "name": {"sv": "kommunfullmäktige", "en": "municipal council"},
         "aliases": ["fullmäktige", "KF"]},
    ]
    per: dict[str, Any] = {}
    ids = [f"n{b:02d}" for b in range(1, boards + 1)]
    per_board = max(4, (roles - 1 - boards) // boards)  # employees under each head of administration
    sectors = max(1, per_board // 20)
    for b, board in enumerate(ids):
        actors += [
            {"id": board, "kind": "board", "name": {"sv": f"nämnd {b + 1}", "en": f"board {b + 1}"}, "reports_to": "kf"},
            {"id": f"{board}-ordf", "kind": "chair", "name": f"ordförande i nämnd {b + 1}", "board": board, "reports_to": board},
            {"id": f"{board}-vice", "kind": "member", "name": f"vice ordförande i nämnd {b + 1}", "board": board,
             "reports_to": board},
            {"id": f"{board}-au", "kind": "committee", "name": f"utskottet i nämnd {b + 1}", "board": board,
             "reports_to": board},
        ]
        if b == 0:
            head = "kd"
            actors.append({"id": head, "kind": "director", "also": ["head_of_administration"],
                           "name": {"sv": "kommundirektören", "en": "municipal director"}, "aliases": ["kommundirektör"],
                           "reports_to": board, "board": board})
        else:
            head = f"{board}-fc"
            actors.append({"id": head, "kind": "head_of_administration", "name": f"förvaltningschef {b + 1}",
                           "reports_to": "kd", "board": board})
        sector_ids, unit_ids, staff_ids = [], [], []
        left = per_board - 1
        for s in range(sectors):
            sid = f"{board}-s{s + 1}"
            sector_ids.append(sid)
            actors.append({"id": sid, "kind": "sector_head", "name": f"sektorchef {b + 1}.{s + 1}", "reports_to": head})
            left -= 1
        u = 0
        while left > 0:
            sector = sector_ids[u % len(sector_ids)]
            uid = f"{board}-e{u + 1}"
            unit_ids.append(uid)
            actors.append({"id": uid, "kind": "unit_manager", "name": f"enhetschef {b + 1}.{u + 1}", "reports_to": sector})
            left -= 1
            if left > 0:
                pid = f"{board}-h{u + 1}"
                staff_ids.append(pid)
                kind = "specialist" if u % 3 == 0 else "employee"
                actors.append({"id": pid, "kind": kind, "name": f"handläggare {b + 1}.{u + 1}", "reports_to": uid})
                left -= 1
            u += 1
        per[board] = {"head": head, "sectors": sector_ids, "units": unit_ids, "staff": staff_ids,
                      "elected": [f"{board}-ordf", f"{board}-vice", f"{board}-au"]}
    return actors, per


def _matters(board: str, n: int, rnd: random.Random) -> list[dict[str, Any]]:
    out = []
    for i in range(1, n + 1):
        area = AREAS[(i - 1) % len(AREAS)]
        m: dict[str, Any] = {"id": f"{board}-{i:03d}", "title": f"{area} {board} ärende {i}", "area": area}
        roll = rnd.random()
        if area == "myndighet" and roll < 0.8:  # delegable, but not when of principle (KL 6:38 p.3)
            m["kinds"] = ["authority_individual"]
        out.append(m)
    return out


def _limits(rnd: random.Random, scale: float = 1.0) -> list[dict[str, Any]]:
    limits: list[dict[str, Any]] = []
    roll = rnd.random()
    if roll < 0.4:
        limits.append({"fact": "amount", "max_pbb": max(1, round(rnd.choice([1, 2, 5, 10, 20]) * scale))})
    elif roll < 0.55:
        limits.append({"fact": "amount", "max": int(rnd.choice([100_000, 250_000, 500_000, 1_000_000]) * scale)})
    if rnd.random() < 0.2:
        limits.append({"fact": "within_budget", "equals": True})
    if rnd.random() < 0.1:
        limits.append({"fact": "duration_years", "max": rnd.choice([1, 3, 5])})
    return limits


def _order(board: str, b: int, roles: dict[str, Any], matters: list[dict[str, Any]], rnd: random.Random,
           ) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """A board's delegation order, and the further delegations its head of administration makes."""
    points: list[dict[str, Any]] = [
        {"point": "0", "matter": "*", "kind": "urgent", "delegate": f"{board}-ordf", "refs": ["KL 6:39"]},
    ]
    further: list[dict[str, Any]] = []
    for i, matter in enumerate(matters, start=1):
        roll = rnd.random()
        p: dict[str, Any] = {"point": f"{(i - 1) // 50 + 1}.{(i - 1) % 50 + 1}", "matter": matter["id"]}
        if roll < 0.08:
            p["delegate"], p["refs"] = f"{board}-au", ["KL 6:37"]
        elif roll < 0.12:
            p["delegate"], p["refs"] = f"{board}-ordf", ["KL 6:37"]
        elif roll < 0.45:
            p["delegate"], p["refs"] = roles["head"], ["KL 7:5"]
            p["vidaredelegation"] = rnd.random() < 0.7
        elif roll < 0.75:
            p["delegate"], p["refs"] = rnd.choice(roles["sectors"]), ["KL 7:5"]
        elif roll < 0.95:
            p["delegate"], p["refs"] = rnd.choice(roles["units"]), ["KL 7:5"]
        else:
            p["delegate"], p["refs"] = rnd.choice(roles["staff"]), ["KL 7:5"]
        limits = _limits(rnd)
        if limits:
            p["limits"] = limits
        if rnd.random() < 0.15:
            p["substitute"] = roles["head"] if p["delegate"] != roles["head"] else rnd.choice(roles["sectors"])
        roll = rnd.random()
        if roll < 0.1:
            p["valid_from"] = "2023-07-01"
        elif roll < 0.2:
            p["valid_to"] = "2024-12-31"
        if rnd.random() < 0.1:
            p["reporting"] = False
        points.append(p)
        if p["delegate"] == roles["head"] and p.get("vidaredelegation") and rnd.random() < 0.8:  # KL 7:6
            to = rnd.choice(roles["sectors"] + roles["units"])
            v: dict[str, Any] = {"point": f"V{len(further) + 1}", "under": f"{board}-do:{p['point']}",
                                 "matter": matter["id"], "delegate": to, "refs": ["KL 7:6"]}
            sub = _limits(rnd, 0.5)
            if sub:
                v["limits"] = sub
            if rnd.random() < 0.3:
                v["valid_from"] = "2022-01-01"
            further.append(v)
    doc = {"id": f"{board}-do", "title": f"Delegationsordning för nämnd {b + 1}", "kind": "delegation",
           "grantor": board, "adopted_by": board, "adopted": "2020-12-10", "paragraph": f"§ {100 + b}",
           "valid_from": START, "reporting": True, "points": points}
    return doc, further


def generate(out: Path = OUT, boards: int = 12, points: int = 500, roles: int = 2000, seed: int = 8) -> Path:
    """Write the rule set under `out/rules/municipalities/storstad/`; return `out/rules`."""
    rnd = random.Random(seed)
    rules = out / "rules"
    mdir = rules / "municipalities" / MUNICIPALITY
    mdir.mkdir(parents=True, exist_ok=True)
    for old in mdir.glob("*.yaml"):
        old.unlink()
    statutes = rules / "statutes"
    if not statutes.exists():
        statutes.symlink_to(ROOT / "rules" / "statutes", target_is_directory=True)
    actors, per = _organisation(boards, roles, rnd)
    _dump(mdir / "municipality.yaml", {"municipality": {
        "id": MUNICIPALITY, "name": {"sv": "Storstads kommun", "en": "Storstad municipality"}, "country": "se",
        "note": "generated for the benchmarks (bench/generate.py)"}})
    _dump(mdir / "organisation.yaml", {"actors": actors})
    council = [{"id": "budget", "title": "Kommunens budget", "area": "ekonomi", "kinds": ["budget_tax"]},
               {"id": "skattesats", "title": "Skattesats", "area": "ekonomi", "kinds": ["budget_tax"]}]
    _dump(mdir / "matters-kf.yaml", {"matters": council})
    for b, board in enumerate(per):
        matters = _matters(board, points, rnd)
        reglemente = {"id": f"{board}-reglemente", "title": f"Reglemente för nämnd {b + 1}", "kind": "reglemente",
                      "grantor": "kf", "adopted_by": "kf", "adopted": "2020-11-20", "valid_from": "2019-01-01",
                      "points": [{"point": "1", "matters": [m["id"] for m in matters], "delegate": board,
                                  "refs": ["KL 5:2", "KL 6:44"]}]}
        order, further = _order(board, b, per[board], matters, rnd)
        docs = [reglemente, order]
        if further:
            docs.append({"id": f"{board}-vd", "title": f"Vidaredelegation, förvaltning {b + 1}",
                         "kind": "vidaredelegation", "grantor": per[board]["head"], "adopted_by": per[board]["head"],
                         "adopted": "2021-01-15", "valid_from": "2021-02-01", "points": further})
        _dump(mdir / f"{board}.yaml", {"matters": matters, "documents": docs})
    return rules


def main(argv: list[str]) -> None:
    quick = "--quick" in argv
    out = Path(argv[argv.index("--out") + 1]) if "--out" in argv else OUT / ("quick" if quick else "full")
    rules = generate(out, boards=3 if quick else 12, points=100 if quick else 500, roles=300 if quick else 2000)
    print(rules / "municipalities" / MUNICIPALITY)


if __name__ == "__main__":
    main(sys.argv[1:])
