"""The delegation order as a document: the points in force on a date as the familiar table.

`build(mandat, day)` gives a `DelegationDocument`: one `Section` per document in force, its rows
(Nr, Ärende, Delegat, Ersättare, Vidaredelegation, Lagrum, Begränsning, Anmäls) grouped by area;
the general provisions written out from the statute layer's rules; and two indexes, by statute
provision (each with its chains of delegates) and by role (each with its powers). Renderers
(cli/export.py) and the importer (engine/importer.py) share the column names and limit texts here.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from engine.evaluate import outcomes, point_label, verdict
from engine.models import ActorKind, Condition, Document, LinkKind, Point, StatuteRule
from engine.ruleset import ALL_MATTERS, RuleSet

COLUMNS = ["Nr", "Ärende", "Delegat", "Ersättare", "Vidaredelegation", "Lagrum", "Begränsning", "Anmäls"]
EXTRA_COLUMNS = ["Typ", "Vidaredelegerad från", "Kommentar"]  # written only where a document needs them
ALL_MATTERS_TEXT = "Alla ärenden"
EACH_PREFIX = "var och en av:"
YES, NO = "Ja", "Nej"

KIND_SV = {
    ActorKind.council: "fullmäktige", ActorKind.board: "nämnd", ActorKind.committee: "utskott",
    ActorKind.presidium: "presidium", ActorKind.crisis_board: "krisledningsnämnd", ActorKind.chair: "ordförande",
    ActorKind.member: "ledamot", ActorKind.director: "direktör", ActorKind.head_of_administration: "förvaltningschef",
    ActorKind.sector_head: "sektorchef", ActorKind.area_manager: "områdeschef", ActorKind.unit_manager: "enhetschef",
    ActorKind.specialist: "specialist", ActorKind.employee: "anställd", ActorKind.employee_group: "personalgrupp",
    ActorKind.mixed_group: "blandad grupp", ActorKind.management_group: "ledningsgrupp",
}
LINK_KIND_SV = {
    LinkKind.own: "egen", LinkKind.reglemente: "reglemente", LinkKind.delegation: "delegation",
    LinkKind.vidaredelegation: "vidaredelegation", LinkKind.urgent: "brådskande", LinkKind.substitute: "ersättare",
    LinkKind.instruction: "instruktion", LinkKind.takeover: "övertagande", LinkKind.inherit: "chefsregel",
    LinkKind.execution: "verkställighet",
}
DOC_ORDER = [LinkKind.reglemente, LinkKind.delegation, LinkKind.urgent, LinkKind.vidaredelegation,
             LinkKind.instruction, LinkKind.inherit, LinkKind.takeover, LinkKind.execution]
RELATION_SV = {"reports_to_decider": "den anställde är direkt underställd beslutsfattaren"}


def sheet_title(doc_id: str) -> str:
    """The worksheet name of a document in an exported workbook (Excel allows 31 characters)."""
    return re.sub(r"[\[\]:*?/\\]", "-", doc_id)[:31]


def fmt_number(value: float) -> str:
    """300000 -> '300 000', 1.5 -> '1,5' (Swedish)."""
    if float(value).is_integer():
        return f"{int(value):,}".replace(",", " ")
    return f"{value:g}".replace(".", ",")


def limit_text(cond: Condition) -> str:
    """A limit as a board secretary writes it; the importer reads every form written here back."""
    if cond.text is not None:
        return cond.text.sv
    prefix = "" if cond.fact == "amount" else f"{cond.fact} "
    if cond.max_pbb is not None:
        return f"{prefix}högst {fmt_number(cond.max_pbb)} prisbasbelopp"
    unit = " kr" if cond.fact == "amount" else ""
    if cond.max is not None:
        return f"{prefix}högst {fmt_number(cond.max)}{unit}"
    if cond.min is not None:
        return f"{prefix}minst {fmt_number(cond.min)}{unit}"
    if cond.relation is not None:
        return RELATION_SV[cond.relation]
    value = {True: "ja", False: "nej"}.get(cond.equals, cond.equals)  # type: ignore[call-overload]
    return f"{cond.fact} = {value}"


@dataclass
class Row:
    """One point of a document as a table row (all cells are text)."""

    nr: str
    arende: str
    delegat: str
    ersattare: str
    vidaredelegation: str
    lagrum: str
    begransning: str
    anmals: str
    typ: str = ""
    under: str = ""
    kommentar: str = ""
    area: str = ""
    assumed: str | None = None

    def cells(self, extra: bool = False) -> list[str]:
        base = [self.nr, self.arende, self.delegat, self.ersattare, self.vidaredelegation, self.lagrum,
                self.begransning, self.anmals]
        return base + ([self.typ, self.under, self.kommentar] if extra else [])


@dataclass
class Section:
    """One document in force: its header and its rows grouped by area (in order of first appearance)."""

    document: Document
    grantor: str
    areas: list[tuple[str, list[Row]]]
    needs_extra: bool

    @property
    def rows(self) -> list[Row]:
        return [r for _, rows in self.areas for r in rows]


@dataclass
class Provision:
    """A general provision written out from a statute rule."""

    ref: str
    text: str
    verified: bool


@dataclass
class ChainEntry:
    matter: str
    steps: list[tuple[str, str]]  # (actor name, point label or link kind)
    limits: list[str]
    conditional: bool


@dataclass
class Power:
    matter: str
    point: str
    limits: list[str]
    conditional: bool


@dataclass
class DelegationDocument:
    municipality: str
    name: str
    day: dt.date
    version: str
    sections: list[Section]
    general: dict[str, list[Provision]]
    by_provision: dict[str, tuple[str, list[ChainEntry]]] = field(default_factory=dict)
    by_role: dict[str, list[Power]] = field(default_factory=dict)


def actor_name(rs: RuleSet, actor_id: str | None) -> str:
    if actor_id is None:
        return ""
    actor = rs.actors.get(actor_id)
    return actor.name.sv if actor else actor_id


def matter_title(rs: RuleSet, matter_id: str) -> str:
    if matter_id == ALL_MATTERS:
        return ALL_MATTERS_TEXT
    matter = rs.matters.get(matter_id)
    return matter.title.sv if matter else matter_id


def point_row(rs: RuleSet, doc: Document, point: Point) -> Row:
    """One point as a table row."""
    if point.delegate is not None:
        delegat = actor_name(rs, point.delegate)
    else:
        delegat = f"{EACH_PREFIX} " + ", ".join(KIND_SV[k] for k in point.delegate_each)
    reporting = doc.reporting if point.reporting is None else point.reporting
    matters = point.all_matters
    first = matters[0]
    area = "allmänt" if first == ALL_MATTERS else rs.matters[first].area if first in rs.matters else ""
    return Row(
        nr=point.point, arende="; ".join(matter_title(rs, m) for m in matters), delegat=delegat,
        ersattare=actor_name(rs, point.substitute), vidaredelegation=YES if point.vidaredelegation else NO,
        lagrum=", ".join(point.refs), begransning="; ".join(limit_text(c) for c in point.limits),
        anmals=YES if reporting else NO,
        typ=LINK_KIND_SV[point.kind] if point.kind and point.kind != doc.kind else "",
        under=point.under or "", kommentar=point.note.sv if point.note else "", area=area, assumed=point.assumed,
    )


def _point_in_force(doc: Document, point: Point, day: dt.date) -> bool:
    start = point.valid_from or doc.valid_from
    end = point.valid_to or doc.valid_to
    return start <= day and (end is None or day <= end)


def section(rs: RuleSet, doc: Document, day: dt.date | None = None) -> Section:
    """A document's points (those in force on `day`, or all) grouped by area."""
    areas: dict[str, list[Row]] = {}
    for point in doc.points:
        if day is not None and not _point_in_force(doc, point, day):
            continue
        row = point_row(rs, doc, point)
        areas.setdefault(row.area, []).append(row)
    rows = [r for rs_ in areas.values() for r in rs_]
    return Section(doc, actor_name(rs, doc.grantor), list(areas.items()),
                   needs_extra=any(r.typ or r.under or r.kommentar for r in rows))


def _in_force(item: Document | StatuteRule, day: dt.date) -> bool:
    start, end = item.valid_from, item.valid_to
    return (start is None or start <= day) and (end is None or day <= end)


GENERAL_HEADINGS = {
    "non_delegable": "Ärenden som inte får delegeras",
    "urgent": "Brådskande ärenden",
    "reporting": "Anmälan av delegeringsbeslut",
    "limits": "Övriga gränser för delegation (mottagare, vidaredelegation, jäv)",
}


def general_provisions(rs: RuleSet, day: dt.date) -> dict[str, list[Provision]]:
    """The statute layer's rules in force on `day`, written out under the headings a delegation order uses."""
    out: dict[str, list[Provision]] = {k: [] for k in GENERAL_HEADINGS}
    for rule in rs.rules.values():
        if not _in_force(rule, day):
            continue
        links = set(rule.match.links or [])
        if LinkKind.urgent in links and links <= {LinkKind.urgent}:
            key = "urgent"
        elif rule.effect == "oblige":
            key = "reporting"
        elif rule.effect == "deny" and (rule.match.matter_kinds or "principled" in rule.match.when):
            key = "non_delegable"
        elif rule.effect == "deny":
            key = "limits"
        else:
            continue
        text = rule.reason.sv
        if rule.obligation is not None and key in ("reporting", "urgent"):
            text = rule.obligation.text.sv.replace("{grantor}", "den som delegerat") + f" ({rule.reason.sv})"
        prov = rs.provisions.get(rule.ref)
        out[key].append(Provision(rule.ref, text[:1].upper() + text[1:], prov.verified if prov else rule.verified))
    return {k: sorted(v, key=lambda p: _ref_key(p.ref)) for k, v in out.items() if v}


def _ref_key(ref: str) -> tuple[Any, ...]:
    parts = ref.replace(":", " ").replace("p.", " ").replace("st.", " ").split()
    return tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in parts)


def _indexes(mandat: Any, day: dt.date) -> tuple[dict[str, tuple[str, list[ChainEntry]]], dict[str, list[Power]]]:
    rs: RuleSet = mandat.rules
    auth = mandat.authority
    by_ref: dict[str, tuple[str, list[ChainEntry]]] = {}
    by_role: dict[str, list[Power]] = {}
    for (actor, matter), _ in sorted(auth.chains.items()):
        results = [o for o in outcomes(rs, auth, actor, matter, day, {}, "sv") if o.answer != "no"]
        if not results:
            continue
        best = next(o for o in results if o.answer == verdict(results))
        last = best.chain.links[-1]
        label = point_label(last) or LINK_KIND_SV[last.kind]
        limits = [c.requirement for c in best.conditions]
        by_role.setdefault(actor, []).append(Power(matter_title(rs, matter), label, limits, best.answer != "yes"))
        for o in results:
            tip = o.chain.links[-1]
            if tip.grant is not None:
                refs = list(tip.grant.refs)
            else:
                refs = [r for k in rs.matters[matter].kinds for r in rs.matter_kinds[k].refs]
            steps = [(actor_name(rs, link.receiver), point_label(link) or LINK_KIND_SV[link.kind])
                     for link in o.chain.links]
            entry = ChainEntry(matter_title(rs, matter), steps, [c.requirement for c in o.conditions],
                               o.answer != "yes")
            for ref in refs:
                title = rs.provision_title(ref, "sv")
                by_ref.setdefault(ref, (title, []))[1].append(entry)
    for entries in by_ref.values():
        entries[1].sort(key=lambda e: (e.matter, len(e.steps), [s[0] for s in e.steps]))
    ordered_refs = dict(sorted(by_ref.items(), key=lambda kv: _ref_key(kv[0])))
    roles = {actor_name(rs, a): sorted(p, key=lambda x: x.matter)
             for a, p in sorted(by_role.items(), key=lambda kv: list(rs.actors).index(kv[0]))}
    return ordered_refs, roles


def build(mandat: Any, day: dt.date, indexes: bool = True) -> DelegationDocument:
    """The delegation orders of `mandat` in force on `day`, with general provisions and indexes."""
    rs: RuleSet = mandat.rules
    docs = sorted((d for d in rs.documents.values() if _in_force(d, day)),
                  key=lambda d: (DOC_ORDER.index(d.kind) if d.kind in DOC_ORDER else 99, d.adopted, d.id))
    sections = [section(rs, d, day) for d in docs]
    doc = DelegationDocument(rs.id, rs.municipality.name.sv, day, rs.version,
                             [s for s in sections if s.rows], general_provisions(rs, day))
    if indexes:
        doc.by_provision, doc.by_role = _indexes(mandat, day)
    return doc
