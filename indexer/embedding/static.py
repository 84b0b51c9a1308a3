"""Static embedding models, loaded and applied with numpy alone, as model2vec does it.

In: a static model folder (format in indexer/embedding/embed.py). Out: a `StaticModel` whose
`encode` is model2vec's `StaticModel.encode` without truncation: tokenise, drop [UNK], look
rows up through `mapping`, scale by `weights`, average (normalising is left to the caller).

Neither model2vec nor the Rust tokenizer is loaded for a query: model2vec's import and
constructor (it sorts the whole vocabulary) and `tokenizers` reading a 230,000-token
tokenizer.json were most of a one-query command line. The tokens come from
indexer/embedding/tokens.py (a checked Python copy of the tokenizer for short texts,
`tokenizers` for long ones). tests/indexer/embedding/test_embed.py checks that the vectors are
those of model2vec's `StaticModel.from_pretrained` and of sentence-transformers.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from indexer.embedding.tokens import Tokens, load_tokens


class StaticModel:
    """A token table: `encode` averages the (weighted) rows of a text's known tokens."""

    def __init__(
        self,
        vectors: np.ndarray,
        tokens: Tokens,
        weights: np.ndarray | None,
        token_mapping: np.ndarray | None,
        config: dict[str, Any],
    ) -> None:
        if token_mapping is None and len(vectors) != tokens.vocab_size:
            raise ValueError(f"{len(vectors)} rows for {tokens.vocab_size} tokens and no `mapping`")
        self.embedding = vectors
        self.tokens = tokens
        self.weights = weights
        self.token_mapping = token_mapping
        self.config = config
        self.unk_token_id = tokens.unk_id

    @property
    def dim(self) -> int:
        return int(self.embedding.shape[1])

    def tokenize(self, sentences: Sequence[str]) -> list[list[int]]:
        """Token ids a sentence, unknown tokens dropped (model2vec's `tokenize`)."""
        encoded = self.tokens.encode_batch(list(sentences))
        if self.unk_token_id is None:
            return encoded
        return [[i for i in ids if i != self.unk_token_id] for ids in encoded]

    def encode(self, sentences: Sequence[str], batch_size: int = 1024, **_: Any) -> np.ndarray:
        """One row a sentence (zeros for a sentence without a known token), not normalised.

        The keywords model2vec's `encode` takes (max_length, normalize, ...) are accepted and
        ignored: no truncation, and Embedder.encode normalises.
        """
        size = max(int(batch_size), 1)
        parts = [self._batch(sentences[i:i + size]) for i in range(0, len(sentences), size)]
        if not parts:
            return np.zeros((0, self.dim), dtype=self._dtype())
        return np.concatenate(parts, axis=0)

    def _dtype(self) -> np.dtype[Any]:
        dtype = self.embedding.dtype
        return np.dtype(np.float32) if dtype == np.int8 else np.dtype(dtype)

    def _batch(self, sentences: Sequence[str]) -> np.ndarray:
        """model2vec's `_encode_batch` with normalize=False, row by row."""
        out = np.zeros((len(sentences), self.dim), dtype=self._dtype())
        for i, ids in enumerate(self.tokenize(sentences)):
            if not ids:
                continue
            rows = ids if self.token_mapping is None else self.token_mapping[ids]
            emb = self.embedding[rows]
            if self.weights is not None:
                emb = emb * self.weights[ids][:, None]
            out[i] = emb.mean(axis=0)
        return out


def load_static(folder: Path, cache_dir: Path | None = None) -> StaticModel:
    """The static model in `folder` (model2vec tensor names, or a plain `embedding.weight`)."""
    from safetensors.numpy import load_file

    tensors = load_file(str(folder / "model.safetensors"))
    vectors = tensors.get("embeddings")
    if vectors is None:
        vectors = tensors["embedding.weight"]
    config_path = folder / "config.json"
    config = json.loads(config_path.read_text()) if config_path.is_file() else {}
    return StaticModel(
        vectors,
        load_tokens(folder, cache_dir),
        tensors.get("weights"),
        tensors.get("mapping"),
        config,
    )
