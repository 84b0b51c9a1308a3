from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated, Literal

from fastapi import APIRouter, Query
from fastapi.responses import StreamingResponse

from api.deps import SettingsDep
from indexer.shards import open_store
from indexer.store.export import exporter
from indexer.store.queries import iter_entity_rows
from indexer.types import EntityType

router = APIRouter(tags=["entities"])


@router.get("/entities", response_class=StreamingResponse)
def entities(
    settings: SettingsDep,
    type: Annotated[list[EntityType] | None, Query()] = None,
    committee: str | None = None,
    format: Literal["jsonl", "csv", "parquet", "json"] = "jsonl",
    item_id: Annotated[list[str] | None, Query(max_length=500)] = None,
) -> StreamingResponse:
    """Every entity with its item's committee, date and municipality, streamed."""
    chunks, media_type = exporter(format)

    def body() -> Iterator[bytes]:
        with open_store(settings.data) as store:
            yield from chunks(iter_entity_rows(store, type or (), committee, item_id))

    name = f"entities.{format}"
    headers = {"Content-Disposition": f'attachment; filename="{name}"'}
    return StreamingResponse(body(), media_type=media_type, headers=headers)
