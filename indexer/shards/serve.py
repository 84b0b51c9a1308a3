"""Ray Serve: one deployment a shard (replicas allowed), searched by the FastAPI app.

`referat serve --ray ADDRESS|local` starts a `shard-K` deployment for each shard of the data
folder, then the same FastAPI app as ever; its searcher (RaySearcher) asks the deployments
for each shard's part of the work: term statistics, lexical candidates rescored with the
archive's statistics, nearest vectors, and the hits of a page. A shard whose deployment does
not answer (down, or slower than SHARD_TIMEOUT_S) is left out: the response is the other
shards' result, with `shards: {"total": N, "missing": [K]}` saying which one is missing,
never a 500. Without --ray nothing here runs.
"""

from __future__ import annotations

import logging
from typing import Any

import numpy as np

from indexer.config import Settings
from indexer.embedding import vectors
from indexer.pipeline import Pipeline
from indexer.search import retrieval
from indexer.search.hits import page_hits
from indexer.search.hybrid import Searcher
from indexer.search.query import Filters
from indexer.shards.ids import global_id, split
from indexer.shards.manifest import read_manifest
from indexer.shards.ray_cluster import ClusterError, connect
from indexer.shards.retrieval import Terms, query_terms, shard_candidates
from indexer.shards.searcher import ShardedSearcher
from indexer.shards.stats import TermStats, add_up, shard_stats
from indexer.shards.store import ShardedStore
from indexer.store.db import Store

log = logging.getLogger("referat")
SHARD_TIMEOUT_S = 10.0
HANDLES: dict[str, list[Any]] = {}  # data folder -> one deployment handle a shard


class ShardService:
    """The per-shard half of a search, run in a Ray Serve replica next to the shard's files."""

    def __init__(self, data_dir: str, exact_limit: int, kind: str = vectors.AUTO) -> None:
        self.store = Store(data_dir)
        self.exact_limit, self.kind = exact_limit, kind
        self.index: vectors.VectorIndex | None = None
        # only the SQL helpers of a Searcher are used here: no pipeline, no models
        self.local = Searcher(self.store, None)  # type: ignore[arg-type]

    def term_stats(self, phrases: list[str]) -> tuple[int, int, dict[str, int]]:
        return shard_stats(self.store, phrases)

    def lexical(
        self,
        phrases: Terms,
        operator: str,
        filters: Filters,
        depth: int,
        stats: TermStats,
    ) -> list[tuple[int, float, tuple[float, int]]]:
        return shard_candidates(self.store, phrases, operator, filters, depth, stats)

    def dense(self, vector: np.ndarray, filters: Filters, depth: int) -> list[tuple[int, float]]:
        if self.index is None or self.index.generation != self.store.generation():
            self.index = vectors.load(self.store, None, self.exact_limit, self.kind)
        return retrieval.dense(self.store, self.index, vector, filters, depth)

    def sections(self, ids: list[int]) -> dict[int, tuple[str, str]]:
        return self.local._sections(ids)

    def shown(self, item_id: str, decision: bool) -> int | None:
        if decision:
            return self.local._decision_section(item_id)
        return self.local._first_section(item_id)

    def hits(self, rows: list[tuple[str, float, int | None]], terms: list[str]) -> list[dict]:
        return page_hits(self.store, rows, terms)


def start_shard_deployments(settings: Settings, address: str) -> list[Any]:
    """Deploy `shard-K` for each shard of settings.data on the Ray cluster at `address`."""
    manifest = read_manifest(settings.data)
    if manifest is None:
        raise ClusterError(
            f"{settings.data} is not sharded: --ray serves a sharded archive (ingest it with"
            " --shards N into a new --data folder), or leave --ray out"
        )
    connect(address)
    from ray import serve

    serve.start(proxy_location="Disabled")  # the FastAPI app is the only HTTP entry
    deployment = serve.deployment(ray_actor_options={"num_cpus": 0})(ShardService)
    handles = []
    for k, path in enumerate(manifest.dirs(settings.data)):
        app = deployment.options(name=f"shard-{k}").bind(
            str(path), settings.vector_exact_limit, settings.vector_index
        )
        handles.append(serve.run(app, name=f"shard-{k}", route_prefix=None))
    HANDLES[str(settings.data.resolve())] = handles
    return handles


class RaySearcher(ShardedSearcher):
    """ShardedSearcher whose per-shard work runs in the shards' Serve deployments."""

    def __init__(
        self, store: ShardedStore, pipeline: Pipeline, handles: list[Any], cache: Any = None
    ) -> None:
        super().__init__(store, pipeline, cache)
        self.handles = handles
        self.missing: set[int] = set()

    def _call(self, shard: int, method: str, *args: Any) -> Any:
        """The shard's answer, or None when its deployment is down (the shard is then missing)."""
        if shard in self.missing:
            return None
        try:
            return (
                getattr(self.handles[shard], method).remote(*args).result(timeout_s=SHARD_TIMEOUT_S)
            )
        except Exception as exc:  # any failure of a remote shard makes it missing, not a 500
            log.warning("shard %d did not answer %s: %r", shard, method, exc)
            self.missing.add(shard)
            return None

    def _answers(self, method: str, *args: Any) -> list[tuple[int, Any]]:
        calls = []
        for k, handle in enumerate(self.handles):
            if k not in self.missing:
                calls.append((k, getattr(handle, method).remote(*args)))
        out = []
        for k, response in calls:
            try:
                out.append((k, response.result(timeout_s=SHARD_TIMEOUT_S)))
            except Exception as exc:  # a shard down: leave it out and say so
                log.warning("shard %d did not answer %s: %r", k, method, exc)
                self.missing.add(k)
        return out

    def search(self, text: str, filters: Filters, *args: Any, **kwargs: Any) -> dict[str, Any]:
        self.missing = set()
        response = super().search(text, filters, *args, **kwargs)
        response["shards"] = {"total": len(self.handles), "missing": sorted(self.missing)}
        return response

    def _lexical(self, terms: list[str], filters: Filters) -> list[tuple[int, float]]:
        phrases = list(dict.fromkeys(t for t in terms if t.strip()))
        if not phrases:
            return []
        stats = add_up((part for _, part in self._answers("term_stats", phrases)), phrases)
        query = query_terms(phrases, stats)  # as the ShardedSearcher does
        found = self._pass(query, "AND", filters, stats)
        if len(found) < retrieval.DEPTH and len(query.match) > 1:
            seen = {s for s, _ in found}
            more = [(s, sc) for s, sc in self._pass(query, "OR", filters, stats) if s not in seen]
            found += more[: retrieval.DEPTH - len(found)]
        return found

    def _pass(
        self, phrases: Terms, operator: str, filters: Filters, stats: TermStats
    ) -> list[tuple[int, float]]:
        depth = retrieval.DEPTH
        merged = [
            (global_id(s, k), score, order)
            for k, rows in self._answers("lexical", phrases, operator, filters, depth, stats)
            for s, score, order in rows
        ]
        merged.sort(key=lambda row: (-row[1], row[2]))
        return [(gid, score) for gid, score, _ in merged[:depth]]

    def _dense(self, vector: Any, filters: Filters) -> list[tuple[int, float]]:
        merged = [
            (global_id(s, k), score)
            for k, rows in self._answers("dense", np.asarray(vector), filters, retrieval.DEPTH)
            for s, score in rows
        ]
        merged.sort(key=lambda pair: -pair[1])
        return merged[: retrieval.DEPTH]

    def _sections(self, ids: list[int]) -> dict[int, tuple[str, str]]:
        by_shard: dict[int, list[int]] = {}
        for gid in ids:
            k, local = split(gid)
            by_shard.setdefault(k, []).append(local)
        out: dict[int, tuple[str, str]] = {}
        for k, locals_ in by_shard.items():
            found = self._call(k, "sections", locals_) or {}
            out.update({global_id(s, k): v for s, v in found.items()})
        return out

    def _in_shard(self, item_id: str, method: str) -> int | None:
        for k in range(len(self.handles)):
            local = self._call(k, "shown", item_id, method == "_decision_section")
            if local is not None:
                return global_id(local, k)
        return None

    def _page_hits(
        self, page: list[tuple[str, float, int | None]], terms: list[str]
    ) -> list[dict[str, Any]]:
        placed: dict[int, list[tuple[int, tuple[str, float, int | None]]]] = {}
        for n, (item, score, gid) in enumerate(page):
            k, local = split(gid) if gid is not None else (self._shard_of(item), None)
            placed.setdefault(k, []).append((n, (item, score, local)))
        hits: list[dict[str, Any] | None] = [None] * len(page)
        for k, rows in placed.items():
            found = self._call(k, "hits", [row for _, row in rows], terms) or []
            for (n, _), hit in zip(rows, found, strict=False):
                hits[n] = hit
        return [h for h in hits if h is not None]

    def _shard_of(self, item_id: str) -> int:
        from indexer.shards.reads import find_shard

        return find_shard(self.store, item_id) or 0


def ray_handles(store: Any) -> list[Any] | None:
    """The deployments serving this sharded store, when `serve --ray` started them."""
    if not isinstance(store, ShardedStore):
        return None
    return HANDLES.get(str(store.data_dir.resolve()))
