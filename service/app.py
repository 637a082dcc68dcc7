"""The FastAPI app factory.

    from service.app import create_app
    app = create_app(rules_dir="rules", log="answers.sqlite")      # uvicorn.run(app)

or `mandat serve`, or `uvicorn --factory service.app:app_from_env` (reads $MANDAT_RULES, $MANDAT_LOG,
the key variables of `service.keys`, $MANDAT_MAX_BODY and $MANDAT_MAX_AUDIT_BODY).
The rule sets load before the server accepts a request; SIGHUP and POST /v1/reload reload them atomically.
POST /v1/ask, the busy route, is answered on a short path in front of the routes (`service.ask`).
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import logging
import os
import signal
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

from fastapi import FastAPI

from engine.decisionlog import DecisionLog
from service import problems
from service.ask import AskEndpoint
from service.guard import Guard
from service.keys import Keys, load_keys
from service.registry import Registry
from service.routes import router

MAX_BODY = 64 * 1024
MAX_AUDIT_BODY = 32 * 1024 * 1024
logger = logging.getLogger("uvicorn.error")

DESCRIPTION = """May this actor decide this matter, and on what authority? Answers from the rule sets under
the rules directory, each citing its basis. Errors are `application/problem+json` with the CLI's messages.
With API keys configured, send `Authorization: Bearer KEY` (or `X-API-Key`) on every route but /healthz."""


def create_app(rules_dir: Path | str | None = None, *, keys: Keys | None = None, keys_file: Path | None = None,
               log: Path | str | None = None, max_body: int = MAX_BODY, max_audit_body: int = MAX_AUDIT_BODY,
               sighup: bool = True) -> FastAPI:
    """An app serving the rules under `rules_dir` (default: the bundled rules or $MANDAT_RULES).

    `keys`: fixed keys; otherwise they are read from the environment and `keys_file` at start and at each reload.
    `log`: a SQLite decision log every answer of POST /v1/ask is written to.
    """
    registry = Registry(Path(rules_dir) if rules_dir else None)
    state: dict[str, Keys] = {"keys": keys if keys is not None else load_keys(keys_file=keys_file)}

    def reload() -> dict[str, Any]:
        if keys is None:  # a keys file or environment edited meanwhile takes effect too
            try:
                state["keys"] = load_keys(keys_file=keys_file)
            except Exception as exc:  # noqa: BLE001 - a broken keys file keeps the old keys
                logger.error("mandat: keys not reloaded: %s", exc)
        report = registry.reload()
        _freeze()
        for item in report["loaded"]:
            logger.info("mandat: serving %s %s", item["id"], item["version"][:19])
        for item in report["broken"]:
            logger.error("mandat: %s not reloaded, still serving %s: %s", item["id"],
                         (item["serving"] or "nothing")[:19], item["error"])
        return report

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        await asyncio.get_running_loop().run_in_executor(None, reload)
        if sighup and hasattr(signal, "SIGHUP"):
            loop = asyncio.get_running_loop()
            with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):  # not the main thread
                loop.add_signal_handler(signal.SIGHUP, lambda: loop.run_in_executor(None, reload))
        try:
            yield
        finally:
            if app.state.log is not None:
                app.state.log.close()

    app = FastAPI(title="mandat", version=_version(), description=DESCRIPTION, lifespan=lifespan,
                  docs_url="/docs", redoc_url=None)
    app.state.registry = registry
    app.state.reload = reload
    app.state.log = DecisionLog(log) if log else None
    problems.install(app)
    app.include_router(router)
    app.add_middleware(AskEndpoint, state=app.state)  # inside the guard: keys and body limit first
    app.add_middleware(Guard, keys=lambda: state["keys"], max_body=max_body, max_audit_body=max_audit_body)
    return app


def _freeze() -> None:
    """Move what is loaded out of the collector's sight: a full collection over the rule sets' objects
    (600,000 for the large generated municipality) takes half a second and would stall every request."""
    gc.unfreeze()  # what a reload replaced can be collected now
    gc.collect()
    gc.freeze()


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("mandat")
    except PackageNotFoundError:
        return "0"


def app_from_env() -> FastAPI:
    """The app as configured by environment variables (for `uvicorn --factory`)."""
    env = os.environ
    return create_app(env.get("MANDAT_RULES") or None, log=env.get("MANDAT_LOG") or None,
                      max_body=int(env.get("MANDAT_MAX_BODY", MAX_BODY)),
                      max_audit_body=int(env.get("MANDAT_MAX_AUDIT_BODY", MAX_AUDIT_BODY)))
