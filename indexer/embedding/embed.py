"""Embedding stage: load an embedding model offline and encode texts to unit vectors.

In: texts. Out: float32 rows, L2-normalised (a text with no known word gives zeros).

Static models (a token table, averaged) load with numpy alone and encode as model2vec does
(indexer/embedding/static.py; no torch, no model2vec import, the Rust tokenizer only for long
input), so that a one-query command line starts fast. Transformer models load with
sentence-transformers, imported only then. The default is the Danish static model the project
builds and ships in `models/embed-da` (models/EMBEDDING.md); `REFERAT_EMBEDDING_MODEL`
(Settings.embedding_model) may name another local folder or a sentence-transformers model in
the local Hugging Face cache. Nothing here touches the network.

The static model folder (models/embed-da), loadable by model2vec and sentence-transformers alike,
with one copy of the weights (see also /work/notes/embed-format.md and models/static_config.py):

    model.safetensors   model2vec's tensor names: `embeddings` [rows, dim] (int8/float16/float32),
                        optional `mapping` int32 [vocab] (token id -> row) and `weights`
                        float32 [vocab] (per-token scale); sentence-transformers' StaticEmbedding
                        folds them. (A plain `embedding.weight` [vocab, dim] also loads.)
    tokenizer.json      a `tokenizers` tokenizer; the [UNK] token's row must be zero (model2vec
                        drops unknown tokens, sentence-transformers averages them in)
    config.json         model2vec: {"model_type": "model2vec", "normalize": true,
                        "max_length": null, "hidden_dim": dim, "embedding_dtype": ...,
                        "vocabulary_quantization": rows}; written by models/static_config.py
    modules.json        sentence-transformers: StaticEmbedding (path "") + Normalize
    config_sentence_transformers.json, 1_Normalize/config.json   sentence-transformers

A folder is static when its modules.json names only StaticEmbedding (+ Normalize) or its
config.json says model_type "model2vec"; both libraries give the same vectors on it (tested).
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
from collections.abc import Sequence
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from indexer.config import MODELS_DIR
from indexer.errors import ModelError

if TYPE_CHECKING:
    from sentence_transformers import SentenceTransformer

    from indexer.embedding.static import StaticModel

log = logging.getLogger(__name__)

DEFAULT_EMBEDDING_MODEL: Path = MODELS_DIR / "embed-da"
SETTING = "REFERAT_EMBEDDING_MODEL"
OFFLINE_ENV = {"HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1", "HF_DATASETS_OFFLINE": "1"}
STATIC_MODULES = ("StaticEmbedding", "Normalize")
STATIC_FILES = ("model.safetensors", "tokenizer.json")


class Embedder:
    """A loaded model: `.encode` gives float32 L2-normalised rows.

    `model` is a StaticModel (static folders, indexer/embedding/static.py) or a
    SentenceTransformer (others).
    """

    def __init__(self, model: StaticModel | SentenceTransformer, name: str,
                 folder: Path | None = None) -> None:
        self.model: Any = model
        self.name = name
        self.folder = folder  # set for static models: their files make the fingerprint
        dim = _dimension(model, static=folder is not None)
        if not dim:
            raise ModelError(
                f"embedding model {name!r} does not report its vector size; "
                f"set {SETTING} to a sentence-transformers model"
            )
        self.dim: int = int(dim)

    @property
    def static(self) -> bool:
        return self.folder is not None

    def encode(self, texts: Sequence[str], batch_size: int = 64) -> np.ndarray:
        """One float32 row per text, L2-normalised (a text with no known word gives zeros)."""
        if len(texts) == 0:
            return np.zeros((0, self.dim), dtype=np.float32)
        if self.static:
            vectors = self.model.encode(
                list(texts), batch_size=max(batch_size, 1024), max_length=None,
                normalize=False, use_multiprocessing=False,
            )
        else:
            vectors = self.model.encode(
                list(texts), batch_size=batch_size, convert_to_numpy=True, show_progress_bar=False
            )
        return normalise(np.asarray(vectors, dtype=np.float32).reshape(len(texts), self.dim))

    @cached_property
    def fingerprint(self) -> str:
        """`name:dim:hash` of the weights; vectors of two models never mix in one store."""
        digest = files_hash(self.folder) if self.folder else weights_hash(self.model)
        return f"{self.name}:{self.dim}:{digest}"

    def __repr__(self) -> str:
        return f"Embedder(name={self.name!r}, dim={self.dim}, static={self.static})"


def _dimension(model: Any, static: bool) -> int | None:
    if static:
        return int(model.dim)
    if hasattr(model, "get_embedding_dimension"):
        return model.get_embedding_dimension()  # type: ignore[no-any-return]
    return model.get_sentence_embedding_dimension()  # type: ignore[no-any-return]


def normalise(vectors: np.ndarray) -> np.ndarray:
    """Rows scaled to unit length; all-zero rows stay zero."""
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return (vectors / np.where(norms > 0, norms, 1.0)).astype(np.float32, copy=False)


def files_hash(folder: Path) -> str:
    """sha256 (16 hex digits) over a static model's weights and tokenizer files (remembered
    by the files' stat, indexer/embedding/filehash.py: a query does not reread 24 MB)."""
    from indexer.embedding.filehash import digest

    return digest([(name, folder / name) for name in STATIC_FILES])[:16]


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


def is_static(folder: Path) -> bool:
    """A local folder holding a static model (see the module docstring)."""
    if not all((folder / name).is_file() for name in STATIC_FILES):
        return False
    try:
        if (folder / "modules.json").is_file():
            modules = json.loads((folder / "modules.json").read_text())
            return all(str(m["type"]).endswith(STATIC_MODULES) for m in modules)
        config = json.loads((folder / "config.json").read_text())
        return bool(config.get("model_type") == "model2vec")
    except (OSError, ValueError, KeyError, TypeError):
        return False


def load_embedder(name_or_path: str | None = None) -> Embedder:
    """Load a model offline; None means the bundled Danish model.

    Raises ModelError when the model is not a local folder nor in the local cache.
    """
    target = str(name_or_path or DEFAULT_EMBEDDING_MODEL)
    folder = Path(target)
    try:
        if folder.is_dir() and is_static(folder):
            from indexer.embedding.static import load_static

            embedder = Embedder(load_static(folder), model_label(target), folder.resolve())
        else:
            embedder = Embedder(_load_transformer(target), model_label(target))
    except ModelError:
        raise
    except Exception as exc:  # noqa: BLE001 - any load failure is a configuration problem
        raise ModelError(
            f"embedding model {target!r} ({SETTING}) cannot be loaded offline: "
            f"{type(exc).__name__}: {exc}; {_hint(name_or_path)}"
        ) from exc
    log.debug("embedding model: %r", embedder)
    return embedder


def _load_transformer(target: str) -> SentenceTransformer:
    for key, value in OFFLINE_ENV.items():
        os.environ.setdefault(key, value)
    from sentence_transformers import SentenceTransformer

    return SentenceTransformer(target, device="cpu", local_files_only=True)


def _hint(name_or_path: str | None) -> str:
    if name_or_path is None:
        return (
            "the bundled model is missing: restore models/embed-da from git or rebuild it "
            "with `python models/build_embedding_glossed.py` (models/EMBEDDING.md)"
        )
    return (
        f"set {SETTING} to a local model folder (model2vec or sentence-transformers) or a "
        "model already in the Hugging Face cache, or unset it to use the bundled model"
    )


def upgrade_recorded_model(store: Any, embedder: Embedder) -> None:
    """Let a store made before static models loaded through model2vec keep its vectors.

    Such a store records the old fingerprint of the same folder (a hash over the
    sentence-transformers modules); when that is what this folder hashes to under
    sentence-transformers, the record is rewritten to the new fingerprint. Nothing changes
    for another model, or where sentence-transformers is not installed.
    """
    recorded = store.get_meta("embedding_model")
    if not recorded or recorded == embedder.fingerprint or embedder.folder is None:
        return
    if not recorded.startswith(f"{embedder.name}:{embedder.dim}:"):
        return
    try:
        legacy = weights_hash(_load_transformer(str(embedder.folder)))
    except Exception:  # noqa: BLE001 - no sentence-transformers: leave the store as it is
        return
    if recorded == f"{embedder.name}:{embedder.dim}:{legacy}":
        store.set_meta("embedding_model", embedder.fingerprint)
        log.info("store %s: embedding fingerprint upgraded to %s", store.data_dir,
                 embedder.fingerprint)
