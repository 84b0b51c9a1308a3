"""The HTTP routes of CONTRACT, in-process with FastAPI's TestClient, over the real samples."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any, Protocol

import pyarrow.parquet as pq
import pytest
from fastapi.testclient import TestClient

from indexer.store.queries import ENTITY_ROW_FIELDS
from tests.api.conftest import FREDERIKSBERG_CASE, FREDERIKSBERG_TITLE, ClientFactory

HIT_FIELDS = {"item_id", "municipality", "committee", "meeting_date", "item_number", "title",
              "case_numbers", "section", "snippet", "score", "source"}
ITEM_FIELDS = {"item_id", "municipality", "committee", "meeting_date", "item_number", "title",
               "case_numbers", "sections", "decision", "entities", "source"}
OUTCOMES = {"approved", "rejected", "noted", "postponed", "referred", "discussed", "other"}
ROUTES = {"/health", "/search", "/items/{item_id}", "/cases/{case_number}", "/decisions",
          "/entities", "/documents", "/facets"}


class JSONResponse(Protocol):
    def json(self) -> Any: ...


def detail(response: JSONResponse) -> str:
    body = response.json()
    assert isinstance(body["detail"], str) and body["detail"]
    return body["detail"]


def test_health_counts_the_ingested_samples(client: TestClient) -> None:
    body = client.get("/health").json()
    assert body["status"] == "ok"
    assert body["documents"] == 3
    assert body["meetings"] >= 3
    assert body["items"] >= 5 + 4 + 1  # kk jsonl lines + Frederiksberg points + København
    assert body["sections"] > body["items"]
    assert body["entities"]["COMMITTEE"] > 0 and body["entities"]["DATE"] > 0


def test_search_returns_one_hit_per_item_with_marked_snippets(client: TestClient) -> None:
    body = client.get("/search", params={"q": "integration"}).json()
    assert body["query"] == "integration"
    assert body["total"] >= len(body["hits"]) > 0
    ids = [hit["item_id"] for hit in body["hits"]]
    assert len(ids) == len(set(ids))
    for hit in body["hits"]:
        assert hit.keys() >= HIT_FIELDS
    assert any("<mark>" in hit["snippet"] for hit in body["hits"])
    assert FREDERIKSBERG_TITLE in [hit["title"] for hit in body["hits"]]


def test_search_filters_by_municipality(client: TestClient) -> None:
    body = client.get("/search", params={"q": "integration", "municipality": "Frederiksberg"})
    hits = body.json()["hits"]
    assert hits and {hit["municipality"] for hit in hits} == {"Frederiksberg"}


def test_search_limit_and_offset_page_through(client: TestClient) -> None:
    first = client.get("/search", params={"q": "integration", "limit": 1}).json()
    second = client.get("/search", params={"q": "integration", "limit": 1, "offset": 1}).json()
    assert len(first["hits"]) == 1
    if first["total"] > 1:
        assert second["hits"][0]["item_id"] != first["hits"][0]["item_id"]


@pytest.mark.parametrize(
    ("params", "named"),
    [
        ({"q": "x", "date_from": "yesterday"}, "date_from"),
        ({"q": "x", "date_to": "2020-13-45"}, "date_to"),
        ({"q": "x" * 10_000}, "q"),
        ({"q": ""}, "q"),
        ({}, "q"),
        ({"q": "x", "limit": 0}, "limit"),
        ({"q": "x", "limit": 1000}, "limit"),
        ({"q": "x", "offset": -1}, "offset"),
    ],
)
def test_bad_search_parameters_get_422_naming_them(
    client: TestClient, params: dict[str, str | int], named: str
) -> None:
    response = client.get("/search", params=params)
    assert response.status_code == 422
    assert named in detail(response)


@pytest.mark.parametrize("case_number", [FREDERIKSBERG_CASE, "15.40.00-p20-2-19",
                                         " 15.40.00-P20-2-19 "])
def test_case_lookup_finds_the_frederiksberg_item(client: TestClient, case_number: str) -> None:
    response = client.get(f"/cases/{case_number}")
    assert response.status_code == 200
    items = response.json()["items"]
    assert [item["title"] for item in items] == [FREDERIKSBERG_TITLE]
    assert items[0]["municipality"] == "Frederiksberg"
    assert FREDERIKSBERG_CASE in items[0]["case_numbers"]
    assert items[0].keys() >= ITEM_FIELDS


@pytest.mark.parametrize(("path", "needle"), [("/cases/NOPE", "NOPE"),
                                              ("/items/unknown", "unknown")])
def test_unknown_ids_get_404_json(client: TestClient, path: str, needle: str) -> None:
    response = client.get(path)
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("application/json")
    assert needle in detail(response)


def test_item_entities_point_into_their_section_text(client: TestClient) -> None:
    item = client.get(f"/cases/{FREDERIKSBERG_CASE}").json()["items"][0]
    again = client.get(f"/items/{item['item_id']}").json()
    assert again == item
    texts = {section["heading"]: section["text"] for section in item["sections"]}
    assert item["entities"]
    for entity in item["entities"]:
        assert entity["item_id"] == item["item_id"]
        if entity["section"] is None:  # the item header: its title, or its case-number line
            header = item["title"] if entity["type"] != "CASE_NUMBER" else entity["text"]
            assert header[entity["start"] : entity["end"]] == entity["text"]
            continue
        assert texts[entity["section"]][entity["start"] : entity["end"]] == entity["text"]
    header_cases = [e["normalized"] for e in item["entities"] if e["section"] is None]
    assert FREDERIKSBERG_CASE in header_cases
    assert item["decision"]["outcome"] in OUTCOMES
    assert "godkend" in item["decision"]["text"].lower()


def test_entities_csv_streams_a_header_and_rows(client: TestClient) -> None:
    response = client.get("/entities", params={"format": "csv"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.text)))
    assert tuple(rows[0]) == ENTITY_ROW_FIELDS
    assert len(rows) > 10
    assert {row[0] for row in rows[1:]} <= {
        "COMMITTEE", "DATE", "AMOUNT", "CASE_NUMBER", "PERSON", "ORGANIZATION", "LOCATION"}


def test_entities_csv_for_chosen_items_only(client: TestClient) -> None:
    hits = client.get("/search", params={"q": "integration", "limit": 2}).json()["hits"]
    ids = [hit["item_id"] for hit in hits]
    response = client.get("/entities", params={"format": "csv", "item_id": ids})
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert rows and {row["item_id"] for row in rows} <= set(ids)


def test_entities_parquet_parses_with_pyarrow(client: TestClient) -> None:
    response = client.get("/entities", params={"format": "parquet", "type": "COMMITTEE"})
    assert response.status_code == 200
    table = pq.read_table(io.BytesIO(response.content))
    assert table.num_rows > 5
    assert set(table.column_names) >= set(ENTITY_ROW_FIELDS)
    assert set(table.column("type").to_pylist()) == {"COMMITTEE"}
    assert "Socialudvalget" in table.column("normalized").to_pylist()


def test_entities_jsonl_is_one_object_a_line(client: TestClient) -> None:
    response = client.get("/entities", params={"type": "COMMITTEE"})
    lines = [json.loads(line) for line in response.text.splitlines()]
    assert lines and {line["type"] for line in lines} == {"COMMITTEE"}
    assert "Socialudvalget" in {line["normalized"] for line in lines}


@pytest.mark.parametrize("params", [{"format": "bogus"}, {"type": "NOPE"}])
def test_entities_bad_parameters_get_422(client: TestClient, params: dict[str, str]) -> None:
    response = client.get("/entities", params=params)
    assert response.status_code == 422
    assert next(iter(params)) in detail(response)


def test_decisions_answer_a_question(client: TestClient) -> None:
    response = client.get("/decisions",
                          params={"q": "hvad besluttede socialudvalget om integration"})
    assert response.status_code == 200
    decisions = response.json()["decisions"]
    assert decisions
    assert FREDERIKSBERG_TITLE in [d["title"] for d in decisions]
    for hit in decisions:
        assert hit["decision"]["outcome"] in OUTCOMES
        assert hit["decision"]["summary"]


def test_facets_list_committees_and_municipalities(client: TestClient) -> None:
    body = client.get("/facets").json()
    assert "Socialudvalget" in body["committees"]
    assert {"Frederiksberg", "København"} <= set(body["municipalities"])


def test_page_and_static_files_are_served(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    assert '<html lang="da">' in page.text and "/static/app.js" in page.text
    for name, kind in [("app.js", "javascript"), ("style.css", "text/css")]:
        response = client.get(f"/static/{name}")
        assert response.status_code == 200 and kind in response.headers["content-type"]


def test_openapi_lists_every_route(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    assert set(paths) >= ROUTES
    assert "post" in paths["/documents"]


def kk_item(samples: Path) -> bytes:
    return (samples / "kk-items-sample.jsonl").read_text(encoding="utf-8").splitlines()[0].encode()


def test_upload_ingests_a_document(make_client: ClientFactory, api_samples: Path) -> None:
    client = make_client()
    files = {"file": ("kk.jsonl", kk_item(api_samples), "application/json")}
    response = client.post("/documents", files=files)
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["status"] == "stored" and len(body["items"]) == 1
    item = client.get(f"/items/{body['items'][0]}").json()
    assert item["title"] == "Københavns Kommunes Kontrolindsats 2025"
    assert client.get("/health").json()["items"] == 1
    assert client.post("/documents", files=files).json()["status"] == "unchanged"
    renamed = {"file": ("same-bytes.jsonl", kk_item(api_samples), "application/json")}
    again = client.post("/documents", files=renamed).json()
    assert again["status"] == "duplicate" and "upload:kk.jsonl" in again["error"]
    assert client.get("/health").json()["items"] == 1


@pytest.mark.parametrize(("headers", "status"), [({}, 401), ({"X-API-Key": "wrong"}, 401),
                                                 ({"X-API-Key": "k"}, 200)])
def test_upload_needs_the_api_key_when_set(
    make_client: ClientFactory, api_samples: Path, headers: dict[str, str], status: int
) -> None:
    client = make_client(api_key="k")
    files = {"file": ("kk.jsonl", kk_item(api_samples), "application/json")}
    response = client.post("/documents", files=files, headers=headers)
    assert response.status_code == status, response.text
    if status == 401:
        assert "X-API-Key" in detail(response)


def test_upload_over_the_limit_gets_413(make_client: ClientFactory) -> None:
    client = make_client(max_upload_mb=1)
    body = b"Punkt 1: Meddelelser\n" + b"x" * (2 * 1024 * 1024)
    response = client.post("/documents", files={"file": ("big.txt", body, "text/plain")})
    assert response.status_code == 413
    assert "MB" in detail(response)


@pytest.mark.parametrize(("name", "body"), [("empty.txt", b""), ("bad.json", b"{not json"),
                                            ("image.png", b"\x89PNG\r\n\x1a\n")])
def test_bad_uploads_get_4xx_with_detail(make_client: ClientFactory, name: str,
                                         body: bytes) -> None:
    response = make_client().post("/documents", files={"file": (name, body, "text/plain")})
    assert 400 <= response.status_code < 500
    assert detail(response)
