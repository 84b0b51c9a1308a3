"""Stable, readable agenda-item ids: "frederiksberg-socialudvalget-2020-02-03-7".

An id is built from what the document says (municipality, committee, meeting date, item
number; "-dagsorden" for agenda-only documents), so re-parsing the same document gives the
same ids. Parts the document does not give are replaced by a short hash of its path. Items
that carry an id from their source (Copenhagen JSON "id") keep it, slugified.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable

from indexer.types import AgendaItem, Document, Meeting

_FOLD = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "Æ": "ae", "Ø": "oe", "Å": "aa"})
TITLE_SLUG_LENGTH = 40


def slugify(text: str) -> str:
    """Lower-case ASCII words joined by "-": "Økonomiudvalget 2020" -> "oekonomiudvalget-2020".

    æ -> ae, ø -> oe, å -> aa; other accents are dropped (é -> e); anything else that is not
    a letter or digit separates words.
    """
    folded = text.translate(_FOLD).lower()
    ascii_text = unicodedata.normalize("NFKD", folded).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")


def path_hash(path: str) -> str:
    """A short, stable hash of a document path (8 hex digits)."""
    return hashlib.sha1(path.encode("utf-8")).hexdigest()[:8]


def _meeting_prefix(meeting: Meeting, doc: Document) -> list[str]:
    parts: list[str | None] = [
        slugify(meeting.municipality or "") or None,
        slugify(meeting.committee or "") or None,
        meeting.date or None,
    ]
    out: list[str] = []
    hashed = False
    for part in parts:
        if part:
            out.append(part)
        elif not hashed:
            out.append(path_hash(doc.path))
            hashed = True
    return out


def item_id(meeting: Meeting, item: AgendaItem, doc: Document) -> str:
    """The stable id of one agenda item, before de-duplication within its document."""
    if item.source_id and slugify(item.source_id):
        return slugify(item.source_id)
    number = slugify(item.number or "")
    if not number:
        number = slugify(item.title)[:TITLE_SLUG_LENGTH].strip("-") or "punkt"
    parts = [*_meeting_prefix(meeting, doc), number]
    if meeting.kind == "dagsorden":
        parts.append("dagsorden")
    return "-".join(parts)


def unique(ids: Iterable[str]) -> list[str]:
    """Make ids unique in order, appending "-2", "-3", ... to repeats."""
    seen: set[str] = set()
    out: list[str] = []
    for base in ids:
        candidate, n = base, 1
        while candidate in seen:
            n += 1
            candidate = f"{base}-{n}"
        seen.add(candidate)
        out.append(candidate)
    return out


def assign_item_ids(meetings: list[Meeting], doc: Document) -> None:
    """Set item_id on every item of a document's meetings, unique within the document."""
    pairs = [(meeting, item) for meeting in meetings for item in meeting.items]
    ids = unique(item_id(meeting, item, doc) for meeting, item in pairs)
    for (_, item), new_id in zip(pairs, ids, strict=True):
        item.item_id = new_id
