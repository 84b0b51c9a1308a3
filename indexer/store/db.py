"""The embedded store: one SQLite database in the data folder, the system of record.

Documents, meetings, items, sections, entities, section vectors and the lexical (FTS5) index
live in one database, so one transaction per document keeps all of them consistent: a crash
mid-ingest loses nothing already committed and leaves no half document. The FAISS index is
derived from the `vectors` table and can always be rebuilt.
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from indexer.errors import StoreError
from indexer.search.facets import meeting_facets
from indexer.store.faults import write_error
from indexer.store.schema import SCHEMA, SCHEMA_VERSION, check_schema
from indexer.structure.meta import normalize_case_number
from indexer.types import AgendaItem, Document, Meeting

if TYPE_CHECKING:  # numpy loads when vectors are written, not for every read command
    import numpy as np

DB_NAME = "referat.sqlite"


def case_key(case_number: str) -> str:
    """The lookup key of a case number: its normalized form ("15.40.00-p20 -2-19")."""
    return normalize_case_number(case_number)


@dataclass(frozen=True, slots=True)
class SectionExtras:
    """What the pipeline computed for one section besides its text."""

    terms: str = ""  # analysed terms, space separated, for the lexical index
    vector: np.ndarray | None = None
    spans: str | None = None  # the text's terms -> their words' spans (snippet.py); None: not made


Extras = Mapping[tuple[str, int], SectionExtras]  # keyed by (item_id, section position)
TITLE_ROW = -1  # the position keying the title row's extras of an item without sections


class Store:
    """A connection to the data folder's database. Use as a context manager or call close()."""

    def __init__(self, data_dir: Path | str) -> None:
        self.data_dir = Path(data_dir)
        try:
            self.data_dir.mkdir(parents=True, exist_ok=True)
            self.db = self._connect()  # one per request or command, one thread at a time
        except (OSError, sqlite3.Error) as exc:
            raise StoreError(
                f"cannot open the data folder {self.data_dir}: {exc}; "
                "check that it exists and is writable, or pass --data DIR"
            ) from exc
        try:
            check_schema(self.db, self.data_dir)
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=NORMAL")
            self.db.execute("PRAGMA foreign_keys=ON")
            self.db.executescript(SCHEMA)
            self.db.execute(
                "INSERT OR IGNORE INTO meta VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),)
            )
        except StoreError:
            self.db.close()
            raise
        except sqlite3.OperationalError as exc:  # a full disk, a busy store
            self.db.close()
            raise write_error(exc, self.data_dir) or StoreError(
                f"cannot open the store in {self.data_dir}: {exc}"
            ) from exc

    def reader(self) -> Store:
        """A second connection to this store's database, for reads in another thread (its
        schema is this store's: nothing is set up). Close it, or use it as a context manager."""
        other = object.__new__(type(self))
        other.data_dir = self.data_dir
        try:
            other.db = self._connect()
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open a second connection to {self.data_dir}: {exc}") from exc
        return other

    def _connect(self) -> sqlite3.Connection:
        db = sqlite3.connect(
            self.data_dir / DB_NAME, timeout=30, isolation_level=None, check_same_thread=False
        )
        db.row_factory = sqlite3.Row
        return db

    def watch_home(self) -> Store:
        """The store that keeps saved searches, their matches and webhook outbox: this one;
        a sharded archive keeps them in its root store (indexer.shards.store)."""
        return self

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """BEGIN IMMEDIATE ... COMMIT, rolled back on any exception; a full disk or a store
        busy past the timeout raises a StoreError that says what to do."""
        try:
            self.db.execute("BEGIN IMMEDIATE")
            try:
                yield self.db
                self.db.execute("COMMIT")
            except BaseException:
                if self.db.in_transaction:  # SQLite may have rolled back already
                    self.db.execute("ROLLBACK")
                raise
        except sqlite3.OperationalError as exc:
            explained = write_error(exc, self.data_dir)
            if explained is None:
                raise
            raise explained from exc

    # -- meta -------------------------------------------------------------------------
    def get_meta(self, key: str) -> str | None:
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    def set_meta(self, key: str, value: str) -> None:
        self.db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))

    def generation(self) -> int:
        """A counter bumped by every write; derived indexes compare it to know they are stale."""
        return int(self.get_meta("generation") or 0)

    # -- documents --------------------------------------------------------------------
    def document_hash(self, path: str) -> str | None:
        row = self.db.execute("SELECT sha256 FROM documents WHERE path = ?", (path,)).fetchone()
        return None if row is None else str(row[0])

    def path_with_hash(self, sha256: str) -> str | None:
        row = self.db.execute("SELECT path FROM documents WHERE sha256 = ?", (sha256,)).fetchone()
        return None if row is None else str(row[0])

    def replace_document(
        self, doc: Document, meetings: list[Meeting], extras: Extras | None = None
    ) -> list[str]:
        """Store one document atomically, replacing any earlier version of the same path.

        Returns the item ids stored. Items of other documents with the same id are replaced
        too (the newer document wins), so an id is never duplicated.
        """
        extras = extras or {}
        with self.transaction() as db:
            db.execute("DELETE FROM documents WHERE path = ?", (doc.path,))
            cur = db.execute(
                "INSERT INTO documents (path, sha256, format, size, pages, ingested_at)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (doc.path, doc.sha256, doc.format, doc.size, doc.pages, time.time()),
            )
            doc_id = int(cur.lastrowid or 0)
            ids = [
                item_id
                for meeting in meetings
                for item_id in _insert_meeting(db, doc_id, meeting, extras)
            ]
            _delete_empty_meetings(db)
            _bump_generation(db)
        return ids

    def delete_document(self, path: str) -> bool:
        with self.transaction() as db:
            cur = db.execute("DELETE FROM documents WHERE path = ?", (path,))
            _delete_empty_meetings(db)
            _bump_generation(db)
        return cur.rowcount > 0


def _bump_generation(db: sqlite3.Connection) -> None:
    db.execute(
        "INSERT INTO meta VALUES ('generation', '1') ON CONFLICT(key) DO UPDATE"
        " SET value = CAST(value AS INTEGER) + 1"
    )


def _delete_empty_meetings(db: sqlite3.Connection) -> None:
    db.execute(
        "DELETE FROM meetings WHERE NOT EXISTS"
        " (SELECT 1 FROM items WHERE items.meeting_id = meetings.id)"
    )


def _insert_meeting(
    db: sqlite3.Connection, doc_id: int, meeting: Meeting, extras: Extras
) -> list[str]:
    cur = db.execute(
        "INSERT INTO meetings (document_id, municipality, committee, date, time, place, kind,"
        " source) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (
            doc_id,
            meeting.municipality,
            meeting.committee,
            meeting.date,
            meeting.time,
            meeting.place,
            meeting.kind,
            meeting.source,
        ),
    )
    meeting_id = int(cur.lastrowid or 0)
    ids = []
    for position, item in enumerate(meeting.items):
        db.execute("DELETE FROM items WHERE item_id = ?", (item.item_id,))
        decision = item.decision.to_json() if item.decision else None
        db.execute(
            "INSERT INTO items (item_id, meeting_id, position, number, title, case_numbers,"
            " attachments, decision, outcome, source_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                item.item_id,
                meeting_id,
                position,
                item.number,
                item.title,
                json.dumps(item.case_numbers, ensure_ascii=False),
                json.dumps(item.attachments, ensure_ascii=False),
                json.dumps(decision, ensure_ascii=False) if decision else None,
                decision["outcome"] if decision else None,
                item.source_id,
            ),
        )
        db.executemany(
            "INSERT INTO case_numbers (key, item_id) VALUES (?, ?)",
            [(case_key(c), item.item_id) for c in dict.fromkeys(item.case_numbers)],
        )
        _insert_sections(db, item, extras, meeting_facets(meeting))
        ids.append(item.item_id)
    return ids


def _insert_title_row(
    db: sqlite3.Connection, item: AgendaItem, extras: Extras, facets: str
) -> None:
    """An item without sections gets one lexical row for its title (rowid -title row id),
    so that its title words find it; an item with sections has its title in every section's
    terms already."""
    cur = db.execute("INSERT INTO item_title_rows (item_id) VALUES (?)", (item.item_id,))
    extra = extras.get((item.item_id, TITLE_ROW), SectionExtras())
    db.execute(
        "INSERT INTO sections_fts (rowid, terms, facets) VALUES (?, ?, ?)",
        (-int(cur.lastrowid or 0), extra.terms, facets),
    )


def _insert_sections(db: sqlite3.Connection, item: AgendaItem, extras: Extras, facets: str) -> None:
    if not item.sections:
        _insert_title_row(db, item, extras, facets)
    section_ids: list[int] = []
    for position, section in enumerate(item.sections):
        cur = db.execute(
            "INSERT INTO sections (item_id, position, heading, raw_heading, text)"
            " VALUES (?, ?, ?, ?, ?)",
            (item.item_id, position, section.heading, section.raw_heading, section.text),
        )
        section_id = int(cur.lastrowid or 0)
        section_ids.append(section_id)
        extra = extras.get((item.item_id, position), SectionExtras())
        db.execute(
            "INSERT INTO sections_fts (rowid, terms, facets) VALUES (?, ?, ?)",
            (section_id, extra.terms, facets),
        )
        if extra.vector is not None:
            import numpy as np

            blob = np.asarray(extra.vector, dtype=np.float32).tobytes()
            db.execute("INSERT INTO vectors (section_id, vector) VALUES (?, ?)", (section_id, blob))
        if extra.spans is not None:
            db.execute(
                "INSERT INTO section_spans (section_id, spans) VALUES (?, ?)",
                (section_id, extra.spans),
            )
    db.executemany(
        'INSERT INTO entities (item_id, section_id, type, text, normalized, start, "end")'
        " VALUES (?, ?, ?, ?, ?, ?, ?)",
        [
            (
                item.item_id,
                section_ids[e.section] if e.section is not None else None,
                e.type,
                e.text,
                e.normalized,
                e.start,
                e.end,
            )
            for e in item.entities
        ],
    )
