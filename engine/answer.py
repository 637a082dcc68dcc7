"""The answer models: the stable JSON contract of `mandat ask`, the Python API and the HTTP API.

Fields are added, never renamed.
"""

from __future__ import annotations

from typing import Any, Literal, NamedTuple

from pydantic import BaseModel, ConfigDict

Verdict = Literal["yes", "no", "depends"]
Status = Literal["met", "unmet", "unknown"]
BasisKind = Literal["statute", "reglemente", "delegation", "vidaredelegation", "instruction", "local"]


class _Out(BaseModel):
    # defer_build: a model's validator and serialiser are built on its first use, not at import (a cold
    # `mandat ask` that prints text never serialises most of them)
    model_config = ConfigDict(frozen=True, defer_build=True)


class BasisItem(_Out):
    """One provision or document point behind an answer."""

    ref: str
    kind: BasisKind
    title: str
    document: str | None = None
    point: str | None = None
    actor: str | None = None  # the actor this link gives the power to
    link: str | None = None  # the link kind: own, reglemente, delegation, urgent, ...
    verified: bool = True
    assumed: str | None = None


class BasisRef(NamedTuple):
    """Where a basis item points: its provision reference, and the document and point number where it is one
    (a `BasisItem` without its words; what `Mandat.decide` cites)."""

    ref: str
    document: str | None = None
    point: str | None = None


class ConditionResult(_Out):
    """A condition that applied, with its status against the case facts."""

    fact: str
    requirement: str
    status: Status
    ref: str


class OpenFact(_Out):
    """A fact the answer depends on: the question to ask, and what each value gives."""

    fact: str
    question: str
    ref: str
    gives: dict[str, Verdict] = {}


class Presumption(_Out):
    """A fact the question did not state and the law presumes (e.g. that the decider is not disqualified)."""

    fact: str
    value: Any
    text: str
    ref: str


class ObligationItem(_Out):
    ref: str
    text: str
    days: int | None = None
    verified: bool = True


class Alternative(_Out):
    actor: str
    answer: Literal["yes", "depends"]
    ref: str
    name: str = ""


class RulesetRef(_Out):
    id: str
    version: str


class PathStep(_Out):
    actor: str
    name: str
    link: str
    ref: str


class PathResult(_Out):
    """One chain the engine considered, and whether it holds."""

    answer: Verdict
    steps: list[PathStep]
    reasons: list[BasisItem] = []
    open_facts: list[str] = []


class Answer(_Out):
    """The answer to "may this actor decide this matter on this date, given these facts?"."""

    answer: Verdict
    municipality: str
    actor: str
    matter: str
    date: str
    facts: dict[str, Any]
    basis: list[BasisItem]
    conditions: list[ConditionResult]
    open_facts: list[OpenFact]
    obligations: list[ObligationItem]
    alternatives: list[Alternative]
    ruleset: RulesetRef
    actor_name: str = ""
    matter_title: str = ""
    execution: bool = False
    unverified: list[str] = []
    assumed: list[str] = []
    lang: str = "sv"
    presumptions: list[Presumption] = []
    understood: dict[str, Any] | None = None  # for a question in words: what was read from it
    paths: list[PathResult] | None = None  # every chain considered, when an explanation was asked for
