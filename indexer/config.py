"""Configuration, read in one place (environment variables `REFERAT_*`) and passed down."""

from __future__ import annotations

from pathlib import Path

from pydantic_settings import BaseSettings, SettingsConfigDict

REPO_ROOT = Path(__file__).resolve().parents[1]
MODELS_DIR = REPO_ROOT / "models"


class Settings(BaseSettings):
    """Every setting of referat. Environment: REFERAT_DATA, REFERAT_NER_MODEL, ..."""

    model_config = SettingsConfigDict(env_prefix="REFERAT_", extra="ignore")

    data: Path = Path("data")
    ner_model: str | None = None  # a DaCy/spaCy pipeline name or path; None: the bundled model
    embedding_model: str | None = None  # sentence-transformers name or path; None: bundled
    entities: bool = True  # run entity extraction at ingest
    embeddings: bool = True  # embed sections at ingest
    api_key: str | None = None  # when set, POST /documents needs X-API-Key
    max_upload_mb: int = 50
    max_query_chars: int = 1000
    max_file_mb: int = 200
    ingest_wait_s: float = 3600  # a second batch ingest waits this long for the first
    vector_exact_limit: int = 200_000  # sections; from this many, an IVF vector index
    webhook_secret: str | None = None  # HMAC key for watches without their own secret
    webhook_attempts: int = 5  # a webhook delivery is tried this many times at most
    webhook_backoff_s: float = 1.0  # first retry after this, then doubling
    webhook_timeout_s: float = 10.0  # per POST


def load_settings(**overrides: object) -> Settings:
    """Settings from the environment, with explicit overrides (e.g. the CLI's --data)."""
    given = {k: v for k, v in overrides.items() if v is not None}
    return Settings(**given)  # type: ignore[arg-type]
