"""Warm latency of `hushlint serve` for a tweet-sized draft, through the real HTTP API.

    python benchmarks/serve_latency.py [--requests 100] [--warmup 10]

Starts ``python -m linter serve --port 0`` (uvicorn, the engine built once at start-up),
waits until /api/health says ready, sends a few warm-up requests, then times N sequential
POST /api/lint requests on one keep-alive connection and prints p50/p95/max. Only
127.0.0.1 is contacted; the loop is bounded and the server is stopped at the end.
"""

from __future__ import annotations

import argparse
import http.client
import json
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

#: About 230 characters: a tweet-sized draft that is critical (name, age, job, town, relapse).
TWEET = ("Long day. My client Marisol, 34, a nurse from Tulsa, told me she relapsed again after "
         "eight months sober. I sat with her while she cried. Recovery isn't a straight line and "
         "I'm so proud she came in anyway. #therapistlife #recovery")


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    index = max(0, min(len(ordered) - 1, round(q / 100 * len(ordered) + 0.5) - 1))
    return ordered[index]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=100)
    parser.add_argument("--warmup", type=int, default=10)
    parser.add_argument("--json", type=Path, default=None, help="also write the numbers here")
    args = parser.parse_args()

    started = time.perf_counter()
    server = subprocess.Popen([sys.executable, "-m", "linter", "serve", "--port", "0"],
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        line = server.stdout.readline() if server.stdout else ""
        match = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
        if not match:
            print(f"serve printed no URL: {line!r}", file=sys.stderr)
            return 1
        port = int(match.group(1))
        listening = time.perf_counter() - started
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        deadline = time.monotonic() + 120
        while True:
            conn.request("GET", "/api/health")
            health = json.loads(conn.getresponse().read())
            if health["status"] == "ready":
                break
            if health["status"] == "error" or time.monotonic() > deadline:
                print(f"engine did not load: {health}", file=sys.stderr)
                return 1
            time.sleep(0.1)
        ready = time.perf_counter() - started

        body = json.dumps({"text": TWEET})
        headers = {"Content-Type": "application/json"}
        timings, server_ms = [], []
        for i in range(args.warmup + args.requests):
            t0 = time.perf_counter()
            conn.request("POST", "/api/lint", body=body, headers=headers)
            response = conn.getresponse()
            payload = json.loads(response.read())
            elapsed = (time.perf_counter() - t0) * 1000
            if response.status != 200 or payload["severity"] != "critical":
                print(f"unexpected answer {response.status}: {payload}", file=sys.stderr)
                return 1
            if i >= args.warmup:
                timings.append(elapsed)
                server_ms.append(payload["elapsed_ms"])
        conn.close()
    finally:
        server.terminate()
        try:
            server.wait(10)
        except subprocess.TimeoutExpired:
            server.kill()

    result = {
        "draft_chars": len(TWEET),
        "requests": len(timings),
        "port_answering_s": round(listening, 2),
        "engine_ready_s": round(ready, 2),
        "p50_ms": round(statistics.median(timings), 1),
        "p95_ms": round(percentile(timings, 95), 1),
        "max_ms": round(max(timings), 1),
        "lint_p50_ms": round(statistics.median(server_ms), 1),
    }
    print(f"hushlint serve, warm, {result['draft_chars']}-char draft, {result['requests']} sequential requests:")
    print(f"  round trip p50 {result['p50_ms']} ms, p95 {result['p95_ms']} ms, max {result['max_ms']} ms"
          f" (lint alone p50 {result['lint_p50_ms']} ms)")
    print(f"  port answering after {result['port_answering_s']} s, engine ready after {result['engine_ready_s']} s")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
