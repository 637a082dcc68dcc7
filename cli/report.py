"""`mandat report`: run the feature files and write a self-contained Swedish HTML report.

Each feature and scenario as written (the Gherkin steps with their keywords), passed or failed, and
for each answer the provisions and document points it cited. The data comes from the pytest plugin
cli/reportplugin.py, run in a child pytest so that the report never shares state with the caller.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import click

ROOT = Path(__file__).resolve().parents[1]
VERDICT = {"yes": "JA", "no": "NEJ", "depends": "BEROR PÅ"}
OUTCOME = {"passed": ("Godkänt", "ok"), "failed": ("Underkänt", "fail"), "skipped": ("Överhoppat", "skip"),
           "not run": ("Ej kört", "skip")}
MARK = {"passed": "✓", "failed": "✗", "undefined": "?", "not run": "–"}
CSS = """
body{font-family:"DejaVu Sans",Arial,sans-serif;font-size:10.5pt;margin:2em;max-width:1100px;color:#111}
h1{font-size:19pt} h2{font-size:14pt;border-bottom:2px solid #345;margin-top:1.5em} .meta{color:#555;font-size:9pt}
.desc{white-space:pre-wrap;color:#333;margin:.3em 0 .8em} .sc{border:1px solid #bbb;border-left:6px solid #999;
padding:.4em .8em;margin:.6em 0;page-break-inside:avoid} .sc.ok{border-left-color:#2a7d2a} .sc.fail{border-left-color:#b00}
.badge{float:right;font-weight:bold;padding:0 .5em;border-radius:3px;color:#fff} .ok .badge{background:#2a7d2a}
.fail .badge{background:#b00} .skip .badge{background:#888} ol.steps{list-style:none;padding-left:.2em;margin:.3em 0}
.kw{font-weight:bold;color:#234} .st-failed{color:#b00} .st-not\\ run{color:#888} .bg{color:#666}
table{border-collapse:collapse;width:100%;margin:.4em 0} th,td{border:1px solid #aaa;padding:2px 5px;text-align:left;
vertical-align:top;font-size:9.5pt} th{background:#e4ebf3} .msg{color:#b00;font-family:monospace;white-space:pre-wrap;
font-size:8.5pt} .sum td{font-size:11pt;border:none;padding-right:2em}
@media print{body{margin:0;font-size:9pt} h2{page-break-after:avoid}} @page{size:A4;margin:12mm}
"""


def _e(text: object) -> str:
    return html.escape(str(text))


def run_features(features: Path, out_json: Path, select: str | None = None) -> int:
    """Run pytest on `features` with the report plugin; returns pytest's exit code."""
    cmd = [sys.executable, "-m", "pytest", str(features), "-p", "cli.reportplugin", "--mandat-report", str(out_json),
           "-q", "-p", "no:cacheprovider", "-p", "no:hypothesispytest", "--no-header", "-o", "addopts="]
    if select:
        cmd += ["-k", select]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    proc = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    if not out_json.is_file():
        tail = (proc.stdout + proc.stderr).strip().splitlines()[-3:]
        raise click.ClickException("the feature run wrote no report: " + " | ".join(tail))
    return proc.returncode


def _answer_rows(answers: list[dict[str, Any]]) -> str:
    if not answers:
        return ""
    out = ["<table><thead><tr><th>Fråga</th><th>Svar</th><th>Grund och skäl (lagrum, punkt)</th>"
           "<th>Följer</th></tr></thead><tbody>"]
    for a in answers:
        facts = ", ".join(f"{k} = {v}" for k, v in a["facts"].items())
        question = f"{_e(a['actor_name'] or a['actor'])} — {_e(a['matter_title'] or a['matter'])} ({_e(a['date'])})"
        if facts:
            question += f"<br><span class=\"meta\">{_e(facts)}</span>"
        cited = "<br>".join(
            f"<b>{_e(b['ref'])}</b>" + (f" — {_e(b['document'])} p. {_e(b['point'])}" if b.get("document") else "")
            for b in a["basis"])
        out.append(f"<tr><td>{question}</td><td><b>{VERDICT.get(a['answer'], a['answer'])}</b></td>"
                   f"<td>{cited or '—'}</td><td>{_e(', '.join(a['obligations'])) or '—'}</td></tr>")
    out.append("</tbody></table>")
    return "\n".join(out)


def _scenario(s: dict[str, Any]) -> str:
    label, cls = OUTCOME.get(s["outcome"], (s["outcome"], "skip"))
    steps = []
    for st in s["steps"]:
        bg = " bg" if st["line"] < s["line"] else ""
        steps.append(f"<li class=\"st-{_e(st['status'])}{bg}\">{MARK.get(st['status'], '?')} "
                     f"<span class=\"kw\">{_e(st['keyword'])}</span> {_e(st['text'])}</li>")
    msg = f"<div class=\"msg\">{_e(s['message'])}</div>" if s["message"] else ""
    return (f"<div class=\"sc {cls}\"><span class=\"badge\">{label}</span>"
            f"<b>{_e(s['keyword'])}: {_e(s['name'])}</b> <span class=\"meta\">rad {s['line']}</span>"
            f"<ol class=\"steps\">{''.join(steps)}</ol>{msg}{_answer_rows(s['answers'])}</div>")


def to_html(data: dict[str, Any], when: dt.datetime | None = None) -> str:
    """The report page from the plugin's data."""
    scenarios = data["scenarios"]
    counts = {k: sum(1 for s in scenarios if s["outcome"] == k) for k in ("passed", "failed")}
    other = len(scenarios) - counts["passed"] - counts["failed"]
    stamp = (when or dt.datetime.now()).strftime("%Y-%m-%d %H:%M")
    out = ["<!DOCTYPE html><html lang=\"sv\"><head><meta charset=\"utf-8\">",
           "<title>Funktionsrapport — mandat</title>", f"<style>{CSS}</style></head><body>",
           "<h1>Funktionsrapport: egenskaper och scenarier</h1>",
           f"<p class=\"meta\">Körd {stamp}. Varje scenario som det är skrivet, om det håller, och för varje svar "
           "de lagrum och punkter som svaret vilar på.</p>",
           "<table class=\"sum\"><tr>"
           f"<td>Egenskaper: <b>{len(data['features'])}</b></td><td>Scenarier: <b>{len(scenarios)}</b></td>"
           f"<td>Godkända: <b>{counts['passed']}</b></td><td>Underkända: <b>{counts['failed']}</b></td>"
           f"<td>Ej körda: <b>{other}</b></td></tr></table>"]
    by_feature: dict[str, list[dict[str, Any]]] = {}
    for s in scenarios:
        by_feature.setdefault(s["feature"], []).append(s)
    for path in sorted(by_feature):
        f = data["features"].get(path, {"name": path, "keyword": "Egenskap", "description": ""})
        items = sorted(by_feature[path], key=lambda s: s["line"])
        failed = sum(1 for s in items if s["outcome"] == "failed")
        out.append(f"<h2>{_e(f['keyword'])}: {_e(f['name'])}</h2>")
        out.append(f"<p class=\"meta\">{_e(path)} · {len(items)} scenarier, {failed} underkända</p>")
        if f["description"]:
            out.append(f"<div class=\"desc\">{_e(f['description'])}</div>")
        out += [_scenario(s) for s in items]
    out.append("</body></html>")
    return "\n".join(out) + "\n"


@click.command("report")
@click.option("--features", "features", type=click.Path(exists=True, path_type=Path), default=None,
              help="The feature directory (default: the project's features/).")
@click.option("--out", "-o", "out", type=click.Path(dir_okay=False, path_type=Path), default=Path("funktionsrapport.html"),
              show_default=True, help="The HTML file to write.")
@click.option("--json", "json_out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Also keep the raw data (JSON) here.")
@click.option("-k", "select", default=None, help="Only scenarios matching this pytest -k expression.")
def report(features: Path | None, out: Path, json_out: Path | None, select: str | None) -> None:
    """Run the feature files and write a Swedish HTML report (exit 1 when a scenario fails)."""
    with tempfile.TemporaryDirectory(prefix="mandat-report-") as tmp:
        raw = json_out or Path(tmp) / "report.json"
        code = run_features((features or ROOT / "features").resolve(), raw, select)
        data = json.loads(raw.read_text(encoding="utf-8"))
    out.write_text(to_html(data), encoding="utf-8")
    failed = sum(1 for s in data["scenarios"] if s["outcome"] == "failed")
    click.echo(f"skrev {out}: {len(data['scenarios'])} scenarier, {failed} underkända", err=True)
    if code not in (0, 1) and not data["scenarios"]:
        raise click.ClickException(f"the feature run failed (pytest exit {code})")
    if failed:
        sys.exit(1)
