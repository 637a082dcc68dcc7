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


@pytest.fixture(scope="session")
def provby_rules(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A rules directory of the statute layer and the provby test municipality (read only: the audit tests)."""
    import shutil

    base = tmp_path_factory.mktemp("provby") / "rules"
    shutil.copytree(ROOT / "rules" / "statutes", base / "statutes")
    shutil.copytree(ROOT / "tests" / "fixtures" / "rulesets" / "provby", base / "municipalities" / "provby")
    return base


@pytest.fixture(scope="session")
def provby(provby_rules: Path) -> api.Mandat:
    return api.load("provby", provby_rules)
