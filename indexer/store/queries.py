"""Read side of the store: items in the CONTRACT's Item shape, case lookup, stats, entity rows."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator
from typing import Any

from indexer.analysis.terms import fold
from indexer.errors import InvalidInput, NotFound
from indexer.store.db import Store, case_key
from indexer.types import ENTITY_TYPES, normalized_value

ITEM_COLUMNS = """
    items.item_id, items.number, items.title, items.case_numbers, items.decision,
    items.attachments, meetings.municipality, meetings.committee, meetings.date,
    meetings.kind, meetings.source, documents.path
"""
ITEM_FROM = """
    FROM items JOIN meetings ON meetings.id = items.meeting_id
    JOIN documents ON documents.id = meetings.document_id
"""

ENTITY_ROW_FIELDS = (
    "type",
    "text",
    "normalized",
    "item_id",
    "section",
    "start",
    "end",
    "municipality",
    "committee",
    "meeting_date",
)


def item_header(row: sqlite3.Row) -> dict[str, Any]:
    """The fields every item-like response shares (Hit, Item, decisions)."""
    return {
        "item_id": row["item_id"],
        "municipality": row["municipality"],
        "committee": row["committee"],
        "meeting_date": row["date"],
        "item_number": row["number"],
        "title": row["title"],
        "case_numbers": json.loads(row["case_numbers"]),
        "source": row["source"] or row["path"],
    }


def get_item(store: Store, item_id: str) -> dict[str, Any]:
    """One agenda item in the Item shape; NotFound when unknown."""
    row = store.db.execute(
        f"SELECT {ITEM_COLUMNS} {ITEM_FROM} WHERE items.item_id = ?", (item_id,)
    ).fetchone()
    if row is None:
        raise NotFound(f"no agenda item with id {item_id!r}; search first to find ids")
    return _item(store, row)


def _item(store: Store, row: sqlite3.Row) -> dict[str, Any]:
    item = item_header(row)
    sections = store.db.execute(
        "SELECT id, heading, text FROM sections WHERE item_id = ? ORDER BY position",
        (row["item_id"],),
    ).fetchall()
    headings = {s["id"]: s["heading"] for s in sections}
    item["sections"] = [{"heading": s["heading"], "text": s["text"]} for s in sections]
    item["decision"] = json.loads(row["decision"]) if row["decision"] else None
    item["attachments"] = json.loads(row["attachments"])
    item["kind"] = row["kind"]
    item["entities"] = [
        {
            "type": e["type"],
            "text": e["text"],
            "normalized": normalized_value(e["type"], e["normalized"]),
            "item_id": row["item_id"],
            "section": headings.get(e["section_id"]),
            "start": e["start"],
            "end": e["end"],
        }
        for e in store.db.execute(
            'SELECT type, text, normalized, section_id, start, "end" FROM entities'
            " WHERE item_id = ? ORDER BY section_id, start",
            (row["item_id"],),
        )
    ]
    item["case"] = _case(store, row["item_id"])
    return item


def _case(store: Store, item_id: str) -> dict[str, Any]:
    from indexer.cases.timeline import case_for_item  # cases read the store: import late

    return case_for_item(store, item_id)


def items_by_case(store: Store, case_number: str) -> list[dict[str, Any]]:
    """Items carrying this case number, tolerant of spacing and letter case; newest first."""
    key = case_key(case_number)
    if not key:
        raise InvalidInput("case number is empty; give one like 15.40.00-P20-2-19 or 2010-32472")
    rows = store.db.execute(
        f"SELECT DISTINCT {ITEM_COLUMNS} {ITEM_FROM}"
        " JOIN case_numbers ON case_numbers.item_id = items.item_id"
        " WHERE case_numbers.key = ? ORDER BY meetings.date DESC, items.item_id",
        (key,),
    ).fetchall()
    if not rows:
        raise NotFound(f"no agenda item carries case number {case_number!r}")
    return [_item(store, row) for row in rows]


def stats(store: Store) -> dict[str, Any]:
    def count(table: str) -> int:
        return int(store.db.execute(f"SELECT count(*) FROM {table}").fetchone()[0])

    by_type = dict.fromkeys(ENTITY_TYPES, 0)
    for row in store.db.execute("SELECT type, count(*) FROM entities GROUP BY type"):
        by_type[row[0]] = int(row[1])
    return {
        "documents": count("documents"),
        "meetings": count("meetings"),
        "items": count("items"),
        "sections": count("sections"),
        "entities": by_type,
    }


def facets(store: Store) -> dict[str, list[str]]:
    """Distinct committees and municipalities, for filters on the web page."""

    def distinct(column: str) -> list[str]:
        rows = store.db.execute(
            f"SELECT DISTINCT {column} FROM meetings WHERE {column} IS NOT NULL ORDER BY 1"
        )
        return [str(r[0]) for r in rows]

    return {"committees": distinct("committee"), "municipalities": distinct("municipality")}


def spelled(value: str, known: list[str]) -> str:
    """The archive's spelling of a name given in any letter case or aa/å form.

    SQLite's NOCASE and lower() fold ASCII only: 'økonomiudvalget' would miss 'Økonomiudvalget'.
    """
    wanted = fold(" ".join(value.split()))
    return next((name for name in known if fold(name) == wanted), value)


def iter_entity_rows(
    store: Store,
    types: Iterable[str] = (),
    committee: str | None = None,
    item_ids: Iterable[str] | None = None,
    batch: int = 5000,
) -> Iterator[dict[str, Any]]:
    """Every entity with its item's context, streamed in constant memory."""
    types = [t.upper() for t in types]
    unknown = [t for t in types if t not in ENTITY_TYPES]
    if unknown:
        raise InvalidInput(
            f"unknown entity type {', '.join(unknown)}; choose from {', '.join(ENTITY_TYPES)}"
        )
    where, params = [], []  # type: ignore[var-annotated]
    if types:
        where.append(f"entities.type IN ({','.join('?' * len(types))})")
        params.extend(types)
    if committee:
        where.append("meetings.committee = ?")
        params.append(spelled(committee, facets(store)["committees"]))
    if item_ids is not None:
        ids = list(item_ids)
        where.append(f"entities.item_id IN ({','.join('?' * len(ids))})")
        params.extend(ids)
    from indexer.cases.collapse import NOT_SUPERSEDED  # an agenda gives way to its minutes

    where.append(NOT_SUPERSEDED)
    sql = (
        "SELECT entities.type, entities.text, entities.normalized, entities.item_id,"
        ' sections.heading AS section, entities.start, entities."end",'
        " meetings.municipality, meetings.committee, meetings.date AS meeting_date"
        " FROM entities JOIN items ON items.item_id = entities.item_id"
        " JOIN meetings ON meetings.id = items.meeting_id"
        " LEFT JOIN sections ON sections.id = entities.section_id"
        + (" WHERE " + " AND ".join(where) if where else "")
        + " ORDER BY entities.id"
    )
    cursor = store.db.execute(sql, params)
    while rows := cursor.fetchmany(batch):
        for row in rows:
            entity = dict(zip(ENTITY_ROW_FIELDS, tuple(row), strict=True))
            entity["normalized"] = normalized_value(entity["type"], entity["normalized"])
            yield entity
