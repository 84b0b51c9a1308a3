"""A fast binary copy of the Danish lexicon, so that a one-off query does not parse it.

Parsing the gzipped TSV files (131,000 words, their lemmas, rules and exceptions) takes most
of the time a `referat search` spends before it can analyse its query. The parsed lexicon is
kept as one `marshal` file under models/.cache (ignored by git), named by a hash of the
source files' bytes, this file's FORMAT and the Python version, so that a changed lexicon or
another Python is a new name and the stale copy is never read. The copy is made by the first
process that needs the lexicon; a folder that cannot be written just means parsing every time.

In the copy the large tables (word frequencies, lemmas, verbs, exceptions) are cut into hash
buckets, each marshalled on its own: reading the file unpacks none of them, and a lookup
unpacks only its word's bucket (`LazyTable`, a read-only mapping or set), so a query pays for
the few buckets its words fall in, not for building 270,000 dictionary entries (0.1-0.2 s).
"""

from __future__ import annotations

import hashlib
import marshal
import os
import sys
import tempfile
import zlib
from collections.abc import Callable, Iterator, Mapping, Set
from pathlib import Path
from typing import Any

SOURCES = ("lexicon.tsv.gz", "lemma_rules.tsv", "lemma_exceptions.tsv.gz")
FIELDS = 5  # zipf, lemmas, verbs, rules, exceptions: Lexicon's fields but `learnt`
FORMAT = "bucketed-1"
BUCKETS = 2048
TABLES = (0, 1, 2, 4)  # the fields kept as buckets; rules (275 suffixes) stays whole


def _bucket(word: object) -> int:
    if not isinstance(word, str):
        return -1
    return zlib.crc32(word.encode("utf-8", "surrogatepass")) % BUCKETS


class LazyTable:
    """Read-only table over marshalled buckets; a bucket is unpacked on its first lookup."""

    def __init__(self, blobs: tuple[bytes, ...], size: int) -> None:
        self._blobs = blobs
        self._size = size
        self._open: dict[int, Any] = {}

    def _part(self, word: object) -> Any:
        where = _bucket(word)
        if where < 0:
            return {}  # not a word: in no bucket
        part = self._open.get(where)
        if part is None:
            part = self._open[where] = marshal.loads(self._blobs[where])
        return part

    def __contains__(self, word: object) -> bool:
        return word in self._part(word)

    def __iter__(self) -> Iterator[str]:
        for where in range(BUCKETS):
            yield from self._part_at(where)

    def _part_at(self, where: int) -> Any:
        if where not in self._open:
            self._open[where] = marshal.loads(self._blobs[where])
        return self._open[where]

    def __len__(self) -> int:
        return self._size


class LazyMapping(LazyTable, Mapping[str, Any]):
    """A dict's lookups (`[]`, `get`, `in`, iteration, `==`)."""

    def __getitem__(self, word: str) -> Any:
        return self._part(word)[word]

    def get(self, word: str, default: Any = None) -> Any:
        return self._part(word).get(word, default)


class LazySet(LazyTable, Set[str]):
    """A frozenset's lookups (`in`, iteration, `==`)."""


def pack(table: Mapping[str, Any] | Set[str]) -> tuple[str, int, tuple[bytes, ...]]:
    """(kind, size, buckets) of a dict or set, each bucket a marshalled dict or frozenset."""
    parts: list[list[str]] = [[] for _ in range(BUCKETS)]
    for word in table:
        parts[_bucket(word)].append(word)
    if isinstance(table, Mapping):
        blobs = tuple(marshal.dumps({w: table[w] for w in p}) for p in parts)
        return "dict", len(table), blobs
    return "set", len(table), tuple(marshal.dumps(frozenset(p)) for p in parts)


def unpack(packed: tuple[str, int, tuple[bytes, ...]]) -> LazyMapping | LazySet:
    kind, size, blobs = packed
    return LazyMapping(blobs, size) if kind == "dict" else LazySet(blobs, size)


def cache_path(directory: Path) -> Path | None:
    """Where the copy of the lexicon in `directory` lives; None when a source is unreadable."""
    digest = hashlib.sha256(f"{FORMAT}:{sys.version_info[:2]}".encode())
    try:
        for name in SOURCES:
            digest.update((directory / name).read_bytes())
    except OSError:
        return None  # the parser reports the missing file with its own message
    return directory.parent / ".cache" / f"lexicon-{digest.hexdigest()[:16]}.marshal"


def load_cached(directory: Path, parse: Callable[[Path], tuple[Any, ...]]) -> tuple[Any, ...]:
    """The lexicon's fields from the copy when it is there and whole (its large tables lazy),
    else parse(directory) (and write the copy for the next process)."""
    path = cache_path(directory)
    if path is not None:
        try:
            stored = marshal.loads(path.read_bytes())
            if isinstance(stored, tuple) and len(stored) == FIELDS + 1 and stored[0] == FORMAT:
                fields = stored[1:]
                return tuple(unpack(f) if i in TABLES else f for i, f in enumerate(fields))
        except (OSError, ValueError, EOFError, TypeError, IndexError):
            pass  # absent or damaged: parse and write it again
    fields = parse(directory)
    if path is not None:
        _write(path, fields)
    return fields


def _write(path: Path, fields: tuple[Any, ...]) -> None:
    """Write the copy atomically (a reader sees the old file or the whole new one)."""
    try:
        stored = (FORMAT, *(pack(f) if i in TABLES else f for i, f in enumerate(fields)))
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("wb", dir=path.parent, delete=False) as fh:
            fh.write(marshal.dumps(stored))
        os.chmod(fh.name, 0o644)
        os.replace(fh.name, path)
    except (OSError, ValueError, TypeError):
        return  # a read-only install (or a parse without tables): parse next time too
