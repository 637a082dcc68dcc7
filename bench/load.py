"""A separate load process for the HTTP benchmark: N concurrent keep-alive connections posting questions.

    python -m bench.load HOST PORT QUESTIONS.jsonl --connections 32 --seconds 10 [--path /v1/decide]

Plain asyncio streams (on uvloop where installed) and HTTP/1.1, no client library to slow it down; every
response is read whole (headers, then Content-Length bytes) and anything but a 200 counts as an error.
Prints one JSON line with the requests sent, errors, questions per second and latency percentiles.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import time


async def _client(host: str, port: int, requests: list[bytes], start: int, stop_at: float,
                  lat: list[float], errors: list[str]) -> None:
    reader, writer = await asyncio.open_connection(host, port)
    i = start
    try:
        while time.perf_counter() < stop_at:
            request = requests[i % len(requests)]
            i += 1
            t = time.perf_counter()
            writer.write(request)
            head = await reader.readuntil(b"\r\n\r\n")  # the status line and headers, then the whole body
            at = head.lower().find(b"\r\ncontent-length:")
            if at < 0:
                raise ValueError(f"no Content-Length: {head[:200]!r}")
            await reader.readexactly(int(head[at + 17:head.index(b"\r\n", at + 2)]))
            lat.append(time.perf_counter() - t)
            if not head.startswith(b"HTTP/1.1 200 "):
                errors.append(head.split(b"\r\n", 1)[0].decode(errors="replace"))
    finally:
        writer.close()


async def run(host: str, port: int, bodies: list[bytes], connections: int, seconds: float,
              path: str = "/v1/ask") -> dict[str, object]:
    requests = [(f"POST {path} HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/json\r\n"
                 f"Content-Length: {len(body)}\r\n\r\n").encode() + body for body in bodies]
    lat: list[float] = []
    errors: list[str] = []
    started = time.perf_counter()
    stop_at = started + seconds
    results = await asyncio.gather(*(_client(host, port, requests, c * 997, stop_at, lat, errors)
                                     for c in range(connections)), return_exceptions=True)
    wall = time.perf_counter() - started
    failed = [repr(r) for r in results if isinstance(r, BaseException)]
    lat.sort()

    def pct(p: float) -> float:
        return lat[min(len(lat) - 1, int(len(lat) * p))] * 1000 if lat else float("nan")

    return {"requests": len(lat), "errors": len(errors) + len(failed), "error_sample": (errors + failed)[:3],
            "qps": len(lat) / wall, "p50_ms": pct(0.5), "p99_ms": pct(0.99), "max_ms": lat[-1] * 1000 if lat else 0}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("host")
    ap.add_argument("port", type=int)
    ap.add_argument("questions")
    ap.add_argument("--connections", type=int, default=32)
    ap.add_argument("--seconds", type=float, default=10.0)
    ap.add_argument("--municipality", default="storstad")
    ap.add_argument("--path", default="/v1/ask", choices=["/v1/ask", "/v1/decide"])
    args = ap.parse_args()
    with open(args.questions, encoding="utf-8") as f:
        bodies = [json.dumps({"municipality": args.municipality, **json.loads(line)}).encode() for line in f]
    try:  # the cheaper event loop, where installed: more of the shared cores left to the server
        import uvloop

        uvloop.install()
    except ImportError:
        pass
    print(json.dumps(asyncio.run(run(args.host, args.port, bodies, args.connections, args.seconds, args.path))))


if __name__ == "__main__":
    main()
