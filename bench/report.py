"""How the benchmark prints: one row per figure, its target beside it, and a summary of the misses."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from bench.proc import python

ROWS: list[tuple[str, str, str, str]] = []


def show(figure: str, measured: str, target: str = "", ok: bool | None = None) -> None:
    mark = "" if ok is None else ("ok" if ok else "MISS")
    ROWS.append((figure, measured, target, mark))
    print(f"  {figure:<52} {measured:>26}   {target:<22} {mark}", flush=True)


def header(title: str) -> None:
    print(f"\n{title}", flush=True)


def _mandat_cmd() -> list[str]:
    exe = shutil.which("mandat", path=str(Path(sys.executable).parent)) or shutil.which("mandat")
    return [exe] if exe else python("-m", "cli.main")
