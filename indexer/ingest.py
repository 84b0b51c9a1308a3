"""Ingest: files -> read -> parse -> enrich -> store, one transaction per document.

A bad file is reported and skipped; the rest of the batch still lands.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from corpus import iter_paths, read, read_bytes
from indexer.errors import ModelError, ReferatError
from indexer.parse import parse
from indexer.pipeline import Pipeline
from indexer.store import Store
from indexer.types import Document

log = logging.getLogger("referat")

Status = Literal["stored", "unchanged", "duplicate", "failed"]


@dataclass(slots=True)
class IngestResult:
    path: str
    status: Status
    items: list[str] = field(default_factory=list)
    error: str | None = None

    def to_json(self) -> dict[str, object]:
        return {"path": self.path, "status": self.status, "items": self.items, "error": self.error}


def document_key(path: Path) -> str:
    """Documents are identified by their absolute path: re-ingesting it replaces it."""
    return str(path.resolve())


def ingest_paths(
    store: Store,
    paths: Iterable[str | Path],
    pipeline: Pipeline,
    on_result: Callable[[IngestResult], None] | None = None,
) -> list[IngestResult]:
    """Ingest files and folders (recursively). Returns one result per file, in order."""
    results = []
    for path in paths:
        result = ingest_file(store, Path(path), pipeline)
        results.append(result)
        if on_result:
            on_result(result)
    return results


def expand(paths: Iterable[str | Path]) -> list[Path]:
    return list(iter_paths(paths))


def ingest_file(store: Store, path: Path, pipeline: Pipeline) -> IngestResult:
    key = document_key(path)
    try:
        doc = read(path, max_bytes=pipeline.settings.max_file_mb * 1024 * 1024)
    except ReferatError as exc:
        return IngestResult(key, "failed", error=_reason(exc))
    return ingest_document(store, _with_path(doc, key), pipeline)


def ingest_upload(store: Store, data: bytes, name: str, pipeline: Pipeline) -> IngestResult:
    try:
        doc = read_bytes(data, name)
    except ReferatError as exc:
        return IngestResult(name, "failed", error=_reason(exc))
    return ingest_document(store, _with_path(doc, f"upload:{name}"), pipeline)


def ingest_document(store: Store, doc: Document, pipeline: Pipeline) -> IngestResult:
    """Parse, enrich and store one document, unless an identical one is stored."""
    if store.document_hash(doc.path) == doc.sha256:
        return IngestResult(doc.path, "unchanged")
    same = store.path_with_hash(doc.sha256)
    if same is not None and same != doc.path:
        return IngestResult(doc.path, "duplicate", error=f"same content as {same}")
    try:
        meetings = parse(doc)
        extras = pipeline.enrich(meetings)
        if any(e.vector is not None for e in extras.values()):
            check_embedding_model(store, pipeline)
        ids = store.replace_document(doc, meetings, extras)
    except ModelError:
        raise
    except ReferatError as exc:
        return IngestResult(doc.path, "failed", error=_reason(exc))
    except Exception as exc:  # a bug must not cost the rest of the batch
        log.exception("internal error on %s", doc.path)
        return IngestResult(doc.path, "failed", error=f"internal error ({exc!r}); please report it")
    return IngestResult(doc.path, "stored", items=ids)


def check_embedding_model(store: Store, pipeline: Pipeline) -> None:
    """The store records which model made its vectors and refuses to mix two models."""
    fingerprint = pipeline.embedder.fingerprint
    recorded = store.get_meta("embedding_model")
    if recorded is None:
        store.set_meta("embedding_model", fingerprint)
    elif recorded != fingerprint:
        raise ModelError(
            f"the store's vectors were made by {recorded}, but the configured model is "
            f"{fingerprint}; set REFERAT_EMBEDDING_MODEL back to the first, or ingest "
            "with the new model into a new --data folder"
        )


def _with_path(doc: Document, path: str) -> Document:
    from dataclasses import replace

    return replace(doc, path=path)


def _reason(exc: ReferatError) -> str:
    return getattr(exc, "reason", None) or str(exc)
