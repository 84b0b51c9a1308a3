"""The bundled Danish NER model: offline loading, real minutes, dev score, CoNLL helpers."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from hypothesis import given
from hypothesis import strategies as st
from spacy.language import Language

from indexer.entities.ner import (
    DEFAULT_NER_MODEL,
    LABEL_MAP,
    NER_MODEL_ENV,
    bio_spans,
    evaluate_dev,
    load_ner,
    read_conll,
    score_spans,
)
from indexer.errors import ModelError
from indexer.types import ENTITY_TYPES

DDT_DIR = Path(__file__).resolve().parents[3].parent / "shared" / "data" / "danish_ner_ddt"
DEV_FILE = DDT_DIR / "da_ddt-ud-ner-dev.conll"


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_ner(str(DEFAULT_NER_MODEL))


def test_bundled_model_is_default_and_loads_offline(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(NER_MODEL_ENV, raising=False)
    model = load_ner(None)
    assert DEFAULT_NER_MODEL.is_dir()
    assert "ner" in model.pipe_names
    assert {"PER", "LOC", "ORG"} <= set(model.get_pipe("ner").labels)  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("sample", "text", "label"),
    [
        ("frederiksberg-socialudvalget-2020-02-03.txt", "BDO Consulting", "ORG"),
        ("frederiksberg-socialudvalget-2020-02-03.txt", "Slagelse", "LOC"),
        ("frederiksberg-socialudvalget-2020-02-03.txt", "Odense", "LOC"),
        ("kobenhavn-socialudvalget-2010-05-05.txt", "Anette Laigaard", "PER"),
    ],
)
def test_finds_names_in_real_minutes(
    nlp: Language, samples_dir: Path, sample: str, text: str, label: str
) -> None:
    doc = nlp((samples_dir / sample).read_text(encoding="utf-8"))
    assert (text, label) in {(ent.text, ent.label_) for ent in doc.ents}


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Herefter besøges Odense Kommune, der har vendt op og ned på deres setup.",
            "Odense",
        ),
        ("Forvaltningen foretog med bistand fra BDO Consulting en analyse.", "BDO Consulting"),
    ],
)
def test_sample_sentences_get_user_labels(nlp: Language, sentence: str, expected: str) -> None:
    found = {ent.text: LABEL_MAP.get(ent.label_) for ent in nlp(sentence).ents}
    assert any(expected in text and label in ENTITY_TYPES for text, label in found.items())


def test_label_map_targets_are_entity_types() -> None:
    assert {LABEL_MAP[k] for k in ("PER", "ORG", "LOC")} == {"PERSON", "ORGANIZATION", "LOCATION"}
    assert set(LABEL_MAP.values()) <= set(ENTITY_TYPES)


def test_unknown_model_name_raises_model_error() -> None:
    with pytest.raises(ModelError, match="REFERAT_NER_MODEL"):
        load_ner("da_no_such_pipeline_sm")


def test_environment_variable_selects_model(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(NER_MODEL_ENV, "da_no_such_pipeline_sm")
    with pytest.raises(ModelError, match="da_no_such_pipeline_sm"):
        load_ner(None)


def test_pipeline_without_ner_raises_model_error(tmp_path: Path) -> None:
    spacy.blank("da").to_disk(tmp_path / "blank")
    with pytest.raises(ModelError, match="no 'ner' pipe"):
        load_ner(str(tmp_path / "blank"))


def test_dev_micro_f1_meets_target(nlp: Language) -> None:
    scores = evaluate_dev(nlp, DEV_FILE)
    assert set(scores) == {"PER", "LOC", "ORG", "micro"}
    assert scores["micro"]["n"] == 327  # PER + LOC + ORG mentions in dev; MISC is not scored
    assert scores["micro"]["f1"] >= 0.70


def test_read_conll_reads_sentences_and_rejects_bad_lines(tmp_path: Path) -> None:
    good = tmp_path / "good.conll"
    good.write_text(
        "Anette\tB-PER\nLaigaard\tI-PER\nsagde\tO\n\nI\tO\nOdense\tB-LOC\n", encoding="utf-8"
    )
    sentences = read_conll(good)
    assert sentences == [
        [("Anette", "B-PER"), ("Laigaard", "I-PER"), ("sagde", "O")],
        [("I", "O"), ("Odense", "B-LOC")],
    ]
    assert [bio_spans([t for _, t in s]) for s in sentences] == [[(0, 2, "PER")], [(1, 2, "LOC")]]
    bad = tmp_path / "bad.conll"
    bad.write_text("no tab here\n", encoding="utf-8")
    with pytest.raises(ModelError, match="TOKEN<TAB>TAG"):
        read_conll(bad)


TAGS = st.lists(st.sampled_from(["O", "B-PER", "I-PER", "B-LOC", "I-LOC", "I-ORG"]), max_size=30)


@given(TAGS)
def test_bio_spans_are_ordered_disjoint_and_round_trip(tags: list[str]) -> None:
    spans = bio_spans(tags)
    ends = [0]
    rebuilt = ["O"] * len(tags)
    for start, end, label in spans:
        assert ends[-1] <= start < end <= len(tags)
        ends.append(end)
        rebuilt[start:end] = [f"B-{label}"] + [f"I-{label}"] * (end - start - 1)
    assert bio_spans(rebuilt) == spans


@given(TAGS)
def test_perfect_prediction_scores_one(tags: list[str]) -> None:
    gold = [set(bio_spans(tags))]
    scores = score_spans(gold, gold)
    scored = [s for s in gold[0] if s[2] in ("PER", "LOC", "ORG")]
    assert scores["micro"]["f1"] == (1.0 if scored else 0.0)
