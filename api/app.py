"""The FastAPI app: the routes of CONTRACT and the web page, over one data folder."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI
from fastapi.responses import FileResponse
from fastapi.staticfiles import StaticFiles

from api import errors
from api.routes import decisions, documents, entities, health, items, search, votes, watches
from api.schemas import ErrorPublic
from indexer.config import Settings, load_settings
from indexer.pipeline import Pipeline
from indexer.shards import archive_exists

STATIC = Path(__file__).parent / "static"
log = logging.getLogger("referat")


def create_app(settings: Settings | None = None, warm: bool = True) -> FastAPI:
    """One app per data folder. `warm` loads the models at start-up (and logs them)."""
    settings = settings or load_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if not archive_exists(settings.data):  # served empty (referat serve warns)
            log.warning("no archive at %s yet: POST /documents or `referat ingest` fills it",
                        settings.data)
        if warm:
            _warm(app.state.pipeline)
        yield

    app = FastAPI(
        lifespan=lifespan,
        title="referat",
        summary="Search and decision summaries over Danish municipal meeting minutes",
        version="0.1.0",
    )
    app.state.settings = settings
    app.state.pipeline = Pipeline(settings)
    app.state.vectors = {}
    errors.install(app)
    invalid: dict[int | str, dict[str, Any]] = {
        422: {"model": ErrorPublic, "description": "Invalid input; detail says what"},
        400: {"model": ErrorPublic, "description": "A request body that cannot be parsed"},
    }
    for module in (health, search, items, decisions, entities, documents):
        app.include_router(module.router, responses=invalid)
    app.include_router(watches.router, responses=invalid)
    app.include_router(votes.router, responses=invalid)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    @app.get("/", include_in_schema=False)
    def page() -> FileResponse:
        return FileResponse(STATIC / "index.html")

    return app


def _warm(pipeline: Pipeline) -> None:
    """Load the models now, so the first request is fast and the log names them."""
    log.setLevel(logging.INFO)
    if pipeline.settings.embeddings:
        _ = pipeline.embedder
    if pipeline.settings.entities:
        _ = pipeline.nlp
