"""Ingest on Ray: documents are prepared (read, parse, entities, decisions, terms, vectors) by
Ray tasks on the cluster's workers; each shard has one writer actor that commits its
documents, one SQLite transaction each, exactly as `referat ingest` does in one process.

Crash-safety: a killed worker's task is retried by Ray (prepare is pure); a killed writer is
restarted and its pending commits retried, and a commit is idempotent (a document replaces
its earlier version by path), while SQLite rolls back a transaction cut short. So nothing
committed is lost, and a rerun skips what is stored (same path, same bytes) and does the rest.
The writer actors need the data folder on their node: on a real cluster, pin them to the node
that holds it (or a shared file system); see README "Ray".
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from indexer.config import Settings
from indexer.ingest import IngestResult, Prepared, _skip, commit, document_key, prepare_file
from indexer.pipeline import Pipeline
from indexer.shards.cases import ShardPart, link_across
from indexer.shards.ray_cluster import connect
from indexer.shards.store import ShardedStore
from indexer.store.db import Store

_PIPELINES: dict[str, Pipeline] = {}  # one pipeline a worker process, kept between tasks
IN_FLIGHT = 4  # prepared documents waiting per writer, at most (bounds memory)


def _prepare(path: str, settings: Settings, manifest: Any) -> tuple[int, Prepared | IngestResult]:
    """Ray task body: prepare one file and say which shard it goes to."""
    import torch

    from indexer.shards.router import shard_of

    key = settings.model_dump_json()
    if key not in _PIPELINES:
        torch.set_num_threads(1)
        _PIPELINES[key] = Pipeline(settings)
    prepared = prepare_file(Path(path), _PIPELINES[key])
    if manifest is None or isinstance(prepared, IngestResult):
        return 0, prepared
    return shard_of(prepared.doc, prepared.meetings, manifest), prepared


class ShardWriter:
    """Ray actor: the one writer of one shard's store."""

    def __init__(self, data_dir: str, sharded: bool = False) -> None:
        # a shard's cases are linked across the shards, by the driver once the writers are done
        self.store = ShardPart(data_dir) if sharded else Store(data_dir)

    def commit(self, prepared: Prepared | IngestResult) -> IngestResult:
        return commit(self.store, prepared)

    def drop(self, path: str) -> bool:
        return self.store.delete_document(path)

    def pid(self) -> int:
        import os

        return os.getpid()


def ingest_with_ray(
    store: Store,
    files: list[Path],
    settings: Settings,
    address: str,
    on_result: Callable[[IngestResult], None] | None = None,
    writers: list[Any] | None = None,
) -> list[IngestResult]:
    """Ingest files on Ray into the store (sharded or not); results in completion order."""
    ray = connect(address)
    stores = store.shards if isinstance(store, ShardedStore) else [store]
    manifest = store.manifest if isinstance(store, ShardedStore) else None
    if writers is None:
        writers = start_writers(ray, stores, sharded=manifest is not None)
    prepare = ray.remote(num_returns=2, max_retries=3)(_prepare)
    results: list[IngestResult] = []

    def done(result: IngestResult) -> None:
        results.append(result)
        if on_result:
            on_result(result)

    todo = []
    for path in files:
        skipped = _skip(store, path)
        if skipped is not None:
            done(skipped)
        else:
            todo.append(path)
    settings_ref = ray.put(settings)
    prepared = [prepare.remote(str(p), settings_ref, manifest) for p in todo]
    pending: list[Any] = []
    for path, (shard_ref, doc_ref) in zip(todo, prepared, strict=True):
        shard = int(ray.get(shard_ref))
        _drop_elsewhere(stores, writers, shard, document_key(path), ray)
        pending.append(writers[shard].commit.remote(doc_ref))
        if len(pending) >= IN_FLIGHT * len(writers):
            ready, pending = ray.wait(pending, num_returns=1)
            for ref in ready:
                done(ray.get(ref))
    for ref in pending:
        done(ray.get(ref))
    if isinstance(store, ShardedStore):
        link_across(store)  # the documents' cases, linked across the shards
    return results


def start_writers(ray: Any, stores: list[Store], sharded: bool = False) -> list[Any]:
    actor = ray.remote(num_cpus=0, max_restarts=3, max_task_retries=3)(ShardWriter)
    return [actor.remote(str(s.data_dir), sharded) for s in stores]


def _drop_elsewhere(
    stores: list[Store], writers: list[Any], shard: int, key: str, ray: Any
) -> None:
    """An earlier version of the document in another shard is removed by that shard's writer
    (its first meeting, and so its shard, changed)."""
    for k, other in enumerate(stores):
        if k != shard and other.document_hash(key) is not None:
            ray.get(writers[k].drop.remote(key))
