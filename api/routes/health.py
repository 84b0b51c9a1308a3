from __future__ import annotations

from fastapi import APIRouter

from api.deps import StoreDep
from api.schemas import HealthPublic
from indexer.shards.reads import stats

router = APIRouter(tags=["health"])


@router.get("/health", response_model=HealthPublic)
def health(store: StoreDep) -> dict:
    """Liveness and the archive's counts."""
    return {"status": "ok", **stats(store)}
