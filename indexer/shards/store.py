"""ShardedStore: a Store over the shards of a data folder.

Writes go to the document's shard (indexer.shards.router), one transaction per document as
in a single store; an earlier version of the same path in another shard is deleted first.
Reads that look one thing up (an item, its sections, a document's hash) run on every shard
and return what the shards found, in shard order (`FanoutDB`); searches and aggregates fan
out in indexer.shards.searcher and indexer.shards.reads; cases are linked across the shards
in indexer.shards.cases.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from itertools import chain
from pathlib import Path
from typing import Any

from indexer.errors import StoreError
from indexer.shards.manifest import Manifest
from indexer.shards.router import shard_of
from indexer.store.db import Extras, Store
from indexer.types import Document, Meeting


class FanoutCursor:
    """The rows of one SELECT run on every shard, shard after shard."""

    def __init__(self, cursors: list[sqlite3.Cursor]) -> None:
        self._rows = chain.from_iterable(cursors)

    def fetchone(self) -> Any:
        return next(self._rows, None)

    def fetchall(self) -> list[Any]:
        return list(self._rows)

    def fetchmany(self, size: int = 1) -> list[Any]:
        return [row for _, row in zip(range(size), self._rows, strict=False)]

    def __iter__(self) -> Iterator[Any]:
        return self._rows


class FanoutDB:
    """Read-only stand-in for a connection: a SELECT runs on each shard."""

    def __init__(self, stores: list[Store]) -> None:
        self._stores = stores

    def execute(self, sql: str, params: Sequence[Any] = ()) -> FanoutCursor:
        if not sql.lstrip().upper().startswith(("SELECT", "WITH")):
            raise StoreError("a sharded archive takes writes through its shards' stores only")
        return FanoutCursor([s.db.execute(sql, params) for s in self._stores])

    @property
    def in_transaction(self) -> bool:
        return any(s.db.in_transaction for s in self._stores)

    def rollback(self) -> None:
        for store in self._stores:
            if store.db.in_transaction:
                store.db.rollback()

    def close(self) -> None:
        for store in self._stores:
            store.close()


class ShardedStore(Store):
    """The shards of one data folder behind the Store interface."""

    def __init__(self, data_dir: Path, manifest: Manifest) -> None:  # noqa: D107
        self.data_dir = Path(data_dir)
        self.manifest = manifest
        self.shards: list[Store] = []
        self._last: int | None = None  # the shard of the document written last
        self._home: Store | None = None  # the root store of saved searches (watch_home)
        try:
            for path in manifest.dirs(self.data_dir):
                self.shards.append(Store(path))
        except StoreError:
            self.close()
            raise
        self.db = FanoutDB(self.shards)  # type: ignore[assignment]

    def close(self) -> None:
        for store in self.shards:
            store.close()
        if self._home is not None:
            self._home.close()

    def watch_home(self) -> Store:
        """Saved searches are archive-wide: they live in the data folder's root store, where
        the webhook delivery (indexer.watches.webhook) reads them too."""
        if self._home is None:
            self._home = Store(self.data_dir)
        return self._home

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """A transaction on the shard written last, for the document just stored (case
        linking does not use it: it links across the shards, indexer.shards.cases)."""
        if self._last is None:
            raise StoreError("a sharded archive has no single transaction; write through a shard")
        with self.shards[self._last].transaction() as db:
            yield db

    def get_meta(self, key: str) -> str | None:
        return next((v for s in self.shards if (v := s.get_meta(key)) is not None), None)

    def set_meta(self, key: str, value: str) -> None:
        for store in self.shards:
            store.set_meta(key, value)

    def generation(self) -> int:
        """The sum of the shards' generations: it moves whenever any shard changes."""
        return sum(s.generation() for s in self.shards)

    def document_hash(self, path: str) -> str | None:
        return next((h for s in self.shards if (h := s.document_hash(path)) is not None), None)

    def path_with_hash(self, sha256: str) -> str | None:
        return next((p for s in self.shards if (p := s.path_with_hash(sha256)) is not None), None)

    def last_shard(self) -> int | None:
        """The shard of the document written last (what the after-commit hooks read)."""
        return self._last

    def shard_for(self, doc: Document, meetings: list[Meeting]) -> int:
        return shard_of(doc, meetings, self.manifest)

    def replace_document(
        self, doc: Document, meetings: list[Meeting], extras: Extras | None = None
    ) -> list[str]:
        """Store the document in its shard (one transaction), after removing an earlier
        version of the same path that a different first meeting had put in another shard."""
        target = self.shard_for(doc, meetings)
        for k, store in enumerate(self.shards):
            if k != target and store.document_hash(doc.path) is not None:
                store.delete_document(doc.path)
        self._last = target
        return self.shards[target].replace_document(doc, meetings, extras)

    def delete_document(self, path: str) -> bool:
        """Delete the document from its shard, and its items from the archive's cases."""
        from indexer.shards.cases import link_across  # the case index reads this module

        deleted = any([store.delete_document(path) for store in self.shards])
        if deleted:
            link_across(self)
        return deleted
