"""Dependencies: settings, the process-wide pipeline, a store connection per request."""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Annotated

from fastapi import Depends, Header, Request

from api.errors import Unauthorized
from indexer.config import Settings
from indexer.pipeline import Pipeline
from indexer.search.hybrid import Searcher
from indexer.search.query import Filters
from indexer.shards import open_store
from indexer.shards.searcher import searcher_for
from indexer.store.db import DB_NAME, Store


def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def get_pipeline(request: Request) -> Pipeline:
    pipeline: Pipeline = request.app.state.pipeline
    return pipeline


SettingsDep = Annotated[Settings, Depends(get_settings)]
PipelineDep = Annotated[Pipeline, Depends(get_pipeline)]


def get_store(settings: SettingsDep) -> Iterator[Store]:
    key = _file_key(settings.data)
    store = _take(key) or open_store(settings.data)  # a sharded folder is told apart there
    try:
        yield store
    finally:
        if store.db.in_transaction:  # a failed request leaves no lock behind
            store.db.rollback()
        if key is None or not _give_back(key, store):
            store.close()


# Idle connections by database file, each used by one request at a time: opening SQLite and
# loading its schema takes ~2 ms, more than a search's own SQL.
_IDLE: dict[tuple[str, int, int], list[Store]] = {}
_IDLE_LOCK = threading.Lock()
MAX_IDLE = 16


def _file_key(data: Path) -> tuple[str, int, int] | None:
    """The identity of the folder's database file (a folder made anew is another), or None."""
    try:
        stat = os.stat(Path(data) / DB_NAME)
    except OSError:  # no database yet, or a sharded folder: a connection for this request
        return None
    return str(data), stat.st_dev, stat.st_ino


def _take(key: tuple[str, int, int] | None) -> Store | None:
    with _IDLE_LOCK:
        idle = _IDLE.get(key) if key else None
        return idle.pop() if idle else None


def _give_back(key: tuple[str, int, int], store: Store) -> bool:
    with _IDLE_LOCK:
        idle = _IDLE.setdefault(key, [])
        if len(idle) >= MAX_IDLE:
            return False
        idle.append(store)
        return True


StoreDep = Annotated[Store, Depends(get_store)]


def get_searcher(request: Request, store: StoreDep, pipeline: PipelineDep) -> Searcher:
    return searcher_for(store, pipeline, cache=request.app.state.vectors)


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
