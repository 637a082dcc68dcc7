"""Judging the rows of an audit in worker processes forked after the rule set is loaded (engine/audit.py).

The parent reads the register and writes the verdicts; batches of rows go to the workers and their verdicts
come back in the order of the rows, with a bounded number of batches in flight, so memory stays flat and the
output is the same row for row as judging in one process. A register of one batch is judged in-process.
A worker that dies ends the audit with an error (`BrokenProcessPool`): an audit never finishes with a row unjudged.
"""

from __future__ import annotations

import gc
import itertools
import multiprocessing
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any

from engine.audit import Judge, Verdict
from engine.audit_read import RegisterRow

BATCH = 1_000  # rows per task
AHEAD = 3  # batches in flight per worker

_judge: Judge | None = None  # the worker's own, set when it starts
_batches = 0


def _start(mandat: Any, lang: str) -> None:
    global _judge
    # the inherited rule set is never collected, nor its pages touched by the collector; a batch lives long
    # enough to reach the oldest generation, so automatic collection would walk it all again and again
    gc.freeze()
    gc.disable()
    _judge = Judge(mandat, lang)


def _judge_rows(rows: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    """Verdicts for a batch of decisions, each passed as the tuple of its fields (cheaper to send)."""
    global _batches
    assert _judge is not None
    _batches += 1
    gc.collect(1 if _batches % 100 else 2)  # what the last batch left, and now and then everything
    return [_judge(RegisterRow(*row)).fields() for row in rows]


def audit(mandat: Any, decisions: Iterable[RegisterRow], lang: str, workers: int) -> Iterator[Verdict]:
    """The verdict on each decision, in order, judged by `workers` forked processes."""
    rows = iter(decisions)
    batch = list(itertools.islice(rows, BATCH))
    if len(batch) < BATCH:
        judge = Judge(mandat, lang)
        yield from (judge(d) for d in batch)
        return
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_start, initargs=(mandat, lang)) as pool:
        pending: deque[Future[list[tuple[Any, ...]]]] = deque()
        while batch:
            pending.append(pool.submit(_judge_rows, [d.fields() for d in batch]))
            if len(pending) >= AHEAD * workers:
                yield from (Verdict(*v) for v in pending.popleft().result())
            batch = list(itertools.islice(rows, BATCH))
        while pending:
            yield from (Verdict(*v) for v in pending.popleft().result())
