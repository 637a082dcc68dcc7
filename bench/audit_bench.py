"""The audit section of the benchmark: `mandat audit` over 1,000,000 rows as a whole process."""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path

from bench.proc import measure_rss
from bench.report import _mandat_cmd, show


def _audit_file(path: Path, questions: list[dict], rows: int) -> None:
    facts = sorted({f for q in questions for f in q["facts"]})
    with path.open("w", encoding="utf-8") as f:
        f.write(",".join(["id", "date", "actor", "matter", "point", *(f"fact.{x}" for x in facts)]) + "\n")
        for i in range(rows):
            q = questions[i % len(questions)]
            values = [str(q["facts"].get(x, "")) for x in facts]
            f.write(",".join([f"D{i}", q["date"], q["actor"], q["matter"], "", *values]) + "\n")


def bench_audit(rules: Path, questions: list[dict], rows: int, env: dict[str, str], work: Path) -> None:
    if importlib.util.find_spec("engine.audit") is None:
        show("audit", "not available (engine/audit.py)")
        return
    path = work / "register.csv"
    _audit_file(path, questions, rows)
    cmd = [*_mandat_cmd(), "audit", "-m", "storstad", "--rules", str(rules), str(path), "--no-progress",
           "-o", os.devnull]
    run = measure_rss(cmd, env)
    if run.code not in (0, 1, 2):
        show("audit", f"failed ({run.code}): {run.err.strip()[-160:]}")
        return
    show(f"audit {rows:,} rows, whole process", f"{run.wall:.1f} s (CPU {run.cpu:.1f} s), {rows / run.wall:,.0f} rows/s",
         f"≤ {60 * rows / 1_000_000:g} s", run.wall <= 60 * rows / 1_000_000)
    show("audit peak RSS", f"{run.rss_mb:.0f} MB", "< 300 MB", run.rss_mb < 300)
