"""`mandat audit`: judge a register of delegated decisions (CSV or JSON Lines) against a rule set."""

from __future__ import annotations

import csv
import datetime as dt
import gc
import html
import io
import json
import os
import shutil
import sys
import tempfile
from pathlib import Path
from typing import IO, Any

import click

from cli.options import lang_option, load, municipality_option, rules_option


@click.command()
@municipality_option
@rules_option
@lang_option
@click.argument("file", type=click.Path(dir_okay=False, allow_dash=True, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["csv", "jsonl", "html"]), default="csv", show_default=True,
              help="The verdicts as CSV, JSON Lines, or a self-contained HTML report.")
@click.option("--input-format", "in_fmt", type=click.Choice(["auto", "csv", "jsonl"]), default="auto",
              show_default=True, help="The register's format (auto: from the name, else the content).")
@click.option("--out", "-o", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write the verdicts here (default: standard output).")
@click.option("--progress/--no-progress", default=None, help="A progress bar (default: on a terminal).")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None,
              help="Processes judging rows (default: one per core, at most 4; 1 judges in this process).")
def audit(municipality: str, rules_dir: Path | None, lang: str, file: Path, fmt: str, in_fmt: str,
          out: Path | None, progress: bool | None, jobs: int | None) -> int:
    """Judge each decision in FILE: ok, unauthorised, wrong-point, depends, not-reported or malformed.

    Exit 0 when every row is ok, 1 when any is not, 64 for a file that cannot be read, 65 for broken rules.
    The file format is in the README ("Audit file format"); `-` reads standard input.
    """
    from engine import audit as engine_audit
    from engine.errors import UsageError

    mandat = load(municipality, rules_dir)
    try:
        raw: IO[bytes] = sys.stdin.buffer if str(file) == "-" else open(file, "rb")  # noqa: SIM115
    except OSError as exc:
        raise UsageError(f"{file}: {exc.strerror or exc}") from None
    size = 0 if str(file) == "-" else file.stat().st_size
    stream = io.TextIOWrapper(raw, encoding="utf-8-sig", errors="replace", newline="")
    head = stream.buffer.peek(512)[:512].decode("utf-8", errors="replace") if hasattr(stream.buffer, "peek") else ""
    source_fmt = engine_audit.sniff_format(str(file), head) if in_fmt == "auto" else in_fmt
    show = progress if progress is not None else (sys.stderr.isatty() and size > 0)
    try:
        target: IO[str] = open(out, "w", encoding="utf-8", newline="") if out else sys.stdout  # noqa: SIM115
    except OSError as exc:
        raise UsageError(f"--out {out}: {exc.strerror or exc}") from None
    # the loaded rule set is never collected nor walked, and forked workers share its pages; the audit collects
    # itself, young objects every 10,000 rows (automatic collection walks the memos again and again)
    collecting = gc.isenabled()
    gc.freeze()
    gc.disable()
    try:
        summary = _run(mandat, stream, raw, source_fmt, target, fmt, lang, size if show else 0, jobs or _cores())
    finally:
        if collecting:
            gc.enable()
        gc.unfreeze()
        stream.close()
        if out:
            target.close()
    _summary(summary, lang, err=out is None)
    return 0 if summary.findings == 0 else 1


def _cores() -> int:
    try:
        return min(4, len(os.sched_getaffinity(0)))
    except AttributeError:  # no affinity on this system
        return min(4, os.cpu_count() or 1)


def _run(mandat: Any, stream: IO[str], raw: IO[bytes], source_fmt: str, target: IO[str], fmt: str, lang: str,
         size: int, workers: int) -> Any:
    from engine import audit as engine_audit

    bar = click.progressbar(length=size, label="granskar" if lang == "sv" else "auditing", file=sys.stderr) \
        if size else None
    done = [0]

    def tick(_rows: int) -> None:
        if bar is not None:
            try:
                position = raw.tell()
            except OSError:
                return
            bar.update(position - done[0])
            done[0] = position

    if fmt == "html":
        with tempfile.TemporaryFile("w+", encoding="utf-8") as spool:
            report = HtmlReport(mandat, lang, spool)
            summary = engine_audit.run(mandat, stream, source_fmt, report.add, lang, tick, workers=workers)
            report.finish(summary, target)
    else:
        writer = Writer(target, fmt)
        summary = engine_audit.run(mandat, stream, source_fmt, writer.write, lang, tick, workers=workers)
    if bar is not None:
        bar.update(size - done[0])
        bar.render_finish()
    return summary


def _summary(summary: Any, lang: str, err: bool) -> None:
    d = summary.as_dict()
    words = {"sv": ("rader", "granskade på", "rader/s"), "en": ("rows", "audited in", "rows/s")}[lang]
    counts = ", ".join(f"{k} {v}" for k, v in d["counts"].items() if v)
    click.echo(f"{d['rows']} {words[0]} {words[1]} {d['seconds']:.2f} s ({d['rows_per_second']:.0f} {words[2]}): "
               f"{counts or '-'}", err=err)


class Writer:
    """Writes verdicts as they come, as CSV or JSON Lines."""

    def __init__(self, out: IO[str], fmt: str) -> None:
        from engine.audit import COLUMNS

        self.out = out
        self._csv = csv.writer(out) if fmt == "csv" else None
        if self._csv is not None:
            self._csv.writerow(COLUMNS)

    def write(self, v: Any) -> None:
        if self._csv is not None:
            self._csv.writerow(v.as_row())
        else:
            self.out.write(json.dumps(v.as_dict(), ensure_ascii=False) + "\n")


VERDICT_TEXT = {
    "sv": {"ok": "i sin ordning", "unauthorised": "utan beslutanderätt", "wrong-point": "fel delegationspunkt angiven",
           "depends": "beror på uppgift som saknas", "not-reported": "inte anmält trots anmälningsplikt",
           "malformed": "kunde inte läsas"},
    "en": {"ok": "in order", "unauthorised": "without authority", "wrong-point": "wrong delegation point cited",
           "depends": "depends on a missing fact", "not-reported": "not reported though it had to be",
           "malformed": "could not be read"},
}
HTML_WORDS = {
    "sv": ("Granskning av delegeringsbeslut", "Regelverk", "Granskad", "Sammanfattning", "Avvikelser", "rader",
           ["Rad", "Id", "Datum", "Beslutsfattare", "Ärende", "Angiven punkt", "Bedömning", "Förklaring"],
           "Inga avvikelser.", "Kunde ha beslutat", "Saknade uppgifter", "Grund"),
    "en": ("Audit of delegated decisions", "Rule set", "Audited", "Summary", "Findings", "rows",
           ["Line", "Id", "Date", "Decided by", "Matter", "Point cited", "Verdict", "Explanation"],
           "No findings.", "Could have decided", "Missing facts", "Basis"),
}
CSS = ("body{font-family:system-ui,sans-serif;margin:2em;color:#222}table{border-collapse:collapse;margin:1em 0}"
       "td,th{border:1px solid #ccc;padding:.3em .6em;text-align:left;vertical-align:top}th{background:#f3f3f3}"
       ".ok{color:#176b2c}.unauthorised,.malformed{color:#a31515;font-weight:600}"
       ".wrong-point,.not-reported,.depends{color:#8a5a00;font-weight:600}small{color:#666}")


class HtmlReport:
    """A self-contained HTML report: the summary first, then every row that is not ok (spooled to a file)."""

    def __init__(self, mandat: Any, lang: str, spool: IO[str]) -> None:
        self.mandat, self.lang, self.spool = mandat, lang, spool
        self.words = HTML_WORDS[lang]

    def add(self, v: Any) -> None:
        if v.verdict == "ok":
            return
        w = self.words
        notes = [v.message] if v.message else []
        if v.could_decide:
            notes.append(f"{w[8]}: {', '.join(v.could_decide)}")
        if v.open_facts:
            notes.append(f"{w[9]}: {', '.join(v.open_facts)}")
        if v.points and v.verdict != "wrong-point":
            notes.append(f"{w[10]}: {', '.join(v.points)}")
        cells = [str(v.line), v.id, v.date, v.actor, v.matter, v.point_cited]
        self.spool.write("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in cells)
                         + f'<td class="{v.verdict}">{html.escape(VERDICT_TEXT[self.lang][v.verdict])}</td>'
                         + f"<td>{'<br>'.join(html.escape(n) for n in notes)}</td></tr>\n")

    def finish(self, summary: Any, out: IO[str]) -> None:
        w, m = self.words, self.mandat
        name = html.escape(m.rules.municipality.name.get(self.lang))
        out.write(f'<!DOCTYPE html>\n<html lang="{self.lang}"><head><meta charset="utf-8">'
                  f"<title>{w[0]} – {name}</title><style>{CSS}</style></head><body>\n"
                  f"<h1>{w[0]} – {name}</h1>\n<p><small>{w[1]}: {html.escape(m.id)} {html.escape(m.version)}<br>"
                  f"{w[2]}: {dt.datetime.now().strftime('%Y-%m-%d %H:%M')}, {summary.rows} {w[5]}</small></p>\n"
                  f"<h2>{w[3]}</h2>\n<table>")
        for verdict, count in summary.counts.items():
            out.write(f'<tr><td class="{verdict}">{html.escape(VERDICT_TEXT[self.lang][verdict])}</td>'
                      f'<td style="text-align:right">{count}</td></tr>')
        out.write(f"</table>\n<h2>{w[4]} ({summary.findings})</h2>\n")
        if summary.findings:
            out.write("<table><tr>" + "".join(f"<th>{h}</th>" for h in w[6]) + "</tr>\n")
            self.spool.seek(0)
            shutil.copyfileobj(self.spool, out)
            out.write("</table>\n")
        else:
            out.write(f"<p>{w[7]}</p>\n")
        out.write("</body></html>\n")
