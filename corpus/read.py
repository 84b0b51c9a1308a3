"""Dispatch: pick the reader by file extension and wrap its result in a Document."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from corpus.html import read_html
from corpus.jsonitems import read_json, read_jsonl, read_jsonl_lines
from corpus.pdf import read_pdf
from corpus.text import Extracted, read_text
from indexer.errors import ReadError, UnsupportedFormat
from indexer.types import Document

Reader = Callable[[bytes, str], Extracted]

# suffix -> (Document.format, reader)
READERS: dict[str, tuple[str, Reader]] = {
    ".txt": ("txt", read_text),
    ".pdf": ("pdf", read_pdf),
    ".html": ("html", read_html),
    ".htm": ("html", read_html),
    ".json": ("json", read_json),
    ".jsonl": ("jsonl", read_jsonl),
}
SUPPORTED_SUFFIXES: tuple[str, ...] = tuple(READERS)
DEFAULT_MAX_BYTES = 200 * 1024 * 1024
_SKIPPED_NAMES = frozenset({"readme.md", "readme.txt", "readme"})


def read(
    path: str | Path, max_bytes: int = DEFAULT_MAX_BYTES, setting: str = "REFERAT_MAX_FILE_MB"
) -> Document:
    """Read one file into a Document.

    Raises UnsupportedFormat for an extension no reader handles, and ReadError (with the
    file and the reason) for a missing, unreadable, oversized, empty or malformed file.
    `setting` is the environment variable that sets `max_bytes`, named when a file is over.
    """
    file = Path(path)
    name = str(path)
    fmt, _ = _reader_for(name)
    try:
        size = file.stat().st_size
        if file.is_dir():
            raise ReadError(name, "is a folder: pass files, or use iter_paths to walk folders")
        _check_size(name, size, max_bytes, setting)
        if fmt == "jsonl":  # a line at a time, never the whole file in memory
            return _stream_jsonl(file, name)
        data = file.read_bytes()
    except FileNotFoundError as exc:
        raise ReadError(name, "no such file: check the path") from exc
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise ReadError(name, f"cannot open the file ({reason}): check permissions") from exc
    return read_bytes(data, name, max_bytes=max_bytes, setting=setting)


def read_bytes(
    data: bytes, name: str, max_bytes: int = DEFAULT_MAX_BYTES,
    setting: str = "REFERAT_MAX_UPLOAD_MB",
) -> Document:
    """Read uploaded bytes; `name` (a file name) gives the format by its extension."""
    fmt, reader = _reader_for(name)
    _check_size(name, len(data), max_bytes, setting)
    if not data:
        raise ReadError(name, "the file is empty")
    extracted = reader(data, name)
    return Document(
        path=name,
        format=fmt,
        sha256=hashlib.sha256(data).hexdigest(),
        size=len(data),
        text=extracted.text,
        pages=extracted.pages,
        items=extracted.items,
        metadata=extracted.metadata,
        problems=extracted.problems,
    )


def _stream_jsonl(file: Path, name: str) -> Document:
    """A .jsonl file read and hashed a line at a time (corpus.jsonitems.read_jsonl_lines)."""
    digest = hashlib.sha256()
    size = 0

    def hashed(handle: BinaryIO) -> Iterator[bytes]:
        nonlocal size
        for raw in handle:
            digest.update(raw)
            size += len(raw)
            yield raw

    with file.open("rb") as handle:
        if not handle.peek(1):
            raise ReadError(name, "the file is empty")
        extracted = read_jsonl_lines(hashed(handle), name)
    return Document(path=name, format="jsonl", sha256=digest.hexdigest(), size=size,
                    items=extracted.items, metadata=extracted.metadata,
                    problems=extracted.problems)


def iter_paths(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Files to ingest: files as given (so read() reports them if bad), folders walked.

    Folders are walked recursively in sorted order, yielding only supported suffixes and
    skipping hidden files and folders and README files. Each file comes once.
    """
    seen: set[Path] = set()
    for given in paths:
        path = Path(given)
        found = _walk_folder(path) if path.is_dir() else iter([path])
        for file in found:
            key = file.resolve()
            if key not in seen:
                seen.add(key)
                yield file


def _walk_folder(folder: Path) -> Iterator[Path]:
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith((".", "__")))
        for name in sorted(files):
            if _wanted(name):
                yield Path(root) / name


def _wanted(name: str) -> bool:
    if name.startswith(".") or name.lower() in _SKIPPED_NAMES:
        return False
    return os.path.splitext(name)[1].lower() in READERS


def _reader_for(name: str) -> tuple[str, Reader]:
    suffix = os.path.splitext(name)[1].lower()
    if suffix not in READERS:
        shown = suffix or "(no extension)"
        raise UnsupportedFormat(
            name, f"unsupported file type {shown}: use one of {', '.join(SUPPORTED_SUFFIXES)}"
        )
    return READERS[suffix]


def _check_size(name: str, size: int, max_bytes: int, setting: str) -> None:
    if size > max_bytes:
        where = " (a .jsonl file splits at any line)" if name.lower().endswith(".jsonl") else ""
        raise ReadError(
            name, f"the file is {size:,} bytes, over the {max_bytes:,}-byte limit"
                  f" ({setting}={max_bytes / 2**20:g}): split it{where}, or raise {setting}"
        )
