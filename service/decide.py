"""POST /v1/decide: the verdict and its citations alone (`engine.decision`), for a case-handling system's check."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from service.ask import FactValue

DECIDE_EXAMPLE = {"municipality": "vara", "actor": "kommundirektören", "matter": "upphandling",
                  "facts": {"amount": 300000}, "date": "2025-03-01"}


class DecideRequest(BaseModel):
    """A question: may `actor` decide `matter` on `date`, given `facts`? (as for /v1/ask, without words)"""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [DECIDE_EXAMPLE]})

    municipality: str = Field(max_length=100, description="Municipality id, e.g. vara")
    actor: str = Field(max_length=200, description="Actor id, name or alias, e.g. kommundirektören")
    matter: str = Field(max_length=200, description="Matter id or title, e.g. upphandling")
    facts: dict[str, FactValue] = Field(default={}, max_length=64, description="Case facts, e.g. {\"amount\": 300000}")
    date: str | None = Field(default=None, max_length=40, description="The decision's date, YYYY-MM-DD (default today)")


class Cited(BaseModel):
    ref: str = Field(description="The provisions, e.g. KL 6:37, KL 7:5")
    document: str | None = Field(description="The document of a delegation point, e.g. ks-do")
    point: str | None = Field(description="The point number in it, e.g. 3.1")


class Ruleset(BaseModel):
    id: str
    version: str


class DecisionOut(BaseModel):
    """The verdict and what determined it: the chain that grants it (yes, depends) or what cut every chain (no)."""

    answer: Literal["yes", "no", "depends"]
    municipality: str
    actor: str
    matter: str
    date: str
    basis: list[Cited]
    open_facts: list[str]
    obligations: list[str]
    ruleset: Ruleset


def decide(registry: Any, question: DecideRequest) -> dict[str, Any]:
    mandat = registry.get(question.municipality)
    return mandat.decide(question.actor, question.matter, facts=question.facts,  # type: ignore[no-any-return]
                         date=question.date).to_dict()
