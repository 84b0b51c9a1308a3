"""Hybrid search on the two real text samples: the issue's acceptance queries."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from indexer.config import load_settings
from indexer.errors import InvalidInput
from indexer.ingest import ingest_paths
from indexer.pipeline import Pipeline
from indexer.search import hybrid
from indexer.search.answer import answer
from indexer.search.hybrid import Searcher
from indexer.search.query import Filters
from indexer.store.db import Store

SAMPLES = Path(__file__).resolve().parents[3].parent / "shared" / "samples"
TEXTS = sorted(SAMPLES.glob("*.txt"))
F10 = "Integrationspolitikens handleplan 2020 og fordeling af integrationspuljen"
K10 = "Socialudvalgets svar på beskæftigelses- og Integrationsforvaltnignens høring"


@pytest.fixture(scope="module")
def searcher(tmp_path_factory: pytest.TempPathFactory):
    data = tmp_path_factory.mktemp("search")
    pipeline = Pipeline(load_settings(data=data))
    with Store(data) as store:
        results = ingest_paths(store, TEXTS, pipeline)
        assert [r.status for r in results] == ["stored", "stored"]
        yield Searcher(store, pipeline)


def titles(searcher: Searcher, query: str, **filters: str) -> list[str]:
    hits = searcher.search(query, Filters(**filters), limit=10)["hits"]
    return [h["title"] for h in hits]


def test_decision_question_finds_both_integration_items_first(searcher):
    response = searcher.search("hvad besluttede socialudvalget om integration", Filters())
    top = [h["title"] for h in response["hits"][:2]]
    assert any(t == F10 for t in top) and any(t.startswith(K10) for t in top)
    assert [h["section"] for h in response["hits"][:2]] == ["Beslutning", "Beslutning"]
    assert response["filters"]["inferred"] == {"committee": "Socialudvalget"}


@pytest.mark.parametrize(
    "query,first",
    [
        ("pulje", F10),  # compound: integrationspuljen
        ("bus", "Opdateret program for socialudvalgets studietur"),  # konferencebus
        ("Aarhus", "Opdateret program for socialudvalgets studietur"),  # the text says Århus
        ("15.40.00-P20-2-19", F10),
        ("15.40.00-p20 -2-19", F10),
        ("BDO Consulting", "Meddelelser"),
        ("studierejse", "Opdateret program for socialudvalgets studietur"),
    ],
)
def test_first_hit(searcher, query, first):
    assert titles(searcher, query)[0] == first


def test_snippet_marks_the_compound(searcher):
    hit = searcher.search("bus", Filters())["hits"][0]
    assert "<mark>konferencebus</mark>" in hit["snippet"]


def test_committee_and_date_filters(searcher):
    hits = searcher.search(
        "integration", Filters(committee="Socialudvalget", date_from="2015-01-01")
    )["hits"]
    assert hits and all(h["meeting_date"] >= "2015-01-01" for h in hits)
    assert titles(searcher, "integration", date_to="2014-12-31")[0].startswith(K10)
    assert titles(searcher, "integration", municipality="Aarhus") == []


def test_period_in_the_question_filters(searcher):
    hits = searcher.search("integration før 2015", Filters())["hits"]
    assert [h["meeting_date"] for h in hits] == ["2010-05-05"]


@pytest.mark.parametrize("bad", ["", "   ", "x" * 10_000])
def test_bad_queries_are_invalid_input(searcher, bad):
    with pytest.raises(InvalidInput):
        searcher.search(bad, Filters())


def test_decisions_answer_lists_both_integration_decisions_first(searcher):
    response = answer(searcher, "hvad besluttede socialudvalget om integration", Filters())
    top = [d["title"] for d in response["decisions"][:2]]
    assert any(t == F10 for t in top) and any(t.startswith(K10) for t in top)
    assert all(d["decision"]["outcome"] == "approved" for d in response["decisions"][:2])


@pytest.mark.parametrize("spelled", ["socialudvalget", "SOCIALUDVALGET", " Socialudvalget "])
def test_committee_filter_in_any_letter_case(searcher, spelled):
    hits = searcher.search("integration", Filters(committee=spelled))["hits"]
    assert hits and {h["committee"] for h in hits} == {"Socialudvalget"}


@pytest.mark.parametrize("spelled", ["københavn", "KØBENHAVN", "Kobenhavn"])
def test_municipality_filter_folds_danish_letters(searcher, spelled):
    hits = searcher.search("integration", Filters(municipality=spelled))["hits"]
    if spelled == "Kobenhavn":  # o is not ø: no silent guessing
        assert hits == []
    else:
        assert hits and {h["municipality"] for h in hits} == {"København"}


@pytest.mark.parametrize(
    "query,filters",
    [
        ("hvad besluttede socialudvalget om integration", Filters()),
        ("integration", Filters(committee="Socialudvalget", date_from="2015-01-01")),
        ("bus", Filters(date_to="2012-06-30")),
        ("xqzv blørk", Filters()),  # no lexical evidence: the dense floor applies
    ],
)
def test_the_retrievers_in_parallel_answer_as_one_after_the_other(
    searcher, monkeypatch, query, filters
):
    """A large archive runs the dense half in a second thread on a second connection
    (PARALLEL_FROM); forced on for the samples, every answer is the sequential one."""
    one_after_the_other = searcher.search(query, filters, limit=10)
    threads: list[str] = []
    apart = Searcher._dense_apart

    def recorded(self, *args):
        threads.append(threading.current_thread().name)
        return apart(self, *args)

    monkeypatch.setattr(hybrid, "PARALLEL_FROM", 0)
    monkeypatch.setattr(Searcher, "_dense_apart", recorded)
    assert searcher.search(query, filters, limit=10) == one_after_the_other
    assert threads and threads[0] != threading.current_thread().name
