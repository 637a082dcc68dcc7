"""Child processes of the benchmark, each printing one JSON line.

    python -m bench.worker load MUNICIPALITY RULES     load (and derive, or read the cache) once, timed
    python -m bench.worker questions FILE N            write N questions about storstad to FILE
"""

from __future__ import annotations

import json
import sys
import time


def load(municipality: str, rules: str) -> dict[str, float]:
    started = time.perf_counter()
    from engine import api

    imported = time.perf_counter()
    m = api.load(municipality, rules)
    done = time.perf_counter()
    return {"import": imported - started, "load": done - imported, "chains": sum(map(len, m.authority.chains.values()))}


def main(argv: list[str]) -> None:
    if argv[0] == "load":
        print(json.dumps(load(argv[1], argv[2])))
    else:
        raise SystemExit(f"unknown worker {argv[0]!r}")


if __name__ == "__main__":
    main(sys.argv[1:])
