"""The .html/.htm reader: main content as structured text, metadata, encodings."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import corpus
from indexer.errors import ReadError

PAGE = """<!DOCTYPE html>
<html lang="da"><head>
<meta charset="{charset}">
<title>Referat - Socialudvalget - 05.05.2010</title>
<meta name="description" content="Referat af mødet i Socialudvalget">
<meta name="DC.date" content="2010-05-05">
<script>document.write("<p>SCRIPT</p>");</script>
<style>p {{ color: red }}</style>
</head>
<body>
<header><a href="/">Forside</a><nav><ul><li>Politik</li><li>Borger</li></ul></nav></header>
<div class="breadcrumb">Forside &gt; Politik &gt; Referater</div>
<main>
<article>
<header><h1>Socialudvalget</h1><p>Mødedato 5. maj 2010</p></header>
<h2>2. Socialudvalgets svar på høring om integrationspolitik (2010-32472)</h2>
<h3>Indstilling</h3>
<p>Socialforvaltningen   indstiller,</p>
<ol>
<li>at Socialudvalget <b>drøfter</b> den fremtidige strategiske retning,</li>
<li><p>at Socialudvalget godkender svaret, og</p></li>
</ol>
<h3>Økonomi</h3>
<table>
<tr><th>Aktivitet</th><th>2011</th><th>2012</th></tr>
<tr><td>Integrationspuljen<br>(mio. kr.)</td><td>1,475</td><td>0,3</td></tr>
</table>
<ul><li>Bilag 1: Høringssvar</li><li>Bilag 2: Handleplan</li></ul>
<p>Økonomiudvalget besluttede – “enstemmigt”.<br>Beslutningen blev godkendt.</p>
<aside>Se også: andre referater</aside>
<noscript>Slå JavaScript til</noscript>
</article>
</main>
<footer>Københavns Kommune · Kontakt</footer>
</body></html>
"""

EXPECTED = """Socialudvalget

Mødedato 5. maj 2010

2. Socialudvalgets svar på høring om integrationspolitik (2010-32472)

Indstilling

Socialforvaltningen indstiller,

1. at Socialudvalget drøfter den fremtidige strategiske retning,
2. at Socialudvalget godkender svaret, og

Økonomi

Aktivitet\t2011\t2012
Integrationspuljen (mio. kr.)\t1,475\t0,3

• Bilag 1: Høringssvar
• Bilag 2: Handleplan

Økonomiudvalget besluttede – “enstemmigt”.
Beslutningen blev godkendt."""


@pytest.mark.parametrize(
    ("charset", "encoding", "suffix"),
    [("utf-8", "utf-8", ".html"), ("windows-1252", "cp1252", ".htm"),
     ("iso-8859-1", "cp1252", ".html")],
)
def test_minutes_page_gives_clean_structured_text(
    tmp_path: Path, charset: str, encoding: str, suffix: str
) -> None:
    path = tmp_path / f"referat{suffix}"
    path.write_bytes(PAGE.format(charset=charset).encode(encoding))
    doc = corpus.read(path)
    assert doc.format == "html"
    assert doc.text == EXPECTED
    assert doc.metadata["title"] == "Referat - Socialudvalget - 05.05.2010"
    assert doc.metadata["lang"] == "da"
    assert doc.metadata["description"] == "Referat af mødet i Socialudvalget"
    assert doc.metadata["dc.date"] == "2010-05-05"
    assert doc.metadata["encoding"] == encoding


@pytest.mark.parametrize(
    "noise", ["SCRIPT", "color", "Forside", "Politik\n", "andre referater", "Kontakt", "JavaScript"]
)
def test_navigation_and_scripts_are_left_out(noise: str) -> None:
    doc = corpus.read_bytes(PAGE.format(charset="utf-8").encode(), "referat.html")
    assert noise not in doc.text


def test_page_without_main_uses_body_without_chrome() -> None:
    html = (
        "<html><body><header><h1>Frederiksberg Kommune</h1></header>"
        "<nav>Menu</nav><div><h2>Punkt 7: Meddelelser</h2><p>00.22.00-P35-230-19</p>"
        "<section><header><h3>Beslutning</h3></header><p>Taget til efterretning.</p></section>"
        "</div><footer>Kontakt</footer></body></html>"
    )
    doc = corpus.read_bytes(html.encode(), "punkt.htm")
    assert doc.text == (
        "Punkt 7: Meddelelser\n\n00.22.00-P35-230-19\n\nBeslutning\n\nTaget til efterretning."
    )
    assert doc.metadata == {"encoding": "utf-8"}


def test_undeclared_cp1252_falls_back() -> None:
    html = "<p>Økonomiudvalget besluttede – 1,475 mio. kr.</p>".encode("cp1252")
    doc = corpus.read_bytes(html, "x.html")
    assert doc.text == "Økonomiudvalget besluttede – 1,475 mio. kr."
    assert doc.metadata["encoding"] == "cp1252"


def test_deep_nesting_does_not_overflow() -> None:
    html = "<div>" * 5000 + "Beslutning: godkendt" + "</div>" * 5000
    assert corpus.read_bytes(html.encode(), "deep.html").text == "Beslutning: godkendt"


@pytest.mark.parametrize(
    "html",
    [
        b"<html><head><title>Tom</title></head><body><nav>Menu</nav></body></html>",
        b"<script>alert(1)</script>",
        b"   ",
        b"\x00\x01\x02\x03\x04\x05\x06" * 20,
    ],
)
def test_page_without_content_is_read_error(html: bytes) -> None:
    with pytest.raises(ReadError):
        corpus.read_bytes(html, "tom.html")


WORDS = st.sampled_from(["Beslutning", "Økonomi", "1,475 mio. kr.", "at", "godkendt", "–"])
TAGS = st.sampled_from(["p", "div", "h2", "li", "blockquote", "span", "b", "section", "dd"])


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(TAGS, st.lists(WORDS, min_size=1, max_size=4)), min_size=1, max_size=8))
def test_every_word_of_content_survives(blocks: list[tuple[str, list[str]]]) -> None:
    html = " ".join(f"<{tag}>{' '.join(words)}</{tag}>" for tag, words in blocks)
    text = corpus.read_bytes(f"<main>{html}</main>".encode(), "x.html").text
    expected = [word for _, words in blocks for word in words]
    words = [word for word in text.split() if word != "•"]  # list bullets are added
    assert words == " ".join(expected).split()


@pytest.mark.parametrize("charset", ["rot13", "base64", "no-such-charset", "utf-16", "hex"])
def test_odd_declared_charset_falls_back(charset: str) -> None:
    html = f'<meta charset="{charset}"><p>Økonomiudvalget – godkendt</p>'.encode()
    assert corpus.read_bytes(html, "x.html").text == "Økonomiudvalget – godkendt"


def test_page_without_metadata_gets_no_names_from_its_file_name(tmp_path: Path) -> None:
    """thin.html names no municipality nor committee: neither is guessed ("Thin")."""
    from corpus.read import read
    from indexer.structure.parse import parse

    page = tmp_path / "thin.html"
    page.write_text("<html><body><h1>Dagsorden</h1><p>Punkt 1: Godkendelse af dagsorden</p>"
                    "<p>Beslutning</p><p>Godkendt.</p></body></html>", encoding="utf-8")
    [meeting] = parse(read(page))
    assert (meeting.municipality, meeting.committee) == (None, None)
    named = tmp_path / "kobenhavn-socialudvalget-2010-05-05.html"
    named.write_bytes(page.read_bytes())
    [meeting] = parse(read(named))
    assert (meeting.municipality, meeting.committee) == ("København", "Socialudvalget")
