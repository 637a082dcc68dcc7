"""`mandat serve`: the HTTP API on uvicorn (FastAPI)."""

from __future__ import annotations

from pathlib import Path

import click


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="Port to listen on.")
@click.option("--rules", "rules_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Rules directory (default: the bundled rules, or $MANDAT_RULES).")
@click.option("--log", "log_path", type=click.Path(dir_okay=False, path_type=Path), default=None,
              envvar="MANDAT_LOG", help="SQLite decision log every answer is written to ($MANDAT_LOG).")
@click.option("--keys-file", type=click.Path(dir_okay=False, exists=True, path_type=Path), default=None,
              help="API keys, one a line (`KEY admin` for an admin key); also $MANDAT_API_KEYS, $MANDAT_ADMIN_KEYS.")
@click.option("--max-body", default=64 * 1024, show_default=True, type=click.IntRange(1), help="Body limit, bytes.")
@click.option("--max-audit-body", default=32 * 1024 * 1024, show_default=True, type=click.IntRange(1),
              help="Body limit of POST /v1/audit, bytes.")
def serve(host: str, port: int, rules_dir: Path | None, log_path: Path | None, keys_file: Path | None,
          max_body: int, max_audit_body: int) -> None:
    """Serve the HTTP API: POST /v1/ask, GET /v1/who, /v1/what, /v1/matters, /v1/actors, POST /v1/audit,
    GET /v1/rulesets, /v1/log (with --log), /healthz; OpenAPI at /openapi.json. SIGHUP or POST /v1/reload
    (admin key) reloads the rules: a rule set that does not load or check clean is reported, never served."""
    from engine.errors import UsageError

    try:
        import uvicorn

        from service.app import create_app
    except ImportError as exc:
        raise UsageError(f"the service needs its extra: pip install 'mandat[serve]' ({exc.name} is missing)") from None
    if rules_dir is not None and not (rules_dir / "municipalities").is_dir():
        raise UsageError(f"--rules {rules_dir}: no `municipalities` directory there")
    app = create_app(rules_dir, keys_file=keys_file, log=log_path, max_body=max_body, max_audit_body=max_audit_body)
    uvicorn.run(app, host=host, port=port, log_level="info", access_log=False)
