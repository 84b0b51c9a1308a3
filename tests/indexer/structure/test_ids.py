"""Stable, readable item ids and the slug folding behind them."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from indexer.structure.ids import assign_item_ids, item_id, path_hash, slugify, unique
from indexer.types import AgendaItem, Document, Meeting


def doc(path: str = "minutes/a.txt") -> Document:
    return Document(path=path, format="txt", sha256="0", size=0, text="x")


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("Frederiksberg", "frederiksberg"),
        ("København", "koebenhavn"),
        ("Økonomiudvalget", "oekonomiudvalget"),
        ("Børne- og Ungdomsudvalget", "boerne-og-ungdomsudvalget"),
        ("Århus Ærø", "aarhus-aeroe"),
        ("kk-2026-06-22-klima--miljø--og-teknikudvalget-23",
         "kk-2026-06-22-klima-miljoe-og-teknikudvalget-23"),
        ("Café Résumé", "cafe-resume"),
        ("  --7a--  ", "7a"),
        ("", ""),
    ],
)  # fmt: skip
def test_slugify(text: str, slug: str) -> None:
    assert slugify(text) == slug


@given(st.text())
def test_slug_is_ascii_words(text: str) -> None:
    slug = slugify(text)
    assert re.fullmatch(r"(?:[a-z0-9]+(?:-[a-z0-9]+)*)?", slug)
    assert slugify(slug) == slug


def test_item_id_readable() -> None:
    meeting = Meeting("Frederiksberg", "Socialudvalget", "2020-02-03")
    assert item_id(meeting, AgendaItem("7", "Meddelelser"), doc()) == (
        "frederiksberg-socialudvalget-2020-02-03-7"
    )
    meeting.kind = "dagsorden"
    assert item_id(meeting, AgendaItem("7", "Meddelelser"), doc()).endswith("-7-dagsorden")


def test_item_id_source_id_kept() -> None:
    meeting = Meeting("København", "Økonomiudvalget", "2026-08-11")
    item = AgendaItem("28", "Kontrol", source_id="kk-2026-08-11-økonomiudvalget-28")
    assert item_id(meeting, item, doc()) == "kk-2026-08-11-oekonomiudvalget-28"


def test_item_id_hashes_missing_parts() -> None:
    unknown = Meeting(None, "Socialudvalget", None)
    first = item_id(unknown, AgendaItem("3", "Sag"), doc("a/minutes.txt"))
    assert first == f"{path_hash('a/minutes.txt')}-socialudvalget-3"
    assert first == item_id(unknown, AgendaItem("3", "Sag"), doc("a/minutes.txt"))
    assert first != item_id(unknown, AgendaItem("3", "Sag"), doc("b/minutes.txt"))
    bare = item_id(Meeting(None, None, None), AgendaItem(None, "Orientering om vej"), doc())
    assert bare == f"{path_hash('minutes/a.txt')}-orientering-om-vej"


def test_ids_unique_within_document() -> None:
    assert unique(["a", "a", "b", "a", "a-2"]) == ["a", "a-2", "b", "a-3", "a-2-2"]
    meetings = [Meeting("Aarhus", "Byrådet", "2020-01-01",
                        items=[AgendaItem("1", "X"), AgendaItem("1", "Y")])]  # fmt: skip
    assign_item_ids(meetings, doc())
    assert [i.item_id for i in meetings[0].items] == [
        "aarhus-byraadet-2020-01-01-1", "aarhus-byraadet-2020-01-01-1-2",
    ]  # fmt: skip
