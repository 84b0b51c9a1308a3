"""Ranking metrics for the relevance evaluations: pure functions over ranked ids and grades."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence


def dcg(gains: Sequence[float]) -> float:
    return sum((2**g - 1) / math.log2(rank + 2) for rank, g in enumerate(gains))


def ndcg_at_k(ranked: Sequence[str], grades: Mapping[str, int], k: int = 10) -> float:
    """Normalised discounted cumulative gain with graded relevance (exponential gain)."""
    ideal = dcg(sorted(grades.values(), reverse=True)[:k])
    if ideal == 0:
        return 0.0
    return dcg([grades.get(doc, 0) for doc in ranked[:k]]) / ideal


def reciprocal_rank(ranked: Sequence[str], grades: Mapping[str, int], min_grade: int = 2) -> float:
    """1/rank of the first result at least `min_grade` relevant, 0 when none is found."""
    for rank, doc in enumerate(ranked, 1):
        if grades.get(doc, 0) >= min_grade:
            return 1.0 / rank
    return 0.0


def recall_at_k(ranked: Sequence[str], grades: Mapping[str, int], k: int = 20) -> float:
    relevant = {doc for doc, g in grades.items() if g > 0}
    if not relevant:
        return 0.0
    return len(relevant.intersection(ranked[:k])) / len(relevant)
