"""Archive-wide BM25: on one store it is FTS5's bm25(); over shards it sums their statistics."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from indexer.search import retrieval
from indexer.shards import open_store, stats

pytestmark = pytest.mark.slow


@given(st.lists(st.integers(0, 2**40), max_size=6))
def test_varints_decode_what_sqlite_encodes(numbers):
    def encode(v: int) -> bytes:  # SQLite's big-endian varint (values under 2**56)
        groups = [v & 0x7F]
        v >>= 7
        while v:
            groups.append((v & 0x7F) | 0x80)
            v >>= 7
        return bytes(reversed(groups))

    assert stats.varints(b"".join(encode(n) for n in numbers)) == numbers


WORDS = st.sampled_from(["pulje", "puljen", "a", "15.40.00-p20", "-2-19", "æble", "2,5", "a/b"])
TEXTS = st.lists(st.tuples(WORDS, st.sampled_from([" ", "  ", ", ", "_", "\n", "/"])))


@given(TEXTS, st.lists(st.lists(WORDS, min_size=1, max_size=2), min_size=1, max_size=3))
def test_phrase_counts_are_the_counts_on_the_token_list(pieces, phrases):
    text = "".join(word + sep for word, sep in pieces)
    wanted = {" ".join(p): parts for p in phrases if (parts := stats.tokens(" ".join(p)))}
    doc = stats.tokens(text)
    expected = {p: stats._count(doc, parts) for p, parts in wanted.items()}
    assert stats.phrase_counts(text, wanted) == expected


@pytest.mark.parametrize(
    "terms", [["integration"], ["pulje", "forening"], ["social", "udvalg", "budget"]]
)
def test_global_bm25_on_one_store_is_fts5_bm25(archives, terms):
    with open_store(archives["single"]) as store:
        expected = dict(
            retrieval._match(
                store, retrieval.fts_expression(terms, "OR"), "", retrieval.Filters(), 200
            )
        )
        assert expected
        ours = stats.score_sections(store, list(expected), terms, stats.gather([store], terms))
    assert ours.keys() == expected.keys()
    for section, score in expected.items():
        assert ours[section] == pytest.approx(score, rel=1e-9)


def test_shard_statistics_add_up_to_the_single_store(archives):
    terms = ["integration", "psykiatri", "budget"]
    with open_store(archives["single"]) as one, open_store(archives["4-hash"]) as four:
        single = stats.gather([one], terms)
        sharded = stats.gather(four.shards, terms)  # type: ignore[attr-defined]
        assert all(stats.totals(s)[0] for s in four.shards)  # type: ignore[attr-defined]
    assert sharded == single
