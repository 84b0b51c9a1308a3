"""GET /entities: the type filter takes any letter case, as `referat export entities --type`."""

from __future__ import annotations

import json

from fastapi.testclient import TestClient


def types_of(client: TestClient, *names: str) -> set[str]:
    answer = client.get("/entities", params=[("type", name) for name in names])
    assert answer.status_code == 200, answer.text
    return {json.loads(line)["type"] for line in answer.text.splitlines() if line}


def test_the_type_filter_ignores_letter_case(client: TestClient) -> None:
    assert types_of(client, "person", "Case_Number") == {"PERSON", "CASE_NUMBER"}
    assert types_of(client, "AMOUNT") == {"AMOUNT"}


def test_an_unknown_type_is_still_a_422(client: TestClient) -> None:
    answer = client.get("/entities", params={"type": "colour"})
    assert answer.status_code == 422
    assert "type" in answer.json()["detail"]
