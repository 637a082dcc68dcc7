"""`mandat graph`: the organisation and its chains of authority as a picture (Graphviz)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from cli.options import load, municipality_option, rules_option


@click.command("graph")
@click.argument("matter", required=False)
@municipality_option
@click.option("--actor", "-a", default=None, help="Draw the chains that reach this actor.")
@click.option("--date", "-d", "day", default=None, help="The day (default: today).")
@click.option("--format", "fmt", type=click.Choice(["svg", "png", "dot"]), default="svg", show_default=True)
@click.option("--out", "-o", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write to this file (default: standard output).")
@rules_option
def graph(matter: str | None, municipality: str, actor: str | None, day: str | None, fmt: str,
          out: Path | None, rules_dir: Path | None) -> None:
    """Draw the organisation, one MATTER's chains, one --actor's, or both (one question's chains).

    Each edge carries its point and limits; prohibitions are drawn where they cut a chain."""
    from engine import graph as g
    from engine.errors import UsageError
    from engine.facts import parse_date

    mandat = load(municipality, rules_dir)
    matter_id = mandat.resolve_matter(matter) if matter else None
    actor_id = mandat.resolve_actor(actor) if actor else None
    data = g.render(g.dot_source(mandat, parse_date(day), matter=matter_id, actor=actor_id), fmt)
    if out is not None:
        out.write_bytes(data)
        click.echo(f"skrev {out}", err=True)
    elif fmt == "png" and sys.stdout.isatty():
        raise UsageError("a png goes to a file: add --out FILE.png")
    else:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
