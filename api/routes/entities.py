from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated, Literal

from fastapi import APIRouter, Query
from fastapi.responses import StreamingResponse
from pydantic import BeforeValidator

from api.deps import SettingsDep
from indexer.shards import open_store
from indexer.store.export import exporter
from indexer.store.queries import iter_entity_rows
from indexer.types import EntityType

router = APIRouter(tags=["entities"])


def _upper(value: object) -> object:
    """type=person works as on the CLI (`--type person`)."""
    return value.upper() if isinstance(value, str) else value


TypeName = Annotated[EntityType, BeforeValidator(_upper)]


@router.get("/entities", response_class=StreamingResponse)
def entities(
    settings: SettingsDep,
    type: Annotated[list[TypeName] | None, Query()] = None,
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
