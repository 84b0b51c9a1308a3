"""Cases across shards: a sharded archive (2 and 4 shards by hash) has the cases of one store.

The corpus: the samples, the dev items (one file a meeting) and the items the case tests
derive from them (an agenda before its minutes, a committee treatment a council item refers
to, a proposal referred to a committee), each in a file of its own, so that the items of
one case fall on different shards."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from api.cli import cli
from indexer.cases.lookup import find_case
from indexer.ingest import expand, ingest_paths
from indexer.pipeline import Pipeline
from indexer.search.query import Filters
from indexer.shards import create_manifest, open_store, reads
from indexer.shards.cases import CASE_INDEX, link_across
from indexer.shards.searcher import searcher_for
from indexer.shards.store import ShardedStore
from tests.indexer.cases.conftest import (
    derived,
    dev_items,
    frederiksberg_followup,
    quick_settings,
    write_jsonl,
)
from tests.indexer.shards.corpus import QUERIES, write_corpus

pytestmark = pytest.mark.slow
LAYOUTS = {"single": None, "2-hash": 2, "4-hash": 4}


@pytest.fixture(scope="module")
def linked(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("shardcases")
    corpus = write_corpus(root / "src", generated_sections=0)
    shutil.rmtree(corpus / "generated", ignore_errors=True)
    for n, item in enumerate(derived(dev_items())):
        write_jsonl(corpus / f"derived-{n}.jsonl", [item])
    write_jsonl(corpus / "zz-followup.jsonl", [frederiksberg_followup()])
    out = {"src": corpus}
    for name, shards in LAYOUTS.items():
        data = root / name
        if shards:
            create_manifest(data, shards, "hash")
        with open_store(data) as store:
            results = ingest_paths(store, expand([corpus]), Pipeline(quick_settings(data)))
        assert {r.status for r in results} == {"stored"}
        out[name] = data
    return out


def everything(data: Path) -> dict[str, object]:
    """Every item's case, every case by id and by case number, searches one hit a case."""
    with open_store(data) as store:
        items = sorted(reads.stats(store) and _item_ids(store))
        cases = {i: reads.get_item(store, i)["case"] for i in items}
        ids = sorted({c["id"] for c in cases.values()})
        numbers = sorted(
            {str(r[0]) for r in store.db.execute("SELECT key FROM case_numbers").fetchall()}
        )
        searcher = searcher_for(store, Pipeline(quick_settings(data)))
        return {
            "cases": cases,
            "by_id": {c: find_case(store, c) for c in ids},
            "by_number": {n: find_case(store, n) for n in numbers},
            "search": [searcher.search(q, Filters(), limit=10)["hits"] for q in QUERIES],
        }


def _item_ids(store: object) -> list[str]:
    return [str(r[0]) for r in store.db.execute("SELECT item_id FROM items").fetchall()]  # type: ignore[attr-defined]


def spanning(data: Path) -> int:
    """Cases whose items lie in more than one shard."""
    with open_store(data) as store:
        assert isinstance(store, ShardedStore)
        where = {i: k for k, s in enumerate(store.shards) for i in _item_ids(s)}
        cases: dict[str, set[int]] = {}
        for item, shard in where.items():
            case = reads.get_item(store, item)["case"]["id"]
            cases.setdefault(case, set()).add(shard)
        return sum(len(shards) > 1 for shards in cases.values())


@pytest.mark.parametrize("layout", ["2-hash", "4-hash"])
def test_cases_of_a_sharded_archive_are_those_of_one_store(linked, layout):
    assert spanning(linked[layout]) >= 3  # the test means something: cases cross shards
    single, sharded = everything(linked["single"]), everything(linked[layout])
    assert sharded["cases"] == single["cases"]
    assert sharded["by_id"] == single["by_id"]
    assert sharded["by_number"] == single["by_number"]
    assert sharded["search"] == single["search"]


def test_referat_case_answers_the_same_sharded(linked):
    def case(data: Path, key: str) -> str:
        result = CliRunner().invoke(cli, ["--data", str(data), "case", key, "--json"])
        assert result.exit_code == 0, result.output
        return result.output

    for key in ("15.40.00-P20-2-19", "2010-32472"):
        assert case(linked["4-hash"], key) == case(linked["single"], key)


def test_a_new_case_index_links_what_the_shards_hold_again(linked, tmp_path):
    data = tmp_path / "copy"
    shutil.copytree(linked["4-hash"], data)
    shutil.rmtree(data / CASE_INDEX)
    with open_store(data) as store:
        assert isinstance(store, ShardedStore)
        for shard in store.shards:  # as if each shard had linked alone (before the index)
            shard.db.execute("UPDATE case_items SET case_id = item_id")
        assert link_across(store) == reads.stats(store)["documents"]
        assert link_across(store) == 0  # nothing new: nothing linked again
    assert everything(data)["cases"] == everything(linked["single"])["cases"]


def test_a_deleted_document_leaves_the_cases_of_one_store(linked, tmp_path):
    copies = {name: tmp_path / name for name in ("single", "4-hash")}
    for name, data in copies.items():
        shutil.copytree(linked[name], data)
        with open_store(data) as store:
            path = str((linked["src"] / "derived-1.jsonl").resolve())
            assert store.delete_document(path)
    single, sharded = everything(copies["single"]), everything(copies["4-hash"])
    assert sharded["cases"] == single["cases"]
    assert sharded["by_id"] == single["by_id"]
