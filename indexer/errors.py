"""Specific exceptions. Each message says what is wrong and what to do next.

The HTTP layer maps these to status codes in one place (api/errors.py); the CLI prints
their message on stderr.
"""

from __future__ import annotations


class ReferatError(Exception):
    """Base of every error the project raises on purpose."""


class ReadError(ReferatError):
    """A file could not be read into a Document (bad bytes, unknown format, no text)."""

    def __init__(self, path: str, reason: str) -> None:
        self.path = path
        self.reason = reason
        super().__init__(f"{path}: {reason}")


class UnsupportedFormat(ReadError):
    """The file extension names no reader."""


class ParseError(ReferatError):
    """A Document holds no recognisable agenda item."""

    def __init__(self, path: str, reason: str) -> None:
        self.path = path
        self.reason = reason
        super().__init__(f"{path}: {reason}")


class NotFound(ReferatError):
    """An item, case number or other key is not in the store."""


class InvalidInput(ReferatError):
    """A query, filter or parameter is malformed; the message names it."""


class ModelError(ReferatError):
    """A configured model cannot be loaded or does not match the index."""


class StoreError(ReferatError):
    """The data folder cannot be opened or is inconsistent."""
