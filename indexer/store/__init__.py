"""Store: the SQLite system of record, its schema, its read side and bulk export.

In: enriched `Meeting`s (`db.Store.write_document`). Out: Items, cases, stats (`queries`)
and entity exports in JSONL/CSV/JSON/Parquet (`export`). `schema` holds the tables and the
version check.
"""
