"""`mandat export`: the delegation orders in force on a date (the renderers are in cli/export.py)."""

from __future__ import annotations

from pathlib import Path

import click

from cli.options import load, municipality_option, rules_option


@click.command("export")
@municipality_option
@click.option("--date", "-d", "day", default=None, help="The day the orders are in force (default: today).")
@click.option("--format", "fmt", type=click.Choice(["html", "md", "xlsx"]), default="html", show_default=True)
@click.option("--out", "-o", "out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write to this file (default: standard output; required for xlsx).")
@rules_option
def export(municipality: str, day: str | None, fmt: str, out: Path | None, rules_dir: Path | None) -> None:
    """The delegation orders in force on a date, as the familiar table, with indexes."""
    from cli.export import to_html, to_markdown, to_xlsx
    from engine.document import build
    from engine.errors import UsageError
    from engine.facts import parse_date

    mandat = load(municipality, rules_dir)
    doc = build(mandat, parse_date(day))
    if fmt == "xlsx":
        if out is None:
            raise UsageError("--format xlsx needs --out FILE.xlsx")
        to_xlsx(doc, out)
    else:
        text = to_html(doc, mandat) if fmt == "html" else to_markdown(doc)
        if out is None:
            click.echo(text, nl=False)
            return
        out.write_text(text, encoding="utf-8")
    click.echo(f"skrev {out}", err=True)
