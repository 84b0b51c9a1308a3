"""`referat case` and GET /cases/{case}: by case number (as before) or by case id.

The answer keeps its shape {"case_number", "items": [Item]} and gains "case": the timeline
{"id", "items", "path", "links"} of the case, the links with the rule and evidence of each.
"""

from __future__ import annotations

from typing import Any

from indexer.cases.timeline import case_by_id, path_text
from indexer.errors import NotFound
from indexer.shards.reads import get_item, items_by_case  # a sharded archive too
from indexer.store.db import Store


def links(store: Store, item_ids: list[str]) -> list[dict[str, str]]:
    marks = ",".join("?" * len(item_ids))
    rows = store.db.execute(
        "SELECT rowid, item_id, linked_to, rule, evidence FROM case_links"
        f" WHERE item_id IN ({marks}) ORDER BY rowid",
        item_ids,
    ).fetchall()
    rows.sort(key=lambda r: r[0])  # a sharded archive's rows come shard after shard
    return [{"item_id": r[1], "linked_to": r[2], "rule": r[3], "evidence": r[4]} for r in rows]


def find_case(store: Store, key: str) -> dict[str, Any]:
    """Items by case number, newest first (the CONTRACT shape), else the case with this id."""
    try:
        items = items_by_case(store, key)
    except NotFound:
        try:
            timeline = case_by_id(store, key.strip())
        except NotFound:
            raise NotFound(
                f"no agenda item carries case number {key!r}, and no case has that id"
            ) from None
        items = [get_item(store, e["item_id"]) for e in reversed(timeline["items"])]
    case = dict(items[0]["case"])
    case["path"] = path_text(case["items"])
    case["links"] = links(store, [e["item_id"] for e in case["items"]])
    return {"case_number": key, "items": items, "case": case}
