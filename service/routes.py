"""The routes of the HTTP API (v1). Each is a thin front end to `engine.api` and `engine.audit`."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, HTTPException, Query, Request, Response
from starlette.concurrency import run_in_threadpool

from engine.answer import Answer
from engine.facts import parse_fact_args
from service.ask import ASK_EXAMPLES, DECIDE_PATH, AskRequest, DecideRequest, respond
from service.decide import DecisionOut

router = APIRouter()
Lang = Literal["sv", "en"]

AUDIT_EXAMPLE = ("id;datum;delegat;ärende;punkt;anmäld;fact.amount\n"
                 "2025-17;2025-03-01;kommundirektören;upphandling;ks-do p. 3.1;ja;300000\n")


def _facts(args: list[str] | None) -> dict[str, str]:
    return parse_fact_args(args or [])


MunicipalityQ = Annotated[str, Query(max_length=100, description="Municipality id", examples=["vara"])]
FactsQ = Annotated[list[str] | None, Query(alias="fact", max_length=64, description="A case fact KEY=VALUE; repeatable",
                                            examples=["amount=300000"])]
DateQ = Annotated[str | None, Query(max_length=40, description="YYYY-MM-DD (default today)", examples=["2025-03-01"])]


@router.post("/v1/ask", response_model=Answer, response_model_exclude_none=True, tags=["questions"],
             summary="May this actor decide this matter, and on what authority?",
             openapi_extra={"requestBody": {"required": True, "content": {"application/json": {
                 "schema": AskRequest.model_json_schema(), "examples": ASK_EXAMPLES}}}})
async def ask(request: Request) -> Response:
    """The answer (yes, no or depends) with its basis, conditions, open facts, obligations and alternatives:
    the same JSON as `mandat ask --format json`. Logged in the decision log when the service has one
    (its id in the `X-Mandat-Log-Id` header)."""
    return await respond(request.app.state, await request.body(), request.headers.get("content-type"))


@router.post("/v1/decide", response_model=DecisionOut, tags=["questions"],
             summary="May this actor decide this matter? The verdict and its citations alone",
             openapi_extra={"requestBody": {"required": True, "content": {"application/json": {
                 "schema": DecideRequest.model_json_schema(), "examples": {"yes": ASK_EXAMPLES["yes"]}}}}})
async def decide(request: Request) -> Response:
    """What `/v1/ask` answers without the words: yes, no or depends, the provisions and delegation points
    that determined it (the chain that grants it, or what cut every chain), the facts it depends on, what
    must follow, and the rule-set version. For a check before a decision is recorded; not logged."""
    return await respond(request.app.state, await request.body(), request.headers.get("content-type"), DECIDE_PATH)


@router.get("/v1/who", tags=["questions"], summary="Who may decide this matter?")
def who(request: Request, municipality: MunicipalityQ,
        matter: Annotated[str, Query(max_length=200, examples=["upphandling"])],
        fact: FactsQ = None, date: DateQ = None, lang: Lang = "sv") -> Any:
    """Every actor who may decide the matter (or may, depending on facts), first in line first."""
    mandat = request.app.state.registry.get(municipality)
    return mandat.who(matter, facts=_facts(fact), date=date, lang=lang).model_dump(exclude_none=True)


@router.get("/v1/what", tags=["questions"], summary="What may this actor decide?")
def what(request: Request, municipality: MunicipalityQ,
         actor: Annotated[str, Query(max_length=200, examples=["kommundirektören"])],
         fact: FactsQ = None, date: DateQ = None, lang: Lang = "sv") -> Any:
    """Every matter the actor may decide, grouped by area, with its limits and how the actor holds it."""
    mandat = request.app.state.registry.get(municipality)
    return mandat.what(actor, facts=_facts(fact), date=date, lang=lang).model_dump(exclude_none=True)


@router.get("/v1/matters", tags=["rule sets"], summary="A municipality's matters")
def matters(request: Request, municipality: MunicipalityQ,
            q: Annotated[str | None, Query(max_length=200, description="Words the matter must match")] = None,
            lang: Lang = "sv") -> list[dict[str, Any]]:
    """The matters (optionally those matching every word of `q`), as `mandat matters --format json`."""
    from engine.api import fold

    rules = request.app.state.registry.get(municipality).rules
    rows = []
    for m in rules.matters.values():
        hay = fold(" ".join([m.id, m.title.sv, m.title.en or "", m.area, *m.keywords]))
        if q and not all(word in hay for word in fold(q).split()):
            continue
        refs = sorted({r for k in m.kinds for r in rules.matter_kinds[k].refs})
        rows.append({"id": m.id, "title": m.title.get(lang), "area": m.area, "kinds": m.kinds, "refs": refs,
                     "execution": m.execution, "keywords": m.keywords})
    return rows


@router.get("/v1/actors", tags=["rule sets"], summary="A municipality's organisation")
def actors(request: Request, municipality: MunicipalityQ, lang: Lang = "sv") -> list[dict[str, Any]]:
    """Every actor with its kind and whom it reports to, as `mandat actors --format json`."""
    rules = request.app.state.registry.get(municipality).rules
    return [{"id": a.id, "kind": a.kind.value, "name": a.name.get(lang), "aliases": a.aliases,
             "reports_to": a.reports_to, "board": a.board, "assumed": a.assumed} for a in rules.actors.values()]


@router.post("/v1/audit", tags=["audit"], summary="Audit a register of delegated decisions",
             openapi_extra={"requestBody": {"required": True, "content": {
                 "text/csv": {"schema": {"type": "string"}, "example": AUDIT_EXAMPLE},
                 "application/x-ndjson": {"schema": {"type": "string"}}}}})
async def audit(request: Request, municipality: MunicipalityQ,
                format: Annotated[Literal["csv", "jsonl"] | None, Query(description="Default: from the content")] = None,
                lang: Lang = "sv") -> dict[str, Any]:
    """A verdict for each row of a CSV or JSON Lines register (ok, unauthorised, wrong-point, depends,
    not-reported, malformed) and a summary; the file format is in the README ("Audit file format")."""
    from engine.audit import audit_text

    mandat = request.app.state.registry.get(municipality)
    text = (await request.body()).decode("utf-8-sig", errors="replace")
    fmt = format
    if fmt is None and "json" in request.headers.get("content-type", ""):
        fmt = "jsonl"
    summary, rows = await run_in_threadpool(audit_text, mandat, text, fmt, lang)
    return {"summary": summary.as_dict(), "rows": [r.as_dict() for r in rows]}


def _log(request: Request) -> Any:
    log = request.app.state.log
    if log is None:
        raise HTTPException(404, "this service keeps no decision log (start it with --log PATH)")
    return log


def _entry(log: Any, entry_id: int) -> Any:
    from engine.errors import UsageError

    if not 0 < entry_id < 2**63:  # SQLite's integers: a larger id is no entry, not an OverflowError (500)
        raise HTTPException(404, f"no answer #{entry_id} in the decision log")
    try:
        return log.get(entry_id)
    except UsageError as exc:
        raise HTTPException(404, f"no answer #{entry_id} in the decision log") from exc


@router.get("/v1/log", tags=["decision log"], summary="Logged answers, newest first")
def log_entries(request: Request, municipality: str | None = None, actor: str | None = None,
                matter: str | None = None, answer: Literal["yes", "no", "depends"] | None = None,
                since: Annotated[str | None, Query(max_length=40, description="ISO time or date")] = None,
                until: Annotated[str | None, Query(max_length=40, description="ISO time or date")] = None,
                limit: Annotated[int, Query(ge=1, le=1000)] = 50) -> list[dict[str, Any]]:
    """The decision log filtered as `mandat log` filters it (ids; times in ISO, a date covers the day)."""
    entries = _log(request).entries(municipality=municipality, actor=actor, matter=matter, answer=answer,
                                    since=since, until=until, limit=limit)
    return [e.summary() for e in entries]


@router.get("/v1/log/{entry_id}", tags=["decision log"], summary="A logged answer, as it was given")
def log_entry(request: Request, entry_id: int) -> dict[str, Any]:
    entry = _entry(_log(request), entry_id)
    return {**entry.summary(), "question": entry.question, "answer": entry.answer.model_dump(exclude_none=True)}


@router.get("/v1/log/{entry_id}/replay", tags=["decision log"], summary="Re-ask a logged question")
def log_replay(request: Request, entry_id: int) -> dict[str, Any]:
    """The logged question re-asked against the rules served now, and against the rule files of the version
    that answered (`reproduced`), with what changed; as `mandat log replay ID --format json`."""
    from engine.decisionlog import replay

    log = _log(request)
    entry = _entry(log, entry_id)
    mandat = request.app.state.registry.get(entry.answer.municipality)
    return replay(entry, mandat, log).as_dict()  # type: ignore[no-any-return]


@router.get("/v1/rulesets", tags=["rule sets"], summary="The rule sets, their versions and validity")
def rulesets(request: Request) -> list[dict[str, Any]]:
    """Each municipality: the version served, whether its files on disk load and check clean, and the error
    of the last load that did not (reported, never served)."""
    return request.app.state.registry.status()  # type: ignore[no-any-return]


@router.post("/v1/reload", tags=["admin"], summary="Reload the rules (admin key)")
async def reload(request: Request) -> dict[str, Any]:
    """Load and check every rule set afresh; clean ones replace the served version atomically, broken ones
    are reported and not served (the previous version keeps answering). SIGHUP does the same."""
    return await run_in_threadpool(request.app.state.reload)  # type: ignore[no-any-return]


@router.get("/healthz", tags=["admin"], summary="Liveness (no key needed)")
def healthz(request: Request) -> dict[str, Any]:
    status = request.app.state.registry.status()
    return {"status": "ok", "rulesets": sum(1 for s in status if s["served"]),
            "broken": sorted(s["id"] for s in status if not s["valid"])}
