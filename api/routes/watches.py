"""Saved searches over HTTP: POST/GET/DELETE /watches and each one's Atom feed."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Request, Response

from api.deps import SettingsDep, StoreDep, require_key
from api.schemas import ErrorPublic, WatchesPublic, WatchIn, WatchPublic
from indexer.search.query import Filters
from indexer.watches.feed import atom
from indexer.watches.store import add_watch, get_watch, list_watches, remove_watch

router = APIRouter(tags=["watches"])
NOT_FOUND: dict[int | str, dict[str, Any]] = {404: {"model": ErrorPublic}}
KEYED: dict[int | str, dict[str, Any]] = {401: {"model": ErrorPublic}}


@router.post(
    "/watches",
    response_model=WatchPublic,
    status_code=201,
    dependencies=[Depends(require_key)],
    responses={**KEYED, 400: {"model": ErrorPublic, "description": "The body is not JSON"}},
)
def create(body: WatchIn, store: StoreDep, settings: SettingsDep) -> dict[str, Any]:
    """Save a search; new items matching it are recorded at every ingest (and POSTed to its
    webhook, signed). The answer shows the webhook secret, this once."""
    filters = Filters(body.committee, body.municipality, body.date_from, body.date_to)
    secret = body.secret or settings.webhook_secret
    return add_watch(store, body.query, filters, body.webhook, secret)


@router.get("/watches", response_model=WatchesPublic)
def index(store: StoreDep) -> dict[str, Any]:
    """The saved searches."""
    return {"watches": list_watches(store)}


@router.get("/watches/{watch_id}", response_model=WatchPublic, responses=NOT_FOUND)
def one(store: StoreDep, watch_id: str) -> dict[str, Any]:
    """One saved search."""
    return get_watch(store, watch_id)


@router.delete(
    "/watches/{watch_id}",
    status_code=204,
    dependencies=[Depends(require_key)],
    responses={**NOT_FOUND, **KEYED},
)
def delete(store: StoreDep, watch_id: str) -> Response:
    """Delete a saved search and its matches."""
    remove_watch(store, watch_id)
    return Response(status_code=204)


@router.get(
    "/watches/{watch_id}/feed.atom",
    response_class=Response,
    responses={200: {"content": {"application/atom+xml": {}}}, **NOT_FOUND},
)
def feed(store: StoreDep, watch_id: str, request: Request) -> Response:
    """The items that matched the saved search after it was made, as an Atom feed."""
    body = atom(store, watch_id, str(request.base_url))
    return Response(body, media_type="application/atom+xml")
