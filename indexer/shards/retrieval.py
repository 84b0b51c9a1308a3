"""First-stage retrieval over the shards, merged into archive-wide rankings.

Lexical: the term statistics are gathered from every shard (indexer.shards.stats), each shard
proposes its best matches by its own BM25 (OVERFETCH times the depth, so that the few whose
rank moves under the archive's statistics are still among them), and all are rescored with
the archive's statistics and merged. As in one store, sections with every term come first,
then those with any. Dense: each shard's nearest sections within the filters, merged by
cosine (exact search gives exactly the single store's list).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

from indexer.embedding.vectors import VectorIndex
from indexer.search import retrieval
from indexer.search.query import Filters
from indexer.shards.ids import global_id, split
from indexer.shards.stats import TermStats, gather, score_sections
from indexer.store.db import Store

OVERFETCH = 2


def lexical(
    stores: Sequence[Store], terms: list[str], filters: Filters, depth: int = retrieval.DEPTH
) -> list[tuple[int, float]]:
    """(global section id, archive-wide bm25) best first, like retrieval.lexical."""
    phrases = list(dict.fromkeys(t for t in terms if t.strip()))
    if not phrases:
        return []
    stats = gather(stores, phrases)
    known: dict[int, tuple[float, tuple[float, int]]] = {}  # gid -> score, order: both passes
    found = _pass(stores, phrases, "AND", filters, depth, stats, known)
    if len(found) < depth and len(phrases) > 1:
        seen = {s for s, _ in found}
        more = _pass(stores, phrases, "OR", filters, depth, stats, known)
        found += [(s, score) for s, score in more if s not in seen][: depth - len(found)]
    return found


def _pass(
    stores: Sequence[Store],
    phrases: list[str],
    operator: str,
    filters: Filters,
    depth: int,
    stats: TermStats,
    known: dict[int, tuple[float, tuple[float, int]]],
) -> list[tuple[int, float]]:
    expression = retrieval.fts_expression(phrases, operator)
    merged: list[tuple[int, float, tuple[float, int]]] = []
    for shard, store in enumerate(stores):
        scope = retrieval.facet_scope(store, filters)
        if scope is None:  # no section of this shard can pass the filters
            continue
        local = retrieval._match(store, expression, scope, filters, depth * OVERFETCH)
        new = [s for s, _ in local if global_id(s, shard) not in known]
        rescored, order = score_sections(store, new, phrases, stats), ingest_order(store, new)
        for s in new:
            known[global_id(s, shard)] = (rescored.get(s, 0.0), order.get(s, (0.0, s)))
        merged += [(gid, *known[gid]) for gid in (global_id(s, shard) for s, _ in local)]
    merged.sort(key=lambda row: (-row[1], row[2]))
    return [(gid, score) for gid, score, _ in merged[:depth]]


def ingest_order(store: Store, section_ids: list[int]) -> dict[int, tuple[float, int]]:
    """A key that orders sections as one store's row ids would: when their document was
    stored, then their row id. FTS5 returns equal scores in row-id order, so ties (frequent
    on short texts) fall the same way in a sharded archive as in one store."""
    out: dict[int, tuple[float, int]] = {}
    for chunk in range(0, len(section_ids), 900):
        part = section_ids[chunk : chunk + 900]
        rows = store.db.execute(
            "SELECT sections.id, documents.ingested_at FROM sections"
            " JOIN items ON items.item_id = sections.item_id"
            " JOIN meetings ON meetings.id = items.meeting_id"
            " JOIN documents ON documents.id = meetings.document_id"
            f" WHERE sections.id IN ({','.join('?' * len(part))})",
            part,
        )
        out.update({int(r[0]): (float(r[1]), int(r[0])) for r in rows})
    return out


def dense(
    stores: Sequence[Store],
    indexes: Sequence[VectorIndex],
    vector: np.ndarray,
    filters: Filters,
    depth: int = retrieval.DEPTH,
) -> list[tuple[int, float]]:
    """(global section id, cosine) best first, within the filters: retrieval.dense's steps
    on the union of the shards (the archive's nearest, filtered; a selective filter
    searches among the sections it allows)."""
    pairs = list(zip(stores, indexes, strict=True))
    if not retrieval.filter_sql(filters)[0]:
        return _nearest(pairs, lambda _, index: index.search(vector, depth), depth)
    wide = depth * retrieval.OVERFETCH
    candidates = _nearest(pairs, lambda _, index: index.search(vector, wide), wide)
    kept = set()
    for shard, (store, _) in enumerate(pairs):
        mine = [local for gid, _ in candidates if (local := _local(gid, shard)) is not None]
        kept |= {global_id(s, shard) for s in retrieval.passing(store, mine, filters)}
    hits = [(gid, score) for gid, score in candidates if gid in kept]
    if len(hits) >= depth // 2 or len(candidates) < wide:
        return hits[:depth]
    return _nearest(
        pairs, lambda store, index: _among_allowed(store, index, vector, filters, depth), depth
    )


def _among_allowed(
    store: Store, index: VectorIndex, vector: np.ndarray, filters: Filters, depth: int
) -> list[tuple[int, float]]:
    """retrieval.dense's fallback on one shard: the nearest among the sections allowed."""
    allowed = retrieval.allowed_sections(store, filters)
    return retrieval._exactly(store, lambda k: index.search(vector, k, allowed), filters, depth)


def _nearest(
    pairs: list[tuple[Store, VectorIndex]],
    search: Callable[[Store, VectorIndex], list[tuple[int, float]]],
    depth: int,
) -> list[tuple[int, float]]:
    merged = [
        (global_id(s, shard), score)
        for shard, (store, index) in enumerate(pairs)
        for s, score in search(store, index)
    ]
    merged.sort(key=lambda pair: -pair[1])
    return merged[:depth]


def _local(gid: int, shard: int) -> int | None:
    k, local = split(gid)
    return local if k == shard else None
