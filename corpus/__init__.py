"""Readers: bytes of a minutes file (.txt, .pdf, .html/.htm, .json/.jsonl) -> Document."""

from corpus.read import (
    DEFAULT_MAX_BYTES,
    READERS,
    SUPPORTED_SUFFIXES,
    iter_paths,
    read,
    read_bytes,
)
from indexer.errors import ReadError, UnsupportedFormat

__all__ = [
    "DEFAULT_MAX_BYTES",
    "READERS",
    "SUPPORTED_SUFFIXES",
    "ReadError",
    "UnsupportedFormat",
    "iter_paths",
    "read",
    "read_bytes",
]
