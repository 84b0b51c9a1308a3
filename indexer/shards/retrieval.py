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
from dataclasses import dataclass

import numpy as np

from indexer.embedding.vectors import VectorIndex
from indexer.search import retrieval
from indexer.search.query import Filters
from indexer.shards import fanout
from indexer.shards.ids import global_id, split
from indexer.shards.stats import TermStats, gather, score_sections
from indexer.store.db import Store

OVERFETCH = 2


def lexical(
    stores: Sequence[Store],
    terms: list[str],
    filters: Filters,
    depth: int = retrieval.DEPTH,
    threads: int = 0,
) -> list[tuple[int, float]]:
    """(global section id, archive-wide bm25) best first, like retrieval.lexical; each step
    asks the shards in parallel (indexer.shards.fanout), the merge is the same."""
    phrases = list(dict.fromkeys(t for t in terms if t.strip()))
    if not phrases:
        return []
    stats = gather(stores, phrases, threads)
    query = query_terms(phrases, stats)
    known: dict[int, tuple[float, tuple[float, int]]] = {}  # gid -> score, order: both passes
    found = _pass(stores, query, "AND", filters, depth, stats, known, threads)
    if len(found) < depth and len(query.match) > 1:
        seen = {s for s, _ in found}
        more = _pass(stores, query, "OR", filters, depth, stats, known, threads)
        found += [(s, score) for s, score in more if s not in seen][: depth - len(found)]
    return found


Scored = list[tuple[int, float, tuple[float, int]]]  # (section id, score, tie-break order)


@dataclass(frozen=True)
class Terms:
    """A query's phrases as the lexical retrieval uses them (indexer.search.retrieval's caps,
    with the archive's statistics): `match` (the rarest, postings up to POSTINGS) is what
    FTS5 matches, `score` (every informative phrase) what each candidate is scored on."""

    match: list[str]
    score: list[str]


def query_terms(phrases: list[str], stats: TermStats) -> Terms:
    """The phrases one store would use, by the archive's statistics: those in half the rows
    or more left out while a rarer one remains, the rarest driving the match."""
    informative = retrieval.informative(phrases, stats)
    return Terms(retrieval.split_terms(informative, stats)[0] or informative, informative)


def shard_candidates(
    store: Store,
    terms: Terms,
    operator: str,
    filters: Filters,
    depth: int,
    stats: TermStats,
    skip: Callable[[int], tuple[float, tuple[float, int]] | None] = lambda _: None,
) -> Scored:
    """One shard's part of a pass: its own best OVERFETCH x depth matches of the rare
    phrases among its BUDGET newest matching rows (as one store bounds its cost), rescored
    on every phrase with the archive's statistics (those `skip` already knows, from the AND
    pass, are not rescored)."""
    scope = retrieval.facet_scope(store, filters)
    if scope is None:  # no section of this shard can pass the filters
        return []
    expression = retrieval.fts_expression(terms.match, operator)
    local = [
        s
        for s, _ in retrieval._match(
            store, expression, scope, filters, depth * OVERFETCH, retrieval.BUDGET
        )
    ]
    done = {s: v for s in local if (v := skip(s)) is not None}
    new = [s for s in local if s not in done]
    rescored, order = score_sections(store, new, terms.score, stats), ingest_order(store, new)
    done.update({s: (rescored.get(s, 0.0), order.get(s, (0.0, s))) for s in new})
    return [(s, *done[s]) for s in local]


def _pass(
    stores: Sequence[Store],
    phrases: Terms,
    operator: str,
    filters: Filters,
    depth: int,
    stats: TermStats,
    known: dict[int, tuple[float, tuple[float, int]]],
    threads: int = 0,
) -> list[tuple[int, float]]:
    def part(shard: int, store: Store) -> Scored:
        skip = lambda s: known.get(global_id(s, shard))  # noqa: E731 (read-only here)
        return shard_candidates(store, phrases, operator, filters, depth, stats, skip)

    merged: Scored = []
    for shard, rows in enumerate(fanout.each(part, stores, threads)):
        for s, score, order in rows:
            known[global_id(s, shard)] = (score, order)
            merged.append((global_id(s, shard), score, order))
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
    indexes: Sequence[Callable[[], VectorIndex]],
    vector: np.ndarray,
    filters: Filters,
    depth: int = retrieval.DEPTH,
    threads: int = 0,
) -> list[tuple[int, float]]:
    """(global section id, cosine) best first, within the filters: retrieval.dense's steps
    on the union of the shards (the archive's nearest, filtered; a selective filter
    searches among the sections it allows). `indexes[k]()` is shard k's vector index (it
    is loaded, or rebuilt when stale, in the shard's own thread)."""
    pairs = list(zip(stores, indexes, strict=True))
    if not retrieval.filter_sql(filters)[0]:
        return _nearest(pairs, lambda _, index: index.search(vector, depth), depth, threads)
    wide = depth * retrieval.OVERFETCH
    candidates = _nearest(pairs, lambda _, index: index.search(vector, wide), wide, threads)

    def kept(shard: int, pair: tuple[Store, Callable[[], VectorIndex]]) -> set[int]:
        mine = [local for gid, _ in candidates if (local := _local(gid, shard)) is not None]
        return {global_id(s, shard) for s in retrieval.passing(pair[0], mine, filters)}

    allowed = set().union(*fanout.each(kept, pairs, threads))
    hits = [(gid, score) for gid, score in candidates if gid in allowed]
    if len(hits) >= depth // 2 or len(candidates) < wide:
        return hits[:depth]
    return _nearest(
        pairs,
        lambda store, index: _among_allowed(store, index, vector, filters, depth),
        depth,
        threads,
    )


def _among_allowed(
    store: Store, index: VectorIndex, vector: np.ndarray, filters: Filters, depth: int
) -> list[tuple[int, float]]:
    """retrieval.dense's fallback on one shard: the nearest among the sections allowed."""
    allowed = retrieval.allowed_sections(store, filters)
    return retrieval._exactly(store, lambda k: index.search(vector, k, allowed), filters, depth)


def _nearest(
    pairs: list[tuple[Store, Callable[[], VectorIndex]]],
    search: Callable[[Store, VectorIndex], list[tuple[int, float]]],
    depth: int,
    threads: int = 0,
) -> list[tuple[int, float]]:
    found = fanout.each(lambda _, pair: search(pair[0], pair[1]()), pairs, threads)
    merged = [(global_id(s, shard), score) for shard, rows in enumerate(found) for s, score in rows]
    merged.sort(key=lambda pair: -pair[1])
    return merged[:depth]


def _local(gid: int, shard: int) -> int | None:
    k, local = split(gid)
    return local if k == shard else None
