"""Items without sections and queries without terms are ordinary: no route answers 500.

Regression for issue 12 item 1: a term-less query (`"`, `*`, `^`, `(((`, NUL) falls back to
browsing, and browsing an item without sections ("Godkendelse af dagsorden") used to fail.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from indexer.ingest import ingest_paths
from indexer.pipeline import Pipeline
from indexer.store.db import Store
from tests.api.conftest import REPO_ROOT, settings_for

ITEMS = [
    {"kommune": "Testby", "udvalg": "Økonomiudvalget", "dato": "2021-03-04", "nr": 1,
     "titel": "Godkendelse af dagsorden", "afsnit": []},
    {"kommune": "Testby", "udvalg": "Økonomiudvalget", "dato": "2021-03-04", "nr": 2,
     "titel": "Meddelelser", "sagsnr": "2021-0000001", "afsnit": []},
    {"kommune": "Testby", "udvalg": "Økonomiudvalget", "dato": "2021-03-04", "nr": 3,
     "titel": "Budget for havnen", "sagsnr": "2021-0000002",
     "afsnit": [{"titel": "Beslutning",
                 "tekst": "Økonomiudvalgets beslutning den 4. marts 2021: Godkendt."}]},
    {"kommune": "Testby", "udvalg": "Økonomiudvalget", "dato": "2021-03-04", "nr": 4,
     "titel": "Køb af hybelbolig (FORTROLIG)", "afsnit": []},
]
TERMLESS = ['"', "*", "^", "(((", "\x00", "- - -"]


@pytest.fixture(scope="module")
def bare_data(tmp_path_factory: pytest.TempPathFactory, api_pipeline: Pipeline) -> Path:
    """A store whose items mostly have no sections."""
    root = tmp_path_factory.mktemp("sectionless")
    source = root / "testby.jsonl"
    source.write_text("\n".join(json.dumps(item, ensure_ascii=False) for item in ITEMS))
    data = root / "data"
    with Store(data) as store:
        [result] = ingest_paths(store, [source], api_pipeline)
    assert result.status == "stored", result.error
    return data


@pytest.fixture(scope="module")
def bare_client(bare_data: Path, api_pipeline: Pipeline) -> Iterator[TestClient]:
    app = create_app(settings_for(bare_data), warm=False)
    app.state.pipeline = api_pipeline
    with TestClient(app) as test_client:
        yield test_client


def item_id(client: TestClient, title: str) -> str:
    hits = client.get("/search", params={"q": "*", "limit": 100}).json()["hits"]
    return next(hit["item_id"] for hit in hits if hit["title"] == title)


@pytest.mark.parametrize("q", TERMLESS)
def test_termless_search_browses_items_without_sections(bare_client: TestClient, q: str) -> None:
    response = bare_client.get("/search", params={"q": q})
    assert response.status_code == 200, response.text
    hits = {hit["title"]: hit for hit in response.json()["hits"]}
    assert set(hits) == {item["titel"] for item in ITEMS}
    assert (hits["Meddelelser"]["section"], hits["Meddelelser"]["snippet"]) == ("", "")
    assert hits["Budget for havnen"]["section"] == "Beslutning"


@pytest.mark.parametrize("q", TERMLESS)
def test_termless_decisions_answer_200(bare_client: TestClient, q: str) -> None:
    response = bare_client.get("/decisions", params={"q": q})
    assert response.status_code == 200, response.text
    assert all(row["title"] == "Budget for havnen" for row in response.json()["decisions"])


def test_search_by_case_number_finds_an_item_without_sections(bare_client: TestClient) -> None:
    hits = bare_client.get("/search", params={"q": "2021-0000001"}).json()["hits"]
    assert [(h["title"], h["section"], h["snippet"]) for h in hits] == [("Meddelelser", "", "")]


def test_title_words_find_an_item_without_sections(bare_client: TestClient) -> None:
    """Acceptance defect D3: the item's title is its only text, and it is searchable (first;
    the dense neighbours follow it)."""
    response = bare_client.get("/search", params={"q": "hybelbolig"})
    assert response.status_code == 200, response.text
    hit = response.json()["hits"][0]
    assert (hit["title"], hit["section"]) == ("Køb af hybelbolig (FORTROLIG)", "")
    assert hit["snippet"] == "Køb af <mark>hybelbolig</mark> (FORTROLIG)"
    other = bare_client.get("/search", params={"q": "hybelbolig", "committee": "Byudvalget"})
    assert other.json()["hits"] == []


def test_show_and_case_of_an_item_without_sections(bare_client: TestClient) -> None:
    shown = bare_client.get(f"/items/{item_id(bare_client, 'Meddelelser')}")
    assert shown.status_code == 200, shown.text
    assert shown.json()["sections"] == [] and shown.json()["title"] == "Meddelelser"
    case = bare_client.get("/cases/2021-0000001")
    assert case.status_code == 200, case.text
    assert [i["sections"] for i in case.json()["items"]] == [[]]


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "json", "parquet"])
def test_entity_export_over_items_without_sections(bare_client: TestClient, fmt: str) -> None:
    response = bare_client.get("/entities", params={"format": fmt})
    assert response.status_code == 200, response.text
    assert response.content


def test_cli_termless_search_and_show(bare_data: Path) -> None:
    def referat(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "api.cli", "--data", str(bare_data), *args],
                              cwd=REPO_ROOT, capture_output=True, text=True, check=False)

    searched = referat("search", '"')
    assert searched.returncode == 0 and "Traceback" not in searched.stderr, searched.stderr
    assert "Godkendelse af dagsorden" in searched.stdout
    titled = json.loads(referat("search", "dagsordenen", "--json").stdout)["hits"]
    assert (titled[0]["title"], titled[0]["section"]) == ("Godkendelse af dagsorden", "")
    found = json.loads(referat("search", "*", "--json").stdout)["hits"]
    shown = referat("show", next(h["item_id"] for h in found if h["title"] == "Meddelelser"))
    assert shown.returncode == 0 and "Meddelelser" in shown.stdout, shown.stderr
