"""The `.pdf` reader: the text layer, page by page, with pypdf."""

from __future__ import annotations

import io
import logging
from typing import Any

from pypdf import PdfReader

from corpus.text import PAGE_BREAK, Extracted, normalize_text
from indexer.errors import ReadError

# pypdf logs every repair it makes; keep that off stderr unless the application
# configures logging (a NullHandler does not stop propagation to its handlers).
logging.getLogger("pypdf").addHandler(logging.NullHandler())

PAGE_SEPARATOR = f"\n{PAGE_BREAK}\n"
_INFO_FIELDS = {
    "/Title": "title",
    "/Author": "author",
    "/Subject": "subject",
    "/Keywords": "keywords",
    "/Creator": "creator",
    "/Producer": "producer",
    "/CreationDate": "creation_date",
    "/ModDate": "modification_date",
}


def read_pdf(data: bytes, path: str) -> Extracted:
    """Extract the text layer of a PDF; pages are separated by form feeds.

    Raises ReadError for a corrupt or encrypted PDF, and for one without a text layer
    (a scan), which needs OCR first.
    """
    if b"%PDF-" not in data[:1024]:
        raise ReadError(path, "not a PDF file (no %PDF header): check the file type")
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        _decrypt(reader, path)
        pages = [normalize_text(page.extract_text() or "") for page in reader.pages]
        metadata = _metadata(reader.metadata)
    except ReadError:
        raise
    except Exception as exc:  # noqa: BLE001 - pypdf raises many types on malformed input
        reason = f"{type(exc).__name__}: {exc}".strip()[:200]
        raise ReadError(path, f"not a readable PDF ({reason}): is the file complete?") from exc
    if not pages:
        raise ReadError(path, "the PDF has no pages")
    if not any(page.strip() for page in pages):
        raise ReadError(path, "no text layer: run OCR (e.g. ocrmypdf) first")
    empty = [str(number) for number, page in enumerate(pages, start=1) if not page.strip()]
    if empty:
        metadata["pages_without_text"] = ",".join(empty)
    return Extracted(text=PAGE_SEPARATOR.join(pages), pages=len(pages), metadata=metadata)


def _decrypt(reader: PdfReader, path: str) -> None:
    """Open PDFs encrypted with an empty user password; refuse the others."""
    if not reader.is_encrypted:
        return
    if not reader.decrypt(""):
        raise ReadError(
            path, "the PDF is password-protected: decrypt it first (e.g. qpdf --decrypt)"
        )


def _metadata(info: Any) -> dict[str, str]:
    """The document info dictionary as plain strings (title, author, dates, ...)."""
    if not info:
        return {}
    found: dict[str, str] = {}
    for key, name in _INFO_FIELDS.items():
        value = info.get(key)
        if value is None:
            continue
        text = normalize_text(str(value)).strip()
        if text:
            found[name] = text
    return found
