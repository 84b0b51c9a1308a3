"""SQLite's write failures in words that say what to do: a full disk, a busy store."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from indexer.errors import StoreError


def write_error(exc: sqlite3.Error, data_dir: Path) -> StoreError | None:
    """The StoreError for a full disk, a failed write or a busy store; None for other errors."""
    text = str(exc).lower()
    if "full" in text:
        return StoreError(
            f"the disk holding {data_dir} is full ({exc}): this write was rolled back and the"
            " documents stored before it are intact; free some space (or move the data folder"
            " and pass --data / REFERAT_DATA) and run the ingest again: stored documents are"
            " skipped"
        )
    if "disk i/o error" in text:
        return StoreError(
            f"cannot write to {data_dir} ({exc}): the disk may be full, over a size limit or"
            " failing; this write was rolled back, the documents stored before it are intact;"
            " free space or check the disk and run the ingest again"
        )
    if "locked" in text or "busy" in text:
        return StoreError(
            f"the store in {data_dir} is busy: another process kept it locked for writing"
            f" longer than the busy timeout ({exc}); retry when that write has finished"
        )
    return None
