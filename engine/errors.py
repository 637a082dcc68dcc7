"""The errors mandat reports to its users: each names the place and, where it can, the fix."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path


class MandatError(Exception):
    """Base of every error mandat reports as a message rather than a traceback."""

    exit_code = 1


class UsageError(MandatError):
    """Bad input on a question: unknown actor, matter, fact or municipality; a bad date (exit 64)."""

    exit_code = 64

    def __init__(self, message: str, *, candidates: list[tuple[str, str]] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.candidates = candidates or []


class RuleFileError(MandatError):
    """A rule file that does not load or check: names the file, the line and the field (exit 65)."""

    exit_code = 65

    def __init__(self, path: Path | str, line: int, message: str, column: int = 0, code: str = "load") -> None:
        self.path = Path(path)
        self.line = line
        self.column = column
        self.message = message
        self.code = code
        super().__init__(str(self))

    def __str__(self) -> str:
        place = str(self.path)
        if self.line:
            place += f":{self.line}"
            if self.column:
                place += f":{self.column}"
        return f"{place}: {self.message}"


def closest(name: str, choices: Iterable[str], n: int = 3) -> list[str]:
    """The names in `choices` closest to `name`, best first (case-insensitive)."""
    import difflib  # only when a name is unknown

    pool = {c.casefold(): c for c in choices}
    hits = difflib.get_close_matches(name.casefold(), list(pool), n=n, cutoff=0.5)
    return [pool[h] for h in hits]


def did_you_mean(name: str, choices: Iterable[str]) -> str:
    """' — did you mean `x`?' or '' when nothing is close."""
    hits = closest(name, choices)
    if not hits:
        return ""
    return " — did you mean " + " or ".join(f"`{h}`" for h in hits) + "?"
