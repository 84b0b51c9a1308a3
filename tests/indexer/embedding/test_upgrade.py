"""A store made when the bundled model loaded through sentence-transformers keeps its vectors."""

from __future__ import annotations

from pathlib import Path

import pytest

from indexer.config import load_settings
from indexer.embedding.embed import DEFAULT_EMBEDDING_MODEL, _load_transformer, weights_hash
from indexer.errors import ModelError
from indexer.ingest import ingest_paths
from indexer.pipeline import Pipeline
from indexer.search.hybrid import Searcher
from indexer.search.query import Filters
from indexer.store.db import Store

SAMPLE = Path(__file__).resolve().parents[4] / "shared" / "samples" / (
    "frederiksberg-socialudvalget-2020-02-03.txt")


def legacy_fingerprint(pipeline: Pipeline) -> str:
    """The bundled model's fingerprint as a referat that loaded it with sentence-transformers
    recorded it."""
    embedder = pipeline.embedder
    weights = weights_hash(_load_transformer(str(DEFAULT_EMBEDDING_MODEL)))
    return f"{embedder.name}:{embedder.dim}:{weights}"


def test_the_old_fingerprint_of_the_same_folder_is_upgraded(tmp_path: Path) -> None:
    data = tmp_path / "data"
    pipeline = Pipeline(load_settings(data=data, entities=False))
    embedder = pipeline.embedder
    legacy = legacy_fingerprint(pipeline)
    with Store(data) as store:
        [result] = ingest_paths(store, [SAMPLE], pipeline)
        assert result.status == "stored"
        store.set_meta("embedding_model", legacy)  # as an older referat recorded it
        hits = Searcher(store, pipeline).search("integration", Filters(), mode="dense")["hits"]
        assert hits
        assert store.get_meta("embedding_model") == embedder.fingerprint != legacy
        store.set_meta("embedding_model", f"{embedder.name}:{embedder.dim}:0000")  # another
        store.set_meta("generation", "99")
        with pytest.raises(ModelError, match="REFERAT_EMBEDDING_MODEL"):
            Searcher(store, pipeline, cache={}).search("integration", Filters(), mode="dense")


def test_an_ingest_before_any_search_upgrades_the_old_fingerprint(tmp_path: Path) -> None:
    """The upgrade runs where the ingest checks the store's model, not only on search."""
    data = tmp_path / "data"
    pipeline = Pipeline(load_settings(data=data, entities=False))
    embedder = pipeline.embedder
    legacy = legacy_fingerprint(pipeline)
    with Store(data) as store:
        [first] = ingest_paths(store, [SAMPLE], pipeline)
        assert first.status == "stored"
        store.set_meta("embedding_model", legacy)  # as an older referat recorded it
        other = SAMPLE.with_name("kobenhavn-socialudvalget-2010-05-05.txt")
        [second] = ingest_paths(store, [other], pipeline)
        assert second.status == "stored", second.error
        assert store.get_meta("embedding_model") == embedder.fingerprint
        store.set_meta("embedding_model", f"{embedder.name}:{embedder.dim}:0000")  # another
        with pytest.raises(ModelError, match="REFERAT_EMBEDDING_MODEL"):
            ingest_paths(store, [SAMPLE.with_name("kk-items-sample.jsonl")], pipeline)
