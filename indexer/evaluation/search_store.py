"""The store `make eval-search` searches: the gold's corpus ingested once, then cached.

Ingesting the demo corpus and the 210 dev items with the full pipeline (entities, decisions,
terms, vectors) takes about a minute on two cores, so the finished store is kept under a
cache folder, in a subfolder named by a hash of everything it depends on: the corpus files'
bytes, the ingest's source (corpus/ and indexer/ but its search/ and evaluation/ stages,
which only read the store), the models the
ingest reads besides the embedding model (models/analysis, models/ner-da*, the NER setting)
and the embedding model's fingerprint (its weights). Change any of them and the next run
ingests afresh; two models never share a store.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from indexer.config import MODELS_DIR, REPO_ROOT, Settings
from indexer.ingest import ingest_paths
from indexer.pipeline import Pipeline
from indexer.store.db import Store

CACHE = Path(tempfile.gettempdir()) / "referat-eval-search"
SOURCE_DIRS = (REPO_ROOT / "indexer", REPO_ROOT / "corpus")
READ_ONLY = (REPO_ROOT / "indexer" / "search", REPO_ROOT / "indexer" / "evaluation")
INGEST_MODELS = ("analysis", "ner-da", "ner-da-names")
READY = "eval-ready"


def _digest_files(digest: hashlib._Hash, files: Iterable[Path], root: Path) -> None:
    for path in sorted(files):
        digest.update(str(path.relative_to(root)).encode())
        digest.update(path.read_bytes())


def source_files() -> list[Path]:
    """The ingest's Python source: what can change the store (not search or evaluation)."""
    return [
        p
        for d in SOURCE_DIRS
        for p in d.rglob("*.py")
        if p.is_file() and not any(skip in p.parents for skip in READ_ONLY)
    ]


def cache_key(paths: list[Path], settings: Settings, pipeline: Pipeline) -> str:
    """16 hex digits naming the store that ingesting `paths` with this pipeline gives."""
    digest = hashlib.sha256()
    for path in paths:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    _digest_files(digest, source_files(), REPO_ROOT)
    for name in INGEST_MODELS:
        folder = MODELS_DIR / name
        if folder.is_dir():
            _digest_files(digest, (p for p in folder.rglob("*") if p.is_file()), MODELS_DIR)
    digest.update(f"ner={settings.ner_model}".encode())
    digest.update(f"embedding={pipeline.embedder.fingerprint}".encode())
    return digest.hexdigest()[:16]


def build_plain_index(store: Store) -> None:
    """The baseline: FTS5 over raw title + heading + text, unicode61, no Danish analysis."""
    store.db.execute("DROP TABLE IF EXISTS plain_fts")
    store.db.execute("CREATE VIRTUAL TABLE plain_fts USING fts5(body, tokenize='unicode61')")
    store.db.execute(
        "INSERT INTO plain_fts (rowid, body) SELECT sections.id,"
        " items.title || ' ' || sections.heading || ' ' || sections.text"
        " FROM sections JOIN items ON items.item_id = sections.item_id"
    )
    store.db.commit()


def ingest_into(data: Path, paths: list[Path], pipeline: Pipeline) -> None:
    """Ingest `paths` into a new store at `data`; raise when any file fails."""
    with Store(data) as store:
        failed = [r for r in ingest_paths(store, paths, pipeline) if r.status == "failed"]
        if failed:
            raise RuntimeError(
                "ingest failed for " + "; ".join(f"{r.path}: {r.error}" for r in failed)
            )
        build_plain_index(store)


@contextmanager
def evaluation_store(
    paths: list[Path], settings: Settings, cache: Path | None = CACHE
) -> Iterator[tuple[Store, Pipeline]]:
    """An open store holding `paths`, from the cache when it has one, and its pipeline."""
    pipeline = Pipeline(settings)
    if cache is None:
        with tempfile.TemporaryDirectory() as tmp:
            ingest_into(Path(tmp), paths, pipeline)
            with Store(Path(tmp)) as store:
                yield store, pipeline
        return
    target = cache / cache_key(paths, settings, pipeline)
    if not (target / READY).exists():
        cache.mkdir(parents=True, exist_ok=True)
        building = Path(tempfile.mkdtemp(prefix=target.name + ".", dir=cache))
        try:
            ingest_into(building, paths, pipeline)
            (building / READY).write_text("ingested and indexed\n")
            if target.exists():  # a half-built folder from an interrupted run, or a race
                shutil.rmtree(target, ignore_errors=True)
            os.replace(building, target)
        finally:
            shutil.rmtree(building, ignore_errors=True)
    with Store(target) as store:
        yield store, pipeline
