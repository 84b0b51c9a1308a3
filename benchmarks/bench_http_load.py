"""Loopback load on GET /search: requests/s and latency with N concurrent clients.

Starts `referat --data DIR serve` as a real process (optionally pinned to CPUs with taskset)
and drives it with N httpx clients in one asyncio loop for a fixed time, each asking the
queries of benchmarks/bench_search.py in turn. Errors (non-200) are counted and reported.

    python -m benchmarks.bench_http_load --data DIR [--clients 8] [--seconds 20] [--cpus 0,1]
    python -m benchmarks.bench_http_load --data DIR --repo /tmp/before   # another checkout
"""

from __future__ import annotations

import argparse
import asyncio
import os
import subprocess
import sys
import time
from pathlib import Path

import httpx

from benchmarks.bench_search import QUERIES
from benchmarks.common import percentile

REPO = Path(__file__).resolve().parents[1]
START_S = 120.0


def start_server(
    repo: Path, data: Path, port: int, cpus: str | None, workers: int = 1
) -> subprocess.Popen[bytes]:
    command = [str(Path(sys.executable).parent / "referat"), "--data", str(data), "serve",
               "--host", "127.0.0.1", "--port", str(port)]
    if workers > 1:
        command += ["--workers", str(workers)]
    if cpus:
        command = ["taskset", "-c", cpus, *command]
    env = {**os.environ, "PYTHONPATH": str(repo), "REFERAT_API_KEY": ""}
    return subprocess.Popen(command, cwd=repo, env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)


def wait_until_up(url: str) -> None:
    deadline = time.monotonic() + START_S
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{url}/health", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.25)
    raise SystemExit(f"the server at {url} did not answer /health in {START_S:.0f} s")


async def client(url: str, offset: int, until: float, latencies: list[float],
                 errors: list[int]) -> None:
    async with httpx.AsyncClient(base_url=url, timeout=30) as http:
        n = offset
        while time.perf_counter() < until:
            start = time.perf_counter()
            response = await http.get("/search", params={"q": QUERIES[n % len(QUERIES)]})
            latencies.append(1000 * (time.perf_counter() - start))
            if response.status_code != 200:
                errors.append(response.status_code)
            n += 1


async def load(url: str, clients: int, seconds: float) -> tuple[list[float], list[int], float]:
    latencies: list[float] = []
    errors: list[int] = []
    await client(url, 0, time.perf_counter() + 2.0, [], [])  # warm: models, vector index
    start = time.perf_counter()
    until = start + seconds
    await asyncio.gather(*(client(url, i, until, latencies, errors) for i in range(clients)))
    return latencies, errors, time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--repo", type=Path, default=REPO)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--cpus", help="taskset CPU list for the server, e.g. 0,1")
    parser.add_argument("--workers", type=int, default=1, help="server processes (serve --workers)")
    args = parser.parse_args()
    url = f"http://127.0.0.1:{args.port}"
    server = start_server(args.repo.resolve(), args.data, args.port, args.cpus, args.workers)
    try:
        wait_until_up(url)
        latencies, errors, took = asyncio.run(load(url, args.clients, args.seconds))
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
    print(f"{args.clients} clients, {took:.0f} s: {len(latencies) / took:.0f} requests/s, "
          f"p50 {percentile(latencies, 50):.1f} ms, p95 {percentile(latencies, 95):.1f} ms, "
          f"{len(errors)} errors of {len(latencies)}")


if __name__ == "__main__":
    main()
