"""Incremental upkeep of the FAISS index: the store's vector change log, applied to a loaded index.

Every vector written or deleted (a document stored, replaced or removed) leaves its section id
in the additive table `vector_log` (triggers on `vectors`, indexer/store/schema.py), in the
same transaction as the vector itself: a crash leaves the log exactly as consistent as the
vectors. An index records the log position it includes (`VectorIndex.position`, and
`position` in sections.faiss.json); bringing it up to date reads only the log after that
position and those sections' vectors:

    touched  = section ids logged after the position
    index   -= touched                 (remove_ids)
    index   += touched still in vectors (add_with_ids, their vectors from SQLite)

which leaves exactly the vectors a full rebuild would hold (tests/indexer/embedding/
test_vector_log.py). `catch_up` does it in place, on an index no one else searches: one read
from disk by vectors.load (then saved again). A server's searcher, whose index request
threads are searching, layers the changes over it instead (indexer/embedding/layered.py).

A full build (vectors.build) is still made when there is no usable index, when the model or
the kind asked for changes, when the size class changes (auto: exact below the exact limit,
IVF from it; an IVF index whose list count ivf_lists(n) would differ by a factor of 2 or more,
i.e. about 4x the vectors it was trained for) and when the index cannot remove ids (HNSW).
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import faiss
import numpy as np

from indexer.store.db import Store

if TYPE_CHECKING:
    from indexer.embedding.vectors import VectorIndex

log = logging.getLogger("referat")
CHUNK = 900  # SQLite parameters a statement


@contextmanager
def snapshot(store: Store) -> Iterator[None]:
    """One read transaction: every read inside sees the same committed state (WAL)."""
    if store.db.in_transaction:
        yield
        return
    store.db.execute("BEGIN")
    try:
        yield
    finally:
        if store.db.in_transaction:
            store.db.execute("COMMIT")  # nothing was written: ends the read


def log_position(store: Store) -> int:
    """The last change logged (0 for none yet)."""
    row = store.db.execute("SELECT max(id) FROM vector_log").fetchone()
    return int(row[0] or 0)


def changes_since(store: Store, position: int) -> tuple[np.ndarray, np.ndarray, np.ndarray, int]:
    """(touched ids, ids still present, their vectors, the new position) after `position`."""
    rows = store.db.execute(
        "SELECT section_id, max(id) FROM vector_log WHERE id > ? GROUP BY section_id", (position,)
    ).fetchall()
    touched = [int(r[0]) for r in rows]
    latest = max((int(r[1]) for r in rows), default=position)
    ids: list[int] = []
    blobs: list[bytes] = []
    for start in range(0, len(touched), CHUNK):
        part = touched[start : start + CHUNK]
        marks = ",".join("?" * len(part))
        for sid, blob in store.db.execute(
            f"SELECT section_id, vector FROM vectors WHERE section_id IN ({marks})", part
        ):
            ids.append(int(sid))
            blobs.append(blob)
    vecs = np.frombuffer(b"".join(blobs), dtype=np.float32).reshape(len(blobs), -1)
    return np.array(touched, dtype=np.int64), np.array(ids, dtype=np.int64), vecs, latest


def apply_changes(index: faiss.Index, store: Store, position: int) -> int:
    """Bring `index` (changed in place) up to the log; the new position. Raises RuntimeError
    when the index cannot remove ids (HNSW)."""
    touched, ids, vecs, latest = changes_since(store, position)
    if len(touched):
        index.remove_ids(faiss.IDSelectorBatch(touched))
    if len(ids):
        index.add_with_ids(vecs, ids)
    return latest


def inner_kind(index: faiss.Index) -> str:
    """'flat', 'ivf' or 'hnsw': what the index is, under its id map."""
    inner = faiss.downcast_index(index)
    if isinstance(inner, faiss.IndexIDMap):
        inner = faiss.downcast_index(inner.index)
    if isinstance(inner, faiss.IndexIVF):
        return "ivf"
    return "hnsw" if isinstance(inner, faiss.IndexHNSW) else "flat"


def same_size_class(index: faiss.Index, n: int, exact_limit: int, kind: str) -> bool:
    """Whether an index built for its vectors still suits n of them (else: rebuild)."""
    from indexer.embedding.vectors import AUTO, ivf_lists

    have = inner_kind(index)
    want = kind if kind != AUTO else ("flat" if n < exact_limit else "ivf")
    if have != want:
        return False
    if have == "ivf":
        lists = faiss.extract_index_ivf(index).nlist
        return lists / 2 < ivf_lists(max(n, 1)) < lists * 2
    return True


def catch_up(
    vindex: VectorIndex, store: Store, exact_limit: int, count: bool = False
) -> VectorIndex | None:
    """`vindex` brought up to the store's log in place (it must be no one else's), or None
    when it cannot be (no position recorded, another size class, no removal): rebuild.

    `count` also checks that it ends with as many vectors as the store holds (an index read
    from disk: a file pair from two writers); counting reads the whole table (0.5 s at
    100,000 sections), so a searcher's own index in memory is not counted."""
    if vindex.position < 0:
        return None
    with snapshot(store):
        generation = store.generation()
        try:
            position = apply_changes(vindex.index, store, vindex.position)
        except RuntimeError as exc:  # e.g. HNSW: remove_ids is not implemented
            log.info("vector index cannot be updated in place (%s): rebuilding", exc)
            return None
        n = int(vindex.index.ntotal)
        if count and n != int(store.db.execute("SELECT count(*) FROM vectors").fetchone()[0]):
            return None
    if not same_size_class(vindex.index, n, exact_limit, vindex.kind):
        return None
    vindex.generation, vindex.position, vindex.size = generation, position, n
    return vindex


def from_file(
    store: Store, meta: dict[str, Any], path: Path, exact_limit: int, kind: str
) -> VectorIndex | None:
    """A persisted index of an older generation brought up to date by the log since its
    position; None when the file has no position or another model or kind (rebuild)."""
    from indexer.embedding.vectors import AUTO, VectorIndex

    recorded = store.get_meta("embedding_model") or ""
    if meta["model"] != recorded or meta.get("kind", AUTO) != kind or "position" not in meta:
        return None
    index = faiss.read_index(str(path))
    old = VectorIndex(index, int(meta["generation"]), recorded, int(index.ntotal), kind,
                      int(meta["position"]))
    return catch_up(old, store, exact_limit, count=True)
