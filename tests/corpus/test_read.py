"""Dispatch by extension, file-level errors, folder walking, and fuzzing every reader."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import corpus
from indexer.errors import ReadError, UnsupportedFormat
from indexer.types import Document
from tests.corpus.pdfs import make_pdf

VALID_PDF = make_pdf([["Punkt 7: Meddelelser", "Økonomiudvalget besluttede – 1,475 mio. kr."]])
PREFIXES = {
    ".txt": b"",
    ".pdf": b"%PDF-1.4\n",
    ".html": b"<html><body><main>",
    ".htm": b"<p>",
    ".json": b'{"titel": "',
    ".jsonl": b'{"titel": "Punkt", "afsnit": [',
}


def test_supported_suffixes_come_from_the_dispatch_table() -> None:
    assert set(corpus.SUPPORTED_SUFFIXES) == set(corpus.READERS)
    assert set(corpus.SUPPORTED_SUFFIXES) == {".txt", ".pdf", ".html", ".htm", ".json", ".jsonl"}


@pytest.mark.parametrize("name", ["referat.docx", "referat", "referat.txt.gz", "data.csv"])
def test_unsupported_suffix(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_text("Beslutning: godkendt")
    with pytest.raises(UnsupportedFormat) as info:
        corpus.read(path)
    assert ".txt" in info.value.reason and ".jsonl" in info.value.reason
    with pytest.raises(UnsupportedFormat):
        corpus.read_bytes(b"Beslutning", name)


def test_suffix_is_case_insensitive(samples_dir: Path, tmp_path: Path) -> None:
    sample = samples_dir / "kobenhavn-socialudvalget-2010-05-05.txt"
    upper = tmp_path / "REFERAT.TXT"
    upper.write_bytes(sample.read_bytes())
    assert corpus.read(upper).text == corpus.read(sample).text


def test_read_bytes_matches_read(samples_dir: Path) -> None:
    path = samples_dir / "kk-items-sample.jsonl"
    data = path.read_bytes()
    uploaded = corpus.read_bytes(data, "upload.jsonl")
    assert uploaded.path == "upload.jsonl"
    assert uploaded.sha256 == corpus.read(path).sha256 == hashlib.sha256(data).hexdigest()
    assert uploaded.items == corpus.read(path).items


@pytest.mark.parametrize("suffix", corpus.SUPPORTED_SUFFIXES)
def test_empty_file_is_read_error(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"empty{suffix}"
    path.write_bytes(b"")
    with pytest.raises(ReadError, match="empty"):
        corpus.read(path)


def test_missing_file_and_folder(tmp_path: Path) -> None:
    with pytest.raises(ReadError, match="no such file"):
        corpus.read(tmp_path / "missing.txt")
    (tmp_path / "folder.txt").mkdir()
    with pytest.raises(ReadError, match="folder"):
        corpus.read(tmp_path / "folder.txt")


def test_size_limit(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_bytes(b"Beslutning: godkendt\n" * 10)
    with pytest.raises(ReadError, match="limit"):
        corpus.read(path, max_bytes=100)
    with pytest.raises(ReadError, match="limit"):
        corpus.read_bytes(path.read_bytes(), "big.txt", max_bytes=100)
    assert corpus.read(path, max_bytes=210).size == 210
    assert corpus.DEFAULT_MAX_BYTES == 200 * 1024 * 1024


def test_iter_paths(tmp_path: Path) -> None:
    for name in ["b/2.pdf", "b/1.HTML", "a.txt", "c/d/e.jsonl", "c/x.json", "z.htm",
                 ".hidden.txt", ".git/config.txt", "README.md", "c/README.txt", "notes.docx",
                 "__pycache__/m.txt"]:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x")
    found = [p.relative_to(tmp_path).as_posix() for p in corpus.iter_paths([tmp_path])]
    assert found == ["a.txt", "z.htm", "b/1.HTML", "b/2.pdf", "c/x.json", "c/d/e.jsonl"]
    explicit = list(corpus.iter_paths([tmp_path / "notes.docx", tmp_path / "a.txt",
                                       tmp_path, tmp_path / "nowhere.txt"]))
    assert explicit[:2] == [tmp_path / "notes.docx", tmp_path / "a.txt"]
    assert explicit[-1] == tmp_path / "nowhere.txt"
    assert len(explicit) == 2 + 5 + 1  # a.txt is not repeated


def test_iter_paths_on_samples(samples_dir: Path) -> None:
    names = [path.name for path in corpus.iter_paths([str(samples_dir)])]
    assert names == ["frederiksberg-socialudvalget-2020-02-03.txt", "kk-items-sample.jsonl",
                     "kobenhavn-socialudvalget-2010-05-05.txt"]


def _document_or_read_error(data: bytes, name: str) -> None:
    try:
        doc = corpus.read_bytes(data, name)
    except ReadError as error:
        assert error.path == name and error.reason
        return
    assert isinstance(doc, Document)
    assert doc.size == len(data) and doc.pages >= 1
    assert doc.text.strip() or doc.items


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(corpus.SUPPORTED_SUFFIXES), st.binary(max_size=400), st.booleans())
def test_arbitrary_bytes_give_document_or_read_error(
    suffix: str, data: bytes, with_prefix: bool
) -> None:
    _document_or_read_error((PREFIXES[suffix] if with_prefix else b"") + data, f"fuzz{suffix}")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.integers(0, len(VALID_PDF) - 1), st.integers(0, 255)),
                min_size=1, max_size=8),
       st.integers(1, len(VALID_PDF)))
def test_damaged_pdf_gives_document_or_read_error(
    edits: list[tuple[int, int]], cut: int
) -> None:
    data = bytearray(VALID_PDF)
    for position, byte in edits:
        data[position] = byte
    _document_or_read_error(bytes(data[:cut]), "damaged.pdf")
