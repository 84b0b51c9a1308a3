"""Answering questions with decisions: search, keep the decided items, most relevant first."""

from __future__ import annotations

import json
from typing import Any

from indexer.search.hybrid import Searcher
from indexer.search.query import Filters

CANDIDATES = 100


def answer(searcher: Searcher, question: str, filters: Filters, limit: int = 10) -> dict[str, Any]:
    """The /decisions response: decisions relevant to the question, by relevance then newest.

    A committee or period named in the question restricts the answer to it (query
    understanding in search does that).
    """
    response = searcher.search(question, filters, limit=CANDIDATES)
    decided = []
    for hit in response["hits"]:
        decision = _decision(searcher, hit["item_id"])
        if decision is not None:
            decided.append({**_header(hit), "decision": decision, "score": hit["score"]})
    decided.sort(key=lambda d: (-round(d["score"], 4), _newest(d["meeting_date"])))
    for row in decided:
        del row["score"]
    return {"query": question, "filters": response["filters"], "decisions": decided[:limit]}


def _decision(searcher: Searcher, item_id: str) -> dict[str, Any] | None:
    row = searcher.store.db.execute(
        "SELECT decision FROM items WHERE item_id = ?", (item_id,)
    ).fetchone()
    return json.loads(row[0]) if row and row[0] else None


def _header(hit: dict[str, Any]) -> dict[str, Any]:
    keys = (
        "item_id",
        "municipality",
        "committee",
        "meeting_date",
        "item_number",
        "title",
        "case_numbers",
        "source",
    )
    return {k: hit[k] for k in keys}


def _newest(meeting_date: str | None) -> str:
    """Sort key putting later dates first (and unknown dates last)."""
    if not meeting_date:
        return "~"
    return "".join(chr(ord("9") - ord(c) + ord("0")) if c.isdigit() else c for c in meeting_date)
