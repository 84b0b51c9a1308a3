"""Query understanding: committees, periods, decision intent, case numbers."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from indexer.errors import InvalidInput
from indexer.search.query import Filters, understand

COMMITTEES = [
    "Socialudvalget",
    "Økonomiudvalget",
    "Klima-, Miljø- og Teknikudvalget",
    "Borgerrepræsentationen",
]


@pytest.mark.parametrize(
    "text,committee,content",
    [
        ("hvad besluttede socialudvalget om integration", "Socialudvalget", "hvad om integration"),
        (
            "Socialudvalgets beslutning om integrationspuljen",
            "Socialudvalget",
            "om integrationspuljen",
        ),
        (
            "hvad vedtog Klima-, Miljø- og Teknikudvalget",
            "Klima-, Miljø- og Teknikudvalget",
            "hvad",
        ),
        ("økonomiudvalget", "Økonomiudvalget", ""),
        ("integration", None, "integration"),
    ],
)
def test_committee_becomes_a_filter(text, committee, content):
    query = understand(text, Filters(), COMMITTEES)
    assert query.filters.committee == committee
    assert query.text == content


@pytest.mark.parametrize(
    "text,date_from,date_to",
    [
        ("integration i 2020", "2020-01-01", "2020-12-31"),
        ("integration efter 2015", "2016-01-01", None),
        ("integration siden 2015", "2015-01-01", None),
        ("integration før 2015", None, "2014-12-31"),
        ("handleplan 2020", None, None),  # a year without a preposition is content
    ],
)
def test_periods_become_date_filters(text, date_from, date_to):
    query = understand(text, Filters(), COMMITTEES)
    assert (query.filters.date_from, query.filters.date_to) == (date_from, date_to)


def test_explicit_filters_win_over_inferred_ones():
    query = understand(
        "socialudvalget i 2020",
        Filters(committee="Økonomiudvalget", date_from="2010-01-01"),
        COMMITTEES,
    )
    assert query.filters.committee == "Økonomiudvalget"
    assert query.filters.date_from == "2010-01-01" and query.filters.date_to is None


@pytest.mark.parametrize(
    "text", ["hvad besluttede udvalget", "beslutning om bus", "godkendte de planen"]
)
def test_decision_words_set_intent(text):
    assert understand(text, Filters(), COMMITTEES).decision_intent


@pytest.mark.parametrize(
    "text", ["15.40.00-P20-2-19", " 15.40.00-p20-2-19 ", "2010-32472", "Sagsnr. 2010-32472"]
)
def test_case_number_queries(text):
    query = understand(text, Filters(), COMMITTEES)
    assert query.case_number is not None


def test_year_range_is_not_a_case_number():
    assert understand("2011-2014", Filters(), COMMITTEES).case_number is None


@pytest.mark.parametrize("bad", ["yesterday", "2020-13-01", "2020-02-30", "20200203"])
def test_bad_dates_are_invalid_input(bad):
    with pytest.raises(InvalidInput, match="date_from"):
        Filters(date_from=bad)


@given(st.text(max_size=200))
def test_understand_never_crashes(text):
    query = understand(text, Filters(), COMMITTEES)
    assert isinstance(query.text, str)
