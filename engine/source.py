"""Where each value of a rule file stood, for errors and findings that name the file, line and column.

Kept apart from engine/yamlsrc.py (the reader) so that a rule set read back from the cache does not
import the YAML parser.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from engine.errors import RuleFileError

Loc = tuple[str | int, ...]


@dataclass
class SourceMap:
    """Where each value of one YAML file stood: location path -> (line, column), 1-based.

    The positions are not kept when a rule set is cached (they are 30 % of it and needed only to place
    an error or a finding): a map read back from the cache parses its file again on first use.
    """

    path: Path
    positions: dict[Loc, tuple[int, int]] = field(default_factory=dict)
    nodes: int = 0

    def where(self, loc: Loc) -> tuple[int, int]:
        """The line and column of `loc`, or of its nearest enclosing value."""
        if not self.positions and self.nodes:
            self._reread()
        loc = tuple(loc)
        while loc:
            if loc in self.positions:
                return self.positions[loc]
            loc = loc[:-1]
        return self.positions.get((), (1, 1))

    def _reread(self) -> None:
        from engine.yamlsrc import load_yaml  # yaml is imported only where a file is read

        try:
            self.positions = load_yaml(self.path)[1].positions
        except (RuleFileError, OSError):  # changed or gone since it was cached: only the file can be named
            self.positions = {}
            self.nodes = 0

    def __getstate__(self) -> dict[str, Any]:
        return {"path": self.path, "positions": {}, "nodes": self.nodes}
