"""The read side over a sharded archive: what one store answers with SQL, summed or merged.

Each function takes what indexer.shards.open_store returns and works on a plain Store too,
so commands and routes call these and need not know whether the archive is sharded.
"""

from __future__ import annotations

from typing import Any

from indexer.cases.timeline import case_for_item
from indexer.errors import NotFound
from indexer.shards.store import ShardedStore
from indexer.store import queries
from indexer.store.db import Store


def stats(store: Store) -> dict[str, Any]:
    """queries.stats summed over the shards (and the shard count, when sharded)."""
    if not isinstance(store, ShardedStore):
        return queries.stats(store)
    parts = [queries.stats(s) for s in store.shards]
    total: dict[str, Any] = {k: sum(p[k] for p in parts) for k in parts[0] if k != "entities"}
    total["entities"] = {t: sum(p["entities"][t] for p in parts) for t in parts[0]["entities"]}
    total["shards"] = len(parts)
    return total


def merged_facets(parts: list[dict[str, list[str]]]) -> dict[str, list[str]]:
    return {key: sorted({v for p in parts for v in p[key]}) for key in parts[0]} if parts else {}


def facets(store: Store) -> dict[str, list[str]]:
    if not isinstance(store, ShardedStore):
        return queries.facets(store)
    return merged_facets([queries.facets(s) for s in store.shards])


def items_by_case(store: Store, case_number: str) -> list[dict[str, Any]]:
    """Items carrying the case number from every shard, newest first as in one store."""
    if not isinstance(store, ShardedStore):
        return queries.items_by_case(store, case_number)
    found: list[dict[str, Any]] = []
    for shard in store.shards:
        try:
            found += queries.items_by_case(shard, case_number)
        except NotFound:
            continue
    if not found:
        raise NotFound(f"no agenda item carries case number {case_number!r}")
    for item in found:  # the case spans the shards (indexer.shards.cases)
        item["case"] = case_for_item(store, item["item_id"])
    found.sort(key=lambda i: i["item_id"])
    found.sort(key=lambda i: i["meeting_date"] or "", reverse=True)
    return found


def get_item(store: Store, item_id: str) -> dict[str, Any]:
    if not isinstance(store, ShardedStore):
        return queries.get_item(store, item_id)
    shard = find_shard(store, item_id)
    if shard is None:
        raise NotFound(f"no agenda item with id {item_id!r}; search first to find ids")
    item = queries.get_item(store.shards[shard], item_id)
    item["case"] = case_for_item(store, item_id)  # the case spans the shards
    return item


def find_shard(store: ShardedStore, item_id: str) -> int | None:
    """The shard holding the item (an item id lives in one shard)."""
    for k, shard in enumerate(store.shards):
        if shard.db.execute("SELECT 1 FROM items WHERE item_id = ?", (item_id,)).fetchone():
            return k
    return None
