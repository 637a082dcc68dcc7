"""Answers do not depend on threads, on order, or on what was asked before; engine state does not grow."""

from __future__ import annotations

import gc
import itertools
import tracemalloc
from concurrent.futures import ThreadPoolExecutor

QUESTIONS = [
    (actor, matter, facts, day)
    for actor in ("kommundirektor", "ks", "ks-au", "ekonomichef", "enhetschef", "kf", "hr-chef")
    for matter in ("upphandling", "budget", "yttrande-till-kf", "anstallning-personal", "anstallning-forvaltningschef")
    for facts in ({}, {"amount": 50_000}, {"amount": 2_000_000}, {"conflict_of_interest": True})
    for day in ("2024-01-01", "2025-03-01")
]


def key(answer):
    return answer.model_dump_json()


def test_eight_threads_agree_with_one(vara):
    single = [key(vara.ask(a, m, f, d)) for a, m, f, d in QUESTIONS]
    with ThreadPoolExecutor(max_workers=8) as pool:
        for _ in range(3):
            threaded = list(pool.map(lambda q: key(vara.ask(*q)), QUESTIONS))
            assert threaded == single


def test_order_does_not_matter(vara):
    forward = {q[:2] + (str(q[2]), q[3]): key(vara.ask(*q)) for q in QUESTIONS}
    backward = {q[:2] + (str(q[2]), q[3]): key(vara.ask(*q)) for q in reversed(QUESTIONS)}
    assert forward == backward


def test_no_growth_of_engine_state_over_10000_questions(vara):
    chains_before = {k: v for k, v in vara.authority.chains.items()}
    questions = list(itertools.islice(itertools.cycle(QUESTIONS), 10_000))
    for q in questions[:500]:  # warm caches
        vara.ask(*q)
    gc.collect()
    tracemalloc.start()
    start, _ = tracemalloc.get_traced_memory()
    for q in questions:
        vara.ask(*q)
    gc.collect()
    end, _ = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert end - start < 200_000, f"memory grew by {end - start} bytes over 10,000 questions"
    assert vara.authority.chains == chains_before
