"""What every rule finder returns: a character span of the text with its normalised value.

The finders are plain functions `text -> list[Match]`; the spaCy components wrap them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

URL_RE = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
# Letters of Danish text: a name or number that touches one of these is part of a longer word.
LETTERS = "A-Za-zÆØÅæøåÄÖÜäöüÉéÈèÁáÓóÍíÚú"


@dataclass(frozen=True, slots=True)
class Match:
    """One entity the rules found: `text[start:end]`, its label and normalised value."""

    start: int
    end: int
    label: str
    normalized: str


def url_spans(text: str) -> list[tuple[int, int]]:
    """Character ranges of web addresses, where no entity is looked for."""
    return [m.span() for m in URL_RE.finditer(text)] if "/" in text or "www" in text else []


def drop_inside(matches: list[Match], ranges: list[tuple[int, int]]) -> list[Match]:
    """The matches that overlap none of the ranges."""
    if not ranges:
        return matches
    return [m for m in matches if not any(m.start < e and s < m.end for s, e in ranges)]


def non_overlapping(matches: list[Match]) -> list[Match]:
    """Keep the longest of overlapping matches (earlier first on ties), sorted by position."""
    kept: list[Match] = []
    for m in sorted(matches, key=lambda m: (-(m.end - m.start), m.start)):
        if not any(m.start < k.end and k.start < m.end for k in kept):
            kept.append(m)
    return sorted(kept, key=lambda m: m.start)
