from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from api.deps import FiltersDep, SearcherDep
from api.routes.search import QueryText
from api.schemas import DecisionsPublic
from indexer.search.answer import answer

router = APIRouter(tags=["decisions"])


@router.get("/decisions", response_model=DecisionsPublic)
def decisions(
    searcher: SearcherDep,
    filters: FiltersDep,
    q: QueryText,
    limit: Annotated[int, Query(ge=1, le=100)] = 10,
) -> dict[str, Any]:
    """Decisions that answer a question, most relevant first, then newest."""
    return answer(searcher, q, filters, limit=limit)
