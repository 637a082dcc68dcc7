"""The HTTP section of the benchmark: `mandat serve` under 32 concurrent connections from bench/load.py."""

from __future__ import annotations

import importlib.util
import json
import os
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

from bench.proc import measure_rss, python
from bench.report import _mandat_cmd, show

ROOT = Path(__file__).resolve().parents[1]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _peak_rss_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return float("nan")


def _cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far (0 where /proc is not there)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return 0.0


def bench_http(rules: Path, qfile: Path, seconds: float, env: dict[str, str]) -> None:
    if importlib.util.find_spec("fastapi") is None or importlib.util.find_spec("service.app") is None:
        show("HTTP", "not available (service/ or its extra)")
        return
    port = _free_port()
    server = subprocess.Popen([*_mandat_cmd(), "serve", "--rules", str(rules), "--port", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=ROOT,
                              env={k: v for k, v in {**os.environ, **env}.items()
                                   if k not in ("MANDAT_API_KEYS", "MANDAT_ADMIN_KEYS", "MANDAT_LOG")})
    try:
        deadline = time.time() + 120
        while time.time() < deadline:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1).read()
                break
            except OSError:
                if server.poll() is not None:
                    show("HTTP", f"server exited: {server.stderr.read().decode()[-160:] if server.stderr else ''}")
                    return
                time.sleep(0.3)
        for path, label in (("/v1/ask", "HTTP /v1/ask"), ("/v1/decide", "HTTP /v1/decide")):
            _load_run(server.pid, port, qfile, seconds, env, path, label)
    finally:
        server.terminate()
        try:
            server.wait(10)
        except subprocess.TimeoutExpired:
            server.kill()


def _load_run(pid: int, port: int, qfile: Path, seconds: float, env: dict[str, str], path: str, label: str) -> None:
    """The load process against one route of the server: rate, latency, errors, CPU and peak RSS."""
    load = python("-m", "bench.load", "127.0.0.1", str(port), str(qfile), "--connections", "32", "--path", path)
    measure_rss([*load, "--seconds", "2"], env)  # warm-up
    cpu = _cpu_seconds(pid)
    run = measure_rss([*load, "--seconds", str(seconds)], env)
    cpu = _cpu_seconds(pid) - cpu
    fig = json.loads(run.out)
    show(f"{label} questions/s, 32 connections", f"{fig['qps']:,.0f} q/s", "≥ 1,500 q/s", fig["qps"] >= 1500)
    show(f"{label} latency p50 / p99", f"{fig['p50_ms']:.1f} / {fig['p99_ms']:.1f} ms", "p99 < 50 ms",
         fig["p99_ms"] < 50)
    show(f"{label} errors", f"{fig['errors']} of {fig['requests']:,}", "0", fig["errors"] == 0)
    for sample in fig["error_sample"]:
        print(f"    error: {sample}")
    if fig["requests"] and cpu:
        show(f"{label} CPU per question: server / load process",
             f"{cpu / fig['requests'] * 1e6:.0f} / {run.cpu / fig['requests'] * 1e6:.0f} µs")
    show(f"{label} peak RSS: server / load process", f"{_peak_rss_mb(pid):.0f} / {run.rss_mb:.0f} MB")
