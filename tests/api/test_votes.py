"""How each party voted: GET /votes and `referat votes` over the ingested samples."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from click.testing import CliRunner
from fastapi.testclient import TestClient

import api.cli_votes  # noqa: F401  (registers referat votes)
from api.cli import cli

BR_52 = "kk-2026-05-21-borgerrepraesentationen-52"


def test_votes_of_one_party(client: TestClient) -> None:
    response = client.get("/votes", params={"party": "C"})
    assert response.status_code == 200
    parties = response.json()["parties"]
    assert [party["party"] for party in parties] == ["C"]
    conservatives = parties[0]
    assert conservatives["name"] == "Det Konservative Folkeparti"
    # BR 21 May 2026: against the referral, for DF's amendment, for both at-point votes
    mine = [vote for vote in conservatives["votes"] if vote["item_id"].startswith(BR_52[:28])]
    assert [vote["position"] for vote in mine] == ["against", "for", "for", "for"]
    assert [vote["on"] for vote in mine] == ["amendment", "amendment", "clause", "clause"]
    assert conservatives["for"] >= 3 and conservatives["against"] >= 1
    assert all(vote["meeting_date"] == "2026-05-21" for vote in mine)


def test_party_by_name_is_the_same_party(client: TestClient) -> None:
    by_letter = client.get("/votes", params={"party": "C"}).json()
    by_name = client.get("/votes", params={"party": "det konservative folkeparti"}).json()
    assert by_letter == by_name


def test_every_party_and_filters(client: TestClient) -> None:
    parties = client.get("/votes").json()["parties"]
    letters = [party["party"] for party in parties]
    assert {"A", "B", "C", "F", "I", "O", "Q", "V", "Å", "Ø"} <= set(letters)
    assert client.get("/votes", params={"committee": "Socialudvalget"}).json() == {"parties": []}
    later = client.get("/votes", params={"date_from": "2026-06-01"}).json()
    assert later == {"parties": []}


def test_unknown_party_is_an_empty_list(client: TestClient) -> None:
    assert client.get("/votes", params={"party": "Zz-partiet"}).json() == {"parties": []}


def test_bad_input_is_a_4xx_with_detail(client: TestClient) -> None:
    for params in ({"date_from": "21-05-2026"}, {"format": "xml"}):
        response = client.get("/votes", params=params)
        assert response.status_code == 422
        assert response.json()["detail"]


def test_votes_as_csv(client: TestClient) -> None:
    response = client.get("/votes", params={"party": "Å", "format": "csv"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert rows and {row["party"] for row in rows} == {"Å"}
    assert rows[0]["name"] == "Alternativet" and rows[0]["position"] in {"for", "against"}


def test_cli_votes_json_is_the_route_shape(api_data: Path, client: TestClient) -> None:
    result = CliRunner().invoke(
        cli, ["--data", str(api_data), "votes", "--party", "C", "--json"], catch_exceptions=False
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == client.get("/votes", params={"party": "C"}).json()
    text = CliRunner().invoke(cli, ["--data", str(api_data), "votes", "--party", "C"])
    assert text.output.startswith("C Det Konservative Folkeparti:")


def test_cli_votes_bad_date_says_what_to_do(api_data: Path) -> None:
    result = CliRunner().invoke(cli, ["--data", str(api_data), "votes", "--from", "maj"])
    assert result.exit_code == 2
    assert "YYYY-MM-DD" in result.output
