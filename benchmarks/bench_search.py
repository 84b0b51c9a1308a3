"""Search at scale: ingest cost, query latency (p50, p95) and memory at 10,000 and 100,000
sections of generated minutes-like text (sentences of the real samples, recombined).

Entities are off for the large stores (their cost is measured by bench_ingest.py and
bench_entities.py); embeddings, terms and SQLite writes are on.

Usage: python benchmarks/bench_search.py [--sections 10000 100000] [--queries 200]
"""

from __future__ import annotations

import argparse
import os
import random
import tempfile
import time
from pathlib import Path

from benchmarks.common import percentile, rss_mb, timer, write_docs
from indexer.config import load_settings
from indexer.ingest import expand, ingest_paths
from indexer.pipeline import Pipeline
from indexer.query import Filters
from indexer.search import Searcher
from indexer.store import Store

QUERIES = [
    "hvad besluttede socialudvalget om integration",
    "integrationspuljen",
    "pulje til foreninger",
    "kontrol med sociale ydelser",
    "renovering af almene boliger",
    "studietur",
    "hjemløshed",
    "refusion fra staten",
    "budget 2021",
    "høringssvar fra Integrationsrådet",
    "psykiatri",
    "garanti for lån",
    "Netværkstedet Thorvaldsen",
    "beløb til hjemløseindsatsen i 2020",
    "hvad vedtog økonomiudvalget",
    "evaluering af værested",
    "børn og unge",
    "kønsneutral titel",
]


def run(n_sections: int, n_queries: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        src, data = Path(tmp) / "src", Path(tmp) / "data"
        write_docs(src, n_sections)
        pipeline = Pipeline(load_settings(data=data, entities=False))
        _ = pipeline.embedder
        with Store(data) as store, timer() as took:
            ingest_paths(store, expand([src]), pipeline)
        ingest_s = took[0]
        with Store(data) as store:
            searcher = Searcher(store, pipeline)
            with timer() as built:
                searcher.vectors()
            rng = random.Random(1)
            latencies = []
            for _ in range(n_queries):
                query = rng.choice(QUERIES)
                start = time.perf_counter()
                searcher.search(query, Filters(), limit=10)
                latencies.append(1000 * (time.perf_counter() - start))
        db_mb = os.path.getsize(data / "referat.sqlite") / 1e6
        faiss_mb = os.path.getsize(data / "sections.faiss") / 1e6
    print(
        f"{n_sections:>7} sections: ingest {n_sections / ingest_s:6.0f} sections/s"
        f" ({1000 * ingest_s / n_sections:.2f} ms/section); vector index built in"
        f" {built[0]:.1f} s; query p50 {percentile(latencies, 50):.1f} ms,"
        f" p95 {percentile(latencies, 95):.1f} ms; SQLite {1000 * db_mb / n_sections:.1f} kB"
        f"/section, FAISS {1000 * faiss_mb / n_sections:.2f} kB/section; peak RSS"
        f" {rss_mb():.0f} MB"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sections", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--queries", type=int, default=200)
    args = parser.parse_args()
    for n in args.sections:
        run(n, args.queries)


if __name__ == "__main__":
    main()
