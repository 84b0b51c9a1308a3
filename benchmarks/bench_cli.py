"""Command-line latency: wall time, CPU time and peak memory of one `referat` process per command.

Each command runs as a fresh process under /usr/bin/time (wall seconds, user + system CPU
seconds, max RSS), over a data folder holding the samples, as a user running it from a shell
or a script would. The CPU time is the steadier figure on a shared machine: the wall time
also counts the time other processes hold the cores.

    python benchmarks/bench_cli.py                 # the code of this checkout
    python benchmarks/bench_cli.py --repo /tmp/before . --runs 5   # two checkouts, interleaved

With several checkouts (e.g. `git worktree add /tmp/before <commit>`), each gets its own data
folder ingested by its own code, and their runs alternate, so that both see the same load.
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


def timed(repo: Path, command: list[str]) -> tuple[float, float, int, str]:
    """(wall seconds, CPU seconds, max RSS in MiB, stdout) of one run under /usr/bin/time."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as report:
        done = subprocess.run(
            ["/usr/bin/time", "-f", "%e %U %S %M", "-o", report.name, *command],
            cwd=repo, capture_output=True, text=True, env=_env(repo), check=False,
        )
        if done.returncode != 0:
            raise SystemExit(f"{' '.join(command)} failed: {done.stderr[-2000:]}")
        wall, user, system, rss_kib = report.read().split()[-4:]
    return float(wall), float(user) + float(system), int(rss_kib) // 1024, done.stdout


def _env(repo: Path) -> dict[str, str]:
    """As a user's shell runs it: bytecode is cached (a PYTHONDONTWRITEBYTECODE=1 sandbox
    would compile every project module from source on every run: ~2 s of a search here)."""
    env = {**os.environ, "PYTHONPATH": str(repo), "REFERAT_API_KEY": ""}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def ingest(repo: Path, data: Path) -> None:
    files = sorted(str(p) for p in SAMPLES.iterdir() if p.suffix in {".txt", ".jsonl"})
    subprocess.run(referat(repo, data, "ingest", *files), cwd=repo, env=_env(repo),
                   check=True, capture_output=True)


def commands(repo: Path, data: Path) -> dict[str, list[str]]:
    *_, out = timed(repo, referat(repo, data, "search", QUESTION, "--json"))
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
    parser.add_argument("--repo", type=Path, nargs="+", default=[REPO], help="checkouts")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    repos = [r.resolve() for r in args.repo]
    with tempfile.TemporaryDirectory() as tmp:
        runs = {}
        for i, repo in enumerate(repos):
            data = Path(tmp) / f"data{i}"
            ingest(repo, data)
            runs[repo] = commands(repo, data)
        results: dict[tuple[Path, str], list[tuple[float, float, int, str]]] = {}
        for _ in range(args.runs):
            for name in runs[repos[0]]:
                for repo in repos:
                    results.setdefault((repo, name), []).append(timed(repo, runs[repo][name]))
    heads = " | ".join(f"{r.name}: wall p50 (s) | CPU p50 (s) | max RSS (MiB)" for r in repos)
    print(f"| command | {heads} |  ({args.runs} runs each; load {os.getloadavg()[0]:.1f})")
    print("|---|" + "---|---|---|" * len(repos))
    for name in runs[repos[0]]:
        cells = []
        for repo in repos:
            measured = results[(repo, name)]
            wall = statistics.median(r[0] for r in measured)
            cpu = statistics.median(r[1] for r in measured)
            cells.append(f"{wall:.2f} | {cpu:.2f} | {max(r[2] for r in measured)}")
        print(f"| `referat {name}` | {' | '.join(cells)} |")


if __name__ == "__main__":
    main()
