"""Options shared by the commands, and loading a municipality for them."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

rules_option = click.option(
    "--rules", "rules_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
    help="Rules directory (default: the bundled rules, or $MANDAT_RULES).",
)
municipality_option = click.option("--municipality", "-m", required=True, help="Municipality id, e.g. vara.")
format_option = click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
    help="Human text or JSON.",
)
lang_option = click.option(
    "--lang", type=click.Choice(["sv", "en"]), default="sv", show_default=True, help="Language of the text.",
)


def common(f: Callable[..., Any]) -> Callable[..., Any]:
    """--municipality, --rules, --format and --lang."""
    for option in (lang_option, format_option, rules_option, municipality_option):
        f = option(f)
    return f


def load(municipality: str, rules_dir: Path | None, *, validate: bool = True) -> Any:
    """A municipality's rule set; refused when `mandat check` finds errors, unless `validate=False`
    (tools that work on drafts: diff, import; never a command that answers)."""
    from engine import api

    return api.load(municipality, rules_dir, validate=validate)
