"""The floor under dense hits of a query with no lexical evidence: a nonsense query finds nothing.

Dense retrieval always returns nearest neighbours, so "xqzvw blorf" used to get ten hits. A
fixed cosine floor cannot tell such a query from a real paraphrase: the bundled static model
splits unknown words into one-letter word pieces whose average lies near every section full of
codes and abbreviations, so gibberish reaches cosine 0.3-0.78 on the demo archive while real
paraphrases with no word in the archive ("nydanskere", "revner i murene") reach only 0.16-0.36.

The floor is therefore relative to the model's own picture of nonsense: PROBES strings of random
letters (fixed seed) are embedded once per model, and a dense hit is kept only when the query is
closer to it than to the nearest probe, by `Settings.dense_floor_margin`
(REFERAT_DENSE_FLOOR_MARGIN, default 0.05; -2 keeps every neighbour):

    keep hit s  iff  cos(query, s) >= max_p cos(query, p) + margin

A gibberish query sits near a probe (0.20-0.98 for the 25 queries of
tests/indexer/search/fixtures/nonsense.txt) and keeps next to nothing; the gold's real queries
without a lexical hit have probes far away (at most 0.17) and keep their hits. Measured on
the demo corpus + dev items (`python -m indexer.evaluation.nonsense`, `make eval-search`): with
margin 0.05, 24 of the 25 nonsense queries get no hit (2,343 hits without the floor, 9 with it, all
for "florbnik snarvelt") and hybrid nDCG@10 stays 0.674; margin 0.1 costs 0.003, 0.0 lets 3
queries through. Swapping the embedding model needs no new constant (re-check the margin with
the same two measurements). It applies only when the lexical retriever found nothing within the
filters; any lexical hit means the words exist, and fusion is as before.
"""

from __future__ import annotations

import threading
import weakref
from typing import Any

import numpy as np

PROBES = 64
SEED = 0
LETTERS = "abcdefghijklmnopqrstuvwxyzæøå"

_CACHE: weakref.WeakKeyDictionary[Any, np.ndarray] = weakref.WeakKeyDictionary()
_LOCK = threading.Lock()


def probe_texts(count: int = PROBES, seed: int = SEED) -> list[str]:
    """`count` strings of one to three random words of 3-8 letters, the same every run."""
    rng = np.random.default_rng(seed)
    alphabet = list(LETTERS)

    def word() -> str:
        return "".join(rng.choice(alphabet, size=int(rng.integers(3, 9))))

    return [" ".join(word() for _ in range(int(rng.integers(1, 4)))) for _ in range(count)]


def probe_vectors(embedder: Any) -> np.ndarray:
    """The probes embedded by this embedder (normalised rows), computed once per embedder."""
    with _LOCK:
        cached = _CACHE.get(embedder)
    if cached is None:
        cached = np.asarray(embedder.encode(probe_texts()), dtype=np.float32)
        with _LOCK:
            _CACHE[embedder] = cached
    return cached


def nonsense_level(embedder: Any, vector: np.ndarray) -> float:
    """The query vector's cosine to the nearest probe: how much it looks like random letters."""
    probes = probe_vectors(embedder)
    if not len(probes):
        return 0.0
    return float(np.max(probes @ np.asarray(vector, dtype=np.float32)))


def above_floor(
    found: list[tuple[int, float]], embedder: Any, vector: np.ndarray, margin: float
) -> list[tuple[int, float]]:
    """The dense hits (id, cosine) closer to the query than its nearest probe, by `margin`."""
    if not found:
        return found
    floor = nonsense_level(embedder, vector) + margin
    return [(key, score) for key, score in found if score >= floor]
