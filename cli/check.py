"""`mandat check [PATH]`: validate rule sets; text, JSON or SARIF; exit 0 clean, 1 warnings (--strict), 65 errors."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import click

from cli.options import rules_option

EXIT_CLEAN, EXIT_WARNINGS, EXIT_ERRORS = 0, 1, 65
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def _targets(path: str | None, rules_dir: Path | None) -> list[tuple[Path, Path]]:
    """(municipality dir, statutes root) pairs for PATH: a municipality dir or id, or a rules dir."""
    from engine import api
    from engine.errors import UsageError

    base = rules_dir or api.default_rules_dir()
    if path is None:
        p = base
    else:
        p = Path(path)
        if not p.exists():
            known = api.municipalities(base)
            if path not in known:
                api.load(path, base)  # raises UsageError naming the closest municipalities
            p = base / "municipalities" / path
    if (p / "municipalities").is_dir():
        ids = api.municipalities(p)
        if not ids:
            raise UsageError(f"{p}: no municipality rule sets under {p / 'municipalities'}")
        return [(p / "municipalities" / i, p / "statutes") for i in ids]
    if p.is_dir() and any(p.glob("*.yaml")):
        statutes = p.resolve().parent.parent / "statutes"
        return [(p, statutes if statutes.is_dir() else base / "statutes")]
    raise UsageError(f"{p}: neither a municipality's rule directory nor a rules directory")


def run_checks(targets: list[tuple[Path, Path]]) -> list[Any]:
    """The findings of every target; a rule file that does not load is one error finding."""
    from engine.errors import RuleFileError
    from engine.ruleset import Finding, build_ruleset
    from engine.validate import check, sort_findings

    findings: list[Finding] = []
    for mun_dir, statutes in targets:
        try:
            findings += check(build_ruleset(statutes, mun_dir))
        except RuleFileError as exc:
            findings.append(load_finding(exc))
    return sort_findings(findings)


LOAD_CODES = (("unknown key", "unknown-key"), ("malformed YAML", "yaml"), ("is defined twice", "duplicate-id"),
              ("appears twice", "duplicate-key"), ("no such rule directory", "no-rules"))

# what each code of the file checks means, for SARIF; a statute rule's code is described by its provision
DESCRIPTIONS = {
    "unknown-key": "A key the rule vocabulary does not have (a typo)",
    "yaml": "The file is not well-formed YAML",
    "duplicate-id": "Two items with one id",
    "duplicate-key": "A key written twice in one mapping",
    "schema": "A value of the wrong type or shape",
    "unknown-actor": "An actor id that is not in the organisation",
    "unknown-delegate": "A delegate who is not in the organisation",
    "unknown-substitute": "A substitute who is not in the organisation",
    "unknown-matter": "A matter id that is not defined",
    "unknown-matter-kind": "A matter kind the statute layer does not define",
    "unknown-kind": "An actor kind or kind group that does not exist",
    "unknown-fact": "A fact that neither the statute layer nor the municipality defines",
    "unknown-point": "Further delegation under a point that does not exist",
    "missing-under": "Further delegation that does not name the point it passes on",
    "under-mismatch": "Further delegation under a point that does not give the grantor the matter",
    "unknown-ref": "A provision cited that is not in the statute layer",
    "substitute-is-delegate": "The substitute is the delegate",
    "limit-type": "A limit that tests a fact the wrong way",
    "unreachable-limit": "Limits no case can meet",
    "pbb-unknown-year": "A limit in prisbasbelopp for a year with no known value",
    "dates-reversed": "Validity that ends before it starts",
    "overlapping-points": "Two points giving one matter to different delegates for overlapping cases and dates",
    "org-cycle": "A cycle in the organisation (reports_to)",
    "not-in-organisation": "A delegate or substitute the organisation tree does not reach",
    "no-decision-maker": "A matter no one but the council can decide",
    "grantor-without-power": "A point whose grantor holds no power over the matter",
}


def load_finding(exc: Any) -> Any:
    """A rule file that does not load, as a finding: `unknown-key`, `yaml`, `duplicate-id`, or `schema`."""
    from engine.ruleset import Finding

    code = exc.code
    if code == "load":
        code = next((c for text, c in LOAD_CODES if text in exc.message), "schema")
    return Finding(code, "error", exc.path, exc.line, exc.column, exc.message)


def _rel(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def _uri(path: Path) -> str:
    """A URI reference for SARIF: relative to the working directory where it can be, else a file URI."""
    from urllib.parse import quote

    rel = Path(_rel(path))
    return quote(rel.as_posix()) if not rel.is_absolute() else path.resolve().as_uri()


def as_text(findings: list[Any], count: int, seconds: float) -> str:
    """Grouped by file, files with errors first; in each file errors first, then by line."""
    by_file: dict[str, list[Any]] = {}
    for f in findings:
        by_file.setdefault(_rel(f.path), []).append(f)
    order = sorted(by_file, key=lambda k: (0 if any(f.severity == "error" for f in by_file[k]) else 1, k))
    lines: list[str] = []
    for name in order:
        lines.append(name)
        for f in by_file[name]:
            place = f"{f.line}:{f.column}" if f.column else str(f.line)
            ref = f" ({f.ref})" if f.ref else ""
            lines.append(f"  {place:>8}  {f.severity:<7}  {f.code}  {f.message}{ref}")
        lines.append("")
    errors = sum(f.severity == "error" for f in findings)
    warnings = len(findings) - errors
    sets = "rule set" if count == 1 else "rule sets"
    verdict = "clean" if not findings else f"{errors} error(s), {warnings} warning(s)"
    lines.append(f"{count} {sets} checked in {seconds:.2f} s: {verdict}")
    return "\n".join(lines)


def as_json(findings: list[Any], count: int) -> dict[str, Any]:
    errors = sum(f.severity == "error" for f in findings)
    return {
        "rulesets": count, "errors": errors, "warnings": len(findings) - errors,
        "findings": [{"code": f.code, "severity": f.severity, "file": _rel(f.path), "line": f.line,
                      "column": f.column, "message": f.message, "ref": f.ref} for f in findings],
    }


def as_sarif(findings: list[Any]) -> dict[str, Any]:
    """SARIF 2.1.0: one run, one rule per finding code, file locations relative to the working directory."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        tool_version = version("mandat")
    except PackageNotFoundError:  # pragma: no cover - the package is installed in every supported setup
        tool_version = "0"
    rules: dict[str, dict[str, Any]] = {}
    results = []
    for f in findings:
        about = DESCRIPTIONS.get(f.code) or (f"Cut by the statute layer's rule `{f.code}` ({f.ref})" if f.ref else f.code)
        rules.setdefault(f.code, {"id": f.code, "shortDescription": {"text": about},
                                  "defaultConfiguration": {"level": f.severity},
                                  **({"properties": {"provision": f.ref}} if f.ref else {})})
        region = {"startLine": f.line, **({"startColumn": f.column} if f.column else {})} if f.line else None
        physical: dict[str, Any] = {"artifactLocation": {"uri": _uri(f.path)}}
        if region:
            physical["region"] = region
        text = f.message + (f" ({f.ref})" if f.ref else "")
        results.append({"ruleId": f.code, "level": f.severity, "message": {"text": text},
                        "locations": [{"physicalLocation": physical}]})
    return {
        "$schema": SARIF_SCHEMA, "version": "2.1.0",
        "runs": [{"tool": {"driver": {"name": "mandat", "version": tool_version,
                                      "informationUri": "https://github.com/mandat/mandat",
                                      "rules": list(rules.values())}},
                  "columnKind": "unicodeCodePoints", "results": results}],
    }


@click.command()
@click.argument("path", required=False)
@click.option("--format", "fmt", type=click.Choice(["text", "json", "sarif"]), default="text", show_default=True,
              help="Human text (grouped by file, errors first), JSON, or SARIF 2.1.0 for code review.")
@click.option("--strict", is_flag=True, help="Exit 1 on warnings too.")
@rules_option
def check(path: str | None, fmt: str, strict: bool, rules_dir: Path | None) -> int:
    """Validate rule sets: PATH is a municipality directory or id, or a whole rules directory (default).

    Exit 0 clean, 1 warnings only (with --strict), 65 errors.
    """
    import engine.derive  # noqa: F401 - imported before the clock starts: the figure is the checking itself
    import engine.validate  # noqa: F401

    started = time.perf_counter()
    targets = _targets(path, rules_dir)
    findings = run_checks(targets)
    seconds = time.perf_counter() - started
    if fmt == "json":
        click.echo(json.dumps(as_json(findings, len(targets)), ensure_ascii=False, indent=2))
    elif fmt == "sarif":
        click.echo(json.dumps(as_sarif(findings), ensure_ascii=False, indent=2))
    else:
        click.echo(as_text(findings, len(targets), seconds))
    if any(f.severity == "error" for f in findings):
        return EXIT_ERRORS
    return EXIT_WARNINGS if strict and findings else EXIT_CLEAN
