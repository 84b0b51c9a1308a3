"""Section ids across shards: each shard numbers its own sections, so a section of the
archive is (shard, local id), packed into one int for the fusion code: local * STRIDE + shard."""

from __future__ import annotations

STRIDE = 1024  # shards at most


def global_id(local: int, shard: int) -> int:
    return local * STRIDE + shard


def split(gid: int) -> tuple[int, int]:
    """(shard, local id) of a global section id."""
    return gid % STRIDE, gid // STRIDE
