"""The sha256 of a model's files, remembered by their stat so that a query does not reread them.

In: (name, path) pairs. Out: the hex sha256 over each name and the file's bytes, in order.

A one-query command line hashed the 24 MB of the static model (its fingerprint, checked
against the store's) and the tokenizer file (its cache name) on every run. The digest is kept
in a small file under models/.cache named by a hash of each file's resolved path, device,
inode, size, modification and change times (st_ctime changes with every write and cannot be
set back; a replaced file is a new inode), so that a changed file is a new name and the digest
is computed afresh. (Not caught: a rewrite in place to the same size within one tick of the
file system's clock after the digest was taken.)
A cache folder that cannot be written just means hashing every time.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Sequence
from pathlib import Path

Files = Sequence[tuple[str, Path]]


def digest(files: Files, cache_dir: Path | None = None) -> str:
    """sha256 (hex) over name + bytes of each file, from the remembered value when current."""
    memo = _memo_path(files, cache_dir)
    try:
        remembered = memo.read_text().strip()
        if len(remembered) == 64:
            return remembered
    except OSError:
        pass
    value = compute(files)
    _write(memo, value)
    return value


def compute(files: Files) -> str:
    """sha256 (hex) over name + bytes of each file, read in 4 MiB blocks."""
    hashed = hashlib.sha256()
    for name, path in files:
        hashed.update(name.encode())
        with path.open("rb") as handle:
            while block := handle.read(1 << 22):
                hashed.update(block)
    return hashed.hexdigest()


def _memo_path(files: Files, cache_dir: Path | None) -> Path:
    stats = []
    for name, path in files:
        st = os.stat(path)
        stats.append((name, str(path.resolve()), st.st_dev, st.st_ino, st.st_size,
                      st.st_mtime_ns, st.st_ctime_ns))
    key = hashlib.sha256(repr(stats).encode()).hexdigest()[:24]
    if cache_dir is None:
        from indexer.config import MODELS_DIR

        cache_dir = MODELS_DIR / ".cache"
    return cache_dir / "filehash" / f"{key}.sha256"


def _write(path: Path, value: str) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("w", dir=path.parent, delete=False) as fh:
            fh.write(value)
        os.chmod(fh.name, 0o644)
        os.replace(fh.name, path)
    except OSError:
        return
