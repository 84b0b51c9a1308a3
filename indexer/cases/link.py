"""Case linking at ingest: each new item is linked to the stored items of its case.

Rules, strongest first, each recorded with its evidence (`case_links`):
- `case_number`: the same case or journal number ("2010-32472", "15.40.00-P20-2-19");
- `version`: the agenda (dagsorden) and minutes (referat) of one item: same municipality,
  committee, date and item number, or near-identical text at the same meeting date;
- `title`: the same title once routing marks are removed (indexer.cases.titles);
- `reference`: the item's history names an earlier meeting (body + date), and that meeting
  has an item with a matching title (indexer.cases.references);
- `near_duplicate`: MinHash/LSH over the case text (indexer.cases.minhash).
Each rule looks up candidates by an index (case number, title key, meeting date, band key),
so linking an item costs a few index probes however large the archive is. Items link only
within one municipality.
"""

from __future__ import annotations

import logging
import re
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass

from indexer.analysis.terms import fold
from indexer.cases import minhash, references, titles
from indexer.cases.unionfind import ensure, union
from indexer.errors import StoreError
from indexer.store.db import Store

log = logging.getLogger("referat")
MAX_TITLE_MATCHES = 20  # a key shared by more items is a recurring title, not one case
REFERENCE_TITLE_SIMILARITY = 0.5  # word overlap of the titles at the meeting referred to
BATCH = 200  # items linked a transaction
_WORD_RE = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class ItemInfo:
    item_id: str
    title: str
    number: str | None
    municipality: str | None
    committee: str | None
    date: str | None
    kind: str
    meeting_id: int

    @property
    def body(self) -> str:
        return references.body_key(self.committee or "")


_INFO_SQL = (
    "SELECT items.item_id, items.title, items.number, meetings.municipality,"
    " meetings.committee, meetings.date, meetings.kind, meetings.id"
    " FROM items JOIN meetings ON meetings.id = items.meeting_id"
)


def _info(db: sqlite3.Connection, where: str, params: Iterable[object]) -> list[ItemInfo]:
    return [ItemInfo(*row) for row in db.execute(f"{_INFO_SQL} WHERE {where}", tuple(params))]


def link_items(store: Store, item_ids: list[str]) -> int:
    """Link the items of one stored document to their cases; returns the links made.

    BATCH items a transaction: one transaction for a document of thousands of items outgrew
    SQLite's page cache, and each item then cost more than the one before."""
    made = 0
    for start in range(0, len(item_ids), BATCH):
        with store.transaction() as db:
            for item_id in item_ids[start : start + BATCH]:
                found = _info(db, "items.item_id = ?", (item_id,))
                if found:
                    made += link_item(db, found[0])
    return made


def link_after_commit(store: Store, item_ids: list[str]) -> None:
    """The ingest hook: link, and never fail the ingest (the document is already stored)."""
    try:
        link_items(store, item_ids)
    except StoreError as exc:  # a full disk or locked file, already explained: no traceback
        log.error("case linking failed for %d items (%s); they stay unlinked", len(item_ids), exc)
    except Exception:  # a linking bug must not cost the ingest; the items stay unlinked
        log.exception("case linking failed for %d items; they stay unlinked", len(item_ids))


def link_item(db: sqlite3.Connection, item: ItemInfo) -> int:
    ensure(db, item.item_id)
    sections = db.execute(
        "SELECT heading, text FROM sections WHERE item_id = ? ORDER BY position", (item.item_id,)
    ).fetchall()
    pairs = [(str(s[0]), str(s[1])) for s in sections]
    made = 0
    for other, rule, evidence in (
        *_by_case_number(db, item),
        *_by_version(db, item),
        *_by_title(db, item),
        *_by_reference(db, item, pairs),
        *_by_text(db, item, pairs),
    ):
        made += union(db, item.item_id, other, rule, evidence)
    return made


Link = tuple[str, str, str]  # (other item, rule, evidence)


def _same_place(item: ItemInfo, other: ItemInfo) -> bool:
    return other.item_id != item.item_id and other.municipality == item.municipality


def _by_case_number(db: sqlite3.Connection, item: ItemInfo) -> list[Link]:
    rows = db.execute(
        "SELECT DISTINCT other.item_id, other.key FROM case_numbers AS mine"
        " JOIN case_numbers AS other ON other.key = mine.key"
        " WHERE mine.item_id = ? AND other.item_id != ? LIMIT 200",
        (item.item_id, item.item_id),
    )
    return [(str(r[0]), "case_number", str(r[1])) for r in rows]


def _by_version(db: sqlite3.Connection, item: ItemInfo) -> list[Link]:
    """The agenda and the minutes of one meeting's item: the same number, or the same title
    (a renumbered agenda; standing items included, since it is the same meeting)."""
    if item.date is None:
        return []
    others = _info(db, "meetings.date = ? AND meetings.kind != ?", (item.date, item.kind))
    title = _plain_title(item.title)
    links = []
    for o in others:
        if not _same_place(item, o) or o.body != item.body:
            continue
        if item.number and o.number == item.number:
            links.append((o.item_id, "version", f"item {item.number}, {item.date}"))
        elif title and _plain_title(o.title) == title:
            links.append((o.item_id, "version", f"title {title!r}, {item.date}"))
    return links


def _plain_title(title: str) -> str:
    return " ".join(_WORD_RE.findall(fold(title)))


def _by_title(db: sqlite3.Connection, item: ItemInfo) -> list[Link]:
    key = titles.title_key(item.title)
    db.execute("DELETE FROM case_titles WHERE item_id = ?", (item.item_id,))
    if key is None:
        return []
    db.execute("INSERT INTO case_titles (key, item_id) VALUES (?, ?)", (key.key, item.item_id))
    ids = [
        str(r[0])
        for r in db.execute(
            "SELECT item_id FROM case_titles WHERE key = ? AND item_id != ? LIMIT ?",
            (key.key, item.item_id, MAX_TITLE_MATCHES + 1),
        )
    ]
    if len(ids) > MAX_TITLE_MATCHES:
        return []
    marks = ",".join("?" * len(ids))
    links = []
    for other in _info(db, f"items.item_id IN ({marks})", ids) if ids else []:
        if not _same_place(item, other) or other.meeting_id == item.meeting_id:
            continue
        other_key = titles.title_key(other.title)
        recurring = other_key is None or not titles.links_same_body(key, other_key)
        if other.body == item.body and other.kind == item.kind and recurring:
            continue
        versions = other.body == item.body and other.date == item.date and other.kind != item.kind
        links.append((other.item_id, "version" if versions else "title", key.key))
    return links


def _title_similarity(first: str, second: str) -> float:
    a = set(_WORD_RE.findall(fold(titles.strip_routing(first)[0])))
    b = set(_WORD_RE.findall(fold(titles.strip_routing(second)[0])))
    return len(a & b) / len(a | b) if a and b else 0.0


def _by_reference(
    db: sqlite3.Connection, item: ItemInfo, sections: list[tuple[str, str]]
) -> list[Link]:
    db.execute("DELETE FROM case_refs WHERE item_id = ?", (item.item_id,))
    links: list[Link] = []
    for ref in references.find_references(sections, item.date):
        db.execute(
            "INSERT INTO case_refs (item_id, municipality, body, date) VALUES (?, ?, ?, ?)",
            (item.item_id, item.municipality, ref.body, ref.date),
        )
        same_day = _info(
            db, "meetings.date = ? AND meetings.municipality IS ?", (ref.date, item.municipality)
        )
        meeting = [o for o in same_day if o.body == ref.body]
        links += _matching_titles(item, meeting, f"{ref.body} {ref.date}")
    if item.date is not None:  # later items already stored that refer to this item's meeting
        rows = db.execute(
            "SELECT DISTINCT item_id FROM case_refs WHERE body = ? AND date = ? AND item_id != ?",
            (item.body, item.date, item.item_id),
        )
        ids = [str(r[0]) for r in rows][:200]
        marks = ",".join("?" * len(ids))
        later = _info(db, f"items.item_id IN ({marks})", ids) if ids else []
        links += _matching_titles(item, later, f"{item.body} {item.date}")
    return links


def _matching_titles(item: ItemInfo, candidates: list[ItemInfo], evidence: str) -> list[Link]:
    """The candidate whose title best matches the item's, if it matches well enough."""
    scored = [
        (_title_similarity(item.title, o.title), o) for o in candidates if _same_place(item, o)
    ]
    scored = [(s, o) for s, o in scored if s >= REFERENCE_TITLE_SIMILARITY]
    if not scored:
        return []
    score, best = max(scored, key=lambda pair: pair[0])
    return [(best.item_id, "reference", f"{evidence}; titles {score:.2f} alike")]


def _by_text(db: sqlite3.Connection, item: ItemInfo, sections: list[tuple[str, str]]) -> list[Link]:
    signature = minhash.signature(minhash.case_text(sections))
    if signature is None or titles.is_standing(item.title):
        db.execute("DELETE FROM case_minhash WHERE item_id = ?", (item.item_id,))
        db.execute("DELETE FROM case_lsh WHERE item_id = ?", (item.item_id,))
        return []
    minhash.store_signature(db, item.item_id, signature)
    found = dict(minhash.near_duplicates(db, item.item_id, signature))
    marks = ",".join("?" * len(found))
    links: list[Link] = []
    for other in _info(db, f"items.item_id IN ({marks})", list(found)) if found else []:
        if not _same_place(item, other) or titles.is_standing(other.title):
            continue
        same_item = other.date == item.date and other.body == item.body and other.kind != item.kind
        if other.meeting_id == item.meeting_id and not same_item:
            continue
        rule = "version" if same_item else "near_duplicate"
        links.append((other.item_id, rule, f"text {found[other.item_id]:.2f} alike"))
    return links
