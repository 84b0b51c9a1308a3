"""The spaCy pipeline on the real samples: the issue's list, the gold score, NER combination."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from spacy.language import Language
from spacy.tokens import Doc, Span

from indexer.entities.components import DOMAIN_COMPONENTS
from indexer.entities.pipeline import build_nlp, extract
from indexer.errors import InvalidInput
from indexer.evaluation.entities import DOMAIN_TYPES, evaluate_samples, meeting_date_of, total
from tests.indexer.entities.conftest import FB_FILE, KK_FILE, MEETING_DATES, SAMPLES

ISSUE_AMOUNTS = {"90000000", "56400000", "10000000", "3600000", "900000", "600000", "1475000",
                 "12300000", "1754000"}  # fmt: skip
ISSUE_DATES = {"2010-05-05", "2009-08-27", "2010-05-07", "2020-02-03", "2019-11-25", "2019-02-18",
               "2014-11-17", "2020-01-20", "2019-02-25"}  # fmt: skip
ISSUE_COMMITTEES = {
    "Socialudvalget", "Beskæftigelses- og Integrationsudvalget", "Økonomiudvalget",
    "Borgerrepræsentationen", "Kommunalbestyrelsen", "Magistraten",
    "Arbejdsmarkeds- og uddannelsesudvalget", "Kultur- og Fritidsudvalget",
    "Undervisningsudvalget", "Integrationsrådet",
}  # fmt: skip
ISSUE_CASES = {"2010-32472", "00.22.00-P35-230-19", "00.15.00-A00-96-19", "27.00.00-A08-1-15",
               "15.40.00-P20-2-19"}  # fmt: skip


@pytest.fixture(scope="module")
def sample_entities(rules_nlp: Language, sample_texts: dict[str, str]) -> dict[str, set[str]]:
    """Normalised values per type over both samples."""
    found: dict[str, set[str]] = {}
    for name, text in sample_texts.items():
        for entity in extract(rules_nlp, text, meeting_date=MEETING_DATES[name]):
            assert text[entity.start : entity.end] == entity.text
            found.setdefault(entity.type, set()).add(entity.normalized)
    return found


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        ("AMOUNT", ISSUE_AMOUNTS),
        ("DATE", ISSUE_DATES),
        ("COMMITTEE", ISSUE_COMMITTEES),
        ("CASE_NUMBER", ISSUE_CASES),
    ],
)
def test_issue_list_is_found_in_the_samples(
    sample_entities: dict[str, set[str]], kind: str, expected: set[str]
) -> None:
    assert expected <= sample_entities[kind]


def test_only_sample_case_numbers_are_found(sample_entities: dict[str, set[str]]) -> None:
    assert sample_entities["CASE_NUMBER"] == ISSUE_CASES


def test_gold_f1_per_domain_type(rules_nlp: Language) -> None:
    summed = total(evaluate_samples(rules_nlp, DOMAIN_TYPES, SAMPLES), DOMAIN_TYPES)
    for kind in DOMAIN_TYPES:
        assert summed[kind].f1 >= 0.97, (kind, summed[kind])


def test_meeting_date_from_header_or_file_name(sample_texts: dict[str, str]) -> None:
    assert meeting_date_of(FB_FILE, sample_texts[FB_FILE]) == "2020-02-03"
    assert meeting_date_of(KK_FILE, sample_texts[KK_FILE]) == "2010-05-05"


def test_pipeline_components_and_round_trip(rules_nlp: Language, tmp_path: Path) -> None:
    assert rules_nlp.pipe_names == list(DOMAIN_COMPONENTS)
    rules_nlp.to_disk(tmp_path / "nlp")
    loaded = spacy.load(tmp_path / "nlp")
    text = "Integrationsrådet og Socialudvalget den 3. februar 2020 (2010-32472): 90 mio. kr."
    assert [(e.type, e.normalized) for e in extract(loaded, text)] == [
        ("COMMITTEE", "Integrationsrådet"),
        ("COMMITTEE", "Socialudvalget"),
        ("DATE", "2020-02-03"),
        ("CASE_NUMBER", "2010-32472"),
        ("AMOUNT", "90000000"),
    ]


def test_meeting_date_from_user_data_or_config() -> None:
    text = "Socialudvalget tilkendegav på mødet den 7. april et ønske"
    nlp = build_nlp()
    assert [e.normalized for e in extract(nlp, text) if e.type == "DATE"] == []
    assert [e.normalized for e in extract(nlp, text, "2010-05-05") if e.type == "DATE"] == [
        "2010-04-07"
    ]
    nlp.get_pipe("referat_dates").meeting_date = "2011-05-05"  # type: ignore[attr-defined]
    assert [e.normalized for e in extract(nlp, text) if e.type == "DATE"] == ["2011-04-07"]


def test_bad_meeting_date_is_invalid_input(rules_nlp: Language) -> None:
    with pytest.raises(InvalidInput):
        extract(rules_nlp, "tekst", meeting_date="05-05-2010")


def test_entity_inside_a_token_gets_exact_offsets(rules_nlp: Language) -> None:
    text = "REFERAT Socialudvalget_2018-21 d. 03-02-2020"
    [committee, day] = extract(rules_nlp, text)
    assert (committee.text, committee.start, committee.end) == ("Socialudvalget", 8, 22)
    assert day.normalized == "2020-02-03"


@Language.component("test_fake_ner")
def fake_ner(doc: Doc) -> Doc:
    """Stands in for a statistical NER: tags words by a fixed list, overlapping a committee."""
    labels = {"Socialudvalget": "ORG", "Jens": "PER", "Århus": "LOC", "Outlook": "MISC"}
    doc.ents = [Span(doc, t.i, t.i + 1, label=labels[t.text]) for t in doc if t.text in labels]
    return doc


def test_domain_entities_win_over_statistical_ones() -> None:
    nlp = build_nlp()
    nlp.add_pipe("test_fake_ner", first=True)
    text = "Socialudvalget og Jens  Elmelund i Århus brugte Outlook"
    assert [(e.type, e.text, e.normalized) for e in extract(nlp, text)] == [
        ("COMMITTEE", "Socialudvalget", "Socialudvalget"),
        ("PERSON", "Jens  Elmelund", "Jens Elmelund"),  # refined to the full name, collapsed
        ("LOCATION", "Århus", "Århus"),
    ]


def test_build_nlp_sources_a_ner_pipeline_before_the_rules() -> None:
    ner_nlp = spacy.blank("da")
    ner = ner_nlp.add_pipe("ner")
    for label in ("PER", "ORG", "LOC"):
        ner.add_label(label)  # type: ignore[attr-defined]
    ner_nlp.initialize()
    nlp = build_nlp(ner_nlp)
    assert nlp.pipe_names == ["ner", *DOMAIN_COMPONENTS]
    entities = extract(nlp, "Socialudvalget godkendte 90 mio. kr. den 3. februar 2020.")
    domain = [(e.type, e.normalized) for e in entities if e.type in DOMAIN_TYPES]
    assert domain == [
        ("COMMITTEE", "Socialudvalget"),
        ("AMOUNT", "90000000"),
        ("DATE", "2020-02-03"),
    ]


@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=300))
def test_random_text_never_crashes(rules_nlp: Language, text: str) -> None:
    for entity in extract(rules_nlp, text, meeting_date="2020-02-03"):
        assert text[entity.start : entity.end] == entity.text
