"""Static embedding models through model2vec, loaded in a fraction of a second.

In: a static model folder (format in indexer/embedding/embed.py). Out: a model2vec StaticModel
whose `encode` is model2vec's own (tokenise, drop [UNK], look rows up through `mapping`,
scale by `weights`, average).

model2vec's constructor lists and sorts the whole vocabulary, deep-copies the tokenizer and
takes the median token length: for the 230,000-token Danish model that is most of a second of
a one-query command line, and none of it is used by `encode` without truncation. `LeanStaticModel`
sets only what `encode` reads; tests/indexer/embedding/test_embed.py checks that it gives the
vectors of model2vec's `StaticModel.from_pretrained` and of sentence-transformers.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, cast

import numpy as np
from model2vec import StaticModel
from model2vec.types import StaticModelConfig
from safetensors.numpy import load_file
from tokenizers import Tokenizer


class LeanStaticModel(StaticModel):
    """A StaticModel without the constructor work `encode` never reads (no truncation)."""

    def __init__(  # noqa: D107 - deliberately not calling StaticModel.__init__ (see module)
        self,
        vectors: np.ndarray,
        tokenizer: Tokenizer,
        weights: np.ndarray | None,
        token_mapping: np.ndarray | None,
        config: dict[str, Any],
    ) -> None:
        if token_mapping is None and len(vectors) != tokenizer.get_vocab_size():
            raise ValueError(
                f"{len(vectors)} rows for {tokenizer.get_vocab_size()} tokens and no `mapping`"
            )
        self.embedding = vectors
        self.weights = weights
        self.token_mapping = token_mapping
        tokenizer.no_padding()
        tokenizer.no_truncation()
        self.tokenizer = tokenizer
        unk = getattr(tokenizer.model, "unk_token", None)
        self.unk_token_id = tokenizer.token_to_id(unk) if unk else None
        self.config = cast(StaticModelConfig, {**config, "normalize": True, "max_length": None})
        self._normalize = True
        self._max_length = None
        self.median_token_length = 1  # read only when truncating, which this model never does
        self.base_model_name = None
        self.language = None
        # not set: `tokens` (the sorted vocabulary), read only by save_pretrained/quantize_model


def load_static(folder: Path) -> StaticModel:
    """The static model in `folder` (model2vec tensor names, or a plain `embedding.weight`)."""
    tensors = load_file(str(folder / "model.safetensors"))
    vectors = tensors.get("embeddings")
    if vectors is None:
        vectors = tensors["embedding.weight"]
    config_path = folder / "config.json"
    config = json.loads(config_path.read_text()) if config_path.is_file() else {}
    return LeanStaticModel(
        vectors,
        Tokenizer.from_file(str(folder / "tokenizer.json")),
        tensors.get("weights"),
        tensors.get("mapping"),
        config,
    )
