from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query

from api.deps import SearcherDep
from api.routes.search import QueryText, _iso
from api.schemas import DecisionsPublic
from indexer.answer import answer
from indexer.query import Filters

router = APIRouter(tags=["decisions"])


@router.get("/decisions", response_model=DecisionsPublic)
def decisions(
    searcher: SearcherDep,
    q: QueryText,
    committee: str | None = None,
    municipality: str | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
    limit: Annotated[int, Query(ge=1, le=100)] = 10,
) -> dict:
    """Decisions that answer a question, most relevant first, then newest."""
    filters = Filters(committee, municipality, _iso(date_from), _iso(date_to))
    return answer(searcher, q, filters, limit=limit)
