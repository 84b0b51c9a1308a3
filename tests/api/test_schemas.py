"""Request models: a saved search posted in the shape its answer has (nested filters) works."""

from __future__ import annotations

import pytest

from tests.api.conftest import ClientFactory


def test_a_watch_posted_as_its_answer_shape_keeps_its_filters(make_client: ClientFactory) -> None:
    api = make_client()
    made = api.post("/watches", json={"query": "integration"}).json()
    echoed = {"query": made["query"], "webhook": made["webhook"],
              "filters": {**made["filters"], "committee": "Socialudvalget"}}
    again = api.post("/watches", json=echoed)
    assert again.status_code == 201, again.text
    assert again.json()["filters"]["committee"] == "Socialudvalget"
    flat = api.post("/watches", json={"query": "integration", "date_from": "2020-01-01"})
    assert flat.json()["filters"]["date_from"] == "2020-01-01"


@pytest.mark.parametrize(
    ("body", "words"),
    [
        ({"query": "x", "committee": "A", "filters": {"committee": "B"}}, "committee once"),
        ({"query": "x", "filters": {"colour": "blue"}}, "filters.colour"),
        ({"query": "x", "filters": {"date_from": "2020-13-01"}}, "date_from"),
    ],
)
def test_bad_nested_filters_are_a_422_that_names_them(make_client: ClientFactory, body: dict,
                                                      words: str) -> None:
    answer = make_client().post("/watches", json=body)
    assert answer.status_code == 422
    assert words in answer.json()["detail"]
