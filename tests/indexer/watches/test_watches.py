"""Saved searches end to end: made before an ingest, they list exactly the new matching items
in their Atom feed (parsed with feedparser) and POST each once, signed, to a real receiver."""

from __future__ import annotations

import hmac
import json
import re
import socket
import threading
from pathlib import Path
from typing import Any

import feedparser
import pytest

from indexer.config import Settings
from indexer.ingest import ingest_paths
from indexer.pipeline import Pipeline
from indexer.search.query import Filters
from indexer.shards import open_store
from indexer.shards.manifest import create_manifest
from indexer.store.db import Store
from indexer.watches.feed import atom
from indexer.watches.store import add_watch, list_watches, matched_items, remove_watch
from indexer.watches.webhook import sign
from tests.indexer.cases.conftest import dev_items, write_jsonl
from tests.indexer.watches.receiver import receiver

SECRET = "test-secret-0123456789"
SPLIT = "2026-08-19"  # items up to this date are ingested before the watch is made


def settings_for(data: Path, **extra: Any) -> Settings:
    values = {"data": data, "entities": False, "embeddings": False, "api_key": None}
    values |= {"webhook_backoff_s": 0.01, "webhook_attempts": 4, "webhook_timeout_s": 5.0}
    return Settings(**(values | extra))  # type: ignore[arg-type]


def wait_for_deliveries() -> None:
    for thread in threading.enumerate():
        if thread.name == "referat-webhooks":
            thread.join(timeout=60)


def halves(folder: Path) -> tuple[Path, Path, list[dict[str, Any]]]:
    rows = sorted(dev_items().values(), key=lambda r: (r["dato"], r["udvalg"], r["nr"]))
    before = write_jsonl(folder / "before.jsonl", [r for r in rows if r["dato"] <= SPLIT])
    after_rows = [r for r in rows if r["dato"] > SPLIT]
    return before, write_jsonl(folder / "after.jsonl", after_rows), after_rows


def mentions(row: dict[str, Any], word: str) -> bool:
    text = " ".join([row["titel"], *(s["tekst"] for s in row["afsnit"])])
    return re.search(rf"\b{word}\b", text, re.IGNORECASE) is not None


def source_ids(store: Store, item_ids: list[str]) -> set[str]:
    marks = ",".join("?" * len(item_ids))
    rows = store.db.execute(f"SELECT source_id FROM items WHERE item_id IN ({marks})", item_ids)
    return {str(r[0]) for r in rows}


@pytest.mark.slow
def test_a_watch_made_before_an_ingest_gets_exactly_the_new_matches(tmp_path: Path) -> None:
    before, after, after_rows = halves(tmp_path)
    expected = {r["id"] for r in after_rows if mentions(r, "fordrevne")}
    assert len(expected) >= 2  # the test means something
    settings = settings_for(tmp_path / "data")
    pipeline = Pipeline(settings)
    with receiver(fail_first=2) as got, Store(settings.data) as store:
        ingest_paths(store, [before], pipeline)
        watch = add_watch(store, "fordrevne", Filters(), got.url, SECRET)
        ingest_paths(store, [after], pipeline)
        wait_for_deliveries()
        matched = [i["item_id"] for i in matched_items(store, watch["id"])]
        assert source_ids(store, matched) == expected
        feed = feedparser.parse(atom(store, watch["id"], "http://testserver/"))
        assert not feed.bozo, feed.get("bozo_exception")
        assert {e.id.removeprefix("tag:referat,2026:item/") for e in feed.entries} == set(matched)
        assert got.refused == 2  # the first two POSTs failed and were retried
        bodies = [json.loads(b) for b in got.bodies]
        assert sorted(b["item"]["item_id"] for b in bodies) == sorted(matched)  # each once
        for body, signature in zip(got.bodies, got.signatures, strict=True):
            assert hmac.compare_digest(signature, sign(body, SECRET))
        ingest_paths(store, [after], pipeline)  # unchanged: nothing new, nothing sent
        wait_for_deliveries()
        assert len(got.bodies) == len(matched)


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_a_dead_webhook_neither_blocks_nor_fails_the_ingest(tmp_path: Path) -> None:
    rows = [r for r in dev_items().values() if r["id"] == "kk-2026-10-08-borgerrepræsentationen-6"]
    doc = write_jsonl(tmp_path / "one.jsonl", rows)
    settings = settings_for(tmp_path / "data", webhook_attempts=3)
    with Store(settings.data) as store:
        hook = f"http://127.0.0.1:{closed_port()}/hook"
        watch = add_watch(store, "ukrainere", Filters(), hook, SECRET)
        results = ingest_paths(store, [doc], Pipeline(settings))
        assert [r.status for r in results] == ["stored"]
        assert len(matched_items(store, watch["id"])) == 1
        wait_for_deliveries()
        attempts, error, delivered = store.db.execute(
            "SELECT attempts, last_error, delivered_at FROM watch_outbox"
        ).fetchone()
        assert (attempts, delivered) == (3, None)
        assert "Connection" in error or "refused" in error


def test_filters_narrow_the_matches(tmp_path: Path) -> None:
    _, after, after_rows = halves(tmp_path)
    settings = settings_for(tmp_path / "data")
    with Store(settings.data) as store:
        council = add_watch(store, "fordrevne", Filters(committee="borgerrepræsentationen"))
        social = add_watch(store, "handleplan socialudvalget", Filters())  # inferred committee
        ingest_paths(store, [after], Pipeline(settings))
        committees = {i["committee"] for i in matched_items(store, council["id"])}
        assert committees == {"Borgerrepræsentationen"}
        assert {i["committee"] for i in matched_items(store, social["id"])} == {"Socialudvalget"}


def test_saved_searches_work_on_a_sharded_archive(tmp_path: Path) -> None:
    """CONTRACT: every command works on a sharded archive: a watch is made, matched at an
    ingest into any shard, fed and delivered, and removed (acceptance defect D1)."""
    before, after, after_rows = halves(tmp_path)
    expected = {r["id"] for r in after_rows if mentions(r, "fordrevne")}
    settings = settings_for(tmp_path / "data")
    create_manifest(settings.data, 2, "hash")
    pipeline = Pipeline(settings)
    with receiver(fail_first=0) as got, open_store(settings.data) as store:
        ingest_paths(store, [before], pipeline)
        watch = add_watch(store, "fordrevne", Filters(), got.url, SECRET)
        assert [w["id"] for w in list_watches(store)] == [watch["id"]]
        ingest_paths(store, [after], pipeline)
        wait_for_deliveries()
        matched = [i["item_id"] for i in matched_items(store, watch["id"])]
        assert source_ids(store, matched) == expected
        feed = feedparser.parse(atom(store, watch["id"], "http://testserver/"))
        assert len(feed.entries) == len(matched)
        assert sorted(json.loads(b)["item"]["item_id"] for b in got.bodies) == sorted(matched)
        remove_watch(store, watch["id"])
        assert list_watches(store) == []
