"""POST /v1/ask's and /v1/decide's short path reads a question exactly as FastAPI's typed body parameter would.

`service.ask.parse_question` (`parse_decide`) is compared with a FastAPI route taking `AskRequest`
(`DecideRequest`) as its body, both behind
the service's problem handlers: the same status and the same problem document for every body and content
type, well-formed or not (in-process, no server).
"""

from __future__ import annotations

import json

import pytest
from fastapi import FastAPI, Request
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from service import problems
from service.ask import AskRequest, DecideRequest, parse_decide, parse_question

QUESTION = {"municipality": "provby", "actor": "ekonomichefen", "matter": "upphandling", "facts": {"amount": 50000},
            "date": "2025-03-01"}
CONTENT_TYPES = [None, "application/json", "application/json; charset=utf-8", "application/json; charset=latin-1",
                 "APPLICATION/JSON", "application/vnd.mandat+json", "application/problem+json", "application/json/x",
                 "application/", "text/plain", "text/json", "multipart/form-data; boundary=x", ""]


def _reference() -> TestClient:
    app = FastAPI()
    problems.install(app)

    @app.post("/v1/ask")
    def ask(question: AskRequest) -> dict:
        return question.model_dump()

    @app.post("/v1/decide")
    def decide(question: DecideRequest) -> dict:
        return question.model_dump()

    return TestClient(app, raise_server_exceptions=False)


def _short() -> TestClient:
    app = FastAPI()
    problems.install(app)

    @app.post("/v1/ask")
    async def ask(request: Request) -> dict:
        return parse_question(await request.body(), request.headers.get("content-type")).model_dump()

    @app.post("/v1/decide")
    async def decide(request: Request) -> dict:
        return parse_decide(await request.body(), request.headers.get("content-type")).model_dump()

    return TestClient(app, raise_server_exceptions=False)


REFERENCE, SHORT = _reference(), _short()


def _same(body: bytes, content_type: str | None, path: str = "/v1/ask") -> None:
    headers = {"content-type": content_type} if content_type is not None else {}
    want = REFERENCE.post(path, content=body, headers=headers)
    got = SHORT.post(path, content=body, headers=headers)
    assert (got.status_code, got.headers["content-type"], got.json()) == (
        want.status_code, want.headers["content-type"], want.json()), (body[:200], content_type)


BODIES = [b"", b"null", b"[1, 2]", b'"x"', b"1", b"{not json", b'{"a": 1}{', b"\xff\xfe\x00", b"\xc3\x28",
          b'{"municipality": NaN}', json.dumps(QUESTION).encode(), json.dumps(QUESTION).encode("utf-16"),
          json.dumps({**QUESTION, "facts": {"amount": 1e308}}).encode(),
          json.dumps({**QUESTION, "facts": {f"f{i}": 1 for i in range(70)}}).encode(),
          json.dumps({**QUESTION, "lang": "fi", "explain": "perhaps", "extra": 1}).encode(),
          json.dumps({k: v for k, v in QUESTION.items() if k != "actor"}).encode(),
          '{"municipality": "provby", "actor": "kommundirektören", "matter": "x"}'.encode("latin-1")]


@pytest.mark.parametrize("path", ["/v1/ask", "/v1/decide"])
@pytest.mark.parametrize("content_type", CONTENT_TYPES)
@pytest.mark.parametrize("body", BODIES)
def test_the_same_answer_as_fastapi(body: bytes, content_type: str | None, path: str) -> None:
    _same(body, content_type, path)


JSONISH = st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
                       lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=12), inner, max_size=4),
                       max_leaves=10)
QUESTIONISH = st.fixed_dictionaries({}, optional={
    key: st.sampled_from([QUESTION.get(key, "en"), "", "x" * 300]) | JSONISH
    for key in ("municipality", "actor", "matter", "facts", "date", "lang", "explain", "fakta")})


@settings(max_examples=300, deadline=None, derandomize=True, database=None, suppress_health_check=list(HealthCheck))
@given(body=st.binary(max_size=200) | QUESTIONISH.map(lambda q: json.dumps(q).encode())
       | JSONISH.map(lambda v: json.dumps(v).encode()), content_type=st.sampled_from(CONTENT_TYPES))
def test_generated_bodies_the_same_as_fastapi(body: bytes, content_type: str | None) -> None:
    _same(body, content_type)
    _same(body, content_type, "/v1/decide")
