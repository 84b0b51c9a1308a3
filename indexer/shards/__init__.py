"""A sharded archive: N complete stores in one data folder, searched as one.

`open_store(data_dir)` is the one place that tells a sharded data folder (its manifest,
`shards.json`) from a plain one; every command and route opens its store through it.
"""

from __future__ import annotations

from pathlib import Path

from indexer.shards.manifest import MANIFEST, Manifest, create_manifest, read_manifest
from indexer.store.db import DB_NAME, Store

__all__ = ["Manifest", "archive_exists", "create_manifest", "open_store", "read_manifest"]


def archive_exists(data_dir: Path | str) -> bool:
    """Whether the data folder holds an archive (a store or a manifest); reading creates none."""
    return (Path(data_dir) / DB_NAME).is_file() or (Path(data_dir) / MANIFEST).is_file()


def open_store(data_dir: Path | str) -> Store:
    """The data folder's store: a ShardedStore when it has a manifest, else a Store."""
    manifest = read_manifest(Path(data_dir))
    if manifest is None:
        return Store(data_dir)
    from indexer.shards.store import ShardedStore

    return ShardedStore(Path(data_dir), manifest)
