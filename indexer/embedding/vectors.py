"""The FAISS index over section vectors: derived from the `vectors` table, persisted atomically.

The index type follows the collection size: exact inner product (IndexFlatIP) while small,
an inverted file (LARGE_SPEC, chosen by benchmarks/bench_vectors.py) when large; the setting
REFERAT_VECTOR_INDEX picks one of INDEX_KINDS (flat, ivf, hnsw) instead of `auto`. The file
records the store generation, the embedding model and the kind it was built from; a stale,
foreign or other-kind file is rebuilt from SQLite.

A filtered search restricts the index to the allowed ids with the search parameters of the
index's own type (an IVF index rejects plain SearchParameters), and an IVF index probes more
lists the fewer sections the filter allows, so a selective filter still finds its k.
"""

from __future__ import annotations

import json
import logging
import os
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import faiss
import numpy as np

from indexer.embedding import vector_log
from indexer.errors import InvalidInput, ModelError, StoreError
from indexer.shards.manifest import MANIFEST
from indexer.store.db import Store

log = logging.getLogger("referat")

INDEX_FILE = "sections.faiss"
META_FILE = "sections.faiss.json"
EXACT_LIMIT = 200_000  # below this many vectors, exact search is fast enough (see benchmarks)
# The inverted-file index for large archives, by benchmarks/bench_vectors.py (README): the
# lists hold 8-bit scalar-quantised vectors (a quarter of float32), probed NPROBE at a time.
LARGE_SPEC = "IVF{lists},SQ8"
NPROBE = 128
MAX_TRAIN = 400_000  # k-means points at most (FAISS wants >= 39 a list)
# HNSW (REFERAT_VECTOR_INDEX=hnsw): links a vector, candidates kept while building, searching
HNSW_M, HNSW_EF_CONSTRUCTION, HNSW_EF_SEARCH = 32, 80, 128
# One query vector at a time: OpenMP threads only add overhead (24 ms -> 3.9 ms for an exact
# search over 100,000 vectors on 2 cores); concurrency comes from serving requests in parallel.
faiss.omp_set_num_threads(1)
BATCH = 20_000


def ivf_lists(n: int) -> int:
    """Inverted lists for n vectors: about 4 sqrt(n) (4,000 at a million), but never more
    than the training points allow (39 a list), so k-means is never short of points."""
    return max(1, min(int(round(4 * np.sqrt(n))), n // 39, MAX_TRAIN // 39))


def train_size(n: int, lists: int) -> int:
    """k-means training points: 39 a list as FAISS asks, capped, never more than there are."""
    return min(n, MAX_TRAIN, 39 * lists)


@dataclass
class VectorIndex:
    index: faiss.Index
    generation: int
    model: str
    size: int
    kind: str = "auto"  # what was asked for (REFERAT_VECTOR_INDEX), recorded with the file
    position: int = -1  # the last vector_log change it holds (-1: unknown; vector_log.py)

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
            params = restricted(self.index, allowed, self.size)
        scores, ids = self.index.search(query.reshape(1, -1).astype(np.float32), k, params=params)
        return [(int(i), float(s)) for i, s in zip(ids[0], scores[0], strict=True) if i >= 0]


def restricted(index: faiss.Index, allowed: np.ndarray, size: int) -> faiss.SearchParameters:
    """Search parameters of the index's type that keep only the allowed ids.

    An IVF index probes NPROBE x (size / allowed) lists (at most all), an HNSW graph widens
    its search as much (efSearch, at most every vector): as many allowed vectors as an
    unfiltered search would see. The selector is kept alive on the parameters.
    """
    selector = faiss.IDSelectorBatch(allowed.astype(np.int64))
    inner = faiss.downcast_index(index)
    if isinstance(inner, faiss.IndexIDMap):  # flat and HNSW indexes map their ids outside
        inner = faiss.downcast_index(inner.index)
    share = max(1.0, size / len(allowed))
    params: faiss.SearchParameters
    if isinstance(inner, faiss.IndexIVF):
        nprobe = min(inner.nlist, int(np.ceil(inner.nprobe * share)))
        params = faiss.SearchParametersIVF(sel=selector, nprobe=nprobe)  # type: ignore[call-arg]
    elif isinstance(inner, faiss.IndexHNSW):
        ef = min(max(size, 1), int(np.ceil(inner.hnsw.efSearch * share)))
        params = faiss.SearchParametersHNSW(sel=selector, efSearch=ef)  # type: ignore[attr-defined]
    else:
        params = faiss.SearchParameters(sel=selector)  # type: ignore[call-arg]
    setattr(params, "selector_ref", selector)  # noqa: B010 (must outlive the search)
    return params


def flat_index(n: int, dim: int) -> faiss.Index:
    """Exact inner product, every vector compared (auto's choice below the exact limit)."""
    return faiss.IndexIDMap2(faiss.IndexFlatIP(dim))


def ivf_index(n: int, dim: int) -> faiss.Index:
    """The inverted file LARGE_SPEC, ivf_lists(n) lists, trained when built."""
    spec = LARGE_SPEC.format(lists=ivf_lists(n))
    ivf = faiss.index_factory(dim, spec, faiss.METRIC_INNER_PRODUCT)
    faiss.extract_index_ivf(ivf).nprobe = NPROBE
    return ivf


def hnsw_index(n: int, dim: int) -> faiss.Index:
    """An HNSW graph over the float vectors: no training, HNSW_M links a vector."""
    graph = faiss.IndexHNSWFlat(dim, HNSW_M, faiss.METRIC_INNER_PRODUCT)
    graph.hnsw.efConstruction = HNSW_EF_CONSTRUCTION
    graph.hnsw.efSearch = HNSW_EF_SEARCH
    return faiss.IndexIDMap2(graph)


# REFERAT_VECTOR_INDEX: AUTO (flat below the exact limit, else ivf) or one of these kinds
INDEX_KINDS: dict[str, Callable[[int, int], faiss.Index]] = {
    "flat": flat_index,
    "ivf": ivf_index,
    "hnsw": hnsw_index,
}
AUTO = "auto"


def index_kinds() -> tuple[str, ...]:
    """What REFERAT_VECTOR_INDEX may say: auto, or a key of INDEX_KINDS."""
    return (AUTO, *INDEX_KINDS)


def choose_index(
    n: int, dim: int, exact_limit: int = EXACT_LIMIT, kind: str = AUTO
) -> faiss.Index:
    """An empty index of `kind`; auto: exact while small, an inverted file when large."""
    if kind == AUTO:
        kind = "flat" if n < exact_limit else "ivf"
    make = INDEX_KINDS.get(kind)
    if make is None:
        raise InvalidInput(
            f"REFERAT_VECTOR_INDEX={kind!r} is not an index kind: use one of"
            f" {', '.join(index_kinds())}"
        )
    return make(n, dim)


def build(store: Store, exact_limit: int = EXACT_LIMIT, kind: str = AUTO) -> VectorIndex:
    """Build the index (of `kind`, see choose_index) from every vector in the store."""
    model = store.get_meta("embedding_model") or ""
    generation = store.generation()
    n = int(store.db.execute("SELECT count(*) FROM vectors").fetchone()[0])
    first = store.db.execute("SELECT vector FROM vectors LIMIT 1").fetchone()
    dim = len(first[0]) // 4 if first else 1
    index = choose_index(n, dim, exact_limit, kind)
    if n and not index.is_trained:
        lists = faiss.extract_index_ivf(index).nlist
        index.train(training_sample(store, train_size(n, lists)))
    offset = 0
    while offset < n:
        ids, vecs = _vectors(store, limit=BATCH, offset=offset)
        index.add_with_ids(vecs, ids)
        offset += BATCH
    log.info("built vector index: %d sections, %s", n, type(faiss.downcast_index(index)).__name__)
    return VectorIndex(index, generation, model, n, kind)


def training_sample(store: Store, size: int, seed: int = 0) -> np.ndarray:
    """`size` vectors drawn at random across the whole store (not only its first documents)."""
    low, high = store.db.execute("SELECT min(section_id), max(section_id) FROM vectors").fetchone()
    rng = np.random.default_rng(seed)
    chosen: dict[int, bytes] = {}
    while len(chosen) < size:
        want = rng.integers(low, high + 1, size=2 * (size - len(chosen)) + 10)
        for chunk in range(0, len(want), 900):
            part = [int(i) for i in want[chunk : chunk + 900]]
            marks = ",".join("?" * len(part))
            for sid, blob in store.db.execute(
                f"SELECT section_id, vector FROM vectors WHERE section_id IN ({marks})", part
            ):
                chosen[int(sid)] = blob
    blobs = list(chosen.values())[:size]
    return np.frombuffer(b"".join(blobs), dtype=np.float32).reshape(len(blobs), -1)


def _vectors(store: Store, limit: int, offset: int = 0) -> tuple[np.ndarray, np.ndarray]:
    rows = store.db.execute(
        "SELECT section_id, vector FROM vectors ORDER BY section_id LIMIT ? OFFSET ?",
        (limit, offset),
    ).fetchall()
    ids = np.array([r[0] for r in rows], dtype=np.int64)
    vecs = np.frombuffer(b"".join(r[1] for r in rows), dtype=np.float32).reshape(len(rows), -1)
    return ids, vecs


def load(
    store: Store, model: str | None = None, exact_limit: int = EXACT_LIMIT, kind: str = AUTO
) -> VectorIndex:
    """The persisted index when it is current (and of the kind asked for), else a fresh
    build saved atomically."""
    recorded = store.get_meta("embedding_model")
    if model is not None and recorded is not None and recorded != model:
        raise ModelError(
            f"the store's vectors were made by {recorded}, but the configured model is {model}; "
            "set REFERAT_EMBEDDING_MODEL to the model that built the store, or use a new --data"
        )
    if (store.data_dir / MANIFEST).exists():  # its shards have the indexes, not its root
        raise StoreError(
            f"{store.data_dir} is a sharded archive: each shard has its own vector index;"
            " search it through indexer.shards.searcher.searcher_for, not a plain Searcher"
        )
    path, meta_path = store.data_dir / INDEX_FILE, store.data_dir / META_FILE
    generation = store.generation()
    built: VectorIndex | None = None
    try:
        meta = json.loads(meta_path.read_text())
        current = meta["generation"] == generation and meta["model"] == (recorded or "")
        if current and meta.get("kind", AUTO) == kind:
            index = faiss.read_index(str(path))
            return VectorIndex(index, generation, meta["model"], int(index.ntotal), kind,
                               int(meta.get("position", -1)))
        built = vector_log.from_file(store, meta, path, exact_limit, kind)  # older: + its log
    except (OSError, ValueError, KeyError, RuntimeError):
        pass
    if built is None:
        with vector_log.snapshot(store):  # the vectors and the log position of one moment
            built = build(store, exact_limit, kind)
            built.position = vector_log.log_position(store)
    try:
        save(built, store.data_dir)
    except (OSError, RuntimeError) as exc:  # a full or read-only disk: serve, do not persist
        log.warning("could not save the vector index in %s (%s); it is rebuilt on the next"
                    " start: free space or check permissions", store.data_dir, exc)
    return built


def save(vindex: VectorIndex, data_dir: Path) -> None:
    """Write index and metadata to temporary files, then rename: readers never see half.

    The temporary names are the writer's own (process and thread): request threads that
    rebuild a stale index at the same moment must not rename each other's files."""
    writer = f".{os.getpid()}.{threading.get_ident()}.tmp"
    tmp = data_dir / (INDEX_FILE + writer)
    faiss.write_index(vindex.index, str(tmp))
    os.replace(tmp, data_dir / INDEX_FILE)
    meta_tmp = data_dir / (META_FILE + writer)
    meta = {"generation": vindex.generation, "model": vindex.model, "kind": vindex.kind,
            "position": vindex.position}
    meta_tmp.write_text(json.dumps(meta))
    os.replace(meta_tmp, data_dir / META_FILE)
