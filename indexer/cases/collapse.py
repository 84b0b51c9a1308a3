"""One search hit per case: the ranked items folded into their cases.

A post-processing step on the ranked (item_id, score, section_id) list: the first (best)
item of each case takes the case's place in the ranking; the hit shown is the case's latest
item (minutes before their agenda) when that item was ranked too, else the best ranked one.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from indexer.cases.timeline import case_items, latest, path_text
from indexer.store.db import Store

Ranked = list[tuple[str, float, Any]]  # (item_id, score, section id or None)
COLLAPSE_MODES = ("case", "none")
# SQL over `items` and its `meetings`: the item is not an agenda whose minutes are stored
# (the minutes of the same case, body and date supersede it in search and export)
NOT_SUPERSEDED = """NOT (meetings.kind = 'dagsorden' AND EXISTS (
    SELECT 1 FROM case_items AS mine JOIN case_items AS other ON other.case_id = mine.case_id
    JOIN items AS other_item ON other_item.item_id = other.item_id
    JOIN meetings AS other_meeting ON other_meeting.id = other_item.meeting_id
    WHERE mine.item_id = items.item_id AND other_meeting.kind = 'referat'
    AND other_meeting.date IS meetings.date AND other_meeting.committee IS meetings.committee))"""


def case_ids(db: sqlite3.Connection, item_ids: list[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for start in range(0, len(item_ids), 900):
        part = item_ids[start : start + 900]
        marks = ",".join("?" * len(part))
        rows = db.execute(
            f"SELECT item_id, case_id FROM case_items WHERE item_id IN ({marks})", part
        )
        out.update({str(r[0]): str(r[1]) for r in rows})
    return out


def collapse(store: Store, ranked: Ranked) -> Ranked:
    """The ranking with one entry per case, in the order of each case's best item."""
    cases = case_ids(store.db, [item for item, _, _ in ranked])
    by_case: dict[str, Ranked] = {}
    for entry in ranked:
        by_case.setdefault(cases.get(entry[0], entry[0]), []).append(entry)
    out: Ranked = []
    for case_id, entries in by_case.items():
        if len(entries) == 1:
            out.append(entries[0])
            continue
        ranked_ids = {item: (score, section) for item, score, section in entries}
        timeline = [e for e in case_items(store.db, case_id) if e["item_id"] in ranked_ids]
        shown = latest(timeline)["item_id"] if timeline else entries[0][0]
        out.append((shown, entries[0][1], ranked_ids[shown][1]))
    return out


def attach_cases(store: Store, hits: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each hit gains its case (id, items) and the path in words, as additive fields."""
    cases = case_ids(store.db, [hit["item_id"] for hit in hits])
    for hit in hits:
        case_id = cases.get(hit["item_id"], hit["item_id"])
        entries = case_items(store.db, case_id)
        hit["case"] = {"id": case_id, "items": entries, "path": path_text(entries)}
    return hits


def unknown_collapse(value: str) -> str | None:
    """The error message for a collapse mode that does not exist, else None."""
    if value in COLLAPSE_MODES:
        return None
    return f"collapse must be 'case' (one hit per case) or 'none' (every item), got {value!r}"
