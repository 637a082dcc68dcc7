"""The ASGI middleware in front of every route: API keys first, then the request body size limit.

Keys are checked before the body is read, so a request without a key gets 401 whatever its body.
The body is read up to the limit (a larger Content-Length is refused at once) and replayed to the app.
"""

from __future__ import annotations

from collections.abc import Callable

from starlette.datastructures import Headers
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from service.keys import Keys, key_of
from service.problems import problem

OPEN_PATHS = ("/healthz",)
ADMIN_PATHS = ("/v1/reload",)


class Guard:
    """Refuse requests without a valid key (401), non-admin reloads (403), and oversized bodies (413)."""

    def __init__(self, app: ASGIApp, keys: Callable[[], Keys], max_body: int, max_audit_body: int) -> None:
        self.app = app
        self.keys = keys  # read per request: a reload may change them
        self.max_body = max_body
        self.max_audit_body = max_audit_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path: str = scope["path"]
        headers = Headers(scope=scope)
        keys = self.keys()
        key = key_of(headers)
        if path in ADMIN_PATHS:
            if not keys.admin:
                await problem(403, "no admin key is configured: set MANDAT_ADMIN_KEYS (or reload with SIGHUP)",
                              path)(scope, receive, send)
                return
            if not keys.allows(key):
                detail = "an admin key is required: send `Authorization: Bearer KEY`" if key is None \
                    else "the API key is not valid"
                await problem(401, detail, path)(scope, receive, send)
                return
            if not keys.is_admin(key):
                await problem(403, "this key may not reload the rules; an admin key is required", path)(
                    scope, receive, send)
                return
        elif keys.enabled and path not in OPEN_PATHS and not keys.allows(key):
            detail = "an API key is required: send `Authorization: Bearer KEY` or `X-API-Key: KEY`" if key is None \
                else "the API key is not valid"
            await problem(401, detail, path)(scope, receive, send)
            return
        limit = self.max_audit_body if path.startswith("/v1/audit") else self.max_body
        length = headers.get("content-length")
        if length is not None and length.isdigit() and int(length) > limit:
            await problem(413, f"the body is {int(length)} bytes; the limit is {limit}", path)(scope, receive, send)
            return
        chunks: list[bytes] = []
        size = 0
        more = True
        while more:
            message = await receive()
            if message["type"] != "http.request":
                await self.app(scope, _replay([message], receive), send)
                return
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > limit:
                await problem(413, f"the body is over the limit of {limit} bytes", path)(scope, receive, send)
                return
            chunks.append(chunk)
            more = message.get("more_body", False)
        body = b"".join(chunks)
        await self.app(scope, _replay([{"type": "http.request", "body": body, "more_body": False}], receive), send)


def _replay(messages: list[Message], receive: Receive) -> Receive:
    pending = list(messages)

    async def replay() -> Message:
        if pending:
            return pending.pop(0)
        return await receive()

    return replay
