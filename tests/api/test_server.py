"""The real server process (`referat serve`), spoken to over HTTP."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from tests.api.conftest import FREDERIKSBERG_TITLE, running_server

pytestmark = pytest.mark.slow


def test_server_answers_search_over_http(server_url: str) -> None:
    response = httpx.get(f"{server_url}/search", params={"q": "integration"}, timeout=30)
    assert response.status_code == 200
    body = response.json()
    assert body["total"] > 0
    assert FREDERIKSBERG_TITLE in [hit["title"] for hit in body["hits"]]


def test_server_serves_the_page(server_url: str) -> None:
    response = httpx.get(f"{server_url}/", timeout=10)
    assert response.status_code == 200
    assert "text/html" in response.headers["content-type"]
    assert 'role="search"' in response.text
    assert httpx.get(f"{server_url}/static/app.js", timeout=10).status_code == 200


def test_server_reports_bad_input_as_json(server_url: str) -> None:
    response = httpx.get(f"{server_url}/search", params={"q": "x", "limit": 0}, timeout=10)
    assert response.status_code == 422
    assert "limit" in response.json()["detail"]


def test_several_workers_serve_the_data_folder_given(api_data: Path, tmp_path: Path) -> None:
    """`serve --workers 2`: each worker builds its app from the environment, so --data must
    reach them (not ./data or $REFERAT_DATA)."""
    with running_server(api_data, tmp_path / "server.log", "--workers", "2") as url:
        for _ in range(4):  # the kernel spreads connections over both workers
            with httpx.Client() as fresh:
                body = fresh.get(f"{url}/search", params={"q": "integration"}, timeout=30).json()
            assert FREDERIKSBERG_TITLE in [hit["title"] for hit in body["hits"]]
