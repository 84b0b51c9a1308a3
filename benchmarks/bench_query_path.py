"""The query path against the engines under it, measured in one run over one store.

For each query: the whole hybrid search (`Searcher.search`, what /search answers) and, apart,
what the engines take for the same query: FTS5 (`retrieval.lexical` on the query's analysed
terms) and dense (embedding the query plus the FAISS search). "engines" is their sum. The gap
is the project's own Python (fusion, grouping, hit headers, snippets).

    python -m benchmarks.bench_query_path --data DIR [--rounds 5] [--profile out.prof]

DIR: a store, e.g. `referat --data DIR ingest corpus/demo ../shared/dev/kk-items-dev.jsonl`.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import time
from collections.abc import Callable
from pathlib import Path

from benchmarks.bench_search import FILTERED, QUERIES
from benchmarks.common import percentile
from indexer.analysis.terms import analyse
from indexer.config import load_settings
from indexer.pipeline import Pipeline
from indexer.search import retrieval
from indexer.search.hybrid import Searcher
from indexer.search.query import Filters, understand
from indexer.store.db import Store


def timed(fn: Callable[..., object], *args: object) -> float:
    start = time.perf_counter()
    fn(*args)
    return 1000 * (time.perf_counter() - start)


def measure(searcher: Searcher, rounds: int) -> dict[str, list[float]]:
    """Milliseconds per query of hybrid search and of each engine alone."""
    cases = [(q, Filters()) for q in QUERIES] + FILTERED
    out: dict[str, list[float]] = {"hybrid": [], "fts5": [], "dense": [], "engines": []}
    vindex = searcher.vectors()
    embedder = searcher.pipeline.embedder

    def dense(text: str, filters: Filters) -> None:
        retrieval.dense(searcher.store, vindex, embedder.encode([text])[0], filters)

    for _ in range(rounds):
        for text, filters in cases:
            query = understand(text, searcher.canonical(filters), searcher.committees())
            terms = analyse(query.text)
            fts = timed(retrieval.lexical, searcher.store, terms, query.filters)
            near = timed(dense, query.text, query.filters)
            out["hybrid"].append(timed(searcher.search, text, filters, 10))
            out["fts5"].append(fts)
            out["dense"].append(near)
            out["engines"].append(fts + near)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--profile", type=Path, help="also cProfile the hybrid searches")
    args = parser.parse_args()
    pipeline = Pipeline(load_settings(data=args.data))
    with Store(args.data) as store:
        searcher = Searcher(store, pipeline)
        sections = store.db.execute("SELECT count(*) FROM sections").fetchone()[0]
        measure(searcher, 1)  # warm: models, vector index, caches
        results = measure(searcher, args.rounds)
        if args.profile:
            profiler = cProfile.Profile()
            profiler.runcall(measure, searcher, 1)
            profiler.dump_stats(str(args.profile))
            pstats.Stats(str(args.profile)).sort_stats("cumulative").print_stats(25)
    n = len(results["hybrid"])
    print(f"{sections} sections, {n} queries")
    print("| path | p50 (ms) | p95 (ms) |\n|---|---|---|")
    for name, values in results.items():
        print(f"| {name} | {percentile(values, 50):.1f} | {percentile(values, 95):.1f} |")
    ratio = percentile(results["hybrid"], 50) / max(percentile(results["engines"], 50), 1e-9)
    print(f"hybrid p50 / engines p50 = {ratio:.1f}x")


if __name__ == "__main__":
    main()
