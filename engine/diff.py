"""Who gained and who lost which powers between two dates, or between two versions of a rule set.

A power is an (actor, matter) the engine does not answer "no" to when no case facts are given;
each comes with its routes: the point it rests on, the chain to it and the limits along it.
`compare(a, day_a, b, day_b)` gives the gained, lost and changed powers and the document points
that were added, removed or changed; `to_text`, `to_markdown` and `to_json` render it.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import asdict, dataclass, field
from typing import Any

from engine.document import COLUMNS, LINK_KIND_SV, actor_name, limit_text, matter_title, point_row, section
from engine.evaluate import outcomes, point_label


@dataclass(frozen=True)
class Route:
    point: str  # the point the power rests on ("ks-do p. 3.1") or the kind of link
    chain: tuple[str, ...]  # the actors from the council to the holder
    limits: tuple[str, ...]  # every limit along the chain
    conditional: bool  # the answer depends on case facts beyond the limits (urgency, principle, ...)


@dataclass
class PowerChange:
    actor: str
    actor_name: str
    matter: str
    matter_title: str
    before: list[Route] = field(default_factory=list)
    after: list[Route] = field(default_factory=list)


@dataclass
class PointChange:
    document: str
    point: str
    change: str  # added | removed | changed
    fields: dict[str, tuple[str, str]] = field(default_factory=dict)


@dataclass
class Diff:
    before: str
    after: str
    gained: list[PowerChange]
    lost: list[PowerChange]
    changed: list[PowerChange]
    points: list[PointChange]

    @property
    def empty(self) -> bool:
        return not (self.gained or self.lost or self.changed or self.points)


def powers(mandat: Any, day: dt.date) -> dict[tuple[str, str], list[Route]]:
    """Every power in force on `day`, with its routes."""
    rs, auth = mandat.rules, mandat.authority
    out: dict[tuple[str, str], list[Route]] = {}
    for (actor, matter) in sorted(auth.chains):
        routes: set[Route] = set()
        for o in outcomes(rs, auth, actor, matter, day, {}, "sv"):
            if o.answer == "no":
                continue
            last = o.chain.links[-1]
            limits = tuple(limit_text(c) for link in o.chain.links if link.grant
                           for c in link.grant.conditions if c.fact != "delegate_unavailable")
            unavailable = any(c.fact == "delegate_unavailable" for link in o.chain.links if link.grant
                              for c in link.grant.conditions)
            limits += ("när delegaten har förhinder",) if unavailable else ()
            condition_facts = {c.fact for link in o.chain.links if link.grant for c in link.grant.conditions}
            routes.add(Route(point_label(last) or LINK_KIND_SV[last.kind],
                             tuple(link.receiver for link in o.chain.links), limits,
                             bool(set(o.open) - condition_facts)))
        if routes:
            out[(actor, matter)] = sorted(routes, key=lambda r: (r.point, r.chain))
    return out


def _point_rows(mandat: Any, day: dt.date) -> dict[tuple[str, str], list[str]]:
    rs = mandat.rules
    rows: dict[tuple[str, str], list[str]] = {}
    for doc in rs.documents.values():
        if doc.valid_from > day or (doc.valid_to is not None and day > doc.valid_to):
            continue
        for row in section(rs, doc, day).rows:
            rows[(doc.id, row.nr)] = row.cells(extra=True)
    return rows


def compare(a: Any, day_a: dt.date, b: Any, day_b: dt.date, label_a: str = "", label_b: str = "") -> Diff:
    """The changes from rule set `a` on `day_a` to rule set `b` on `day_b` (the same rule set twice for two dates)."""
    pa, pb = powers(a, day_a), powers(b, day_b)

    def change(key: tuple[str, str]) -> PowerChange:
        actor, matter = key
        rs = b.rules if actor in b.rules.actors else a.rules
        mrs = b.rules if matter in b.rules.matters else a.rules
        return PowerChange(actor, actor_name(rs, actor), matter, matter_title(mrs, matter),
                           pa.get(key, []), pb.get(key, []))

    gained = [change(k) for k in pb if k not in pa]
    lost = [change(k) for k in pa if k not in pb]
    changed = [change(k) for k in pa if k in pb and pa[k] != pb[k]]
    ra, rb = _point_rows(a, day_a), _point_rows(b, day_b)
    names = COLUMNS + ["Typ", "Vidaredelegerad från", "Kommentar"]
    points: list[PointChange] = []
    for key in sorted(set(ra) | set(rb)):
        if key not in ra:
            points.append(PointChange(key[0], key[1], "added"))
        elif key not in rb:
            points.append(PointChange(key[0], key[1], "removed"))
        elif ra[key] != rb[key]:
            fields = {n: (x, y) for n, x, y in zip(names, ra[key], rb[key], strict=True) if x != y}
            points.append(PointChange(key[0], key[1], "changed", fields))
    return Diff(label_a or day_a.isoformat(), label_b or day_b.isoformat(), gained, lost, changed, points)


def _route_text(r: Route, names: dict[str, str]) -> str:
    chain = " → ".join(names.get(x, x) for x in r.chain)
    limits = f" [{'; '.join(r.limits)}]" if r.limits else ""
    return f"{r.point}{limits}{' (beror på omständigheterna)' if r.conditional else ''} — {chain}"


def _names(a: Any, b: Any) -> dict[str, str]:
    return {**{k: v.name.sv for k, v in a.rules.actors.items()}, **{k: v.name.sv for k, v in b.rules.actors.items()}}


POINT_CHANGE_SV = {"added": "ny", "removed": "borttagen", "changed": "ändrad"}


def _lines(d: Diff, names: dict[str, str], bullet: str, heading: str) -> list[str]:
    out = [f"{heading + ' ' if heading else ''}Ändringar i beslutanderätt från {d.before} till {d.after}", ""]
    if d.empty:
        return out + ["Inga ändringar."]
    for title, items, which in (("Får ny beslutanderätt", d.gained, "after"),
                                ("Förlorar beslutanderätt", d.lost, "before")):
        if items:
            out += [f"{heading}#{' ' if heading else ''}{title} ({len(items)})" if heading else f"{title} ({len(items)}):", ""]
            for c in items:
                out.append(f"{bullet}{c.actor_name}: {c.matter_title}")
                out += [f"    {_route_text(r, names)}" for r in getattr(c, which)]
            out.append("")
    if d.changed:
        out += [f"{heading}# Ändrade villkor ({len(d.changed)})" if heading else f"Ändrade villkor ({len(d.changed)}):", ""]
        for c in d.changed:
            out.append(f"{bullet}{c.actor_name}: {c.matter_title}")
            out += [f"    före:  {_route_text(r, names)}" for r in c.before if r not in c.after]
            out += [f"    efter: {_route_text(r, names)}" for r in c.after if r not in c.before]
        out.append("")
    if d.points:
        out += [f"{heading}# Ändrade punkter ({len(d.points)})" if heading else f"Ändrade punkter ({len(d.points)}):", ""]
        for p in d.points:
            out.append(f"{bullet}{p.document} p. {p.point}: {POINT_CHANGE_SV[p.change]}")
            out += [f"    {name}: {x or '—'} → {y or '—'}" for name, (x, y) in p.fields.items()]
    return out


def to_text(d: Diff, a: Any, b: Any) -> str:
    return "\n".join(_lines(d, _names(a, b), "  • ", "")).rstrip() + "\n"


def to_markdown(d: Diff, a: Any, b: Any) -> str:
    return "\n".join(_lines(d, _names(a, b), "- ", "#")).rstrip() + "\n"


def to_json(d: Diff) -> str:
    def power(c: PowerChange) -> dict[str, Any]:
        return {"actor": c.actor, "actor_name": c.actor_name, "matter": c.matter, "matter_title": c.matter_title,
                "before": [asdict(r) for r in c.before], "after": [asdict(r) for r in c.after]}

    data = {"from": d.before, "to": d.after, "gained": [power(c) for c in d.gained],
            "lost": [power(c) for c in d.lost], "changed": [power(c) for c in d.changed],
            "points": [{"document": p.document, "point": p.point, "change": p.change,
                        "fields": {k: {"before": x, "after": y} for k, (x, y) in p.fields.items()}}
                       for p in d.points]}
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


__all__ = ["Diff", "Route", "compare", "powers", "to_json", "to_markdown", "to_text", "point_row"]
