"""The schema of the rule files: pydantic models of what a lawyer writes under `rules/`.

Two kinds of file: a statute file (`rules/statutes/<country>/*.yaml`) and a municipality file
(`rules/municipalities/<id>/*.yaml`). Each file may hold any of its kind's sections; the loader
merges the files of one directory. `rules/README.md` documents every field.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

Id = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9_.\-]*$", max_length=80)]


class Strict(BaseModel):
    """Every rule-file model refuses unknown keys, so a typo is an error and never a silent default."""

    # defer_build: validators are built when a file is first validated; a rule set unpickled from the cache
    # (engine/cache.py) never needs them, so a cold `mandat ask` does not pay for them
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True, defer_build=True)


class Text(Strict):
    """A text in Swedish, optionally also in English. A plain string means Swedish."""

    sv: str
    en: str | None = None

    @model_validator(mode="before")
    @classmethod
    def _from_string(cls, value: Any) -> Any:
        return {"sv": value} if isinstance(value, str) else value

    def get(self, lang: str) -> str:
        return (self.en or self.sv) if lang == "en" else self.sv


class ActorKind(StrEnum):
    """What an actor is. The statute layer's `kind_groups` say which kinds are elected, employees, organs."""

    council = "council"
    board = "board"
    executive_board = "executive_board"  # give as `also:` on the board that is the kommunstyrelse (KS)
    committee = "committee"
    presidium = "presidium"
    crisis_board = "crisis_board"
    chair = "chair"
    member = "member"
    director = "director"
    head_of_administration = "head_of_administration"
    sector_head = "sector_head"
    area_manager = "area_manager"
    unit_manager = "unit_manager"
    specialist = "specialist"
    employee = "employee"
    employee_group = "employee_group"
    mixed_group = "mixed_group"
    management_group = "management_group"


class LinkKind(StrEnum):
    """How a grant passes authority along a chain."""

    own = "own"  # statute gives the actor the matter (the root of a chain)
    reglemente = "reglemente"  # the council hands a matter to a board (KL 5:2, 6:44)
    delegation = "delegation"  # a board (or, in Finland, the förvaltningsstadga) delegates
    vidaredelegation = "vidaredelegation"  # a head of administration passes a delegated power on
    urgent = "urgent"  # the chair's or a named member's power in urgent matters (KL 6:39)
    substitute = "substitute"  # the point's ersättare, when the delegate cannot decide
    instruction = "instruction"  # the director's instruction, where it grants a power expressly
    takeover = "takeover"  # a crisis board taking over another board's matters (LEH)
    inherit = "inherit"  # a local general rule: a manager may decide what a subordinate may
    execution = "execution"  # pure execution (ren verkställighet): no delegated decision at all


class FactType(StrEnum):
    boolean = "bool"
    amount = "amount"  # kronor (or euro in Finland), a non-negative number
    number = "number"
    actor = "actor"  # the id of an actor of the municipality
    text = "text"


# ---------------------------------------------------------------------------------------------
# Statute files
# ---------------------------------------------------------------------------------------------


class StatuteInfo(Strict):
    id: str  # the abbreviation used in refs: "KL", "KomL"
    country: Literal["se", "fi"]
    title: Text
    sfs: str | None = None


class Provision(Strict):
    """A provision a rule may cite, e.g. `KL 6:38 p.3`."""

    ref: str
    title: Text
    verified: bool = True
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None
    note: Text | None = None


class MatterKind(Strict):
    """A kind of matter defined by statute ("the budget"); a municipality's matters belong to kinds."""

    id: Id
    title: Text
    refs: list[str]
    keywords: list[str] = []


class FactDef(Strict):
    """A case fact a condition may test, with the question to ask the clerk."""

    id: Id
    type: FactType
    question: Text
    ref: str | None = None
    values: list[str] | None = None  # for type text: the allowed values
    # a value the law presumes when the question does not state the fact (e.g. no jäv); the answer
    # then says so under `presumptions`. Without it, a missing fact makes the answer "depends".
    presumed: bool | None = None
    presumption: Text | None = None


class Match(Strict):
    """Which links of a chain a statute rule applies to. Every field given must hold."""

    links: list[LinkKind] | None = None
    matter_kinds: list[str] | None = None  # the matter is of at least one of these kinds
    matter_kinds_not: list[str] | None = None  # the matter is of none of these kinds
    to_kinds: list[str] | None = None  # the receiving actor is of one of these kinds (or kind groups)
    to_kinds_not: list[str] | None = None
    from_kinds: list[str] | None = None  # the granting actor
    from_kinds_not: list[str] | None = None
    parent_links: list[LinkKind] | None = None  # the link that gave the grantor its power
    parent_allows_further: bool | None = None  # whether that parent point allowed vidaredelegation
    reporting: bool | None = None  # the point is (true) or is not (false) reported to the grantor
    final: bool = False  # only the last link, the one that reaches the asking actor
    when: dict[str, bool | int | float | str] = {}  # case facts that must all hold for the rule to apply


class Obligation(Strict):
    """What must follow a decision taken through a matching link. `{grantor}` names the grantor."""

    text: Text
    days: int | None = None  # a window, e.g. the 14-day take-over right (KomL 92 §)
    reporting: bool = False  # the obligation is a duty to report the decision (anmälan)


class StatuteRule(Strict):
    """General statute semantics, compiled into the inference like any other rule.

    effect `deny` cuts a chain at every matching link; `oblige` attaches an obligation;
    `transfer` means the grantor no longer decides a matter it handed on through a matching link.
    """

    id: Id
    ref: str
    effect: Literal["deny", "oblige", "transfer"]
    match: Match = Match.model_construct()  # the empty match, not validated at import (defer_build)
    reason: Text
    obligation: Obligation | None = None
    verified: bool = True
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None

    @model_validator(mode="after")
    def _obligation_for_oblige(self) -> StatuteRule:
        if self.effect == "oblige" and self.obligation is None:
            raise ValueError("a rule with effect `oblige` needs an `obligation`")
        return self


class Citation(Strict):
    """A provision an answer cites for a general reason (the root of authority, no grant at all)."""

    ref: str
    reason: Text


class StatuteFile(Strict):
    """One file of a country's statute layer."""

    schema_: str | None = Field(default=None, alias="$schema")
    statute: StatuteInfo | None = None
    kind_groups: dict[str, list[ActorKind]] = {}
    provisions: list[Provision] = []
    matter_kinds: list[MatterKind] = []
    facts: list[FactDef] = []
    prisbasbelopp: dict[int, int] = {}
    rules: list[StatuteRule] = []
    root: Citation | None = None  # what the council's own power over a matter rests on
    no_grant: Citation | None = None  # what an answer cites when no chain reaches the actor


# ---------------------------------------------------------------------------------------------
# Municipality files
# ---------------------------------------------------------------------------------------------


class MunicipalityInfo(Strict):
    id: Id
    name: Text
    country: Literal["se", "fi"]
    aliases: list[str] = []
    note: Text | None = None


class Actor(Strict):
    """An organ or a person in a role. `reports_to` builds the organisation tree."""

    id: Id
    kind: ActorKind
    name: Text
    aliases: list[str] = []
    also: list[ActorKind] = []  # further kinds the actor holds, e.g. a director who heads an administration
    reports_to: str | None = None
    board: str | None = None  # the board a committee, chair, member or administration belongs to
    members: list[str] = []  # for a group: the actors in it
    source: str | None = None
    assumed: str | None = None


class Matter(Strict):
    """A concrete matter of the municipality, classified by statute matter kinds."""

    id: Id
    title: Text
    area: str
    kinds: list[str] = []
    keywords: list[str] = []
    execution: bool = False  # pure execution (ren verkställighet): no delegated decision
    source: str | None = None
    assumed: str | None = None


class Condition(Strict):
    """A limit on a grant, tested against one case fact. Exactly one test is given."""

    fact: str
    max: float | None = None
    min: float | None = None
    max_pbb: float | None = None  # at most this many prisbasbelopp of the decision's year
    equals: bool | int | float | str | None = None
    relation: Literal["reports_to_decider"] | None = None
    text: Text | None = None  # how the document words the limit

    @model_validator(mode="after")
    def _one_test(self) -> Condition:
        tests = [self.max, self.min, self.max_pbb, self.equals, self.relation]
        if sum(t is not None for t in tests) != 1:
            raise ValueError("a limit needs exactly one of `max`, `min`, `max_pbb`, `equals`, `relation`")
        return self


class Point(Strict):
    """One point of a document: a grant of a matter (or several) to an actor."""

    point: str
    matter: str | None = None
    matters: list[str] = []
    delegate: str | None = None
    delegate_each: list[ActorKind] = []  # each actor of these kinds, individually
    substitute: str | None = None
    kind: LinkKind | None = None  # defaults to the document's kind
    under: str | None = None  # for vidaredelegation: the point ("document:point") passed on
    vidaredelegation: bool = False  # the delegate may pass the power on (KL 7:6)
    limits: list[Condition] = []
    reporting: bool | None = None  # reported to the grantor (anmälan); defaults to the document's
    refs: list[str] = []
    source: str | None = None  # the section of the source document
    assumed: str | None = None  # why the point is assumed where the source is silent
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None
    note: Text | None = None

    @field_validator("point", mode="before")
    @classmethod
    def _point_as_text(cls, value: Any) -> Any:
        return str(value) if isinstance(value, int | float) else value

    @model_validator(mode="after")
    def _shape(self) -> Point:
        if (self.matter is None) == (not self.matters):
            raise ValueError("a point needs exactly one of `matter` or `matters`")
        if (self.delegate is None) == (not self.delegate_each):
            raise ValueError("a point needs exactly one of `delegate` or `delegate_each`")
        return self

    @property
    def all_matters(self) -> list[str]:
        return [self.matter] if self.matter else list(self.matters)


class Document(Strict):
    """An adopted document that grants powers: reglemente, delegation order, instruction, ..."""

    id: Id
    title: Text
    kind: LinkKind
    grantor: str
    adopted_by: str
    adopted: dt.date
    paragraph: str | None = None  # "§ 179"
    source: str | None = None  # seed file name, e.g. "003_9b98b9538b6e2b86.txt"
    valid_from: dt.date
    valid_to: dt.date | None = None
    reporting: bool = False
    assumed: str | None = None
    points: list[Point] = []


class MunicipalityFile(Strict):
    """One file of a municipality's rule set."""

    schema_: str | None = Field(default=None, alias="$schema")
    municipality: MunicipalityInfo | None = None
    facts: list[FactDef] = []
    actors: list[Actor] = []
    matters: list[Matter] = []
    documents: list[Document] = []
