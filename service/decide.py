"""The response of POST /v1/decide, for the OpenAPI document: the verdict and its citations (`engine.decision`).

The route is answered on the short path (service/ask.py), which sends `Decision.to_dict()`.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from engine.answer import RulesetRef


class Cited(BaseModel):
    """One `engine.answer.BasisRef` (a named tuple in Python, an object in JSON)."""

    ref: str = Field(description="The provisions, e.g. KL 6:37, KL 7:5")
    document: str | None = Field(description="The document of a delegation point, e.g. ks-do")
    point: str | None = Field(description="The point number in it, e.g. 3.1")


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
    ruleset: RulesetRef
