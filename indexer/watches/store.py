"""Saved searches in the store: create, list, remove, and the items each has matched.

A watch is {"id", "query", "filters", "webhook"}; its HMAC secret (for signing webhook
bodies) is shown once, when it is made. Matches are kept by item id without a foreign key,
so an item re-ingested under the same id is not announced twice.
"""

from __future__ import annotations

import json
import secrets
import time
from typing import Any
from urllib.parse import urlparse

from indexer.errors import InvalidInput, NotFound
from indexer.search.query import Filters
from indexer.store.db import Store
from indexer.store.queries import ITEM_COLUMNS, ITEM_FROM, item_header

MAX_QUERY_CHARS = 1000


def check_webhook(url: str | None) -> None:
    if url is None:
        return
    parsed = urlparse(url)
    if parsed.scheme not in ("http", "https") or not parsed.hostname:
        raise InvalidInput(
            f"webhook {url!r} is not an http(s) URL; give one like https://example.org/hook"
        )


def _public(row: Any) -> dict[str, Any]:
    return {
        "id": row["id"],
        "query": row["query"],
        "filters": json.loads(row["filters"]),
        "webhook": row["webhook"],
        "created_at": row["created_at"],
    }


def add_watch(
    store: Store,
    query: str,
    filters: Filters,
    webhook: str | None = None,
    secret: str | None = None,
) -> dict[str, Any]:
    """Save a search; the answer carries the secret the webhook bodies are signed with."""
    if not query.strip():
        raise InvalidInput("the saved search has no query; give some words, e.g. 'integration'")
    if len(query) > MAX_QUERY_CHARS:
        raise InvalidInput(f"the query is over {MAX_QUERY_CHARS} characters; shorten it")
    check_webhook(webhook)
    watch_id = secrets.token_hex(6)
    secret = secret or secrets.token_hex(16)
    with store.watch_home().transaction() as db:
        db.execute(
            "INSERT INTO watches (id, query, filters, webhook, secret, created_at)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            (watch_id, query, json.dumps(filters.to_json()), webhook, secret, time.time()),
        )
    return get_watch(store, watch_id) | {"secret": secret}


def get_watch(store: Store, watch_id: str) -> dict[str, Any]:
    row = store.watch_home().db.execute(
        "SELECT * FROM watches WHERE id = ?", (watch_id,)
    ).fetchone()
    if row is None:
        raise NotFound(f"no saved search with id {watch_id!r}; `referat watch list` shows them")
    return _public(row)


def watch_secret(store: Store, watch_id: str) -> str | None:
    row = store.watch_home().db.execute(
        "SELECT secret FROM watches WHERE id = ?", (watch_id,)
    ).fetchone()
    return None if row is None else row[0]


def list_watches(store: Store) -> list[dict[str, Any]]:
    rows = store.watch_home().db.execute(
        "SELECT * FROM watches ORDER BY created_at, id"
    ).fetchall()
    return [_public(row) for row in rows]


def remove_watch(store: Store, watch_id: str) -> None:
    with store.watch_home().transaction() as db:
        cur = db.execute("DELETE FROM watches WHERE id = ?", (watch_id,))
    if cur.rowcount == 0:
        raise NotFound(f"no saved search with id {watch_id!r}; `referat watch list` shows them")


def watch_filters(watch: dict[str, Any]) -> Filters:
    given = watch["filters"]
    return Filters(
        given.get("committee"),
        given.get("municipality"),
        given.get("date_from"),
        given.get("date_to"),
    )


def matched_items(store: Store, watch_id: str, limit: int = 100) -> list[dict[str, Any]]:
    """The items a watch matched, newest match first, each with `matched_at` (epoch s)."""
    get_watch(store, watch_id)
    matches = store.watch_home().db.execute(  # the matches live with the watches ...
        "SELECT item_id, matched_at FROM watch_matches WHERE watch_id = ?"
        " ORDER BY matched_at DESC, item_id LIMIT ?",
        (watch_id, limit),
    ).fetchall()
    if not matches:
        return []
    marks = ",".join("?" * len(matches))
    rows = store.db.execute(  # ... the items in the archive (every shard of a sharded one)
        f"SELECT {ITEM_COLUMNS}, items.outcome {ITEM_FROM} WHERE items.item_id IN ({marks})",
        [m["item_id"] for m in matches],
    ).fetchall()
    found = {r["item_id"]: r for r in rows}
    return [
        item_header(found[m["item_id"]])
        | {"outcome": found[m["item_id"]]["outcome"], "matched_at": m["matched_at"]}
        for m in matches
        if m["item_id"] in found
    ]
