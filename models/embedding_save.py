"""Write a static model folder that model2vec and sentence-transformers both load.

Layout as /work/notes/embed-format.md (issue 9): `model.safetensors` with model2vec's names
(`embeddings` int8 rows, `mapping` int32 token -> row, `weights` float32 per-token scale:
the token's SIF weight x its row's int8 scale; sentence-transformers' StaticEmbedding folds
them into one float32 row per token), `tokenizer.json`, model2vec's `config.json`,
and sentence-transformers' `modules.json`, `config_sentence_transformers.json` and
`1_Normalize/config.json`. The [UNK] row is zero, so both libraries give the same vectors.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

MODULES = [
    {"idx": 0, "name": "0", "path": "",
     "type": "sentence_transformers.sentence_transformer.modules.static_embedding.StaticEmbedding"},
    {"idx": 1, "name": "1", "path": "1_Normalize",
     "type": "sentence_transformers.base.modules.normalize.Normalize"},
]
ST_CONFIG = {"model_type": "SentenceTransformer", "prompts": {"query": "", "document": ""},
             "default_prompt_name": None, "similarity_fn_name": "cosine"}
NORMALIZE = {"module_input_name": "sentence_embedding", "module_output_name": "sentence_embedding"}


def quantise(table: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """int8 rows and the float32 per-row scale that restores them (zero rows stay zero)."""
    peak = np.abs(table).max(axis=1)
    scale = np.where(peak > 0, peak / 127.0, 1.0).astype(np.float32)
    rows = np.clip(np.rint(table / scale[:, None]), -127, 127).astype(np.int8)
    return rows, np.where(peak > 0, scale, 0.0).astype(np.float32)


def _write_json(path: Path, data: object) -> None:
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def save_model(out: Path, tokenizer, table: np.ndarray, mapping: np.ndarray,  # noqa: ANN001
               token_weight: np.ndarray, stats: dict) -> None:
    from safetensors.numpy import save_file

    out.mkdir(parents=True, exist_ok=True)
    (out / "1_Normalize").mkdir(exist_ok=True)
    rows, scale = quantise(table)
    weights = (token_weight * scale[mapping]).astype(np.float32)
    save_file({"embeddings": rows, "mapping": mapping.astype(np.int32), "weights": weights},
              str(out / "model.safetensors"))
    (out / "model.safetensors").chmod(0o644)  # safetensors writes 0600
    tokenizer.save(str(out / "tokenizer.json"))
    _write_json(out / "config.json", {
        "model_type": "model2vec", "architectures": ["StaticModel"], "normalize": True,
        "max_length": None, "hidden_dim": int(table.shape[1]), "embedding_dtype": "int8",
        "vocabulary_quantization": int(table.shape[0])})
    _write_json(out / "modules.json", MODULES)
    _write_json(out / "config_sentence_transformers.json", ST_CONFIG)
    _write_json(out / "1_Normalize" / "config.json", NORMALIZE)
    _write_json(out / "build_stats.json", stats)
