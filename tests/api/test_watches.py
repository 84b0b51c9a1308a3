"""/watches and /cases over HTTP: the API key, bad input as 4xx, the Atom feed, the timeline;
and end to end on a real server process: a saved search made over HTTP, then an upload."""

from __future__ import annotations

import hmac
import json
import shutil
import threading
from pathlib import Path

import feedparser
import httpx
import pytest
from fastapi.testclient import TestClient

from indexer.watches.webhook import sign
from tests.api.conftest import FREDERIKSBERG_CASE, ClientFactory, running_server
from tests.indexer.cases.conftest import dev_items, write_jsonl
from tests.indexer.watches.receiver import receiver


def test_posting_and_deleting_a_watch_needs_the_key(make_client: ClientFactory) -> None:
    api = make_client(api_key="k3y")
    assert api.post("/watches", json={"query": "integration"}).status_code == 401
    made = api.post("/watches", json={"query": "integration"}, headers={"X-API-Key": "k3y"})
    assert made.status_code == 201, made.text
    body = made.json()
    assert set(body) >= {"id", "query", "filters", "webhook", "secret"}
    listed = api.get("/watches").json()["watches"]
    assert [w["id"] for w in listed] == [body["id"]]
    assert "secret" not in listed[0] or listed[0]["secret"] is None
    assert api.delete(f"/watches/{body['id']}").status_code == 401
    assert api.delete(f"/watches/{body['id']}", headers={"X-API-Key": "k3y"}).status_code == 204
    assert api.delete(f"/watches/{body['id']}", headers={"X-API-Key": "k3y"}).status_code == 404


@pytest.mark.parametrize(
    "body",
    [
        {"query": ""},
        {"query": "x", "webhook": "ftp://example.org/x"},
        {"query": "x", "date_from": "2020-13-01"},
        {"query": "x", "colour": "blue"},
    ],
)
def test_a_bad_watch_is_a_422_with_a_detail(make_client: ClientFactory, body: dict) -> None:
    answer = make_client().post("/watches", json=body)
    assert answer.status_code == 422
    assert answer.json()["detail"]


def test_an_unknown_watch_feed_is_404(make_client: ClientFactory) -> None:
    answer = make_client().get("/watches/nope/feed.atom")
    assert answer.status_code == 404
    assert "watch list" in answer.json()["detail"]


def test_a_new_watch_has_a_valid_empty_feed(make_client: ClientFactory) -> None:
    api = make_client()
    made = api.post("/watches", json={"query": "integration", "committee": "Socialudvalget"})
    feed = api.get(f"/watches/{made.json()['id']}/feed.atom")
    assert feed.headers["content-type"].startswith("application/atom+xml")
    parsed = feedparser.parse(feed.content)
    assert not parsed.bozo
    assert parsed.feed.title == "referat: integration"
    assert parsed.entries == []


def test_case_route_keeps_its_shape_and_adds_the_timeline(client: TestClient) -> None:
    body = client.get(f"/cases/{FREDERIKSBERG_CASE}").json()
    assert body["case_number"] == FREDERIKSBERG_CASE
    assert body["items"] and body["case"]["items"]
    case_id = body["items"][0]["case"]["id"]
    by_id = client.get(f"/cases/{case_id}").json()
    assert [i["item_id"] for i in by_id["items"]] == [i["item_id"] for i in body["items"]]
    assert client.get("/cases/no-such-case").status_code == 404


def test_search_collapse_parameter(client: TestClient) -> None:
    assert client.get("/search", params={"q": "integration", "collapse": "x"}).status_code == 422
    hits = client.get("/search", params={"q": "integration", "collapse": "none"}).json()["hits"]
    assert hits and hits[0].get("case") is None
    collapsed = client.get("/search", params={"q": "integration"}).json()["hits"]
    assert collapsed[0]["case"]["id"]


@pytest.mark.slow
def test_watch_over_http_then_upload_feeds_and_posts(api_data: Path, tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(api_data, data)
    row = dev_items()["kk-2026-10-08-borgerrepræsentationen-6"]
    upload = write_jsonl(tmp_path / "ukraine.jsonl", [row])
    with receiver() as got, running_server(data, tmp_path / "server.log") as url:
        made = httpx.post(f"{url}/watches", json={"query": "fordrevne", "webhook": got.url})
        assert made.status_code == 201, made.text
        watch = made.json()
        with upload.open("rb") as f:
            stored = httpx.post(f"{url}/documents", files={"file": (upload.name, f)}, timeout=120)
        assert stored.status_code == 200, stored.text
        item_id = stored.json()["items"][0]
        feed = feedparser.parse(httpx.get(f"{url}/watches/{watch['id']}/feed.atom").content)
        assert [e.id for e in feed.entries] == [f"tag:referat,2026:item/{item_id}"]
        assert feed.entries[0].link == f"{url}/items/{item_id}"
        done = threading.Event()
        for _ in range(600):  # the server delivers in its own thread: wait for it
            if got.bodies or done.wait(0.1):
                break
        assert [json.loads(b)["item"]["item_id"] for b in got.bodies] == [item_id]
        assert hmac.compare_digest(got.signatures[0], sign(got.bodies[0], watch["secret"]))
