"""API keys: optional, from $MANDAT_API_KEYS / $MANDAT_ADMIN_KEYS or a keys file ($MANDAT_API_KEYS_FILE).

    MANDAT_API_KEYS="k1,k2"          keys that may ask (comma or space separated)
    MANDAT_ADMIN_KEYS="a1"           keys that may also reload the rules (POST /v1/reload)
    MANDAT_API_KEYS_FILE=keys.txt    one key a line; `KEY admin` marks an admin key; `#` starts a comment

With no key configured the service is open (and POST /v1/reload is refused: reload with SIGHUP).
With any key configured, every route but /healthz needs one: `Authorization: Bearer KEY` or `X-API-Key: KEY`.
"""

from __future__ import annotations

import hmac
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from engine.errors import UsageError

KEYS_ENV = "MANDAT_API_KEYS"
ADMIN_ENV = "MANDAT_ADMIN_KEYS"
FILE_ENV = "MANDAT_API_KEYS_FILE"


@dataclass(frozen=True)
class Keys:
    api: frozenset[str] = frozenset()
    admin: frozenset[str] = frozenset()

    @property
    def enabled(self) -> bool:
        return bool(self.api or self.admin)

    def allows(self, key: str | None) -> bool:
        return key is not None and any(hmac.compare_digest(key, k) for k in self.api | self.admin)

    def is_admin(self, key: str | None) -> bool:
        return key is not None and any(hmac.compare_digest(key, k) for k in self.admin)


def _split(text: str | None) -> set[str]:
    return {k for k in re.split(r"[,\s]+", text or "") if k}


def read_keys_file(path: Path) -> tuple[set[str], set[str]]:
    """(api keys, admin keys) from a keys file; a bad line is an error naming the file and the line."""
    api: set[str] = set()
    admin: set[str] = set()
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise UsageError(f"keys file {path}: {exc.strerror or exc}") from None
    for number, raw in enumerate(lines, 1):
        words = raw.split("#", 1)[0].split()
        if not words:
            continue
        if len(words) > 2 or (len(words) == 2 and words[1] != "admin"):
            raise UsageError(f"keys file {path}:{number}: write one key a line, optionally followed by `admin`")
        (admin if len(words) == 2 else api).add(words[0])
    return api, admin


def load_keys(env: Mapping[str, str] | None = None, keys_file: Path | None = None) -> Keys:
    """The keys configured in `env` (default: the process environment) and the keys file."""
    env = os.environ if env is None else env
    api, admin = _split(env.get(KEYS_ENV)), _split(env.get(ADMIN_ENV))
    path = keys_file or (Path(env[FILE_ENV]) if env.get(FILE_ENV) else None)
    if path is not None:
        more_api, more_admin = read_keys_file(path)
        api |= more_api
        admin |= more_admin
    return Keys(frozenset(api), frozenset(admin))


def key_of(headers: Mapping[str, str]) -> str | None:
    """The key a request presents, from `Authorization: Bearer KEY` or `X-API-Key: KEY`."""
    auth = headers.get("authorization", "")
    if auth[:7].lower() == "bearer ":
        return auth[7:].strip() or None
    return headers.get("x-api-key") or None
