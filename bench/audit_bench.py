"""The audit section of the benchmark: `mandat audit` over 1,000,000 rows as a whole process."""

from __future__ import annotations

import datetime as dt
import importlib.util
import os
import random
from pathlib import Path

from bench.proc import measure_rss
from bench.report import _mandat_cmd, show

FIRST, LAST = dt.date(2020, 7, 1), dt.date(2026, 12, 31)


def _vary(rnd: random.Random, value: object) -> str:
    """A fact value as another decision of the same kind would give it: amounts spread around the drawn one."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return str(value)
    return str(max(0, round(value * rnd.uniform(0.6, 1.4))))


def _audit_file(path: Path, questions: list[dict], rows: int, seed: int = 8) -> None:
    """A register of `rows` decisions: the drawn questions' actors, matters and facts, but each row its own
    date over the years and its own amounts around the limits (seeded), so no two rows need be the same."""
    rnd = random.Random(seed)
    facts = sorted({f for q in questions for f in q["facts"]})
    span = (LAST - FIRST).days
    with path.open("w", encoding="utf-8") as f:
        f.write(",".join(["id", "date", "actor", "matter", "point", *(f"fact.{x}" for x in facts)]) + "\n")
        for i in range(rows):
            q = questions[rnd.randrange(len(questions))]
            day = FIRST + dt.timedelta(days=rnd.randrange(span))
            values = [_vary(rnd, q["facts"][x]) if x in q["facts"] else "" for x in facts]
            f.write(",".join([f"D{i}", day.isoformat(), q["actor"], q["matter"], "", *values]) + "\n")


def bench_audit(rules: Path, questions: list[dict], rows: int, env: dict[str, str], work: Path) -> None:
    if importlib.util.find_spec("engine.audit") is None:
        show("audit", "not available (engine/audit.py)")
        return
    path = work / "register.csv"
    _audit_file(path, questions, rows)
    cmd = [*_mandat_cmd(), "audit", "-m", "storstad", "--rules", str(rules), str(path), "--no-progress",
           "-o", os.devnull]
    load = os.getloadavg()[0]
    run = measure_rss(cmd, env)
    if run.code not in (0, 1, 2):
        show("audit", f"failed ({run.code}): {run.err.strip()[-160:]}")
        return
    show(f"audit {rows:,} rows, whole process", f"{run.wall:.1f} s (CPU {run.cpu:.1f} s), {rows / run.wall:,.0f} rows/s",
         f"≤ {60 * rows / 1_000_000:g} s", run.wall <= 60 * rows / 1_000_000)
    show("audit peak RSS", f"{run.rss_mb:.0f} MB", "< 300 MB", run.rss_mb < 300)
    print(f"    load average {load:.1f} before, {os.getloadavg()[0]:.1f} after; {run.out.strip()[-160:]}")
