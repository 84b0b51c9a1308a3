"""Search over a sharded archive: the single-store Searcher with its retrieval fanned out.

Fusion, decision boost, grouping and the response are the single store's (Searcher); what
changes is where candidates and their sections come from: every shard, with archive-wide
lexical statistics (indexer.shards.retrieval), and section ids that say their shard
(indexer.shards.ids). Every step asks the shards at once, a thread a shard
(indexer.shards.fanout; REFERAT_SHARD_THREADS=1 asks them one after another), and merges
their answers in shard order, so the result does not depend on which shard answers first.
A shard that cannot be read is an error here; the Ray deployment (indexer.shards.serve)
answers without it and names it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import numpy as np

from indexer.embedding.vectors import VectorIndex
from indexer.errors import StoreError
from indexer.pipeline import Pipeline
from indexer.search import retrieval
from indexer.search.hits import page_hits
from indexer.search.hybrid import Searcher
from indexer.search.query import Filters
from indexer.shards import fanout
from indexer.shards import retrieval as retrieval_fanout
from indexer.shards.ids import global_id, split
from indexer.shards.reads import find_shard, items_by_case, merged_facets
from indexer.shards.store import ShardedStore
from indexer.store.queries import ITEM_FROM

R = TypeVar("R")


class ShardedSearcher(Searcher):
    """Searcher over a ShardedStore; one plain Searcher a shard does the per-shard work."""

    store: ShardedStore

    def __init__(
        self, store: ShardedStore, pipeline: Pipeline, cache: dict[str, Any] | None = None
    ) -> None:
        super().__init__(store, pipeline, cache)
        self.parts = [Searcher(s, pipeline, self.cache) for s in store.shards]
        self.threads = pipeline.settings.shard_threads if pipeline is not None else 0

    def vectors(self) -> VectorIndex:
        raise StoreError(
            "a sharded archive has one vector index a shard (shard-K/sections.faiss), none at"
            " its root: search it with a ShardedSearcher (indexer.shards.searcher_for)"
        )

    def _parallel_index(self) -> VectorIndex | None:
        return None  # each half already asks the shards in parallel threads

    def _each(self, fn: Callable[[int, Searcher], R]) -> list[R]:
        """fn(k, shard k's Searcher) for every shard, in parallel threads (fanout.each)."""
        return fanout.each(fn, self.parts, self.threads)

    def facets(self) -> dict[str, list[str]]:
        return merged_facets(self._each(lambda _, part: part.facets()))

    def _lexical(self, terms: list[str], filters: Filters) -> list[tuple[int, float]]:
        return retrieval_fanout.lexical(
            self.store.shards, terms, filters, threads=self.threads
        )

    def _dense(self, vector: Any, filters: Filters) -> list[tuple[int, float]]:
        indexes = [part.vectors for part in self.parts]
        return retrieval_fanout.dense(
            self.store.shards, indexes, np.asarray(vector), filters, threads=self.threads
        )

    def _items_by_case(self, case_number: str) -> list[dict[str, Any]]:
        return items_by_case(self.store, case_number)

    def _sections(self, ids: list[int]) -> dict[int, tuple[str, str]]:
        by_shard: dict[int, list[int]] = {}
        for gid in ids:
            shard, local = split(gid)
            by_shard.setdefault(shard, []).append(local)
        shards = list(by_shard)  # in the order the ids name them, as the merge had it
        found = fanout.each(
            lambda _, k: self.parts[k]._sections(by_shard[k]), shards, self.threads
        )
        return {global_id(s, k): v for k, part in zip(shards, found, strict=True)
                for s, v in part.items()}

    def _browse(self, filters: Filters) -> list[tuple[str, float, int | None]]:
        """The filtered items, newest first, merged from the shards' newest."""
        where, params = retrieval.filter_sql(filters)
        sql = (
            f"SELECT items.item_id, meetings.date, items.position {ITEM_FROM}"
            + (f" WHERE {where}" if where else "")
            + " ORDER BY meetings.date DESC, items.position LIMIT 1000"
        )
        parts = self._each(lambda _, part: part.store.db.execute(sql, params).fetchall())
        rows = [row for part in parts for row in part]
        rows.sort(key=lambda r: (_descending(r[1]), r[2]))
        return [(r[0], 0.0, self._first_section(r[0])) for r in rows[:1000]]

    def _first_section(self, item_id: str) -> int | None:
        return self._in_shard(item_id, "_first_section")

    def _decision_section(self, item_id: str) -> int | None:
        return self._in_shard(item_id, "_decision_section")

    def _in_shard(self, item_id: str, method: str) -> int | None:
        shard = find_shard(self.store, item_id)
        if shard is None:
            return None
        local = getattr(self.parts[shard], method)(item_id)
        return None if local is None else global_id(local, shard)

    def _page_hits(
        self, page: list[tuple[str, float, int | None]], terms: list[str]
    ) -> list[dict[str, Any]]:
        """Each hit read from its shard (page_hits a shard), in page order."""
        placed: dict[int, list[tuple[int, tuple[str, float, int | None]]]] = {}
        for n, (item, score, gid) in enumerate(page):
            if gid is None:
                shard, local = find_shard(self.store, item) or 0, None
            else:
                shard, local = split(gid)
            placed.setdefault(shard, []).append((n, (item, score, local)))
        shards = sorted(placed)

        def read(_: int, k: int) -> list[dict[str, Any]]:
            return page_hits(self.store.shards[k], [row for _, row in placed[k]], terms)

        hits: list[dict[str, Any]] = [{} for _ in page]
        for k, found in zip(shards, fanout.each(read, shards, self.threads), strict=True):
            for (n, _), hit in zip(placed[k], found, strict=True):
                hits[n] = hit
        return hits


def _descending(date: str | None) -> str:
    """Sort key putting later ISO dates first and undated last, as SQLite's DESC does."""
    if date is None:
        return "~"
    return "".join(chr(ord("9") - ord(c) + ord("0")) if c.isdigit() else c for c in date)


def searcher_for(store: Any, pipeline: Pipeline, cache: dict[str, Any] | None = None) -> Searcher:
    """The searcher for a store from indexer.shards.open_store: sharded or plain."""
    if isinstance(store, ShardedStore):
        from indexer.shards.serve import RaySearcher, ray_handles

        handles = ray_handles(store)
        if handles:  # `serve --ray`: the shards answer from their Ray Serve deployments
            return RaySearcher(store, pipeline, handles, cache)
        return ShardedSearcher(store, pipeline, cache)
    return Searcher(store, pipeline, cache)
