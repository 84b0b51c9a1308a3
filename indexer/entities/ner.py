"""Statistical NER for people, organisations and places: load a pipeline, score it on CoNLL.

The bundled model (models/ner-da) is a small spaCy pipeline trained on the Danish DDT NER
data by models/train_ner.py. REFERAT_NER_MODEL may name another installed spaCy or DaCy
pipeline, or a folder holding one. Nothing here touches the network.
"""

from __future__ import annotations

import os
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from indexer.errors import ModelError
from indexer.types import EntityType

DEFAULT_NER_MODEL = Path(__file__).resolve().parents[2] / "models" / "ner-da"
NER_MODEL_ENV = "REFERAT_NER_MODEL"
SCORED_TYPES: tuple[str, ...] = ("PER", "LOC", "ORG")
LABEL_MAP: dict[str, EntityType] = {
    "PER": "PERSON",
    "PERSON": "PERSON",
    "ORG": "ORGANIZATION",
    "ORGANIZATION": "ORGANIZATION",
    "LOC": "LOCATION",
    "LOCATION": "LOCATION",
    "GPE": "LOCATION",
}

Sentence = list[tuple[str, str]]
Span = tuple[int, int, str]


def load_ner(name_or_path: str | None = None) -> Language:
    """Load the NER pipeline: name_or_path, else $REFERAT_NER_MODEL, else the bundled one."""
    target = name_or_path or os.environ.get(NER_MODEL_ENV) or str(DEFAULT_NER_MODEL)
    try:
        nlp = spacy.load(target)
    except (OSError, ValueError, ImportError, KeyError) as exc:
        reason = str(exc).rstrip(".")
        raise ModelError(
            f"cannot load NER model {target!r}: {reason}. Set {NER_MODEL_ENV} to an installed "
            "spaCy/DaCy pipeline name or a pipeline folder, or unset it to use the bundled "
            f"{DEFAULT_NER_MODEL} (rebuild it with `python models/train_ner.py`)."
        ) from exc
    if "ner" not in nlp.pipe_names:
        raise ModelError(
            f"NER model {target!r} has no 'ner' pipe (pipes: "
            f"{', '.join(nlp.pipe_names) or 'none'}); set {NER_MODEL_ENV} to a pipeline that "
            "recognises named entities."
        )
    return nlp


def read_conll(path: str | Path) -> list[Sentence]:
    """Read `TOKEN<TAB>TAG` lines (BIO tags), sentences separated by blank lines."""
    sentences: list[Sentence] = []
    current: Sentence = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if not line.strip():
            if current:
                sentences.append(current)
            current = []
            continue
        token, _, tag = line.rstrip("\n").rpartition("\t")
        if not token:
            raise ModelError(f"{path}: line {line!r} is not TOKEN<TAB>TAG; give a CoNLL NER file.")
        current.append((token, tag.strip() or "O"))
    if current:
        sentences.append(current)
    return sentences


def bio_spans(tags: list[str]) -> list[Span]:
    """Entity spans (start, end, type) from BIO tags; a stray I- opens a new entity."""
    spans: list[Span] = []
    start, label = -1, ""
    for i, tag in enumerate([*tags, "O"]):
        prefix, _, kind = tag.partition("-")
        if label and (prefix != "I" or kind != label):
            spans.append((start, i, label))
            label = ""
        if prefix == "B" or (prefix == "I" and not label):
            start, label = i, kind
    return spans


def short_label(label: str) -> str:
    """A pipeline's label as a DDT type (PER/LOC/ORG), else the label itself."""
    return {"PERSON": "PER", "ORGANIZATION": "ORG", "LOCATION": "LOC", "GPE": "LOC"}.get(
        label, label
    )


def predict_spans(nlp: Language, words: list[str]) -> list[Span]:
    """Run every pipe of nlp on a Doc made of the given tokens; return its entities."""
    doc = Doc(nlp.vocab, words=words, spaces=[True] * len(words))
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    return [(ent.start, ent.end, short_label(ent.label_)) for ent in doc.ents]


def score_spans(gold: list[set[Span]], pred: list[set[Span]]) -> dict[str, dict[str, float]]:
    """Exact-match P/R/F1 per scored type and micro over them."""
    counts = {kind: [0, 0, 0] for kind in (*SCORED_TYPES, "micro")}  # tp, n_pred, n_gold
    for gold_set, pred_set in zip(gold, pred, strict=True):
        for kind in SCORED_TYPES:
            g = {s for s in gold_set if s[2] == kind}
            p = {s for s in pred_set if s[2] == kind}
            for key in (kind, "micro"):
                counts[key][0] += len(g & p)
                counts[key][1] += len(p)
                counts[key][2] += len(g)
    return {kind: _prf(*values) for kind, values in counts.items()}


def _prf(tp: int, n_pred: int, n_gold: int) -> dict[str, float]:
    precision = tp / n_pred if n_pred else 0.0
    recall = tp / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"p": precision, "r": recall, "f1": f1, "n": float(n_gold)}


def evaluate_dev(
    nlp: Language, conll_path: str | Path, limit: int | None = None
) -> dict[str, dict[str, float]]:
    """Score nlp on a CoNLL file, tokens given: P/R/F1 for PER, LOC, ORG and micro.

    MISC is not scored. limit keeps only the first sentences.
    """
    sentences = read_conll(conll_path)[:limit]
    gold = [set(bio_spans([tag for _, tag in sent])) for sent in sentences]
    pred = [set(predict_spans(nlp, [tok for tok, _ in sent])) for sent in sentences]
    return score_spans(gold, pred)


def format_scores(scores: dict[str, dict[str, float]]) -> str:
    """A small table of the scores evaluate_dev returns."""
    lines = [f"{'type':<6} {'P':>6} {'R':>6} {'F1':>6} {'n':>5}"]
    for kind, s in scores.items():
        lines.append(f"{kind:<6} {s['p']:6.3f} {s['r']:6.3f} {s['f1']:6.3f} {int(s['n']):5d}")
    return "\n".join(lines)
