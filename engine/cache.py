"""A cache of derived rule sets: the checked `RuleSet` and its `Authority`, pickled, keyed by a hash.

The key covers every rule file's path and bytes (statute layer and municipality), the source of the
engine modules that build it and the Python and pydantic versions, so an edited rule file, a changed engine or another
interpreter never reads a stale entry. Where the cache lives: `$MANDAT_CACHE` (a directory; `off`
disables it), else `$XDG_CACHE_HOME/mandat` or `~/.cache/mandat`. A cache that cannot be read or
written is skipped silently: the rule set is then built and derived as without a cache.
"""

from __future__ import annotations

import gc
import hashlib
import os
import pickle
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

CACHE_ENV = "MANDAT_CACHE"
_ENGINE = Path(__file__).resolve().parent
# the modules that build a rule set and its derivation, or define the classes pickled: a change to any of
# them makes every entry stale (evaluate.py: the citations compiled into each chain; answer.py: BasisRef;
# the other answering modules, api.py and compose.py, do not)
BUILDERS = ("answer.py", "cache.py", "chains.py", "compile.py", "derive.py", "errors.py", "evaluate.py",
            "loader.py", "models.py", "plan.py", "ruleset.py", "source.py", "validate.py", "yamlsrc.py")
_engine_digest: str | None = None


def cache_dir() -> Path | None:
    """The cache directory, or None when caching is off."""
    env = os.environ.get(CACHE_ENV)
    if env is not None:
        return None if env.strip().lower() in ("", "0", "off", "no", "false") else Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "mandat"


def _engine() -> str:
    """A digest of the building modules' source, so that a changed engine never reads an old pickle."""
    global _engine_digest
    if _engine_digest is None:
        import pydantic

        h = hashlib.sha256(f"{sys.version}|{pydantic.VERSION}".encode())
        for name in BUILDERS:
            path = _ENGINE / name
            h.update(name.encode() + b"\0" + (path.read_bytes() if path.exists() else b""))
        _engine_digest = h.hexdigest()
    return _engine_digest


def key(*dirs: Path) -> str:
    """The cache key of the rule files under `dirs` (every `*.yaml`, path and bytes)."""
    h = hashlib.sha256(_engine().encode())
    for directory in dirs:
        root = Path(directory).resolve()
        h.update(str(root).encode() + b"\0")
        for path in sorted(root.rglob("*.yaml")):
            h.update(str(path.relative_to(root)).encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()


@contextmanager
def _no_gc() -> Iterator[None]:
    """Loading creates ~10^6 objects that live as long as the rule set. The cyclic collector would rescan
    them many times over while they are made, and once more on its first run afterwards (0.15-0.25 s for
    the large bench municipality): collection is off while they are made, and they are then frozen
    (`gc.freeze`: never scanned again; they are still freed by reference counting when dropped)."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if was:
            gc.enable()


def _build(build: Callable[[], Any]) -> Any:
    """Loading creates millions of objects that live as long as the rule set: collecting cycles among
    them only costs time (measured: building the large bench municipality took 9.0 s with the
    collector on and 3.4 s with it off)."""
    with _no_gc():
        return build()


def cached(dirs: tuple[Path, ...], build: Callable[[], Any]) -> Any:
    """The value `build()` returns for the rule files under `dirs`, from the cache when it holds it."""
    base = cache_dir()
    if base is None:
        return _build(build)
    try:
        path = base / f"{key(*dirs)}.pickle"
        with open(path, "rb") as f, _no_gc():
            return pickle.load(f)
    except FileNotFoundError:
        pass
    except Exception:  # noqa: BLE001 - a broken entry is rebuilt and overwritten
        pass
    value = _build(build)
    try:
        base.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=base, suffix=".tmp")
        with os.fdopen(fd, "wb") as f:
            pickle.dump(value, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except Exception:  # noqa: BLE001 - a read-only or full disk only means no cache
        try:
            os.unlink(tmp)
        except Exception:  # noqa: BLE001
            pass
    return value
