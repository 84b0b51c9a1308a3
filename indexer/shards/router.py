"""Which shard a document goes to: by its first meeting, hashed (stable across runs).

`hash` spreads meetings evenly (the key is municipality, committee and date); `municipality`
keeps each municipality's minutes together in one shard (a shard a group of councils). A
document is stored whole in one shard, so re-ingesting or replacing it stays one transaction.
"""

from __future__ import annotations

import hashlib

from indexer.analysis.terms import fold
from indexer.shards.manifest import Manifest
from indexer.types import Document, Meeting


def route_key(doc: Document, meetings: list[Meeting], route: str) -> str:
    if not meetings:
        return doc.path
    first = meetings[0]
    if route == "municipality":
        return fold(first.municipality or "")
    return "|".join(fold(v or "") for v in (first.municipality, first.committee, first.date))


def shard_of(doc: Document, meetings: list[Meeting], manifest: Manifest) -> int:
    digest = hashlib.sha1(route_key(doc, meetings, manifest.route).encode()).digest()
    return int.from_bytes(digest[:8], "big") % manifest.shards
