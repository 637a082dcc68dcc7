"""POST /v1/ask and /v1/decide on a short path: the question read and checked as FastAPI would, the answer
serialised once.

The service's busiest routes skip the framework's per-request machinery (dependency solving, a second
validation of the answer, a worker thread): the body is parsed with `json`, checked against `AskRequest`
or `DecideRequest` (the same schema errors, as problem+json), answered and sent as `Answer.model_dump_json`
or the decision's JSON. A question naming its actor and matter by id is answered on the event loop (the
engine takes microseconds and holds no lock); names to resolve, and the decision log (SQLite may wait on
the disk), take a worker thread.
"""

from __future__ import annotations

import email.message
import json
import logging
from typing import Any, Literal, TypeVar

from fastapi.exceptions import RequestValidationError
from pydantic import BaseModel, ConfigDict, Field, ValidationError
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.responses import Response
from starlette.types import ASGIApp, Receive, Scope, Send

from service import problems

PATH, DECIDE_PATH = "/v1/ask", "/v1/decide"
logger = logging.getLogger("uvicorn.error")
FactValue = str | int | float | bool | None

ASK_EXAMPLES: dict[str, dict[str, Any]] = {
    "yes": {"summary": "Within the director's limit (Vara)", "value": {
        "municipality": "vara", "actor": "kommundirektören", "matter": "upphandling",
        "facts": {"amount": 300000}, "date": "2025-03-01"}},
    "depends": {"summary": "Depends on the amount, in English", "value": {
        "municipality": "vara", "actor": "director", "matter": "upphandling", "date": "2025-03-01", "lang": "en"}},
}


class DecideRequest(BaseModel):
    """A question: may `actor` decide `matter` on `date`, given `facts`? (POST /v1/decide)"""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [ASK_EXAMPLES["yes"]["value"]]})

    municipality: str = Field(max_length=100, description="Municipality id, e.g. vara")
    actor: str = Field(max_length=200, description="Actor id, name or alias, e.g. kommundirektören or director")
    matter: str = Field(max_length=200, description="Matter id or title, e.g. upphandling")
    facts: dict[str, FactValue] = Field(default={}, max_length=64, description="Case facts, e.g. {\"amount\": 300000}")
    date: str | None = Field(default=None, max_length=40, description="The decision's date, YYYY-MM-DD (default today)")


class AskRequest(DecideRequest):
    """A question: may `actor` decide `matter` on `date`, given `facts`? With the language of the answer's
    words, and whether to explain every chain (POST /v1/ask)."""

    lang: Literal["sv", "en"] = "sv"
    explain: bool = Field(default=False, description="Include every chain considered (`paths`)")


def _is_json(content_type: str | None) -> bool:
    """FastAPI's test: application/json or application/*+json; no Content-Type is not JSON."""
    if not content_type:
        return False
    if content_type == "application/json":
        return True
    message = email.message.Message()
    message["content-type"] = content_type
    subtype = message.get_content_subtype()
    return message.get_content_maintype() == "application" and (subtype == "json" or subtype.endswith("+json"))


Q = TypeVar("Q", bound=BaseModel)


def parse_question(body: bytes, content_type: str | None) -> AskRequest:
    """The question in a request body; `RequestValidationError` (422) or a 400 as FastAPI gives them."""
    return _parse(body, content_type, AskRequest)


def parse_decide(body: bytes, content_type: str | None) -> DecideRequest:
    """`parse_question` for POST /v1/decide."""
    return _parse(body, content_type, DecideRequest)


def _parse(body: bytes, content_type: str | None, model: type[Q]) -> Q:
    data: Any = None  # no body: "the body must be a JSON object"
    if body:
        data = body  # not JSON by its content type: the same
        if _is_json(content_type):
            try:
                data = json.loads(body)
            except json.JSONDecodeError as exc:
                raise RequestValidationError([{"type": "json_invalid", "loc": ("body", exc.pos), "msg": "JSON decode error",
                                               "input": {}, "ctx": {"error": exc.msg}}]) from None
            except ValueError:  # not UTF-8 (or -16, -32)
                raise HTTPException(400, "There was an error parsing the body") from None
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise RequestValidationError([{**e, "loc": ("body", *e["loc"])} for e in exc.errors()]) from None


def _answer(mandat: Any, question: AskRequest, log: Any) -> Response:
    answer = mandat.ask(question.actor, question.matter, facts=question.facts, date=question.date,
                        lang=question.lang, explain=question.explain)
    headers = None
    if log is not None:
        entry = log.record(answer, question=question.model_dump(), source="service", mandat=mandat)
        headers = {"X-Mandat-Log-Id": str(entry)}
    return Response(answer.model_dump_json(exclude_none=True), media_type="application/json", headers=headers)


def _decision(mandat: Any, question: DecideRequest) -> Response:
    decision = mandat.decide(question.actor, question.matter, facts=question.facts, date=question.date)
    return Response(json.dumps(decision.to_dict(), ensure_ascii=False), media_type="application/json")


async def respond(state: Any, body: bytes, content_type: str | None, path: str = PATH) -> Response:
    """The answer to a POST /v1/ask (or the decision for a POST /v1/decide), or its problem document."""
    try:
        if path == DECIDE_PATH:  # a decision is not logged
            decide = parse_decide(body, content_type)
            mandat = state.registry.get(decide.municipality)
            if _by_id(mandat, decide):
                return _decision(mandat, decide)
            return await run_in_threadpool(_decision, mandat, decide)
        question = parse_question(body, content_type)
        mandat = state.registry.get(question.municipality)
        if state.log is None and _by_id(mandat, question):
            return _answer(mandat, question, None)
        return await run_in_threadpool(_answer, mandat, question, state.log)
    except Exception as exc:  # noqa: BLE001 - every error is a problem document, as on the other routes
        if not isinstance(exc, problems.HANDLED):
            logger.exception("mandat: POST %s failed", path)
        return problems.for_exception(exc, "POST", path)


def _by_id(mandat: Any, question: AskRequest | DecideRequest) -> bool:
    """Whether the question names its actor and matter by id: answered on the event loop then. A name to
    resolve may be a misspelling, whose closest matches take up to 150 ms in a large municipality: in a
    worker thread, so that the other connections go on being answered."""
    return question.actor in mandat.rules.actors and question.matter in mandat.rules.matters


class AskEndpoint:
    """ASGI middleware answering POST /v1/ask and /v1/decide itself; every other request goes on to the app."""

    def __init__(self, app: ASGIApp, state: Any) -> None:
        self.app = app
        self.state = state

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"] not in (PATH, DECIDE_PATH) or scope["method"] != "POST":
            await self.app(scope, receive, send)
            return
        chunks = []
        more = True
        while more:
            message = await receive()
            if message["type"] != "http.request":
                return  # the client went away
            chunks.append(message.get("body", b""))
            more = message.get("more_body", False)
        content_type = None
        for name, value in scope["headers"]:
            if name == b"content-type":
                content_type = value.decode("latin-1")
                break
        response = await respond(self.state, b"".join(chunks), content_type, scope["path"])
        await response(scope, receive, send)
