"""Lexical retrieval with bounded cost: cached statistics, the same BM25, bounded passes.

The store is test_retrieval's: the real kk sample items, each filed under two
municipalities and three years.
"""

from __future__ import annotations

import pytest

from indexer.analysis.terms import analyse
from indexer.search import bm25, retrieval
from indexer.search.query import Filters
from indexer.shards import stats
from tests.indexer.search.test_retrieval import store  # noqa: F401 - the shared store fixture


def _fts5(store, expression: str) -> dict[int, float]:  # noqa: F811
    rows = store.db.execute(
        "SELECT rowid, -bm25(sections_fts, 1.0, 0.0) FROM sections_fts WHERE sections_fts"
        " MATCH ?",
        (f"terms : ({expression})",),
    )
    return {int(r[0]): float(r[1]) for r in rows}


@pytest.mark.parametrize("query", ["kontrol med ydelser", "støtte fra lokaludvalget", "bolig"])
def test_rescoring_is_fts5_bm25(store, query):  # noqa: F811
    terms = list(dict.fromkeys(analyse(query)))
    expected = _fts5(store, retrieval.fts_expression(terms, "OR"))
    assert expected
    ours = stats.score_sections(store, list(expected), terms, bm25.term_stats(store, terms))
    assert ours.keys() == expected.keys()
    for row, score in expected.items():
        assert ours[row] == pytest.approx(score, rel=1e-9)


def test_term_stats_are_the_store_counts_and_follow_writes(store):  # noqa: F811
    terms = ["kontrol", "ydelse", "noget-ingen-skrev"]
    first = bm25.term_stats(store, terms)
    assert first == stats.gather([store], terms)
    assert bm25.term_stats(store, terms) == first  # from the cache
    store.db.execute(
        "INSERT INTO sections_fts (rowid, terms, facets) VALUES (-999999, 'kontrol', '')"
    )
    try:
        after = bm25.term_stats(store, terms)
        assert after.rows == first.rows + 1 and after.hits["kontrol"] == first.hits["kontrol"] + 1
    finally:
        store.db.execute("DELETE FROM sections_fts WHERE rowid = -999999")
    assert bm25.term_stats(store, terms) == first


def _exhaustive(store, terms: list[str], depth: int) -> list[tuple[int, float]]:  # noqa: F811
    """The two passes over every term, every match scored (lexical before the bounds)."""
    found = retrieval._match(store, retrieval.fts_expression(terms, "AND"), "", Filters(), depth)
    seen = {s for s, _ in found}
    more = retrieval._match(store, retrieval.fts_expression(terms, "OR"), "", Filters(), depth)
    return found + [(s, sc) for s, sc in more if s not in seen][: depth - len(found)]


@pytest.mark.parametrize("query", ["kontrol med ydelser", "renovering af almene boliger"])
def test_within_the_bounds_lexical_is_exhaustive_bm25(store, query):  # noqa: F811
    terms = analyse(query)
    rows = stats.totals(store)[0]
    if any(2 * n >= rows for n in stats.gather([store], terms).hits.values()):
        pytest.skip("a term in half the rows is left out by design")
    assert retrieval.lexical(store, terms, Filters()) == _exhaustive(store, terms, 200)


def test_common_terms_score_but_do_not_match(store, monkeypatch):  # noqa: F811
    terms = list(dict.fromkeys(analyse("kontrol med sociale ydelser i kommunen")))
    counts = bm25.term_stats(store, terms).hits
    rarest = min(terms, key=lambda t: counts[t])
    monkeypatch.setattr(retrieval, "POSTINGS", counts[rarest])  # only the rarest drives
    found = retrieval.lexical(store, terms, Filters(), depth=50)
    holding = set(_fts5(store, f'"{rarest}"'))
    assert found and {s for s, _ in found} <= holding
    informative = [t for t in terms if 2 * counts[t] < stats.totals(store)[0]]
    found_ids = [s for s, _ in found]
    full = stats.score_sections(store, found_ids, informative, bm25.term_stats(store, terms))
    for section, score in found:
        assert score == pytest.approx(full[section], rel=1e-9)
    assert [s for _, s in found] == sorted((s for _, s in found), reverse=True)


def test_a_pass_scores_only_its_budget_of_newest_matches(store, monkeypatch):  # noqa: F811
    terms = ["kontrol"]
    matching = sorted(_fts5(store, '"kontrol"'), reverse=True)
    assert len(matching) > 6
    monkeypatch.setattr(retrieval, "BUDGET", 5)
    found = retrieval.lexical(store, terms, Filters())
    assert {s for s, _ in found} == set(matching[:5])


def test_every_term_in_half_the_rows_scores_the_newest_window(store, monkeypatch):  # noqa: F811
    rows = stats.totals(store)[0]
    stats_all = bm25.term_stats
    monkeypatch.setattr(
        bm25,
        "term_stats",
        lambda s, p: stats.TermStats(rows, stats_all(s, p).tokens, dict.fromkeys(p, rows)),
    )
    monkeypatch.setattr(retrieval, "term_stats", bm25.term_stats)
    monkeypatch.setattr(retrieval, "WINDOW", 4)
    found = retrieval.lexical(store, ["kontrol"], Filters(), depth=3)
    matching = sorted(_fts5(store, '"kontrol"'), reverse=True)
    assert len(found) == 3 and {s for s, _ in found} <= set(matching[:4])
