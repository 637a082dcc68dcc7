"""Child processes of the benchmark, each printing one JSON line.

    python -m bench.worker load MUNICIPALITY RULES     load (and derive, or read the cache) once, timed
    python -m bench.worker questions MUNICIPALITY RULES FILE N    write N questions (JSON Lines) to FILE
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


def questions(municipality: str, rules: str, path: str, n: int) -> dict[str, int]:
    from bench.questions import draw
    from engine import api

    drawn = draw(api.load(municipality, rules), n)
    with open(path, "w", encoding="utf-8") as f:
        f.writelines(json.dumps(q) + "\n" for q in drawn)
    return {"questions": len(drawn)}


def main(argv: list[str]) -> None:
    if argv[0] == "load":
        print(json.dumps(load(argv[1], argv[2])))
    elif argv[0] == "questions":
        print(json.dumps(questions(argv[1], argv[2], argv[3], int(argv[4]))))
    else:
        raise SystemExit(f"unknown worker {argv[0]!r}")


if __name__ == "__main__":
    main(sys.argv[1:])
