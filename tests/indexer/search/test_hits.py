"""Hit pages: snippets from the term spans stored at ingest equal those analysed per query."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from indexer.config import load_settings
from indexer.ingest import ingest_paths
from indexer.pipeline import Pipeline
from indexer.search.hybrid import Searcher
from indexer.search.query import Filters
from indexer.store.db import Store

SAMPLES = Path(__file__).resolve().parents[3].parent / "shared" / "samples"
QUERIES = ["integration", "hvad besluttede socialudvalget om integration", "studietur",
           "pulje til foreninger", "kontrol med sociale ydelser", "Århus"]


@pytest.fixture(scope="module")
def stores(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The samples ingested (with term spans), and a copy without them (an older store)."""
    data = tmp_path_factory.mktemp("hits") / "data"
    pipeline = Pipeline(load_settings(data=data, entities=False, embeddings=False))
    with Store(data) as store:
        files = sorted(p for p in SAMPLES.iterdir() if p.suffix in {".txt", ".jsonl"})
        results = ingest_paths(store, files, pipeline)
        assert {r.status for r in results} == {"stored"}
    old = data.parent / "old"
    shutil.copytree(data, old)
    with Store(old) as store, store.db:
        store.db.execute("DELETE FROM section_spans")
    return data, old


def page(data: Path, query: str) -> list[dict]:
    pipeline = Pipeline(load_settings(data=data, entities=False, embeddings=False))
    with Store(data) as store:
        return Searcher(store, pipeline).search(query, Filters(), limit=20)["hits"]


def test_every_section_has_its_stored_spans(stores: tuple[Path, Path]) -> None:
    with Store(stores[0]) as store:
        missing = store.db.execute(
            "SELECT count(*) FROM sections WHERE id NOT IN (SELECT section_id FROM section_spans)"
        ).fetchone()[0]
        stored = store.db.execute("SELECT count(*) FROM section_spans").fetchone()[0]
    assert missing == 0 and stored > 0


@pytest.mark.parametrize("query", QUERIES)
def test_stored_and_query_time_snippets_are_the_same(
    stores: tuple[Path, Path], query: str
) -> None:
    new, old = page(stores[0], query), page(stores[1], query)
    assert new == old
    assert any("<mark>" in hit["snippet"] for hit in new)
