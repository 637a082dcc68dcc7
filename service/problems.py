"""Errors as `application/problem+json` (RFC 9457), with the same one-line messages as the CLI.

422 bad input (unknown actor, matter or fact; a bad date; a body that does not fit the schema),
404 an unknown municipality or route, 401 no or a wrong key, 403 a key that may not reload,
413 a body over the limit, 503 rules that do not load or check. Bad input never gives a 500.
"""

from __future__ import annotations

import json
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import Response

from engine.errors import MandatError, RuleFileError, UsageError
from service.registry import Unavailable, UnknownMunicipality

PROBLEM = "application/problem+json"
TITLES = {400: "Bad request", 401: "Unauthorized", 403: "Forbidden", 404: "Not found", 405: "Method not allowed",
          413: "Content too large", 415: "Unsupported media type", 422: "Invalid input",
          500: "Internal error", 503: "Rules unavailable"}
TYPES = {401: "unauthorized", 403: "forbidden", 404: "not-found", 413: "too-large", 422: "invalid-input",
         503: "rules-unavailable"}


def problem(status: int, detail: str, instance: str = "", **extra: Any) -> Response:
    body = {"type": f"/problems/{TYPES.get(status, 'error')}", "title": TITLES.get(status, "Error"),
            "status": status, "detail": detail, **({"instance": instance} if instance else {}), **extra}
    headers = {"WWW-Authenticate": 'Bearer realm="mandat"'} if status == 401 else None
    return Response(json.dumps(body, ensure_ascii=False), status_code=status, media_type=PROBLEM, headers=headers)


def _where(loc: tuple[Any, ...] | list[Any]) -> str:
    parts = [str(p) for p in loc if p not in ("body", "query", "path", "header")]
    return ".".join(parts) or "body"


def validation_detail(exc: RequestValidationError) -> str:
    """The first schema error as one line, naming the field: "field `facts`: Input should be ..."."""
    errors = exc.errors()
    if not errors:
        return "the request does not fit the schema"
    first = errors[0]
    kind, where = first.get("type", ""), _where(first.get("loc", ()))
    if kind == "json_invalid":
        return f"the body is not valid JSON ({first.get('ctx', {}).get('error', 'syntax error')})"
    if tuple(first.get("loc", ())) == ("body",):
        return "the body must be a JSON object (send it with `Content-Type: application/json`)"
    if kind == "missing":
        return f"missing field `{where}`"
    if kind == "extra_forbidden":
        return f"unknown field `{where}`"
    more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
    return f"field `{where}`: {first.get('msg', 'invalid')}{more}"


PROBLEM_SCHEMA = {
    "type": "object", "required": ["type", "title", "status", "detail"],
    "properties": {"type": {"type": "string"}, "title": {"type": "string"}, "status": {"type": "integer"},
                   "detail": {"type": "string"}, "instance": {"type": "string"},
                   "candidates": {"type": "array", "items": {"type": "string"}}},
}


def document(app: FastAPI) -> None:
    """Declare the problem responses in /openapi.json: every status an operation can give, as problem+json."""
    build = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema:
            return app.openapi_schema
        schema = build()
        schema.setdefault("components", {}).setdefault("schemas", {})["Problem"] = PROBLEM_SCHEMA
        ref = {PROBLEM: {"schema": {"$ref": "#/components/schemas/Problem"}}}
        for path, operations in schema.get("paths", {}).items():
            for method, operation in operations.items():
                statuses = [] if path == "/healthz" else [400, 401, 404, 422, 503]
                statuses += [413] if method in ("post", "put", "patch") else []
                statuses += [403] if path == "/v1/reload" else []
                for status in statuses:
                    operation.setdefault("responses", {})[str(status)] = {"description": TITLES[status], "content": ref}
        app.openapi_schema = schema
        return schema

    app.openapi = openapi  # type: ignore[method-assign]


def for_exception(exc: Exception, method: str, path: str) -> Response:
    """The problem document for an error raised while answering `method path` (500 for the unexpected)."""
    if isinstance(exc, UnknownMunicipality):
        return problem(404, exc.message, path)
    if isinstance(exc, UsageError):
        extra = {"candidates": [c[0] for c in exc.candidates]} if exc.candidates else {}
        return problem(422, exc.message, path, **extra)
    if isinstance(exc, Unavailable):
        return problem(503, str(exc), path)
    if isinstance(exc, RuleFileError):
        return problem(503, f"fel i regelfil: {exc}", path)
    if isinstance(exc, MandatError):
        return problem(422, str(exc), path)
    if isinstance(exc, RequestValidationError):
        return problem(422, validation_detail(exc), path)
    if isinstance(exc, StarletteHTTPException):
        detail = exc.detail if isinstance(exc.detail, str) else TITLES.get(exc.status_code, "Error")
        if exc.status_code == 404 and detail == "Not Found":
            detail = f"no route {method} {path} (see /openapi.json)"
        response = problem(exc.status_code, detail, path)
        response.headers.update(exc.headers or {})  # e.g. `Allow` on a 405
        return response
    return problem(500, f"internt fel ({type(exc).__name__}): {exc}", path)  # the last guard: one line


HANDLED = (MandatError, RequestValidationError, StarletteHTTPException)  # and their subclasses


def install(app: FastAPI) -> None:
    """Register the handlers that turn every error into a problem document (and declare them in the schema)."""
    document(app)

    async def handler(request: Request, exc: Exception) -> Response:
        return for_exception(exc, request.method, request.url.path)

    for kind in HANDLED:
        app.add_exception_handler(kind, handler)
    app.add_exception_handler(Exception, handler)
