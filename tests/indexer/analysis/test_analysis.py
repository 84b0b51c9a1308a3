"""Danish analysis for search: folding, lemmas, compounds, stop words, numbers."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from indexer.analysis import compounds
from indexer.analysis.terms import (
    STOPWORDS,
    analyse,
    analyse_query,
    fold,
    learn_vocabulary,
    lemma,
    split_compound,
    tokenize,
)
from indexer.errors import ModelError

FREDERIKSBERG = "frederiksberg-socialudvalget-2020-02-03.txt"
KOBENHAVN = "kobenhavn-socialudvalget-2010-05-05.txt"

# (file, snippet as written in the sample, query that must find it)
MATCHES = [
    (FREDERIKSBERG, "godkendte fordelingen af integrationspuljen 2020", "pulje"),
    (FREDERIKSBERG, "godkendte fordelingen af integrationspuljen 2020", "integration"),
    (FREDERIKSBERG, "Transporten foregår primært i konferencebus", "bus"),
    (FREDERIKSBERG, "med én overnatning i Århus", "Aarhus"),
    (FREDERIKSBERG, "udgifter til hjemløse og krisecentre", "hjemløs"),
    (FREDERIKSBERG, "godkendelse af Integrationspolitikens handleplan 2020", "integrationspolitik"),
    (FREDERIKSBERG, "godkendelse af Integrationspolitikens handleplan 2020", "politik"),
    (KOBENHAVN, "Beskæftigelses- og Integrationsudvalget har i den forbindelse", "integration"),
    (KOBENHAVN, "Beskæftigelses- og Integrationsudvalget har i den forbindelse", "beskæftigelse"),
    (KOBENHAVN, "at revidere integrationspolitikken", "integrationspolitikkerne"),
    (KOBENHAVN, "Socialforvaltningen skulle forberede en temadrøftelse", "forvaltning"),
    (KOBENHAVN, "for perioden 2011-2014 (2010-32472)", "2010-32472"),
    (FREDERIKSBERG, "15.40.00-P20-2-19", "15.40.00-p20-2-19"),
]


@pytest.fixture
def fresh_vocabulary() -> Iterator[None]:
    """Forget learnt words before and after a test that learns some."""
    compounds.get_lexicon().learnt.clear()
    learn_vocabulary([])
    yield
    compounds.get_lexicon().learnt.clear()
    learn_vocabulary([])


@pytest.mark.parametrize(
    ("a", "b"),
    [("Aarhus", "Århus"), ("AABENRAA", "åbenrå"), ("Café", "cafe"), ("Björk", "bjørk")],
)
def test_fold_makes_spellings_equal(a: str, b: str) -> None:
    assert fold(a) == fold(b)


def test_fold_keeps_danish_letters() -> None:
    assert fold("ÆRØ Øster Å") == "ærø øster å"


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("integrationspuljen", "integrationspulje"),
        ("kommunens", "kommune"),
        ("godkendte", "godkende"),
        ("børnehaver", "børnehave"),
        ("besluttede", "beslutte"),
        ("Socialudvalgets", "socialudvalg"),
        ("gaar", "gå"),
    ],
)
def test_lemma(word: str, expected: str) -> None:
    assert lemma(word) == expected


@pytest.mark.parametrize(
    ("word", "parts"),
    [
        ("integrationspuljen", [["integration", "pulje"]]),
        ("konferencebus", [["konference", "bus"]]),
        ("integrationspolitikken", [["integration", "politik"]]),
        ("beskæftigelsesudvalget", [["beskæftigelse", "udvalg"]]),
        ("hjemløseindsatsen", [["hjemløs", "indsats"], ["hjemløse", "indsats"]]),
        ("daginstitutioner", [["dag", "institution"]]),
        ("kommunalbestyrelsen", [["kommunal", "bestyrelse"]]),
        ("sagsbehandlingen", [["sag", "behandling"]]),
        ("Borgerrepræsentationen", [["borger", "repræsentation"]]),
    ],
)
def test_split_compound(word: str, parts: list[list[str]]) -> None:
    assert split_compound(word) in parts


@pytest.mark.parametrize(
    "word", ["godkendte", "godkendelse", "forslag", "institution", "kommunen", "indstillingen"]
)
def test_simple_words_stay_whole(word: str) -> None:
    assert split_compound(word) == [lemma(word)]


def test_question_drops_stop_words() -> None:
    terms = analyse_query("Hvad besluttede socialudvalget om integration?")
    assert terms == ["beslutte", "socialudvalg", "social", "udvalg", "integration"]
    assert "besluttede" not in STOPWORDS and {"hvad", "om", "hvornår"} <= STOPWORDS


@pytest.mark.parametrize(("name", "snippet", "query"), MATCHES)
def test_query_terms_match_sample_text(
    samples_dir: Path, name: str, snippet: str, query: str
) -> None:
    text = (samples_dir / name).read_text(encoding="utf-8")
    assert snippet in text
    assert set(analyse_query(query)) <= set(analyse(snippet))


def test_case_numbers_stay_whole_and_give_pieces(samples_dir: Path) -> None:
    text = (samples_dir / FREDERIKSBERG).read_text(encoding="utf-8")
    terms = analyse(text)
    for case in ["00.22.00-p35-230-19", "00.15.00-a00-96-19", "27.00.00-a08-1-15"]:
        assert case in terms
    assert {"2010-32472", "2010", "32472"} <= set(analyse("sag 2010-32472."))
    assert analyse("1.475.000 kr. og 56,4 mio. kr.") == ["1.475.000", "kr", "56,4", "mio", "kr"]
    assert "2010" in analyse("den 05.05.2010")


def test_tokenize_keeps_numbers_whole() -> None:
    assert tokenize("(j.nr. 15.40.00-P20-2-19), 1,475 mio.kr.") == [
        "j",
        "nr",
        "15.40.00-P20-2-19",
        "1,475",
        "mio",
        "kr",
    ]


@pytest.mark.parametrize("name", [FREDERIKSBERG, KOBENHAVN, "kk-items-sample.jsonl"])
def test_whole_samples_analyse_to_clean_terms(samples_dir: Path, name: str) -> None:
    terms = analyse((samples_dir / name).read_text(encoding="utf-8"))
    assert len(terms) > 500
    assert all(t and not any(c.isspace() for c in t) for t in terms)
    assert not STOPWORDS & set(terms)


def test_learnt_vocabulary_splits_new_compounds(fresh_vocabulary: None) -> None:
    assert "empowerment" not in split_compound("empowermentforløbet")
    assert learn_vocabulary(["Empowerment og empowerment: Empowerment."]) == 1
    assert split_compound("empowermentforløbet") == ["empowerment", "forløb"]
    assert {"empowerment", "forløb"} <= set(analyse("empowermentforløbet"))


def test_missing_lexicon_says_how_to_build_it(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match="build_lexicon.py"):
        compounds.load_lexicon(tmp_path)


@given(st.text())
def test_fold_is_idempotent(text: str) -> None:
    assert fold(fold(text)) == fold(text)


@settings(max_examples=200)
@given(st.text())
def test_analyse_gives_clean_terms_on_any_text(text: str) -> None:
    terms = analyse(text)
    assert all(t and not any(c.isspace() for c in t) for t in terms)
    assert analyse_query(text) == list(dict.fromkeys(terms))


DANISH = st.text(alphabet="abcdefghijklmnopqrstuvwxyzæøåéü 0123456789.,-/\n", max_size=80)


@given(DANISH)
def test_case_does_not_matter(text: str) -> None:
    assert analyse(text.upper()) == analyse(text)


@given(st.lists(st.sampled_from(["integrationspuljen", "Aarhus", "godkendte", "bus"]), max_size=6))
def test_terms_of_a_text_are_those_of_its_words(words: list[str]) -> None:
    assert analyse(" ".join(words)) == [t for w in words for t in analyse(w)]
