"""Request threads that rebuild a stale index at once must not break each other's save
(found by benchmarks/bench_load.py under an ingest: FileNotFoundError on the rename, a 500)."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import faiss

from indexer.embedding import vectors
from indexer.store.db import Store
from tests.indexer.embedding.test_vectors import fill


def test_concurrent_saves_of_one_index_all_succeed(tmp_path: Path) -> None:
    with Store(tmp_path) as store:
        fill(store, 200)
        built = vectors.build(store)

    def save_often(_: int) -> None:
        for _ in range(25):
            vectors.save(built, tmp_path)

    with ThreadPoolExecutor(8) as pool:
        list(pool.map(save_often, range(8)))  # re-raises any thread's exception
    assert faiss.read_index(str(tmp_path / vectors.INDEX_FILE)).ntotal == 200
    assert not list(tmp_path.glob("*.tmp"))
