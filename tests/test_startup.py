"""What a cold `mandat` process imports and builds before it needs it (issue 8: the whole-process start).

Each check runs in a fresh interpreter, since this one has imported everything already. No timings:
what is imported and what is built, which is what the time follows from.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _fresh(code: str) -> dict:
    """Run `code` in a new interpreter at the repository root; it prints one JSON value."""
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)  # type: ignore[no-any-return]


def test_the_command_group_imports_no_engine_and_no_server() -> None:
    loaded = _fresh("import sys, json, cli.main, cli.ask; print(json.dumps(sorted(sys.modules)))")
    for heavy in ("durable", "durable_rules_engine", "fastapi", "uvicorn", "yaml", "pydantic", "engine.api"):
        assert heavy not in loaded, f"`import cli.main, cli.ask` imports {heavy}"


def test_listing_the_commands_loads_no_engine() -> None:
    code = """
import sys, json
from click.testing import CliRunner
from cli.main import cli
done = CliRunner().invoke(cli, ["--help"])
print(json.dumps({"code": done.exit_code, "out": done.output, "modules": sorted(sys.modules)}))
"""
    seen = _fresh(code)
    assert seen["code"] == 0 and "export" in seen["out"] and "ask" in seen["out"]
    for heavy in ("pydantic", "durable", "yaml", "fastapi", "openpyxl", "engine.api", "engine.document"):
        assert heavy not in seen["modules"], f"`mandat --help` imports {heavy}"


def test_models_are_built_on_first_use_not_at_import() -> None:
    code = """
import sys, json
from pydantic import BaseModel
import engine.answer, engine.models
models = [m for mod in (engine.answer, engine.models) for m in vars(mod).values()
          if isinstance(m, type) and issubclass(m, BaseModel) and m.__module__ == mod.__name__]
built = [m.__name__ for m in models if m.__pydantic_complete__]
metadata = "importlib.metadata" in sys.modules
text = engine.models.Text.model_validate("ja")
print(json.dumps({"models": len(models), "built": built, "metadata": metadata, "text": text.sv,
                  "text_built": engine.models.Text.__pydantic_complete__}))
"""
    seen = _fresh(code)
    assert seen["models"] > 20
    assert seen["built"] == [], "built at import"
    assert not seen["metadata"], "pydantic's plugin loader (importlib.metadata) ran at import"
    assert seen["text"] == "ja" and seen["text_built"], "a model validates (and is built) on first use"


def test_the_empty_match_default_equals_a_validated_one() -> None:
    from engine.models import Match, StatuteRule

    default = StatuteRule.model_fields["match"].default
    assert default == Match() and default.model_fields_set == Match().model_fields_set == set()
