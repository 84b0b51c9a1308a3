"""The .pdf reader: text layer page by page, metadata, corrupt and scanned PDFs."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pypdf import PdfWriter

import corpus
from indexer.errors import ReadError
from tests.corpus.pdfs import make_pdf

PAGE_1 = [
    "Punkt 10: Integrationspolitikens handleplan 2020",
    "15.40.00-P20-2-19",
    "Økonomiudvalget besluttede – 1,475 mio. kr.",
]
PAGE_2 = ["Beslutning", "Indstillingen blev godkendt."]


def blank_pdf(pages: int = 1) -> bytes:
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_reads_text_layer_with_page_breaks(tmp_path: Path) -> None:
    path = tmp_path / "referat.pdf"
    path.write_bytes(make_pdf([PAGE_1, PAGE_2], title="Referat Socialudvalget 03-02-2020"))
    doc = corpus.read(path)
    assert doc.format == "pdf"
    assert doc.pages == 2
    pages = doc.text.split("\f")
    assert len(pages) == 2
    assert [line for line in pages[0].splitlines() if line] == PAGE_1
    assert [line for line in pages[1].splitlines() if line] == PAGE_2
    assert doc.metadata["title"] == "Referat Socialudvalget 03-02-2020"
    assert "pages_without_text" not in doc.metadata


def test_scanned_page_among_text_pages_is_reported(tmp_path: Path) -> None:
    doc = corpus.read_bytes(make_pdf([PAGE_1, [], PAGE_2]), "delvis.pdf")
    assert doc.pages == 3
    assert doc.metadata["pages_without_text"] == "2"
    assert "Indstillingen blev godkendt." in doc.text


@pytest.mark.parametrize("data", [blank_pdf(), blank_pdf(3), make_pdf([[], []])])
def test_pdf_without_text_layer_asks_for_ocr(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "scan.pdf"
    path.write_bytes(data)
    with pytest.raises(ReadError) as info:
        corpus.read(path)
    assert "no text layer" in info.value.reason
    assert "OCR" in info.value.reason


VALID = make_pdf([PAGE_1])


@pytest.mark.parametrize(
    "data",
    [
        VALID[: len(VALID) // 2],
        VALID[:40],
        b"%PDF-1.4\n" + b"garbage " * 100,
        b"%PDF-1.7\n%%EOF\n",
        b"<html>not a pdf</html>",
        VALID.replace(b"/Root 1 0 R", b"/Root 9 0 R").replace(b"/Type /Catalog", b"/Type /Xxx"),
    ],
    ids=["half", "header-only", "garbage", "eof-only", "html", "no-root"],
)
def test_corrupt_pdf_is_read_error(data: bytes) -> None:
    with pytest.raises(ReadError) as info:
        corpus.read_bytes(data, "broken.pdf")
    assert info.value.path == "broken.pdf"
