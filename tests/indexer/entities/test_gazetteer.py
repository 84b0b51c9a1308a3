"""GazetteerRuler sets exactly what the AttributeRuler it replaces sets: NER output is unchanged."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import spacy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from spacy.attrs import LEMMA, MORPH, POS, TAG
from spacy.language import Language
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc

from indexer.entities.gazetteer import GazetteerRuler, from_attribute_ruler, supports
from indexer.entities.ner import DEFAULT_NER_MODEL, load_ner, read_conll
from indexer.entities.pipeline import build_nlp, extract_many
from indexer.errors import InvalidInput
from tests.indexer.entities.conftest import FB_FILE, KK_FILE, MEETING_DATES, SAMPLES

DDT_DEV = SAMPLES.parent / "data" / "danish_ner_ddt" / "da_ddt-ud-ner-dev.conll"
TokenAttrs = list[int]  # TAG, POS, LEMMA, MORPH ids


@pytest.fixture(scope="module")
def ner() -> Language:
    return load_ner(str(DEFAULT_NER_MODEL))


@pytest.fixture(scope="module")
def dev_texts() -> list[str]:
    """Every dev sentence, tokens joined by spaces (as the ingest evaluation runs them)."""
    return [" ".join(word for word, _ in sentence) for sentence in read_conll(DDT_DEV)]


@pytest.fixture(scope="module")
def corpora(dev_texts: list[str], sample_texts: dict[str, str]) -> dict[str, list[str]]:
    return {"dev": dev_texts, FB_FILE: [sample_texts[FB_FILE]], KK_FILE: [sample_texts[KK_FILE]]}


def _attrs(doc: Doc) -> list[TokenAttrs]:
    array: Any = doc.to_array([TAG, POS, LEMMA, MORPH])
    rows: list[TokenAttrs] = array.reshape(len(doc), 4).tolist()
    return rows


def _ruler(nlp: Language) -> AttributeRuler:
    ruler = nlp.get_pipe("attribute_ruler")
    assert isinstance(ruler, AttributeRuler)
    return ruler


def _run(component: Any, nlp: Language, texts: list[str]) -> list[list[TokenAttrs]]:
    return [_attrs(component(nlp.make_doc(text))) for text in texts]


def test_bundled_ruler_patterns_are_all_supported(ner: Language) -> None:
    assert supports(_ruler(ner).patterns)


@pytest.mark.parametrize("source", ["dev", FB_FILE, KK_FILE])
def test_token_attributes_equal_the_attribute_rulers(
    ner: Language, corpora: dict[str, list[str]], source: str
) -> None:
    ruler = _ruler(ner)
    texts = corpora[source]
    expected = _run(ruler, ner, texts)
    assert _run(from_attribute_ruler(ruler), ner, texts) == expected
    marked = [a for doc in expected for a in doc if any(a)]
    assert marked  # the comparison covers real gazetteer hits


def test_dev_has_tag_lemma_and_morph_hits(ner: Language, dev_texts: list[str]) -> None:
    gazetteer = from_attribute_ruler(_ruler(ner))
    tokens = [t for text in dev_texts for t in gazetteer(ner.make_doc(text))]
    assert any(t.tag_.startswith("GAZ_") for t in tokens)
    assert any(t.lemma_ == "GAZ_ORG" for t in tokens)
    assert any(str(t.morph) == "Lex=Common" for t in tokens)


def test_build_nlp_swaps_in_the_gazetteer(ner: Language) -> None:
    assert isinstance(build_nlp(ner).get_pipe("attribute_ruler"), GazetteerRuler)
    old = build_nlp(ner, fast_gazetteer=False)
    assert isinstance(old.get_pipe("attribute_ruler"), AttributeRuler)
    assert build_nlp(ner).pipe_names == old.pipe_names


@pytest.mark.parametrize("source", ["dev", FB_FILE, KK_FILE])
def test_entities_equal_the_old_pipelines(
    ner: Language, corpora: dict[str, list[str]], source: str
) -> None:
    date = MEETING_DATES.get(source)
    old = extract_many(build_nlp(ner, fast_gazetteer=False), corpora[source], date)
    new = extract_many(build_nlp(ner), corpora[source], date)
    assert new == old
    assert any(entities for entities in new)


BLANK = spacy.blank("da")


def _ruler_pair(patterns: list[dict[str, Any]]) -> tuple[Language, AttributeRuler, GazetteerRuler]:
    ruler = AttributeRuler(BLANK.vocab)
    ruler.add_patterns(patterns)
    return BLANK, ruler, from_attribute_ruler(ruler)


WORDS = ["Anna", "anna", "ANNA", "Hansen", "Kommune", "og", "det", "Det", "Region"]
_token_pattern = st.sampled_from(WORDS).map(lambda w: {"ORTH": w})
_lookup_pattern = st.builds(
    lambda key, words: [{key: {"IN": words}}],
    st.sampled_from(["ORTH", "LOWER", "TEXT"]),
    st.lists(st.sampled_from([w.lower() for w in WORDS] + WORDS), min_size=1, max_size=4),
)
_phrase_pattern = st.lists(_token_pattern, min_size=1, max_size=3)


@st.composite
def _rules(draw: st.DrawFn) -> dict[str, Any]:
    tokens = draw(st.one_of(_lookup_pattern, _phrase_pattern))
    index = draw(st.integers(-len(tokens), len(tokens) - 1))
    attr = draw(st.sampled_from(["TAG", "LEMMA", "POS", "MORPH"]))
    value = {"POS": "PROPN", "MORPH": "Lex=Common"}.get(attr, draw(st.sampled_from(["A", "B"])))
    return {"patterns": [tokens], "attrs": {attr: value}, "index": index}


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_rules(), min_size=1, max_size=8), st.lists(st.sampled_from(WORDS), max_size=12))
def test_overlaps_order_and_index_match_the_attribute_ruler(
    patterns: list[dict[str, Any]], words: list[str]
) -> None:
    nlp, ruler, gazetteer = _ruler_pair(patterns)
    expected = _attrs(ruler(Doc(nlp.vocab, words=words)))
    assert _attrs(gazetteer(Doc(nlp.vocab, words=words))) == expected


def test_later_patterns_win_and_overlapping_phrases_all_apply() -> None:
    nlp, _, gazetteer = _ruler_pair(
        [
            {"patterns": [[{"ORTH": "Region"}, {"ORTH": "Hovedstaden"}]], "attrs": {"LEMMA": "R"}},
            {"patterns": [[{"ORTH": "Hovedstaden"}]], "attrs": {"LEMMA": "H"}},
            {"patterns": [[{"LOWER": {"IN": ["region"]}}]], "attrs": {"TAG": "T1"}},
            {"patterns": [[{"ORTH": {"IN": ["Region"]}}]], "attrs": {"TAG": "T2"}},
            {
                "patterns": [[{"ORTH": "Hovedstaden"}, {"ORTH": "og"}]],
                "attrs": {"LEMMA": "X"},
                "index": -2,
            },
        ]
    )
    doc = gazetteer(nlp.make_doc("Region Hovedstaden og region"))
    assert [(t.lemma_, t.tag_) for t in doc] == [("R", "T2"), ("X", ""), ("", ""), ("", "T1")]


@pytest.mark.parametrize(
    "pattern",
    [
        {"patterns": [[{"POS": "NOUN"}]], "attrs": {"TAG": "X"}},
        {"patterns": [[{"ORTH": "a", "OP": "?"}]], "attrs": {"TAG": "X"}},
        {"patterns": [[{"ORTH": {"NOT_IN": ["a"]}}]], "attrs": {"TAG": "X"}},
        {"patterns": [[{"ORTH": "a"}, {"LOWER": "b"}]], "attrs": {"TAG": "X"}},
        {"patterns": [[{"ORTH": "a"}]], "attrs": {"NORM": "x"}},
        {"patterns": [[{"ORTH": "a"}]], "attrs": {"TAG": "X"}, "index": 1},
    ],
)
def test_other_shapes_keep_the_attribute_ruler(pattern: dict[str, Any]) -> None:
    assert not supports([pattern])
    source = spacy.blank("da")
    source_ruler = source.add_pipe("attribute_ruler")
    assert isinstance(source_ruler, AttributeRuler)
    source_ruler.add_patterns([pattern])
    assert isinstance(build_nlp(source).get_pipe("attribute_ruler"), AttributeRuler)
    with pytest.raises(InvalidInput, match="keep the AttributeRuler"):
        from_attribute_ruler(source_ruler)


def test_round_trips_through_disk_and_bytes(tmp_path: Path) -> None:
    patterns = [
        {"patterns": [[{"ORTH": {"IN": ["Anna"]}}]], "attrs": {"TAG": "GAZ_FIRST"}, "index": 0},
        {"patterns": [[{"ORTH": "Region"}, {"ORTH": "Sjælland"}]], "attrs": {"LEMMA": "GAZ_ORG"},
         "index": 1},
    ]  # fmt: skip
    nlp = spacy.blank("da")
    gazetteer = nlp.add_pipe("referat_gazetteer", name="attribute_ruler")
    assert isinstance(gazetteer, GazetteerRuler)
    gazetteer.add_patterns(patterns)
    nlp.to_disk(tmp_path / "pipeline")
    loaded = spacy.load(tmp_path / "pipeline")
    text = "Anna bor i Region Sjælland"
    assert _attrs(loaded(text)) == _attrs(nlp(text))
    loaded_gazetteer = loaded.get_pipe("attribute_ruler")
    assert isinstance(loaded_gazetteer, GazetteerRuler)
    assert loaded_gazetteer.patterns == patterns
    copy = GazetteerRuler(nlp.vocab).from_bytes(gazetteer.to_bytes())
    assert _attrs(copy(nlp.make_doc(text))) == _attrs(nlp(text))


def test_from_disk_without_patterns_says_what_to_do(tmp_path: Path) -> None:
    with pytest.raises(InvalidInput, match="to_disk"):
        GazetteerRuler(spacy.blank("da").vocab).from_disk(tmp_path)
