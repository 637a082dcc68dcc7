"""`mandat export`: the delegation orders in force on a date as the familiar table, with indexes."""

from __future__ import annotations

import datetime as dt
import re

from click.testing import CliRunner
from openpyxl import load_workbook

from cli.export import to_html, to_markdown
from cli.main import cli
from engine import api
from engine.document import COLUMNS, build
from tests.lawdoc import load_testby

DAY = dt.date(2025, 3, 1)


def _rows(doc, doc_id):
    sec = next(s for s in doc.sections if s.document.id == doc_id)
    return {r.nr: r for r in sec.rows}


def test_rows_carry_the_columns_of_a_delegation_order():
    rows = _rows(build(load_testby(), DAY), "ks-do")
    assert rows["2.1"].cells()[:8] == ["2.1", "Beslut om upphandling", "kommundirektören", "", "Ja", "KL 7:5",
                                       "högst 10 prisbasbelopp", "Ja"]
    assert rows["2.2"].begransning == "högst 2 000 000 kr"
    assert rows["3.1"].ersattare == "HR-chefen"
    assert rows["4.1"].begransning == "inom budget; duration_years högst 5" and rows["4.1"].anmals == "Nej"
    assert rows["1.1"].arende == "Alla ärenden" and rows["1.1"].typ == "brådskande"


def test_only_points_in_force_on_the_date():
    assert "6.1" not in _rows(build(load_testby(), DAY), "ks-do")
    assert "6.1" in _rows(build(load_testby(), dt.date(2025, 8, 1)), "ks-do")
    assert [s.document.id for s in build(load_testby(), dt.date(2024, 3, 1)).sections] == ["ks-reglemente"]


def test_rows_are_grouped_by_area_and_the_reglemente_comes_first():
    doc = build(load_testby(), DAY)
    assert doc.sections[0].document.id == "ks-reglemente"
    ks_do = next(s for s in doc.sections if s.document.id == "ks-do")
    assert [a for a, _ in ks_do.areas] == ["allmänt", "upphandling", "personal", "avtal", "yttranden"]


def test_general_provisions_come_from_the_statute_layer():
    general = build(load_testby(), DAY).general
    assert "KL 6:38 p.2" in [p.ref for p in general["non_delegable"]]
    assert "KL 5:1 p.2" in [p.ref for p in general["non_delegable"]]
    assert "KL 6:40" in [p.ref for p in general["reporting"]]
    assert {p.ref for p in general["urgent"]} == {"KL 6:39"}


def test_index_by_provision_gives_each_chain_of_delegates():
    doc = build(load_testby(), DAY)
    title, entries = doc.by_provision["KL 7:6"]
    assert title == "Vidaredelegation av förvaltningschef"
    chain = next(e for e in entries if e.matter == "Beslut om upphandling")
    assert [n for n, _ in chain.steps] == ["kommunfullmäktige", "kommunstyrelsen", "kommundirektören", "ekonomichefen"]
    assert chain.steps[-1][1] == "kd-vidaredelegation p. V1"


def test_index_by_role_lists_powers_and_leaves_out_what_statute_forbids():
    roles = build(load_testby(), DAY).by_role
    director = {p.matter: p for p in roles["kommundirektören"]}
    assert director["Beslut om upphandling"].point == "ks-do p. 2.1"
    assert "Yttrande till fullmäktige" not in director  # ks-do 5.1 is cut by KL 6:38 p.2
    assert "Kommunens budget" not in {p.matter for p in roles["kommunstyrelsen"]}


def test_html_is_self_contained_and_embeds_the_graph():
    m = load_testby()
    page = to_html(build(m, DAY), m)
    assert page.count('<table class="order">') == 3
    assert "<svg" in page and "<?xml" not in page
    assert not re.search(r'(src|href)="(https?:)?//', page), "the page must not load anything"
    assert "@media print" in page
    assert "<th>Nr</th><th>Ärende</th><th>Delegat</th>" in page


def test_markdown_has_a_table_per_area():
    text = to_markdown(build(load_testby(), DAY))
    assert "| " + " | ".join(COLUMNS) in text
    assert "| 2.1 | Beslut om upphandling | kommundirektören |" in text
    assert "## Register efter lagrum" in text and "## Register efter roll" in text


def test_cli_exports_every_bundled_municipality(tmp_path):
    runner = CliRunner()
    for mid in api.municipalities():
        result = runner.invoke(cli, ["export", "-m", mid, "-d", "2025-03-01", "--format", "md"])
        assert result.exit_code == 0, result.output
        assert "| Nr | Ärende | Delegat | Ersättare | Vidaredelegation | Lagrum | Begränsning | Anmäls" in result.output


def test_cli_xlsx_has_one_sheet_per_document(tmp_path):
    out = tmp_path / "vara.xlsx"
    result = CliRunner().invoke(cli, ["export", "-m", "vara", "-d", "2025-03-01", "--format", "xlsx", "--out", str(out)])
    assert result.exit_code == 0, result.output
    wb = load_workbook(out)
    assert "ks-do" in wb.sheetnames
    header = [c.value for c in wb["ks-do"][2]][:8]
    assert header == COLUMNS
    numbers = [r[0].value for r in wb["ks-do"].iter_rows(min_row=3)]
    assert "3.1" in numbers


def test_cli_xlsx_needs_a_file():
    result = CliRunner().invoke(cli, ["export", "-m", "vara", "--format", "xlsx"])
    assert result.exit_code != 0 and "--out" in str(result.exception or result.output)
