"""Read YAML into plain Python data while remembering where every value stood.

The rule files are edited by hand; every error must name the file, the line and the field.
`load_yaml` returns the data and a `SourceMap` from a location path (the keys and list
indices leading to a value, as pydantic reports them) to its line and column.
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from engine.errors import RuleFileError
from engine.source import Loc, SourceMap

try:  # the C loader is several times faster where it is available
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_FILE_BYTES = 5_000_000
MAX_DEPTH = 32
MAX_NODES = 100_000  # 10x the largest file of bench/'s 2,000-role municipality; 500,000 invalid values cost 1 GB

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


_PLAIN_STR = yaml.resolver.Resolver.DEFAULT_SCALAR_TAG
_IMPLICIT = _Loader.yaml_implicit_resolvers  # first character -> [(tag, pattern)] (YAML 1.1: bool, int, date, ...)
_NODE_START = (yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent, yaml.AliasEvent)


def _scalar(event: yaml.ScalarEvent) -> Any:
    """The value of a scalar, as the safe loader would make it."""
    value = event.value
    if event.tag in (None, "!"):
        if not event.implicit[0] or (value and value[0] not in _IMPLICIT and None not in _IMPLICIT):
            return value  # quoted, or plain text no implicit type can start with: a string as written
        tag = _constructor.resolve(yaml.ScalarNode, value, event.implicit)
    else:
        tag = event.tag
    if tag == _PLAIN_STR:
        return value
    return _resolve_scalar(yaml.ScalarNode(tag, value, event.start_mark, event.end_mark, event.style))  # type: ignore[arg-type]  # C marks serve too


@dataclass
class _Open:
    """A mapping or sequence being filled, where it stands, and the key awaiting its value."""

    value: Any
    loc: Loc
    key: Any = None
    anchor: str | None = None
    first_node: int = 0


def _events(text: str) -> Iterator[yaml.Event]:
    """The parser's events (`yaml.parse` without its per-event `check_event` call)."""
    loader = _Loader(text)
    try:
        while (event := loader.get_event()) is not None:
            yield event
    finally:
        loader.dispose()


def _build(path: Path, text: str, smap: SourceMap) -> Any:
    """Build the data from the parser's events in one pass, recording each value's position.

    Depth and the number of values are checked as the events arrive, before anything deep is built
    (the C composer recurses once per level and crashes the interpreter on a few thousand levels).
    An alias counts every value it repeats, so an alias bomb stops at MAX_NODES.
    """
    stack: list[_Open] = []
    anchors: dict[str, tuple[Any, int]] = {}
    root: Any = None
    documents = 0

    def where(event: yaml.Event) -> tuple[int, int]:
        mark = event.start_mark
        return (mark.line + 1, mark.column + 1) if mark is not None else (0, 0)

    def count(event: yaml.Event, n: int = 1) -> None:
        smap.nodes += n
        if smap.nodes > MAX_NODES:
            raise RuleFileError(path, _line(event), f"the file holds more than {MAX_NODES:,} values")

    def place(value: Any) -> None:
        nonlocal root
        if not stack:
            root = value
        elif isinstance(stack[-1].value, dict):
            stack[-1].value[stack[-1].key] = value
            stack[-1].key = None
        else:
            stack[-1].value.append(value)

    for event in _events(text):
        if isinstance(event, _NODE_START):
            top = stack[-1] if stack else None
            if top is not None and isinstance(top.value, dict) and top.key is None:  # a key
                if not isinstance(event, yaml.ScalarEvent) or event.tag not in (None, "!"):
                    raise RuleFileError(path, _line(event), "a key must be a plain name")
                key = event.value
                if key in top.value:
                    raise RuleFileError(path, _line(event), f"key `{key}` appears twice")
                smap.positions[top.loc + (key,)] = where(event)
                top.key = key
                continue
            if top is None:
                loc: Loc = ()
            else:
                loc = top.loc + ((top.key,) if isinstance(top.value, dict) else (len(top.value),))
            smap.positions.setdefault(loc, where(event))
            if isinstance(event, yaml.AliasEvent):
                if event.anchor not in anchors:
                    raise RuleFileError(path, _line(event), f"malformed YAML: found undefined alias {event.anchor!r}")
                value, size = anchors[event.anchor]
                count(event, size)
                place(copy.deepcopy(value))
            elif isinstance(event, yaml.ScalarEvent):
                count(event)
                value = _scalar(event)
                if event.anchor:
                    anchors[event.anchor] = (value, 1)
                place(value)
            else:
                if len(stack) >= MAX_DEPTH:
                    raise RuleFileError(path, _line(event), f"nesting is deeper than {MAX_DEPTH} levels")
                count(event)
                opened = _Open({} if isinstance(event, yaml.MappingStartEvent) else [], loc, None, event.anchor,
                               smap.nodes)
                place(opened.value)
                stack.append(opened)
        elif isinstance(event, yaml.CollectionEndEvent):
            closed = stack.pop()
            if closed.anchor:
                anchors[closed.anchor] = (closed.value, smap.nodes - closed.first_node + 1)
        elif isinstance(event, yaml.DocumentStartEvent):
            documents += 1
            if documents > 1:
                raise RuleFileError(path, _line(event), "malformed YAML: but found another document")
    return root


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
        data = _build(path, text, smap)
    except yaml.constructor.ConstructorError as exc:
        mark = exc.problem_mark
        raise RuleFileError(path, mark.line + 1 if mark else 0, f"unreadable value: {exc.problem}") from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 0
        problem = str(exc.problem or exc.context)
        if "maximum nesting depth" in problem:  # LibYAML's own limit (PyYAML 6.0.4 on), met before ours
            raise RuleFileError(path, line, f"nesting is deeper than {MAX_DEPTH} levels") from None
        raise RuleFileError(path, line, f"malformed YAML: {problem}") from None
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow (a control character)
        line = text.count("\n", 0, exc.position) + 1
        raise RuleFileError(path, line, f"malformed YAML: {exc.reason} (character {exc.character!r})") from None
    except yaml.YAMLError as exc:
        raise RuleFileError(path, 0, "malformed YAML: " + " ".join(str(exc).split())) from None
    return ({} if data is None else data), smap


def _line(event: yaml.Event) -> int:
    """The 1-based line an event starts on (0 when the parser gave none)."""
    return event.start_mark.line + 1 if event.start_mark is not None else 0
