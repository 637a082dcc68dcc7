"""The HTML export and the feature report rendered in headless Chromium (installed by .ci/run).

Chromium is a system package (Debian `chromium`); .ci/run installs it where it is missing. Its absence
is a failure that says so, never a skip.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import struct
import subprocess
import zlib
from pathlib import Path

import pytest

from cli import report
from cli.export import to_html
from engine import api
from engine.document import build
from tests.lawdoc import write_features

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", "--hide-scrollbars"]


def _chromium() -> str:
    exe = shutil.which("chromium") or shutil.which("chromium-browser")
    assert exe, "headless Chromium is missing: .ci/run installs it (apt-get install -y chromium)"
    return exe


def _browser(page: Path, tmp: Path, *args: str) -> subprocess.CompletedProcess[str]:
    cmd = [_chromium(), *FLAGS, f"--user-data-dir={tmp / 'profile'}", *args, page.resolve().as_uri()]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=180, check=False)


def dump_dom(page: Path, tmp: Path) -> str:
    p = _browser(page, tmp, "--dump-dom")
    assert p.returncode == 0, p.stderr[-500:]
    return p.stdout


def screenshot(page: Path, tmp: Path, out: Path, size: str = "1400,1800") -> Path:
    p = _browser(page, tmp, f"--screenshot={out}", f"--window-size={size}")
    assert p.returncode == 0 and out.is_file(), p.stderr[-500:]
    return out


def png_stats(path: Path) -> tuple[int, int, int]:
    """Width, height and the number of distinct byte values of the pixel data (a blank page has very few)."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    pos, idat = 8, b""
    while pos < len(data):
        length = struct.unpack(">I", data[pos:pos + 4])[0]
        if data[pos + 4:pos + 8] == b"IDAT":
            idat += data[pos + 8:pos + 8 + length]
        pos += 12 + length
    return width, height, len(set(zlib.decompress(idat)))


@pytest.fixture(scope="module")
def shots(tmp_path_factory) -> Path:
    base = tmp_path_factory.mktemp("browser")
    vara = api.load("vara")
    (base / "export.html").write_text(to_html(build(vara, dt.date(2025, 3, 1)), vara), encoding="utf-8")
    raw = base / "report.json"
    report.run_features(write_features(base / "features"), raw)
    (base / "report.html").write_text(report.to_html(json.loads(raw.read_text(encoding="utf-8"))), encoding="utf-8")
    return base


def test_export_renders_with_its_tables_and_graph(shots):
    dom = dump_dom(shots / "export.html", shots)
    assert dom.count('<table class="order">') >= 3
    assert '<td class="nr">3.1</td><td>Beslut om upphandling och tilldelning' in dom
    assert "<th>Nr</th><th>Ärende</th><th>Delegat</th><th>Ersättare</th>" in dom
    assert "<svg" in dom and "Register efter lagrum" in dom
    width, height, values = png_stats(screenshot(shots / "export.html", shots, shots / "export.png"))
    assert (width, height) == (1400, 1800) and values > 50


def test_feature_report_renders_with_its_scenarios(shots):
    dom = dump_dom(shots / "report.html", shots)
    assert "Egenskap: Testby — upphandling och yttranden" in dom
    assert dom.count('class="sc ok"') == 1 and dom.count('class="sc fail"') == 1
    assert "<b>KL 6:38 p.2</b>" in dom and "<th>Grund och skäl (lagrum, punkt)</th>" in dom
    width, height, values = png_stats(screenshot(shots / "report.html", shots, shots / "report.png", "1200,1000"))
    assert (width, height) == (1200, 1000) and values > 50
