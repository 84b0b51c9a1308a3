from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from api.deps import StoreDep
from api.schemas import CasePublic, ErrorPublic, FacetsPublic, ItemPublic
from indexer.cases.lookup import find_case
from indexer.shards.reads import facets, get_item

router = APIRouter(tags=["items"])
NOT_FOUND: dict[int | str, dict[str, Any]] = {404: {"model": ErrorPublic}}


@router.get("/items/{item_id}", response_model=ItemPublic, responses=NOT_FOUND)
def item(store: StoreDep, item_id: str) -> dict:
    """One agenda item in full: sections, entities, decision."""
    return get_item(store, item_id)


@router.get("/cases/{case_number:path}", response_model=CasePublic, responses=NOT_FOUND)
def case(store: StoreDep, case_number: str) -> dict:
    """The items carrying a case number (spacing and letter case do not matter), or of the
    case with this id; `case` is the case's timeline, its path and the rule of each link."""
    return find_case(store, case_number)


@router.get("/facets", response_model=FacetsPublic)
def list_facets(store: StoreDep) -> dict:
    """The committees and municipalities in the archive (for filter menus)."""
    return facets(store)
