"""Case linking on the worst case a user met: one minutes file repeating one real meeting
(benchmarks/bench_cases_repeat.py times it). Every copy shares the sample's case number, so
each new item links to up to 200 stored ones; the link-existence probe must use the pair
index (by `linked_to` alone it read every link to the first items: quadratic) and a long
document is linked in transactions of link.BATCH items."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from benchmarks.bench_cases_repeat import minutes_file
from indexer.cases import link, unionfind
from indexer.config import load_settings
from indexer.ingest import prepare_file
from indexer.pipeline import Pipeline
from indexer.store.db import Store, case_key


def test_every_copy_is_one_case_linked_by_its_case_number(tmp_path: Path) -> None:
    settings = load_settings(data=tmp_path / "data", entities=False, embeddings=False)
    prepared = prepare_file(minutes_file(tmp_path / "big.txt", 0.6), Pipeline(settings))
    with Store(settings.data) as store:
        ids = store.replace_document(prepared.doc, prepared.meetings, prepared.extras)  # type: ignore[union-attr]
        copies = [i for i in ids if store.db.execute(
            "SELECT 1 FROM case_numbers WHERE item_id = ? AND key = ?",
            (i, case_key("15.40.00-P20-2-19"))).fetchone()]
        assert len(copies) > 20
        link.link_items(store, ids)
        cases = {unionfind.case_of(store.db, i) for i in copies}
        assert len(cases) == 1
        (case,) = cases
        assert set(copies) <= set(unionfind.members(store.db, case))
        pairs = store.db.execute(
            "SELECT count(*), count(DISTINCT item_id || ' ' || linked_to) FROM case_links"
        ).fetchone()
        assert pairs[0] == pairs[1]  # no pair recorded twice


def test_the_link_probe_reads_the_pair_index(tmp_path: Path) -> None:
    with Store(tmp_path) as store:
        plan = " ".join(str(row[-1]) for row in store.db.execute(
            "EXPLAIN QUERY PLAN SELECT 1 FROM case_links WHERE item_id = ? AND linked_to = ?"
            " UNION ALL SELECT 1 FROM case_links WHERE item_id = ? AND linked_to = ? LIMIT 1",
            ("a", "b", "b", "a")))
    assert plan.count("case_links_pair") == 2, plan


def test_the_larger_case_keeps_its_id(tmp_path: Path) -> None:
    db = sqlite3.connect(tmp_path / "cases.sqlite")
    db.execute("CREATE TABLE case_items (item_id TEXT PRIMARY KEY, case_id TEXT NOT NULL)")
    db.execute("CREATE TABLE case_links (item_id TEXT, linked_to TEXT, rule TEXT, evidence TEXT)")
    db.executemany("INSERT INTO case_items VALUES (?, 'big')", [(f"i{k}",) for k in range(700)])
    db.execute("INSERT INTO case_items VALUES ('new', 'new')")
    assert unionfind.union(db, "new", "i3", "case_number", "x")
    assert unionfind.case_of(db, "new") == "big"
