"""Configuration, read in one place (environment variables `REFERAT_*`) and passed down.

`Settings(**given)` takes each field from `given`, else from the environment variable
REFERAT_<FIELD> (any case), else its default, and converts it to the field's type (booleans:
1/0, true/false, yes/no, on/off); other keywords are ignored. It is a plain dataclass: a
one-query command line does not pay for importing pydantic-settings (0.13 s of 1 s).
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from indexer.errors import InvalidInput

REPO_ROOT = Path(__file__).resolve().parents[1]
MODELS_DIR = REPO_ROOT / "models"
PREFIX = "REFERAT_"
TRUE = ("1", "true", "t", "yes", "y", "on")
FALSE = ("0", "false", "f", "no", "n", "off")


@dataclass(init=False)
class Settings:
    """Every setting of referat. Environment: REFERAT_DATA, REFERAT_NER_MODEL, ..."""

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
    # the vector index: auto (by vector_exact_limit), or a kind of vectors.INDEX_KINDS
    vector_index: str = "auto"  # auto | flat | ivf | hnsw (vectors.index_kinds())
    # dense hits of a query with no lexical hit must beat its nearest gibberish probe by this
    dense_floor_margin: float = 0.05  # (indexer/search/floor.py); -2 keeps every neighbour
    shard_threads: int = 0  # a sharded search asks its shards in parallel; 1: one by one
    webhook_secret: str | None = None  # HMAC key for watches without their own secret
    webhook_attempts: int = 5  # a webhook delivery is tried this many times at most
    webhook_backoff_s: float = 1.0  # first retry after this, then doubling
    webhook_timeout_s: float = 10.0  # per POST

    def __init__(self, **given: Any) -> None:
        environment = {k.upper(): v for k, v in os.environ.items()}
        for field in fields(self):
            variable = PREFIX + field.name.upper()
            if field.name in given:
                value = given[field.name]
            elif variable in environment:
                value = environment[variable]
            else:
                value = field.default
            setattr(self, field.name, _convert(variable, str(field.type), value))

    def model_dump_json(self) -> str:
        """Every field as JSON (pydantic's name: a process pool keys its pipelines by it)."""
        return json.dumps({f.name: _plain(getattr(self, f.name)) for f in fields(self)})


def _convert(variable: str, kind: str, value: Any) -> Any:
    """`value` (given, or a string from the environment) as a field of type `kind`."""
    try:
        if value is None and kind.endswith("| None"):
            return None
        if kind == "Path":
            return Path(value)
        if kind == "bool":
            return value if isinstance(value, bool) else _bool(str(value))
        if kind in ("int", "float"):
            return int(value) if kind == "int" else float(value)
        return str(value)
    except (TypeError, ValueError):
        raise InvalidInput(f"{variable}={value!r}: not a valid {kind}") from None


def _bool(text: str) -> bool:
    if text.strip().lower() in TRUE:
        return True
    if text.strip().lower() in FALSE:
        return False
    raise ValueError(text)


def _plain(value: Any) -> Any:
    return str(value) if isinstance(value, Path) else value


KINDS = ("Path", "bool", "int", "float", "str", "str | None")
if any(str(f.type) not in KINDS for f in fields(Settings)):
    raise TypeError(f"Settings: _convert reads only the field types {KINDS}")


def load_settings(**overrides: object) -> Settings:
    """Settings from the environment, with explicit overrides (e.g. the CLI's --data)."""
    given = {k: v for k, v in overrides.items() if v is not None}
    return Settings(**given)
