"""One batch ingest at a time per data folder: an advisory lock on `DATA/ingest.lock`.

SQLite alone would let two `referat ingest` runs interleave their transactions (each waits
for the other's commit, up to the busy timeout), racing on the unchanged/duplicate checks
and on the embedding model the store records. The second run instead waits for the first
and says so on stderr; after `wait_s` it gives up with a message naming the holder and the
setting. The lock is `flock`: the kernel drops it when its holder exits, even on SIGKILL,
so a crashed ingest never leaves a stale lock behind.
"""

from __future__ import annotations

import fcntl
import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from indexer.errors import StoreError

LOCK_NAME = "ingest.lock"
POLL_S = 0.2


def _holder(file: Path) -> str:
    try:
        return file.read_text().strip() or "another process"
    except OSError:
        return "another process"


@contextmanager
def ingest_lock(
    data_dir: Path, wait_s: float, on_wait: Callable[[str], None] | None = None
) -> Iterator[None]:
    """Hold the data folder's ingest lock; wait up to `wait_s` seconds for another holder."""
    path = Path(data_dir) / LOCK_NAME
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        _acquire(fd, path, wait_s, on_wait)
        os.ftruncate(fd, 0)
        os.write(fd, f"ingest pid {os.getpid()}, started {time.strftime('%H:%M:%S')}\n".encode())
        yield
    finally:
        os.close(fd)  # closing the descriptor releases the lock


def _acquire(fd: int, path: Path, wait_s: float, on_wait: Callable[[str], None] | None) -> None:
    deadline = time.monotonic() + wait_s
    told = False
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            pass
        holder = _holder(path)
        if time.monotonic() >= deadline:
            raise StoreError(
                f"the store in {path.parent} is busy: {holder} is still writing to it after"
                f" {wait_s:.0f} s of waiting; let it finish and run this again, or wait longer"
                " with REFERAT_INGEST_WAIT_S"
            )
        if not told and on_wait is not None:
            on_wait(f"the store in {path.parent} is busy ({holder}); waiting for it to"
                    f" finish (up to {wait_s:.0f} s, REFERAT_INGEST_WAIT_S)")
            told = True
        time.sleep(POLL_S)
