"""Evaluate decision detection on the gold set: `python -m indexer.evaluation.decisions`.

Runs the whole path (corpus.read -> indexer.structure.parse.parse ->
indexer.decisions.detect.decide) on the
real samples named in tests/gold/decisions.jsonl and prints:
- outcome accuracy: the item's overall outcome (None where nothing was decided) is right;
- clause-outcome accuracy: clause outcomes right, position by position, over the longer of
  the gold and predicted clause lists;
- fact recall: the gold facts (short strings) found in the summary, case-folded;
- vote accuracy: the recorded votes (or None) are exactly right.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from corpus.read import read
from indexer.decisions.detect import decide
from indexer.errors import InvalidInput
from indexer.structure.parse import parse
from indexer.types import AgendaItem, Decision, Meeting

ROOT = Path(__file__).resolve().parents[2]
GOLD = ROOT / "tests" / "gold" / "decisions.jsonl"
SAMPLES = ROOT.parent / "shared" / "samples"


@dataclass(slots=True)
class Scores:
    items: int = 0
    outcomes_right: int = 0
    clauses_right: int = 0
    clauses_total: int = 0
    facts_found: int = 0
    facts_total: int = 0
    votes_right: int = 0
    misses: list[str] = field(default_factory=list)

    def figures(self) -> dict[str, float]:
        return {
            "outcome_accuracy": _ratio(self.outcomes_right, self.items),
            "clause_outcome_accuracy": _ratio(self.clauses_right, self.clauses_total),
            "fact_recall": _ratio(self.facts_found, self.facts_total),
            "vote_accuracy": _ratio(self.votes_right, self.items),
        }


def load_gold(path: Path) -> list[dict[str, Any]]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
        return [json.loads(line) for line in lines if line.strip()]
    except (OSError, json.JSONDecodeError) as exc:
        raise InvalidInput(f"{path}: cannot read the gold file ({exc}); pass --gold") from exc


def decisions(samples: Path, sources: set[str]) -> dict[tuple[str, str], Decision | None]:
    """(source file, item key) -> decision, for every item of the named sample files."""
    found: dict[tuple[str, str], Decision | None] = {}
    for source in sorted(sources):
        for meeting, item in _items(samples / source):
            found[(source, _key(item))] = decide(item, meeting)
            if item.number:
                found.setdefault((source, item.number), found[(source, _key(item))])
    return found


def evaluate(gold_path: Path = GOLD, samples: Path = SAMPLES) -> Scores:
    gold = load_gold(gold_path)
    predicted = decisions(samples, {row["source"] for row in gold})
    scores = Scores()
    for row in gold:
        key = (row["source"], str(row["item"]))
        if key not in predicted:
            raise InvalidInput(f"gold item {key} is not among the parsed items: fix the gold")
        _score(scores, row, predicted[key])
    return scores


def _score(scores: Scores, row: dict[str, Any], decision: Decision | None) -> None:
    scores.items += 1
    outcome = decision.outcome if decision else None
    clauses = [clause.outcome for clause in decision.clauses] if decision else []
    if outcome == row["outcome"]:
        scores.outcomes_right += 1
    else:
        scores.misses.append(f"{row['item']}: outcome {outcome}, gold {row['outcome']}")
    scores.clauses_right += sum(a == b for a, b in zip(clauses, row["clauses"], strict=False))
    scores.clauses_total += max(len(clauses), len(row["clauses"]))
    summary = (decision.summary if decision else "").casefold()
    for fact in row["facts"]:
        scores.facts_total += 1
        if fact.casefold() in summary:
            scores.facts_found += 1
        else:
            scores.misses.append(f"{row['item']}: summary lacks {fact!r}")
    votes = decision.votes.to_json() if decision and decision.votes else None
    scores.votes_right += votes == row.get("votes")


def _items(path: Path) -> Iterator[tuple[Meeting, AgendaItem]]:
    for meeting in parse(read(path)):
        for item in meeting.items:
            yield meeting, item


def _key(item: AgendaItem) -> str:
    return item.source_id or item.number or item.item_id


def _ratio(part: int, whole: int) -> float:
    return part / whole if whole else 1.0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=GOLD)
    parser.add_argument("--samples", type=Path, default=SAMPLES)
    parser.add_argument("--verbose", action="store_true", help="list every miss")
    args = parser.parse_args(argv)
    try:
        scores = evaluate(args.gold, args.samples)
    except InvalidInput as exc:
        print(exc, file=sys.stderr)
        return 2
    print(f"items: {scores.items}  clauses: {scores.clauses_total}  facts: {scores.facts_total}")
    for name, value in scores.figures().items():
        print(f"{name}: {value:.3f}")
    for miss in scores.misses if args.verbose else []:
        print(f"  miss: {miss}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
