"""The .json/.jsonl readers: Danish (kk scraper) and English agenda-item records."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import corpus
from corpus.jsonitems import normalize_date, to_raw_item
from indexer.errors import ReadError
from indexer.types import RawItem, RawSection

KK_ITEMS = [
    ("Økonomiudvalget", "2026-08-11", "28", "referat", "Københavns Kommunes Kontrolindsats 2025"),
    ("Christianshavns Lokaludvalg", "2026-08-26", "10", "referat",
     "Seniorhusets samarbejde med Vandkulturhuset på Papirøen"),
    ("Klima-, Miljø- og Teknikudvalget", "2026-06-22", "23", "referat", None),
    ("Borgerrepræsentationen", "2026-05-21", "52", "referat", None),
    ("Indre By Lokaludvalg", "2026-10-08", "26", "dagsorden",
     "B-sag: Ændring i retningslinjer for støtte fra lokaludvalgets pulje"),
]

TITLE = "Integrationspolitikens handleplan 2020 og fordeling af integrationspuljen"
ENGLISH: dict[str, Any] = {
    "municipality": "Frederiksberg",
    "committee": "Socialudvalget",
    "meeting_date": "03.02.2020",
    "item_number": 10,
    "title": TITLE,
    "case_numbers": ["15.40.00-P20-2-19"],
    "sections": [
        {"heading": "Resume", "text": "Integrationspuljen er i år på 1,475 mio.kr.\r\n"},
        {"heading": "Beslutning", "text": "Indstillingen blev godkendt."},
    ],
    "source": "https://www.frederiksberg.dk/referat/2020-02-03",
}


def test_reads_kk_sample(samples_dir: Path) -> None:
    doc = corpus.read(samples_dir / "kk-items-sample.jsonl")
    assert doc.format == "jsonl"
    assert doc.text == ""
    assert len(doc.items) == 5
    for item, (committee, date, number, kind, title) in zip(doc.items, KK_ITEMS, strict=True):
        assert item.municipality == "København"
        assert item.committee == committee
        assert item.meeting_date == date
        assert item.item_number == number
        assert item.kind == kind
        assert item.source_id and item.source_id.startswith(f"kk-{date}-")
        assert item.sections and all(section.text for section in item.sections)
        if title:
            assert item.title == title


def test_kk_sections_and_attachments(samples_dir: Path) -> None:
    first, second, third = corpus.read(samples_dir / "kk-items-sample.jsonl").items[:3]
    assert first.sections[0].heading == "Resumé"
    assert first.sections[0].text.startswith("Før Borgerrepræsentationen kan tage stilling")
    assert first.attachments == ()
    assert second.attachments == ("1. Brev om samarbejde mellem Seniorhuset og Vandkulturhuset",)
    assert third.attachments[0] == "Bilag 1 Overblik over politisk behandling"


@pytest.mark.parametrize("as_list", [False, True])
def test_reads_english_fields(tmp_path: Path, as_list: bool) -> None:
    path = tmp_path / "items.json"
    path.write_text(json.dumps([ENGLISH, ENGLISH] if as_list else ENGLISH), encoding="utf-8")
    doc = corpus.read(path)
    assert doc.format == "json"
    assert len(doc.items) == (2 if as_list else 1)
    assert doc.items[0] == RawItem(
        municipality="Frederiksberg",
        committee="Socialudvalget",
        meeting_date="2020-02-03",
        item_number="10",
        title=TITLE,
        sections=(
            RawSection("Resume", "Integrationspuljen er i år på 1,475 mio.kr."),
            RawSection("Beslutning", "Indstillingen blev godkendt."),
        ),
        case_numbers=("15.40.00-P20-2-19",),
        source="https://www.frederiksberg.dk/referat/2020-02-03",
    )


@pytest.mark.parametrize(
    ("record", "field", "value"),
    [
        ({"sagsnr": "2010-32472"}, "case_numbers", ("2010-32472",)),
        ({"sagsnummer": ["2010-32472", "2010-32472", " "]}, "case_numbers", ("2010-32472",)),
        ({"bilag": ["Bilag 1", {"navn": None, "url": "https://x/b2.pdf"}]}, "attachments",
         ("Bilag 1", "https://x/b2.pdf")),
        ({"nr": 7.0}, "item_number", "7"),
        ({"dato": "2010-05-05T17:00:00+02:00"}, "meeting_date", "2010-05-05"),
        ({"type": "Dagsorden"}, "kind", "dagsorden"),
        ({"udvalg": "  Social-,  Sundheds-\nog Arbejdsmarkedsudvalget "}, "committee",
         "Social-, Sundheds- og Arbejdsmarkedsudvalget"),
    ],
)
def test_danish_field_variants(record: dict[str, Any], field: str, value: object) -> None:
    item = to_raw_item({"titel": "Punkt", "afsnit": [], **record})
    assert getattr(item, field) == value


@pytest.mark.parametrize(
    ("raw", "iso"),
    [
        ("2010-05-05", "2010-05-05"),
        ("05.05.2010", "2010-05-05"),
        ("5.5.2010", "2010-05-05"),
        ("03-02-2020", "2020-02-03"),
        ("2020-02-03T21:30:00", "2020-02-03"),
        ("5. maj 2010", "2010-05-05"),
        ("den 3. februar 2020", "2020-02-03"),
        ("31.02.2010", None),
        ("primo 2020", None),
        ("2010", None),
    ],
)
def test_normalize_date(raw: str, iso: str | None) -> None:
    assert normalize_date(raw) == iso


def _jsonl(tmp_path: Path, lines: list[str]) -> Path:
    path = tmp_path / "items.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_blank_lines_are_allowed(tmp_path: Path) -> None:
    line = json.dumps(ENGLISH, ensure_ascii=False)
    doc = corpus.read(_jsonl(tmp_path, ["", line, "   ", line.replace("\n", ""), ""]))
    assert len(doc.items) == 2


@pytest.mark.parametrize(
    ("bad_line", "reason"),
    [
        ('{"titel": "Punkt", "afsnit": [', "invalid JSON"),
        ('["not", "an", "object"]', "expected an agenda-item object"),
        ('{"udvalg": "Socialudvalget", "afsnit": []}', "missing 'title'"),
        ('{"titel": "Punkt"}', "missing 'sections'"),
        ('{"titel": "Punkt", "afsnit": "tekst"}', "must be a list"),
        ('{"titel": "Punkt", "afsnit": [{"titel": "A", "tekst": 5}]}', "'tekst' must be a string"),
        ('{"titel": "Punkt", "afsnit": [], "dato": "i morgen"}', "not a date"),
        ('{"titel": ["Punkt"], "afsnit": []}', "'titel' must be a string"),
    ],
)
def test_bad_line_names_its_number(tmp_path: Path, bad_line: str, reason: str) -> None:
    good = json.dumps(ENGLISH)
    path = _jsonl(tmp_path, [good, "", bad_line, good])
    doc = corpus.read(path)  # streamed: the bad line is left out and named, the rest kept
    assert len(doc.items) == 2
    (problem,) = doc.problems
    assert problem.startswith("line 3: ") and reason in problem
    whole = corpus.read_bytes(path.read_bytes(), path.name)  # an upload reads the same
    assert whole.items == doc.items and whole.problems == doc.problems
    assert whole.sha256 == doc.sha256 and whole.size == doc.size


def test_a_file_of_bad_lines_only_is_a_read_error(tmp_path: Path) -> None:
    lines = ['{"titel": "Punkt"}'] * 7
    with pytest.raises(ReadError) as info:
        corpus.read(_jsonl(tmp_path, lines))
    assert info.value.reason.startswith("line 1: missing 'sections'")
    assert info.value.reason.endswith("(and 2 more)")


def test_a_line_that_is_not_utf8_is_named_and_the_rest_kept(tmp_path: Path) -> None:
    good = json.dumps(ENGLISH).encode()
    path = tmp_path / "items.jsonl"
    path.write_bytes(b"\xef\xbb\xbf" + good + b"\n" + '{"title": "Ø"}'.encode("cp1252") + b"\n"
                     + good + b"\n")
    doc = corpus.read(path)
    assert len(doc.items) == 2 and doc.problems[0].startswith("line 2: not UTF-8")


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b'{"title": "x",\n "sections": [}', "invalid JSON at line 2"),
        (json.dumps(ENGLISH).encode() + b"\n" + json.dumps(ENGLISH).encode(), ".jsonl"),
        (b"[]", "no agenda items"),
        (b'[{"title": "ok", "sections": []}, 3]', "item 2: expected an agenda-item object"),
        ('{"title": "Ø"}'.encode("cp1252"), "not UTF-8"),
        (b"[" * 100_000, "invalid JSON"),
        (b'{"title": "x", "sections": [], "nr": ' + b"9" * 5000 + b"}", "invalid JSON"),
    ],
)
def test_bad_json_file(data: bytes, reason: str) -> None:
    with pytest.raises(ReadError) as info:
        corpus.read_bytes(data, "items.json")
    assert reason in info.value.reason


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4)
    | st.dictionaries(st.sampled_from(["titel", "title", "afsnit", "sections", "tekst", "text",
                                       "heading", "dato", "nr", "bilag", "sagsnr", "navn"]),
                      inner, max_size=6),
    max_leaves=20,
)


@settings(max_examples=200, deadline=None)
@given(JSON_VALUES)
def test_any_json_value_gives_items_or_read_error(value: object) -> None:
    try:
        doc = corpus.read_bytes(json.dumps(value).encode(), "fuzz.json")
    except ReadError:
        return
    assert doc.items and all(item.title for item in doc.items)


@pytest.mark.parametrize(
    ("data", "name", "ending"),
    [
        (b'{"titel": "x\n"}', "items.json", "column 13: Invalid control character"),
        (b'{"titel": "x\x01"}\n', "items.jsonl", "column 13: Invalid control character"),
        (b'{"titel": "x', "items.json", "Unterminated string starting"),
    ],
)
def test_a_json_reason_does_not_end_in_a_dangling_at(data: bytes, name: str, ending: str) -> None:
    with pytest.raises(ReadError) as info:
        corpus.read_bytes(data, name)
    assert info.value.reason.endswith(ending), info.value.reason
