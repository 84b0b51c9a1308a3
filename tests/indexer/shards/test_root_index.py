"""A sharded data folder has a vector index in each shard and none at its root.

`referat search` and `referat decisions` used to search a sharded folder with a plain
Searcher: it read every shard's vectors as if they were one store's (their local section ids
mixed) and saved that index as a stray `sections.faiss` in the data folder itself."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

import api.cli_search  # noqa: F401  (registers the read commands)
from api.cli import cli
from indexer.config import load_settings
from indexer.embedding.vectors import INDEX_FILE
from indexer.errors import StoreError
from indexer.pipeline import Pipeline
from indexer.search.hybrid import Searcher
from indexer.search.query import Filters
from indexer.shards import open_store
from indexer.shards.searcher import searcher_for

pytestmark = pytest.mark.slow


def test_search_commands_leave_no_index_at_the_root_and_rank_as_the_sharded_searcher(archives):
    data = archives["4-hash"]
    runner = CliRunner()
    found = runner.invoke(cli, ["--data", str(data), "search", "integration", "--json"])
    assert found.exit_code == 0, found.output
    decided = runner.invoke(cli, ["--data", str(data), "decisions", "integration", "--json"])
    assert decided.exit_code == 0, decided.output
    assert not (data / INDEX_FILE).exists()
    assert all((data / f"shard-{k}" / INDEX_FILE).exists() for k in range(4))
    pipeline = Pipeline(load_settings(data=data, entities=False))
    with open_store(data) as store:
        expected = searcher_for(store, pipeline).search("integration", Filters(), limit=10)
    assert [h["item_id"] for h in json.loads(found.output)["hits"]] == [
        h["item_id"] for h in expected["hits"]
    ]


def test_a_plain_searcher_refuses_to_build_an_index_at_a_sharded_root(archives):
    data = archives["4-hash"]
    pipeline = Pipeline(load_settings(data=data, entities=False))
    with open_store(data) as store:
        with pytest.raises(StoreError, match="sharded"):
            Searcher(store, pipeline).vectors()
        with pytest.raises(StoreError, match="one vector index a shard"):
            searcher_for(store, pipeline).vectors()
    assert not (data / INDEX_FILE).exists()
