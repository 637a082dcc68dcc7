"""`mandat import`: delegation tables (.xlsx, .csv) into rule files; round trips and bad rows."""

from __future__ import annotations

import csv
import datetime as dt
import subprocess
import sys

import pytest
import yaml

from cli.export import to_xlsx
from engine import api, importer
from engine.document import COLUMNS, DelegationDocument, build, section
from engine.limits import LimitError, parse_limit
from engine.models import Document, MunicipalityFile
from tests.lawdoc import FIXTURES, ROOT, STATUTES, load_testby, points_of


def _all_points(m: api.Mandat) -> DelegationDocument:
    rs = m.rules
    return DelegationDocument(rs.id, "", dt.date(2025, 3, 1), "", [section(rs, d) for d in rs.documents.values()], {})


@pytest.mark.parametrize("mid", api.municipalities())
def test_round_trip_through_xlsx_gives_the_same_rules(mid, tmp_path):
    m = api.load(mid)
    table = tmp_path / "table.xlsx"
    to_xlsx(_all_points(m), table)
    for doc in m.rules.documents.values():
        result = importer.import_table(table, m, doc.id)
        assert result.problems == [], (doc.id, [str(p) for p in result.problems])
        assert points_of(Document.model_validate(result.document)) == points_of(doc), doc.id
        findings = importer.check(result, ROOT / "rules" / "municipalities" / mid, STATUTES)
        assert [f for f in findings if f.severity == "error"] == [], doc.id


def test_round_trip_through_csv_with_columns_in_another_order(tmp_path):
    m = load_testby()
    doc = m.rules.documents["ks-do"]
    sec = section(m.rules, doc)
    order = [7, 6, 5, 4, 3, 2, 1, 0, 8, 9, 10]
    names = ["Anmälan", "Beloppsgräns", "Lagstöd", "Får vidaredelegeras", "Ersättare vid förfall", "Beslutsfattare",
             "Ärendetyp", "Punkt", "Typ", "Vidaredelegerad från", "Anmärkning"]
    path = tmp_path / "ks-do.csv"
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, delimiter=";")
        w.writerow(["Kommunstyrelsens delegationsordning"])
        w.writerow([])
        w.writerow(names)
        for area, rows in sec.areas:
            w.writerow([area.upper()])
            for r in rows:
                cells = r.cells(extra=True)
                w.writerow([cells[i] for i in order])
    result = importer.import_table(path, m, "ks-do")
    assert result.problems == []
    assert points_of(Document.model_validate(result.document)) == points_of(doc)


def test_cli_round_trip_export_then_import(tmp_path):
    table = tmp_path / "vara.xlsx"
    subprocess.run([sys.executable, "-m", "cli.main", "export", "-m", "vara", "-d", "2025-03-01", "--format", "xlsx",
                    "--out", str(table)], check=True, capture_output=True, timeout=120)
    p = subprocess.run([sys.executable, "-m", "cli.main", "import", str(table), "-m", "vara", "--document", "ks-do",
                        "--out", str(tmp_path / "out")], capture_output=True, text=True, timeout=120)
    assert p.returncode == 0, p.stderr
    assert "inga fel" in p.stderr
    written = MunicipalityFile.model_validate(yaml.safe_load((tmp_path / "out" / "ks-do.yaml").read_text()))
    vara = api.load("vara")
    in_force = [pt for pt in vara.rules.documents["ks-do"].points
                if (pt.valid_from or dt.date.min) <= dt.date(2025, 3, 1)]
    original = vara.rules.documents["ks-do"].model_copy(update={"points": in_force})
    assert points_of(written.documents[0]) == points_of(original)


@pytest.mark.parametrize(("text", "expected"), [
    ("5 pbb", {"max_pbb": 5.0}), ("5 basbelopp", {"max_pbb": 5.0}), ("högst 5 prisbasbelopp", {"max_pbb": 5.0}),
    ("300 tkr", {"max": 300000.0}), ("Max 1,5 mnkr", {"max": 1500000.0}), ("högst 300 000 kr", {"max": 300000.0}),
    ("minst 10 000 kr", {"min": 10000.0}), ("duration_years högst 5", {"fact": "duration_years", "max": 5.0}),
    ("within_budget = ja", {"fact": "within_budget", "equals": True}),
])
def test_readable_limits(text, expected):
    cond = parse_limit(text, load_testby().rules)
    dumped = cond.model_dump(exclude_none=True)
    assert {k: dumped[k] for k in expected} == expected
    assert dumped.get("fact") == expected.get("fact", "amount")


@pytest.mark.parametrize("text", ["fem pbb", "massor", "300", "5 äpplen", "okänt_faktum högst 5", "max"])
def test_unreadable_limits(text):
    with pytest.raises(LimitError):
        parse_limit(text, load_testby().rules)


BAD = [
    COLUMNS,
    ["1", "Beslut om upphandling", "kommundirektören", "", "Nej", "KL 7:5", "5 pbb", "Ja"],  # 2: fine
    ["2", "Beslut om upphandling", "Borgmästaren", "", "Nej", "KL 7:5", "", "Ja"],  # 3: unknown role
    ["3", "Köp av kaffe", "kommundirektören", "", "Nej", "KL 7:5", "", "Ja"],  # 4: unknown matter
    ["4", "Teckna avtal", "kommundirektören", "", "Nej", "KL 7:5", "fem basbelopp", "Ja"],  # 5: unreadable limit
    ["5", "Teckna avtal", "ekonomichefen", "", "kanske", "KL 7:5", "", "Ja"],  # 6: not Ja/Nej
    ["1", "Anställning av personal", "HR-chefen", "", "Nej", "KL 7:5", "", "Ja"],  # 7: duplicate Nr
    ["", "Anställning av personal", "kommundirektören", "", "Nej", "KL 7:5", "", "Ja"],  # 8: no Nr
    ["8", "Anställning av personal", "kommundirektören", "Vaktmästaren", "Nej", "KL 7:5", "", "Ja"],  # 9: bad substitute
    ["9", "Hyresavtal", "ekonomichefen", "", "Nej", "6 kap. 37 § KL", "300 tkr", "Ja"],  # 10: fine, ref normalised
    ["10", "Hyresavtal", "ekonomichefen", "", "Nej", "KL 7:5", "5 basbelopp", "oklart"],  # 11: Anmäls not Ja/Nej
]


def _csv(tmp_path, rows):
    path = tmp_path / "bad.csv"
    with path.open("w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows(rows)
    return path


def test_bad_rows_are_reported_with_their_row_numbers(tmp_path):
    result = importer.import_table(_csv(tmp_path, BAD), load_testby(), "ks-do")
    errors = {(p.row, p.column): p.message for p in result.errors}
    assert "unknown role `Borgmästaren`" in errors[(3, "Delegat")]
    assert "unknown matter `Köp av kaffe`" in errors[(4, "Ärende")]
    assert "unreadable limit `fem basbelopp`" in errors[(5, "Begränsning")]
    assert "neither Ja nor Nej" in errors[(6, "Vidaredelegation")]
    assert "appears twice" in errors[(7, "Nr")]
    assert "no point number" in errors[(8, "Nr")]
    assert "unknown role `Vaktmästaren`" in errors[(9, "Ersättare")]
    assert "neither Ja nor Nej" in errors[(11, "Anmäls")]
    assert sorted({p.row for p in result.errors}) == [3, 4, 5, 6, 7, 8, 9, 11]
    points = {p["point"]: p for p in result.document["points"]}
    assert set(points) == {"1", "9"}
    assert points["1"]["limits"] == [{"fact": "amount", "max_pbb": 5.0}]
    assert points["9"]["refs"] == ["KL 6:37"] and points["9"]["limits"] == [{"fact": "amount", "max": 300000.0}]


def _run(*args):
    return subprocess.run([sys.executable, "-m", "cli.main", *args], capture_output=True, text=True, timeout=120)


def test_cli_refuses_a_table_with_bad_rows_and_names_them(tmp_path):
    rules = tmp_path / "rules"
    (rules / "municipalities").mkdir(parents=True)
    (rules / "statutes").symlink_to(STATUTES)
    (rules / "municipalities" / "testby").symlink_to(FIXTURES / "testby-a")
    table = _csv(tmp_path, BAD)
    p = _run("import", str(table), "-m", "testby", "--document", "ks-do", "--rules", str(rules),
             "--out", str(tmp_path / "out"))
    assert p.returncode == 1
    assert "rad 3, Delegat: unknown role `Borgmästaren`" in p.stderr
    assert "rad 5, Begränsning: unreadable limit" in p.stderr
    assert "Traceback" not in p.stderr
    assert not (tmp_path / "out").exists()
    # the two good rows alone would replace ks-do and orphan the vidaredelegation of its point 2.1
    p = _run("import", str(table), "-m", "testby", "--document", "ks-do", "--rules", str(rules), "--partial",
             "--out", str(tmp_path / "out"))
    assert p.returncode == 1 and "2 av 10 rader lästa" in p.stderr
    assert "resultatet håller inte" in p.stderr and "unknown point `ks-do:2.1`" in p.stderr
    assert not (tmp_path / "out").exists()
    p = _run("import", str(table), "-m", "testby", "--document", "ks-do-tillagg", "--rules", str(rules), "--partial",
             "--title", "Tillägg", "--grantor", "ks", "--adopted", "2025-01-01", "--valid-from", "2025-02-01",
             "--out", str(tmp_path / "out"))
    assert p.returncode == 0, p.stderr
    doc = yaml.safe_load((tmp_path / "out" / "ks-do-tillagg.yaml").read_text())["documents"][0]
    assert doc["id"] == "ks-do-tillagg" and [x["point"] for x in doc["points"]] == ["1", "9"]


def test_a_result_that_does_not_check_is_refused(tmp_path):
    rules = tmp_path / "rules"
    (rules / "municipalities").mkdir(parents=True)
    (rules / "statutes").symlink_to(STATUTES)
    (rules / "municipalities" / "testby").symlink_to(FIXTURES / "testby-a")
    table = _csv(tmp_path, [COLUMNS, ["1", "Beslut om upphandling", "ekonomichefen", "", "Nej", "KL 7:6", "", "Ja"]])
    p = _run("import", str(table), "-m", "testby", "--document", "ny-vd", "--rules", str(rules), "--kind",
             "vidaredelegation", "--title", "Ny vidaredelegation", "--grantor", "kommundirektor",
             "--adopted", "2025-01-01", "--valid-from", "2025-01-01")
    assert p.returncode == 1
    assert "resultatet håller inte" in p.stderr and "missing-under" in p.stderr
    p = _run("import", str(table), "-m", "testby", "--document", "ny-do", "--rules", str(rules))
    assert p.returncode == 64 and "give --title, --grantor, --adopted, --valid-from" in p.stderr


def test_header_must_be_found(tmp_path):
    path = _csv(tmp_path, [["a", "b", "c"], ["1", "2", "3"]])
    with pytest.raises(api.UsageError, match="no header row"):
        importer.import_table(path, load_testby(), "ks-do")


def test_export_of_the_fixture_imports_back_unchanged(tmp_path):
    m = load_testby()
    table = tmp_path / "t.xlsx"
    to_xlsx(build(m, dt.date(2025, 8, 1)), table)
    result = importer.import_table(table, m, "kd-vidaredelegation")
    assert result.problems == []
    assert points_of(Document.model_validate(result.document)) == points_of(m.rules.documents["kd-vidaredelegation"])
