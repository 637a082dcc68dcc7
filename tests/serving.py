"""A real `mandat serve` in a subprocess on 127.0.0.1, for the service tests (test_service, test_service_robustness)."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "tests" / "fixtures" / "rulesets" / "provby"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def make_rules(base: Path, broken: bool = False) -> Path:
    """A rules directory: the statute layer and provby (and, if asked, a municipality that does not load)."""
    rules = base / "rules"
    shutil.copytree(ROOT / "rules" / "statutes", rules / "statutes")
    shutil.copytree(FIXTURE, rules / "municipalities" / "provby")
    if broken:
        target = rules / "municipalities" / "trasig"
        shutil.copytree(FIXTURE, target)
        text = (target / "provby.yaml").read_text(encoding="utf-8").replace("id: provby", "id: trasig")
        (target / "provby.yaml").write_text(text.replace("delegate: ekonomichef", "delegat: ekonomichef"),
                                            encoding="utf-8")
    return rules


class Server:
    """`python -m cli.main serve` in a subprocess, and an httpx client for it."""

    def __init__(self, rules: Path, tmp: Path, keys: dict[str, str], *args: str) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.out = tmp / f"server-{self.port}.out"
        env = {k: v for k, v in os.environ.items() if not k.startswith("MANDAT_")}
        env.update(keys)
        cmd = [sys.executable, "-m", "cli.main", "serve", "--host", "127.0.0.1", "--port", str(self.port),
               "--rules", str(rules), *args]
        with self.out.open("w") as out:
            self.proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
        self.client = httpx.Client(base_url=self.url, timeout=30)
        deadline = time.monotonic() + 90
        while True:
            if self.proc.poll() is not None:
                raise AssertionError(f"the server exited {self.proc.returncode}: {self.out.read_text()}")
            try:
                if self.client.get("/healthz").status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                self.stop()
                raise AssertionError(f"the server did not start: {self.out.read_text()}")
            time.sleep(0.1)

    def stop(self) -> None:
        self.client.close()
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
