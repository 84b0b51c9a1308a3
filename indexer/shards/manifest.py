"""The manifest of a sharded archive: `shards.json` in the data folder names its shards.

A sharded data folder holds `shards.json` and one complete store (SQLite + FTS5 + FAISS) a
shard in `shard-K/`. Whether a data folder is sharded is decided here, by the manifest alone.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from indexer.errors import StoreError

MANIFEST = "shards.json"
FORMAT = 1
Route = Literal["hash", "municipality"]
ROUTES: tuple[Route, ...] = ("hash", "municipality")


@dataclass(frozen=True, slots=True)
class Manifest:
    shards: int
    route: Route = "municipality"

    def dirs(self, data_dir: Path) -> list[Path]:
        return [data_dir / f"shard-{k}" for k in range(self.shards)]

    def to_json(self) -> dict[str, object]:
        return {"format": FORMAT, "shards": self.shards, "route": self.route}


def read_manifest(data_dir: Path) -> Manifest | None:
    """The folder's manifest, None for an unsharded (or new) data folder."""
    path = Path(data_dir) / MANIFEST
    if not path.exists():
        return None
    try:
        raw = json.loads(path.read_text())
        manifest = Manifest(int(raw["shards"]), raw.get("route", "municipality"))
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise StoreError(
            f"the shard manifest {path} is unreadable ({exc}); restore it (it holds"
            ' {"shards": N, "route": "hash"}) or use another --data folder'
        ) from exc
    if manifest.shards < 1 or manifest.route not in ROUTES:
        raise StoreError(f"the shard manifest {path} is invalid: {raw}; fix or restore it")
    return manifest


def create_manifest(data_dir: Path, shards: int, route: Route = "municipality") -> Manifest:
    """Make `data_dir` a sharded archive of `shards` shards, or check that it already is one."""
    data_dir = Path(data_dir)
    existing = read_manifest(data_dir)
    wanted = Manifest(shards, route)
    if existing is not None:
        if existing != wanted:
            raise StoreError(
                f"{data_dir} is an archive of {existing.shards} shards routed by"
                f" {existing.route}; ingest with --shards {existing.shards} (or leave --shards"
                " out), or use a new --data folder for another layout"
            )
        return existing
    if (data_dir / "referat.sqlite").exists():
        raise StoreError(
            f"{data_dir} holds an unsharded archive; ingest the minutes with --shards"
            f" {shards} into a new --data folder (or leave --shards out here)"
        )
    data_dir.mkdir(parents=True, exist_ok=True)
    tmp = data_dir / (MANIFEST + ".tmp")
    tmp.write_text(json.dumps(wanted.to_json()))
    os.replace(tmp, data_dir / MANIFEST)
    return wanted
