"""One test per linking rule, on real Copenhagen and Frederiksberg items (tests/indexer/cases/
conftest.py), and the cases the rules must not make."""

from __future__ import annotations

from indexer.cases.unionfind import case_of
from indexer.store.db import Store


def item_id(store: Store, source_id: str) -> str:
    row = store.db.execute("SELECT item_id FROM items WHERE source_id = ?", (source_id,)).fetchone()
    assert row is not None, f"{source_id} was not stored"
    return str(row[0])


def link_rule(store: Store, first: str, second: str) -> str | None:
    row = store.db.execute(
        "SELECT rule FROM case_links WHERE (item_id = ? AND linked_to = ?)"
        " OR (item_id = ? AND linked_to = ?)",
        (first, second, second, first),
    ).fetchone()
    return None if row is None else str(row[0])


def same_case(store: Store, first: str, second: str) -> bool:
    return case_of(store.db, first) == case_of(store.db, second)


def test_case_number_links_a_later_item_with_the_same_journal_number(linked: Store) -> None:
    sample = linked.db.execute(
        "SELECT item_id FROM case_numbers WHERE key = '15.40.00-P20-2-19'"
        " AND item_id LIKE 'frederiksberg-socialudvalget-%'"
    ).fetchone()[0]
    later = linked.db.execute(
        "SELECT item_id FROM items WHERE title = 'Opfølgning på integrationsindsatsen'"
    ).fetchone()[0]
    assert link_rule(linked, sample, later) == "case_number"
    assert same_case(linked, sample, later)


def test_agenda_and_minutes_of_one_item_are_versions(linked: Store) -> None:
    minutes = item_id(linked, "kk-2026-10-08-borgerrepræsentationen-6")
    agenda = item_id(linked, "derived-agenda-ukraine")
    assert link_rule(linked, minutes, agenda) == "version"


def test_the_same_title_at_two_bodies_is_one_case(linked: Store) -> None:
    committee = item_id(linked, "kk-2026-06-16-økonomiudvalget-7")
    council = item_id(linked, "kk-2026-06-25-borgerrepræsentationen-37")
    assert link_rule(linked, committee, council) == "title"


def test_a_referred_proposal_links_once_its_routing_suffix_is_removed(linked: Store) -> None:
    council = item_id(linked, "kk-2026-06-25-borgerrepræsentationen-33")
    committee = item_id(linked, "derived-referred-cars")
    assert link_rule(linked, council, committee) == "title"


def test_history_section_reference_links_the_committee_item(linked: Store) -> None:
    council = item_id(linked, "kk-2026-09-17-borgerrepræsentationen-12")
    committee = item_id(linked, "derived-kmtu-guarantee")
    rule = link_rule(linked, council, committee)
    assert rule == "reference"
    evidence = linked.db.execute(
        "SELECT evidence FROM case_links WHERE rule = 'reference' AND ? IN (item_id, linked_to)",
        (committee,),
    ).fetchone()[0]
    assert "klima-, miljø- og teknikudvalget 2026-08-17" in evidence


def test_near_duplicate_text_links_the_same_case_under_another_title(linked: Store) -> None:
    council = item_id(linked, "kk-2026-09-17-borgerrepræsentationen-11")
    committee = item_id(linked, "derived-kmtu-loan")
    assert link_rule(linked, council, committee) == "near_duplicate"


def test_standing_items_are_not_one_case(linked: Store) -> None:
    first = item_id(linked, "kk-2026-06-16-økonomiudvalget-1")
    second = item_id(linked, "kk-2026-08-19-økonomiudvalget-1")
    assert not same_case(linked, first, second)
    valby = item_id(linked, "kk-2026-08-18-valby-lokaludvalg-1")
    vesterbro = item_id(linked, "kk-2026-08-19-vesterbro-lokaludvalg-1")
    assert not same_case(linked, valby, vesterbro)  # boilerplate text 0.64 alike


def test_unrelated_items_stay_cases_of_their_own(linked: Store) -> None:
    ukraine = item_id(linked, "kk-2026-10-08-borgerrepræsentationen-6")
    cars = item_id(linked, "kk-2026-06-25-borgerrepræsentationen-33")
    loan = item_id(linked, "kk-2026-09-17-borgerrepræsentationen-11")
    cases = {case_of(linked.db, i) for i in (ukraine, cars, loan)}
    assert len(cases) == 3
