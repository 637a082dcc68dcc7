"""Models made from values the engine made itself, without validating them again.

Validating an `Answer` whose parts are already models costs about 7 µs, most of a question's budget;
`construct` costs about 1. The parts (basis items, conditions, alternatives) are made from a rule set
that was validated when it loaded. tests/test_plan.py checks constructed models equal validated ones,
and that every answer validates against its own model.
"""

from __future__ import annotations

import copy
from typing import Any, TypeVar

from pydantic import BaseModel

M = TypeVar("M", bound=BaseModel)


_TEMPLATES: dict[type, tuple[dict[str, Any], tuple[tuple[str, Any], ...]]] = {}


def _template(cls: type[BaseModel]) -> tuple[dict[str, Any], tuple[tuple[str, Any], ...]]:
    """Every field in order with its default, and the fields whose default is mutable (copied per model)."""
    found = _TEMPLATES.get(cls)
    if found is None:
        template: dict[str, Any] = {}
        mutable = []
        for name, info in cls.model_fields.items():
            template[name] = None
            if not info.is_required():
                default = info.get_default(call_default_factory=True)
                template[name] = default
                if not isinstance(default, str | int | float | bool | tuple | frozenset | type(None)):
                    mutable.append((name, default))
        found = _TEMPLATES.setdefault(cls, (template, tuple(mutable)))
    return found


def construct(cls: type[M], **fields: Any) -> M:
    """A model from `fields`, unvalidated: fields not given take their defaults and the values keep the
    fields' order, as with validation."""
    template, mutable = _template(cls)
    values = template.copy()
    values.update(fields)
    for name, default in mutable:
        if name not in fields:
            values[name] = copy.deepcopy(default)
    return _made(cls, values, set(fields))


def keepable(answer: M) -> M:
    """An answer as a memo keeps it: its lists as tuples (an empty one shared) and its facts left out, so
    that each kept answer adds few objects for the cyclic collector to walk (it walked them again and
    again: 45 µs a question on the large bench municipality). Only `recase` reads it."""
    values = _lists_as(answer, tuple)
    values["facts"] = None
    return _made(type(answer), values, answer.__pydantic_fields_set__)


def recase(kept: M, date: str, facts: dict[str, Any], alternatives: list[Any]) -> M:
    """The answer a kept one (`keepable`) gives another question with the same case key: its own date,
    facts and alternatives, and lists of its own (the items in them are frozen models, shared)."""
    values = _lists_as(kept, list)
    values["date"], values["facts"], values["alternatives"] = date, facts, alternatives
    return _made(type(kept), values, kept.__pydantic_fields_set__.copy())


def _lists_as(model: BaseModel, kind: type) -> dict[str, Any]:
    values = model.__dict__.copy()
    for name in _lists(type(model)):
        if values[name] is not None:
            values[name] = kind(values[name])
    return values


def _made(cls: type[M], values: dict[str, Any], fields_set: set[str]) -> M:
    model = cls.__new__(cls)
    object.__setattr__(model, "__dict__", values)
    object.__setattr__(model, "__pydantic_fields_set__", fields_set)
    object.__setattr__(model, "__pydantic_extra__", None)
    object.__setattr__(model, "__pydantic_private__", None)
    return model


_LISTS: dict[type, tuple[str, ...]] = {}


def _lists(cls: type[BaseModel]) -> tuple[str, ...]:
    """The fields of a model that hold lists (an answer's basis, conditions, ...)."""
    found = _LISTS.get(cls)
    if found is None:
        found = _LISTS.setdefault(cls, tuple(n for n, f in cls.model_fields.items()
                                             if "list" in str(f.annotation).lower()))
    return found
