"""Load test: a real `referat serve` process under locust (headless), at several user counts.

`prepare` builds two data folders: `demo` (corpus/demo plus the 210 dev items of
../shared/dev, full pipeline) and `large` (demo plus SECTIONS generated sections of
benchmarks/common.py, entities off as in bench_search.py), and a folder of further generated
documents for the ingest that runs during `--ingest` measurements. `run` starts the server
over one folder, warms it (the FAISS index is built), then runs benchmarks/locustfile.py for
SECONDS at each user count and prints one table row each: requests/s, p50/p95/p99, error
rate, and the CPU the server used (in cores: 1.0 is one core busy all the time).

Usage (under nice on a shared machine):
  python -m benchmarks.bench_load prepare --out /tmp/referat-load [--sections 100000]
  python -m benchmarks.bench_load run --data /tmp/referat-load/demo [--users 1 8 32 64]
         [--seconds 60] [--ingest /tmp/referat-load/incoming] [--wait 0.5,1.5]
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import resource
import shutil
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import psutil

from benchmarks.bench_search import QUERIES
from benchmarks.common import REPO, SAMPLES, write_docs

DEV_ITEMS = REPO.parent / "shared" / "dev" / "kk-items-dev.jsonl"
LOCUSTFILE = Path(__file__).with_name("locustfile.py")
INCOMING_SECTIONS = 30_000


def referat(*args: str) -> list[str]:
    return [sys.executable, "-m", "api.cli", *args]


def ingest(data: Path, sources: list[Path], entities: bool) -> None:
    env = os.environ | {"REFERAT_ENTITIES": str(entities).lower()}
    command = referat("--data", str(data), "ingest", *map(str, sources), "--workers", "2")
    started = time.perf_counter()
    subprocess.run(command, cwd=REPO, env=env, check=True, stdout=subprocess.DEVNULL)
    print(f"ingested {', '.join(s.name for s in sources)} into {data} in "
          f"{time.perf_counter() - started:.0f} s", flush=True)


def prepare(out: Path, sections: int) -> None:
    demo, large = out / "demo", out / "large"
    ingest(demo, [SAMPLES, DEV_ITEMS], entities=True)
    if large.exists():
        shutil.rmtree(large)
    shutil.copytree(demo, large)
    write_docs(out / "generated", sections)
    ingest(large, [out / "generated"], entities=False)
    write_docs(out / "incoming", INCOMING_SECTIONS, seed=11)


def keys(data: Path) -> dict[str, list[str]]:
    """Real item ids, case numbers and committees of the store (up to 2,000 of each)."""
    db = sqlite3.connect(data / "referat.sqlite")
    try:
        items = [r[0] for r in db.execute("SELECT item_id FROM items ORDER BY random() LIMIT 2000")]
        cases = [r[0] for r in db.execute(
            "SELECT value FROM items, json_each(items.case_numbers) ORDER BY random() LIMIT 2000")]
        committees = [r[0] for r in db.execute(
            "SELECT DISTINCT committee FROM meetings WHERE committee IS NOT NULL")]
    finally:
        db.close()
    return {"items": items, "cases": cases, "committees": committees}


@contextmanager
def server(data: Path, port: int, log: Path) -> Iterator[psutil.Process]:
    command = referat("--data", str(data), "serve", "--host", "127.0.0.1", "--port", str(port))
    with log.open("wb") as sink:
        process = subprocess.Popen(command, cwd=REPO, stdout=sink, stderr=subprocess.STDOUT)
    try:
        url = f"http://127.0.0.1:{port}"
        for _ in range(240):
            try:
                if httpx.get(f"{url}/health", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.5)
        for query in QUERIES:  # warm: the FAISS index is built on the first search
            httpx.get(f"{url}/search", params={"q": query}, timeout=300).raise_for_status()
        yield psutil.Process(process.pid)
    finally:
        process.terminate()
        process.wait(timeout=30)


def locust(
    url: str, users: int, seconds: int, prefix: Path, keys_file: Path, wait: str
) -> dict[str, str]:
    command = [sys.executable, "-m", "locust", "-f", str(LOCUSTFILE), "--headless",
               "--host", url, "-u", str(users), "-r", str(max(1, users // 4)),
               "-t", f"{seconds}s", "--csv", str(prefix), "--only-summary", "--stop-timeout", "5"]
    env = os.environ | {"REFERAT_LOAD_KEYS": str(keys_file), "PYTHONPATH": str(REPO),
                        "REFERAT_LOAD_WAIT": wait}
    subprocess.run(command, cwd=REPO, env=env, check=False, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)
    with open(f"{prefix}_stats.csv", encoding="utf-8") as file:
        rows = {row["Name"]: row for row in csv.DictReader(file)}
    return rows["Aggregated"]


def cpu_seconds(process: psutil.Process) -> float:
    """CPU time of the server and any processes it started."""
    total = 0.0
    for each in [process, *process.children(recursive=True)]:
        try:
            times = each.cpu_times()
        except psutil.NoSuchProcess:
            continue
        total += times.user + times.system
    return total


HEADER = ("| archive | users | requests/s | p50 ms | p95 ms | p99 ms | errors | server CPU"
          " | CPU ms/request | locust CPU | documents ingested |\n" + "|---" * 11 + "|")


def measure(
    data: Path, users: list[int], seconds: int, incoming: Path | None, wait: str
) -> None:
    work = Path(os.environ.get("TMPDIR", "/tmp")) / f"referat-load-{os.getpid()}"
    work.mkdir(parents=True, exist_ok=True)
    keys_file = work / "keys.json"
    keys_file.write_text(json.dumps(keys(data)))
    port = 8600 + os.getpid() % 300
    label = f"{data.name}{' + ingest' if incoming else ''}, wait {wait} s"
    print(HEADER, flush=True)
    with server(data, port, work / "server.log") as process:
        for count in users:
            feeder = None
            if incoming is not None:  # a full-pipeline ingest for the whole window
                command = referat("--data", str(data), "ingest", str(incoming))
                feeder = subprocess.Popen(command, cwd=REPO, stdout=subprocess.DEVNULL,
                                          stderr=subprocess.DEVNULL)
            documents = stored_documents(data)
            before, started, children = cpu_seconds(process), time.perf_counter(), children_cpu()
            row = locust(f"http://127.0.0.1:{port}", count, seconds, work / f"u{count}",
                         keys_file, wait)
            elapsed = time.perf_counter() - started
            cpu = cpu_seconds(process) - before
            load_cores = (children_cpu() - children) / elapsed
            if feeder is not None:
                feeder.terminate()
                feeder.wait(timeout=60)
            total, failed = int(row["Request Count"]), int(row["Failure Count"])
            print(f"| {label} | {count} | {float(row['Requests/s']):.1f} | {row['50%']} |"
                  f" {row['95%']} | {row['99%']} | {failed}/{total} | {cpu / elapsed:.2f} |"
                  f" {1000 * cpu / max(1, total):.1f} | {load_cores:.2f} |"
                  f" {stored_documents(data) - documents} |", flush=True)


def children_cpu() -> float:
    """CPU seconds of this process's finished children (the locust runs)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def stored_documents(data: Path) -> int:
    db = sqlite3.connect(data / "referat.sqlite")
    try:
        return int(db.execute("SELECT count(*) FROM documents").fetchone()[0])
    finally:
        db.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    prep = sub.add_parser("prepare")
    prep.add_argument("--out", type=Path, required=True)
    prep.add_argument("--sections", type=int, default=100_000)
    run = sub.add_parser("run")
    run.add_argument("--data", type=Path, required=True)
    run.add_argument("--users", type=int, nargs="+", default=[1, 8, 32, 64])
    run.add_argument("--seconds", type=int, default=60)
    run.add_argument("--ingest", type=Path, default=None)
    run.add_argument("--wait", default="0.5,1.5", help="think time MIN,MAX seconds")
    args = parser.parse_args()
    if args.command == "prepare":
        prepare(args.out, args.sections)
    else:
        measure(args.data, args.users, args.seconds, args.ingest, args.wait)


if __name__ == "__main__":
    main()
