"""A rule set: the statute layer of one country merged with one municipality, names resolved.

`build_ruleset(statute_dir, municipality_dir)` loads both, resolves every reference (actor,
matter, matter kind, fact, point, provision) and turns document points into `Grant`s: one per
point, matter and receiver. Unresolved references are collected as `Finding`s; `RuleSet.errors`
lists them and the engine refuses to answer from a rule set that has any (fail closed).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from engine.errors import did_you_mean
from engine.loader import Loaded, Origin, load_municipality, load_statutes
from engine.models import (
    Actor,
    ActorKind,
    Citation,
    Condition,
    Document,
    FactDef,
    LinkKind,
    Matter,
    MatterKind,
    MunicipalityInfo,
    Point,
    Provision,
    StatuteInfo,
    StatuteRule,
)

ALL_MATTERS = "*"


@dataclass(frozen=True)
class Finding:
    """One problem in a rule set: a code, a severity, the place, the message, the provision broken."""

    code: str
    severity: str  # "error" | "warning"
    path: Path
    line: int
    column: int
    message: str
    ref: str | None = None

    def __str__(self) -> str:
        place = f"{self.path}:{self.line}" + (f":{self.column}" if self.column else "")
        return f"{place}: {self.severity} {self.code}: {self.message}" + (f" ({self.ref})" if self.ref else "")


@dataclass(frozen=True)
class Grant:
    """One point resolved for one matter and one receiver: a possible link in a chain."""

    id: str
    kind: LinkKind
    grantor: str
    receiver: str
    matter: str  # a matter id, or ALL_MATTERS for a relay (takeover, inherit)
    document: Document | None
    point: Point | None
    conditions: tuple[Condition, ...]
    valid_from: dt.date | None
    valid_to: dt.date | None
    refs: tuple[str, ...]
    reporting: bool
    parent: str | None = None  # the grant id passed on (vidaredelegation)
    assumed: str | None = None

    def in_force(self, day: dt.date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (self.valid_to is None or day <= self.valid_to)


@dataclass
class RuleSet:
    """Everything needed to answer questions about one municipality."""

    municipality: MunicipalityInfo
    statute: StatuteInfo
    version: str
    kind_groups: dict[str, frozenset[ActorKind]]
    provisions: dict[str, Provision]
    matter_kinds: dict[str, MatterKind]
    facts: dict[str, FactDef]
    prisbasbelopp: dict[int, int]
    rules: dict[str, StatuteRule]
    root: Citation | None
    no_grant: Citation | None
    actors: dict[str, Actor]
    matters: dict[str, Matter]
    documents: dict[str, Document]
    grants: dict[str, Grant]
    origins: dict[tuple[str, str], Origin]
    findings: list[Finding] = field(default_factory=list)
    # answer parts that depend only on their key, built on first use and shared (a rule set never changes
    # once loaded): keeps pydantic model building off the per-question path
    memo: dict[Any, Any] = field(default_factory=dict, repr=False, compare=False)
    # chain outcomes by (chain, language, trace) (engine/evaluate.py): bounded, see `evaluate.remember`
    outcomes: dict[Any, Any] = field(default_factory=dict, repr=False, compare=False)

    @property
    def id(self) -> str:
        return self.municipality.id

    @property
    def country(self) -> str:
        return self.municipality.country

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "error"]

    def expand_kinds(self, names: list[str] | None) -> frozenset[str]:
        """Actor kinds named directly or through a kind group."""
        out: set[str] = set()
        for name in names or []:
            out |= {k.value for k in self.kind_groups[name]} if name in self.kind_groups else {name}
        return frozenset(out)

    @cached_property
    def council(self) -> str | None:
        """The council: the root of every chain (None in a rule set without one: nothing may be decided)."""
        return next((a.id for a in self.actors.values() if a.kind == ActorKind.council), None)

    @cached_property
    def asker_facts(self) -> frozenset[str]:
        """Facts about the deciding actor rather than the case (e.g. jäv): those the statute layer's rules
        read only on the final link. Another actor named as an alternative is not judged by them."""
        return frozenset(f for r in self.rules.values() if r.match.final for f in r.match.when)

    def kinds_of(self, actor_id: str) -> frozenset[str]:
        actor = self.actors[actor_id]
        return frozenset([actor.kind.value, *(k.value for k in actor.also)])

    def provision_title(self, ref: str, lang: str) -> str:
        prov = self.provisions.get(ref)
        return prov.title.get(lang) if prov else ref

    def subordinates(self, actor_id: str) -> list[str]:
        return sorted(a.id for a in self.actors.values() if a.reports_to == actor_id)


class _Resolver:
    """Collects findings while resolving references; each names its place."""

    def __init__(self, origins: dict[tuple[str, str], Origin]) -> None:
        self.origins = origins
        self.findings: list[Finding] = []

    def add(self, key: tuple[str, str], fields: tuple[str | int, ...], code: str, message: str,
            severity: str = "error", ref: str | None = None) -> None:
        origin = self.origins[key]
        line, col = origin.smap.where(origin.loc + fields)
        self.findings.append(Finding(code, severity, origin.path, line, col, message, ref))

    def known(self, name: str, pool: Mapping[str, object] | set[str], what: str, key: tuple[str, str],
              fields: tuple[str | int, ...], code: str) -> bool:
        if name in pool:
            return True
        self.add(key, fields, code, f"unknown {what} `{name}`{did_you_mean(name, pool)}")
        return False


def build_ruleset(statute_dir: Path, municipality_dir: Path) -> RuleSet:
    """Load and resolve one municipality under its country's statute layer."""
    mun_files, mun_loaded = load_municipality(municipality_dir)
    info = next(f.municipality for f in mun_files if f.municipality)
    assert info is not None
    stat_files, stat_loaded = load_statutes(statute_dir / info.country)
    return resolve(stat_files, stat_loaded, mun_files, mun_loaded)


def resolve(stat_files: list, stat_loaded: Loaded, mun_files: list, mun_loaded: Loaded) -> RuleSet:
    info: MunicipalityInfo = next(f.municipality for f in mun_files if f.municipality)
    statute = next((f.statute for f in stat_files if f.statute), None)
    if statute is None:
        raise stat_loaded.origins and next(iter(stat_loaded.origins.values())).error(
            "no statute file has a `statute:` section"
        ) or ValueError("empty statute layer")
    origins = {**stat_loaded.origins, **mun_loaded.origins}
    r = _Resolver(origins)
    kind_groups: dict[str, frozenset[ActorKind]] = {}
    pbb: dict[int, int] = {}
    no_grant = root = None
    for f in stat_files:
        kind_groups.update({k: frozenset(v) for k, v in f.kind_groups.items()})
        pbb.update(f.prisbasbelopp)
        no_grant = no_grant or f.no_grant
        root = root or f.root
    rs = RuleSet(
        municipality=info,
        statute=statute,
        version="sha256:" + _combine(stat_loaded.digest, mun_loaded.digest),
        kind_groups=kind_groups,
        provisions={p.ref: p for f in stat_files for p in f.provisions},
        matter_kinds={k.id: k for f in stat_files for k in f.matter_kinds},
        facts={x.id: x for f in [*stat_files, *mun_files] for x in f.facts},
        prisbasbelopp=pbb,
        rules={x.id: x for f in stat_files for x in f.rules},
        root=root,
        no_grant=no_grant,
        actors={a.id: a for f in mun_files for a in f.actors},
        matters={m.id: m for f in mun_files for m in f.matters},
        documents={d.id: d for f in mun_files for d in f.documents},
        grants={},
        origins=origins,
    )
    _check_statute_rules(rs, r)
    _check_organisation(rs, r)
    _check_matters(rs, r)
    rs.grants = _grants(rs, r)
    rs.findings = r.findings
    return rs


def _combine(*digests: str) -> str:
    import hashlib

    return hashlib.sha256("".join(digests).encode()).hexdigest()


def _check_statute_rules(rs: RuleSet, r: _Resolver) -> None:
    kinds = {k.value for k in ActorKind} | set(rs.kind_groups)
    for rule in rs.rules.values():
        key = ("rule", rule.id)
        m = rule.match
        for fname in ("to_kinds", "to_kinds_not", "from_kinds", "from_kinds_not"):
            for i, name in enumerate(getattr(m, fname) or []):
                r.known(name, kinds, "actor kind or kind group", key, ("match", fname, i), "unknown-kind")
        for fname in ("matter_kinds", "matter_kinds_not"):
            for i, name in enumerate(getattr(m, fname) or []):
                r.known(name, rs.matter_kinds, "matter kind", key, ("match", fname, i), "unknown-matter-kind")
        for fact in m.when:
            r.known(fact, rs.facts, "fact", key, ("match", "when", fact), "unknown-fact")


def _check_organisation(rs: RuleSet, r: _Resolver) -> None:
    for actor in rs.actors.values():
        key = ("actor", actor.id)
        if actor.reports_to is not None:
            r.known(actor.reports_to, rs.actors, "actor", key, ("reports_to",), "unknown-actor")
        if actor.board is not None:
            r.known(actor.board, rs.actors, "actor", key, ("board",), "unknown-actor")
        for i, member in enumerate(actor.members):
            r.known(member, rs.actors, "actor", key, ("members", i), "unknown-actor")


def _check_matters(rs: RuleSet, r: _Resolver) -> None:
    for matter in rs.matters.values():
        for i, kind in enumerate(matter.kinds):
            r.known(kind, rs.matter_kinds, "matter kind", ("matter", matter.id), ("kinds", i), "unknown-matter-kind")


def _grants(rs: RuleSet, r: _Resolver) -> dict[str, Grant]:
    grants: dict[str, Grant] = {}
    for doc in rs.documents.values():
        dkey = ("document", doc.id)
        if not r.known(doc.grantor, rs.actors, "actor", dkey, ("grantor",), "unknown-actor"):
            continue
        for point in doc.points:
            pkey = ("point", f"{doc.id}:{point.point}")
            for grant in _point_grants(rs, r, doc, point, pkey):
                grants[grant.id] = grant
    return grants


def _point_grants(rs: RuleSet, r: _Resolver, doc: Document, point: Point, pkey: tuple[str, str]) -> list[Grant]:
    ok = True
    matters = point.all_matters
    for i, matter in enumerate(matters):
        if matter == ALL_MATTERS:
            continue
        fields: tuple[str | int, ...] = ("matter",) if point.matter else ("matters", i)
        ok &= r.known(matter, rs.matters, "matter", pkey, fields, "unknown-matter")
    receivers: list[str] = []
    if point.delegate is not None:
        ok &= r.known(point.delegate, rs.actors, "actor", pkey, ("delegate",), "unknown-delegate")
        receivers = [point.delegate]
    else:
        wanted = {k.value for k in point.delegate_each}
        receivers = sorted(a.id for a in rs.actors.values() if rs.kinds_of(a.id) & wanted)
    if point.substitute is not None:
        ok &= r.known(point.substitute, rs.actors, "actor", pkey, ("substitute",), "unknown-substitute")
    for i, cond in enumerate(point.limits):
        ok &= r.known(cond.fact, rs.facts, "fact", pkey, ("limits", i, "fact"), "unknown-fact")
    parent = None
    if point.under is not None:
        parent = point.under
        if ("point", parent) not in rs.origins:
            r.add(pkey, ("under",), "unknown-point",
                  f"unknown point `{parent}`{did_you_mean(parent, [k[1] for k in rs.origins if k[0] == 'point'])}")
            ok = False
    kind = point.kind or doc.kind
    if kind == LinkKind.vidaredelegation and point.under is None:
        r.add(pkey, ("point",), "missing-under",
              "a vidaredelegation point must name the point it passes on: `under: \"document:point\"`", ref="KL 7:6")
        ok = False
    if not ok:
        return []
    valid_from = point.valid_from or doc.valid_from
    valid_to = point.valid_to or doc.valid_to
    reporting = doc.reporting if point.reporting is None else point.reporting
    base = f"{doc.id}:{point.point}"
    out: list[Grant] = []
    for matter in matters:
        for receiver in receivers:
            grantors = [doc.grantor]
            if kind == LinkKind.inherit:  # a manager inherits from each direct subordinate
                grantors = rs.subordinates(receiver)
            for grantor in grantors:
                suffix = f"#{matter}@{receiver}" + (f"<{grantor}" if kind == LinkKind.inherit else "")
                out.append(Grant(
                    id=base + suffix, kind=kind, grantor=grantor, receiver=receiver, matter=matter,
                    document=doc, point=point, conditions=tuple(point.limits), valid_from=valid_from,
                    valid_to=valid_to, refs=tuple(point.refs), reporting=reporting,
                    parent=f"{parent}#{matter}@{grantor}" if parent else None,
                    assumed=point.assumed or doc.assumed,
                ))
            if point.substitute is not None:
                out.append(Grant(
                    id=f"{base}#{matter}@{point.substitute}~sub", kind=LinkKind.substitute, grantor=doc.grantor,
                    receiver=point.substitute, matter=matter, document=doc, point=point,
                    conditions=(*point.limits, Condition(fact="delegate_unavailable", equals=True)),
                    valid_from=valid_from, valid_to=valid_to, refs=tuple(point.refs), reporting=reporting,
                    assumed=point.assumed or doc.assumed,
                ))
    return out
