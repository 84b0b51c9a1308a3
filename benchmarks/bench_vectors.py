"""Which FAISS index for a large archive: recall@10 against exact search, latency, memory.

Vectors are either read from a referat store (`--store DIR`: real model vectors, e.g. the
data folder `bench_search --keep DIR` leaves) or generated: unit vectors of the configured
dimension drawn around `--clusters` centres with a shared low-rank tilt, so that, as with
real sentence vectors, neighbourhoods are clustered and the space is anisotropic. Queries
are held-out vectors of the same distribution (slightly perturbed), never indexed ones.

Every candidate is searched one query at a time on one thread (as the server does), for the
k the search uses (200 candidates a retriever) and recall@10 is the share of the exact top 10
among its first 10. Bytes a section is the serialised index size over the number of vectors
(what it holds in RAM).

Usage: python -m benchmarks.bench_vectors [--sections 1000000] [--queries 200]
       [--store DIR] [--specs "IVF4000,Flat" "HNSW32,Flat" ...]
"""

from __future__ import annotations

import argparse
import time

import faiss
import numpy as np

from benchmarks.common import percentile
from indexer.embedding.vectors import ivf_lists, train_size

DEPTH = 200


def clustered(n: int, dim: int, clusters: int, seed: int = 0) -> np.ndarray:
    """n unit vectors around `clusters` centres, with a common low-rank component."""
    rng = np.random.default_rng(seed)
    centres = rng.normal(size=(clusters, dim)).astype(np.float32)
    tilt = rng.normal(size=(8, dim)).astype(np.float32)
    out = np.empty((n, dim), dtype=np.float32)
    for start in range(0, n, 100_000):
        m = min(100_000, n - start)
        which = rng.integers(0, clusters, size=m)
        noise = rng.normal(scale=0.9, size=(m, dim)).astype(np.float32)
        shared = rng.normal(size=(m, 8)).astype(np.float32) @ tilt * 0.3
        out[start : start + m] = centres[which] + noise + shared
    faiss.normalize_L2(out)
    return out


def from_store(path: str, limit: int) -> np.ndarray:
    import sqlite3

    db = sqlite3.connect(f"file:{path}/referat.sqlite?mode=ro", uri=True)
    rows = db.execute("SELECT vector FROM vectors ORDER BY section_id LIMIT ?", (limit,))
    blobs = [r[0] for r in rows]
    dim = len(blobs[0]) // 4
    return np.frombuffer(b"".join(blobs), dtype=np.float32).reshape(-1, dim)


def build(spec: str, base: np.ndarray) -> tuple[faiss.Index, float]:
    start = time.perf_counter()
    index = faiss.index_factory(base.shape[1], spec, faiss.METRIC_INNER_PRODUCT)
    if not index.is_trained:
        ivf = "IVF" in spec
        size = train_size(len(base), faiss.extract_index_ivf(index).nlist) if ivf else 100_000
        rng = np.random.default_rng(1)
        sample = base[rng.choice(len(base), size=min(size, len(base)), replace=False)]
        index.train(sample)
    index.add(base)
    return index, time.perf_counter() - start


def evaluate(
    index: faiss.Index, queries: np.ndarray, truth: np.ndarray, knob: str, value: int
) -> tuple[float, float, float]:
    """recall@10, p50 and p95 ms of searching DEPTH neighbours for each query."""
    if knob == "nprobe":
        faiss.extract_index_ivf(index).nprobe = value
    elif knob == "efSearch":
        faiss.downcast_index(index).hnsw.efSearch = value
    hits, took = [], []
    for q, exact in zip(queries, truth, strict=True):
        start = time.perf_counter()
        _, ids = index.search(q.reshape(1, -1), DEPTH)
        took.append(1000 * (time.perf_counter() - start))
        hits.append(len(set(ids[0][:10]) & set(exact)) / 10)
    return float(np.mean(hits)), percentile(took, 50), percentile(took, 95)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sections", type=int, default=1_000_000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--dim", type=int, default=256)
    parser.add_argument("--clusters", type=int, default=5000)
    parser.add_argument("--store", help="read real vectors from this referat data folder")
    parser.add_argument("--specs", nargs="+")
    args = parser.parse_args()
    faiss.omp_set_num_threads(1)
    n = args.sections
    if args.store:
        every = from_store(args.store, n + args.queries)
        rng = np.random.default_rng(2)
        every = every[rng.permutation(len(every))]
        base, queries = every[args.queries :], every[: args.queries].copy()
        n = len(base)
    else:
        every = clustered(n + args.queries, args.dim, args.clusters)
        base, queries = every[:n], every[n:]
    faiss.omp_set_num_threads(2)
    exact = faiss.IndexFlatIP(base.shape[1])
    exact.add(base)
    truth = exact.search(queries, 10)[1]
    faiss.omp_set_num_threads(1)
    nlist = ivf_lists(n)
    specs = args.specs or [f"IVF{nlist},Flat", f"IVF{nlist},SQ8", f"IVF{nlist},PQ64", "HNSW32,SQ8"]
    print(
        f"{n} vectors of {base.shape[1]} dims ({args.store or 'clustered'}), {len(queries)} queries"
    )
    _report("Flat (exact)", exact, queries, truth, "", [0], 0.0)
    del exact
    for spec in specs:
        index, built_s = build(spec, base)
        knob, values = (
            ("efSearch", [32, 64, 128, 256]) if "HNSW" in spec else ("nprobe", [16, 32, 64, 128])
        )
        _report(spec, index, queries, truth, knob, values, built_s)
        del index


def _report(
    spec: str,
    index: faiss.Index,
    queries: np.ndarray,
    truth: np.ndarray,
    knob: str,
    values: list[int],
    built_s: float,
) -> None:
    size = len(faiss.serialize_index(index)) / index.ntotal
    for value in values:
        recall, p50, p95 = evaluate(index, queries, truth, knob, value)
        setting = f"{knob} {value}" if knob else ""
        print(
            f"{spec:<16} {setting:<13} recall@10 {recall:.3f}  p50 {p50:6.2f} ms"
            f"  p95 {p95:6.2f} ms  {size:7.0f} B/section  built in {built_s:5.0f} s",
            flush=True,
        )


if __name__ == "__main__":
    main()
