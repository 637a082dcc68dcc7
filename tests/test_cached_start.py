"""A rule set read back from the cache answers without the YAML parser, durable-rules or the checker:
they are imported only where rule files are read, derived and checked (a shorter cold start for `mandat ask`)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PROBE = """
import sys
from engine import api
m = api.load("vara")
assert m.ask("kommundirektören", "upphandling", facts={"amount": 300000}, date="2025-03-01").basis
print(",".join(x for x in ("yaml", "durable", "durable_rules_engine", "engine.validate", "engine.yamlsrc")
               if x in sys.modules))
"""


def test_a_cached_rule_set_answers_without_parser_inference_or_checker(tmp_path: Path) -> None:
    env = {**os.environ, "MANDAT_CACHE": str(tmp_path)}
    first = subprocess.run([sys.executable, "-c", PROBE], env=env, cwd=ROOT, capture_output=True, text=True)
    assert first.returncode == 0, first.stderr
    assert "yaml" in first.stdout and "engine.validate" in first.stdout  # built: read and checked (derived in a child)
    again = subprocess.run([sys.executable, "-c", PROBE], env=env, cwd=ROOT, capture_output=True, text=True)
    assert again.returncode == 0, again.stderr
    assert again.stdout.strip() == ""
