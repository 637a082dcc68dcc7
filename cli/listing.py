"""`mandat actors`, `mandat matters`, `mandat municipalities`, `mandat facts`."""

from __future__ import annotations

import json
from pathlib import Path

import click

from cli.options import common, format_option, lang_option, load, rules_option
from cli.render import table


def _echo_json(data: object) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


@click.command()
@common
@click.option("--tree/--table", "as_tree", default=True, help="Text as the organisation tree (default) or a table.")
def actors(municipality: str, rules_dir: Path | None, fmt: str, lang: str, as_tree: bool) -> None:
    """The organisation: every actor with its kind and whom it reports to."""
    m = load(municipality, rules_dir)
    rows = [{"id": a.id, "kind": a.kind.value, "name": a.name.get(lang), "aliases": a.aliases,
             "reports_to": a.reports_to, "board": a.board, "assumed": a.assumed}
            for a in m.rules.actors.values()]
    if fmt == "json":
        _echo_json(rows)
        return
    if as_tree:
        import sys

        from cli.who import org_tree_lines

        click.echo("\n".join(org_tree_lines(m.rules, lang, sys.stdout.isatty())))
        return
    click.echo(table([[r["id"], r["kind"], r["name"], r["reports_to"] or ""] for r in rows],
                     ["id", "kind", "name" if lang == "en" else "namn", "reports to" if lang == "en" else "under"]))


def _matter_rows(m, lang: str, query: str | None) -> list[dict]:
    """Every matter, or those matching QUERY best first: Swedish-aware search over titles, keywords and
    synonyms (engine.search), plus plain word matches on ids and areas."""
    from engine import search
    from engine.api import fold

    order: dict[str, float] = {}
    if query:
        found = search.find_matters(m.rules, query)
        best = found[0].score if found else 0.0
        order = {c.id: c.score for c in found if c.score >= max(1.0, best / 2)}
        for x in m.rules.matters.values():
            hay = fold(" ".join([x.id, x.title.sv, x.title.en or "", x.area, *x.keywords]))
            if x.id not in order and all(word in hay for word in fold(query).split()):
                order[x.id] = 0.5
    rows = []
    for x in m.rules.matters.values():
        if query and x.id not in order:
            continue
        refs = sorted({r for k in x.kinds for r in m.rules.matter_kinds[k].refs})
        rows.append({"id": x.id, "title": x.title.get(lang), "area": x.area, "kinds": x.kinds, "refs": refs,
                     "execution": x.execution, "keywords": x.keywords})
    if query:
        rows.sort(key=lambda r: -order[r["id"]])
    return rows


@click.command()
@click.argument("query", required=False)
@click.option("--municipality", "-m", default=None, help="Municipality id, e.g. vara.")
@click.option("--statute", type=click.Choice(["se", "fi"]), default=None,
              help="List the statute layer's generic matter kinds instead.")
@rules_option
@format_option
@lang_option
def matters(query: str | None, municipality: str | None, statute: str | None, rules_dir: Path | None,
            fmt: str, lang: str) -> None:
    """A municipality's matters (optionally those matching QUERY), or a statute layer's matter kinds."""
    from engine.errors import UsageError

    if statute:
        rows = _statute_kinds(statute, rules_dir, lang)
    elif municipality:
        rows = _matter_rows(load(municipality, rules_dir), lang, query)
    else:
        raise UsageError("name a municipality (--municipality vara) or a statute layer (--statute se)")
    if fmt == "json":
        _echo_json(rows)
        return
    click.echo(table([[r["id"], r.get("area", ""), r["title"], ", ".join(r["refs"])] for r in rows],
                     ["id", "area" if lang == "en" else "område", "title" if lang == "en" else "ärende", "refs"]))


def _statute_kinds(country: str, rules_dir: Path | None, lang: str) -> list[dict]:
    from engine.api import default_rules_dir
    from engine.loader import load_statutes

    files, _ = load_statutes((rules_dir or default_rules_dir()) / "statutes" / country)
    return [{"id": k.id, "title": k.title.get(lang), "refs": k.refs, "country": country}
            for f in files for k in f.matter_kinds]


@click.command("municipalities")
@rules_option
@format_option
@lang_option
def municipalities_cmd(rules_dir: Path | None, fmt: str, lang: str) -> None:
    """The municipalities with a rule set."""
    from engine import api

    rows = []
    for mid in api.municipalities(rules_dir):
        m = api.load(mid, rules_dir)
        info = m.rules.municipality
        rows.append({"id": mid, "name": info.name.get(lang), "country": info.country, "version": m.version,
                     "actors": len(m.rules.actors), "matters": len(m.rules.matters),
                     "documents": len(m.rules.documents)})
    if fmt == "json":
        _echo_json(rows)
        return
    click.echo(table([[r["id"], r["name"], r["country"], str(r["matters"]), r["version"][:19]] for r in rows],
                     ["id", "name" if lang == "en" else "namn", "land" if lang == "sv" else "country",
                      "matters" if lang == "en" else "ärenden", "version"]))


@click.command()
@common
def facts(municipality: str, rules_dir: Path | None, fmt: str, lang: str) -> None:
    """The case facts conditions may test, with the question each stands for."""
    m = load(municipality, rules_dir)
    rows = [{"id": f.id, "type": f.type.value, "question": f.question.get(lang), "ref": f.ref}
            for f in m.rules.facts.values()]
    if fmt == "json":
        _echo_json(rows)
        return
    click.echo(table([[r["id"], r["type"], r["question"]] for r in rows],
                     ["fact", "type", "question" if lang == "en" else "fråga"]))
