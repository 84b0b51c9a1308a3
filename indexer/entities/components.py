"""The rule finders as spaCy pipeline components writing `doc.ents`.

Each component sets `Span._.normalized` on its entities. A domain entity (COMMITTEE, DATE,
AMOUNT, CASE_NUMBER) replaces any statistical entity (PERSON, ORG, ...) it overlaps; among
the domain components, the one that ran first keeps its entity.

Components (registered when this module is imported):
- "referat_case_numbers" (stateless component)
- "referat_dates" (factory; config `meeting_date`: the default when the Doc has no
  `doc.user_data["meeting_date"]`)
- "referat_amounts" (stateless component)
- "referat_committees" (factory; config `advisory_prefixes`, saved with the pipeline)
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import ensure_path

from indexer.entities.amounts import find_amounts
from indexer.entities.casenumbers import find_case_numbers
from indexer.entities.committee import ADVISORY_PREFIXES, CommitteeFinder
from indexer.entities.dates import find_dates
from indexer.entities.matches import Match

DOMAIN_LABELS: tuple[str, ...] = ("CASE_NUMBER", "DATE", "AMOUNT", "COMMITTEE")
MEETING_DATE_KEY = "meeting_date"
_ASSIGNS = ["doc.ents", "token.ent_iob", "token.ent_type"]

ENTS_KEY = "referat.ents"  # doc.user_data: the entities as the last component left them
if not Span.has_extension("normalized"):
    Span.set_extension("normalized", default=None)


def add_matches(doc: Doc, matches: list[Match]) -> Doc:
    """Put the matches into doc.ents, over statistical entities, under earlier domain ones."""
    if not matches:
        return doc
    if _split_tokens_at(doc, [b for m in matches for b in (m.start, m.end)]):
        doc.user_data.pop(ENTS_KEY, None)  # token indices moved: the cached spans are stale
    new: list[Span] = []
    for m in matches:
        span = doc.char_span(m.start, m.end, label=m.label)
        if span is not None:
            span._.normalized = m.normalized
            new.append(span)
    old = doc.user_data.get(ENTS_KEY) or list(doc.ents)
    domain = [e for e in old if e.label_ in DOMAIN_LABELS]
    new = [s for s in new if not _overlaps_any(s, domain)]
    kept = [e for e in old if e.label_ in DOMAIN_LABELS or not _overlaps_any(e, new)]
    ents = sorted([*kept, *new], key=lambda s: s.start)
    doc.ents = ents
    # Reading doc.ents walks every token; the next component reads this list instead.
    doc.user_data[ENTS_KEY] = ents
    return doc


def _overlaps_any(span: Span, others: Iterable[Span]) -> bool:
    return any(span.start < o.end and o.start < span.end for o in others)


def _split_tokens_at(doc: Doc, offsets: list[int]) -> bool:
    """Split the tokens that a match boundary falls inside, so every match aligns.

    Returns whether any token was split."""
    cuts: dict[int, set[int]] = {}
    length = len(doc.text)  # doc.text walks every token: once, not once per offset
    for offset in offsets:
        if offset >= length:
            continue
        token = doc[_token_index(doc, offset)]
        inner = offset - token.idx
        if 0 < inner < len(token.text):
            cuts.setdefault(token.i, set()).add(inner)
    if not cuts:
        return False
    with doc.retokenize() as retokenizer:
        for i, inner_cuts in cuts.items():
            token = doc[i]
            bounds = [0, *sorted(inner_cuts), len(token.text)]
            orths = [token.text[a:b] for a, b in zip(bounds, bounds[1:], strict=False)]
            retokenizer.split(token, orths, heads=[(token, 0)] * len(orths))
    return True


def _token_index(doc: Doc, offset: int) -> int:
    """Index of the token holding the character at offset (or the whitespace after it)."""
    lo, hi = 0, len(doc) - 1
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if doc[mid].idx <= offset:
            lo = mid
        else:
            hi = mid - 1
    return lo


@Language.component("referat_case_numbers", assigns=[*_ASSIGNS, "span._.normalized"])
def case_numbers_component(doc: Doc) -> Doc:
    """CASE_NUMBER entities: KLE, Copenhagen and labelled case numbers."""
    return add_matches(doc, find_case_numbers(doc.text))


@Language.component("referat_amounts", assigns=[*_ASSIGNS, "span._.normalized"])
def amounts_component(doc: Doc) -> Doc:
    """AMOUNT entities in whole kroner, including bare cells of kroner tables."""
    return add_matches(doc, find_amounts(doc.text))


class DatesComponent:
    """DATE entities; yearless dates are resolved against the meeting date."""

    def __init__(self, meeting_date: str | None = None) -> None:
        self.meeting_date = meeting_date

    def __call__(self, doc: Doc) -> Doc:
        meeting = doc.user_data.get(MEETING_DATE_KEY) or self.meeting_date
        return add_matches(doc, find_dates(doc.text, meeting))


@Language.factory(
    "referat_dates",
    default_config={"meeting_date": None},
    assigns=[*_ASSIGNS, "span._.normalized"],
)
def make_dates(nlp: Language, name: str, meeting_date: str | None) -> DatesComponent:
    return DatesComponent(meeting_date)


class CommitteesComponent:
    """COMMITTEE entities; the advisory-council prefixes are saved with the pipeline."""

    def __init__(self, advisory_prefixes: Iterable[str] | None = None) -> None:
        self.finder = CommitteeFinder(advisory_prefixes or ADVISORY_PREFIXES)

    def __call__(self, doc: Doc) -> Doc:
        return add_matches(doc, self.finder.find(doc.text))

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        folder = ensure_path(path)
        folder.mkdir(parents=True, exist_ok=True)
        data = {"advisory_prefixes": list(self.finder.advisory_prefixes)}
        (folder / "committees.json").write_text(json.dumps(data, ensure_ascii=False), "utf-8")

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> CommitteesComponent:
        data: dict[str, Any] = json.loads(
            (ensure_path(path) / "committees.json").read_text("utf-8")
        )
        self.finder = CommitteeFinder(data["advisory_prefixes"])
        return self


@Language.factory(
    "referat_committees",
    default_config={"advisory_prefixes": None},
    assigns=[*_ASSIGNS, "span._.normalized"],
)
def make_committees(
    nlp: Language, name: str, advisory_prefixes: list[str] | None
) -> CommitteesComponent:
    return CommitteesComponent(advisory_prefixes)


# In the order they run: the first keeps a contested span.
DOMAIN_COMPONENTS: tuple[str, ...] = (
    "referat_case_numbers",
    "referat_dates",
    "referat_amounts",
    "referat_committees",
)
