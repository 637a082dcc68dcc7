"""Helpers for the tests of issue 10 (export, import, diff, graph, report): the fixture rule sets."""

from __future__ import annotations

from pathlib import Path

from engine import api
from engine.models import Document, Point

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "lawdoc"
STATUTES = ROOT / "rules" / "statutes"


def load_testby(version: str = "a") -> api.Mandat:
    """The small test municipality (tests/fixtures/lawdoc/testby-a, -b).

    It holds a point the statute cuts (a statement to the council delegated, KL 6:38 p.2) so that the
    export, the graph and the diff show prohibitions; `mandat check` refuses it, so it is loaded unchecked.
    """
    return api.load_path(FIXTURES / f"testby-{version}", STATUTES, validate=False)


def point_key(doc: Document, p: Point) -> tuple:
    """What a point means as a rule, without its provenance (source, assumed), for round-trip comparisons."""
    return (p.point, tuple(p.all_matters), p.delegate, tuple(k.value for k in p.delegate_each), p.substitute,
            (p.kind or doc.kind).value, p.under, p.vidaredelegation,
            doc.reporting if p.reporting is None else p.reporting, tuple(p.refs),
            tuple(sorted(str(c.model_dump(exclude_none=True)) for c in p.limits)), p.note.sv if p.note else None)


def points_of(doc: Document) -> list[tuple]:
    return sorted(point_key(doc, p) for p in doc.points)


FEATURE = """# language: sv
Egenskap: Testby — upphandling och yttranden
  Kommundirektören upphandlar enligt punkt 2.1; yttranden till fullmäktige får inte delegeras.

  Bakgrund:
    Givet regelverket i "tests/fixtures/lawdoc/testby-a"
    Och datumet är 2025-03-01

  Scenario: Kommundirektören upphandlar inom tio prisbasbelopp
    Givet beloppet är 300 000 kr
    När kommundirektören ska besluta om "upphandling"
    Så får kommundirektören besluta
    Och grunden innehåller "KL 7:5"

  Scenario: Ett medvetet felaktigt påstående om yttranden
    När kommundirektören ska besluta om "yttrande-till-kf"
    Så får kommundirektören besluta
    Och grunden innehåller "KL 7:5"
"""


def write_features(directory: Path) -> Path:
    """A tiny feature directory (one passing and one failing scenario) wired to the step library."""
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "testby.feature").write_text(FEATURE, encoding="utf-8")
    (directory / "conftest.py").write_text("from features.steps.library import *  # noqa: F401,F403\n")
    (directory / "test_testby_features.py").write_text("from pytest_bdd import scenarios\n\nscenarios('.')\n")
    return directory
