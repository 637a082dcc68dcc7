"""Case facts: parse them from text (`amount=300000`), check them against the rule set's fact list.

A fact a question does not give is unknown, never a default: a condition on it makes the answer
"depends".
"""

from __future__ import annotations

import datetime as dt
import math
import re
from typing import TYPE_CHECKING, Any

from engine.errors import UsageError, did_you_mean
from engine.models import FactType

if TYPE_CHECKING:
    from engine.ruleset import RuleSet

_TRUE = {"true", "yes", "ja", "1", "sant", "j", "y"}
_FALSE = {"false", "no", "nej", "0", "falskt", "n"}
MAX_AMOUNT = 1e15


def parse_bool(fact: str, value: Any) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value).strip().casefold()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise UsageError(f"fact `{fact}`: {value!r} is not yes/no (write ja/nej or true/false)")


def parse_number(fact: str, value: Any) -> float:
    if isinstance(value, bool):
        raise UsageError(f"fact `{fact}`: {value!r} is not a number")
    if isinstance(value, int | float):
        number = float(value)
    else:
        text = re.sub(r"[\s\u00a0_]", "", str(value)).casefold()
        scale = 1.0
        for suffix, factor in (("mkr", 1e6), ("tkr", 1e3), ("kronor", 1.0), ("kr", 1.0), ("sek", 1.0), ("eur", 1.0), ("€", 1.0)):
            if text.endswith(suffix):
                text, scale = text[: -len(suffix)], factor
                break
        text = text.replace(",", ".")
        try:
            number = float(text) * scale
        except ValueError:
            raise UsageError(f"fact `{fact}`: {value!r} is not a number") from None
    if math.isnan(number) or math.isinf(number) or abs(number) > MAX_AMOUNT:
        raise UsageError(f"fact `{fact}`: {value!r} is not a usable number")
    return number


def normalise_facts(rs: RuleSet, raw: dict[str, Any]) -> dict[str, Any]:
    """Facts checked against the rule set's list and converted to their types."""
    out: dict[str, Any] = {}
    for name, value in raw.items():
        fact = rs.facts.get(name)
        if fact is None:
            raise UsageError(f"unknown fact `{name}`{did_you_mean(name, rs.facts)} (see `mandat facts`)")
        if value is None:
            continue
        if fact.type == FactType.boolean:
            out[name] = parse_bool(name, value)
        elif fact.type in (FactType.amount, FactType.number):
            number = parse_number(name, value)
            if fact.type == FactType.amount and number < 0:
                raise UsageError(f"fact `{name}`: an amount cannot be negative")
            out[name] = int(number) if number.is_integer() else number
        elif fact.type == FactType.actor:
            if str(value) not in rs.actors:
                raise UsageError(f"fact `{name}`: unknown actor `{value}`{did_you_mean(str(value), rs.actors)}")
            out[name] = str(value)
        else:
            text = str(value)
            if fact.values and text not in fact.values:
                raise UsageError(f"fact `{name}`: {text!r} is not one of {', '.join(fact.values)}")
            out[name] = text
    return out


def parse_fact_args(args: list[str] | tuple[str, ...]) -> dict[str, str]:
    """`KEY=VALUE` strings from the command line into a dict (values still text)."""
    out: dict[str, str] = {}
    for arg in args:
        key, sep, value = arg.partition("=")
        if not sep or not key.strip():
            raise UsageError(f"--fact {arg!r}: write it as KEY=VALUE, e.g. --fact amount=300000")
        out[key.strip()] = value.strip()
    return out


def parse_date(value: str | dt.date | None) -> dt.date:
    """The question's date: today when not given; YYYY-MM-DD otherwise."""
    if value is None or value == "":
        return dt.date.today()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        raise UsageError(f"{value!r} is not a date; write it as YYYY-MM-DD, e.g. 2025-03-01") from None
