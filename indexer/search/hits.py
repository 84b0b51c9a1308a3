"""The hits of one result page: item headers, the shown section and its snippet.

In: the page's (item_id, score, section_id or None) rows and the query's analysed terms.
Out: CONTRACT's Hit dicts (plus outcome and decision_summary), in page order.

Three queries per page, whatever its size: the item headers, the shown sections with their
stored term spans, nothing per hit. An item without sections is a hit by its title alone
(empty section; its marked title as the snippet when the query's words are in it).
"""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from indexer.analysis.terms import analyse
from indexer.search.snippet import matching_spans, snippet
from indexer.store.db import Store
from indexer.store.queries import ITEM_COLUMNS, ITEM_FROM, item_header

Row = tuple[str, float, int | None]


def page_hits(store: Store, page: list[Row], terms: list[str]) -> list[dict[str, Any]]:
    """The Hit of each row of the page, in order."""
    items = _by_key(store, f"SELECT {ITEM_COLUMNS} {ITEM_FROM} WHERE items.item_id IN",
                    [item for item, _, _ in page], "item_id")
    sections = _by_key(
        store,
        "SELECT sections.id, sections.heading, sections.text, section_spans.spans"
        " FROM sections LEFT JOIN section_spans ON section_spans.section_id = sections.id"
        " WHERE sections.id IN",
        [s for _, _, s in page if s is not None],
        "id",
    )
    return [_hit(items[item], score, sections.get(s) if s is not None else None, terms)
            for item, score, s in page]


def _by_key(store: Store, select: str, keys: list[Any], column: str) -> dict[Any, sqlite3.Row]:
    if not keys:
        return {}
    marks = ",".join("?" * len(keys))
    rows = store.db.execute(f"{select} ({marks})", keys).fetchall()
    return {row[column]: row for row in rows}


def _hit(
    row: sqlite3.Row, score: float, section: sqlite3.Row | None, terms: list[str]
) -> dict[str, Any]:
    hit = item_header(row)
    hit["section"] = section["heading"] if section else ""
    hit["snippet"] = (
        snippet(section["text"], terms, analyse, stored=section["spans"])
        if section
        else _title_snippet(hit["title"], terms)
    )
    hit["score"] = round(score, 6)
    decision = json.loads(row["decision"]) if row["decision"] else None
    hit["outcome"] = decision["outcome"] if decision else None
    hit["decision_summary"] = decision["summary"] if decision else None
    return hit


def _title_snippet(title: str, terms: list[str]) -> str:
    """A hit without a section (an item without sections): its title, words marked, when the
    query's words are in it (found by its title row); "" when not (browsing, case number)."""
    return snippet(title, terms, analyse) if matching_spans(title, terms, analyse) else ""
