"""Search over a sharded archive: the single-store Searcher with its retrieval fanned out.

Fusion, decision boost, grouping and the response are the single store's (Searcher); what
changes is where candidates and their sections come from: every shard, with archive-wide
lexical statistics (indexer.shards.retrieval), and section ids that say their shard
(indexer.shards.ids). A shard that cannot be read is an error here; the Ray deployment
(indexer.shards.serve) answers without it and names it.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from indexer.pipeline import Pipeline
from indexer.search import retrieval
from indexer.search.hits import page_hits
from indexer.search.hybrid import Searcher
from indexer.search.query import Filters
from indexer.shards import retrieval as fanout
from indexer.shards.ids import global_id, split
from indexer.shards.reads import find_shard, items_by_case, merged_facets
from indexer.shards.store import ShardedStore
from indexer.store.queries import ITEM_FROM


class ShardedSearcher(Searcher):
    """Searcher over a ShardedStore; one plain Searcher a shard does the per-shard work."""

    store: ShardedStore

    def __init__(
        self, store: ShardedStore, pipeline: Pipeline, cache: dict[str, Any] | None = None
    ) -> None:
        super().__init__(store, pipeline, cache)
        self.parts = [Searcher(s, pipeline, self.cache) for s in store.shards]

    def facets(self) -> dict[str, list[str]]:
        return merged_facets([part.facets() for part in self.parts])

    def _lexical(self, terms: list[str], filters: Filters) -> list[tuple[int, float]]:
        return fanout.lexical(self.store.shards, terms, filters)

    def _dense(self, vector: Any, filters: Filters) -> list[tuple[int, float]]:
        indexes = [part.vectors() for part in self.parts]
        return fanout.dense(self.store.shards, indexes, np.asarray(vector), filters)

    def _items_by_case(self, case_number: str) -> list[dict[str, Any]]:
        return items_by_case(self.store, case_number)

    def _sections(self, ids: list[int]) -> dict[int, tuple[str, str]]:
        by_shard: dict[int, list[int]] = {}
        for gid in ids:
            shard, local = split(gid)
            by_shard.setdefault(shard, []).append(local)
        out: dict[int, tuple[str, str]] = {}
        for shard, locals_ in by_shard.items():
            found = self.parts[shard]._sections(locals_)
            out.update({global_id(s, shard): v for s, v in found.items()})
        return out

    def _browse(self, filters: Filters) -> list[tuple[str, float, int | None]]:
        """The filtered items, newest first, merged from the shards' newest."""
        where, params = retrieval.filter_sql(filters)
        rows = []
        for shard in self.store.shards:
            rows += shard.db.execute(
                f"SELECT items.item_id, meetings.date, items.position {ITEM_FROM}"
                + (f" WHERE {where}" if where else "")
                + " ORDER BY meetings.date DESC, items.position LIMIT 1000",
                params,
            ).fetchall()
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
        hits: list[dict[str, Any]] = [{} for _ in page]
        for shard, rows in placed.items():
            found = page_hits(self.store.shards[shard], [row for _, row in rows], terms)
            for (n, _), hit in zip(rows, found, strict=True):
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
