from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query

from api.deps import SearcherDep
from api.schemas import SearchPublic
from indexer.query import Filters

router = APIRouter(tags=["search"])

QueryText = Annotated[str, Query(min_length=1, max_length=1000, description="Danish question")]


@router.get("/search", response_model=SearchPublic)
def search(
    searcher: SearcherDep,
    q: QueryText,
    committee: str | None = None,
    municipality: str | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
    limit: Annotated[int, Query(ge=1, le=100)] = 10,
    offset: Annotated[int, Query(ge=0, le=10_000)] = 0,
) -> dict:
    """Hybrid search, one hit per agenda item, the best section's snippet marked."""
    filters = Filters(committee, municipality, _iso(date_from), _iso(date_to))
    return searcher.search(q, filters, limit=limit, offset=offset)


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None
