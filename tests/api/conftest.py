"""Fixtures for the HTTP tests: the samples ingested once per session, clients, a real server."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from indexer.config import Settings
from indexer.ingest import ingest_paths
from indexer.pipeline import Pipeline
from indexer.store.db import Store

REPO_ROOT = Path(__file__).resolve().parents[2]
SAMPLES = REPO_ROOT / ".." / "shared" / "samples"
SAMPLE_FILES = sorted(p for p in SAMPLES.iterdir() if p.suffix in {".txt", ".jsonl"})
FREDERIKSBERG_CASE = "15.40.00-P20-2-19"
FREDERIKSBERG_TITLE = "Integrationspolitikens handleplan 2020 og fordeling af integrationspuljen"
SERVER_START_S = 60.0
# items without sections, dates, committee or number, and FTS5 syntax in a title
ODD_ITEMS = Path(__file__).resolve().parent / "fixtures" / "odd-items.jsonl"

ClientFactory = Callable[..., TestClient]


def settings_for(data: Path, **overrides: object) -> Settings:
    """Settings for a test data folder; the environment's API key does not leak in."""
    values: dict[str, object] = {"data": data, "api_key": None, **overrides}
    return Settings(**values)  # type: ignore[arg-type]


@pytest.fixture(scope="session")
def api_samples() -> Path:
    """The real minutes in ../shared/samples (beside the repository root)."""
    return SAMPLES.resolve()


@pytest.fixture(scope="session")
def api_data(tmp_path_factory: pytest.TempPathFactory, api_pipeline: Pipeline) -> Path:
    """A data folder with every sample ingested, once per session; tests only read it."""
    data = tmp_path_factory.mktemp("api-data")
    with Store(data) as store:
        results = ingest_paths(store, SAMPLE_FILES, api_pipeline)
    failed = [f"{r.path}: {r.error}" for r in results if r.status == "failed"]
    if failed:
        pytest.fail("ingesting the samples failed: " + "; ".join(failed))
    return data


@pytest.fixture(scope="session")
def api_pipeline(tmp_path_factory: pytest.TempPathFactory) -> Pipeline:
    """One set of models for the session, shared by every in-process app."""
    return Pipeline(settings_for(tmp_path_factory.mktemp("unused")))


@pytest.fixture(scope="session")
def client(api_data: Path, api_pipeline: Pipeline) -> Iterator[TestClient]:
    """A TestClient of the app over the ingested samples (read-only use)."""
    app = create_app(settings_for(api_data), warm=False)
    app.state.pipeline = api_pipeline
    with TestClient(app) as test_client:
        yield test_client


@pytest.fixture
def make_client(
    tmp_path: Path, api_pipeline: Pipeline
) -> Iterator[ClientFactory]:
    """Builds clients over a fresh, empty data folder with settings overrides (for writes)."""
    clients: list[TestClient] = []

    def make(**overrides: object) -> TestClient:
        app = create_app(settings_for(tmp_path / "data", **overrides), warm=False)
        app.state.pipeline = api_pipeline
        test_client = TestClient(app)
        clients.append(test_client)
        return test_client

    yield make
    for test_client in clients:
        test_client.close()


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_until_up(url: str, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + SERVER_START_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"the server exited ({process.returncode}): {log.read_text()[-2000:]}")
        try:
            if httpx.get(f"{url}/health", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.25)
    pytest.fail(f"the server did not answer /health in {SERVER_START_S:.0f} s: "
                f"{log.read_text()[-2000:]}")


@contextmanager
def running_server(data: Path, log: Path, *options: str) -> Iterator[str]:
    """`referat --data DIR serve --port P [OPTIONS]` as a real process; yields its URL."""
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k not in ("REFERAT_API_KEY", "REFERAT_DATA")}
    command = [sys.executable, "-m", "api.cli", "--data", str(data), "serve",
               "--host", "127.0.0.1", "--port", str(port), *options]
    with log.open("wb") as sink:
        process = subprocess.Popen(command, cwd=REPO_ROOT, env=env, stdout=sink,
                                   stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(url, process, log)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture(scope="session")
def server_url(api_data: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The real server process over the ingested samples."""
    with running_server(api_data, tmp_path_factory.mktemp("server") / "server.log") as url:
        yield url


@pytest.fixture(scope="session")
def odd_data(
    api_data: Path, api_pipeline: Pipeline, tmp_path_factory: pytest.TempPathFactory
) -> Path:
    """The samples plus ODD_ITEMS (no sections, no date, no committee, FTS5 syntax)."""
    data = tmp_path_factory.mktemp("odd") / "data"
    shutil.copytree(api_data, data)
    with Store(data) as store:
        results = ingest_paths(store, [ODD_ITEMS], api_pipeline)
    if [r for r in results if r.status != "stored"]:
        pytest.fail(f"ingesting {ODD_ITEMS} failed: {[r.to_json() for r in results]}")
    return data


@pytest.fixture(scope="session")
def odd_server_url(odd_data: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The real server process over the samples plus the odd items."""
    with running_server(odd_data, tmp_path_factory.mktemp("odd-server") / "server.log") as url:
        yield url
