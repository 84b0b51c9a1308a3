"""What a searcher pays for its vector index after each document an ingest commits.

A store of `--sections` generated sections (unit vectors of `--dim`, clustered as in
bench_vectors, in documents of 50 sections) is indexed once; then `--documents` further
documents of 50 sections are committed one at a time, each through Store.replace_document
(one transaction, the vector log written by its triggers), and after each commit the index
is brought up to date two ways:

  rebuild   vectors.build: every vector read from SQLite again (what a stale searcher did
            before the vector log: each request thread that saw a new generation)
  refresh   layered.refresh: the loaded index, untouched, plus a layer of the new vectors

It prints the median and max milliseconds of each. Both give the same index (tested in
tests/indexer/embedding/test_vector_log.py).

Usage: python -m benchmarks.bench_vector_refresh [--sections 100000] [--documents 10]
       [--dim 256] [--keep DIR]
"""

from __future__ import annotations

import argparse
import hashlib
import statistics
import tempfile
import time
from pathlib import Path

from benchmarks.bench_vectors import clustered
from indexer.embedding import layered, vectors
from indexer.store.db import SectionExtras, Store
from indexer.types import AgendaItem, Document, Meeting, Section

PER_DOCUMENT = 50


def add_document(store: Store, number: int, vecs: object) -> None:
    """One document of one item with PER_DOCUMENT sections carrying the given vectors."""
    item_id = f"bench-{number}"
    item = AgendaItem("1", f"Punkt {number}", item_id=item_id,
                      sections=[Section("Tekst", f"afsnit {i}") for i in range(PER_DOCUMENT)])
    extras = {(item_id, i): SectionExtras(f"afsnit {i}", v) for i, v in enumerate(vecs)}  # type: ignore[call-overload]
    data = f"bench document {number}".encode()
    doc = Document(f"/bench/{number}.txt", "txt", hashlib.sha256(data).hexdigest(), len(data))
    meeting = Meeting("Bench", "Byrådet", f"2020-01-{1 + number % 28:02d}", items=[item])
    store.replace_document(doc, [meeting], extras)


def fill(store: Store, sections: int, dim: int) -> None:
    vecs = clustered(sections, dim, clusters=max(1, sections // 500))
    for number, start in enumerate(range(0, sections, PER_DOCUMENT)):
        add_document(store, number, vecs[start : start + PER_DOCUMENT])
    store.set_meta("embedding_model", "bench")


def run(data: Path, sections: int, documents: int, dim: int) -> dict[str, list[float]]:
    timings: dict[str, list[float]] = {"rebuild": [], "refresh": []}
    with Store(data) as store:
        fill(store, sections, dim)
        current = vectors.load(store)
        extra = clustered(documents * PER_DOCUMENT, dim, clusters=10, seed=1)
        for k in range(documents):
            add_document(store, 10**6 + k, extra[k * PER_DOCUMENT : (k + 1) * PER_DOCUMENT])
            start = time.perf_counter()
            vectors.build(store)
            timings["rebuild"].append((time.perf_counter() - start) * 1000)
            start = time.perf_counter()
            current = layered.refresh(store, current, None, vectors.EXACT_LIMIT, vectors.AUTO)
            timings["refresh"].append((time.perf_counter() - start) * 1000)
        assert current.size == sections + documents * PER_DOCUMENT
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--sections", type=int, default=100_000)
    parser.add_argument("--documents", type=int, default=10)
    parser.add_argument("--dim", type=int, default=256)
    parser.add_argument("--keep", type=Path, help="build the store here and leave it")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        data = args.keep or Path(tmp)
        timings = run(data, args.sections, args.documents, args.dim)
    print(f"{args.sections} sections, {args.documents} documents of {PER_DOCUMENT} sections"
          f" committed one at a time, dim {args.dim}:")
    for name, values in timings.items():
        print(f"  {name:8s} median {statistics.median(values):8.1f} ms   max {max(values):8.1f} ms")


if __name__ == "__main__":
    main()
