"""Understand a question asked in words: who asks, about which matter, with which facts.

`understand` never guesses silently: when two actors or matters fit about equally, a terminal
user picks one; otherwise it is a usage error (exit 64) that lists the candidates with their ids.
When no actor or no matter can be found, the error says which part was not understood.
"""

from __future__ import annotations

import re
import sys
from typing import Any

import click

from engine import search
from engine.errors import UsageError

REFLEXIVE = re.compile(r"(?<!\w)(?:sin|sitt|sina|egen|eget|egna|its|their|own)(?!\w)")
LABELS = {"sv": {"actor": "aktör", "matter": "ärende"}, "en": {"actor": "actor", "matter": "matter"}}


def understand(mandat: Any, question: str, actor: str | None, matter: str | None, facts: dict[str, Any],
               lang: str = "sv") -> tuple[str, str, dict[str, str]]:
    """The actor id, the matter id and what was understood; facts read from the text go into `facts`."""
    rs = mandat.rules
    words = LABELS["en" if lang == "en" else "sv"]
    found_facts, skip = search.find_facts(rs, question)
    extra: list[tuple[str, float]] = []
    if actor is None:
        actor_id, span, _others = pick_actor(rs, question, lang)
        skip.append(span)
    else:
        actor_id = mandat.resolve_actor(actor)
    for c in search.find_actors(rs, question):  # other actors named: the object of the matter, by id and kind
        if c.span is not None:
            skip.append(c.span)
        if c.id != actor_id:
            extra += _actor_words(rs, c.id)
    if REFLEXIVE.search(search.fold(question)):  # "socialnämnden ... sin verksamhetsplan": the actor's own
        own = rs.actors[actor_id]
        extra += [(own.id.replace("-", " "), 0.5), (own.name.sv, 0.5), (own.name.en or "", 0.5)]
    matter_id = mandat.resolve_matter(matter) if matter is not None else pick_matter(rs, question, skip, extra, lang)
    understood = {words["actor"]: f"{rs.actors[actor_id].name.get(lang)} ({actor_id})",
                  words["matter"]: f"{rs.matters[matter_id].title.get(lang)} ({matter_id})"}
    for key, value in found_facts.items():
        if key not in facts:
            facts[key] = value
            understood[key] = _show(value, lang)
    return actor_id, matter_id, understood


KIND_WORDS = {"head_of_administration": "förvaltningschef", "director": "kommundirektör",
              "sector_head": "sektordirektör sektorschef", "unit_manager": "enhetschef personal",
              "employee": "personal", "specialist": "personal"}


def _actor_words(rs: Any, actor_id: str) -> list[tuple[str, float]]:
    """Words for an actor the question names as the object ("anställa en socialchef"): its id and kind."""
    actor = rs.actors[actor_id]
    kinds = [(KIND_WORDS[k.value], 0.3) for k in (actor.kind, *actor.also) if k.value in KIND_WORDS]
    return [(actor_id.replace("-", " "), 0.8), (actor.name.sv, 0.8), *kinds]


def pick_actor(rs: Any, question: str, lang: str) -> tuple[str, tuple[int, int], list[str]]:
    """The actor asked about (the first named), its place in the text, and the other actors named."""
    found = search.find_actors(rs, question)
    if found:
        first = found[0]
        tied = [c for c in found if c.span == first.span and c.score == first.score]
        chosen = first if len(tied) == 1 else _choose(rs, tied, "actor", question, lang)
        return chosen.id, chosen.span or (0, 0), [c.id for c in found if c.id != chosen.id]
    partial = search.partial_actors(rs, question)
    if partial:
        whole = len(partial) == 1 and partial[0].score >= 2  # every word of one actor's name, reordered
        chosen = partial[0] if whole else _choose(rs, partial, "actor", question, lang)
        return chosen.id, chosen.span or (0, 0), []
    raise UsageError(_nothing("actor", question, lang))


def matter_only(rs: Any, question: str, lang: str) -> str:
    """The matter of a question that names no deciding actor ("Vem får anställa kommundirektören?")."""
    skip: list[tuple[int, int]] = []
    extra: list[tuple[str, float]] = []
    for c in search.find_actors(rs, question):  # every actor named is the matter's object
        if c.span is not None:
            skip.append(c.span)
        extra += _actor_words(rs, c.id)
    return pick_matter(rs, question, skip + search.find_facts(rs, question)[1], extra, lang)


def pick_matter(rs: Any, question: str, skip: list[tuple[int, int]], extra: list[tuple[str, float]],
                lang: str) -> str:
    cands = search.find_matters(rs, question, skip, extra)
    close = search.ambiguous(cands)
    if not close:
        raise UsageError(_nothing("matter", question, lang))
    return close[0].id if len(close) == 1 else _choose(rs, close, "matter", question, lang).id


def _label(rs: Any, what: str, cid: str, lang: str) -> str:
    item = rs.actors[cid].name if what == "actor" else rs.matters[cid].title
    return f"{cid} ({item.get(lang)})"


def _choose(rs: Any, cands: list[search.Candidate], what: str, question: str, lang: str) -> search.Candidate:
    """On a terminal, ask which candidate is meant; otherwise a usage error listing them."""
    sv = lang != "en"
    noun = {"actor": "aktörer" if sv else "actors", "matter": "ärenden" if sv else "matters"}[what]
    if sys.stdin.isatty() and sys.stdout.isatty():
        click.echo(f"Flera {noun} passar:" if sv else f"Several {noun} fit:", err=True)
        for i, c in enumerate(cands, 1):
            click.echo(f"  {i}. {_label(rs, what, c.id, lang)}", err=True)
        n = click.prompt("Välj" if sv else "Choose", type=click.IntRange(1, len(cands)), default=1, err=True)
        return cands[n - 1]
    listed = ", ".join(_label(rs, what, c.id, lang) for c in cands)
    flag = "--actor" if what == "actor" else "--matter"
    if len(cands) == 1:
        msg = (f"osäker tolkning: bara delvis passar {listed}; ange {flag} ID" if sv
               else f"uncertain reading: only partly fits {listed}; give {flag} ID")
    else:
        msg = (f"frågan är tvetydig: flera {noun} passar: {listed}; ange {flag} ID" if sv
               else f"the question is ambiguous: several {noun} fit: {listed}; give {flag} ID")
    raise UsageError(msg, candidates=[(c.id, _label(rs, what, c.id, lang)) for c in cands])


def _nothing(what: str, question: str, lang: str) -> str:
    first = search.fold(question).split()[:1]
    if what == "actor" and first and first[0] in {"vem", "vilka", "who"}:
        return (f"{question!r} asks who may decide: use `mandat who -m M \"...\"`" if lang == "en"
                else f"{question!r} frågar vem som får besluta: använd `mandat who -m M \"...\"`")
    if lang == "en":
        part = "who decides (no actor of the rule set is named)" if what == "actor" else \
            "which matter it is about (no matter's title or keyword fits)"
        hint = "mandat actors" if what == "actor" else "mandat matters"
        return f"could not understand {part} in {question!r}; see `{hint}` or give --{what}"
    part = "vem som beslutar (ingen aktör i regelverket nämns)" if what == "actor" else \
        "vilket ärende det gäller (ingen ärendetitel eller nyckelord passar)"
    hint = "mandat actors" if what == "actor" else "mandat matters"
    return f"förstod inte {part} i {question!r}; se `{hint}` eller ange --{'actor' if what == 'actor' else 'matter'}"


def _show(value: Any, lang: str) -> str:
    if isinstance(value, bool):
        return ("ja" if value else "nej") if lang != "en" else ("yes" if value else "no")
    return str(value)
