"""The search gold fits its corpus: judged ids exist, each query has an answer, paraphrases
share no content term with their answers. Ingests demo + dev without models (a few seconds)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from indexer.config import load_settings
from indexer.evaluation import search_grid
from indexer.evaluation.search import evaluate, plain_bm25
from indexer.evaluation.search_gold import (
    DEV,
    GoldQuery,
    corpus_paths,
    counts,
    load_gold,
    problems,
)
from indexer.evaluation.search_store import ingest_into
from indexer.pipeline import Pipeline
from indexer.search import fusion
from indexer.store.db import Store

pytestmark = pytest.mark.skipif(not DEV.is_file(), reason=f"needs the dev items at {DEV}")
F10 = "frederiksberg-socialudvalget-2020-02-03-10"


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    data: Path = tmp_path_factory.mktemp("gold")
    settings = load_settings(data=data, embeddings=False, entities=False)
    ingest_into(data, corpus_paths(), Pipeline(settings))
    with Store(data) as opened:
        yield opened


def test_the_gold_fits_the_store(store: Store) -> None:
    assert problems(store, load_gold()) == []


def test_the_gold_is_large_and_a_third_paraphrases() -> None:
    queries = load_gold()
    summary = counts(queries)
    assert summary["queries"] >= 150
    assert summary["judged items"] >= 150
    paraphrases = summary["per kind"]["paraphrase"]
    assert paraphrases >= 50 and 3 * paraphrases >= len(queries)
    assert {"keyword", "decision", "filtered", "case"} <= set(summary["per kind"])


def test_problems_name_each_fault(store: Store) -> None:
    bad = [
        GoldQuery("integrationspuljen", "paraphrase", {F10: 3}),  # the title's own word
        GoldQuery("pulje", "keyword", {F10: 2}),  # nothing answers it
        GoldQuery("pulje", "keyword", {"no-such-item": 3}),
        GoldQuery("pulje", "keyword", {F10: 3}, {"date_from": "2020-13-01"}),
    ]
    found = problems(store, bad)
    assert any("shares ['integration', 'integrationspulje', 'pulje']" in p for p in found)
    assert any("no grade-3 item" in p for p in found)
    assert any("no-such-item" in p for p in found)
    assert any("bad filters" in p for p in found)
    assert any("judged twice" in p for p in found)


def test_the_split_is_disjoint_and_stratified() -> None:
    queries = load_gold()
    tune, test = search_grid.split(queries)
    assert len(tune) + len(test) == len(queries)
    assert {id(q) for q in tune}.isdisjoint(id(q) for q in test)
    tune_kinds, test_kinds = Counter(q.kind for q in tune), Counter(q.kind for q in test)
    assert all(abs(tune_kinds[k] - test_kinds[k]) <= 1 for k in tune_kinds | test_kinds)
    reordered = search_grid.split(list(reversed(queries)))[0]
    assert {(q.query, str(q.filters)) for q in reordered} == {
        (q.query, str(q.filters)) for q in tune
    }  # the file's order does not matter


def test_fusion_params_are_restored() -> None:
    before = search_grid.current()
    with search_grid.fusion_params({"RRF_K": 7, "DENSE_WEIGHT": 2.5}):
        assert fusion.RRF_K == 7 and fusion.DENSE_WEIGHT == 2.5
    assert search_grid.current() == before


def test_the_harness_scores_the_runs(store: Store) -> None:
    """Runs over the store; it holds no vectors, so hybrid is lexical alone."""
    queries = [q for q in load_gold() if q.kind in ("keyword", "case", "filtered")][:24]
    pipeline = Pipeline(load_settings(data=store.data_dir, embeddings=False, entities=False))
    result = evaluate(store, pipeline, queries)
    runs = result["runs"]
    assert set(runs) == {"plain BM25", "lexical", "dense", "hybrid"}
    assert runs["lexical"]["all"]["queries"] == len(queries)
    assert runs["lexical"]["keyword"]["nDCG@10"] > 0.8
    assert runs["hybrid"]["all"] == runs["lexical"]["all"]
    assert plain_bm25(store, GoldQuery("integrationspuljen", "keyword", {F10: 3}))[0] == F10
