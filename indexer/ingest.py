"""Ingest: files -> read -> parse -> enrich -> store, one transaction per document.

`prepare` (read, parse, entities, decisions, terms, vectors) needs no store, so a batch can
prepare documents in worker processes, one per core, while this process alone writes them,
one transaction each. A bad file is reported and skipped; the rest of the batch still lands.
"""

from __future__ import annotations

import hashlib
import logging
import multiprocessing
import multiprocessing.pool
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Literal

from corpus import iter_paths, read, read_bytes
from indexer.config import Settings
from indexer.errors import ModelError, ReferatError
from indexer.pipeline import Pipeline
from indexer.store.db import SectionExtras, Store
from indexer.store.lock import ingest_lock
from indexer.structure.parse import parse
from indexer.types import Document, Meeting

log = logging.getLogger("referat")

Status = Literal["stored", "unchanged", "duplicate", "failed"]


@dataclass(slots=True)
class IngestResult:
    path: str
    status: Status
    items: list[str] = field(default_factory=list)
    error: str | None = None
    problems: list[str] = field(default_factory=list)  # parts left out (a bad .jsonl line)

    def to_json(self) -> dict[str, object]:
        return {"path": self.path, "status": self.status, "items": self.items, "error": self.error,
                "problems": self.problems}


@dataclass(slots=True)
class Prepared:
    """A document ready to store: what `prepare` made of it, with no store involved."""

    doc: Document
    meetings: list[Meeting]
    extras: dict[tuple[str, int], SectionExtras]
    embedding_model: str | None  # fingerprint of the model that made the vectors


def document_key(path: Path) -> str:
    """Documents are identified by their absolute path: re-ingesting it replaces it."""
    return str(path.resolve())


def expand(paths: Iterable[str | Path]) -> list[Path]:
    return list(iter_paths(paths))


def ingest_paths(
    store: Store,
    paths: Iterable[str | Path],
    pipeline: Pipeline,
    on_result: Callable[[IngestResult], None] | None = None,
    workers: int = 1,
) -> list[IngestResult]:
    """Ingest files, in order; `workers` > 1 prepares them in that many processes.

    One batch at a time per data folder: a second one waits for the first (ingest_lock)."""
    files = [Path(p) for p in paths]
    with ingest_lock(store.data_dir, pipeline.settings.ingest_wait_s, log.warning):
        skipped = [_skip(store, path) for path in files]
        todo = [path for path, skip in zip(files, skipped, strict=True) if skip is None]
        prepared = _prepare_all(todo, pipeline, workers)
        results = []
        for skip in skipped:
            result = skip or commit(store, next(prepared), pipeline)
            results.append(result)
            if on_result:
                on_result(result)
    _notify(store, pipeline.settings)
    return results


def _notify(store: Store, settings: Settings) -> None:
    """Send the webhooks of the new matches in a background thread (never blocks the ingest)."""
    from indexer.watches.webhook import start_delivery

    start_delivery(store.data_dir, settings)


def _skip(store: Store, path: Path) -> IngestResult | None:
    """The result for a file that needs no work: unchanged, or the same bytes as another."""
    try:
        with path.open("rb") as handle:  # in blocks: a large .jsonl is never read whole
            sha256 = hashlib.file_digest(handle, "sha256").hexdigest()
    except OSError:
        return None  # read() reports it properly
    return _known(store, document_key(path), sha256)


def _known(store: Store, key: str, sha256: str) -> IngestResult | None:
    """Unchanged (same path, same bytes) or a duplicate (same bytes stored under another)."""
    if store.document_hash(key) == sha256:
        return IngestResult(key, "unchanged")
    same = store.path_with_hash(sha256)
    if same is not None and same != key:
        return IngestResult(key, "duplicate", error=f"same content as {same}")
    return None


def _prepare_all(
    paths: list[Path], pipeline: Pipeline, workers: int
) -> Iterator[Prepared | IngestResult]:
    if workers <= 1 or len(paths) < 2:
        return (prepare_file(path, pipeline) for path in paths)
    # fork is fast and safe while this process has not started torch's thread pools (the CLI
    # never has: models load in the workers); otherwise start clean interpreters.
    context = multiprocessing.get_context("fork" if "torch" not in sys.modules else "spawn")
    pool = context.Pool(min(workers, len(paths)), _start_worker, (pipeline.settings,))
    return _closing(pool, pool.imap(_prepare_in_worker, paths, chunksize=1))


def _closing(
    pool: multiprocessing.pool.Pool, results: Iterator[Prepared | IngestResult]
) -> Iterator[Prepared | IngestResult]:
    with pool:
        yield from results


_WORKER_PIPELINE: Pipeline | None = None


def _start_worker(settings: Settings) -> None:
    global _WORKER_PIPELINE
    import torch

    torch.set_num_threads(1)  # one core a worker
    _WORKER_PIPELINE = Pipeline(settings)


def _prepare_in_worker(path: Path) -> Prepared | IngestResult:
    assert _WORKER_PIPELINE is not None, "worker started without its pipeline"
    return prepare_file(path, _WORKER_PIPELINE)


def prepare_file(path: Path, pipeline: Pipeline) -> Prepared | IngestResult:
    key = document_key(path)
    try:
        doc = read(path, max_bytes=pipeline.settings.max_file_mb * 1024 * 1024)
    except ReferatError as exc:
        return IngestResult(key, "failed", error=_reason(exc))
    return prepare(replace(doc, path=key), pipeline)


def prepare(doc: Document, pipeline: Pipeline) -> Prepared | IngestResult:
    """Parse and enrich one document; a failure is a result, a model error is raised."""
    try:
        meetings = parse(doc)
        extras = pipeline.enrich(meetings)
        vectors = any(e.vector is not None for e in extras.values())
        model = pipeline.embedder.fingerprint if vectors else None
    except ModelError:
        raise
    except ReferatError as exc:
        return IngestResult(doc.path, "failed", error=_reason(exc))
    except Exception as exc:  # a bug must not cost the rest of the batch
        log.exception("internal error on %s", doc.path)
        return IngestResult(doc.path, "failed", error=f"internal error ({exc!r}); please report it")
    return Prepared(doc, meetings, extras, model)


def commit(
    store: Store, prepared: Prepared | IngestResult, pipeline: Pipeline | None = None
) -> IngestResult:
    """Store a prepared document in one transaction (a failed one is passed through);
    `pipeline` lets an older store's fingerprint of the same model be upgraded first."""
    if isinstance(prepared, IngestResult):
        return prepared
    if prepared.embedding_model is not None:
        check_embedding_model(store, prepared.embedding_model, pipeline)
    ids = store.replace_document(prepared.doc, prepared.meetings, prepared.extras)
    after_commit(store, ids)
    return IngestResult(prepared.doc.path, "stored", items=ids,
                        problems=list(prepared.doc.problems))


def after_commit(store: Store, ids: list[str]) -> None:
    """Once a document is stored: link its items to their cases, record saved-search
    matches. Neither can fail the ingest (each logs its own errors)."""
    from indexer.shards.cases import link_after_commit  # a sharded archive: across shards
    from indexer.watches.match import record_after_commit

    link_after_commit(store, ids)
    record_after_commit(store, ids)


def ingest_upload(store: Store, data: bytes, name: str, pipeline: Pipeline) -> IngestResult:
    """Ingest one uploaded file (the API's POST /documents)."""
    try:
        doc = read_bytes(data, name, max_bytes=pipeline.settings.max_upload_mb * 1024 * 1024)
    except ReferatError as exc:
        return IngestResult(name, "failed", error=_reason(exc))
    doc = replace(doc, path=f"upload:{name}")
    result = _known(store, doc.path, doc.sha256) or commit(store, prepare(doc, pipeline), pipeline)
    _notify(store, pipeline.settings)
    return result


def check_embedding_model(store: Store, fingerprint: str, pipeline: Pipeline | None = None) -> None:
    """The store records which model made its vectors and refuses to mix two models.

    A store that recorded this same model's older fingerprint is upgraded first (with the
    pipeline's embedder, as a search does: upgrade_recorded_model), so ingesting into it
    before any search works too."""
    recorded = store.get_meta("embedding_model")
    if recorded is not None and recorded != fingerprint and pipeline is not None:
        from indexer.embedding.embed import upgrade_recorded_model

        upgrade_recorded_model(store, pipeline.embedder)
        recorded = store.get_meta("embedding_model")
    if recorded is None:
        store.set_meta("embedding_model", fingerprint)
    elif recorded != fingerprint:
        raise ModelError(
            f"the store's vectors were made by {recorded}, but the configured model is "
            f"{fingerprint}; set REFERAT_EMBEDDING_MODEL back to the first, or ingest "
            "with the new model into a new --data folder"
        )


def _reason(exc: ReferatError) -> str:
    return getattr(exc, "reason", None) or str(exc)
