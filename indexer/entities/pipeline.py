"""The entity pipeline: statistical NER (optional) followed by the domain rules.

    nlp = build_nlp(load_ner())          # or build_nlp() for the rules alone
    extract(nlp, text, meeting_date="2020-02-03") -> [Entity]

The NER pipes run first; the domain components then replace any statistical entity their
own entities overlap. NER labels map to PERSON / ORGANIZATION / LOCATION; MISC is dropped.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from indexer.entities.components import DOMAIN_COMPONENTS, DOMAIN_LABELS, MEETING_DATE_KEY
from indexer.entities.dates import parse_meeting_date
from indexer.entities.gazetteer import FACTORY as GAZETTEER_FACTORY
from indexer.entities.gazetteer import add_gazetteer
from indexer.entities.ner import LABEL_MAP
from indexer.entities.refine import REFINERS, NerSpan, Refiner, refine
from indexer.errors import InvalidInput
from indexer.types import Entity, EntityType

NER_LABELS = LABEL_MAP  # statistical labels -> ours; MISC is dropped
# Pipes of a NER pipeline that its "ner" may need: the pipe itself and shared embeddings.
_NER_FACTORIES = {
    "ner",
    "beam_ner",
    "tok2vec",
    "transformer",
    "curated_transformer",
    "attribute_ruler",  # the bundled model marks gazetteer hits as token features
    GAZETTEER_FACTORY,  # ... which build_nlp swaps for a faster equivalent (entities.gazetteer)
}


def build_nlp(ner: Language | None = None, *, fast_gazetteer: bool = True) -> Language:
    """A Danish pipeline: `ner`'s entity recogniser (when given), then the rule components.

    An AttributeRuler of gazetteer patterns becomes an equivalent, faster GazetteerRuler
    under the same pipe name; `fast_gazetteer=False` keeps the AttributeRuler."""
    if ner is None:
        nlp = spacy.blank("da")
    else:
        nlp = spacy.blank(ner.lang or "da", vocab=ner.vocab)
        for name in ner.pipe_names:
            factory = ner.get_pipe_meta(name).factory
            if factory == "attribute_ruler" and fast_gazetteer and add_gazetteer(nlp, ner, name):
                continue
            if factory in _NER_FACTORIES:
                nlp.add_pipe(name, source=ner)
    for name in DOMAIN_COMPONENTS:
        nlp.add_pipe(name)
    return nlp


def extract(
    nlp: Language,
    text: str,
    meeting_date: str | None = None,
    *,
    steps: tuple[Refiner, ...] = REFINERS,
) -> list[Entity]:
    """Entities of `text`, with offsets into it; yearless dates take `meeting_date`'s year.

    The statistical spans go through the refine `steps` (indexer.entities.refine)."""
    return extract_many(nlp, [text], meeting_date, steps=steps)[0]


def extract_many(
    nlp: Language,
    texts: Sequence[str],
    meeting_date: str | None = None,
    *,
    steps: tuple[Refiner, ...] = REFINERS,
    batch_size: int = 32,
) -> list[list[Entity]]:
    """`extract` for several texts of one meeting, batched through the pipeline (faster)."""
    parse_meeting_date(meeting_date)  # InvalidInput when malformed
    docs = []
    for text in texts:
        if len(text) > nlp.max_length:
            raise InvalidInput(
                f"text of {len(text)} characters exceeds the pipeline limit of {nlp.max_length}; "
                "split it into sections first"
            )
        doc = nlp.make_doc(text)
        if meeting_date:
            doc.user_data[MEETING_DATE_KEY] = meeting_date
        docs.append(doc)
    has_ner = any(nlp.get_pipe_meta(n).factory in _NER_FACTORIES for n in nlp.pipe_names)
    return [
        _entities(doc, text, has_ner, steps)
        for doc, text in zip(nlp.pipe(docs, batch_size=batch_size), texts, strict=True)
    ]


def _entities(doc: Doc, text: str, has_ner: bool, steps: tuple[Refiner, ...]) -> list[Entity]:
    entities: list[Entity] = []
    statistical: list[NerSpan] = []
    for ent in doc.ents:
        label = ent.label_
        if label in DOMAIN_LABELS:
            kind: EntityType = label  # type: ignore[assignment]
            normalized = ent._.normalized or ent.text
            entities.append(Entity(kind, ent.text, normalized, ent.start_char, ent.end_char))
        elif label in NER_LABELS:
            statistical.append(NerSpan(ent.start_char, ent.end_char, NER_LABELS[label]))
    if statistical or has_ner:  # refine runs with a NER only; domain entities win overlaps
        for start, end, ner_label in refine(text, statistical, steps=steps):
            if not any(e.start < end and start < e.end for e in entities):
                surface = text[start:end]
                normalized = re.sub(r"\s+", " ", surface).strip()
                entities.append(Entity(ner_label, surface, normalized, start, end))  # type: ignore[arg-type]
    return sorted(entities, key=lambda e: (e.start, e.end))
