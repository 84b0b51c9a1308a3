from __future__ import annotations

from fastapi import APIRouter, Depends, UploadFile

from api.deps import PipelineDep, SettingsDep, StoreDep, require_key
from api.errors import TooLarge
from api.schemas import ErrorPublic, IngestPublic
from indexer.errors import InvalidInput
from indexer.ingest import ingest_upload

router = APIRouter(tags=["documents"])


@router.post(
    "/documents",
    response_model=IngestPublic,
    dependencies=[Depends(require_key)],
    responses={
        400: {"model": ErrorPublic},
        401: {"model": ErrorPublic},
        413: {"model": ErrorPublic},
    },
)
def upload(file: UploadFile, store: StoreDep, pipeline: PipelineDep, settings: SettingsDep) -> dict:
    """Ingest one file (.txt, .pdf, .html, .json, .jsonl); returns what was stored."""
    limit = settings.max_upload_mb * 1024 * 1024
    data = file.file.read(limit + 1)
    if len(data) > limit:
        raise TooLarge(
            f"the file is over {settings.max_upload_mb} MB; split it or raise REFERAT_MAX_UPLOAD_MB"
        )
    result = ingest_upload(store, data, file.filename or "upload.txt", pipeline)
    if result.status == "failed":
        raise InvalidInput(f"{file.filename}: {result.error}")
    return result.to_json()
