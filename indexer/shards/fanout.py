"""Run one step on every shard at once: a thread a shard, results in shard order.

SQLite (sqlite3 steps a statement with the GIL released) and FAISS (search releases it) let
shards answer in parallel threads of one process. Each task uses its own shard's Store, and
a step waits for all its tasks before the next step begins, so a shard's connection is never
used by two threads at the same time (Store: "used by one thread at a time"). A shard that
fails fails the step, as a sequential loop would (the Ray searcher, indexer.shards.serve, is
the one that answers without a missing shard).

The pool is shared by every search of the process (requests run in threads of their own);
`threads` of 1 runs the shards one after another in the calling thread (as before, and what
benchmarks compare against).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from threading import Lock
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")
MAX_THREADS = 32
_POOL: ThreadPoolExecutor | None = None
_LOCK = Lock()


def pool() -> ThreadPoolExecutor:
    """The process's fan-out threads (made on first use: a plain store never starts them)."""
    global _POOL
    with _LOCK:
        if _POOL is None:
            size = min(MAX_THREADS, 4 * (os.cpu_count() or 1))
            _POOL = ThreadPoolExecutor(max_workers=size, thread_name_prefix="shard")
        return _POOL


def each(fn: Callable[[int, T], R], parts: Sequence[T], threads: int = 0) -> list[R]:
    """[fn(0, parts[0]), fn(1, parts[1]), ...], run in parallel unless `threads` is 1; the
    first exception (in shard order) is raised once every task has finished."""
    if threads == 1 or len(parts) <= 1:
        return [fn(k, part) for k, part in enumerate(parts)]
    futures = [pool().submit(fn, k, part) for k, part in enumerate(parts)]
    errors = [f.exception() for f in futures]  # waits for all: no task outlives the step
    failed = next((e for e in errors if e is not None), None)
    if failed is not None:
        raise failed
    return [f.result() for f in futures]
