"""Search at scale: ingest cost, query latency (p50, p95) and memory at 10,000 and 100,000
sections of generated minutes-like text (sentences of the real samples, recombined).

Entities are off for the large stores (their cost is measured by bench_ingest.py and
bench_entities.py); embeddings, terms and SQLite writes are on.

Queries are drawn from QUERIES (no filter given; some name a committee or a year, which
becomes a filter) and FILTERED (filters given, as the API's parameters); latency is reported
for all, and apart for unfiltered and filtered ones. The generated text recombines a few
thousand sentences, so common words occur in a large share of sections, far more than in
real minutes: the document frequency of each query term is printed to show it.

Past 200,000 sections the vector index is the inverted file of indexer/embedding/vectors.py
(LARGE_SPEC); its RAM a section is the serialised index over the sections. `--keep DIR`
leaves the data folder there (e.g. for bench_vectors.py --store DIR: real model vectors);
`--reuse DIR/<sections>` measures the queries again on such a folder without ingesting.

Usage: python -m benchmarks.bench_search [--sections 10000 100000] [--queries 200]
       [--keep DIR] [--workers 2] [--shards 4 [--route hash]]
       python -m benchmarks.bench_search --reuse DIR/1000000 [--queries 300]
"""

from __future__ import annotations

import argparse
import os
import random
import tempfile
import time
from pathlib import Path

import faiss

from benchmarks.common import percentile, rss_mb, timer, write_docs
from indexer.analysis.terms import analyse
from indexer.config import load_settings
from indexer.ingest import expand, ingest_paths
from indexer.pipeline import Pipeline
from indexer.search.hybrid import Searcher
from indexer.search.query import Filters, understand
from indexer.store.db import Store

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
FILTERED = [
    ("integration", Filters(committee="Socialudvalget")),
    ("psykiatri", Filters(date_from="2015-01-01")),
    (
        "pulje til foreninger",
        Filters(municipality="Aarhus", date_from="2019-03-15", date_to="2021-06-30"),
    ),
    ("refusion fra staten", Filters(committee="Økonomiudvalget", municipality="Vejle")),
    ("børn og unge", Filters(date_to="2012-12-31")),
]


def run(n_sections: int, n_queries: int, keep: Path | None = None, workers: int = 1) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "src"
        data = keep / f"{n_sections}" if keep else Path(tmp) / "data"
        write_docs(src, n_sections)
        pipeline = Pipeline(load_settings(data=data, entities=False))
        _ = pipeline.embedder
        with Store(data) as store, timer() as took:
            ingest_paths(store, expand([src]), pipeline, workers=workers)
        ingest_s = took[0]
        print(f"{n_sections:>7} sections: ingested in {ingest_s:.0f} s", flush=True)
        ingest = (
            f"ingest {n_sections / ingest_s:6.0f} sections/s ({1000 * ingest_s / n_sections:.2f}"
            f" ms/section, {workers} worker(s))"
        )
        report(data, n_sections, n_queries, pipeline, ingest)


def reuse(data: Path, n_queries: int) -> None:
    """The query figures of a data folder a run with --keep left (no ingest)."""
    pipeline = Pipeline(load_settings(data=data, entities=False))
    with Store(data) as store:
        stored = store.db.execute("SELECT count(*) FROM sections").fetchone()[0]
    report(data, stored, n_queries, pipeline, f"reused {data} ({stored} sections stored)")


def report(data: Path, n_sections: int, n_queries: int, pipeline: Pipeline, ingest: str) -> None:
    with Store(data) as store:
        searcher = Searcher(store, pipeline)
        with timer() as built:
            vindex = searcher.vectors()
        latencies = measure(searcher, n_queries)
        frequencies = term_frequencies(searcher)
        index_bytes = len(faiss.serialize_index(vindex.index)) / max(1, vindex.size)
        kind = type(faiss.downcast_index(vindex.index)).__name__
    db_mb = sum(os.path.getsize(p) for p in data.glob("referat.sqlite*")) / 1e6
    faiss_mb = os.path.getsize(data / "sections.faiss") / 1e6
    print(
        f"{n_sections:>7} sections: {ingest}; vector index"
        f" {kind} built in {built[0]:.1f} s, {index_bytes:.0f} B/section in RAM; query"
        f" {spread(sum(latencies.values(), []))} ({spread(latencies['unfiltered'])} unfiltered,"
        f" {spread(latencies['filtered'])} filtered); disk: SQLite {1000 * db_mb / n_sections:.2f}"
        f" kB/section, FAISS {1000 * faiss_mb / n_sections:.2f} kB/section; peak RSS"
        f" {rss_mb():.0f} MB",
        flush=True,
    )
    print(f"{'':>7} sections with each query term: {frequencies}", flush=True)


def run_sharded(
    n_sections: int, n_queries: int, shards: int, workers: int = 1, route: str = "municipality"
) -> None:
    """The same archive in one store and in `shards` shards: ingest rate, and the latency of
    the same queries on one store, on the shards searched one after another
    (REFERAT_SHARD_THREADS=1) and in parallel threads (the default). The three take turns
    query by query, so that a busy machine slows each of them alike."""
    from indexer.shards import create_manifest, open_store
    from indexer.shards.searcher import ShardedSearcher

    with tempfile.TemporaryDirectory() as tmp:
        src, data, one = Path(tmp) / "src", Path(tmp) / "data", Path(tmp) / "one"
        write_docs(src, n_sections)
        create_manifest(data, shards, route)  # type: ignore[arg-type]
        pipeline = Pipeline(load_settings(data=data, entities=False))
        _ = pipeline.embedder
        rates = {}
        for folder in (one, data):
            with open_store(folder) as store, timer() as took:
                ingest_paths(store, expand([src]), pipeline, workers=workers)
            rates[folder] = n_sections / took[0]
        with Store(one) as single, open_store(data) as sharded:
            plain = Searcher(single, pipeline)
            plain.vectors()
            serial = ShardedSearcher(sharded, pipeline)  # type: ignore[arg-type]
            parallel = ShardedSearcher(sharded, pipeline, serial.cache)  # type: ignore[arg-type]
            serial.threads = 1
            for part in serial.parts:
                part.vectors()
            found = measure_together(
                {"one store": plain, "shards one after another": serial,
                 "shards in parallel threads": parallel},
                n_queries,
            )
    print(f"ingest: one store {rates[one]:.0f} sections/s, {shards} shards ({route})"
          f" {rates[data]:.0f} sections/s", flush=True)
    for name, latencies in found.items():
        print(
            f"{name}: query {spread(sum(latencies.values(), []))}"
            f" ({spread(latencies['unfiltered'])} unfiltered, {spread(latencies['filtered'])}"
            " filtered)",
            flush=True,
        )


def measure_together(
    searchers: dict[str, Searcher], n_queries: int
) -> dict[str, dict[str, list[float]]]:
    """measure() for several searchers at once: each query asked of each, in turns."""
    rng = random.Random(1)
    cases = [(q, Filters()) for q in QUERIES] + FILTERED
    names = list(searchers)
    out: dict[str, dict[str, list[float]]] = {n: {"unfiltered": [], "filtered": []} for n in names}
    for turn in range(n_queries):
        query, filters = rng.choice(cases)
        for name in names[turn % len(names) :] + names[: turn % len(names)]:
            start = time.perf_counter()
            response = searchers[name].search(query, filters, limit=10)
            took = 1000 * (time.perf_counter() - start)
            narrowed = any(v for k, v in response["filters"].items() if k != "inferred")
            out[name]["filtered" if narrowed else "unfiltered"].append(took)
    return out


def measure(searcher: Searcher, n_queries: int) -> dict[str, list[float]]:
    """Latencies in ms of n_queries random queries, by kind: unfiltered or filtered."""
    rng = random.Random(1)
    cases = [(q, Filters()) for q in QUERIES] + FILTERED
    latencies: dict[str, list[float]] = {"unfiltered": [], "filtered": []}
    for _ in range(n_queries):
        query, filters = rng.choice(cases)
        start = time.perf_counter()
        response = searcher.search(query, filters, limit=10)
        took = 1000 * (time.perf_counter() - start)
        narrowed = any(v for k, v in response["filters"].items() if k != "inferred")
        latencies["filtered" if narrowed else "unfiltered"].append(took)
    return latencies


def spread(latencies: list[float]) -> str:
    if not latencies:
        return "no queries"
    return (
        f"p50 {percentile(latencies, 50):.1f} ms, p95 {percentile(latencies, 95):.1f} ms"
        f" (n={len(latencies)})"
    )


def term_frequencies(searcher: Searcher) -> str:
    """The share of sections holding each content term of the queries, most common first."""
    cases = [(q, Filters()) for q in QUERIES] + FILTERED
    committees = searcher.committees()
    terms = dict.fromkeys(
        t for text, filters in cases for t in analyse(understand(text, filters, committees).text)
    )
    db = searcher.store.db
    total = db.execute("SELECT count(*) FROM sections").fetchone()[0] or 1
    shares = {
        term: db.execute(
            "SELECT count(*) FROM sections_fts WHERE sections_fts MATCH ?", (f'terms : "{term}"',)
        ).fetchone()[0]
        / total
        for term in terms
    }
    ordered = sorted(shares.items(), key=lambda kv: -kv[1])
    return ", ".join(f"{term} {100 * share:.0f}%" for term, share in ordered)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sections", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--keep", type=Path, help="leave each data folder in DIR/<sections>")
    parser.add_argument("--reuse", type=Path, help="only the queries, on a data folder --keep left")
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--shards", type=int, help="a sharded archive of N shards instead")
    parser.add_argument("--route", choices=("municipality", "hash"), default="municipality")
    args = parser.parse_args()
    if args.reuse:
        reuse(args.reuse, args.queries)
        return
    for n in args.sections:
        if args.shards:
            run_sharded(n, args.queries, args.shards, args.workers, args.route)
        else:
            run(n, args.queries, args.keep, args.workers)


if __name__ == "__main__":
    main()
