"""`mandat schema`: write the JSON Schemas of the rule files, for editors."""

from __future__ import annotations

from pathlib import Path

import click


@click.command()
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Directory to write to (default: rules/schema of the bundled rules, or $MANDAT_RULES).")
def schema(out_dir: Path | None) -> int:
    """Write statute.schema.json and municipality.schema.json (JSON Schema, from the rule vocabulary)."""
    from engine.api import default_rules_dir
    from engine.schema import write_schemas

    for path in write_schemas(out_dir or default_rules_dir() / "schema"):
        click.echo(str(path))
    return 0
