"""`mandat graph`: the chains of authority as Graphviz pictures."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

import pytest

from engine import graph
from tests.lawdoc import load_testby

DAY = dt.date(2025, 3, 1)


def _edge(dot: str, src: str, dst: str) -> str:
    line = next((x for x in dot.splitlines() if x.strip().startswith(f'"{src}" -> "{dst}"')), None)
    assert line is not None, f"no edge {src} -> {dst}"
    return line


def test_matter_chain_is_labelled_with_points_and_limits():
    dot = graph.dot_source(load_testby(), DAY, matter="upphandling")
    assert "ks-reglemente p. 1" in _edge(dot, "kf", "ks")
    assert "ks-do p. 2.1 [≤ 10 pbb]" in _edge(dot, "ks", "kommundirektor")
    assert "ks-do p. 2.2 [≤ 2 000 000 kr]" in _edge(dot, "ks", "ks-au")
    assert "kd-vidaredelegation p. V1 [≤ 2 pbb]" in _edge(dot, "kommundirektor", "ekonomichef")


def test_prohibitions_cut_the_chain_where_they_apply():
    dot = graph.dot_source(load_testby(), DAY, matter="yttrande-till-kf")
    cut = _edge(dot, "ks", "kommundirektor")
    assert "✗ KL 6:38 p.2" in cut and "color=red3" in cut
    urgent = _edge(dot, "ks", "ks-ordf")
    assert "KL 6:39 om urgent = nej" in urgent and "dashed" in urgent
    assert "red3" not in _edge(dot, "kf", "ks")


def test_a_matter_only_the_council_decides_shows_the_provision():
    dot = graph.dot_source(load_testby(), DAY, matter="budget")
    assert "KL 5:1 p.2" in dot and "shape=note" in dot


def test_actor_and_organisation_views():
    m = load_testby()
    dot = graph.dot_source(m, DAY, actor="ekonomichef")
    assert "Beslut om upphandling: kd-vidaredelegation p. V1" in _edge(dot, "kommundirektor", "ekonomichef")
    assert "hyresavtal" not in dot.lower()  # 6.1 is not in force yet
    whole = graph.dot_source(m, DAY)
    assert '"ks" -> "kommundirektor"' in whole and "style=dotted" in whole  # grants and reporting lines


def test_render_svg_and_png():
    dot = graph.dot_source(load_testby(), DAY, matter="upphandling")
    svg = graph.render(dot, "svg")
    assert b"<svg" in svg and "kommundirektören".encode() in svg
    assert graph.render(dot, "png")[:8] == b"\x89PNG\r\n\x1a\n"


def test_missing_graphviz_is_a_one_line_error(monkeypatch):
    monkeypatch.setattr(graph.shutil, "which", lambda _name: None)
    with pytest.raises(graph.GraphError, match="graphviz"):
        graph.render("digraph {}", "svg")


def test_cli_on_a_bundled_municipality(tmp_path):
    out = tmp_path / "g.svg"
    p = subprocess.run([sys.executable, "-m", "cli.main", "graph", "-m", "vara", "upphandling", "-d", "2025-03-01",
                        "--format", "svg", "--out", str(out)], capture_output=True, text=True, timeout=120)
    assert p.returncode == 0, p.stderr
    assert "<svg" in out.read_text() and "kommundirektören" in out.read_text()
    p = subprocess.run([sys.executable, "-m", "cli.main", "graph", "-m", "vara", "--actor", "nobody"],
                       capture_output=True, text=True, timeout=120)
    assert p.returncode == 64 and "unknown actor" in p.stderr


def test_one_question_draws_only_its_own_chains():
    dot = graph.dot_source(load_testby(), DAY, matter="upphandling", actor="ekonomichef")
    assert "kd-vidaredelegation p. V1 [≤ 2 pbb]" in _edge(dot, "kommundirektor", "ekonomichef")
    assert '"ks" -> "ks-au"' not in dot and '"ks" -> "ks-ordf"' not in dot
