"""Pictures of authority: Graphviz DOT of the organisation with its chains of authority.

`dot_source(mandat, day)` draws every grant in force (council → board → delegate → further
delegate), `matter=` the chains for one matter, `actor=` the chains that reach one actor. Each edge
is labelled with its point and limits; a statute rule that cuts a link is drawn red on that edge
(dashed and orange where it cuts only on some facts). `render(dot, "svg"|"png")` runs the `dot`
binary (Graphviz; .ci/run installs it).
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from dataclasses import dataclass, field
from typing import Any

from engine.document import LINK_KIND_SV, actor_name, fmt_number, limit_text, matter_title
from engine.errors import MandatError
from engine.evaluate import barring_rules
from engine.models import ActorKind, Condition, LinkKind, StatuteRule
from engine.ruleset import Grant, RuleSet

MAX_LINES = 8
POINTS_PER_LINE = 4
POINTS_PER_DOC = 16
ORGANS = {ActorKind.council, ActorKind.board, ActorKind.committee, ActorKind.presidium, ActorKind.crisis_board}
GROUPS = {ActorKind.employee_group, ActorKind.mixed_group, ActorKind.management_group}


class GraphError(MandatError):
    exit_code = 70


@dataclass
class Edge:
    lines: list[str] = field(default_factory=list)
    cuts: list[str] = field(default_factory=list)  # refs of rules that cut the link outright
    maybe: list[str] = field(default_factory=list)  # rules that cut it on some facts
    kinds: set[LinkKind] = field(default_factory=set)


def short_limit(cond: Condition) -> str:
    if cond.text is None and cond.max_pbb is not None and cond.fact == "amount":
        return f"≤ {fmt_number(cond.max_pbb)} pbb"
    if cond.text is None and cond.max is not None and cond.fact == "amount":
        return f"≤ {fmt_number(cond.max)} kr"
    return limit_text(cond)


def grant_label(grant: Grant, with_matter: str | None = None) -> str:
    label = f"{grant.document.id} p. {grant.point.point}" if grant.document and grant.point else LINK_KIND_SV[grant.kind]
    if grant.kind not in (LinkKind.delegation, LinkKind.reglemente, LinkKind.vidaredelegation):
        label += f" ({LINK_KIND_SV[grant.kind]})"
    if with_matter:
        label = f"{with_matter}: {label}"
    limits = [short_limit(c) for c in grant.conditions if c.fact != "delegate_unavailable"]
    return label + (f" [{'; '.join(limits)}]" if limits else "")


def _rule_in_force(rule: StatuteRule, day: dt.date) -> bool:
    return (rule.valid_from is None or rule.valid_from <= day) and (rule.valid_to is None or day <= rule.valid_to)


def _when_text(rule: StatuteRule) -> str:
    return ", ".join(f"{k} = {'ja' if v is True else 'nej' if v is False else v}" for k, v in rule.match.when.items())


def _edges_from_chains(rs: RuleSet, chains: list[Any], day: dt.date, per_matter: bool) -> dict[tuple[str, str], Edge]:
    edges: dict[tuple[str, str], Edge] = {}
    for chain in chains:
        if any(link.grant is not None and not link.grant.in_force(day) for link in chain.links):
            continue  # a chain with a link not in force that day gives no authority
        for link in chain.links:
            if link.grant is None:
                continue
            edge = edges.setdefault((link.grantor, link.receiver), Edge())
            edge.kinds.add(link.kind)
            line = grant_label(link.grant, matter_title(rs, chain.matter) if per_matter else None)
            if line not in edge.lines:
                edge.lines.append(line)
            for rule in link.guards:
                if not _rule_in_force(rule, day) or rule.match.final:
                    continue  # a rule on the final link only (jäv) is about the person, not the chain
                if rule.match.when:
                    text = f"✗ {rule.ref} om {_when_text(rule)}"
                    if text not in edge.maybe:
                        edge.maybe.append(text)
                elif f"✗ {rule.ref}" not in edge.cuts:
                    edge.cuts.append(f"✗ {rule.ref}")
    return edges


def _edges_all(rs: RuleSet, day: dt.date) -> dict[tuple[str, str], Edge]:
    """Every grant in force, one edge per grantor and receiver; its points grouped per document, limits short."""
    per_doc: dict[tuple[str, str], dict[str, list[str]]] = {}
    edges: dict[tuple[str, str], Edge] = {}
    for grant in rs.grants.values():
        if not grant.in_force(day):
            continue
        pair = (grant.grantor, grant.receiver)
        edges.setdefault(pair, Edge()).kinds.add(grant.kind)
        doc = grant.document.id if grant.document else LINK_KIND_SV[grant.kind]
        limits = [short_limit(c) for c in grant.conditions if c.fact != "delegate_unavailable"]
        item = (grant.point.point if grant.point else "") + (f" ({'; '.join(limits)})" if limits else "")
        if grant.kind in (LinkKind.urgent, LinkKind.substitute, LinkKind.takeover, LinkKind.inherit):
            item += f" [{LINK_KIND_SV[grant.kind]}]"
        items = per_doc.setdefault(pair, {}).setdefault(doc, [])
        if item not in items:
            items.append(item)
    for pair, docs in per_doc.items():
        for doc, items in docs.items():
            shown = items[:POINTS_PER_DOC]
            rows = [", ".join(shown[i:i + POINTS_PER_LINE]) for i in range(0, len(shown), POINTS_PER_LINE)]
            more = f" … (+{len(items) - len(shown)})" if len(items) > len(shown) else ""
            edges[pair].lines.append(f"{doc} p. {rows[0]}")
            edges[pair].lines += [f"  {r}" for r in rows[1:]]
            edges[pair].lines[-1] += more
    return edges


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _node(rs: RuleSet, actor_id: str, focus: bool) -> str:
    actor = rs.actors[actor_id]
    shape = "box" if actor.kind in ORGANS else "folder" if actor.kind in GROUPS else "ellipse"
    style = 'style="filled,bold", fillcolor="#fff3c4"' if focus else 'style=filled, fillcolor="#eef3fb"'
    return f"  {_quote(actor_id)} [label={_quote(actor.name.sv)}, shape={shape}, {style}];"


def dot_source(mandat: Any, day: dt.date, matter: str | None = None, actor: str | None = None) -> str:
    """The DOT text of the whole organisation, one matter's chains, the chains reaching one actor, or both
    (the chains one question considers: what `explain --format svg` draws)."""
    rs: RuleSet = mandat.rules
    auth = mandat.authority
    notes: list[str] = []
    if matter is not None and actor is not None:  # the explanation of one question: its chains only
        chains = list(auth.chains.get((actor, matter), ()))
        edges = _edges_from_chains(rs, chains, day, per_matter=False)
        title = f"{rs.municipality.name.sv}: {actor_name(rs, actor)} — {matter_title(rs, matter)} ({day.isoformat()})"
        notes = [f"✗ {r.ref}: {r.reason.sv}" for r in barring_rules(rs, matter) if _rule_in_force(r, day)]
    elif matter is not None:
        chains = [c for (_, m), cs in auth.chains.items() if m == matter for c in cs]
        edges = _edges_from_chains(rs, chains, day, per_matter=False)
        title = f"{rs.municipality.name.sv}: {matter_title(rs, matter)} ({day.isoformat()})"
        notes = [f"✗ {r.ref}: {r.reason.sv}" for r in barring_rules(rs, matter) if _rule_in_force(r, day)]
    elif actor is not None:
        chains = [c for (a, _), cs in auth.chains.items() if a == actor for c in cs]
        edges = _edges_from_chains(rs, chains, day, per_matter=True)
        title = f"{rs.municipality.name.sv}: {actor_name(rs, actor)}s beslutanderätt ({day.isoformat()})"
    else:
        edges = _edges_all(rs, day)
        title = f"{rs.municipality.name.sv}: organisation och delegation ({day.isoformat()})"
    nodes = {a for pair in edges for a in pair if a}
    council = rs.council
    if matter is not None and council:
        nodes.add(council)
    if actor is not None:
        nodes.add(actor)
    if matter is None and actor is None:
        nodes |= set(rs.actors)
    out = ["digraph mandat {", "  rankdir=TB; newrank=true; nodesep=0.3; ranksep=0.6;",
           f"  graph [label={_quote(title)}, labelloc=t, fontname=\"DejaVu Sans\", fontsize=16];",
           '  node [fontname="DejaVu Sans", fontsize=11];', '  edge [fontname="DejaVu Sans", fontsize=9];']
    out += [_node(rs, a, a == actor) for a in rs.actors if a in nodes]
    for (src, dst), edge in edges.items():
        out.append(_edge(src, dst, edge))
    if matter is None and actor is None:  # the organisation itself, where no grant already joins two actors
        for a in rs.actors.values():
            if a.reports_to and (a.reports_to, a.id) not in edges and (a.id, a.reports_to) not in edges:
                out.append(f"  {_quote(a.reports_to)} -> {_quote(a.id)} [style=dotted, color=gray60, arrowhead=none];")
    for i, note in enumerate(notes):
        out.append(f"  note{i} [shape=note, color=red3, fontcolor=red3, label={_quote(note)}];")
        if council:
            out.append(f"  {_quote(council)} -> note{i} [color=red3, style=dashed, arrowhead=tee];")
    out.append("}")
    return "\n".join(out) + "\n"


def _edge(src: str, dst: str, edge: Edge) -> str:
    lines = edge.lines[:MAX_LINES]
    if len(edge.lines) > MAX_LINES:
        lines.append(f"… +{len(edge.lines) - MAX_LINES} punkter")
    lines += edge.cuts + edge.maybe
    label = "\\l".join(x.replace("\\", "\\\\").replace('"', '\\"') for x in lines) + "\\l"
    attrs = [f'label="{label}"']
    if edge.cuts:
        attrs += ["color=red3", "fontcolor=red3", "penwidth=2", "arrowhead=tee"]
    elif edge.maybe:
        attrs += ["color=darkorange3", "style=dashed"]
    elif edge.kinds & {LinkKind.urgent, LinkKind.substitute, LinkKind.takeover, LinkKind.inherit}:
        attrs += ["color=steelblue", "style=dashed"]
    return f"  {_quote(src)} -> {_quote(dst)} [{', '.join(attrs)}];"


def have_dot() -> bool:
    return shutil.which("dot") is not None


def render(dot: str, fmt: str) -> bytes:
    """Run Graphviz `dot` to make svg or png; a one-line error when it is missing or fails."""
    if fmt == "dot":
        return dot.encode()
    exe = shutil.which("dot")
    if exe is None:
        raise GraphError("Graphviz `dot` saknas — installera paketet graphviz (apt-get install -y graphviz), "
                         "eller använd --format dot")
    proc = subprocess.run([exe, f"-T{fmt}"], input=dot.encode(), capture_output=True, timeout=120, check=False)
    if proc.returncode != 0:
        raise GraphError(f"dot misslyckades: {proc.stderr.decode(errors='replace').strip()[:300]}")
    return proc.stdout
