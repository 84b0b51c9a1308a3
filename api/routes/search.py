from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query

from api.deps import FiltersDep, SearcherDep
from api.schemas import SearchPublic

router = APIRouter(tags=["search"])

QueryText = Annotated[str, Query(min_length=1, max_length=1000, description="Danish question")]


@router.get("/search", response_model=SearchPublic)
def search(
    searcher: SearcherDep,
    filters: FiltersDep,
    q: QueryText,
    limit: Annotated[int, Query(ge=1, le=100)] = 10,
    offset: Annotated[int, Query(ge=0, le=10_000)] = 0,
    collapse: Annotated[
        Literal["case", "none"], Query(description="case: one hit per case; none: every item")
    ] = "case",
) -> dict[str, Any]:
    """Hybrid search, one hit per case (its latest item, with the case's path) or, with
    collapse=none, per agenda item; the best section's snippet marked."""
    return searcher.search(q, filters, limit=limit, offset=offset, collapse=collapse)
