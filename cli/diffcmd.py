"""`mandat diff`: who gained and who lost which powers, between two dates or two rule-set paths."""

from __future__ import annotations

from pathlib import Path

import click

from cli.options import load, rules_option


@click.command("diff")
@click.argument("paths", nargs=-1, type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--municipality", "-m", default=None, help="Municipality id (for two dates of one rule set).")
@click.option("--from", "day_from", default=None, help="The earlier date (default: today).")
@click.option("--to", "day_to", default=None, help="The later date (default: today).")
@click.option("--format", "fmt", type=click.Choice(["text", "md", "json"]), default="text", show_default=True)
@rules_option
def diff(paths: tuple[Path, ...], municipality: str | None, day_from: str | None, day_to: str | None, fmt: str,
         rules_dir: Path | None) -> None:
    """Compare --municipality M --from DATE --to DATE, or two municipality rule-set directories OLD NEW."""
    from engine import api
    from engine import diff as d
    from engine.errors import UsageError
    from engine.facts import parse_date

    first, second = parse_date(day_from), parse_date(day_to)
    if paths:
        if len(paths) != 2 or municipality:
            raise UsageError("give two rule-set directories (OLD NEW), or --municipality with --from and --to")
        statutes = (rules_dir or api.default_rules_dir()) / "statutes"
        a, b = (api.load_path(p, statutes, validate=False) for p in paths)  # drafts are compared too
        label_a, label_b = f"{paths[0]} ({first.isoformat()})", f"{paths[1]} ({second.isoformat()})"
    elif municipality:
        if day_from is None or day_to is None:
            raise UsageError("give both --from and --to dates (or two rule-set directories)")
        a = b = load(municipality, rules_dir, validate=False)
        label_a, label_b = first.isoformat(), second.isoformat()
    else:
        raise UsageError("give --municipality with --from and --to, or two rule-set directories")
    for side, m in (("old", a), ("new", b)) if a is not b else (("", a),):
        errors = [f for f in m.findings if f.severity == "error"]
        if errors:  # a draft may be unlawful: compare it, but say so
            click.echo(f"varning{' (' + side + ')' if side else ''}: {len(errors)} fel enligt mandat check, "
                       f"först: {errors[0]}", err=True)
    result = d.compare(a, first, b, second, label_a, label_b)
    text = {"text": lambda: d.to_text(result, a, b), "md": lambda: d.to_markdown(result, a, b),
            "json": lambda: d.to_json(result)}[fmt]()
    click.echo(text, nl=False)
