"""After an ingest: the new items that match each saved search are recorded (and queued).

A new item matches a watch when it passes the watch's filters (as given, or inferred from
the query the way search infers them: "socialudvalget integration") and carries every
content term of the query (the same Danish analysis as the lexical index: compounds split,
inflections folded) in its title or sections. A watch with a webhook also gets an outbox row
per match, delivered after the ingest by indexer.watches.webhook.
"""

from __future__ import annotations

import json
import logging
import sqlite3
import time
from typing import Any

from indexer.analysis.terms import analyse, fold
from indexer.search.query import Filters, understand
from indexer.store.db import Store
from indexer.store.queries import ITEM_COLUMNS, ITEM_FROM, facets, item_header
from indexer.watches.store import list_watches, watch_filters

log = logging.getLogger("referat")


def _passes(filters: Filters, row: sqlite3.Row) -> bool:
    if filters.committee and fold(filters.committee) != fold(row["committee"] or ""):
        return False
    if filters.municipality and fold(filters.municipality) != fold(row["municipality"] or ""):
        return False
    day = row["date"]
    if filters.date_from and (day is None or day < filters.date_from):
        return False
    return not (filters.date_to and (day is None or day > filters.date_to))


def _item_terms(db: Any, item_id: str, title: str) -> set[str]:
    rows = db.execute(
        "SELECT sections_fts.terms FROM sections JOIN sections_fts"
        " ON sections_fts.rowid = sections.id WHERE sections.item_id = ?",
        (item_id,),
    )
    words = set(analyse(title))
    for row in rows:
        words.update(str(row[0]).split())
    return words


def record_matches(store: Store, item_ids: list[str]) -> int:
    """Record the new matches of every watch among these items; returns how many."""
    watches = list_watches(store)
    if not watches or not item_ids:
        return 0
    committees = facets(store)["committees"]
    compiled = []
    for watch in watches:
        query = understand(watch["query"], watch_filters(watch), committees)
        compiled.append((watch, query.filters, set(analyse(query.text))))
    marks = ",".join("?" * len(item_ids))
    rows = store.db.execute(  # the items, in whichever shard holds them
        f"SELECT {ITEM_COLUMNS}, items.outcome {ITEM_FROM} WHERE items.item_id IN ({marks})",
        item_ids,
    ).fetchall()
    found: list[tuple[dict[str, Any], sqlite3.Row]] = []
    for row in rows:
        terms = _item_terms(store.db, row["item_id"], row["title"])
        found += [(w, row) for w, flt, wanted in compiled if _passes(flt, row) and wanted <= terms]
    made = 0
    with store.watch_home().transaction() as db:  # the matches, with the watches
        for watch, row in found:
            made += _record(db, watch, row)
    return made


def _record(db: sqlite3.Connection, watch: dict[str, Any], row: sqlite3.Row) -> int:
    now = time.time()
    cur = db.execute(
        "INSERT OR IGNORE INTO watch_matches (watch_id, item_id, matched_at) VALUES (?, ?, ?)",
        (watch["id"], row["item_id"], now),
    )
    if cur.rowcount == 0:
        return 0  # matched before (the same item id ingested again)
    if watch["webhook"]:
        body = json.dumps(_payload(watch, row, now), ensure_ascii=False).encode("utf-8")
        db.execute(
            "INSERT INTO watch_outbox (watch_id, item_id, body, next_at) VALUES (?, ?, ?, ?)",
            (watch["id"], row["item_id"], body, now),
        )
    return 1


def _payload(watch: dict[str, Any], row: sqlite3.Row, now: float) -> dict[str, Any]:
    """The JSON a webhook receives for one new match."""
    return {
        "event": "watch.match",
        "watch": {"id": watch["id"], "query": watch["query"], "filters": watch["filters"]},
        "item": item_header(row) | {"outcome": row["outcome"]},
        "matched_at": now,
    }


def record_after_commit(store: Store, item_ids: list[str]) -> None:
    """The ingest hook: never fail the ingest (the document is already stored)."""
    try:
        record_matches(store, item_ids)
    except Exception:  # a bug here must not cost the ingest
        log.exception("saved-search matching failed for %d items", len(item_ids))
