"""Load rule files into pydantic models, merge one directory, and remember where each item stood.

`load_statutes(dir)` and `load_municipality(dir)` return merged sources; every pydantic error is
turned into a `RuleFileError` naming the file, line and field, with the closest key for a typo.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from engine.errors import RuleFileError, did_you_mean
from engine.models import MunicipalityFile, StatuteFile
from engine.source import Loc, SourceMap

M = TypeVar("M", bound=BaseModel)
MAX_FILES = 500


@dataclass(frozen=True)
class Origin:
    """Where an item of a rule set was written: its file and its location path in that file."""

    smap: SourceMap
    loc: Loc

    @property
    def path(self) -> Path:
        return self.smap.path

    def line(self, *fields: str | int) -> int:
        return self.smap.where(self.loc + tuple(fields))[0]

    def column(self, *fields: str | int) -> int:
        return self.smap.where(self.loc + tuple(fields))[1]

    def error(self, message: str, *fields: str | int, code: str = "load") -> RuleFileError:
        line, col = self.smap.where(self.loc + tuple(fields))
        return RuleFileError(self.path, line, message, col, code=code)


@dataclass
class Loaded:
    """The parsed files of one directory, with the origin of every named item."""

    files: list[tuple[Path, Any]] = field(default_factory=list)
    origins: dict[tuple[str, str], Origin] = field(default_factory=dict)
    digest: str = ""


def _field_of(model: type[BaseModel], loc: tuple[Any, ...]) -> list[str]:
    """The keys the model (or the nested model at `loc`) accepts, for a did-you-mean."""
    current: Any = model
    for part in loc[:-1]:
        if isinstance(part, int) or current is None:
            continue
        info = getattr(current, "model_fields", {}).get(part)
        if info is None:
            return []
        ann = info.annotation
        current = _inner_model(ann)
    if current is None:
        return []
    return [f.alias or name for name, f in current.model_fields.items()]


def _inner_model(ann: Any) -> type[BaseModel] | None:
    if isinstance(ann, type) and issubclass(ann, BaseModel):
        return ann
    for arg in getattr(ann, "__args__", ()) or ():
        found = _inner_model(arg)
        if found is not None:
            return found
    return None


def _message(err: dict[str, Any], model: type[BaseModel]) -> str:
    loc = tuple(err["loc"])
    name = ".".join(str(p) for p in loc) or "(file)"
    if err["type"] == "extra_forbidden":
        key = str(loc[-1])
        return f"unknown key `{key}`{did_you_mean(key, _field_of(model, loc))}"
    if err["type"] == "missing":
        return f"`{name}` is missing"
    if err["type"] in ("date_from_datetime_parsing", "date_parsing", "date_type", "date_from_datetime_inexact"):
        return f"`{name}`: {err.get('input')!r} is not a date; write it as YYYY-MM-DD"
    if err["type"] == "enum":
        expected = err.get("ctx", {}).get("expected", "")
        return f"`{name}`: {err.get('input')!r} is not one of {expected}"
    msg = err["msg"].removeprefix("Value error, ")
    return f"`{name}`: {msg}"


def parse_file(path: Path, model: type[M]) -> tuple[M, SourceMap]:
    """Parse one YAML file into `model`; the first error is raised with its line and field."""
    from engine.yamlsrc import load_yaml  # yaml is imported only where a file is read

    data, smap = load_yaml(path)
    if not isinstance(data, dict):
        raise RuleFileError(path, 1, "a rule file must be a mapping of sections (e.g. `actors:`)")
    try:
        return model.model_validate(data), smap
    except ValidationError as exc:
        err = exc.errors()[0]
        line, col = smap.where(tuple(err["loc"]))
        raise RuleFileError(path, line, _message(dict(err), model), col) from None


def _yaml_files(directory: Path) -> list[Path]:
    if not directory.is_dir():
        raise RuleFileError(directory, 0, "no such rule directory")
    files = sorted(p for p in directory.rglob("*.yaml") if p.is_file())
    if len(files) > MAX_FILES:
        raise RuleFileError(directory, 0, f"{len(files)} rule files; at most {MAX_FILES} are read")
    return files


def _digest(paths: list[Path], root: Path) -> str:
    h = hashlib.sha256()
    for p in paths:
        h.update(str(p.relative_to(root)).encode())
        h.update(b"\0")
        h.update(p.read_bytes())
        h.update(b"\0")
    return h.hexdigest()


def _record(origins: dict[tuple[str, str], Origin], key: tuple[str, str], origin: Origin) -> None:
    if key in origins:
        first = origins[key]
        raise origin.error(f"{key[0]} `{key[1]}` is defined twice (first at {first.path.name}:{first.line()})")
    origins[key] = origin


# the named items of each kind of file: (section, what an origin is recorded as, the item's name)
STATUTE_ITEMS = (("rules", "rule", "id"), ("matter_kinds", "matter_kind", "id"), ("facts", "fact", "id"),
                 ("provisions", "provision", "ref"))
MUNICIPALITY_ITEMS = (("actors", "actor", "id"), ("matters", "matter", "id"), ("facts", "fact", "id"),
                      ("documents", "document", "id"))


def _load_dir(directory: Path, model: type[M], items: tuple[tuple[str, str, str], ...]) -> tuple[list[M], Loaded]:
    """Parse every file of a directory and record where each named item stood (a name twice is an error)."""
    loaded = Loaded()
    paths = _yaml_files(directory)
    out: list[M] = []
    for path in paths:
        parsed, smap = parse_file(path, model)
        out.append(parsed)
        loaded.files.append((path, parsed))
        for section, kind, attr in items:
            for i, item in enumerate(getattr(parsed, section)):
                _record(loaded.origins, (kind, getattr(item, attr)), Origin(smap, (section, i)))
        if isinstance(parsed, MunicipalityFile):
            if parsed.municipality is not None:
                _record(loaded.origins, ("municipality", "-"), Origin(smap, ("municipality",)))
            for i, doc in enumerate(parsed.documents):
                for j, point in enumerate(doc.points):
                    _record(loaded.origins, ("point", f"{doc.id}:{point.point}"),
                            Origin(smap, ("documents", i, "points", j)))
    loaded.digest = _digest(paths, directory)
    return out, loaded


def load_statutes(directory: Path) -> tuple[list[StatuteFile], Loaded]:
    """All statute files of one country directory."""
    return _load_dir(directory, StatuteFile, STATUTE_ITEMS)


def load_municipality(directory: Path) -> tuple[list[MunicipalityFile], Loaded]:
    """All files of one municipality directory."""
    out, loaded = _load_dir(directory, MunicipalityFile, MUNICIPALITY_ITEMS)
    if not any(m.municipality for m in out):
        raise RuleFileError(directory, 0, "no file has a `municipality:` section (id, name, country)")
    return out, loaded
