"""`mandat import`: a delegation table (.xlsx or .csv) into a rule file, checked against the rule set."""

from __future__ import annotations

from pathlib import Path

import click

from cli.options import load, municipality_option, rules_option


@click.command("import")
@click.argument("table", type=click.Path(dir_okay=False, path_type=Path))
@municipality_option
@click.option("--document", "document_id", required=True, help="The document id, e.g. ks-do (existing or new).")
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Write DIR/<document>.yaml (default: print the YAML).")
@click.option("--sheet", default=None, help="The sheet of a workbook (default: the document's, else the first).")
@click.option("--title", default=None, help="For a new document: its title.")
@click.option("--grantor", default=None, help="For a new document: the board whose order it is.")
@click.option("--kind", type=click.Choice(["reglemente", "delegation", "vidaredelegation", "instruction"]),
              default=None, help="For a new document: its kind (default delegation).")
@click.option("--adopted", default=None, help="For a new document: the date it was adopted.")
@click.option("--valid-from", "valid_from", default=None, help="For a new document: in force from.")
@click.option("--partial", is_flag=True, help="Write the rows that could be mapped even when some could not.")
@rules_option
def import_cmd(table: Path, municipality: str, document_id: str, out_dir: Path | None, sheet: str | None,
               title: str | None, grantor: str | None, kind: str | None, adopted: str | None,
               valid_from: str | None, partial: bool, rules_dir: Path | None) -> None:
    """Read TABLE (columns Nr, Ärende, Delegat, Ersättare, Vidaredelegation, Lagrum, Begränsning, Anmäls)."""
    from engine import importer
    from engine.api import default_rules_dir
    from engine.errors import MandatError

    mandat = load(municipality, rules_dir, validate=False)  # the import may be what makes it lawful again
    overrides = {"title": title, "grantor": grantor, "kind": kind, "adopted": adopted, "valid_from": valid_from}
    result = importer.import_table(table, mandat, document_id, overrides, sheet)
    base = rules_dir or default_rules_dir()
    for problem in result.problems:
        click.echo(f"{table.name}: {problem}", err=True)
    mapped = len(result.document.get("points", []))
    click.echo(f"{mapped} av {result.rows_read} rader lästa", err=True)
    if result.errors and not partial:
        raise MandatError(f"{len(result.errors)} rader kunde inte läsas; inget skrivet (rätta tabellen, "
                          "eller --partial för att skriva de lästa raderna)")
    findings = importer.check(result, base / "municipalities" / mandat.id, base / "statutes")
    errors = [f for f in findings if f.severity == "error"]
    for f in errors:
        click.echo(f"kontroll: {f}", err=True)
    if errors:
        raise MandatError(f"resultatet håller inte: {len(errors)} fel i regelverket med det importerade dokumentet")
    if out_dir is None:
        click.echo(result.yaml_text(), nl=False)
        return
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / f"{document_id}.yaml"
    target.write_text(result.yaml_text(), encoding="utf-8")
    click.echo(f"skrev {target} (kontrollerat: inga fel)", err=True)
