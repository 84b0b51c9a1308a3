"""Embedding stage: load a sentence-transformers model offline and encode texts.

The default is the Danish static model the project builds and ships in `models/embed-da`
(see models/EMBEDDING.md); `REFERAT_EMBEDDING_MODEL` (Settings.embedding_model) may name any
sentence-transformers model in the local Hugging Face cache or a local folder. Nothing here
touches the network.
"""

from __future__ import annotations

import hashlib
import logging
import os
from collections.abc import Sequence
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from indexer.config import MODELS_DIR
from indexer.errors import ModelError

if TYPE_CHECKING:
    from sentence_transformers import SentenceTransformer

log = logging.getLogger(__name__)

DEFAULT_EMBEDDING_MODEL: Path = MODELS_DIR / "embed-da"
SETTING = "REFERAT_EMBEDDING_MODEL"
OFFLINE_ENV = {"HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1", "HF_DATASETS_OFFLINE": "1"}


class Embedder:
    """A loaded sentence-transformers model: `.encode` gives float32 L2-normalised rows."""

    def __init__(self, model: SentenceTransformer, name: str) -> None:
        self.model = model
        self.name = name
        dim = (
            model.get_embedding_dimension()
            if hasattr(model, "get_embedding_dimension")
            else model.get_sentence_embedding_dimension()
        )
        if not dim:
            raise ModelError(
                f"embedding model {name!r} does not report its vector size; "
                f"set {SETTING} to a sentence-transformers model"
            )
        self.dim: int = int(dim)

    def encode(self, texts: Sequence[str], batch_size: int = 64) -> np.ndarray:
        """One float32 row per text, L2-normalised (a text with no known word gives zeros)."""
        if len(texts) == 0:
            return np.zeros((0, self.dim), dtype=np.float32)
        vectors = self.model.encode(
            list(texts), batch_size=batch_size, convert_to_numpy=True, show_progress_bar=False
        )
        return normalise(np.asarray(vectors, dtype=np.float32))

    @cached_property
    def fingerprint(self) -> str:
        """`name:dim:hash` of the weights and module layout; vectors of two models never mix."""
        return f"{self.name}:{self.dim}:{weights_hash(self.model)}"

    def __repr__(self) -> str:
        return f"Embedder(name={self.name!r}, dim={self.dim})"


def normalise(vectors: np.ndarray) -> np.ndarray:
    """Rows scaled to unit length; all-zero rows stay zero."""
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return (vectors / np.where(norms > 0, norms, 1.0)).astype(np.float32, copy=False)


def weights_hash(model: SentenceTransformer) -> str:
    """sha256 (16 hex digits) over the module layout and every parameter's bytes."""
    import torch

    digest = hashlib.sha256(repr(model).encode())
    for key, tensor in sorted(model.state_dict().items()):
        digest.update(f"{key}:{tuple(tensor.shape)}:{tensor.dtype}".encode())
        flat = tensor.detach().cpu().contiguous().reshape(-1)
        digest.update(flat.view(torch.uint8).numpy().tobytes())
    return digest.hexdigest()[:16]


def model_label(name_or_path: str) -> str:
    """The id recorded in the index: a folder's last two path parts (location-independent,
    "models/embed-da") or the model name as given."""
    path = Path(name_or_path).resolve()
    return f"{path.parent.name}/{path.name}" if path.is_dir() else name_or_path


def load_embedder(name_or_path: str | None = None) -> Embedder:
    """Load a sentence-transformers model offline; None means the bundled Danish model.

    Raises ModelError when the model is not a local folder nor in the local cache.
    """
    target = str(name_or_path or DEFAULT_EMBEDDING_MODEL)
    for key, value in OFFLINE_ENV.items():
        os.environ.setdefault(key, value)
    try:
        from sentence_transformers import SentenceTransformer

        model = SentenceTransformer(target, device="cpu", local_files_only=True)
    except Exception as exc:  # noqa: BLE001 - any load failure is a configuration problem
        hint = (
            (
                "the bundled model is missing: restore models/embed-da from git or rebuild it "
                "with `python models/build_embedding.py`"
            )
            if name_or_path is None
            else (
                f"set {SETTING} to a local sentence-transformers folder or a model already in the "
                f"Hugging Face cache, or unset it to use the bundled model"
            )
        )
        raise ModelError(
            f"embedding model {target!r} ({SETTING}) cannot be loaded offline: "
            f"{type(exc).__name__}: {exc}; {hint}"
        ) from exc
    embedder = Embedder(model, model_label(target))
    log.debug("embedding model: %s (dim %d)", embedder.name, embedder.dim)
    return embedder
