"""Schema-driven fuzzing of the API: no 5xx, and every response conforms to /openapi.json.

One pytest case per operation of the app's OpenAPI document and generation mode, each running
up to MAX_EXAMPLES requests in-process (ASGI). The read routes run over the samples plus items
without sections, dates, committee or number (tests/api/fixtures/odd-items.jsonl); every
write (POST /documents, /watches, DELETE) gets its own empty store, so fuzzed writes never
land in the shared one. A stateful run then follows OpenAPI links (LINKS: a hit's item id to
/items, an item's case number to /cases, a case's items back to /items, a facet to a filter)
through sequences of up to STEPS calls, so the fuzzer reaches real items, not only 404s.
(schemathesis' own pytest plugin, `from_fixture`, does not run under pytest 9, so the
hypothesis tests are built here from `APIOperation.as_strategy`.)

Every check runs except two that misfire on this API:
- positive_data_acceptance: a request the schema allows may still be refused with a 4xx for
  reasons no schema states (a blank case number, an unsupported file type), rightly;
- negative_data_rejection: in a query string every value is text, so a "wrong-typed" value
  such as item_id=true is a valid item id. tests/api/test_routes.py asserts the real 422s.
"""

from __future__ import annotations

import copy
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from fastapi import FastAPI
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode, checks

from api.app import create_app
from indexer.pipeline import Pipeline
from tests.api.conftest import settings_for

pytestmark = pytest.mark.slow

MAX_EXAMPLES = 60
STATEFUL_EXAMPLES = 40
STEPS = 6
EXCLUDED = [checks.positive_data_acceptance, checks.negative_data_rejection]
FUZZ = settings(max_examples=MAX_EXAMPLES, deadline=None, derandomize=True, database=None,
                suppress_health_check=list(HealthCheck))


def cases() -> list[tuple[str, str, GenerationMode]]:
    """Every (METHOD, path, mode) to fuzz; building the app touches no data.

    Invalid requests are generated only where the schema allows one (query or body); a path
    parameter is any string, so no invalid value can be sent.
    """
    app = create_app(settings_for(Path(tempfile.gettempdir()) / "referat-unused"), warm=False)
    found = []
    for path, operations in app.openapi()["paths"].items():
        for method, spec in operations.items():
            found.append((method.upper(), path, GenerationMode.POSITIVE))
            query = [p for p in spec.get("parameters", []) if p["in"] == "query"]
            if query or "requestBody" in spec:
                found.append((method.upper(), path, GenerationMode.NEGATIVE))
    return found


@pytest.fixture(scope="module")
def odd_app(odd_data: Path, api_pipeline: Pipeline) -> FastAPI:
    """The app over the samples plus the odd items (read-only use)."""
    app = create_app(settings_for(odd_data), warm=False)
    app.state.pipeline = api_pipeline
    return app


@pytest.fixture(scope="module")
def upload_app(tmp_path_factory: pytest.TempPathFactory, api_pipeline: Pipeline) -> FastAPI:
    app = create_app(settings_for(tmp_path_factory.mktemp("fuzz-uploads")), warm=False)
    app.state.pipeline = api_pipeline
    return app


@pytest.mark.parametrize(("method", "path", "mode"), cases(), ids=str)
def test_operation_conforms_to_its_schema(
    method: str, path: str, mode: GenerationMode, odd_app: FastAPI, upload_app: FastAPI,
) -> None:
    app = odd_app if method == "GET" else upload_app  # writes never touch the shared store
    operation = schemathesis.openapi.from_asgi("/openapi.json", app)[path][method]

    @FUZZ
    @given(case=operation.as_strategy(generation_mode=mode))
    def check(case: schemathesis.Case) -> None:
        case.call_and_validate(excluded_checks=EXCLUDED)

    check()


# (source path, target path, target parameter, where: "query" or "path", source expression)
LINKS = [
    ("/search", "/items/{item_id}", "item_id", "path", "$response.body#/hits/0/item_id"),
    ("/search", "/cases/{case_number}", "case_number", "path",
     "$response.body#/hits/0/case_numbers/0"),
    ("/decisions", "/items/{item_id}", "item_id", "path", "$response.body#/decisions/0/item_id"),
    ("/items/{item_id}", "/cases/{case_number}", "case_number", "path",
     "$response.body#/case_numbers/0"),
    ("/items/{item_id}", "/entities", "item_id", "query", "$response.body#/item_id"),
    ("/cases/{case_number}", "/items/{item_id}", "item_id", "path",
     "$response.body#/items/0/item_id"),
    ("/facets", "/search", "committee", "query", "$response.body#/committees/0"),
    ("/facets", "/decisions", "municipality", "query", "$response.body#/municipalities/0"),
]


def with_links(raw: dict[str, Any]) -> dict[str, Any]:
    """The app's OpenAPI document with LINKS added to the 200 responses (where both exist)."""
    schema = copy.deepcopy(raw)
    paths = schema["paths"]
    for source, target, name, where, expression in LINKS:
        if source not in paths or target not in paths:
            continue
        responses = paths[source]["get"]["responses"]["200"]
        operation_id = paths[target]["get"]["operationId"]
        link = {"operationId": operation_id, "parameters": {f"{where}.{name}": expression}}
        responses.setdefault("links", {})[f"{operation_id}-{name}"] = link
    return schema


def test_linked_sequences_conform(odd_app: FastAPI) -> None:
    """Stateful: chains of calls along LINKS, each response checked as above."""
    raw = with_links(odd_app.openapi())
    schema = schemathesis.openapi.from_dict(raw)
    schema.app = odd_app
    schema.location = "/openapi.json"
    reads = schema.include(method="GET")
    base = reads.as_state_machine()
    answered: Counter[tuple[str, int]] = Counter()

    class Linked(base):  # type: ignore[misc, valid-type]
        def after_call(self, response: Any, case: schemathesis.Case) -> None:
            super().after_call(response, case)
            answered[(case.operation.path, response.status_code)] += 1

        def validate_response(self, response: Any, case: schemathesis.Case,
                              additional_checks: Any = None, **kwargs: Any) -> None:
            case.validate_response(response, excluded_checks=EXCLUDED)

    Linked.run(settings=settings(max_examples=STATEFUL_EXAMPLES, stateful_step_count=STEPS,
                                 deadline=None, derandomize=True, database=None,
                                 suppress_health_check=list(HealthCheck)))
    # the links led somewhere: real items and cases were fetched, not only 404s
    assert answered[("/items/{item_id}", 200)] > 0, answered
    # cases are followed from the hits (since nonsense queries find nothing, the generated
    # queries rarely reach an item with a case number, so only the calls are required)
    assert sum(n for (path, _), n in answered.items() if path == "/cases/{case_number}"), answered
    print(f"stateful calls: {sum(answered.values())}: {dict(answered)}")
