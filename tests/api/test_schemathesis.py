"""Schema-driven fuzzing of the API: no 5xx, and every response conforms to /openapi.json.

One pytest case per operation of the app's OpenAPI document and generation mode, each running
up to MAX_EXAMPLES requests in-process (ASGI). The read routes run over the shared ingested
samples; POST /documents gets its own empty store, so fuzzed uploads never land in the shared
one. (schemathesis' own pytest plugin, `from_fixture`, does not run under pytest 9, so the
hypothesis tests are built here from `APIOperation.as_strategy`.)

Every check runs except two that misfire on this API:
- positive_data_acceptance: a request the schema allows may still be refused with a 4xx for
  reasons no schema states (a blank case number, an unsupported file type), rightly;
- negative_data_rejection: in a query string every value is text, so a "wrong-typed" value
  such as item_id=true is a valid item id. tests/api/test_routes.py asserts the real 422s.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
import schemathesis
from fastapi import FastAPI
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode, checks

from api.app import create_app
from indexer.pipeline import Pipeline
from tests.api.conftest import settings_for

pytestmark = pytest.mark.slow

MAX_EXAMPLES = 25
EXCLUDED = [checks.positive_data_acceptance, checks.negative_data_rejection]
UPLOAD = ("POST", "/documents")
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
def upload_app(tmp_path_factory: pytest.TempPathFactory, api_pipeline: Pipeline) -> FastAPI:
    app = create_app(settings_for(tmp_path_factory.mktemp("fuzz-uploads")), warm=False)
    app.state.pipeline = api_pipeline
    return app


@pytest.mark.parametrize(("method", "path", "mode"), cases(), ids=str)
def test_operation_conforms_to_its_schema(
    method: str, path: str, mode: GenerationMode, client: TestClient,
    upload_app: FastAPI,
) -> None:
    app = upload_app if (method, path) == UPLOAD else client.app
    operation = schemathesis.openapi.from_asgi("/openapi.json", app)[path][method]

    @FUZZ
    @given(case=operation.as_strategy(generation_mode=mode))
    def check(case: schemathesis.Case) -> None:
        case.call_and_validate(excluded_checks=EXCLUDED)

    check()
