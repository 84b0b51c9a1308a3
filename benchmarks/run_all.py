"""Run every benchmark in turn (make bench). Each prints its own figures."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).parent
BENCHMARKS = [
    "bench_entities.py",
    "bench_embed.py",
    "bench_lexical.py",
    "bench_ingest.py",
    "bench_search.py",
    "bench_cases.py",
]

if __name__ == "__main__":
    for name in BENCHMARKS:
        print(f"== {name}", flush=True)
        subprocess.run(
            [sys.executable, "-m", f"benchmarks.{name[:-3]}"], cwd=HERE.parent, check=False
        )
