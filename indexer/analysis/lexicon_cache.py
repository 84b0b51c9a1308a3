"""A fast binary copy of the Danish lexicon, so that a one-off query does not parse it.

Parsing the gzipped TSV files (131,000 words, their lemmas, rules and exceptions) takes most
of the time a `referat search` spends before it can analyse its query. The parsed lexicon is
kept as one `marshal` file under models/.cache (ignored by git), named by a hash of the
source files' bytes and the Python version, so that a changed lexicon or another Python is a
new name and the stale copy is never read. The copy is made by the first process that needs
the lexicon; a folder that cannot be written just means parsing every time.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

SOURCES = ("lexicon.tsv.gz", "lemma_rules.tsv", "lemma_exceptions.tsv.gz")
FIELDS = 5  # zipf, lemmas, verbs, rules, exceptions: Lexicon's fields but `learnt`


def cache_path(directory: Path) -> Path | None:
    """Where the copy of the lexicon in `directory` lives; None when a source is unreadable."""
    digest = hashlib.sha256(f"{sys.version_info[:2]}".encode())
    try:
        for name in SOURCES:
            digest.update((directory / name).read_bytes())
    except OSError:
        return None  # the parser reports the missing file with its own message
    return directory.parent / ".cache" / f"lexicon-{digest.hexdigest()[:16]}.marshal"


def load_cached(directory: Path, parse: Callable[[Path], tuple[Any, ...]]) -> tuple[Any, ...]:
    """The lexicon's fields from the copy when it is there and whole, else parse(directory)
    (and write the copy for the next process)."""
    path = cache_path(directory)
    if path is not None:
        try:
            fields = marshal.loads(path.read_bytes())
            if isinstance(fields, tuple) and len(fields) == FIELDS:
                return fields
        except (OSError, ValueError, EOFError, TypeError):
            pass  # absent or damaged: parse and write it again
    fields = parse(directory)
    if path is not None:
        _write(path, fields)
    return fields


def _write(path: Path, fields: tuple[Any, ...]) -> None:
    """Write the copy atomically (a reader sees the old file or the whole new one)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("wb", dir=path.parent, delete=False) as fh:
            fh.write(marshal.dumps(fields))
        os.chmod(fh.name, 0o644)
        os.replace(fh.name, path)
    except (OSError, ValueError):
        return  # a read-only install: parse next time too
