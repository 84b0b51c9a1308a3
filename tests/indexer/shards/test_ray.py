"""Ray as the engine: ingest on a local Ray cluster into shards, a writer killed mid-ingest.

A local Ray cluster (`--ray local`) runs these; each test is marked slow (Ray starts worker
processes that load the pipeline)."""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest

from indexer.config import load_settings
from indexer.ingest import expand
from indexer.shards import create_manifest, open_store, reads
from indexer.shards.ray_cluster import connect

ray = pytest.importorskip("ray")
pytestmark = pytest.mark.slow
SHARED = Path(__file__).resolve().parents[3].parent / "shared"


@pytest.fixture(scope="module")
def cluster():
    yield connect("local", num_cpus=2)
    ray.shutdown()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from tests.indexer.shards.corpus import write_corpus

    return write_corpus(
        tmp_path_factory.mktemp("raysrc"), generated_sections=60, meetings_at_most=8
    )


def layout(data: Path) -> dict[str, object]:
    with open_store(data) as store:
        placed = sorted(
            (k, r[0])
            for k, s in enumerate(store.shards)
            for r in s.db.execute("SELECT path FROM documents")
        )
        return {"stats": reads.stats(store), "placed": placed}


def ray_ingest(data: Path, files: list[Path], **kwargs):
    from indexer.shards.ray_ingest import ingest_with_ray

    settings = load_settings(data=data, entities=False)
    with open_store(data) as store:
        return ingest_with_ray(store, files, settings, "local", **kwargs)


def test_ray_ingest_into_two_shards_equals_the_sharded_ingest(cluster, corpus, tmp_path):
    from tests.indexer.shards.corpus import build

    build(corpus, tmp_path / "plain", 2)
    create_manifest(tmp_path / "ray", 2)
    results = ray_ingest(tmp_path / "ray", expand([corpus]))
    assert {r.status for r in results} == {"stored"}
    assert layout(tmp_path / "ray") == layout(tmp_path / "plain")


def test_a_writer_killed_mid_ingest_loses_nothing_and_a_rerun_completes(cluster, corpus, tmp_path):
    from indexer.shards.ray_ingest import start_writers

    data = tmp_path / "ray"
    create_manifest(data, 2)
    files = expand([corpus])
    with open_store(data) as store:
        writers = start_writers(ray, store.shards, sharded=True)  # type: ignore[attr-defined]
    victim = ray.get(writers[0].pid.remote())
    killed: list[int] = []

    def kill_once(result) -> None:
        if not killed:
            os.kill(victim, signal.SIGKILL)  # the writer of shard 0 dies mid-ingest
            killed.append(victim)

    first = ray_ingest(data, files, on_result=kill_once, writers=writers)
    assert killed and ray.get(writers[0].pid.remote()) != victim  # Ray restarted it
    stored = {r.path for r in first if r.status == "stored"}
    rerun = ray_ingest(data, files)
    assert {r.path for r in rerun if r.status == "stored"} == {
        str(p.resolve()) for p in files
    } - stored
    with open_store(data) as store:
        paths = [r[0] for s in store.shards for r in s.db.execute("SELECT path FROM documents")]  # type: ignore[attr-defined]
    assert sorted(paths) == sorted(str(p.resolve()) for p in files)  # each once, none half


def test_ray_serve_answers_like_the_sharded_searcher_and_partially_without_a_shard(
    cluster, corpus, tmp_path
):
    from fastapi.testclient import TestClient
    from ray import serve

    from api.app import create_app
    from indexer.pipeline import Pipeline
    from indexer.search.query import Filters
    from indexer.shards.searcher import ShardedSearcher, searcher_for
    from indexer.shards.serve import HANDLES, RaySearcher, start_shard_deployments
    from tests.indexer.shards.corpus import build

    data = tmp_path / "served"
    build(corpus, data, 2)
    settings = load_settings(data=data, entities=False)
    pipeline = Pipeline(settings)
    with open_store(data) as store:
        local = ShardedSearcher(store, pipeline).search("integration", Filters(), collapse="none")
    start_shard_deployments(settings, "local")
    try:
        with open_store(data) as store:
            searcher = searcher_for(store, pipeline)
            assert isinstance(searcher, RaySearcher)
            served = searcher.search("integration", Filters(), collapse="none")
        assert served.pop("shards") == {"total": 2, "missing": []}
        assert served == local
        serve.delete("shard-1")  # shard 1 goes down
        response = TestClient(create_app(settings)).get("/search", params={"q": "integration"})
        assert response.status_code == 200
        body = response.json()
        assert body["shards"] == {"total": 2, "missing": [1]}
        with open_store(data) as store:
            in_zero = {r[0] for r in store.shards[0].db.execute("SELECT item_id FROM items")}  # type: ignore[attr-defined]
        assert body["hits"] and {h["item_id"] for h in body["hits"]} <= in_zero
    finally:
        HANDLES.clear()
        serve.shutdown()
