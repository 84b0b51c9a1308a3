from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from indexer.analysis.terms import analyse
from indexer.search.snippet import (
    encode_spans,
    matching_spans,
    plain,
    snippet,
    stored_spans,
    term_spans,
)

TEXT = (
    "Studieturen forløber over to dage med én overnatning i Århus. Transporten foregår "
    "primært i konferencebus, der muliggør oplæg og løbende drøftelse undervejs."
)


def test_compound_and_folded_matches_are_marked():
    marked = snippet(TEXT, analyse("bus Aarhus"), analyse)
    assert "<mark>konferencebus</mark>" in marked
    assert "<mark>Århus</mark>" in marked


def test_snippet_escapes_html_and_cuts_long_text():
    text = "<b>" + " ".join(["ord"] * 300) + " integrationspuljen " + " ".join(["ord"] * 300)
    marked = snippet(text, analyse("pulje"), analyse)
    assert "<b>" not in marked and "<mark>integrationspuljen</mark>" in marked
    assert marked.startswith("…") and marked.endswith("…") and len(marked) < 400
    assert "*integrationspuljen*" in plain(marked)


# The analysis done once at ingest (term_spans, stored) marks exactly what the analysis at
# query time (matching_spans) marks.

SAMPLES = Path(__file__).resolve().parents[4] / "shared" / "samples"


def stored(text: str) -> str:
    return encode_spans(term_spans(text, analyse))


@pytest.mark.parametrize("query", ["integration", "pulje til foreninger", "studietur 2020",
                                   "hvad besluttede socialudvalget", "Århus konferencebus"])
def test_stored_spans_equal_query_time_analysis_on_a_real_sample(query: str) -> None:
    text = (SAMPLES / "frederiksberg-socialudvalget-2020-02-03.txt").read_text(encoding="utf-8")
    terms = analyse(query)
    assert stored_spans(stored(text), terms) == matching_spans(text, terms, analyse)
    assert snippet(text, terms, analyse, stored=stored(text)) == snippet(text, terms, analyse)


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=300), st.text(max_size=40))
def test_stored_spans_equal_query_time_analysis_on_any_text(text: str, query: str) -> None:
    terms = analyse(query)
    assert stored_spans(stored(text), terms) == matching_spans(text, terms, analyse)


def test_a_section_without_stored_spans_still_gets_its_snippet() -> None:
    assert snippet(TEXT, analyse("bus"), analyse, stored=None) == snippet(
        TEXT, analyse("bus"), analyse, stored=stored(TEXT))
    assert "<mark>" not in snippet(TEXT, analyse("bus"), analyse, stored="")
