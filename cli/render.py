"""Render answers and listings as text a clerk reads, in Swedish or English."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from engine.answer import Answer

WORDS = {
    "sv": {
        "yes": "JA", "no": "NEJ", "depends": "BEROR PÅ",
        "may": "får besluta om", "may_not": "får inte besluta om", "may_if": "får besluta om — beroende på fakta —",
        "execution": "som ren verkställighet, inte som delegeringsbeslut (se Därefter)",
        "chain": "Grund (kedjan av beslutanderätt):", "denied": "Skäl:", "conditions": "Villkor:",
        "open": "Svaret beror på:", "follow": "Därefter:", "instead": "I stället får besluta:",
        "ruleset": "Regelverk", "met": "uppfyllt", "unmet": "inte uppfyllt", "unknown": "okänt",
        "assumed": "Antaget (källan är tyst)", "unverified": "Ej verifierad bestämmelse",
        "presumes": "Förutsätter:", "gives": "ger", "paths": "Prövade vägar:", "understood": "Tolkning:",
        "answer_yes": "ja", "answer_no": "nej", "answer_depends": "beror på",
    },
    "en": {
        "yes": "YES", "no": "NO", "depends": "DEPENDS",
        "may": "may decide", "may_not": "may not decide", "may_if": "may — depending on the facts — decide",
        "execution": "as pure execution, not a delegated decision (see What must follow)",
        "chain": "Basis (chain of authority):", "denied": "Reasons:", "conditions": "Conditions:",
        "open": "The answer depends on:", "follow": "What must follow:", "instead": "Who may decide instead:",
        "ruleset": "Rule set", "met": "met", "unmet": "not met", "unknown": "unknown",
        "assumed": "Assumed (the source is silent)", "unverified": "Unverified provision",
        "presumes": "Presumes:", "gives": "gives", "paths": "Paths considered:", "understood": "Understood:",
        "answer_yes": "yes", "answer_no": "no", "answer_depends": "depends",
    },
}

MARK = {"met": "✓", "unmet": "✗", "unknown": "?"}


def _refs_in_full(ref: str, mandat: Any, lang: str) -> str:
    parts = []
    for r in ref.split(", "):
        title = mandat.rules.provision_title(r, lang)
        parts.append(f"{r} ({title})" if title and title != r else r)
    return "; ".join(parts)


def answer_text(a: Answer, mandat: Any) -> str:
    w = WORDS[a.lang]
    verb = {"yes": w["may"], "no": w["may_not"], "depends": w["may_if"]}[a.answer]
    lines = [f"{w[a.answer]} — {a.actor_name} {verb} \"{a.matter_title}\" ({mandat.rules.municipality.name.get(a.lang)}, {a.date})."]
    if a.execution:
        lines.append(f"  {w['execution']}")
    if a.basis:
        lines += ["", w["chain"] if a.answer != "no" else w["denied"]]
        for i, b in enumerate(a.basis, 1):
            where = f"{b.title}" if b.title else ""
            who = ""
            if a.answer != "no" and b.actor:
                who = mandat.rules.actors[b.actor].name.get(a.lang) + ": "
            flag = "" if b.verified else f" [{w['unverified']}]"
            lines.append(f"  {i}. {who}{_refs_in_full(b.ref, mandat, a.lang)}{flag}")
            if where:
                lines.append(f"     {where}")
            if b.assumed:
                lines.append(f"     {w['assumed']}: {b.assumed}")
    if a.conditions:
        lines += ["", w["conditions"]]
        for c in a.conditions:
            lines.append(f"  {MARK[c.status]} {c.requirement} — {w[c.status]} ({c.ref})")
    if a.open_facts:
        lines += ["", w["open"]]
        for f in a.open_facts:
            lines.append(f"  ? {f.question} [{f.fact}] ({f.ref})")
            for value, verdict in f.gives.items():
                lines.append(f"      {f.fact} {value} {w['gives']} {w['answer_' + verdict]}")
    if a.presumptions:
        lines += ["", w["presumes"]]
        for p in a.presumptions:
            lines.append(f"  • {p.text} ({p.ref})")
    if a.obligations:
        lines += ["", w["follow"]]
        for o in a.obligations:
            lines.append(f"  • {o.text}" + ("" if o.ref in o.text else f" ({o.ref})"))
    if a.alternatives:
        lines += ["", w["instead"]]
        for alt in a.alternatives:
            lines.append(f"  • {alt.name} — {w['answer_' + alt.answer]} ({alt.ref})")
    if a.paths:
        lines += ["", w["paths"]]
        for p in a.paths:
            chain = " → ".join(f"{s.name} [{s.link}]" for s in p.steps)
            lines.append(f"  {w['answer_' + p.answer]}: {chain}")
            for r in p.reasons:
                lines.append(f"      ✗ {r.ref}: {r.title}")
            for fact in p.open_facts:
                lines.append(f"      ? {fact}")
    lines += ["", f"{w['ruleset']}: {a.ruleset.id} {a.ruleset.version}"]
    return "\n".join(lines)


def understood(parts: dict[str, str], lang: str) -> str:
    w = WORDS[lang]
    return w["understood"] + " " + ", ".join(f"{k} = {v}" for k, v in parts.items()) + "\n"


def table(rows: list[list[str]], headers: list[str]) -> str:
    """A plain aligned table."""
    widths = [max(len(str(x)) for x in col) for col in zip(headers, *rows, strict=False)]
    out = ["  ".join(h.ljust(wd) for h, wd in zip(headers, widths, strict=False)).rstrip()]
    out.append("  ".join("-" * wd for wd in widths))
    for row in rows:
        out.append("  ".join(str(x).ljust(wd) for x, wd in zip(row, widths, strict=False)).rstrip())
    return "\n".join(out)
