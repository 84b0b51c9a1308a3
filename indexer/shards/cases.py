"""Cases across shards: one case index for the archive, linked as one store links its items.

Case linking (indexer.cases.link) looks its candidates up in one database; a shard alone sees
only its own items, so a case whose items fall on different shards (`--route hash` puts each
meeting where its hash says) would stay split. A sharded archive therefore keeps a case
index, a Store in `cases/` of the data folder holding what linking reads of every shard
(documents, meetings, items, case numbers; an item's sections only while it is linked) and
the case tables linking writes. Each stored document is copied there in ingest order and its
items are linked by indexer.cases.link itself, so the cases, their ids and the links are
those of the same minutes in one store. The result is pushed to the shards, where the reads
(timeline, /cases, one hit per case) find it: each item's case id (`case_items`) and each
link (`case_links`, under the index's row id, which orders them archive-wide) go to the
shard of the item. A link names an item of another shard, so the shards take it without
their foreign-key check.

`link_after_commit` is the ingest hook (ingest.after_commit): a sharded store links the
document just stored across the shards; a shard written by its own Ray writer (ShardPart)
is left to `link_across`, which the Ray ingest runs once its writers are done, and which
brings the index up to date with whatever the shards hold (a new index starts from scratch).
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Sequence

from indexer.cases import link
from indexer.cases.unionfind import case_of
from indexer.shards import fanout
from indexer.shards.store import ShardedStore
from indexer.store.db import Store

log = logging.getLogger("referat")
CASE_INDEX = "cases"  # the case index's folder in the data folder
PLACES = """CREATE TABLE IF NOT EXISTS shard_documents (
    document_id INTEGER PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
    shard INTEGER NOT NULL, local_id INTEGER NOT NULL, ingested_at REAL NOT NULL
)"""
_ITEM_SHARD = (
    " JOIN items ON items.item_id = {table}.item_id JOIN meetings ON meetings.id ="
    " items.meeting_id JOIN shard_documents ON shard_documents.document_id = meetings.document_id"
)


class ShardPart(Store):
    """A shard's store written by a writer of its own (a Ray actor): its items are linked
    into cases by the archive's pass (link_across), not one shard at a time."""


def link_after_commit(store: Store, item_ids: list[str]) -> None:
    """The ingest hook: cases linked as the store's layout needs; never fails the ingest."""
    if isinstance(store, ShardPart):
        return
    if not isinstance(store, ShardedStore):
        link.link_after_commit(store, item_ids)
        return
    try:
        link_document(store)
    except Exception:  # a linking bug must not cost the ingest; the items stay unlinked
        log.exception("case linking across shards failed for %d items", len(item_ids))


def case_index(store: ShardedStore) -> Store:
    index = Store(store.data_dir / CASE_INDEX)
    index.db.execute(PLACES)
    return index


def link_document(store: ShardedStore) -> None:
    """Link the document the store wrote last (the newest of its shard) across the shards;
    an index that misses other documents is brought up to date first."""
    shard = store.last_shard()
    if shard is None:
        return
    with case_index(store) as index:
        row = (
            store.shards[shard]
            .db.execute("SELECT id FROM documents ORDER BY id DESC LIMIT 1")
            .fetchone()
        )
        if not _count(index) or _count(index) + 1 < sum(_count(s) for s in store.shards):
            sync(store, index)
        elif row is not None:
            add(store, index, shard, int(row[0]))


def link_across(store: ShardedStore) -> int:
    """Bring the case index up to date with the shards; returns the documents linked."""
    with case_index(store) as index:
        return sync(store, index)


def sync(store: ShardedStore, index: Store) -> int:
    """Forget the documents the shards no longer hold, then add theirs in ingest order."""
    listed = fanout.each(
        lambda _, s: s.db.execute("SELECT id, ingested_at FROM documents").fetchall(),
        store.shards,
    )
    held = {(k, int(r[0])): float(r[1]) for k, rows in enumerate(listed) for r in rows}
    known = {
        (int(r[1]), int(r[2])): (int(r[0]), float(r[3]))
        for r in index.db.execute(
            "SELECT document_id, shard, local_id, ingested_at FROM shard_documents"
        )
    }
    if not known:  # a new index: whatever the shards linked on their own is redone
        for part in store.shards:
            with part.transaction() as db:
                db.execute("DELETE FROM case_links")
                db.execute("DELETE FROM case_items")
    gone = [doc for place, (doc, at) in known.items() if held.get(place) != at]
    forget(store, index, gone)
    stored = {place: at for place, (_, at) in known.items()}
    new = sorted((at, k, local) for (k, local), at in held.items() if stored.get((k, local)) != at)
    for _, k, local in new:
        add(store, index, k, local)
    return len(new)


def forget(store: ShardedStore, index: Store, documents: Sequence[int]) -> None:
    """Remove documents from the index, and from every shard the links to their items."""
    if not documents:
        return
    marks = ",".join("?" * len(documents))
    removed = [
        str(r[0])
        for r in index.db.execute(
            "SELECT items.item_id FROM items JOIN meetings ON meetings.id = items.meeting_id"
            f" WHERE meetings.document_id IN ({marks})",
            list(documents),
        )
    ]
    with index.transaction() as db:
        db.execute(f"DELETE FROM documents WHERE id IN ({marks})", list(documents))
        _drop_empty_meetings(db)
    _unlink(store, removed)


def add(store: ShardedStore, index: Store, shard: int, local: int) -> None:
    """Copy one document of a shard into the index, link its items, push their cases."""
    part = store.shards[shard].db
    path = part.execute("SELECT path FROM documents WHERE id = ?", (local,)).fetchone()
    if path is None:
        return
    items = [
        str(r[0])
        for r in part.execute(
            "SELECT item_id FROM items JOIN meetings ON meetings.id = items.meeting_id"
            " WHERE meetings.document_id = ? ORDER BY meetings.id, items.position",
            (local,),
        )
    ]
    replaced = _replaced(index.db, str(path[0]), items)
    with index.transaction() as db:
        db.execute("DELETE FROM documents WHERE path = ?", (path[0],))  # an earlier version
        db.executemany("DELETE FROM items WHERE item_id = ?", [(i,) for i in items])
        _copy(part, db, shard, local, items)
        _drop_empty_meetings(db)
    _unlink(store, replaced)
    since = int(index.db.execute("SELECT coalesce(max(rowid), 0) FROM case_links").fetchone()[0])
    link.link_items(index, items)
    with index.transaction() as db:
        db.execute(f"DELETE FROM sections WHERE item_id IN ({','.join('?' * len(items))})", items)
    push(store, index, items, since)


def _replaced(db: sqlite3.Connection, path: str, items: list[str]) -> list[str]:
    """The items in the index that a new version of the document at `path` replaces: its
    earlier version's, and earlier items of the same ids (none, for a new document)."""
    rows = db.execute(
        "SELECT items.item_id FROM items JOIN meetings ON meetings.id = items.meeting_id"
        " JOIN documents ON documents.id = meetings.document_id WHERE documents.path = ?",
        (path,),
    )
    found = [str(r[0]) for r in rows]
    for start in range(0, len(items), 900):
        part = items[start : start + 900]
        marks = ",".join("?" * len(part))
        found += [
            str(r[0])
            for r in db.execute(f"SELECT item_id FROM items WHERE item_id IN ({marks})", part)
        ]
    return list(dict.fromkeys(found))


def _copy(
    part: sqlite3.Connection, db: sqlite3.Connection, shard: int, local: int, items: list[str]
) -> None:
    """The document's rows, in the order one store inserts them (so ids follow ingest)."""
    doc = _rows(part, "documents", "id = ?", [local])[0]
    doc_id = _insert(db, "documents", {k: v for k, v in doc.items() if k != "id"})
    db.execute(
        "INSERT INTO shard_documents VALUES (?, ?, ?, ?)",
        (doc_id, shard, local, doc["ingested_at"]),
    )
    meetings = {}
    for meeting in _rows(part, "meetings", "document_id = ? ORDER BY id", [local]):
        fields = {k: v for k, v in meeting.items() if k != "id"} | {"document_id": doc_id}
        meetings[meeting["id"]] = _insert(db, "meetings", fields)
    for item_id in items:
        (item,) = _rows(part, "items", "item_id = ?", [item_id])
        _insert(db, "items", item | {"meeting_id": meetings[item["meeting_id"]]})
        for table in ("case_numbers", "sections"):
            for row in _rows(part, table, "item_id = ? ORDER BY rowid", [item_id]):
                _insert(db, table, {k: v for k, v in row.items() if k != "id"})


def _rows(db: sqlite3.Connection, table: str, where: str, params: list[object]) -> list[dict]:
    cursor = db.execute(f"SELECT * FROM {table} WHERE {where}", params)
    names = [c[0] for c in cursor.description]
    return [dict(zip(names, tuple(r), strict=True)) for r in cursor]


def _insert(db: sqlite3.Connection, table: str, row: dict) -> int:
    names = ", ".join(f'"{k}"' for k in row)
    cursor = db.execute(
        f"INSERT INTO {table} ({names}) VALUES ({','.join('?' * len(row))})", list(row.values())
    )
    return int(cursor.lastrowid or 0)


def _drop_empty_meetings(db: sqlite3.Connection) -> None:
    db.execute(
        "DELETE FROM meetings WHERE NOT EXISTS"
        " (SELECT 1 FROM items WHERE items.meeting_id = meetings.id)"
    )


def push(store: ShardedStore, index: Store, items: list[str], since: int) -> None:
    """The cases of these items (every member: a merge relabels them) and the links made
    after row `since`, each to the shard of its item."""
    cases = sorted({c for i in items if (c := case_of(index.db, i)) is not None})
    members: dict[int, list[tuple[str, str]]] = {}
    for start in range(0, len(cases), 900):
        part = cases[start : start + 900]
        for item_id, case_id, shard in index.db.execute(
            "SELECT case_items.item_id, case_items.case_id, shard_documents.shard FROM case_items"
            + _ITEM_SHARD.format(table="case_items")
            + f" WHERE case_items.case_id IN ({','.join('?' * len(part))})",
            part,
        ):
            members.setdefault(int(shard), []).append((str(item_id), str(case_id)))
    links: dict[int, list[tuple[object, ...]]] = {}
    for row in index.db.execute(
        "SELECT case_links.rowid, case_links.item_id, linked_to, rule, evidence,"
        " shard_documents.shard FROM case_links"
        + _ITEM_SHARD.format(table="case_links")
        + " WHERE case_links.rowid > ?",
        (since,),
    ):
        links.setdefault(int(row[5]), []).append(tuple(row[:5]))
    for k in sorted(set(members) | set(links)):
        _write(store.shards[k], members.get(k, []), links.get(k, []))


def _write(part: Store, members: list[tuple[str, str]], links: list[tuple[object, ...]]) -> None:
    part.db.execute("PRAGMA foreign_keys=OFF")  # a link may name an item of another shard
    try:
        with part.transaction() as db:
            db.executemany("INSERT OR REPLACE INTO case_items VALUES (?, ?)", members)
            db.executemany(
                "INSERT OR REPLACE INTO case_links (rowid, item_id, linked_to, rule, evidence)"
                " VALUES (?, ?, ?, ?, ?)",
                links,
            )
    finally:
        part.db.execute("PRAGMA foreign_keys=ON")


def _unlink(store: ShardedStore, removed: list[str]) -> None:
    """Links to or from removed items go, in every shard (one store's cascade does that)."""
    for start in range(0, len(removed), 450):
        part = removed[start : start + 450]
        marks = ",".join("?" * len(part))
        for shard in store.shards:
            with shard.transaction() as db:
                db.execute(
                    f"DELETE FROM case_links WHERE item_id IN ({marks}) OR linked_to IN ({marks})",
                    part + part,
                )


def _count(store: Store) -> int:
    return int(store.db.execute("SELECT count(*) FROM documents").fetchone()[0])
