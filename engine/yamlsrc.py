"""Read YAML into plain Python data while remembering where every value stood.

The rule files are edited by hand; every error must name the file, the line and the field.
`load_yaml` returns the data and a `SourceMap` from a location path (the keys and list
indices leading to a value, as pydantic reports them) to its line and column.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from engine.errors import RuleFileError

try:  # the C loader is several times faster where it is available
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_FILE_BYTES = 5_000_000
MAX_DEPTH = 32
MAX_NODES = 100_000  # 10x the largest file of bench/'s 2,000-role municipality; 500,000 invalid values cost 1 GB

Loc = tuple[str | int, ...]


@dataclass
class SourceMap:
    """Where each value of one YAML file stood: location path -> (line, column), 1-based."""

    path: Path
    positions: dict[Loc, tuple[int, int]] = field(default_factory=dict)
    nodes: int = 0

    def where(self, loc: Loc) -> tuple[int, int]:
        """The line and column of `loc`, or of its nearest enclosing value."""
        loc = tuple(loc)
        while loc:
            if loc in self.positions:
                return self.positions[loc]
            loc = loc[:-1]
        return self.positions.get((), (1, 1))


def _convert(node: yaml.Node, loc: Loc, smap: SourceMap, depth: int) -> Any:
    if depth > MAX_DEPTH:
        raise RuleFileError(smap.path, node.start_mark.line + 1, f"nesting is deeper than {MAX_DEPTH} levels")
    smap.nodes += 1
    if smap.nodes > MAX_NODES:
        raise RuleFileError(smap.path, node.start_mark.line + 1, f"the file holds more than {MAX_NODES:,} values")
    smap.positions.setdefault(loc, (node.start_mark.line + 1, node.start_mark.column + 1))
    if isinstance(node, yaml.MappingNode):
        out: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise RuleFileError(smap.path, key_node.start_mark.line + 1, "a key must be a plain name")
            key = key_node.value
            if key in out:
                raise RuleFileError(smap.path, key_node.start_mark.line + 1, f"key `{key}` appears twice")
            smap.positions[loc + (key,)] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            out[key] = _convert(value_node, loc + (key,), smap, depth + 1)
        return out
    if isinstance(node, yaml.SequenceNode):
        return [_convert(item, loc + (i,), smap, depth + 1) for i, item in enumerate(node.value)]
    assert isinstance(node, yaml.ScalarNode)
    return _resolve_scalar(node)


_constructor = _Loader("")  # only its scalar constructors are used


def _resolve_scalar(node: yaml.ScalarNode) -> Any:
    try:
        value = _constructor.construct_object(node, deep=True)
    except ValueError:  # e.g. 2020-13-45 looks like a date but is none: keep the text for the schema to judge
        return node.value
    finally:  # the constructor remembers every node it built; this one is shared, so forget it at once
        _constructor.constructed_objects.pop(node, None)
        _constructor.recursive_objects.pop(node, None)
    if isinstance(value, dt.datetime):
        return value.date() if value.time() == dt.time(0) else value
    return value


def _check_shape(path: Path, text: str) -> None:
    """Refuse deep nesting and too many values from the parser's events, before any tree is built.

    The C composer recurses once per level and crashes the interpreter (a segmentation fault, no
    error) on a few thousand levels, so depth is measured on the flat event stream first.
    """
    depth = events = 0
    for event in yaml.parse(text, Loader=_Loader):
        events += 1
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                raise RuleFileError(path, _line(event), f"nesting is deeper than {MAX_DEPTH} levels")
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
        if events > MAX_NODES:
            raise RuleFileError(path, _line(event), f"the file holds more than {MAX_NODES:,} values")


def load_yaml(path: Path) -> tuple[Any, SourceMap]:
    """Parse one YAML file; raise `RuleFileError` (file, line, message) on anything malformed."""
    smap = SourceMap(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise RuleFileError(path, 0, f"cannot read the file: {exc.strerror}") from None
    if size > MAX_FILE_BYTES:
        raise RuleFileError(path, 0, f"the file is {size:,} bytes; a rule file may be at most {MAX_FILE_BYTES:,}")
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise RuleFileError(path, 0, f"the file is not UTF-8 text ({exc.reason})") from None
    try:
        _check_shape(path, text)
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 0
        raise RuleFileError(path, line, f"malformed YAML: {exc.problem or exc.context}") from None
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow (a control character)
        line = text.count("\n", 0, exc.position) + 1
        raise RuleFileError(path, line, f"malformed YAML: {exc.reason} (character {exc.character!r})") from None
    except yaml.YAMLError as exc:
        raise RuleFileError(path, 0, "malformed YAML: " + " ".join(str(exc).split())) from None
    if node is None:
        return {}, smap
    try:
        return _convert(node, (), smap, 0), smap
    except yaml.constructor.ConstructorError as exc:
        mark = exc.problem_mark
        raise RuleFileError(path, mark.line + 1 if mark else 0, f"unreadable value: {exc.problem}") from None
    except RecursionError:
        raise RuleFileError(path, 0, "the file is nested too deeply") from None


def _line(event: yaml.Event) -> int:
    """The 1-based line an event starts on (0 when the parser gave none)."""
    return event.start_mark.line + 1 if event.start_mark is not None else 0
