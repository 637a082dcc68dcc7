"""Bad rule files and bad questions: one clear line naming the place and the fix, never an answer."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from engine import api
from engine.errors import RuleFileError, UsageError

ROOT = Path(__file__).resolve().parents[1]
MINIMAL = """\
municipality: {id: mini, name: Mini, country: se}
actors:
  - {id: kf, kind: council, name: kommunfullmäktige}
  - {id: ks, kind: board, name: kommunstyrelsen}
  - {id: direktor, kind: director, name: kommundirektören}
matters:
  - {id: inkop, title: Inköp, area: ekonomi}
documents:
  - id: reglemente
    title: Reglemente
    kind: reglemente
    grantor: kf
    adopted_by: kf
    adopted: 2020-01-01
    valid_from: 2020-01-01
    points:
      - {point: "1", matter: inkop, delegate: ks, refs: ["KL 5:2"]}
  - id: do
    title: Delegationsordning
    kind: delegation
    grantor: ks
    adopted_by: ks
    adopted: 2020-01-01
    valid_from: 2020-01-01
    points:
      - {point: "1", matter: inkop, delegate: direktor, refs: ["KL 7:5"]}
"""


def line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


def write(tmp_path: Path, text: str) -> Path:
    d = tmp_path / "mini"
    d.mkdir()
    (d / "rules.yaml").write_text(text, encoding="utf-8")
    return d


def load(d: Path) -> api.Mandat:
    return api.load_path(d, ROOT / "rules" / "statutes")


def test_minimal_rule_set_answers(tmp_path):
    m = load(write(tmp_path, MINIMAL))
    assert m.ask("direktor", "inkop", {}, "2021-01-01").answer == "yes"


def test_malformed_yaml_names_file_and_line(tmp_path):
    d = write(tmp_path, MINIMAL.replace("  - {id: ks, kind: board, name: kommunstyrelsen}", "  - {id: ks, kind: board"))
    with pytest.raises(RuleFileError) as err:
        load(d)
    assert err.value.path.name == "rules.yaml" and err.value.line >= 4
    assert "malformed YAML" in err.value.message


def test_unknown_key_suggests_the_closest(tmp_path):
    d = write(tmp_path, MINIMAL.replace("delegate: direktor", "delgate: direktor"))
    with pytest.raises(RuleFileError) as err:
        load(d)
    assert err.value.line == line_of(MINIMAL, "delegate: direktor")
    assert "unknown key `delgate`" in err.value.message and "`delegate`" in err.value.message


def test_delegate_not_in_the_organisation(tmp_path):
    d = write(tmp_path, MINIMAL.replace("delegate: direktor", "delegate: direktorn"))
    with pytest.raises(RuleFileError) as err:
        load(d)
    assert err.value.line == line_of(MINIMAL, "delegate: direktor")
    assert "unknown actor `direktorn`" in err.value.message and "`direktor`" in err.value.message


def test_a_date_that_is_not_a_date(tmp_path):
    d = write(tmp_path, MINIMAL.replace("valid_from: 2020-01-01\n    points:\n      - {point: \"1\", matter: inkop, delegate: direktor",
                                        "valid_from: 2020-13-45\n    points:\n      - {point: \"1\", matter: inkop, delegate: direktor"))
    with pytest.raises(RuleFileError) as err:
        load(d)
    assert err.value.line == line_of(MINIMAL, "delegate: direktor") - 2
    assert "not a date" in err.value.message and "YYYY-MM-DD" in err.value.message


def test_unknown_actor_matter_fact_and_date_in_a_question(vara):
    with pytest.raises(UsageError, match="unknown actor `kommundirektörn`.*kommundirektor"):
        vara.ask("kommundirektörn", "upphandling")
    with pytest.raises(UsageError, match="unknown matter `upphandlin`.*upphandling"):
        vara.ask("kommundirektören", "upphandlin")
    with pytest.raises(UsageError, match="unknown fact `amout`.*amount"):
        vara.ask("kommundirektören", "upphandling", {"amout": 5})
    with pytest.raises(UsageError, match="not a date"):
        vara.ask("kommundirektören", "upphandling", {}, "2025-02-30")
    with pytest.raises(UsageError, match="not a number"):
        vara.ask("kommundirektören", "upphandling", {"amount": "mycket"})


def test_bundled_rules_copy_with_a_broken_delegate_is_refused(tmp_path):
    rules = tmp_path / "rules"
    shutil.copytree(ROOT / "rules", rules)
    f = rules / "municipalities" / "vara" / "ks-delegationsordning.yaml"
    f.write_text(f.read_text(encoding="utf-8").replace("delegate: kommundirektor", "delegate: kommundirecktor", 1),
                 encoding="utf-8")
    with pytest.raises(RuleFileError) as err:
        api.load("vara", rules)
    assert err.value.path == f and "kommundirecktor" in err.value.message
