"""Property test over a real server process: no input gets a 5xx, every refusal is JSON.

`referat serve` runs over the samples plus tests/api/fixtures/odd-items.jsonl (items without
sections, without a date, committee or number, FTS5 syntax in a title). Hypothesis sends any
Unicode text (no surrogates: a URL carries UTF-8), FTS5 syntax, control characters with NUL,
strings of up to 10,000 characters and strings with no term left after analysis as `q`, as
every filter the route documents (and a few it may not: type, party, collapse) and as the
item id or case number in the path. Each response must be 2xx, or 4xx with a JSON `detail`.
EXAMPLES requests a route, derandomized, so a run is repeatable.
"""

from __future__ import annotations

import json
import socket
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import httpx
import pytest
from hypothesis import HealthCheck, given, reject, settings
from hypothesis import strategies as st

from indexer.store.db import DB_NAME
from tests.api.strategies import hostile_text, query_params

pytestmark = pytest.mark.slow

EXAMPLES = 200
PROPERTY = settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
                    suppress_health_check=list(HealthCheck))
# names fuzzed on every query route besides those its OpenAPI document lists
EXTRA_PARAMS = ("q", "committee", "municipality", "date_from", "date_to", "limit", "offset",
                "type", "party", "collapse", "format", "item_id", "outcome")
QUERY_ROUTES = ("/search", "/decisions", "/entities", "/votes")
PATH_ROUTES = ("/items/{item_id}", "/cases/{case_number}")


@pytest.fixture(scope="module")
def http(odd_server_url: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=odd_server_url, timeout=60) as client:
        yield client


@pytest.fixture(scope="module")
def openapi(http: httpx.Client) -> dict:
    return dict(http.get("/openapi.json").json()["paths"])


@pytest.fixture(scope="module")
def known(odd_data: Path) -> dict[str, list[str]]:
    """Real values of the store: item ids, case numbers, committees, municipalities."""
    db = sqlite3.connect(odd_data / DB_NAME)
    try:
        ids = [r[0] for r in db.execute("SELECT item_id FROM items ORDER BY item_id")]
        cases = [c for (raw,) in db.execute("SELECT case_numbers FROM items")
                 for c in json.loads(raw)]
        names = [r[0] for r in db.execute(
            "SELECT committee FROM meetings UNION SELECT municipality FROM meetings") if r[0]]
    finally:
        db.close()
    assert any(i.startswith("testby-oekonomiudvalget") for i in ids), "odd items missing"
    return {"ids": ids, "cases": sorted(set(cases)), "names": sorted(set(names))}


def check_response(response: httpx.Response) -> None:
    """2xx, or 4xx with a non-empty JSON detail; never 5xx."""
    where = f"GET {response.request.url!s:.300} -> {response.status_code}"
    assert response.status_code < 500, f"{where}: {response.text[:1000]}"
    if response.status_code >= 400:
        detail = response.json().get("detail")
        assert detail, f"{where}: no JSON detail in {response.text[:300]}"
    elif response.headers.get("content-type", "").startswith("application/json"):
        response.json()


def get(http: httpx.Client, path: str, params: dict[str, str] | None = None) -> httpx.Response:
    """GET, or reject the example when its URL is over httpx's 65,536-byte limit (the
    server's own limit is tested by test_overlong_request_line_is_refused)."""
    try:
        request = http.build_request("GET", path, params=params)
    except httpx.InvalidURL:
        reject()
    return http.send(request)


def route_params(openapi: dict, route: str) -> tuple[str, ...]:
    listed = [p["name"] for p in openapi[route]["get"].get("parameters", [])
              if p["in"] == "query"]
    return tuple(dict.fromkeys([*listed, *EXTRA_PARAMS]))


@pytest.mark.parametrize("route", QUERY_ROUTES)
def test_query_routes_never_fail(
    route: str, http: httpx.Client, openapi: dict, known: dict[str, list[str]]
) -> None:
    if route not in openapi:
        pytest.skip(f"{route} is not a route of this app yet")
    required = ("q",) if route in ("/search", "/decisions") else ()
    values = known["names"] + known["ids"][:20] + known["cases"]
    sent: list[int] = []

    @PROPERTY
    @given(params=query_params(route_params(openapi, route), values, required))
    def check(params: dict[str, str]) -> None:
        check_response(get(http, route, params))
        sent.append(1)

    check()
    print(f"{route}: {len(sent)} examples")
    assert len(sent) >= EXAMPLES // 2, f"only {len(sent)} examples ran"


@pytest.mark.parametrize("route", PATH_ROUTES)
def test_path_routes_never_fail(
    route: str, http: httpx.Client, openapi: dict, known: dict[str, list[str]]
) -> None:
    assert route in openapi
    values = known["ids"] if "item_id" in route else known["cases"]
    key = route.split("{")[0]
    sent: list[int] = []

    @PROPERTY
    @given(value=hostile_text(values).filter(bool), real=st.sampled_from(values))
    def check(value: str, real: str) -> None:
        for path in (value, real):
            check_response(get(http, key + quote(path, safe="")))
        sent.append(1)

    check()
    print(f"{route}: {len(sent)} examples")
    assert len(sent) >= EXAMPLES // 2, f"only {len(sent)} examples ran"


def test_odd_items_are_served(http: httpx.Client, known: dict[str, list[str]]) -> None:
    """The fixture's items are reachable: the property runs exercise them, not only 404s."""
    no_sections = next(i for i in known["ids"] if i.endswith("oekonomiudvalget-2021-03-04-1"))
    response = http.get(f"/items/{no_sections}")
    assert response.status_code == 200, response.text
    assert response.json()["sections"] == []
    assert http.get("/cases/01.02.05-P16-1-21").status_code == 200


def test_overlong_request_line_is_refused(odd_server_url: str) -> None:
    """A request line over uvicorn's limit (~64 KiB) is refused by the server with a 400
    before the app sees it (plain text: no route runs); the process keeps serving."""
    host, port = odd_server_url.removeprefix("http://").split(":")
    line = f"GET /cases/{'%C3%A6' * 12_000} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
    with socket.create_connection((host, int(port)), timeout=30) as sock:
        sock.sendall(line.encode())
        head = sock.recv(200)
    assert head.startswith(b"HTTP/1.1 4"), head
    assert httpx.get(f"{odd_server_url}/health", timeout=10).status_code == 200
