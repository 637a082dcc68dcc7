"""The HTTP service under hostile input, slow clients, load and a crash: a real `mandat serve` on 127.0.0.1.

- schemathesis, driven by /openapi.json, finds no 5xx and no body that breaks its declared schema;
- bodies over the limit get 413, whether announced (Content-Length) or streamed (chunked);
- clients that send their bodies a byte at a time do not hold up anyone else;
- a 60-second load at the service's capacity ends with no error, every answer the engine's (slow);
- SIGKILL in the middle of a load leaves a decision log that opens clean and holds every answer the
  clients got before the kill (slow).

A longer run of the body fuzzing: `FUZZ_HTTP=5000 python -m pytest tests/test_service_robustness.py -k fuzz_http`.
"""

from __future__ import annotations

import itertools
import json
import os
import signal
import socket
import sqlite3
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.errors import Unsatisfiable
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
    unsupported_method,
)

from engine import api
from engine.decisionlog import DecisionLog
from tests.serving import Server, make_rules

KEY = "robust-key"
AUTH = {"Authorization": f"Bearer {KEY}"}


def Served(rules: Path, tmp: Path, *args: str) -> Server:  # noqa: N802 - reads as the class it was
    """The server with this module's key and a cache of its own."""
    return Server(rules, tmp, {"MANDAT_API_KEYS": KEY, "MANDAT_CACHE": str(tmp / "cache")}, *args)


@pytest.fixture(scope="module")
def rules(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_rules(tmp_path_factory.mktemp("robust-rules"))


@pytest.fixture(scope="module")
def server(rules: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    tmp = tmp_path_factory.mktemp("robust")
    served = Served(rules, tmp, "--max-audit-body", "100000", "--log", str(tmp / "answers.sqlite"))
    yield served
    served.stop()
    assert "Traceback" not in served.out.read_text(), served.out.read_text()[-3000:]


# -- the OpenAPI contract -------------------------------------------------------------------------


EXAMPLES_PER_OPERATION = 40
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance,
          unsupported_method]


def test_openapi_contract(server: Served) -> None:
    """Every operation of /openapi.json (but reload) with schemathesis-generated requests: no 5xx, no status
    or content type the schema does not declare, every body as declared, 405 with `Allow`."""
    schema = schemathesis.openapi.from_url(f"{server.url}/openapi.json", headers=AUTH)
    operations = [result.ok() for result in schema.get_all_operations()]
    operations = [op for op in operations if op.path != "/v1/reload"]
    assert len(operations) >= 10
    calls = {"n": 0}
    for operation, mode in itertools.product(operations, schemathesis.GenerationMode):

        @settings(max_examples=EXAMPLES_PER_OPERATION, deadline=None, derandomize=True, database=None,
                  suppress_health_check=list(HealthCheck))
        @given(case=operation.as_strategy(mode))
        def run(case: Any) -> None:
            calls["n"] += 1
            case.call_and_validate(headers=AUTH, timeout=30, checks=CHECKS)

        try:
            run()
        except Unsatisfiable:  # an operation without parameters has no invalid request to generate
            assert mode == schemathesis.GenerationMode.NEGATIVE and not operation.definition.raw.get("parameters")
    print(f"\nschemathesis: {calls['n']} requests over {len(operations)} operations")
    assert calls["n"] > 10 * len(operations)


JSONISH = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
                       lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=12), inner, max_size=4),
                       max_leaves=10)
QUESTIONISH = st.fixed_dictionaries({}, optional={
    "municipality": st.sampled_from(["provby", "PROVBY", "nowhere", ""]) | JSONISH,
    "actor": st.sampled_from(["ekonomichef", "kf", "ks-ordf"]) | JSONISH,
    "matter": st.sampled_from(["upphandling", "budget"]) | JSONISH,
    "facts": st.dictionaries(st.sampled_from(["amount", "urgent", "x"]), JSONISH, max_size=3) | JSONISH,
    "date": st.sampled_from(["2025-03-01", "2025-02-30", ""]) | JSONISH,
    "lang": st.sampled_from(["sv", "en", "fi"]) | JSONISH, "explain": JSONISH,
})


def test_fuzz_http_bodies(server: Served) -> None:
    """Raw bodies, near-questions and registers posted with any content type: never a 5xx, errors as problems."""
    seen: dict[int, int] = {}
    bodies = (st.binary(max_size=3000) | QUESTIONISH.map(lambda q: json.dumps(q).encode())
              | JSONISH.map(lambda v: json.dumps(v).encode())
              | st.text(max_size=500).map(lambda t: ("id,actor,matter,date\n" + t).encode()))
    with httpx.Client(base_url=server.url, headers=AUTH, timeout=30) as client:

        @settings(max_examples=int(os.environ.get("FUZZ_HTTP", "150")), deadline=None, derandomize=True,
                  database=None, suppress_health_check=list(HealthCheck))
        @given(path=st.sampled_from(["/v1/ask", "/v1/audit?municipality=provby", "/v1/audit?municipality=nowhere",
                                     "/v1/ask?x=%00"]),
               body=bodies, ctype=st.sampled_from(["application/json", "text/csv", "application/x-ndjson",
                                                   "text/plain", "application/json; charset=latin-1", ""]))
        def run(path: str, body: bytes, ctype: str) -> None:
            r = client.post(path, content=body, headers={"Content-Type": ctype} if ctype else {})
            seen[r.status_code] = seen.get(r.status_code, 0) + 1
            assert r.status_code < 500, (path, body[:200], r.text[:300])
            if r.status_code >= 400:
                assert r.headers["content-type"] == "application/problem+json" and r.json()["detail"], r.text

        run()
    print(f"\nfuzzed bodies by status: {seen}")
    assert seen.get(200, 0) > 5 and seen.get(422, 0) > 5, seen


# -- body limits and slow clients -----------------------------------------------------------------


QUESTION = {"municipality": "provby", "actor": "ekonomichef", "matter": "upphandling", "facts": {"amount": 5000},
            "date": "2025-03-01"}


def test_log_ids_out_of_range_are_not_found(server: Served, tmp_path: Path, rules: Path) -> None:
    """Regression: /v1/log/99999999999999999999 gave a 500 (OverflowError from SQLite)."""
    logged = Served(rules, tmp_path, "--log", str(tmp_path / "answers.sqlite"))
    try:
        for path in ("/v1/log/99999999999999999999", "/v1/log/9223372036854775808/replay", "/v1/log/0"):
            r = httpx.get(f"{logged.url}{path}", headers=AUTH, timeout=30)
            assert r.status_code == 404 and r.headers["content-type"] == "application/problem+json", (path, r.text)
        r = httpx.request("TRACE", f"{logged.url}/v1/rulesets", headers=AUTH, timeout=30)
        assert r.status_code == 405 and r.headers["allow"] == "GET"
    finally:
        logged.stop()
    assert "Traceback" not in logged.out.read_text()


def test_streamed_oversized_body_gets_413(server: Served) -> None:
    def chunks() -> Iterator[bytes]:
        yield b'{"municipality": "provby", "actor": "'
        for _ in range(100):
            yield b"x" * 1024
        yield b'"}'

    r = httpx.post(f"{server.url}/v1/ask", content=chunks(), headers={**AUTH, "Content-Type": "application/json"},
                   timeout=30)
    assert r.status_code == 413 and r.headers["content-type"] == "application/problem+json", r.text
    big_audit = "id,actor,matter,date\n" + "1,kf,budget,2025-03-01\n" * 10_000
    r = httpx.post(f"{server.url}/v1/audit?municipality=provby", content=big_audit.encode(),
                   headers={**AUTH, "Content-Type": "text/csv"}, timeout=30)
    assert r.status_code == 413, r.text
    assert httpx.post(f"{server.url}/v1/ask", json=QUESTION, headers=AUTH, timeout=30).status_code == 200


def _trickle(port: int, stop: threading.Event, sent: list[int]) -> None:
    """A client that announces a body and sends it a byte every 0.2 s, never finishing while `stop` is clear."""
    with socket.create_connection(("127.0.0.1", port), timeout=30) as s:
        s.sendall(b"POST /v1/ask HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + KEY.encode()
                  + b"\r\nContent-Type: application/json\r\nContent-Length: 4000\r\n\r\n{")
        while not stop.is_set():
            try:
                s.sendall(b" ")
            except OSError:
                return
            sent[0] += 1
            time.sleep(0.2)


def test_slow_clients_do_not_block_others(server: Served) -> None:
    stop, sent = threading.Event(), [0]
    slow = [threading.Thread(target=_trickle, args=(server.port, stop, sent), daemon=True) for _ in range(20)]
    for t in slow:
        t.start()
    time.sleep(1)
    try:
        with httpx.Client(base_url=server.url, headers=AUTH, timeout=30) as client:
            for _ in range(30):
                started = time.perf_counter()
                r = client.post("/v1/ask", json=QUESTION)
                assert r.status_code == 200 and r.json()["answer"] == "yes"
                assert time.perf_counter() - started < 2.0, "a slow client held up a question"
    finally:
        stop.set()
        for t in slow:
            t.join(5)
    assert sent[0] > 100  # the slow clients were still sending while the others were answered


# -- load -----------------------------------------------------------------------------------------


def questions(rules: Path) -> list[tuple[dict[str, Any], str]]:
    """Questions over the whole of provby, each with the answer the engine gives in-process."""
    m = api.load_path(rules / "municipalities" / "provby", rules / "statutes")
    out = []
    for actor, matter, amount in itertools.product(sorted(m.rules.actors), sorted(m.rules.matters),
                                                   (None, 5000, 150000, 5_000_000)):
        q = {"municipality": "provby", "actor": actor, "matter": matter, "date": "2025-03-01",
             "facts": {} if amount is None else {"amount": amount}}
        out.append((q, m.ask(actor, matter, facts=q["facts"], date=q["date"]).answer))
    return out


class Load:
    """`clients` threads asking questions in a loop until `stop`; every response is recorded."""

    def __init__(self, url: str, qs: list[tuple[dict[str, Any], str]], clients: int) -> None:
        self.url, self.qs = url, qs
        self.stop = threading.Event()
        self.ok = 0
        self.errors: list[str] = []
        self.logged: list[tuple[int, str]] = []
        self.lock = threading.Lock()
        self.threads = [threading.Thread(target=self._run, args=(i,), daemon=True) for i in range(clients)]

    def _run(self, offset: int) -> None:
        with httpx.Client(base_url=self.url, headers=AUTH, timeout=30) as client:
            for i in itertools.count(offset * 7):
                if self.stop.is_set():
                    return
                q, expected = self.qs[i % len(self.qs)]
                try:
                    r = client.post("/v1/ask", json=q)
                except httpx.TransportError as exc:
                    with self.lock:
                        self.errors.append(f"{type(exc).__name__}: {exc}")
                    if self.stop.is_set():
                        return
                    continue
                with self.lock:
                    if r.status_code != 200 or r.json()["answer"] != expected:
                        self.errors.append(f"{r.status_code} {r.text[:200]} (expected {expected})")
                    else:
                        self.ok += 1
                        if "x-mandat-log-id" in r.headers:
                            self.logged.append((int(r.headers["x-mandat-log-id"]), r.json()["answer"]))

    def run(self, seconds: float) -> float:
        """Run for `seconds`; the answers per second."""
        for t in self.threads:
            t.start()
        time.sleep(seconds)
        self.stop.set()
        for t in self.threads:
            t.join(60)
        return self.ok / seconds


@pytest.mark.slow
def test_sixty_seconds_at_capacity(server: Served, rules: Path) -> None:
    qs = questions(rules)
    rates = {}
    for clients in (1, 4, 16):  # find the capacity: the concurrency past which throughput stops growing
        probe = Load(server.url, qs, clients)
        rates[clients] = probe.run(4)
        assert not probe.errors, probe.errors[:5]
    best = max(rates, key=lambda c: rates[c])
    load = Load(server.url, qs, best)
    rate = load.run(60)
    print(f"\nload: {rates} answers/s by clients; 60 s at {best} clients: {load.ok} answers, {rate:.0f}/s, "
          f"{len(load.errors)} errors")
    assert not load.errors, load.errors[:5]
    assert load.ok > 60 and rate > 0.5 * rates[best]


@pytest.mark.slow
def test_sigkill_during_load_keeps_the_decision_log(rules: Path, tmp_path: Path) -> None:
    log = tmp_path / "answers.sqlite"
    served = Served(rules, tmp_path, "--log", str(log))
    load = Load(served.url, questions(rules), 8)
    for t in load.threads:
        t.start()
    time.sleep(8)
    served.proc.send_signal(signal.SIGKILL)
    served.proc.wait(15)
    load.stop.set()
    for t in load.threads:
        t.join(60)
    got = list(load.logged)
    assert len(got) > 100, f"only {len(got)} answers before the kill"
    with sqlite3.connect(log) as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    with DecisionLog(log) as db:
        assert db.count() >= len(got)
        for entry_id, answer in got:
            assert db.get(entry_id).answer.answer == answer, entry_id
    print(f"\nSIGKILL after {len(got)} logged answers; the log holds {len(got)} of them and opens clean")
