"""The case timeline on the Item, the case lookup, one search hit per case, incremental links."""

from __future__ import annotations

from pathlib import Path

from indexer.cases.lookup import find_case
from indexer.cases.unionfind import case_of
from indexer.ingest import ingest_paths
from indexer.pipeline import Pipeline
from indexer.search.hybrid import Searcher
from indexer.search.query import Filters
from indexer.store.db import Store
from indexer.store.queries import get_item
from tests.indexer.cases.conftest import derived, dev_items, quick_settings, write_jsonl
from tests.indexer.cases.test_link import item_id, link_rule


def test_item_carries_its_case_in_date_order(linked: Store) -> None:
    council = item_id(linked, "kk-2026-09-17-borgerrepræsentationen-11")
    case = get_item(linked, council)["case"]
    dates = [e["meeting_date"] for e in case["items"]]
    assert dates == ["2026-08-17", "2026-09-17"]
    assert set(case["items"][0]) >= {"item_id", "municipality", "committee", "title", "outcome"}
    assert case["id"] == case_of(linked.db, council)


def test_the_agenda_is_superseded_by_its_minutes(linked: Store) -> None:
    minutes = item_id(linked, "kk-2026-10-08-borgerrepræsentationen-6")
    entries = get_item(linked, minutes)["case"]["items"]
    assert [(e["kind"], e["superseded"]) for e in entries] == [
        ("dagsorden", True),
        ("referat", False),
    ]


def test_case_lookup_by_id_gives_the_path_and_the_rules(linked: Store) -> None:
    council = item_id(linked, "kk-2026-06-25-borgerrepræsentationen-37")
    found = find_case(linked, case_of(linked.db, council) or "")
    assert [i["committee"] for i in found["items"]] == ["Borgerrepræsentationen", "Økonomiudvalget"]
    assert found["case"]["path"].startswith("Økonomiudvalget 16. juni 2026: ")
    assert " -> Borgerrepræsentationen 25. juni 2026: " in found["case"]["path"]
    assert [link["rule"] for link in found["case"]["links"]] == ["title"]


def test_case_lookup_by_number_keeps_its_shape(linked: Store) -> None:
    found = find_case(linked, "15.40.00-p20-2-19")
    assert found["case_number"] == "15.40.00-p20-2-19"
    assert [i["meeting_date"] for i in found["items"]] == ["2020-03-02", "2020-02-03"]


def test_search_shows_one_hit_per_case_unless_asked_for_all(linked: Store) -> None:
    settings = quick_settings(linked.data_dir)
    searcher = Searcher(linked, Pipeline(settings))
    collapsed = searcher.search("fordrevne ukrainere kvote", Filters(), mode="lexical")
    every = searcher.search("fordrevne ukrainere kvote", Filters(), collapse="none", mode="lexical")
    minutes = item_id(linked, "kk-2026-10-08-borgerrepræsentationen-6")
    agenda = item_id(linked, "derived-agenda-ukraine")
    assert [h["item_id"] for h in collapsed["hits"]][:1] == [minutes]
    assert agenda not in [h["item_id"] for h in collapsed["hits"]]
    assert {minutes, agenda} <= {h["item_id"] for h in every["hits"]}
    assert collapsed["total"] == every["total"] - 1
    assert len(collapsed["hits"][0]["case"]["items"]) == 2


def test_an_earlier_meeting_ingested_later_links_to_the_items_that_refer_to_it(
    tmp_path: Path,
) -> None:
    items = dev_items()
    later = write_jsonl(
        tmp_path / "council.jsonl",
        [
            items[i]
            for i in (
                "kk-2026-09-17-borgerrepræsentationen-11",
                "kk-2026-09-17-borgerrepræsentationen-12",
            )
        ],
    )
    committee = [d for d in derived(items) if d["id"].startswith("derived-kmtu")]
    earlier = write_jsonl(tmp_path / "committee.jsonl", committee)
    settings = quick_settings(tmp_path / "data")
    with Store(settings.data) as store:
        ingest_paths(store, [later, earlier], Pipeline(settings))  # the council first
        loan, guarantee = (
            item_id(store, f"kk-2026-09-17-borgerrepræsentationen-{n}") for n in (11, 12)
        )
        assert link_rule(store, loan, item_id(store, "derived-kmtu-loan")) == "near_duplicate"
        assert link_rule(store, guarantee, item_id(store, "derived-kmtu-guarantee")) == "reference"


def test_entity_export_leaves_out_an_agenda_whose_minutes_are_stored(linked: Store) -> None:
    from indexer.store.queries import iter_entity_rows

    agenda = item_id(linked, "derived-agenda-ukraine")
    minutes = item_id(linked, "kk-2026-10-08-borgerrepræsentationen-6")
    linked.db.execute(  # the archive was built without entities: give both items one
        'INSERT INTO entities (item_id, section_id, type, text, normalized, start, "end")'
        " VALUES (?, NULL, 'DATE', 'x', '2026-10-08', 0, 1),"
        " (?, NULL, 'DATE', 'x', '2026-10-08', 0, 1)",
        (agenda, minutes),
    )
    exported = {row["item_id"] for row in iter_entity_rows(linked, types=["DATE"])}
    assert minutes in exported
    assert agenda not in exported
