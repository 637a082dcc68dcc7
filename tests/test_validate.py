"""`mandat check`: each broken rule set of tests/broken gives exactly its own finding, at the marked line.

A broken set marks the line of its defect with `# expect: <code> [<code>...]`. Sets whose name starts with
`_` are the clean bases the broken ones were copied from. A set with a `statutes/` directory brings its own
(small, copied) statute layer and keeps its municipality files under `municipality/`.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from cli.check import run_checks
from cli.main import cli
from engine import api
from engine.ruleset import build_ruleset
from engine.validate import check

ROOT = Path(__file__).resolve().parents[1]
BROKEN = ROOT / "tests" / "broken"
STATUTES = ROOT / "rules" / "statutes"
CASES = sorted(p.name for p in BROKEN.iterdir() if p.is_dir() and not p.name.startswith("_"))
CLEAN = sorted(p.name for p in BROKEN.iterdir() if p.is_dir() and p.name.startswith("_"))
WARNINGS = {"overlapping-points", "no-decision-maker", "pbb-unknown-year", "not-in-organisation",
            "grantor-without-power"}
MARK = re.compile(r"#\s*expect:\s*(.+)$")
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def dirs(case: str) -> tuple[Path, Path]:
    base = BROKEN / case
    if (base / "statutes").is_dir():
        return base / "municipality", base / "statutes"
    return base, STATUTES


def expected(case: str) -> set[tuple[str, int, str]]:
    out = set()
    for path in sorted((BROKEN / case).rglob("*.yaml")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if m := MARK.search(line):
                out |= {(path.name, number, code) for code in m.group(1).split()}
    return out


def findings(case: str):
    return run_checks([dirs(case)])


def test_the_corpus_has_at_least_25_sets_with_one_marked_defect_each():
    assert len(CASES) >= 25
    for case in CASES:
        assert len({(name, line) for name, line, _ in expected(case)}) == 1, case


@pytest.mark.parametrize("case", CASES)
def test_broken_set_gives_exactly_its_own_finding_at_its_line(case):
    found = findings(case)
    assert {(f.path.name, f.line, f.code) for f in found} == expected(case), "\n".join(map(str, found))
    for f in found:
        assert (f.column >= 1 or f.code == "yaml") and f.path.is_file() and f.message
        assert f.severity == ("warning" if f.code in WARNINGS else "error"), f


@pytest.mark.parametrize("case", CLEAN)
def test_the_clean_bases_have_no_findings_at_all(case):
    assert findings(case) == []


def test_unknown_key_names_file_line_column_and_the_fix():
    [f] = findings("unknown-key")
    assert (f.path.name, f.line, f.column) == ("documents.yaml", 37, 9)
    assert f.message.startswith("unknown key `delgat` — did you mean `delegate`")  # the closest first
    assert str(f).startswith(f"{f.path}:37:9: error unknown-key: unknown key `delgat`")


@pytest.mark.parametrize(("case", "ref"), [
    ("kl-5-1-budget-delegated", "KL 5:1 p.2"),
    ("kl-6-38-statement-delegated", "KL 6:38 p.2"),
    ("kl-6-39-urgent-to-employee", "KL 6:39"),
    ("vidaredelegation-not-allowed", "KL 7:6"),
    ("vidaredelegation-by-specialist", "KL 7:6"),
    ("fi-two-levels", "KomL 91 §"),
    ("fi-coercion-to-person", "KomL 91 §"),
    ("fi-post-by-person", "KomL 88 §"),
])
def test_a_legal_finding_is_a_statute_rule_and_cites_its_provision(case, ref):
    rs = build_ruleset(dirs(case)[1], dirs(case)[0])
    [f] = check(rs)
    assert f.code in rs.rules and rs.rules[f.code].effect == "deny"  # found by the statute layer's own rule
    assert f.ref == ref


def test_the_urgent_power_may_reach_a_6_38_matter_but_ordinary_delegation_may_not():
    # the base gives the chair every matter in urgent cases (KL 6:39) and holds a 6:38 matter: no finding;
    # the broken set that delegates that matter ordinarily is cut by KL 6:38
    rs = build_ruleset(STATUTES, BROKEN / "_clean-se")
    assert "yttrande-kf" in rs.matters and check(rs) == []
    assert {f.code for f in findings("kl-6-38-statement-delegated")} == {"kl-6-38-p2-statements"}


def test_an_urgent_point_naming_a_6_38_matter_is_lawful(tmp_path):
    case = tmp_path / "urgent-6-38"
    shutil.copytree(BROKEN / "_clean-se", case)
    docs = case / "documents.yaml"
    docs.write_text(docs.read_text(encoding="utf-8").replace('        matter: "*"\n        kind: urgent',
                                                             "        matter: yttrande-kf\n        kind: urgent"),
                    encoding="utf-8")
    rs = build_ruleset(STATUTES, case)
    assert rs.grants["do:1#yttrande-kf@ks-ordf"].kind.value == "urgent"
    assert check(rs) == []


def test_a_point_cut_only_in_some_cases_is_no_finding():
    # KL 6:38 p.3 cuts authority over individuals only when the matter is of principle: the base delegates it
    rs = build_ruleset(STATUTES, BROKEN / "_clean-se")
    assert "authority_individual" in rs.matters["bistand"].kinds
    assert not [f for f in check(rs) if f.code.startswith("kl-6-38")]


# -- the command ------------------------------------------------------------------------------------


def invoke(*args: str):
    return CliRunner().invoke(cli, list(args), standalone_mode=False, catch_exceptions=False)


def test_check_exit_codes_follow_the_worst_finding():
    assert invoke("check", str(BROKEN / "_clean-se")).return_value == 0
    assert invoke("check", str(BROKEN / "overlapping-points")).return_value == 0
    assert invoke("check", "--strict", str(BROKEN / "overlapping-points")).return_value == 1
    assert invoke("check", "--strict", str(BROKEN / "_clean-se")).return_value == 0
    assert invoke("check", str(BROKEN / "kl-5-1-budget-delegated")).return_value == 65
    assert invoke("check", str(BROKEN / "unknown-key")).return_value == 65


def test_check_text_groups_by_file_with_errors_first(tmp_path):
    case = tmp_path / "two-defects"
    shutil.copytree(BROKEN / "overlapping-points", case)
    (case / "organisation.yaml").write_text(
        (case / "organisation.yaml").read_text(encoding="utf-8").replace("reports_to: ks\n    board: ks",
                                                                        "reports_to: ekonomichef\n    board: ks"),
        encoding="utf-8")
    result = invoke("check", str(case))
    assert result.return_value == 65
    lines = result.output.splitlines()
    files = [line for line in lines if line and not line.startswith(" ")][:-1]
    assert [Path(f).name for f in files] == ["organisation.yaml", "documents.yaml"]  # the file with errors first
    assert "error" in lines[1] and "org-cycle" in lines[1]
    assert "warning" in result.output and "overlapping-points" in result.output
    assert lines[-1].startswith("1 rule set checked in ") and "1 error(s), 1 warning(s)" in lines[-1]


def test_check_json_lists_every_finding():
    result = invoke("check", "--format", "json", str(BROKEN / "kl-6-39-urgent-to-employee"))
    data = json.loads(result.output)
    assert (data["errors"], data["warnings"], data["rulesets"]) == (1, 0, 1)
    [f] = data["findings"]
    assert (f["code"], f["line"], f["ref"]) == ("kl-6-39-elected-only", 27, "KL 6:39")
    assert f["file"].endswith("kl-6-39-urgent-to-employee/documents.yaml")


def test_check_sarif_2_1_0():
    result = invoke("check", "--format", "sarif", str(BROKEN / "group-of-employees"))
    sarif = json.loads(result.output)
    assert sarif["version"] == "2.1.0" and sarif["$schema"].endswith("sarif-2.1.0.json")
    [run] = sarif["runs"]
    assert run["tool"]["driver"]["name"] == "mandat"
    assert {r["id"] for r in run["tool"]["driver"]["rules"]} == {"praxis-no-employee-group", "kl-6-37-recipients"}
    for res in run["results"]:
        assert res["ruleId"] in {"praxis-no-employee-group", "kl-6-37-recipients"} and res["level"] == "error"
        [loc] = res["locations"]
        assert loc["physicalLocation"]["artifactLocation"]["uri"].endswith("group-of-employees/documents.yaml")
        assert loc["physicalLocation"]["region"] == {"startLine": 37, "startColumn": 9}


def test_check_takes_a_municipality_id_or_the_whole_rules_dir(tmp_path):
    rules = tmp_path / "rules"
    (rules / "municipalities").mkdir(parents=True)
    (rules / "statutes").symlink_to(STATUTES)
    for case in ("_clean-se", "_clean-fi"):
        shutil.copytree(BROKEN / case, rules / "municipalities" / case.strip("_"))
    assert invoke("check", "--rules", str(rules), "clean-fi").return_value == 0
    whole = invoke("check", str(rules))
    assert whole.return_value == 0 and whole.output.startswith("2 rule sets checked in ")
    shutil.copytree(BROKEN / "fi-two-levels", rules / "municipalities" / "fi-two-levels")
    assert invoke("check", "--rules", str(rules)).return_value == 65


def test_schema_command_writes_both_schemas_and_the_bundled_ones_are_current(tmp_path):
    assert invoke("schema", "--out", str(tmp_path)).return_value == 0
    for name in ("statute.schema.json", "municipality.schema.json"):
        written = json.loads((tmp_path / name).read_text(encoding="utf-8"))
        assert written["$schema"].startswith("https://json-schema.org/")
        assert written == json.loads((ROOT / "rules" / "schema" / name).read_text(encoding="utf-8")), \
            f"rules/schema/{name} is stale: run `mandat schema`"


def test_the_schemas_accept_every_bundled_rule_file_and_refuse_a_typo():
    import jsonschema

    for kind, pattern in (("statute", "statutes/*/*.yaml"), ("municipality", "municipalities/*/*.yaml")):
        schema = json.loads((ROOT / "rules" / "schema" / f"{kind}.schema.json").read_text(encoding="utf-8"))
        validator = jsonschema.Draft202012Validator(schema)
        for path in sorted((ROOT / "rules").glob(pattern)):
            data = json.loads(json.dumps(yaml.load(path.read_text(encoding="utf-8"), Loader=LOADER), default=str))
            assert not list(validator.iter_errors(data)), path
    schema = json.loads((ROOT / "rules" / "schema" / "municipality.schema.json").read_text(encoding="utf-8"))
    typo = yaml.safe_load((BROKEN / "unknown-key" / "documents.yaml").read_text(encoding="utf-8"))
    errors = list(jsonschema.Draft202012Validator(schema).iter_errors(json.loads(json.dumps(typo, default=str))))
    assert errors and any("delgat" in e.message for e in errors)


def test_refuse_errors_names_the_first_error_and_passes_a_clean_set():
    from engine.errors import RuleFileError
    from engine.validate import refuse_errors

    assert refuse_errors(build_ruleset(STATUTES, BROKEN / "_clean-se")) == []
    assert [f.code for f in refuse_errors(build_ruleset(STATUTES, BROKEN / "overlapping-points"))] == [
        "overlapping-points"]  # warnings do not refuse
    with pytest.raises(RuleFileError) as err:
        refuse_errors(build_ruleset(STATUTES, BROKEN / "kl-5-1-budget-delegated"))
    assert (err.value.code, err.value.path.name, err.value.line) == ("kl-5-1-p2-budget", "documents.yaml", 36)
    assert "`budget`" in str(err.value) and str(err.value).startswith(str(err.value.path) + ":36:9: kl-5-1-p2-budget")


def test_a_rule_in_force_for_part_of_a_points_validity_gives_a_warning(tmp_path):
    # a statute rule with an end date (e.g. no automated decisions before 2022), and a point given before it ended
    rs = build_ruleset(STATUTES, BROKEN / "_clean-se")
    rule = next(r for r in rs.rules.values()
                if r.effect == "deny" and r.valid_to and r.match.matter_kinds and not r.match.when)
    case = tmp_path / "partly"
    shutil.copytree(BROKEN / "_clean-se", case)
    matters = case / "matters.yaml"
    matters.write_text(matters.read_text(encoding="utf-8") + "  - {id: ny, title: Nytt, area: ekonomi, kinds: ["
                       + rule.match.matter_kinds[0] + "]}\n", encoding="utf-8")
    year = rule.valid_to.year
    docs = case / "documents.yaml"
    text = (docs.read_text(encoding="utf-8")
            .replace("[yttrande-kf, upphandling, bistand]", "[yttrande-kf, upphandling, bistand, ny]")
            .replace("valid_from: 2024-01-01", f"valid_from: {year - 2}-01-01")
            .replace("valid_from: 2024-02-01", f"valid_from: {year - 1}-01-01")
            .replace('        refs: ["KL 7:5"]\n  - id: vd', '        refs: ["KL 7:5"]\n      - point: "4"\n'
                     '        matter: ny\n        delegate: ekonomichef\n        refs: ["KL 7:5"]\n  - id: vd'))
    docs.write_text(text, encoding="utf-8")
    found = check(build_ruleset(STATUTES, case))
    assert [(f.code, f.severity) for f in found] == [(rule.id, "warning")]
    assert "for part of the point's validity" in found[0].message


@pytest.mark.parametrize("municipality", api.municipalities(ROOT / "rules"))
def test_every_bundled_rule_set_checks_without_errors(municipality):
    errors = [f for f in run_checks([(ROOT / "rules" / "municipalities" / municipality, STATUTES)])
              if f.severity == "error"]
    assert errors == [], "\n".join(map(str, errors))


def test_ask_refuses_a_rule_set_with_errors_and_names_the_first(tmp_path):
    rules = tmp_path / "rules"
    (rules / "municipalities").mkdir(parents=True)
    (rules / "statutes").symlink_to(STATUTES)
    shutil.copytree(BROKEN / "kl-5-1-budget-delegated", rules / "municipalities" / "kl-5-1-budget-delegated")
    p = subprocess.run([sys.executable, "-m", "cli.main", "ask", "--rules", str(rules), "-m",
                        "kl-5-1-budget-delegated", "-a", "kd", "-x", "upphandling", "-f", "amount=1000"],
                       capture_output=True, text=True, timeout=60, cwd=ROOT)
    assert p.returncode == 65, p.stdout + p.stderr
    assert "documents.yaml:36:" in p.stderr and "`budget`" in p.stderr and p.stdout == ""
    with pytest.raises(api.RuleFileError) as err:
        api.load("kl-5-1-budget-delegated", rules)
    assert err.value.code == "kl-5-1-p2-budget" and err.value.line == 36
