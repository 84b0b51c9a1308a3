"""A searcher's vector index under an ingest: the loaded index, never changed, plus a layer.

Request threads search the index they hold while an ingest commits documents, and FAISS is
not safe to change under a search; copying a 100,000-vector index for each document costs
more than the document (0.2 s for 100 MB). So `refresh` leaves the loaded (base) index alone
and returns a new LayeredIndex: the base, the ids of the base hidden since (deleted or
rewritten sections) and a small exact delta index of the vectors written since, taken from
the store's vector log (indexer/embedding/vector_log.py) after the base's position. A search
asks the base for k plus the hidden count, drops the hidden, and merges the delta's k by
score: the union holds exactly the store's vectors (the test compares it with a full build).

A refresh costs its document's vectors and a copy of the delta; when the layer grows past
COMPACT_SHARE of the base (at least COMPACT_MIN vectors), the base is copied once and the log
applied to it (vector_log.catch_up), and a new layer starts. A change of model, of the kind
asked for or of the size class (vector_log.same_size_class) loads anew (vectors.load). While
one thread refreshes a store's index, the others keep searching the one they have.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field, replace

import faiss
import numpy as np

from indexer.embedding import vector_log, vectors
from indexer.embedding.vectors import VectorIndex
from indexer.store.db import Store

COMPACT_SHARE = 0.05
COMPACT_MIN = 5_000
_REFRESHING: dict[str, threading.Lock] = {}
_REFRESHING_LOCK = threading.Lock()


@dataclass
class LayeredIndex(VectorIndex):
    """`base` (shared, never changed) minus `hidden` plus `delta`; `index` is the base's."""

    base: VectorIndex | None = None
    delta: VectorIndex | None = None
    hidden: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    base_ids: np.ndarray | None = None  # the base's ids, sorted (read once a base)

    def search(
        self, query: np.ndarray, k: int, allowed: np.ndarray | None = None
    ) -> list[tuple[int, float]]:
        assert self.base is not None and self.delta is not None
        found = self.base.search(query, k + len(self.hidden), allowed)
        if len(self.hidden):
            gone = set(self.hidden.tolist())
            found = [(i, s) for i, s in found if i not in gone]
        found += self.delta.search(query, k, allowed)
        found.sort(key=lambda hit: -hit[1])
        return found[:k]


def ids_of(vindex: VectorIndex) -> np.ndarray:
    """The sorted ids an (unlayered) index holds."""
    inner = faiss.downcast_index(vindex.index)
    if isinstance(inner, faiss.IndexIDMap):
        return np.sort(faiss.vector_to_array(inner.id_map).astype(np.int64))
    ivf = faiss.extract_index_ivf(vindex.index)
    lists = ivf.invlists
    assert lists is not None
    parts = [
        np.array(faiss.rev_swig_ptr(lists.get_ids(k), lists.list_size(k)), dtype=np.int64)
        for k in range(ivf.nlist)
        if lists.list_size(k)
    ]
    return np.sort(np.concatenate(parts)) if parts else np.zeros(0, dtype=np.int64)


def refresh(
    store: Store, current: VectorIndex | None, model: str | None, exact_limit: int, kind: str
) -> VectorIndex:
    """The store's index for a searcher holding `current`: `current` itself when up to date
    (or while another thread refreshes it), `current` with a new layer, else vectors.load."""
    recorded = store.get_meta("embedding_model") or ""
    if current is None or current.model != recorded or current.kind != kind:
        return vectors.load(store, model, exact_limit, kind)
    if current.generation == store.generation():
        return current
    lock = _lock_for(str(store.data_dir.resolve()))
    if not lock.acquire(blocking=False):
        return current  # another request thread is making the new one: search this meanwhile
    try:
        updated = _layer(store, current, exact_limit)
    finally:
        lock.release()
    return updated if updated is not None else vectors.load(store, model, exact_limit, kind)


def _layer(store: Store, current: VectorIndex, exact_limit: int) -> LayeredIndex | None:
    """`current`'s base with the log since `current` applied to a copy of its delta; None
    when the size class changed (load anew)."""
    if current.position < 0:
        return None
    if isinstance(current, LayeredIndex):
        assert current.base is not None and current.delta is not None
        base, hidden = current.base, current.hidden
        ids_of_base = current.base_ids if current.base_ids is not None else ids_of(base)
        delta = replace(current.delta, index=faiss.clone_index(current.delta.index))
    else:
        base, hidden, ids_of_base = current, np.zeros(0, dtype=np.int64), ids_of(current)
        delta = _empty_delta(current)
    with vector_log.snapshot(store):
        generation = store.generation()
        touched, _, _, _ = vector_log.changes_since(store, current.position)
        delta.position = vector_log.apply_changes(delta.index, store, current.position)
    in_base = touched[np.isin(touched, ids_of_base, assume_unique=True)]
    hidden = np.union1d(hidden, in_base)
    delta.size = int(delta.index.ntotal)
    size = base.size - len(hidden) + delta.size
    if not vector_log.same_size_class(base.index, size, exact_limit, base.kind):
        return None
    if delta.size + len(hidden) > max(COMPACT_MIN, COMPACT_SHARE * base.size):
        return _compact(store, base, exact_limit)
    return LayeredIndex(base.index, generation, base.model, size, base.kind, delta.position,
                        base=base, delta=delta, hidden=hidden, base_ids=ids_of_base)


def _empty_delta(base: VectorIndex) -> VectorIndex:
    empty = faiss.IndexIDMap2(faiss.IndexFlatIP(base.index.d))
    return VectorIndex(empty, base.generation, base.model, 0, "flat", base.position)


def _compact(store: Store, base: VectorIndex, exact_limit: int) -> LayeredIndex | None:
    """A copy of the base with the whole log since it applied: a new base, an empty layer."""
    copy = replace(base, index=faiss.clone_index(base.index))
    fresh = vector_log.catch_up(copy, store, exact_limit)
    if fresh is None:
        return None
    return LayeredIndex(fresh.index, fresh.generation, fresh.model, fresh.size, fresh.kind,
                        fresh.position, base=fresh, delta=_empty_delta(fresh),
                        base_ids=ids_of(fresh))


def _lock_for(key: str) -> threading.Lock:
    with _REFRESHING_LOCK:
        return _REFRESHING.setdefault(key, threading.Lock())
