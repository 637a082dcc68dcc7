"""Run a child process and measure it: wall time, peak RSS (from wait4), output, exit code."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


@dataclass
class Run:
    wall: float  # seconds
    rss_mb: float  # peak resident set of the child
    out: str
    err: str
    code: int
    cpu: float = 0.0  # user + system seconds of the child (what the machine's other load does not inflate)


def measure_rss(cmd: list[str], env: dict[str, str] | None = None) -> Run:
    """Run `cmd` to the end; reaped with wait4, so the peak RSS is that one child's own."""
    import tempfile

    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        started = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, stderr=err, stdin=subprocess.DEVNULL,
                                env={**os.environ, **(env or {})}, cwd=ROOT, text=True)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - started
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return Run(wall, usage.ru_maxrss / 1024, out.read(), err.read(), proc.returncode,
                   usage.ru_utime + usage.ru_stime)


def python(*args: str) -> list[str]:
    return [sys.executable, *args]
