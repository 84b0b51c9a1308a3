"""The FAISS index over section vectors: derived from the `vectors` table, persisted atomically.

The index type follows the collection size: exact inner product (IndexFlatIP) while small,
IVF with product quantisation when large. The file records the store generation and the
embedding model it was built from; a stale or foreign file is rebuilt from SQLite.
"""

from __future__ import annotations

import json
import logging
import os
from dataclasses import dataclass
from pathlib import Path

import faiss
import numpy as np

from indexer.errors import ModelError
from indexer.store.db import Store

log = logging.getLogger("referat")

INDEX_FILE = "sections.faiss"
META_FILE = "sections.faiss.json"
EXACT_LIMIT = 200_000  # below this many vectors, exact search is fast enough (see benchmarks)
# One query vector at a time: OpenMP threads only add overhead (24 ms -> 3.9 ms for an exact
# search over 100,000 vectors on 2 cores); concurrency comes from serving requests in parallel.
faiss.omp_set_num_threads(1)
BATCH = 20_000


@dataclass
class VectorIndex:
    index: faiss.Index
    generation: int
    model: str
    size: int

    def search(
        self, query: np.ndarray, k: int, allowed: np.ndarray | None = None
    ) -> list[tuple[int, float]]:
        """Top-k (section_id, cosine) for one normalised query vector, optionally restricted."""
        if self.size == 0:
            return []
        params = None
        if allowed is not None:
            if len(allowed) == 0:
                return []
            selector = faiss.IDSelectorBatch(allowed.astype(np.int64))
            params = faiss.SearchParameters(sel=selector)  # type: ignore[call-arg]
        scores, ids = self.index.search(query.reshape(1, -1).astype(np.float32), k, params=params)
        return [(int(i), float(s)) for i, s in zip(ids[0], scores[0], strict=True) if i >= 0]


def choose_index(n: int, dim: int) -> faiss.Index:
    """Exact while small; IVF-PQ (compressed, ~dim/4 bytes a vector) for large archives."""
    if n < EXACT_LIMIT:
        return faiss.IndexIDMap2(faiss.IndexFlatIP(dim))
    lists = int(4 * np.sqrt(n))
    quantizer = faiss.IndexFlatIP(dim)
    ivf = faiss.IndexIVFPQ(quantizer, dim, lists, dim // 4, 8, faiss.METRIC_INNER_PRODUCT)
    ivf.nprobe = 16
    return faiss.IndexIDMap2(ivf)


def build(store: Store) -> VectorIndex:
    """Build the index from every vector in the store."""
    model = store.get_meta("embedding_model") or ""
    generation = store.generation()
    n = int(store.db.execute("SELECT count(*) FROM vectors").fetchone()[0])
    first = store.db.execute("SELECT vector FROM vectors LIMIT 1").fetchone()
    dim = len(first[0]) // 4 if first else 1
    index = choose_index(n, dim)
    if n and not index.is_trained:
        sample = _vectors(store, limit=min(n, 100_000))[1]
        index.train(sample)
    offset = 0
    while offset < n:
        ids, vecs = _vectors(store, limit=BATCH, offset=offset)
        index.add_with_ids(vecs, ids)
        offset += BATCH
    log.info("built vector index: %d sections, %s", n, type(faiss.downcast_index(index)).__name__)
    return VectorIndex(index, generation, model, n)


def _vectors(store: Store, limit: int, offset: int = 0) -> tuple[np.ndarray, np.ndarray]:
    rows = store.db.execute(
        "SELECT section_id, vector FROM vectors ORDER BY section_id LIMIT ? OFFSET ?",
        (limit, offset),
    ).fetchall()
    ids = np.array([r[0] for r in rows], dtype=np.int64)
    vecs = np.frombuffer(b"".join(r[1] for r in rows), dtype=np.float32).reshape(len(rows), -1)
    return ids, vecs


def load(store: Store, model: str | None = None) -> VectorIndex:
    """The persisted index when it is current, else a fresh build saved atomically."""
    recorded = store.get_meta("embedding_model")
    if model is not None and recorded is not None and recorded != model:
        raise ModelError(
            f"the store's vectors were made by {recorded}, but the configured model is {model}; "
            "set REFERAT_EMBEDDING_MODEL to the model that built the store, or use a new --data"
        )
    path, meta_path = store.data_dir / INDEX_FILE, store.data_dir / META_FILE
    generation = store.generation()
    try:
        meta = json.loads(meta_path.read_text())
        if meta["generation"] == generation and meta["model"] == (recorded or ""):
            index = faiss.read_index(str(path))
            return VectorIndex(index, generation, meta["model"], int(index.ntotal))
    except (OSError, ValueError, KeyError, RuntimeError):
        pass
    built = build(store)
    save(built, store.data_dir)
    return built


def save(vindex: VectorIndex, data_dir: Path) -> None:
    """Write index and metadata to temporary files, then rename: readers never see half."""
    tmp = data_dir / (INDEX_FILE + ".tmp")
    faiss.write_index(vindex.index, str(tmp))
    os.replace(tmp, data_dir / INDEX_FILE)
    meta_tmp = data_dir / (META_FILE + ".tmp")
    meta_tmp.write_text(json.dumps({"generation": vindex.generation, "model": vindex.model}))
    os.replace(meta_tmp, data_dir / META_FILE)
