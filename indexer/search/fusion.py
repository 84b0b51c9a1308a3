"""Rank fusion and grouping: pure functions over (id, score) lists."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence

RRF_K = 10  # tuned with `make eval-search --grid` on its tuning half (see README)
LEXICAL_WEIGHT = 1.0
DENSE_WEIGHT = 0.9
# a decision section's fused score is multiplied by this for decision questions
DECISION_BOOST = 1.5
# Sections that list or route rather than say: an attachment list or a "Behandling" line
# answers little, however well its words match.
HEADING_WEIGHTS = {"Bilag": 0.5, "Behandling": 0.5, "Borgmesterpåtegning": 0.5}


def rrf(
    rankings: Sequence[Sequence[int]],
    weights: Sequence[float] | None = None,
    k: int | None = None,
) -> dict[int, float]:
    """Weighted reciprocal rank fusion: sum of w / (k + rank) over the rankings."""
    weights = weights or [1.0] * len(rankings)
    k = RRF_K if k is None else k
    fused: dict[int, float] = {}
    for ranking, weight in zip(rankings, weights, strict=True):
        for rank, key in enumerate(ranking, 1):
            fused[key] = fused.get(key, 0.0) + weight / (k + rank)
    return fused


def boost(scores: Mapping[int, float], boosted: Iterable[int], factor: float) -> dict[int, float]:
    chosen = set(boosted)
    return {key: s * factor if key in chosen else s for key, s in scores.items()}


def weigh_headings(scores: Mapping[int, float], headings: Mapping[int, str]) -> dict[int, float]:
    """Scale each section's score by the weight of its heading (1 when not listed)."""
    return {key: s * HEADING_WEIGHTS.get(headings.get(key, ""), 1.0) for key, s in scores.items()}


def group_by_item(
    section_scores: Mapping[int, float], item_of: Mapping[int, str]
) -> list[tuple[str, float, int]]:
    """(item_id, score, best section) sorted best first.

    An item scores its best section plus a small, saturating bonus for further matching
    sections, so an item that answers in several places edges out a single lucky passage.
    """
    best: dict[str, tuple[float, int]] = {}
    extra: dict[str, float] = {}
    for section, score in section_scores.items():
        item = item_of[section]
        if item not in best or score > best[item][0]:
            if item in best:
                extra[item] = extra.get(item, 0.0) + best[item][0]
            best[item] = (score, section)
        else:
            extra[item] = extra.get(item, 0.0) + score
    grouped = [
        (item, score + 0.1 * math.tanh(extra.get(item, 0.0) / max(score, 1e-9)) * score, section)
        for item, (score, section) in best.items()
    ]
    grouped.sort(key=lambda row: (-row[1], row[0]))
    return grouped
