"""JSON Schemas of the rule files, generated from the pydantic models, for editors.

The rule files name them in their first line (`# yaml-language-server: $schema=../../schema/...`), so an
editor with the YAML language server checks and completes a file as a lawyer types. `mandat schema`
writes them to `rules/schema/`.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from engine.models import MunicipalityFile, StatuteFile

DIALECT = "https://json-schema.org/draft/2020-12/schema"
FILES: dict[str, tuple[type[BaseModel], str]] = {
    "statute.schema.json": (StatuteFile, "A statute file of mandat (rules/statutes/<country>/*.yaml)"),
    "municipality.schema.json": (MunicipalityFile, "A municipality file of mandat (rules/municipalities/<id>/*.yaml)"),
}


def _loosen(defs: dict[str, Any]) -> None:
    """Accept what the models' before-validators accept: a plain string for a text, a number for a point."""
    if "Text" in defs:
        text = defs.pop("Text")
        defs["Text"] = {"anyOf": [{"type": "string", "description": "Swedish text"}, text],
                        "description": text.get("description", "")}
    point = defs.get("Point", {}).get("properties", {}).get("point")
    if point is not None:
        point.pop("type", None)
        point["anyOf"] = [{"type": "string"}, {"type": "number"}]


def schema_of(model: type[BaseModel], title: str) -> dict[str, Any]:
    """The JSON Schema of one kind of rule file."""
    body = model.model_json_schema(by_alias=True)
    _loosen(body.get("$defs", {}))
    props = body.get("properties", {})
    if "prisbasbelopp" in props:
        props["prisbasbelopp"]["propertyNames"] = {"pattern": "^[0-9]{4}$"}
    return {"$schema": DIALECT, **body, "title": title}


def schemas() -> dict[str, dict[str, Any]]:
    """File name -> schema, for every kind of rule file."""
    return {name: schema_of(model, title) for name, (model, title) in FILES.items()}


def write_schemas(out_dir: Path) -> list[Path]:
    """Write the schemas into `out_dir` (created if missing); returns the paths written."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, body in schemas().items():
        path = out_dir / name
        path.write_text(json.dumps(body, ensure_ascii=False, indent=2, sort_keys=False) + "\n", encoding="utf-8")
        written.append(path)
    return written
