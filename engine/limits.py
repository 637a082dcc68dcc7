"""Read the limits of a delegation table ("högst 5 pbb", "300 tkr", "inom budget") into conditions.

Readable: an amount with a unit (kr, tkr, mkr/mnkr, prisbasbelopp/basbelopp/pbb), optionally after
"högst"/"max"/"upp till"/"minst"; `fact högst N`; `fact = value`; and every limit text the rule set
already uses. Anything else is unreadable, and the importer reports the row.
"""

from __future__ import annotations

import re
from typing import Any

from engine.document import RELATION_SV
from engine.models import Condition, FactType
from engine.ruleset import RuleSet

UNITS = {
    "kr": 1, "kronor": 1, "sek": 1, ":-": 1, "tkr": 1_000, "tsek": 1_000, "tusen kronor": 1_000,
    "mkr": 1_000_000, "mnkr": 1_000_000, "msek": 1_000_000, "miljoner kronor": 1_000_000, "miljon kronor": 1_000_000,
    "euro": 1, "eur": 1, "€": 1,
}
PBB_UNITS = {"pbb", "prisbasbelopp", "basbelopp", "prisbasbelopp (pbb)", "x pbb", "ggr pbb", "gånger prisbasbeloppet",
             "prisbasbeloppet", "pbb:er"}
MAX_WORDS = r"högst|max(?:imalt|imum)?\.?|upp till|till och med|t\.o\.m\.|under|inom|≤|<=|<"
MIN_WORDS = r"minst|lägst|över|från|≥|>=|>"
_unit_re = "|".join(sorted((re.escape(u) for u in [*UNITS, *PBB_UNITS]), key=len, reverse=True))
LIMIT_RE = re.compile(
    rf"^(?:(?P<max>{MAX_WORDS})|(?P<min>{MIN_WORDS}))?\s*"
    rf"(?P<num>\d[\d\s\u00a0.,]*?)\s*(?P<unit>{_unit_re})?\s*\.?$",
    re.IGNORECASE,
)
EQUALS_RE = re.compile(r"^(?P<fact>[a-z_][a-z0-9_]*)\s*(?:=|är)\s*(?P<value>.+)$", re.IGNORECASE)
TRUE_WORDS = {"ja", "j", "x", "yes", "true", "sant", "1"}
FALSE_WORDS = {"nej", "n", "no", "false", "falskt", "0", "-"}


class LimitError(ValueError):
    """A limit text that cannot be read."""


def parse_number(text: str) -> float:
    """'300 000' -> 300000, '1,5' -> 1.5, '1.500.000' -> 1500000, '2.5' -> 2.5."""
    t = text.replace("\u00a0", "").replace(" ", "").strip()
    if re.fullmatch(r"\d{1,3}(\.\d{3})+", t):
        t = t.replace(".", "")
    elif re.fullmatch(r"\d{1,3}(,\d{3})+", t):
        t = t.replace(",", "")
    t = t.replace(",", ".")
    try:
        return float(t)
    except ValueError:
        raise LimitError(f"unreadable number `{text}`") from None


def known_texts(rs: RuleSet) -> dict[str, Condition]:
    """The limit texts the rule set already uses, folded, with the condition each stands for."""
    out: dict[str, Condition] = {}
    for doc in rs.documents.values():
        for point in doc.points:
            for cond in point.limits:
                if cond.text is not None:
                    out.setdefault(_fold(cond.text.sv), cond)
    return out


def _fold(text: str) -> str:
    return " ".join(text.casefold().replace("\u00a0", " ").split()).rstrip(".")


def _value(raw: str, ftype: FactType | None) -> Any:
    low = raw.strip().casefold()
    if low in TRUE_WORDS:
        return True
    if low in FALSE_WORDS:
        return False
    if ftype in (FactType.amount, FactType.number):
        return parse_number(raw)
    return raw.strip()


def parse_limit(text: str, rs: RuleSet, known: dict[str, Condition] | None = None) -> Condition:
    """One limit text as a condition; `LimitError` naming what is wrong otherwise."""
    folded = _fold(text)
    if known is None:
        known = known_texts(rs)
    if folded in known:
        return known[folded]
    for relation, phrase in RELATION_SV.items():
        if folded == _fold(phrase):
            return Condition(fact="employee_reports_to", relation=relation)  # type: ignore[arg-type]
    first, _, rest = folded.partition(" ")
    named = first if rest and re.fullmatch(r"[a-z_][a-z0-9_]*", first) and (first in rs.facts or "_" in first) else None
    m = LIMIT_RE.match(rest if named else folded)
    if m and m.group("num"):
        fact = named or "amount"
        if fact not in rs.facts:
            raise LimitError(f"unknown fact `{fact}` in limit `{text}`")
        number = parse_number(m.group("num"))
        unit = (m.group("unit") or "").casefold()
        is_amount = rs.facts[fact].type == FactType.amount
        if unit and not is_amount:
            raise LimitError(f"limit `{text}`: `{fact}` is not an amount, so `{unit}` makes no sense")
        if not unit and is_amount and not named:
            raise LimitError(f"limit `{text}` has no unit (kr, tkr, mkr or prisbasbelopp)")
        if m.group("min"):
            if unit in PBB_UNITS:
                raise LimitError(f"limit `{text}`: a lower limit in prisbasbelopp is not supported")
            return Condition(fact=fact, min=number * UNITS.get(unit, 1))
        if unit in PBB_UNITS:
            return Condition(fact=fact, max_pbb=number)
        return Condition(fact=fact, max=number * UNITS.get(unit, 1))
    e = EQUALS_RE.match(text.strip())
    if e and e.group("fact") in rs.facts:
        fdef = rs.facts[e.group("fact")]
        return Condition(fact=fdef.id, equals=_value(e.group("value"), fdef.type))
    raise LimitError(f"unreadable limit `{text}` (write e.g. `högst 5 prisbasbelopp`, `300 tkr`, "
                     "`within_budget = ja`, or a limit text the rule set already uses)")


def parse_limits(cell: str, rs: RuleSet, known: dict[str, Condition] | None = None) -> list[Condition]:
    """A Begränsning cell: limits separated by `;` or new lines."""
    parts = [p.strip() for p in re.split(r"[;\n]", cell or "") if p.strip()]
    known = known_texts(rs) if known is None else known
    return [parse_limit(p, rs, known) for p in parts]
