"""Shared fixtures: the bundled rule sets, loaded once per session."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from engine import api  # noqa: E402


@pytest.fixture(scope="session")
def vara() -> api.Mandat:
    return api.load("vara")


@pytest.fixture(scope="session")
def rules_dir() -> Path:
    return ROOT / "rules"
