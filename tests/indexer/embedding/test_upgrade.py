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


def test_the_old_fingerprint_of_the_same_folder_is_upgraded(tmp_path: Path) -> None:
    data = tmp_path / "data"
    pipeline = Pipeline(load_settings(data=data, entities=False))
    embedder = pipeline.embedder
    legacy = f"{embedder.name}:{embedder.dim}:"
    legacy += weights_hash(_load_transformer(str(DEFAULT_EMBEDDING_MODEL)))
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
