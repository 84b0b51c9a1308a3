"""The case timeline: every item of an item's case in date order, and the path in words.

The Item's `case` field: {"id", "items": [{"item_id", "municipality", "committee",
"meeting_date", "title", "outcome"}]}; each entry also says its `kind` (dagsorden/referat)
and whether it is `superseded` (an agenda whose minutes are stored), as additive fields.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from indexer.cases.unionfind import case_of
from indexer.errors import NotFound
from indexer.store.db import Store

OUTCOME_WORDS = {
    "approved": "godkendt",
    "rejected": "forkastet",
    "noted": "taget til efterretning",
    "postponed": "udsat",
    "referred": "henvist",
    "discussed": "drøftet",
    "other": "behandlet",
}
MONTHS = (
    "januar",
    "februar",
    "marts",
    "april",
    "maj",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "december",
)

_TIMELINE_SQL = """
    SELECT items.item_id, meetings.municipality, meetings.committee, meetings.date,
           items.title, items.outcome, meetings.kind
    FROM case_items JOIN items ON items.item_id = case_items.item_id
    JOIN meetings ON meetings.id = items.meeting_id
    WHERE case_items.case_id = ?
    ORDER BY meetings.date IS NULL, meetings.date, meetings.kind = 'referat', items.item_id
"""


def case_items(db: sqlite3.Connection, case_id: str) -> list[dict[str, Any]]:
    rows = db.execute(_TIMELINE_SQL, (case_id,)).fetchall()
    # the SQL's order again, over rows a sharded archive gathers shard after shard
    rows.sort(key=lambda r: (r[3] is None, r[3] or "", r[6] == "referat", r[0]))
    entries = [
        {
            "item_id": r[0],
            "municipality": r[1],
            "committee": r[2],
            "meeting_date": r[3],
            "title": r[4],
            "outcome": r[5],
            "kind": r[6],
        }
        for r in rows
    ]
    minutes = {(e["committee"], e["meeting_date"]) for e in entries if e["kind"] == "referat"}
    for entry in entries:
        key = (entry["committee"], entry["meeting_date"])
        entry["superseded"] = entry["kind"] == "dagsorden" and key in minutes
    return entries


def case_for_item(store: Store, item_id: str) -> dict[str, Any]:
    """{"id", "items"} of the item's case; an item not yet linked is a case of its own."""
    case_id = case_of(store.db, item_id) or item_id
    entries = case_items(store.db, case_id)
    return {"id": case_id, "items": entries}


def case_by_id(store: Store, case_id: str) -> dict[str, Any]:
    """A case by its id (an item id also names its case); NotFound when unknown."""
    found = case_of(store.db, case_id)
    entries = case_items(store.db, found or case_id)
    if not entries:
        raise NotFound(f"no case with id {case_id!r}; an item's case id is in its 'case' field")
    return {"id": found or case_id, "items": entries}


def latest(entries: list[dict[str, Any]]) -> dict[str, Any]:
    """The item that says where the case stands: the last one, minutes before agendas."""
    current = [e for e in entries if not e["superseded"]] or entries
    return current[-1]


def danish_date(iso: str | None) -> str:
    if not iso or len(iso) < 10:
        return iso or "udateret"
    year, month, day = iso[:4], int(iso[5:7]), int(iso[8:10])
    return f"{day}. {MONTHS[month - 1]} {year}"


def path_text(entries: list[dict[str, Any]]) -> str:
    """ "Borgerrepræsentationen 25. juni 2026: henvist -> Socialudvalget 12. august 2026: ..."."""
    steps = []
    for e in entries:
        if e["superseded"]:
            continue
        outcome = OUTCOME_WORDS.get(e["outcome"] or "") or (
            "behandlet" if e["kind"] == "referat" else "på dagsordenen"
        )
        steps.append(
            f"{e['committee'] or 'ukendt udvalg'} {danish_date(e['meeting_date'])}: {outcome}"
        )
    return " -> ".join(steps)
