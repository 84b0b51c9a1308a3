"""The .txt reader: real PDF extractions, encodings, normalisation, bad input."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import corpus
from corpus.text import count_pages, decode_bytes, normalize_text
from indexer.errors import ReadError

SAMPLE_TEXT = [
    (
        "kobenhavn-socialudvalget-2010-05-05.txt",
        [
            "2. Socialudvalgets svar på beskæftigelses- og Integrationsforvaltnignens høring",
            "(2010-32472)",
            "INDSTILLING OG Beslutning",
            "Fejl! Ukendt betegnelse for dokumentegenskab. indstiller,",
            "Problemstilling\n\nBorgerrepræsentationen (BR) besluttede den 27. august 2009",
        ],
    ),
    (
        "frederiksberg-socialudvalget-2020-02-03.txt",
        [
            "REFERAT Socialudvalget_2018-21 d. 03-02-2020",
            "Punkt 7: Meddelelser\n\n00.22.00-P35-230-19",
            "15.40.00-P20-2-19",
            "Integrationspuljen er i år på 1,475 mio.kr.",
            "\nKontanthjælp og pension\t\t\t\t\n",  # a flattened table row keeps its cells
            "23. marts kl. 08.30-10.00\tTemabesøg i Finsens Have-området",
        ],
    ),
]

SNIPPETS_CP1252 = [
    "Økonomiudvalget besluttede – 1,475 mio. kr.",
    "Temamøde vedr. Tilbud til borgere med handicap – børn, unge, ældre",
    "Indstillingen blev godkendt med bemærkning om, at “puljen” fordeles.",
]
SNIPPETS_LATIN1 = [
    "Økonomiudvalget besluttede at bevilge 1,475 mio. kr.",
    "Beskæftigelses- og Integrationsforvaltnignens høring om integrationspolitik",
    "Mødested Udvalgsværelse 2, Frederiksberg Rådhus",
]


@pytest.mark.parametrize(("name", "snippets"), SAMPLE_TEXT)
def test_reads_real_sample(samples_dir: Path, name: str, snippets: list[str]) -> None:
    path = samples_dir / name
    raw = path.read_bytes()
    doc = corpus.read(path)
    assert doc.format == "txt"
    assert doc.path == str(path)
    assert doc.size == len(raw)
    assert doc.sha256 == hashlib.sha256(raw).hexdigest()
    assert doc.pages == 1
    assert doc.items == ()
    assert doc.metadata["encoding"] == "utf-8"
    for snippet in snippets:
        assert snippet in doc.text
    # nothing but the surrounding blank lines was lost
    assert doc.text == raw.decode("utf-8").strip("\n ")


@pytest.mark.parametrize("snippet", SNIPPETS_CP1252)
def test_cp1252_decodes_like_utf8(snippet: str) -> None:
    doc = corpus.read_bytes(snippet.encode("cp1252"), "minutes.txt")
    assert doc.text == corpus.read_bytes(snippet.encode("utf-8"), "minutes.txt").text == snippet
    assert doc.metadata["encoding"] == "cp1252"


@pytest.mark.parametrize("snippet", SNIPPETS_LATIN1)
def test_latin1_decodes_like_utf8(snippet: str) -> None:
    doc = corpus.read_bytes(snippet.encode("latin-1"), "minutes.txt")
    assert doc.text == corpus.read_bytes(snippet.encode("utf-8"), "minutes.txt").text == snippet
    assert doc.metadata["encoding"] in ("latin-1", "cp1252")


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (b"\xef\xbb\xbf" + SNIPPETS_CP1252[0].encode("utf-8"), "utf-8-sig"),
        (SNIPPETS_CP1252[0].encode("utf-16"), "utf-16"),
        # utf-8 with one stray cp1252 byte stays utf-8
        ("Socialudvalget på mødet – ".encode() + b"\x96 " + "Ærø".encode() * 3,
         "utf-8 (invalid bytes replaced)"),
    ],
)
def test_bom_and_mostly_utf8(data: bytes, encoding: str) -> None:
    text, used = decode_bytes(data)
    assert used == encoding
    assert "Økonomiudvalget" in text or "Socialudvalget på mødet –" in text


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Punkt 7\r\nBeslutning\r\n", "Punkt 7\nBeslutning"),
        ("Punkt 7\rBeslutning", "Punkt 7\nBeslutning"),
        ("1.475.000\u00a0kr.   \nnæste", "1.475.000 kr.\nnæste"),
        ("Beslut\x00ning\x07 godkendt", "Beslutning godkendt"),
        ("Integrations\u00adpolitik", "Integrationspolitik"),
        ("a\u030arhus", "\u00e5rhus"),  # decomposed å is composed
        ("\ufb01nansiering", "finansiering"),
        ("År\t2010\t\t\nside 1\fside 2", "År\t2010\t\t\nside 1\fside 2"),
    ],
)
def test_normalize_text(raw: str, expected: str) -> None:
    assert normalize_text(raw) == expected


@pytest.mark.parametrize(
    ("text", "pages"),
    [("one page", 1), ("page 1\fpage 2", 2), ("page 1\fpage 2\f", 2), ("\f\f", 1)],
)
def test_counts_form_feed_pages(text: str, pages: int) -> None:
    assert count_pages(text) == pages


def test_read_counts_pages(tmp_path: Path) -> None:
    path = tmp_path / "paged.txt"
    path.write_bytes(b"Side 1\n\fSide 2\n\fSide 3\n\f")
    assert corpus.read(path).pages == 3


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty"),
        (b"  \n\r\n\t ", "no text"),
        (bytes(range(256)) * 4, "not a text file"),
        (b"\x00\x01\x02\x03PK\x03\x04" * 50, "not a text file"),
    ],
)
def test_bad_text_is_read_error(tmp_path: Path, data: bytes, reason: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(data)
    with pytest.raises(ReadError) as info:
        corpus.read(path)
    assert reason in info.value.reason
    assert info.value.path == str(path)


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_normalize_text_is_idempotent_and_clean(text: str) -> None:
    once = normalize_text(text)
    assert normalize_text(once) == once
    assert "\r" not in once and "\u00a0" not in once
    assert all(ch in "\t\n\f" or ord(ch) >= 0x20 for ch in once)


DANISH_WORDS = [
    "Økonomiudvalget", "besluttede", "–", "1,475", "mio.", "kr.", "“puljen”", "§", "Ærø",
    "på", "år", "Æblet", "ØSTERBRO", "Å", "½", "bemærkning", "€", "…", "Beslutning:", "5.",
    "maj", "2010", "(2010-32472)", "é", "ü", "«Borgerrepræsentationen»", "°C", "næste",
]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(DANISH_WORDS), min_size=1), st.sampled_from([" ", "\n", "\t"]))
def test_cp1252_danish_text_round_trips(words: list[str], separator: str) -> None:
    text = separator.join(words)
    decoded, encoding = decode_bytes(text.encode("cp1252"))
    assert normalize_text(decoded) == normalize_text(text)
    assert encoding in ("cp1252", "latin-1", "utf-8")  # pure ASCII is valid utf-8


def _mojibake(text: str) -> str:
    """utf-8 bytes read as cp1252 (undefined bytes kept as C1 characters)."""
    return "".join(bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in text.encode())


@pytest.mark.parametrize("snippet", SNIPPETS_CP1252 + SNIPPETS_LATIN1)
def test_double_encoded_utf8_is_repaired(snippet: str) -> None:
    doc = corpus.read_bytes(_mojibake(snippet).encode(), "mojibake.txt")
    assert doc.text == snippet
    assert "repaired" in doc.metadata["encoding"]


@pytest.mark.parametrize("text", ["Ã… is a letter in ÆØÅ", "Ã… og â€ alene", "Ærø"])
def test_text_that_only_looks_double_encoded_is_kept(text: str) -> None:
    assert corpus.read_bytes(text.encode(), "ok.txt").text == text
