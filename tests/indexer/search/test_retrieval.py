"""Filtered retrieval: facet tokens in FTS5 narrow, the exact filter decides.

The store holds the real items of kk-items-sample.jsonl, each also filed under another
municipality and other years (same text, other meetings), so filters have something to cut.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from pathlib import Path

import faiss
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from indexer.analysis.terms import analyse
from indexer.embedding.vectors import VectorIndex
from indexer.search import retrieval
from indexer.search.facets import facet_query, facet_token, meeting_facets
from indexer.search.query import Filters
from indexer.store.db import SectionExtras, Store
from indexer.store.schema import SCHEMA
from indexer.types import AgendaItem, Document, Meeting, Section

PLACES = ("København", "Frederiksberg")
YEARS = ("2019", "2020", "2026")
DIM = 8


def _meetings(samples_dir: Path) -> list[Meeting]:
    meetings = []
    lines = (samples_dir / "kk-items-sample.jsonl").read_text().splitlines()
    for record in (json.loads(line) for line in lines):
        for place in PLACES:
            for year in YEARS:
                sections = [Section(s["titel"], s["tekst"]) for s in record["afsnit"]]
                item_id = f"{record['id']}-{place}-{year}"
                item = AgendaItem(
                    str(record["nr"]), record["titel"], sections=sections, item_id=item_id
                )
                date = year + record["dato"][4:]
                meetings.append(Meeting(place, record["udvalg"], date, items=[item]))
    return meetings


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory):
    samples = Path(__file__).resolve().parents[3].parent / "shared" / "samples"
    meetings = _meetings(samples)
    rng = np.random.default_rng(3)
    extras = {
        (item.item_id, k): SectionExtras(" ".join(analyse(s.text)), rng.normal(size=DIM))
        for m in meetings
        for item in m.items
        for k, s in enumerate(item.sections)
    }
    doc = Document(
        path="/kk.jsonl", format="jsonl", sha256=hashlib.sha256(b"kk").hexdigest(), size=2
    )
    with Store(tmp_path_factory.mktemp("retrieval")) as s:
        s.replace_document(doc, meetings, extras)
        yield s


@pytest.fixture(scope="module")
def vindex(store: Store) -> VectorIndex:
    rows = store.db.execute("SELECT section_id, vector FROM vectors").fetchall()
    vectors = np.stack([np.frombuffer(r[1], dtype=np.float32) for r in rows])
    index = faiss.IndexIDMap2(faiss.IndexFlatIP(DIM))
    index.add_with_ids(vectors, np.array([r[0] for r in rows], dtype=np.int64))
    return VectorIndex(index, 0, "", len(rows))


@pytest.mark.parametrize(
    "kind,value,token",
    [
        ("c", "Socialudvalget", "c-socialudvalget"),
        ("c", "Klima-, Miljø- og Teknikudvalget", "c-klima-miljø-og-teknikudvalget"),
        ("c", "Indre By Lokaludvalg", "c-indre-by-lokaludvalg"),
        ("m", "Aarhus", "m-århus"),
        ("m", "KØBENHAVN", "m-københavn"),
        ("y", "2020", "y-2020"),
    ],
)
def test_facet_token(kind, value, token):
    assert facet_token(kind, value) == token


def test_facet_tokens_stay_whole_in_the_index(store):
    store.db.execute("CREATE VIRTUAL TABLE temp.vocab USING fts5vocab(main, sections_fts, col)")
    found = {r[0] for r in store.db.execute("SELECT term FROM vocab WHERE col = 'facets'")}
    expected = {
        token
        for m in _meetings(Path(__file__).resolve().parents[3].parent / "shared" / "samples")
        for token in meeting_facets(m).split()
    }
    assert found == expected
    assert "c-klima-miljø-og-teknikudvalget" in found and "y-2019" in found


@given(name=st.text(max_size=30), date=st.dates().map(lambda d: f"{d.year:04}-01-01"))
def test_facets_never_miss_what_the_filter_passes(name, date):
    db = sqlite3.connect(":memory:")
    db.executescript(SCHEMA)
    db.execute(
        "INSERT INTO sections_fts (rowid, terms, facets) VALUES (1, '', ?)",
        (meeting_facets(Meeting(name, name, date)),),
    )
    typed = name.swapcase() if name.isascii() else name  # what COLLATE NOCASE equates
    year = int(date[:4])
    query = facet_query(Filters(typed, typed, date, date), (year - 1, year + 1))
    assert query is not None
    found = db.execute("SELECT rowid FROM sections_fts WHERE sections_fts MATCH ?", (query,))
    assert [r[0] for r in found] == [1]


@pytest.mark.parametrize(
    "filters,expected",
    [
        (Filters(), ""),
        (Filters(date_from="2031-01-01"), None),
        (Filters(date_to="2007-12-31"), None),
        (Filters(date_from="2008-01-01"), ""),  # every year: nothing for the facets to cut
        (Filters(date_from="2025-03-01"), 'facets : ("y-2025" OR "y-2026")'),
        (
            Filters(committee="Socialudvalget", date_to="2008-06-30"),
            'facets : "c-socialudvalget" AND facets : ("y-2008")',
        ),
    ],
)
def test_facet_query(filters, expected):
    assert facet_query(filters, (2008, 2026)) == expected


def _reference(store: Store, terms: list[str], filters: Filters) -> list[tuple[int, float]]:
    everything = retrieval.lexical(store, terms, Filters(), depth=100_000)
    kept = retrieval.passing(store, [s for s, _ in everything], filters)
    return [(s, score) for s, score in everything if s in kept]


@pytest.mark.parametrize(
    "query,filters",
    [
        ("kontrol med ydelser", Filters(committee="Økonomiudvalget")),
        (
            "garanti til boligerne",
            Filters(committee="klima-, miljø- og teknikudvalget", municipality="frederiksberg"),
        ),
        ("renovering af almene boliger", Filters(municipality="København", date_to="2019-06-30")),
        (
            "garanti for lån",
            Filters(date_from="2020-06-01", date_to="2020-08-31"),
        ),  # part of a year
        ("støtte fra lokaludvalget", Filters(date_from="2020-09-01", date_to="2020-12-31")),
        ("kontrol med ydelser", Filters(date_from="2020-01-01")),
    ],
)
def test_filtered_lexical_is_the_unfiltered_ranking_filtered(store, query, filters):
    terms = analyse(query)
    for depth in (3, 20):
        found = retrieval.lexical(store, terms, filters, depth=depth)
        expected = _reference(store, terms, filters)[:depth]
        assert [round(s, 9) for _, s in found] == [round(s, 9) for _, s in expected]
        assert retrieval.passing(store, [s for s, _ in found], filters) == {s for s, _ in found}
        assert found


@pytest.mark.parametrize(
    "filters",
    [
        Filters(municipality="Frederiksberg", date_from="2020-09-01", date_to="2020-12-31"),
        Filters(committee="Borgerrepræsentationen", municipality="København"),
        Filters(date_from="2019-01-01"),
    ],
)
def test_filtered_dense_is_exact_nearest_within_the_filters(store, vindex, filters):
    vector = np.random.default_rng(11).normal(size=DIM).astype(np.float32)
    rows = store.db.execute("SELECT section_id, vector FROM vectors").fetchall()
    kept = retrieval.passing(store, [r[0] for r in rows], filters)
    scores = {r[0]: float(np.frombuffer(r[1], dtype=np.float32) @ vector) for r in rows}
    expected = sorted(kept, key=lambda s: -scores[s])[:4]
    found = retrieval.dense(store, vindex, vector, filters, depth=4)
    assert [s for s, _ in found] == expected


def test_a_period_outside_the_archive_finds_nothing(store, vindex):
    filters = Filters(date_from="2030-01-01")
    assert retrieval.lexical(store, analyse("kontrol"), filters) == []
    assert retrieval.dense(store, vindex, np.ones(DIM, dtype=np.float32), filters) == []


@pytest.mark.parametrize(
    "filters,inside",
    [
        (Filters(date_from="2020-01-01", date_to="2020-12-31"), False),
        (Filters(date_from="2019-01-01"), False),
        (Filters(committee="Økonomiudvalget"), False),
        (Filters(date_from="2020-06-01"), True),
        (Filters(date_to="2019-06-30"), True),
    ],
)
def test_part_years(filters, inside):
    assert retrieval.part_years(filters) is inside


def test_a_period_inside_a_year_is_ranked_once(store):
    """The year facets pass all of 2020; asking twice as deep at once keeps the ranking (the
    filtered-lexical test above) without ranking the whole match a second time."""
    filters = Filters(date_from="2020-06-01", date_to="2020-12-31")  # 4 of the 5 dates
    whole_year = Filters(date_from="2020-01-01", date_to="2020-12-31")  # what the facets pass
    calls: list[int] = []

    def ranked(limit: int) -> list[tuple[int, float]]:
        calls.append(limit)
        return retrieval.lexical(store, analyse("kontrol med ydelser"), whole_year, depth=limit)

    found = retrieval._exactly(store, ranked, filters, 3)
    assert found and calls == [6]
