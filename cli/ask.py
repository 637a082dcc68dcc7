"""`mandat ask`: may this actor decide this matter?"""

from __future__ import annotations

import click

from cli import render
from cli.options import common, load

EXIT_BY_ANSWER = {"yes": 0, "no": 1, "depends": 2}


@click.command()
@common
@click.option("--actor", "-a", help="Actor id or name, e.g. kommundirektören or director.")
@click.option("--matter", "-x", help="Matter id or title, e.g. upphandling.")
@click.option("--fact", "-f", "facts", multiple=True, metavar="KEY=VALUE", help="A case fact; repeatable.")
@click.option("--date", "-d", "date", default=None, help="The decision's date, YYYY-MM-DD (default today).")
@click.option("--explain", is_flag=True, help="Show every chain considered, and why each holds or fails.")
@click.option("--log", "log_path", type=click.Path(dir_okay=False), default=None,
              help="Also store the answer in this SQLite decision log (see `mandat log`).")
@click.argument("question", required=False)
def ask(municipality: str, rules_dir, fmt: str, lang: str, actor: str | None, matter: str | None,
        facts: tuple[str, ...], date: str | None, explain: bool, question: str | None, log_path: str | None = None) -> int:
    """May ACTOR decide MATTER? Exit 0 yes, 1 no, 2 depends, 64 bad input, 65 bad rule files."""
    from engine.errors import UsageError
    from engine.facts import parse_fact_args

    given = parse_fact_args(facts)
    mandat = load(municipality, rules_dir)
    understood: dict[str, str] | None = None
    if question is not None and (actor is None or matter is None):
        from cli import freetext  # free-text questions

        actor, matter, understood = freetext.understand(mandat, question, actor, matter, given, lang)
        if fmt == "text":
            click.echo(render.understood(understood, lang))
    if actor is None or matter is None:
        missing = "--actor" if actor is None else "--matter"
        raise UsageError(f"missing {missing}: name who decides and what (or ask a question in words)")
    answer = mandat.ask(actor, matter, facts=given, date=date, lang=lang, explain=explain)
    if log_path:
        from engine.decisionlog import DecisionLog

        with DecisionLog(log_path) as log:
            log.record(answer, question={"actor": actor, "matter": matter, "facts": given, "date": date,
                                         "lang": lang, "explain": explain, "question": question}, source="cli",
                       mandat=mandat)
    if fmt == "json":
        if understood is not None:  # a question in words: what was read from it, beside the answer
            answer = answer.model_copy(update={"understood": understood})
        click.echo(answer.model_dump_json(indent=2, exclude_none=True))
    else:
        click.echo(render.answer_text(answer, mandat))
    return EXIT_BY_ANSWER[answer.answer]
