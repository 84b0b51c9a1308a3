"""The SQLite schema of the store, and the check that a data folder was written by it."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from indexer.errors import StoreError

SCHEMA_VERSION = 2  # 2: sections_fts has the facets column

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS documents (
    id INTEGER PRIMARY KEY,
    path TEXT NOT NULL UNIQUE,
    sha256 TEXT NOT NULL,
    format TEXT NOT NULL,
    size INTEGER NOT NULL,
    pages INTEGER NOT NULL,
    ingested_at REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS documents_sha ON documents(sha256);
CREATE TABLE IF NOT EXISTS meetings (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    municipality TEXT, committee TEXT, date TEXT, time TEXT, place TEXT,
    kind TEXT NOT NULL, source TEXT
);
CREATE INDEX IF NOT EXISTS meetings_doc ON meetings(document_id);
CREATE INDEX IF NOT EXISTS meetings_date ON meetings(date);
CREATE TABLE IF NOT EXISTS items (
    item_id TEXT PRIMARY KEY,
    meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    number TEXT, title TEXT NOT NULL,
    case_numbers TEXT NOT NULL, attachments TEXT NOT NULL,
    decision TEXT, outcome TEXT, source_id TEXT
);
CREATE INDEX IF NOT EXISTS items_meeting ON items(meeting_id);
CREATE TABLE IF NOT EXISTS case_numbers (
    key TEXT NOT NULL,
    item_id TEXT NOT NULL REFERENCES items(item_id) ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS case_numbers_key ON case_numbers(key);
CREATE INDEX IF NOT EXISTS case_numbers_item ON case_numbers(item_id);
CREATE TABLE IF NOT EXISTS sections (
    id INTEGER PRIMARY KEY,
    item_id TEXT NOT NULL REFERENCES items(item_id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    heading TEXT NOT NULL, raw_heading TEXT, text TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS sections_item ON sections(item_id);
CREATE TABLE IF NOT EXISTS entities (
    id INTEGER PRIMARY KEY,
    item_id TEXT NOT NULL REFERENCES items(item_id) ON DELETE CASCADE,
    section_id INTEGER REFERENCES sections(id) ON DELETE CASCADE,
    type TEXT NOT NULL, text TEXT NOT NULL, normalized TEXT NOT NULL,
    start INTEGER NOT NULL, "end" INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS entities_item ON entities(item_id);
CREATE INDEX IF NOT EXISTS entities_type ON entities(type);
CREATE TABLE IF NOT EXISTS vectors (
    section_id INTEGER PRIMARY KEY REFERENCES sections(id) ON DELETE CASCADE,
    vector BLOB NOT NULL
);
-- the FAISS index's change log (indexer/embedding/vector_log.py): each vector written or
-- deleted leaves its section id, in the same transaction; an index applies what follows its
-- position instead of being rebuilt
CREATE TABLE IF NOT EXISTS vector_log (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    section_id INTEGER NOT NULL
);
CREATE TRIGGER IF NOT EXISTS vector_log_insert AFTER INSERT ON vectors BEGIN
    INSERT INTO vector_log (section_id) VALUES (new.section_id);
END;
CREATE TRIGGER IF NOT EXISTS vector_log_delete AFTER DELETE ON vectors BEGIN
    INSERT INTO vector_log (section_id) VALUES (old.section_id);
END;
CREATE VIRTUAL TABLE IF NOT EXISTS sections_fts USING fts5(
    terms, facets, tokenize = "unicode61 remove_diacritics 0 tokenchars '.-'"
);
CREATE TRIGGER IF NOT EXISTS sections_fts_delete AFTER DELETE ON sections BEGIN
    DELETE FROM sections_fts WHERE rowid = old.id;
END;
-- snippets (indexer/search/snippet.py): each section's analysed terms -> spans of their words
CREATE TABLE IF NOT EXISTS section_spans (
    section_id INTEGER PRIMARY KEY REFERENCES sections(id) ON DELETE CASCADE,
    spans TEXT NOT NULL
);
-- an item without sections is found by its title: one sections_fts row whose rowid is
-- -item_title_rows.id (negative, so it never meets a section id; indexer/search/titles.py)
CREATE TABLE IF NOT EXISTS item_title_rows (
    id INTEGER PRIMARY KEY,
    item_id TEXT NOT NULL UNIQUE REFERENCES items(item_id) ON DELETE CASCADE
);
CREATE TRIGGER IF NOT EXISTS item_title_rows_delete AFTER DELETE ON item_title_rows BEGIN
    DELETE FROM sections_fts WHERE rowid = -old.id;
END;
-- cases (indexer/cases): each item's case, the rule that linked it, and the linking evidence
CREATE TABLE IF NOT EXISTS case_items (
    item_id TEXT PRIMARY KEY REFERENCES items(item_id) ON DELETE CASCADE,
    case_id TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS case_items_case ON case_items(case_id);
CREATE TABLE IF NOT EXISTS case_links (
    item_id TEXT NOT NULL REFERENCES items(item_id) ON DELETE CASCADE,
    linked_to TEXT NOT NULL REFERENCES items(item_id) ON DELETE CASCADE,
    rule TEXT NOT NULL, evidence TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS case_links_item ON case_links(item_id);
CREATE INDEX IF NOT EXISTS case_links_other ON case_links(linked_to);
-- one probe for "are these two linked?" (unionfind.union): by linked_to alone it read every
-- link to an item that many later items link to (quadratic in a repeated case number)
CREATE INDEX IF NOT EXISTS case_links_pair ON case_links(item_id, linked_to);
CREATE TABLE IF NOT EXISTS case_titles (
    key TEXT NOT NULL, item_id TEXT NOT NULL REFERENCES items(item_id) ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS case_titles_key ON case_titles(key);
CREATE INDEX IF NOT EXISTS case_titles_item ON case_titles(item_id);
CREATE TABLE IF NOT EXISTS case_refs (
    item_id TEXT NOT NULL REFERENCES items(item_id) ON DELETE CASCADE,
    municipality TEXT, body TEXT NOT NULL, date TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS case_refs_key ON case_refs(body, date);
CREATE INDEX IF NOT EXISTS case_refs_item ON case_refs(item_id);
CREATE TABLE IF NOT EXISTS case_minhash (
    item_id TEXT PRIMARY KEY REFERENCES items(item_id) ON DELETE CASCADE,
    signature BLOB NOT NULL
);
CREATE TABLE IF NOT EXISTS case_lsh (
    band INTEGER NOT NULL, key BLOB NOT NULL,
    item_id TEXT NOT NULL REFERENCES items(item_id) ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS case_lsh_key ON case_lsh(band, key);
CREATE INDEX IF NOT EXISTS case_lsh_item ON case_lsh(item_id);
-- saved searches (indexer/watches): the searches, their matches, the webhook outbox
CREATE TABLE IF NOT EXISTS watches (
    id TEXT PRIMARY KEY, query TEXT NOT NULL, filters TEXT NOT NULL,
    webhook TEXT, secret TEXT, created_at REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS watch_matches (
    watch_id TEXT NOT NULL REFERENCES watches(id) ON DELETE CASCADE,
    item_id TEXT NOT NULL, matched_at REAL NOT NULL,
    PRIMARY KEY (watch_id, item_id)
);
CREATE TABLE IF NOT EXISTS watch_outbox (
    id INTEGER PRIMARY KEY,
    watch_id TEXT NOT NULL REFERENCES watches(id) ON DELETE CASCADE,
    item_id TEXT NOT NULL, body BLOB NOT NULL, attempts INTEGER NOT NULL DEFAULT 0,
    next_at REAL NOT NULL, delivered_at REAL, last_error TEXT
);
CREATE INDEX IF NOT EXISTS watch_outbox_due ON watch_outbox(delivered_at, next_at);
"""


def check_schema(db: sqlite3.Connection, data_dir: Path) -> None:
    """Refuse a store written by another schema version (a new store has no meta table yet)."""
    if db.execute("SELECT 1 FROM sqlite_master WHERE name = 'meta'").fetchone() is None:
        return
    row = db.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    if row is not None and row[0] != str(SCHEMA_VERSION):
        raise StoreError(
            f"the store in {data_dir} has schema version {row[0]}, this version of referat"
            f" needs {SCHEMA_VERSION} (the search index gained the facets column); ingest the"
            " minutes again into a new data folder (--data NEW_DIR) and use that one"
        )
