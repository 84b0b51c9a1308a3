"""Make a sentence-transformers static model folder loadable by model2vec too: write config.json.

The folder keeps one copy of the weights (model2vec's tensor names `embeddings`, `mapping`,
`weights`, which sentence-transformers' StaticEmbedding folds on load); model2vec needs only its
`config.json` beside them. Idempotent. The format: indexer/embedding/embed.py's docstring.

    python models/static_config.py models/embed-da
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from safetensors import safe_open

DTYPES = {"I8": "int8", "F16": "float16", "F32": "float32", "BF16": "bfloat16"}


def model2vec_config(folder: Path) -> dict[str, Any]:
    """model2vec's config for the tensors in folder/model.safetensors."""
    with safe_open(str(folder / "model.safetensors"), framework="numpy") as tensors:
        keys = set(tensors.keys())
        name = "embeddings" if "embeddings" in keys else "embedding.weight"
        table = tensors.get_slice(name)
        rows, dim = table.get_shape()
        dtype = DTYPES.get(table.get_dtype(), table.get_dtype().lower())
    config: dict[str, Any] = {
        "model_type": "model2vec",
        "architectures": ["StaticModel"],
        "normalize": True,
        "max_length": None,  # else model2vec truncates at 512 tokens; sentence-transformers never
        "hidden_dim": dim,
        "embedding_dtype": dtype,
    }
    if "mapping" in keys:
        config["vocabulary_quantization"] = rows
    return config


def write_config(folder: Path) -> Path:
    path = folder / "config.json"
    path.write_text(json.dumps(model2vec_config(folder), indent=2) + "\n")
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    print(write_config(parser.parse_args().folder))


if __name__ == "__main__":
    main()
