"""Command-line latency: wall time and peak memory of one `referat` process per command.

Each command runs as a fresh process under /usr/bin/time (wall seconds and max RSS), over a
data folder holding the samples, as a user running it from a shell or a script would.

    python benchmarks/bench_cli.py                 # the code of this checkout
    python benchmarks/bench_cli.py --repo /tmp/before --runs 5   # another checkout (worktree)
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO.parent / "shared" / "samples"
QUESTION = "hvad besluttede socialudvalget om integration"
CASE = "15.40.00-P20-2-19"


def referat(repo: Path, data: Path, *args: str) -> list[str]:
    """The installed `referat` script; PYTHONPATH puts the checkout `repo`'s packages first."""
    return [str(Path(sys.executable).parent / "referat"), "--data", str(data), *args]


def timed(repo: Path, command: list[str]) -> tuple[float, int, str]:
    """(wall seconds, max RSS in MiB, stdout) of one run under /usr/bin/time."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as report:
        done = subprocess.run(
            ["/usr/bin/time", "-f", "%e %M", "-o", report.name, *command],
            cwd=repo, capture_output=True, text=True, env=_env(repo), check=False,
        )
        if done.returncode != 0:
            raise SystemExit(f"{' '.join(command)} failed: {done.stderr[-2000:]}")
        wall, rss_kib = report.read().split()[-2:]
    return float(wall), int(rss_kib) // 1024, done.stdout


def _env(repo: Path) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(repo), "REFERAT_API_KEY": ""}


def ingest(repo: Path, data: Path) -> None:
    files = sorted(str(p) for p in SAMPLES.iterdir() if p.suffix in {".txt", ".jsonl"})
    subprocess.run(referat(repo, data, "ingest", *files), cwd=repo, env=_env(repo),
                   check=True, capture_output=True)


def commands(repo: Path, data: Path) -> dict[str, list[str]]:
    _, _, out = timed(repo, referat(repo, data, "search", QUESTION, "--json"))
    item = json.loads(out)["hits"][0]["item_id"]
    return {
        "--help": referat(repo, data, "--help"),
        "search": referat(repo, data, "search", QUESTION),
        "decisions": referat(repo, data, "decisions", QUESTION),
        "case": referat(repo, data, "case", CASE),
        "show": referat(repo, data, "show", item),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repo", type=Path, default=REPO, help="checkout to measure")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    repo = args.repo.resolve()
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        ingest(repo, data)
        runs = commands(repo, data)
        print(f"| command | wall p50 (s) | wall max (s) | max RSS (MiB) |  ({args.runs} runs)")
        print("|---|---|---|---|")
        for name, command in runs.items():
            results = [timed(repo, command) for _ in range(args.runs)]
            walls = [r[0] for r in results]
            print(f"| `referat {name}` | {statistics.median(walls):.2f} | {max(walls):.2f} "
                  f"| {max(r[1] for r in results)} |")


if __name__ == "__main__":
    main()
