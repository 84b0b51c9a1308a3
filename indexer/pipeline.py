"""Enrichment of parsed meetings: entities, decisions, analysed terms and vectors.

The models are loaded lazily, once, from the configured names or the bundled defaults, and
logged when they start.
"""

from __future__ import annotations

import logging
from functools import cached_property, lru_cache
from typing import TYPE_CHECKING

from indexer.config import Settings
from indexer.store.db import TITLE_ROW, SectionExtras
from indexer.types import AgendaItem, Entity, Meeting

if TYPE_CHECKING:
    from spacy.language import Language

    from indexer.embedding.embed import Embedder

log = logging.getLogger("referat")

EMBED_TEXT_CHARS = 4000


def section_embedding_text(item: AgendaItem, position: int) -> str:
    """What a section's vector is made from: the item title, the heading and the text."""
    section = item.sections[position]
    return f"{item.title}. {section.heading}. {section.text[:EMBED_TEXT_CHARS]}"


@lru_cache(maxsize=2)
def _nlp(ner_model: str | None) -> Language:
    """The entity pipeline, loaded once per process and model."""
    from indexer.entities.ner import load_ner
    from indexer.entities.pipeline import build_nlp

    ner = load_ner(ner_model)
    log.info("entity model: rules + NER %s", ner_model or ner.meta.get("name", "bundled"))
    return build_nlp(ner)


@lru_cache(maxsize=2)
def _embedder(embedding_model: str | None) -> Embedder:
    """The embedding model, loaded once per process and model."""
    from indexer.embedding.embed import load_embedder

    embedder = load_embedder(embedding_model)
    log.info("embedding model: %s (%d dims)", embedder.name, embedder.dim)
    return embedder


def header_case_numbers(item: AgendaItem, found: list[Entity]) -> list[Entity]:
    """The item's case numbers (from its header line) not already found in its title."""
    seen = {e.normalized for e in found if e.type == "CASE_NUMBER"}
    return [Entity("CASE_NUMBER", n, n, 0, len(n)) for n in item.case_numbers if n not in seen]


class Pipeline:
    """The models of one process. Cheap to create; models load on first use."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    @cached_property
    def nlp(self) -> Language:
        return _nlp(self.settings.ner_model)

    @cached_property
    def embedder(self) -> Embedder:
        return _embedder(self.settings.embedding_model)

    def enrich(self, meetings: list[Meeting]) -> dict[tuple[str, int], SectionExtras]:
        """Fill entities and decisions in place; return the per-section index extras."""
        from indexer.analysis.terms import analyse
        from indexer.decisions.detect import decide
        from indexer.search.snippet import encode_spans, term_spans

        keys: list[tuple[str, int]] = []
        texts: list[str] = []
        terms: dict[tuple[str, int], str] = {}
        spans: dict[tuple[str, int], str] = {}
        for meeting in meetings:
            for item in meeting.items:
                if self.settings.entities:
                    self._entities(item, meeting)
                item.decision = decide(item, meeting)
                if not item.sections:  # its title row (indexer.store.db._insert_title_row)
                    terms[(item.item_id, TITLE_ROW)] = " ".join(analyse(item.title))
                for position, section in enumerate(item.sections):
                    key = (item.item_id, position)
                    words = analyse(f"{item.title}\n{section.heading}\n{section.text}")
                    terms[key] = " ".join(words)
                    spans[key] = encode_spans(term_spans(section.text, analyse))
                    keys.append(key)
                    texts.append(section_embedding_text(item, position))
        vectors = self.embedder.encode(texts) if self.settings.embeddings and texts else None
        extras = {key: SectionExtras(terms=words) for key, words in terms.items()}
        extras.update({
            key: SectionExtras(
                terms=terms[key],
                vector=None if vectors is None else vectors[i],
                spans=spans[key],
            )
            for i, key in enumerate(keys)
        })
        return extras

    def _entities(self, item: AgendaItem, meeting: Meeting) -> None:
        """Entities of the header (section None: the title, offsets into it, and the case
        numbers) and of every section, all texts of the item batched through the pipeline."""
        from indexer.entities.pipeline import extract_many

        texts = [item.title, *(section.text for section in item.sections)]
        title, *sections = extract_many(self.nlp, texts, meeting_date=meeting.date)
        item.entities = title + header_case_numbers(item, title)
        for position, found in enumerate(sections):
            for entity in found:
                entity.section = position
            item.entities.extend(found)
