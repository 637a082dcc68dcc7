"""The delegation orders in force on a date as HTML, Markdown or an Excel workbook (`mandat export`, whose
command is in cli/exportcmd.py so that listing the commands does not load the engine).

The HTML is one self-contained file (inline CSS, the organisation graph as inline SVG) that prints
well; the workbook has one sheet per document, in the columns `mandat import` reads back.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from pathlib import Path

from engine.document import (
    COLUMNS,
    EXTRA_COLUMNS,
    GENERAL_HEADINGS,
    DelegationDocument,
    Section,
    sheet_title,
)

CSS = """
body{font-family:"DejaVu Sans",Arial,sans-serif;font-size:10.5pt;color:#111;margin:2em;max-width:1200px}
h1{font-size:20pt;margin-bottom:.2em} h2{font-size:14pt;border-bottom:2px solid #345;margin-top:1.6em}
h3{font-size:12pt;margin-bottom:.3em} .meta{color:#555;font-size:9pt}
table{border-collapse:collapse;width:100%;margin:.5em 0 1em} th,td{border:1px solid #999;padding:3px 5px;
vertical-align:top;text-align:left} th{background:#dde6f0} tr.area td{background:#f1f1f1;font-weight:bold}
td.nr{white-space:nowrap} .assumed{color:#8a5a00;font-size:8.5pt} .graph{overflow-x:auto;border:1px solid #ccc} .graph svg{max-width:none;height:auto}
ul.chains li{margin-bottom:.2em} .cut{color:#a00} .cond{color:#8a5a00}
@media print{body{margin:0;font-size:9pt} h2{page-break-before:always} h2.first{page-break-before:avoid}
tr{page-break-inside:avoid} thead{display:table-header-group} .graph{page-break-inside:avoid;overflow:visible;border:none}
.graph svg{max-width:100%}}
@page{size:A4 landscape;margin:12mm}
"""


def _e(text: object) -> str:
    return html.escape(str(text))


def _table_html(sec: Section) -> str:
    cols = COLUMNS + (EXTRA_COLUMNS if sec.needs_extra else [])
    out = ["<table class=\"order\"><thead><tr>" + "".join(f"<th>{_e(c)}</th>" for c in cols) + "</tr></thead><tbody>"]
    for area, rows in sec.areas:
        out.append(f"<tr class=\"area\"><td colspan=\"{len(cols)}\">{_e(area.capitalize() or 'Övrigt')}</td></tr>")
        for r in rows:
            cells = r.cells(sec.needs_extra)
            tds = [f"<td class=\"nr\">{_e(cells[0])}</td>"] + [f"<td>{_e(c)}</td>" for c in cells[1:]]
            if r.assumed:
                tds[1] = tds[1][:-5] + f"<div class=\"assumed\">Antagen: {_e(r.assumed)}</div></td>"
            out.append("<tr>" + "".join(tds) + "</tr>")
    out.append("</tbody></table>")
    return "\n".join(out)


def _section_meta(sec: Section) -> str:
    d = sec.document
    parts = [f"Beslutad av {_e(sec.grantor)} {d.adopted.isoformat()}" + (f" {_e(d.paragraph)}" if d.paragraph else ""),
             f"gäller från {d.valid_from.isoformat()}" + (f" till {d.valid_to.isoformat()}" if d.valid_to else ""),
             f"dokument-id {_e(d.id)}"]
    return "<p class=\"meta\">" + " · ".join(parts) + "</p>"


def _svg(mandat, day: dt.date) -> str:  # type: ignore[no-untyped-def]
    from engine import graph

    if not graph.have_dot():
        return "<p class=\"meta\">(Organisationsbilden saknas: Graphviz <code>dot</code> är inte installerat.)</p>"
    svg = graph.render(graph.dot_source(mandat, day), "svg").decode()
    return re.sub(r"^.*?(<svg\b)", r"\1", svg, flags=re.S)


def to_html(doc: DelegationDocument, mandat=None) -> str:  # type: ignore[no-untyped-def]
    """One self-contained HTML page."""
    title = f"Delegationsordningar — {doc.name}, {doc.day.isoformat()}"
    out = [f"<!DOCTYPE html><html lang=\"sv\"><head><meta charset=\"utf-8\"><title>{_e(title)}</title>",
           f"<style>{CSS}</style></head><body>", f"<h1>{_e(title)}</h1>",
           f"<p class=\"meta\">Regelverk {_e(doc.municipality)} {_e(doc.version)} · gällande {doc.day.isoformat()}</p>"]
    out.append("<h2 class=\"first\">Allmänna bestämmelser</h2>")
    for key, provisions in doc.general.items():
        out.append(f"<h3>{_e(GENERAL_HEADINGS[key])}</h3><ul>")
        out += [f"<li><b>{_e(p.ref)}</b> — {_e(p.text)}" + ("" if p.verified else " <i>(ej verifierad)</i>") + "</li>"
                for p in provisions]
        out.append("</ul>")
    for sec in doc.sections:
        out += [f"<h2>{_e(sec.document.title.sv)}</h2>", _section_meta(sec), _table_html(sec)]
    if mandat is not None:
        out += ["<h2>Organisation och delegationskedjor</h2>", f"<div class=\"graph\">{_svg(mandat, doc.day)}</div>"]
    out.append("<h2>Register efter lagrum</h2>")
    for ref, (ptitle, entries) in doc.by_provision.items():
        out.append(f"<h3>{_e(ref)} — {_e(ptitle)}</h3><ul class=\"chains\">")
        for e in entries:
            chain = " → ".join(f"{_e(n)} <span class=\"meta\">({_e(p)})</span>" for n, p in e.steps)
            cond = f" <span class=\"cond\">[{_e('; '.join(e.limits))}]</span>" if e.limits else ""
            out.append(f"<li><b>{_e(e.matter)}</b>: {chain}{cond}</li>")
        out.append("</ul>")
    out.append("<h2>Register efter roll</h2>")
    for role, powers in doc.by_role.items():
        out.append(f"<h3>{_e(role)}</h3><table class=\"roles\"><thead><tr><th>Ärende</th><th>Grund</th>"
                   "<th>Begränsning</th></tr></thead><tbody>")
        out += [f"<tr><td>{_e(p.matter)}</td><td>{_e(p.point)}</td><td>{_e('; '.join(p.limits))}</td></tr>"
                for p in powers]
        out.append("</tbody></table>")
    out.append("</body></html>")
    return "\n".join(out) + "\n"


def _md_cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def to_markdown(doc: DelegationDocument) -> str:
    out = [f"# Delegationsordningar — {doc.name}, {doc.day.isoformat()}", "",
           f"Regelverk {doc.municipality} {doc.version}", "", "## Allmänna bestämmelser", ""]
    for key, provisions in doc.general.items():
        out += [f"### {GENERAL_HEADINGS[key]}", ""]
        out += [f"- **{p.ref}** — {p.text}" + ("" if p.verified else " *(ej verifierad)*") for p in provisions]
        out.append("")
    for sec in doc.sections:
        d = sec.document
        cols = COLUMNS + (EXTRA_COLUMNS if sec.needs_extra else [])
        out += [f"## {d.title.sv}", "", f"Beslutad av {sec.grantor} {d.adopted.isoformat()} {d.paragraph or ''}".rstrip()
                + f", gäller från {d.valid_from.isoformat()} (`{d.id}`)", ""]
        for area, rows in sec.areas:
            out += [f"### {area.capitalize() or 'Övrigt'}", "", "| " + " | ".join(cols) + " |",
                    "|" + "---|" * len(cols)]
            out += ["| " + " | ".join(_md_cell(c) for c in r.cells(sec.needs_extra)) + " |" for r in rows]
            out.append("")
    out += ["## Register efter lagrum", ""]
    for ref, (title, entries) in doc.by_provision.items():
        out += [f"### {ref} — {title}", ""]
        for e in entries:
            chain = " → ".join(f"{n} ({p})" for n, p in e.steps)
            out.append(f"- **{e.matter}**: {chain}" + (f" [{'; '.join(e.limits)}]" if e.limits else ""))
        out.append("")
    out += ["## Register efter roll", ""]
    for role, powers in doc.by_role.items():
        out += [f"### {role}", ""]
        out += [f"- {p.matter} — {p.point}" + (f" [{'; '.join(p.limits)}]" if p.limits else "") for p in powers]
        out.append("")
    return "\n".join(out)


def sheet_name(doc_id: str, used: set[str]) -> str:
    name = sheet_title(doc_id)
    i = 2
    while name in used:
        name = f"{name[:28]}~{i}"
        i += 1
    used.add(name)
    return name


def to_xlsx(doc: DelegationDocument, path: Path) -> None:
    """One sheet per document: a title row, then the table with area rows between the points."""
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill

    wb = Workbook()
    wb.remove(wb.active)
    used: set[str] = set()
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="DDE6F0")
    for sec in doc.sections:
        ws = wb.create_sheet(sheet_name(sec.document.id, used))
        ws.append([sec.document.title.sv, f"dokument-id {sec.document.id}"])
        ws["A1"].font = Font(bold=True, size=13)
        cols = COLUMNS + (EXTRA_COLUMNS if sec.needs_extra else [])
        ws.append(cols)
        for cell in ws[2]:
            cell.font, cell.fill = bold, fill
        for area, rows in sec.areas:
            ws.append([area.capitalize() or "Övrigt"])
            ws.cell(ws.max_row, 1).font = bold
            for r in rows:
                ws.append(r.cells(sec.needs_extra))
        for col, width in zip("ABCDEFGHIJK", [8, 50, 28, 20, 10, 18, 30, 8, 12, 20, 40], strict=False):
            ws.column_dimensions[col].width = width
    wb.save(path)
