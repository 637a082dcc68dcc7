"""`mandat log`: list the decision log, show a past answer again, replay it against the current rules."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from cli.options import lang_option, rules_option
from cli.render import WORDS, table

log_option = click.option("--log", "log_path", type=click.Path(dir_okay=False, path_type=Path), default=None,
                          envvar="MANDAT_LOG", help="The SQLite decision log ($MANDAT_LOG).")
format_option = click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
                             show_default=True, help="Human text or JSON.")


def _open(ctx: click.Context, log_path: Path | None) -> Any:
    from engine.decisionlog import DecisionLog
    from engine.errors import UsageError

    path = log_path or (ctx.obj or {}).get("log")
    if path is None:
        raise UsageError("name the decision log: --log PATH (or set $MANDAT_LOG)")
    if not Path(path).exists():
        raise UsageError(f"no decision log at {path} (answers are logged by `mandat serve --log` and `ask --log`)")
    return DecisionLog(path)


def _echo_json(data: object) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


@click.group(invoke_without_command=True)
@log_option
@click.option("--municipality", "-m", default=None, help="Only answers about this municipality.")
@click.option("--actor", "-a", default=None, help="Only answers about this actor id.")
@click.option("--matter", "-x", default=None, help="Only answers about this matter id.")
@click.option("--answer", type=click.Choice(["yes", "no", "depends"]), default=None, help="Only these answers.")
@click.option("--source", type=click.Choice(["service", "cli", "api"]), default=None, help="Only from here.")
@click.option("--since", default=None, help="Only answers given at or after this time (ISO, e.g. 2025-03-01).")
@click.option("--until", default=None, help="Only answers given at or before this time (a date covers the day).")
@click.option("--limit", default=50, show_default=True, type=click.IntRange(1), help="At most this many, newest first.")
@format_option
@click.pass_context
def log(ctx: click.Context, log_path: Path | None, municipality: str | None, actor: str | None, matter: str | None,
        answer: str | None, source: str | None, since: str | None, until: str | None, limit: int, fmt: str) -> None:
    """The decision log: every answer given by `mandat serve --log` or `mandat ask --log`, newest first.

    `mandat log show ID` shows a past answer again; `mandat log replay ID` re-asks it against the current
    rules and shows the difference (exit 0 the same answer, 1 a different one).
    """
    ctx.obj = {"log": log_path}
    if ctx.invoked_subcommand is not None:
        return
    with _open(ctx, log_path) as db:
        entries = db.entries(municipality=municipality, actor=actor, matter=matter, answer=answer, source=source,
                             since=since, until=until, limit=limit)
    rows = [e.summary() for e in entries]
    if fmt == "json":
        _echo_json(rows)
        return
    click.echo(table([[str(r["id"]), r["time"][:19].replace("T", " "), r["source"], r["municipality"], r["actor"],
                       r["matter"], r["date"], r["answer"], r["ruleset"]["version"][7:19]] for r in rows],
                     ["id", "time (UTC)", "source", "municipality", "actor", "matter", "date", "answer", "version"]))


@log.command()
@click.argument("entry_id", metavar="ID", type=int)
@log_option
@format_option
@click.pass_context
def show(ctx: click.Context, entry_id: int, log_path: Path | None, fmt: str) -> None:
    """Show the logged answer ID again, exactly as it was given (JSON: the stored answer)."""
    with _open(ctx, log_path) as db:
        entry = db.get(entry_id)
    a = entry.answer
    if fmt == "json":
        _echo_json({**entry.summary(), "question": entry.question, "answer": a.model_dump(exclude_none=True)})
        return
    w = WORDS[a.lang]
    click.echo(f"#{entry.id} {entry.time} ({entry.source}) — {a.municipality}, {a.date}")
    click.echo(f"{w[a.answer]} — {a.actor_name or a.actor}: {a.matter_title or a.matter}"
               + (f" ({', '.join(f'{k}={v}' for k, v in a.facts.items())})" if a.facts else ""))
    for b in a.basis:
        click.echo(f"  {b.ref}" + (f" — {b.title}" if b.title else ""))
    click.echo(f"{w['ruleset']}: {a.ruleset.id} {a.ruleset.version}")


@log.command()
@click.argument("entry_id", metavar="ID", type=int)
@log_option
@rules_option
@format_option
@lang_option
@click.pass_context
def replay(ctx: click.Context, entry_id: int, log_path: Path | None, rules_dir: Path | None, fmt: str,
           lang: str) -> int:
    """Re-ask the logged question ID against the current rules and show what changed; where the log holds the
    rule files of the version that answered, re-ask it against those too (reproduction)."""
    from engine import api
    from engine.decisionlog import replay as do_replay

    with _open(ctx, log_path) as db:
        entry = db.get(entry_id)
        result = do_replay(entry, api.load(entry.answer.municipality, rules_dir), db)
    if fmt == "json":
        _echo_json(result.as_dict())
        return 0 if result.same else 1
    then, now = entry.answer, result.now
    w = WORDS[then.lang]
    click.echo(f"#{entry.id} {then.municipality}: {then.actor} — {then.matter}, {then.date}")
    click.echo(f"  {'then' if lang == 'en' else 'då'}: {w[then.answer]} ({then.ruleset.version[:19]}, {entry.time[:19]})")
    click.echo(f"  {'now' if lang == 'en' else 'nu'}:  {w[now.answer]} ({now.ruleset.version[:19]})")
    if result.reproduced is not None:
        words = {(True, "en"): "the recorded rules give the same answer again",
                 (False, "en"): "the recorded rules no longer give the recorded answer",
                 (True, "sv"): "de lagrade reglerna ger samma svar igen",
                 (False, "sv"): "de lagrade reglerna ger inte längre det lagrade svaret"}
        click.echo("  " + words[(result.reproduced, "en" if lang == "en" else "sv")])
    if result.same:
        click.echo("  " + ("the same answer on the same grounds" if lang == "en" else "samma svar på samma grund"))
    for change in result.changes:
        click.echo(f"  {change['field']}: {_short(change['then'])} → {_short(change['now'])}")
    return 0 if result.same else 1


def _short(value: Any) -> str:
    if isinstance(value, list):
        return "[" + ", ".join(" ".join(map(str, v)) if isinstance(v, list) else str(v) for v in value) + "]"
    return str(value)[:19] if isinstance(value, str) and value.startswith("sha256:") else str(value)
