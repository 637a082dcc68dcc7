"""Import a delegation table (.xlsx or .csv) into a rule file: a `documents:` file of rules/README.md.

The table has the Swedish columns Nr, Ärende, Delegat, Ersättare, Vidaredelegation, Lagrum,
Begränsning, Anmäls (any order, common variants of the names, a header row anywhere near the top;
section rows with a single cell are area headings). Names are resolved against the municipality's
rule set; every row that cannot be mapped is reported with its row number and left out. `check()`
builds the rule set with the new document in place of any old one and returns its findings.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from engine.api import Mandat, fold
from engine.document import ALL_MATTERS_TEXT, EACH_PREFIX, KIND_SV, LINK_KIND_SV, sheet_title
from engine.errors import RuleFileError, UsageError
from engine.limits import FALSE_WORDS, TRUE_WORDS, LimitError, known_texts, parse_limits
from engine.models import ActorKind, Condition, LinkKind
from engine.ruleset import ALL_MATTERS, Finding, build_ruleset

VARIANTS: dict[str, list[str]] = {
    "nr": ["nr", "nr.", "nummer", "punkt", "p", "p.", "#", "lopnummer", "delegationsnummer", "ref", "ref nr", "id"],
    "arende": ["arende", "arenden", "arendetyp", "arendegrupp", "beslut", "beslutstyp", "delegationsarende",
               "arende/beslut", "beslutsarende", "beskrivning", "befogenhet"],
    "delegat": ["delegat", "delegater", "delegat(er)", "beslutsfattare", "delegationsmottagare", "befattning",
                "beslutande", "delegerad till", "delegat/befattning"],
    "ersattare": ["ersattare", "ersattare vid forfall", "ersattare/vice", "vid forfall", "ersattning"],
    "vidaredelegation": ["vidaredelegation", "vidaredelegering", "far vidaredelegeras", "vidaredel", "vidaredel.",
                         "vidaredelegation medges", "vd"],
    "lagrum": ["lagrum", "lagstod", "lag", "forfattning", "hanvisning", "lagrum/hanvisning", "lagrum/forfattning"],
    "begransning": ["begransning", "begransningar", "beloppsgrans", "beloppsgranser", "villkor", "grans",
                    "begransning/villkor"],
    "anmals": ["anmals", "anmalan", "anmals till", "anmalningsskyldighet", "anmales", "anmals (ja/nej)"],
    "typ": ["typ", "slag"],
    "under": ["vidaredelegerad fran", "under", "vidaredelegerat fran", "grund"],
    "kommentar": ["kommentar", "kommentarer", "anmarkning", "notering", "noteringar", "ovrigt"],
}
COLUMN_NAMES = {"nr": "Nr", "arende": "Ärende", "delegat": "Delegat", "ersattare": "Ersättare",
                "vidaredelegation": "Vidaredelegation", "lagrum": "Lagrum", "begransning": "Begränsning",
                "anmals": "Anmäls", "typ": "Typ", "under": "Vidaredelegerad från", "kommentar": "Kommentar"}
REQUIRED = ("nr", "arende", "delegat")
HEADER_SCAN = 20
_lookup = {fold(v): k for k, vs in VARIANTS.items() for v in vs}
_kind_lookup = {fold(sv): k for k, sv in KIND_SV.items()} | {fold(k.value): k for k in ActorKind}
_link_lookup = {fold(sv): k for k, sv in LINK_KIND_SV.items()} | {fold(k.value): k for k in LinkKind}
REF_RE = re.compile(r"^(?:(?P<law>[A-ZÅÄÖa-zåäö]+)\s+)?(?P<ch>\d+)\s*kap\.?\s*(?P<par>\d+)\s*§\s*(?P<law2>[A-ZÅÄÖ][A-Za-zåäö]*)?$")


@dataclass
class Problem:
    """A row (or the file) that could not be mapped: row number (1-based, 0 = the file), column, message."""

    row: int
    column: str
    message: str
    severity: str = "error"

    def __str__(self) -> str:
        where = f"rad {self.row}" if self.row else "tabellen"
        col = f", {self.column}" if self.column else ""
        return f"{where}{col}: {'varning: ' if self.severity == 'warning' else ''}{self.message}"


@dataclass
class ImportResult:
    document: dict[str, Any]
    problems: list[Problem] = field(default_factory=list)
    rows_read: int = 0

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    def yaml_text(self) -> str:
        head = "# Imported by `mandat import` from a delegation table; review before adoption.\n"
        return head + yaml.safe_dump({"documents": [self.document]}, allow_unicode=True, sort_keys=False, width=110)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()[:10]
    return str(value).strip()


def read_table(path: Path, sheet: str | None = None, document_id: str | None = None) -> list[tuple[int, list[str]]]:
    """The rows of a .csv or .xlsx file as (row number, cells)."""
    suffix = path.suffix.lower()
    if not path.is_file():
        raise UsageError(f"no such file `{path}`")
    if suffix == ".csv":
        text = path.read_text(encoding="utf-8-sig")
        try:
            dialect = csv.Sniffer().sniff(text[:4096], delimiters=";,\t")
        except csv.Error:
            dialect = csv.excel
        return [(i, [c.strip() for c in row]) for i, row in enumerate(csv.reader(text.splitlines(), dialect), 1)]
    if suffix in (".xlsx", ".xlsm"):
        from openpyxl import load_workbook

        try:
            wb = load_workbook(path, read_only=True, data_only=True)
        except Exception as exc:  # noqa: BLE001 - a broken workbook is a usage error, in one line
            raise UsageError(f"cannot read `{path}` as an Excel workbook: {exc}") from None
        names = wb.sheetnames
        if sheet is None and document_id:
            sheet = sheet_title(document_id) if sheet_title(document_id) in names else None
        if sheet is not None and sheet not in names:
            raise UsageError(f"no sheet `{sheet}` in `{path}` (sheets: {', '.join(names)})")
        ws = wb[sheet] if sheet else wb[names[0]]
        rows = [(i, [_cell(c) for c in row]) for i, row in enumerate(ws.iter_rows(values_only=True), 1)]
        wb.close()
        return rows
    raise UsageError(f"`{path}`: import reads .xlsx or .csv files")


def find_header(rows: list[tuple[int, list[str]]]) -> tuple[int, dict[int, str]]:
    """The header row's index in `rows` and the map column index -> field."""
    for idx, (_, cells) in enumerate(rows[:HEADER_SCAN]):
        mapping = {i: _lookup[fold(c)] for i, c in enumerate(cells) if fold(c) in _lookup}
        if len(set(mapping.values())) >= 3 and {"arende", "delegat"} <= set(mapping.values()):
            return idx, mapping
    raise UsageError("found no header row with the columns Nr, Ärende and Delegat in the first "
                     f"{HEADER_SCAN} rows (known column names: {', '.join(COLUMN_NAMES.values())})")


def _bool(text: str) -> bool | None:
    low = text.strip().casefold()
    return True if low in TRUE_WORDS else False if low in FALSE_WORDS or low == "" else None


def normalise_ref(text: str) -> str:
    """'6 kap. 37 § KL' / 'KL 6 kap 37 §' -> 'KL 6:37'; other forms are kept as written."""
    m = REF_RE.match(text.strip())
    if m:
        law = m.group("law") or m.group("law2") or "KL"
        return f"{law} {m.group('ch')}:{m.group('par')}"
    return " ".join(text.split())


class _RowReader:
    def __init__(self, mandat: Mandat, doc_kind: LinkKind, doc_reporting: bool) -> None:
        self.m = mandat
        self.doc_reporting = doc_reporting
        self.rs = mandat.rules
        self.doc_kind = doc_kind
        self.known = known_texts(self.rs)
        self.problems: list[Problem] = []

    def fail(self, row: int, col: str, message: str, severity: str = "error") -> None:
        self.problems.append(Problem(row, COLUMN_NAMES.get(col, col), message, severity))

    def _actor(self, row: int, col: str, text: str) -> str | None:
        try:
            return self.m.resolve_actor(text)
        except UsageError as exc:
            self.fail(row, col, exc.message.replace("unknown actor", "unknown role"))
            return None

    def point(self, row: int, cells: dict[str, str]) -> dict[str, Any] | None:
        before = len(self.problems)
        out: dict[str, Any] = {"point": cells.get("nr", "")}
        if not out["point"]:
            self.fail(row, "nr", "the row has no point number")
        matters: list[str] = []
        for part in [p.strip() for p in re.split(r"[;\n]", cells.get("arende", "")) if p.strip()]:
            if part == "*" or fold(part) == fold(ALL_MATTERS_TEXT):
                matters.append(ALL_MATTERS)
                continue
            try:
                matters.append(self.m.resolve_matter(part))
            except UsageError as exc:
                self.fail(row, "arende", exc.message)
        if not matters and len(self.problems) == before:
            self.fail(row, "arende", "the row names no matter")
        if len(matters) == 1:
            out["matter"] = matters[0]
        elif matters:
            out["matters"] = matters
        delegat = cells.get("delegat", "")
        if fold(delegat).startswith(fold(EACH_PREFIX)):
            kinds = []
            for name in [k.strip() for k in delegat[len(EACH_PREFIX):].split(",") if k.strip()]:
                if fold(name) in _kind_lookup:
                    kinds.append(_kind_lookup[fold(name)].value)
                else:
                    self.fail(row, "delegat", f"unknown kind of role `{name}`")
            out["delegate_each"] = kinds
        elif delegat:
            out["delegate"] = self._actor(row, "delegat", delegat)
        else:
            self.fail(row, "delegat", "the row names no delegate")
        if cells.get("ersattare"):
            out["substitute"] = self._actor(row, "ersattare", cells["ersattare"])
        typ = cells.get("typ", "")
        if typ:
            if fold(typ) in _link_lookup:
                if _link_lookup[fold(typ)] != self.doc_kind:
                    out["kind"] = _link_lookup[fold(typ)].value
            else:
                self.fail(row, "typ", f"unknown kind of point `{typ}` (known: {', '.join(LINK_KIND_SV.values())})")
        if cells.get("under"):
            out["under"] = cells["under"]
        vd = _bool(cells.get("vidaredelegation", ""))
        if vd is None:
            self.fail(row, "vidaredelegation", f"`{cells['vidaredelegation']}` is neither Ja nor Nej")
        elif vd:
            out["vidaredelegation"] = True
        try:
            limits = parse_limits(cells.get("begransning", ""), self.rs, self.known)
        except LimitError as exc:
            self.fail(row, "begransning", str(exc))
            limits = []
        if limits:
            out["limits"] = [_condition_dict(c) for c in limits]
        if "anmals" in cells:
            reporting = _bool(cells["anmals"]) if cells["anmals"] else None
            if reporting is None and cells["anmals"]:
                self.fail(row, "anmals", f"`{cells['anmals']}` is neither Ja nor Nej")
            elif reporting is not None and reporting != self.doc_reporting:
                out["reporting"] = reporting
        refs = [normalise_ref(r) for r in re.split(r"[,;\n]", cells.get("lagrum", "")) if r.strip()]
        for ref in refs:
            if ref not in self.rs.provisions:
                self.fail(row, "lagrum", f"`{ref}` is not a provision of the statute layer", "warning")
        if refs:
            out["refs"] = refs
        if cells.get("kommentar"):
            out["note"] = cells["kommentar"]
        errors = [p for p in self.problems[before:] if p.severity == "error"]
        return None if errors else out


def _condition_dict(cond: Condition) -> dict[str, Any]:
    return cond.model_dump(mode="json", exclude_none=True)


def document_header(mandat: Mandat, document_id: str, overrides: dict[str, Any]) -> dict[str, Any]:
    """The document's fields other than its points: the existing document's, with `overrides` applied."""
    existing = mandat.rules.documents.get(document_id)
    head: dict[str, Any] = {"id": document_id}
    if existing is not None:
        dumped = existing.model_dump(mode="json", exclude_none=True, exclude={"points"})
        head.update({k: v for k, v in dumped.items() if k != "id"})
    head.update({k: v for k, v in overrides.items() if v is not None})
    missing = [k for k in ("title", "grantor", "adopted", "valid_from") if k not in head]
    if missing:
        raise UsageError(f"`{document_id}` is a new document: give " + ", ".join(f"--{k.replace('_', '-')}" for k in missing))
    for key in ("adopted", "valid_from", "valid_to"):
        if isinstance(head.get(key), str):
            try:
                head[key] = dt.date.fromisoformat(head[key])
            except ValueError:
                raise UsageError(f"--{key.replace('_', '-')}: `{head[key]}` is not a date (2024-04-10)") from None
    head.setdefault("kind", "delegation")
    head.setdefault("adopted_by", head["grantor"])
    if isinstance(head.get("title"), dict) and set(head["title"]) == {"sv"}:
        head["title"] = head["title"]["sv"]
    return head


def import_table(path: Path, mandat: Mandat, document_id: str, overrides: dict[str, Any] | None = None,
                 sheet: str | None = None) -> ImportResult:
    """Read a delegation table into a document dict; every row that cannot be mapped is a `Problem`."""
    head = document_header(mandat, document_id, overrides or {})
    rows = read_table(path, sheet, document_id)
    hidx, mapping = find_header(rows)
    result = ImportResult(head)
    missing = [COLUMN_NAMES[c] for c in REQUIRED if c not in mapping.values()]
    if missing:
        result.problems.append(Problem(rows[hidx][0], "", f"the header has no column {', '.join(missing)}"))
        return result
    reader = _RowReader(mandat, LinkKind(head["kind"]), bool(head.get("reporting", False)))
    points: list[dict[str, Any]] = []
    seen: dict[str, int] = {}
    for number, cells in rows[hidx + 1:]:
        values = {f: cells[i] for i, f in mapping.items() if i < len(cells)}
        filled = [c for c in cells if c]
        if len(filled) <= 1 and not (values.get("arende") and values.get("delegat")):
            continue  # blank or an area heading
        result.rows_read += 1
        point = reader.point(number, values)
        nr = values.get("nr", "")
        if nr and nr in seen:
            reader.fail(number, "nr", f"point {nr} appears twice (also on row {seen[nr]})")
            point = None
        seen.setdefault(nr, number)
        if point is not None:
            points.append(point)
    result.problems += reader.problems
    head["points"] = points
    return result


def check(result: ImportResult, municipality_dir: Path, statute_dir: Path) -> list[Finding]:
    """Build the rule set with the imported document in place of any document of the same id."""
    doc_id = result.document["id"]
    with tempfile.TemporaryDirectory(prefix="mandat-import-") as tmp:
        work = Path(tmp) / municipality_dir.name
        shutil.copytree(municipality_dir, work)
        for f in sorted(work.glob("*.yaml")):
            data = yaml.safe_load(f.read_text(encoding="utf-8")) or {}
            docs = data.get("documents") if isinstance(data, dict) else None
            if docs and any(isinstance(d, dict) and d.get("id") == doc_id for d in docs):
                data["documents"] = [d for d in docs if not (isinstance(d, dict) and d.get("id") == doc_id)]
                f.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
        target = work / f"zz-import-{doc_id}.yaml"
        target.write_text(result.yaml_text(), encoding="utf-8")
        try:
            rs = build_ruleset(statute_dir, work)
        except RuleFileError as exc:
            return [Finding(exc.code, "error", Path(exc.path.name), exc.line, exc.column, exc.message)]
        return [Finding(x.code, x.severity, Path(x.path.name), x.line, x.column, x.message, x.ref) for x in rs.findings]
