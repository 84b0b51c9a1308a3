"""Dependencies: settings, the process-wide pipeline, a store connection per request."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Annotated

from fastapi import Depends, Header, Request

from api.errors import Unauthorized
from indexer.config import Settings
from indexer.pipeline import Pipeline
from indexer.search.hybrid import Searcher
from indexer.search.query import Filters
from indexer.store.db import Store


def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def get_pipeline(request: Request) -> Pipeline:
    pipeline: Pipeline = request.app.state.pipeline
    return pipeline


SettingsDep = Annotated[Settings, Depends(get_settings)]
PipelineDep = Annotated[Pipeline, Depends(get_pipeline)]


def get_store(settings: SettingsDep) -> Iterator[Store]:
    store = Store(settings.data)
    try:
        yield store
    finally:
        store.close()


StoreDep = Annotated[Store, Depends(get_store)]


def get_searcher(request: Request, store: StoreDep, pipeline: PipelineDep) -> Searcher:
    return Searcher(store, pipeline, cache=request.app.state.vectors)


SearcherDep = Annotated[Searcher, Depends(get_searcher)]


def get_filters(
    committee: str | None = None,
    municipality: str | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
) -> Filters:
    """The filters shared by /search, /decisions: committee, municipality, date range."""
    return Filters(
        committee,
        municipality,
        date_from.isoformat() if date_from else None,
        date_to.isoformat() if date_to else None,
    )


FiltersDep = Annotated[Filters, Depends(get_filters)]


def require_key(settings: SettingsDep, x_api_key: Annotated[str | None, Header()] = None) -> None:
    if settings.api_key and x_api_key != settings.api_key:
        raise Unauthorized("this server needs an API key: send it in the X-API-Key header")
