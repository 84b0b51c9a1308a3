"""GET /votes: how each party voted across the archive, as JSON or CSV."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query
from fastapi.responses import StreamingResponse

from api.deps import StoreDep
from api.schemas import PartyVotesPublic
from indexer.store.votes import party_votes, votes_csv

router = APIRouter(tags=["votes"])


CSV: dict[int | str, dict[str, Any]] = {
    200: {"content": {"text/csv": {"schema": {"type": "string"}}},
          "description": "JSON, or CSV with format=csv"}
}


@router.get("/votes", response_model=PartyVotesPublic, responses=CSV)
def votes(
    store: StoreDep,
    party: Annotated[str | None, Query(max_length=100)] = None,
    committee: Annotated[str | None, Query(max_length=200)] = None,
    date_from: date | None = None,
    date_to: date | None = None,
    format: Literal["json", "csv"] = "json",
) -> Any:
    """Per party: votes for, against and abstained, and the items and clauses voted on.

    `party` is a list letter (C) or a name (Det Konservative Folkeparti); one that no vote
    names gives an empty list."""
    result = party_votes(
        store,
        party,
        committee,
        date_from.isoformat() if date_from else None,
        date_to.isoformat() if date_to else None,
    )
    if format == "json":
        return result

    def body() -> Iterator[bytes]:
        for chunk in votes_csv(result):
            yield chunk.encode("utf-8")

    headers = {"Content-Disposition": 'attachment; filename="votes.csv"'}
    return StreamingResponse(body(), media_type="text/csv; charset=utf-8", headers=headers)
