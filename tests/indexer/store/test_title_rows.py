"""An item without sections gets a title row in the lexical index (acceptance defect D3).

Its title words must find it, the filters must hold for it, and replacing or deleting its
document must leave no row behind (the trigger on item_title_rows, through the cascade).
"""

from __future__ import annotations

import hashlib

import pytest

from indexer.search import retrieval
from indexer.search.query import Filters
from indexer.search.titles import is_title_row, title_items
from indexer.store.db import TITLE_ROW, SectionExtras, Store
from indexer.types import AgendaItem, Document, Meeting, Section


def doc(path: str, version: str) -> Document:
    data = version.encode()
    return Document(path=path, format="txt", sha256=hashlib.sha256(data).hexdigest(),
                    size=len(data), text=version)


def meeting(committee: str = "Økonomiudvalget") -> Meeting:
    secret = AgendaItem(number="10", title="Køb af hybelbolig (FORTROLIG)", case_numbers=[],
                        sections=[], item_id="kk-10")
    open_ = AgendaItem(number="11", title="Budget", case_numbers=[],
                       sections=[Section("Beslutning", "Godkendt.")], item_id="kk-11")
    return Meeting("København", committee, "2026-06-16", items=[secret, open_])


EXTRAS = {
    ("kk-10", TITLE_ROW): SectionExtras("køb hybelbolig fortrolig"),
    ("kk-11", 0): SectionExtras("budget beslutning godkendt"),
}


def fts_rows(store: Store) -> list[int]:
    return sorted(r[0] for r in store.db.execute("SELECT rowid FROM sections_fts"))


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "data") as s:
        s.replace_document(doc("/kk.json", "v1"), [meeting()], EXTRAS)
        yield s


def test_title_words_find_an_item_without_sections(store: Store) -> None:
    [(row, score)] = retrieval.lexical(store, ["hybelbolig"], Filters())
    assert is_title_row(row) and score > 0
    assert title_items(store, [row, 5]) == {row: "kk-10"}
    # the item with sections is not given a title row: its sections carry the title
    assert [r for r in fts_rows(store) if is_title_row(r)] == [row]


def test_filters_hold_for_title_rows(store: Store) -> None:
    assert retrieval.lexical(store, ["hybelbolig"], Filters(committee="Økonomiudvalget"))
    assert retrieval.lexical(store, ["hybelbolig"], Filters(date_from="2026-01-01"))
    assert not retrieval.lexical(store, ["hybelbolig"], Filters(committee="Socialudvalget"))
    assert not retrieval.lexical(store, ["hybelbolig"], Filters(date_to="2025-12-31"))


def test_replace_and_delete_leave_no_title_row(store: Store) -> None:
    store.replace_document(doc("/kk.json", "v2"), [meeting("Borgerrepræsentationen")], EXTRAS)
    assert len(fts_rows(store)) == 2
    assert store.db.execute("SELECT count(*) FROM item_title_rows").fetchone()[0] == 1
    assert store.delete_document("/kk.json")
    assert fts_rows(store) == []
    assert store.db.execute("SELECT count(*) FROM item_title_rows").fetchone()[0] == 0
