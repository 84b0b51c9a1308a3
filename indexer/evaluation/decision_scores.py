"""The tallies of the decision evaluation (indexer.evaluation.decisions) and how votes compare."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from indexer.errors import InvalidInput


@dataclass(slots=True)
class Scores:
    items: int = 0
    outcomes_right: int = 0
    clauses_right: int = 0
    clauses_total: int = 0
    facts_found: int = 0
    facts_total: int = 0
    votes_right: int = 0
    recorded_total: int = 0  # votes the gold records (final and amendments')
    recorded_lists: int = 0  # ... whose for/against lists are exact
    counted_total: int = 0  # ... that give counts
    counted_right: int = 0
    amendments_total: int = 0
    amendments_predicted: int = 0
    amendments_right: int = 0  # found at its position, with the gold outcome
    remarks_total: int = 0
    remarks_predicted: int = 0
    remarks_right: int = 0
    misses: list[str] = field(default_factory=list)

    def recorded(self, item: str, vote: dict[str, Any] | None, gold: dict[str, Any]) -> None:
        """Score one vote the gold records."""
        self.recorded_total += 1
        lists = vote is not None and all(vote[key] == gold[key] for key in ("for", "against"))
        self.recorded_lists += lists
        if gold.get("counts") is not None:
            self.counted_total += 1
            self.counted_right += vote is not None and vote.get("counts") == gold["counts"]
        if not lists:
            self.misses.append(f"{item}: vote {vote}, gold {gold}")

    def figures(self) -> dict[str, float]:
        return {
            "outcome_accuracy": _ratio(self.outcomes_right, self.items),
            "clause_outcome_accuracy": _ratio(self.clauses_right, self.clauses_total),
            "fact_recall": _ratio(self.facts_found, self.facts_total),
            "vote_accuracy": _ratio(self.votes_right, self.items),
            "recorded_votes_for_against_exact": _ratio(self.recorded_lists, self.recorded_total),
            "recorded_votes_counts_exact": _ratio(self.counted_right, self.counted_total),
            "amendments_recall": _ratio(self.amendments_right, self.amendments_total),
            "amendments_precision": _ratio(self.amendments_right, self.amendments_predicted),
            "remarks_recall": _ratio(self.remarks_right, self.remarks_total),
            "remarks_precision": _ratio(self.remarks_right, self.remarks_predicted),
        }

    def header(self) -> str:
        return (
            f"items: {self.items}  clauses: {self.clauses_total}  facts: {self.facts_total}  "
            f"recorded votes: {self.recorded_total} ({self.counted_total} with counts)  "
            f"amendments: {self.amendments_total}  remarks: {self.remarks_total}"
        )


def vote_matches(predicted: dict[str, Any] | None, gold: dict[str, Any] | None) -> bool:
    """Lists exact; counts compared only where the gold row states them (older rows lack them)."""
    if predicted is None or gold is None:
        return predicted is None and gold is None
    keys = ["for", "against", "abstained", *(["counts"] if "counts" in gold else [])]
    return all(predicted.get(key) == gold.get(key) for key in keys)


def load_gold(path: Path) -> list[dict[str, Any]]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
        return [json.loads(line) for line in lines if line.strip()]
    except (OSError, json.JSONDecodeError) as exc:
        raise InvalidInput(f"{path}: cannot read the gold file ({exc}); pass --gold") from exc


def _ratio(part: int, whole: int) -> float:
    return part / whole if whole else 1.0
