"""The SQLite store: atomic replace, no orphans, case lookup, stats."""

from __future__ import annotations

import hashlib

import numpy as np
import pytest

from indexer.errors import InvalidInput, NotFound, StoreError
from indexer.store.db import SectionExtras, Store, case_key
from indexer.store.queries import get_item, items_by_case, iter_entity_rows, stats
from indexer.store.schema import SCHEMA_VERSION
from indexer.types import AgendaItem, Document, Entity, Meeting, Section


def make_doc(path: str, text: str) -> Document:
    data = text.encode()
    return Document(
        path=path, format="txt", sha256=hashlib.sha256(data).hexdigest(), size=len(data), text=text
    )


def make_meeting(item_id: str, case: str, title: str = "Integrationspuljen") -> Meeting:
    item = AgendaItem(
        number="10",
        title=title,
        case_numbers=[case],
        sections=[Section("Resume", "Om puljen."), Section("Beslutning", "Godkendt.")],
        item_id=item_id,
        entities=[Entity("CASE_NUMBER", case, case, 0, len(case), section=0)],
    )
    return Meeting("Frederiksberg", "Socialudvalget", "2020-02-03", items=[item])


def counts(store: Store) -> tuple[int, ...]:
    tables = ("documents", "meetings", "items", "sections", "entities", "case_numbers")
    fts = store.db.execute("SELECT count(*) FROM sections_fts").fetchone()[0]
    vectors = store.db.execute("SELECT count(*) FROM vectors").fetchone()[0]
    rows = [store.db.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables]
    return (*rows, fts, vectors)


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "data") as s:
        yield s


def test_replace_document_leaves_no_orphans(store):
    extras = {
        ("a-10", 0): SectionExtras("pulje", np.ones(4, dtype=np.float32)),
        ("a-10", 1): SectionExtras("godkendt", np.ones(4, dtype=np.float32)),
    }
    store.replace_document(
        make_doc("/x.txt", "v1"), [make_meeting("a-10", "15.40.00-P20-2-19")], extras
    )
    first = counts(store)
    assert first == (1, 1, 1, 2, 1, 1, 2, 2)
    store.replace_document(make_doc("/x.txt", "v2"), [make_meeting("a-10", "2010-32472")], extras)
    assert counts(store) == first
    with pytest.raises(NotFound):
        items_by_case(store, "15.40.00-P20-2-19")
    assert items_by_case(store, "2010-32472")[0]["item_id"] == "a-10"


def test_delete_cascades_to_fts_and_vectors(store):
    extras = {("a-10", 0): SectionExtras("pulje", np.ones(4, dtype=np.float32))}
    store.replace_document(make_doc("/x.txt", "v1"), [make_meeting("a-10", "1")], extras)
    assert store.delete_document("/x.txt")
    assert counts(store) == (0,) * 8


@pytest.mark.parametrize(
    "typed",
    ["15.40.00-P20-2-19", "15.40.00-p20-2-19", " 15.40.00 - P20-2-19 ", "15.40.00-P20 -2-19"],
)
def test_case_lookup_tolerates_spacing_and_case(store, typed):
    store.replace_document(make_doc("/x.txt", "v"), [make_meeting("a-10", "15.40.00-P20-2-19")])
    [item] = items_by_case(store, typed)
    assert item["title"] == "Integrationspuljen"
    assert item["sections"][1] == {"heading": "Beslutning", "text": "Godkendt."}
    assert item["entities"][0]["section"] == "Resume"


def test_empty_case_number_is_invalid(store):
    with pytest.raises(InvalidInput):
        items_by_case(store, "  ")
    assert case_key("2010 - 32472") == "2010-32472"


def test_get_item_unknown_id(store):
    with pytest.raises(NotFound, match="no agenda item"):
        get_item(store, "nope")


def test_rollback_keeps_old_version(store, monkeypatch):
    store.replace_document(make_doc("/x.txt", "v1"), [make_meeting("a-10", "1")])
    before = counts(store)
    broken = make_meeting("a-10", "2")
    broken.items[0].sections.append(None)  # type: ignore[arg-type]
    with pytest.raises(AttributeError):
        store.replace_document(make_doc("/x.txt", "v2"), [broken])
    assert counts(store) == before
    assert store.document_hash("/x.txt") == make_doc("/x.txt", "v1").sha256


def test_stats_and_entity_rows(store):
    store.replace_document(make_doc("/x.txt", "v"), [make_meeting("a-10", "2010-32472")])
    result = stats(store)
    assert result["items"] == 1 and result["entities"]["CASE_NUMBER"] == 1
    [row] = list(iter_entity_rows(store, types=["case_number"], committee="socialudvalget"))
    assert row["normalized"] == "2010-32472" and row["meeting_date"] == "2020-02-03"
    with pytest.raises(InvalidInput, match="unknown entity type"):
        list(iter_entity_rows(store, types=["WHAT"]))


def test_sections_carry_their_meeting_facets(store):
    store.replace_document(make_doc("/x.txt", "v"), [make_meeting("a-10", "1")])
    rows = store.db.execute("SELECT facets FROM sections_fts").fetchall()
    assert [r[0] for r in rows] == ["c-socialudvalget m-frederiksberg y-2020"] * 2


def test_store_of_an_older_schema_is_refused(tmp_path):
    with Store(tmp_path / "old") as old:
        old.set_meta("schema_version", "1")
    with pytest.raises(StoreError, match="--data") as refused:
        Store(tmp_path / "old")
    assert "schema version 1" in str(refused.value)
    with Store(tmp_path / "old2") as fresh:  # a new folder is created at the current version
        assert fresh.get_meta("schema_version") == str(SCHEMA_VERSION)


@pytest.mark.parametrize("spelled", ["Socialudvalget", "socialudvalget", " SOCIALUDVALGET "])
def test_entity_rows_committee_filter_in_any_letter_case(store, spelled):
    store.replace_document(make_doc("/x.txt", "v"), [make_meeting("a-10", "2010-32472")])
    assert len(list(iter_entity_rows(store, committee=spelled))) == 1


def test_entity_rows_committee_filter_folds_danish_letters(store):
    meeting = make_meeting("a-10", "2010-32472")
    meeting.committee = "Økonomiudvalget"
    store.replace_document(make_doc("/x.txt", "v"), [meeting])
    assert len(list(iter_entity_rows(store, committee="økonomiudvalget"))) == 1
    assert list(iter_entity_rows(store, committee="Socialudvalget")) == []
