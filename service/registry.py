"""The rule sets a running service answers from, and their atomic reload.

A reload loads and checks every municipality under the rules directory afresh. A rule set that loads and
checks clean (no error findings) replaces the one being served in a single reference swap; until then the
old one keeps answering. One that does not load or check is reported (GET /v1/rulesets, the reload's answer)
and never served: the previous version, if any, goes on answering.
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from engine import api
from engine.errors import MandatError, RuleFileError, UsageError, closest

LOAD_TRIES = 3  # durable-rules now and then refuses to create a ruleset (error 102); a second try succeeds


class UnknownMunicipality(UsageError):
    """No rule set of that name (HTTP 404)."""


class Unavailable(MandatError):
    """The municipality's rules exist but do not load or check, and no earlier version is served (HTTP 503)."""


@dataclass(frozen=True)
class Status:
    """What the registry knows of one municipality: the version served, and the last load's error."""

    id: str
    version: str | None = None  # the version being served (None: nothing served)
    name: str | None = None
    country: str | None = None
    loaded_at: str | None = None
    error: str | None = None  # the last load or check failure, reported and not served
    error_at: str | None = None
    warnings: int = 0

    def as_dict(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "country": self.country, "version": self.version,
                "valid": self.error is None, "served": self.version is not None, "loaded_at": self.loaded_at,
                "error": self.error, "error_at": self.error_at, "warnings": self.warnings}


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def check_clean(mandat: api.Mandat) -> int:
    """Raise `RuleFileError` on the first error finding of `mandat check`; return the number of warnings."""
    checker = getattr(mandat, "check", None)
    if checker is None:  # no validator in this build: loading (which resolves every reference) must do
        return 0
    findings = checker()
    errors = [f for f in findings if f.severity == "error"]
    if errors:
        first = errors[0]
        ref = f" ({first.ref})" if first.ref else ""
        raise RuleFileError(first.path, first.line, f"{first.code}: {first.message}{ref}", first.column, code=first.code)
    return len(findings)


def load_checked(rules_dir: Path, municipality: str) -> tuple[api.Mandat, int]:
    """Load and check one municipality; retries the C engine's transient refusals."""
    for attempt in range(LOAD_TRIES):
        try:
            mandat = api.load_path(rules_dir / "municipalities" / municipality, rules_dir / "statutes")
            return mandat, check_clean(mandat)
        except MandatError:
            raise
        except Exception:
            if attempt == LOAD_TRIES - 1:
                raise
            time.sleep(0.05)
    raise AssertionError("unreachable")


class Registry:
    """The served rule sets, by municipality id. Reads are lock-free; reloads are serialised."""

    def __init__(self, rules_dir: Path | None = None) -> None:
        self.rules_dir = Path(rules_dir) if rules_dir else api.default_rules_dir()
        self._served: dict[str, api.Mandat] = {}
        self._status: dict[str, Status] = {}
        self._lock = threading.Lock()
        self.reloads = 0

    def get(self, name: str) -> api.Mandat:
        """The rule set served for `name` (an id, any case or accents); 404/503 errors otherwise."""
        key = api.fold(name).replace(" ", "-")
        served = self._served
        if key in served:
            return served[key]
        status = self._status.get(key)
        if status is not None and status.error:
            raise Unavailable(f"the rules of `{key}` do not load or check: {status.error}")
        known = sorted(self._status)
        hits = closest(key, known)
        suggestion = (" — did you mean " + " or ".join(f"`{h}`" for h in hits) + "?") if hits else ""
        raise UnknownMunicipality(
            f"unknown municipality `{name}`{suggestion} (known: {', '.join(known) or 'none'})")

    def status(self) -> list[dict[str, Any]]:
        return [s.as_dict() for s in sorted(self._status.values(), key=lambda s: s.id)]

    def reload(self) -> dict[str, Any]:
        """Load and check every municipality; swap in those that are clean. Returns what happened."""
        with self._lock:
            served, status = dict(self._served), dict(self._status)
            report: dict[str, list[Any]] = {"loaded": [], "unchanged": [], "broken": [], "removed": []}
            on_disk = api.municipalities(self.rules_dir)
            for mid in on_disk:
                old = status.get(mid, Status(mid))
                try:
                    mandat, warnings = load_checked(self.rules_dir, mid)
                except Exception as exc:  # noqa: BLE001 - every failure is reported, none is served
                    message = str(exc) if isinstance(exc, MandatError) else f"internal error ({type(exc).__name__}): {exc}"
                    status[mid] = Status(mid, old.version, old.name, old.country, old.loaded_at, message, _now(),
                                         old.warnings)
                    report["broken"].append({"id": mid, "error": message, "serving": old.version})
                    continue
                info = mandat.rules.municipality
                if old.version == mandat.version and mid in served:
                    report["unchanged"].append(mid)
                    status[mid] = Status(mid, old.version, info.name.sv, info.country, old.loaded_at, None, None,
                                         warnings)
                    continue
                served[mid] = mandat
                status[mid] = Status(mid, mandat.version, info.name.sv, info.country, _now(), None, None, warnings)
                report["loaded"].append({"id": mid, "version": mandat.version, "previous": old.version})
            for mid in set(status) - set(on_disk):
                served.pop(mid, None)
                status.pop(mid)
                report["removed"].append(mid)
            self._status = status
            self._served = served  # the swap: requests from here on get the new rule sets
            self.reloads += 1
            return report
