"""`mandat who`, `mandat what`, `mandat explain`: the reverse questions and the derivation tree.

Text is a table or tree on a terminal and plain lines when piped; `--format json` gives the
stable fields of `engine.queries` (WhoResult, WhatResult) and of the Answer contract (explain).
"""

from __future__ import annotations

import sys
from typing import Any

import click

from cli import render
from cli.options import common, lang_option, load, municipality_option, rules_option

ANSWER = {"sv": {"yes": "ja", "no": "nej", "depends": "beror på"},
          "en": {"yes": "yes", "no": "no", "depends": "depends"}}
MARK = {"yes": "✓", "no": "✗", "depends": "?"}
EXIT_BY_ANSWER = {"yes": 0, "no": 1, "depends": 2}

fact_option = click.option("--fact", "-f", "facts", multiple=True, metavar="KEY=VALUE", help="A case fact; repeatable.")
date_option = click.option("--date", "-d", "date", default=None, help="The decision's date, YYYY-MM-DD (default today).")


def _tty() -> bool:
    return sys.stdout.isatty()


def _tree(items: list[tuple[str, list[str]]], fancy: bool, indent: str = "") -> list[str]:
    """Lines of a one- or two-level tree: (line, children). Box characters on a terminal only."""
    out = []
    for i, (line, children) in enumerate(items):
        last = i == len(items) - 1
        out.append(indent + (("└─ " if last else "├─ ") if fancy else "- ") + line)
        pad = indent + (("   " if last else "│  ") if fancy else "    ")
        for j, child in enumerate(children):
            out.append(pad + (("└─ " if j == len(children) - 1 else "├─ ") if fancy else "") + child)
    return out


def _matter_from_text(mandat: Any, text: str, lang: str) -> str:
    from cli import freetext
    from engine.errors import UsageError

    try:
        return mandat.resolve_matter(text)  # type: ignore[no-any-return]
    except UsageError:
        matter_id = freetext.matter_only(mandat.rules, text, lang)
        click.echo(render.understood({"ärende" if lang == "sv" else "matter": matter_id}, lang), err=True)
        return matter_id


def _actor_from_text(mandat: Any, text: str, lang: str) -> str:
    from cli import freetext
    from engine.errors import UsageError

    try:
        return mandat.resolve_actor(text)  # type: ignore[no-any-return]
    except UsageError:
        actor_id = freetext.pick_actor(mandat.rules, text, lang)[0]
        click.echo(render.understood({"aktör" if lang == "sv" else "actor": actor_id}, lang), err=True)
        return actor_id


@click.command()
@common
@fact_option
@date_option
@click.argument("matter")
def who(municipality: str, rules_dir: Any, fmt: str, lang: str, facts: tuple[str, ...], date: str | None,
        matter: str) -> int:
    """Every actor who may decide MATTER (an id, a title or words), first in line first."""
    from engine.facts import parse_fact_args

    mandat = load(municipality, rules_dir)
    result = mandat.who(_matter_from_text(mandat, matter, lang), parse_fact_args(facts), date, lang)
    if fmt == "json":
        click.echo(result.model_dump_json(indent=2))
        return 0
    sv = lang == "sv"
    place = f"{mandat.rules.municipality.name.get(lang)}, {result.date}"
    click.echo(f"Får besluta om \"{result.matter_title}\" ({place}):" if sv
                else f"May decide \"{result.matter_title}\" ({place}):")
    if not result.actors:
        click.echo("  ingen" if sv else "  nobody")
        return 0
    words = ANSWER[lang]
    rows = []
    for e in result.actors:
        conds = "; ".join(f"{render.MARK[c.status]} {c.requirement}" for c in e.conditions)
        opened = ", ".join(f for f in e.open_facts if f not in {c.fact for c in e.conditions})
        conds = "; ".join(x for x in (conds, opened and f"? {opened}") if x)
        rows.append([str(e.order), e.name, e.actor, words[e.answer], e.how_text, e.via, conds])
    if _tty():
        heads = (["#", "aktör", "id", "svar", "hur", "grund", "villkor"] if sv
                 else ["#", "actor", "id", "answer", "how", "basis", "conditions"])
        click.echo(render.table(rows, heads))
        chains = [(f"{e.name}", [" → ".join(s.name for s in e.chain)]) for e in result.actors]
        click.echo("\n" + ("Kedjor:" if sv else "Chains:"))
        click.echo("\n".join(_tree(chains, True)))
    else:
        for e, row in zip(result.actors, rows, strict=True):
            chain = " → ".join(s.actor for s in e.chain)
            click.echo(f"{row[0]}. {e.actor}: {row[3]} — {row[4]} ({row[5]}) — {chain}" + (f" — {row[6]}" if row[6] else ""))
    return 0


@click.command()
@common
@fact_option
@date_option
@click.argument("actor")
def what(municipality: str, rules_dir: Any, fmt: str, lang: str, facts: tuple[str, ...], date: str | None,
         actor: str) -> int:
    """Every matter ACTOR may decide, grouped by area, with limits and how it holds the power."""
    from engine.facts import parse_fact_args

    mandat = load(municipality, rules_dir)
    result = mandat.what(_actor_from_text(mandat, actor, lang), parse_fact_args(facts), date, lang)
    if fmt == "json":
        click.echo(result.model_dump_json(indent=2))
        return 0
    sv = lang == "sv"
    place = f"{mandat.rules.municipality.name.get(lang)}, {result.date}"
    click.echo(f"{result.name} får besluta om ({place}):" if sv else f"{result.name} may decide ({place}):")
    if not result.areas:
        click.echo("  inget" if sv else "  nothing")
        return 0
    words = ANSWER[lang]
    fancy = _tty()
    for area in result.areas:
        if fancy:
            items = []
            for e in area.matters:
                line = f"{MARK[e.answer]} {e.title} [{e.matter}] — {words[e.answer]}: {', '.join(e.how_text)} ({', '.join(e.via)})"
                items.append((line, [f"{render.MARK[c.status]} {c.requirement} ({c.ref})" for c in e.limits]))
            click.echo(area.area)
            click.echo("\n".join(_tree(items, True)))
        else:
            for e in area.matters:
                limits = "; ".join(c.requirement for c in e.limits)
                click.echo(f"{area.area}: {e.matter}: {words[e.answer]} — {', '.join(e.how)} ({', '.join(e.via)})"
                           + (f" — {limits}" if limits else ""))
    return 0


@click.command()
@municipality_option
@rules_option
@click.option("--format", "fmt", type=click.Choice(["text", "json", "svg", "dot"]), default="text", show_default=True,
              help="Text tree, JSON, or the chains drawn as a picture (svg, or Graphviz dot).")
@lang_option
@click.option("--actor", "-a", help="Actor id or name.")
@click.option("--matter", "-x", help="Matter id or title.")
@fact_option
@date_option
@click.argument("question", required=False)
def explain(municipality: str, rules_dir: Any, fmt: str, lang: str, actor: str | None, matter: str | None,
            facts: tuple[str, ...], date: str | None, question: str | None) -> int:
    """Why ACTOR may or may not decide MATTER: every chain considered, and the provisions that cut it."""
    from engine.errors import UsageError
    from engine.facts import parse_date, parse_fact_args

    given: dict[str, Any] = parse_fact_args(facts)
    mandat = load(municipality, rules_dir)
    if question is not None and (actor is None or matter is None):
        from cli import freetext

        actor, matter, understood = freetext.understand(mandat, question, actor, matter, given, lang)
        if fmt == "text":
            click.echo(render.understood(understood, lang))
    if actor is None or matter is None:
        raise UsageError(f"missing {'--actor' if actor is None else '--matter'}: name who decides and what "
                         "(or ask a question in words)")
    answer = mandat.explain(actor, matter, given, date, lang)
    if fmt in ("svg", "dot"):
        from engine.graph import dot_source
        from engine.graph import render as render_graph

        picture = render_graph(dot_source(mandat, parse_date(answer.date), matter=answer.matter, actor=answer.actor), fmt)
        click.echo(picture.decode())
    elif fmt == "json":
        click.echo(answer.model_dump_json(indent=2, exclude_none=True))
    else:
        click.echo("\n".join(explain_lines(answer, mandat, _tty())))
    return EXIT_BY_ANSWER[answer.answer]


def explain_lines(a: Any, mandat: Any, fancy: bool) -> list[str]:
    """The derivation as a tree: each path, its verdict, and the provisions that cut it or leave it open."""
    lang = a.lang
    w, words = render.WORDS[lang], ANSWER[lang]
    verb = {"yes": w["may"], "no": w["may_not"], "depends": w["may_if"]}[a.answer]
    place = f"{mandat.rules.municipality.name.get(lang)}, {a.date}"
    lines = [f"{w[a.answer]} — {a.actor_name} {verb} \"{a.matter_title}\" ({place}).", ""]
    paths = a.paths or []
    lines.append(f"{w['paths'][:-1]} ({len(paths)}):")
    items = []
    for p in sorted(paths, key=lambda p: {"yes": 0, "depends": 1, "no": 2}[p.answer]):
        chain = " → ".join(f"{s.name} [{s.link}{', ' + s.ref if s.ref and s.link != '—' else ''}]" for s in p.steps)
        children = [f"{a.actor_name} → {words['no']}: {r.ref}, {r.title}" for r in p.reasons]
        children += [f"? {f} ({words['depends']})" for f in p.open_facts]
        items.append((f"{MARK[p.answer]} {words[p.answer]}: {chain}", children))
    lines += _tree(items, fancy, "  ")
    if a.open_facts:
        lines += ["", w["open"]]
        for f in a.open_facts:
            gives = "; ".join(f"{f.fact} {v} {w['gives']} {words[g]}" for v, g in f.gives.items())
            lines.append(f"  ? {f.question} [{f.fact}] ({f.ref})" + (f" — {gives}" if gives else ""))
    if a.alternatives:
        lines += ["", w["instead"]]
        lines += [f"  • {alt.name} — {words[alt.answer]} ({alt.ref})" for alt in a.alternatives]
    lines += ["", f"{w['ruleset']}: {a.ruleset.id} {a.ruleset.version}"]
    return lines


def org_tree_lines(rules: Any, lang: str, fancy: bool) -> list[str]:
    """The organisation as a tree along `reports_to`: the council at the root."""
    children: dict[str | None, list[Any]] = {}
    for a in rules.actors.values():
        parent = a.reports_to if a.reports_to in rules.actors else None
        children.setdefault(parent, []).append(a)
    lines: list[str] = []
    shown: set[str] = set()

    def walk(parent: str | None, prefix: str, seen: frozenset[str]) -> None:
        kids = children.get(parent, [])
        for i, a in enumerate(kids):
            last = i == len(kids) - 1
            branch = ("└─ " if last else "├─ ") if fancy else "  "
            lines.append(f"{prefix}{branch if parent else ''}{a.name.get(lang)} [{a.id}, {a.kind.value}]")
            shown.add(a.id)
            if a.id not in seen:
                walk(a.id, prefix + ((("   " if last else "│  ") if fancy else "  ") if parent else ""),
                     seen | {a.id})

    walk(None, "", frozenset())
    for a in rules.actors.values():  # a reporting cycle never reaches the root: list it flat
        if a.id not in shown:
            lines.append(f"{a.name.get(lang)} [{a.id}, {a.kind.value}]")
    return lines
