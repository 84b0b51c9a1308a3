"""Validation errors name the parameter that is wrong, even one called like its location."""

from __future__ import annotations

from tests.api.conftest import ClientFactory


def test_a_body_field_named_query_is_named_in_the_detail(make_client: ClientFactory) -> None:
    answer = make_client().post("/watches", json={"query": ""})
    assert answer.status_code == 422
    assert answer.json()["detail"].startswith("query: ")


def test_a_body_that_is_not_json_says_so(make_client: ClientFactory) -> None:
    answer = make_client().post("/watches", content=b"not json",
                                headers={"content-type": "application/json"})
    assert 400 <= answer.status_code < 500
    assert "not valid JSON" in answer.json()["detail"]


def test_a_query_parameter_keeps_its_name(make_client: ClientFactory) -> None:
    answer = make_client().get("/search", params={"q": "x", "limit": -1})
    assert answer.status_code == 422
    assert answer.json()["detail"].startswith("limit: ")
