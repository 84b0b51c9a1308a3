"""A sharded archive ranks like one store, and reads like one (stats, show, case, export)."""

from __future__ import annotations

import pytest

from indexer.analysis.terms import analyse
from indexer.config import load_settings
from indexer.errors import NotFound, StoreError
from indexer.ingest import expand, ingest_paths
from indexer.pipeline import Pipeline
from indexer.search import retrieval
from indexer.shards import create_manifest, open_store, reads
from indexer.shards import retrieval as shard_retrieval
from indexer.shards.ids import split
from indexer.shards.searcher import ShardedSearcher, searcher_for
from indexer.shards.stats import gather
from indexer.shards.store import ShardedStore
from indexer.store.queries import iter_entity_rows
from tests.indexer.shards.corpus import queries

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def pipeline():
    return Pipeline(load_settings(entities=False))


def top10(archive, pipeline, collapse):
    with open_store(archive) as store:
        searcher = searcher_for(store, pipeline)
        return [searcher.search(q, f, limit=10, collapse=collapse)["hits"] for q, f in queries()]


@pytest.mark.parametrize(
    "layout,collapse",
    [("2-municipality", "case"), ("2-municipality", "none"), ("4-hash", "none")],
)
def test_sharded_top10_equals_the_single_store(archives, pipeline, layout, collapse):
    single = top10(archives["single"], pipeline, collapse)
    sharded = top10(archives[layout], pipeline, collapse)
    ids = [
        ([h["item_id"] for h in a], [h["item_id"] for h in b])
        for a, b in zip(single, sharded, strict=True)
    ]
    same = sum(a == b for a, b in ids)
    # nearly every query finds something (a query whose dense hits are all below the floor
    # for nonsense, indexer/search/floor.py, and with no lexical hit, finds nothing)
    assert sum(map(bool, single)) >= 0.95 * len(single)
    assert same / len(single) >= 0.95, (same, len(single))
    # where the items agree, so do the hits: the passage shown, its snippet, the score, and
    # the case with its timeline (linked across the shards, indexer.shards.cases)
    assert all(
        a == b
        for a, b in zip(single, sharded, strict=True)
        if [h["item_id"] for h in a] == [h["item_id"] for h in b]
    )


def test_documents_spread_over_the_shards_and_reads_add_up(archives):
    with open_store(archives["single"]) as one, open_store(archives["4-hash"]) as four:
        assert isinstance(four, ShardedStore) and not isinstance(one, ShardedStore)
        assert all(reads.stats(s)["sections"] > 0 for s in four.shards)
        total = reads.stats(four)
        assert total.pop("shards") == 4
        assert total == reads.stats(one)
        assert reads.facets(four) == reads.facets(one)
        item = "frederiksberg-socialudvalget-2020-02-03-10"
        assert reads.get_item(four, item) == reads.get_item(one, item)
        case = reads.items_by_case(one, "15.40.00-P20-2-19")
        assert reads.items_by_case(four, "15.40.00-P20-2-19") == case
        with pytest.raises(NotFound):
            reads.get_item(four, "no-such-item")
        rows = sorted(map(str, iter_entity_rows(four)))
        assert rows == sorted(map(str, iter_entity_rows(one)))


def test_reingest_into_shards_is_idempotent(archives, pipeline):
    with open_store(archives["4-hash"]) as store:
        results = ingest_paths(store, expand([archives["src"]]), pipeline)
        assert {r.status for r in results} == {"unchanged"}
        assert isinstance(searcher_for(store, pipeline), ShardedSearcher)


def test_a_layout_is_fixed_once_made(archives, tmp_path):
    with pytest.raises(StoreError, match="--shards 4"):
        create_manifest(archives["4-hash"], 2)
    with pytest.raises(StoreError, match="unsharded"):
        create_manifest(archives["single"], 2)
    (tmp_path / "shards.json").write_text("{broken")
    with pytest.raises(StoreError, match="manifest"):
        open_store(tmp_path)


def _sections_of(store, ids):
    """(item id, position) of each section id, in order: the same section in any layout."""
    sql = "SELECT item_id, position FROM sections WHERE id = ?"
    return [tuple(store.db.execute(sql, (sid,)).fetchone() or (sid,)) for sid in ids]


@pytest.mark.parametrize("layout", ["2-municipality", "4-hash"])
def test_the_lexical_caps_apply_to_a_sharded_archive_as_to_one_store(
    archives, layout, monkeypatch
):
    """With POSTINGS small enough that only the rarest terms are matched (a million-section
    archive's case), the shards match the same rare terms and score every informative term
    with the archive's statistics: the top ten are one store's."""
    monkeypatch.setattr(retrieval, "POSTINGS", 40)
    matched: list[str] = []
    match = retrieval._match

    def spy(store, expression, *args):
        matched.append(expression)
        return match(store, expression, *args)

    monkeypatch.setattr(retrieval, "_match", spy)
    cases = [(analyse(q), f) for q, f in queries() if len(analyse(q)) > 1]
    same = 0
    with open_store(archives["single"]) as one, open_store(archives[layout]) as sharded:
        for terms, filters in cases:
            ranked = retrieval.lexical(one, terms, filters)[:10]
            expected = _sections_of(one, [s for s, _ in ranked])
            matched.clear()
            found = shard_retrieval.lexical(sharded.shards, terms, filters)[:10]
            shards = [split(g) for g, _ in found]
            got = [_sections_of(sharded.shards[k], [s])[0] for k, s in shards]
            same += got == expected
            stats = gather(sharded.shards, terms)
            rare = retrieval.split_terms(retrieval.informative(terms, stats), stats)[0]
            if rare and len(rare) < len(retrieval.informative(terms, stats)):
                left_out = set(terms) - set(rare)
                assert not any(f'"{t}"' in e for e in matched for t in left_out)
    assert same >= 0.9 * len(cases), (same, len(cases))
