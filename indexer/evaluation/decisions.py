"""Evaluate decisions on the gold set: `python -m indexer.evaluation.decisions`.

Runs the whole path (corpus.read -> indexer.structure.parse.parse ->
indexer.decisions.detect.decide) on the real minutes named in tests/gold/decisions.jsonl
(the samples in ../shared/samples, the development items in ../shared/dev, found by their
"source" file and item id) and prints:
- outcome accuracy: the item's overall outcome (None where nothing was decided) is right;
- clause-outcome accuracy: clause outcomes right, position by position, over the longer of
  the gold and predicted clause lists;
- fact recall: the gold facts (short strings) found in the summary, case-folded;
- vote accuracy: the final vote (or None) is right (its counts too where the gold has them);
- recorded votes: every vote the gold records (the final vote and each amendment's), its
  for/against lists exact, and its counts exact where the gold gives counts;
- amendments and remarks: found (by position, with the same outcome; by maker).
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from corpus.read import read
from indexer.decisions.detect import decide
from indexer.errors import InvalidInput
from indexer.evaluation.decision_scores import Scores, load_gold, vote_matches
from indexer.structure.parse import parse
from indexer.types import AgendaItem, Decision, Meeting

ROOT = Path(__file__).resolve().parents[2]
GOLD = ROOT / "tests" / "gold" / "decisions.jsonl"
SAMPLES = ROOT.parent / "shared" / "samples"
DEV = ROOT.parent / "shared" / "dev"

__all__ = ["DEV", "GOLD", "SAMPLES", "Scores", "decisions", "evaluate", "main"]


def decisions(folders: list[Path], sources: set[str]) -> dict[tuple[str, str], Decision | None]:
    """(source file, item key) -> decision, for every item of the named files."""
    found: dict[tuple[str, str], Decision | None] = {}
    for source in sorted(sources):
        path = next((folder / source for folder in folders if (folder / source).exists()), None)
        if path is None:
            where = ", ".join(str(folder) for folder in folders)
            raise InvalidInput(f"gold source {source} is in none of {where}: pass --samples/--dev")
        for meeting, item in _items(path):
            found[(source, _key(item))] = decide(item, meeting)
            if item.number:
                found.setdefault((source, item.number), found[(source, _key(item))])
    return found


def evaluate(gold_path: Path = GOLD, samples: Path = SAMPLES, dev: Path = DEV) -> Scores:
    gold = load_gold(gold_path)
    predicted = decisions([samples, dev], {row["source"] for row in gold})
    scores = Scores()
    for row in gold:
        key = (row["source"], str(row["item"]))
        if key not in predicted:
            raise InvalidInput(f"gold item {key} is not among the parsed items: fix the gold")
        _score(scores, row, predicted[key])
    return scores


def _score(scores: Scores, row: dict[str, Any], decision: Decision | None) -> None:
    scores.items += 1
    name = row["item"]
    outcome = decision.outcome if decision else None
    clauses = [clause.outcome for clause in decision.clauses] if decision else []
    if outcome == row["outcome"]:
        scores.outcomes_right += 1
    else:
        scores.misses.append(f"{name}: outcome {outcome}, gold {row['outcome']}")
    right = sum(a == b for a, b in zip(clauses, row["clauses"], strict=False))
    scores.clauses_right += right
    scores.clauses_total += max(len(clauses), len(row["clauses"]))
    if right < max(len(clauses), len(row["clauses"])):
        scores.misses.append(f"{name}: clauses {clauses}, gold {row['clauses']}")
    _score_facts(scores, row, decision)
    final = decision.votes.to_json() if decision and decision.votes else None
    scores.votes_right += vote_matches(final, row.get("votes"))
    if not vote_matches(final, row.get("votes")):
        scores.misses.append(f"{name}: votes {final}, gold {row.get('votes')}")
    if row.get("votes"):
        scores.recorded(name, final, row["votes"])
    if "amendments" in row:
        _score_amendments(scores, row, decision)
    if "remarks" in row:
        _score_remarks(scores, row, decision)


def _score_facts(scores: Scores, row: dict[str, Any], decision: Decision | None) -> None:
    summary = (decision.summary if decision else "").casefold()
    for fact in row["facts"]:
        scores.facts_total += 1
        if fact.casefold() in summary:
            scores.facts_found += 1
        else:
            scores.misses.append(f"{row['item']}: summary lacks {fact!r}")


def _score_amendments(scores: Scores, row: dict[str, Any], decision: Decision | None) -> None:
    found = decision.amendments if decision else []
    scores.amendments_total += len(row["amendments"])
    scores.amendments_predicted += len(found)
    for gold, predicted in zip(row["amendments"], found, strict=False):
        if predicted.outcome == gold["outcome"]:
            scores.amendments_right += 1
        else:
            scores.misses.append(f"{row['item']}: amendment {predicted.outcome}, gold {gold}")
        if gold.get("vote"):
            vote = predicted.vote.to_json() if predicted.vote else None
            scores.recorded(row["item"], vote, gold["vote"])
    for gold in row["amendments"][len(found) :]:
        scores.misses.append(f"{row['item']}: amendment not found: {gold}")
        if gold.get("vote"):
            scores.recorded(row["item"], None, gold["vote"])


def _score_remarks(scores: Scores, row: dict[str, Any], decision: Decision | None) -> None:
    wanted = Counter(_norm(remark["by"]) for remark in row["remarks"])
    found = Counter(_norm(remark.by) for remark in decision.remarks) if decision else Counter()
    scores.remarks_total += sum(wanted.values())
    scores.remarks_predicted += sum(found.values())
    scores.remarks_right += sum((wanted & found).values())
    if wanted != found:
        scores.misses.append(f"{row['item']}: remarks by {dict(found)}, gold {dict(wanted)}")


def _norm(text: str) -> str:
    return " ".join(text.split()).casefold()


def _items(path: Path) -> Iterator[tuple[Meeting, AgendaItem]]:
    for meeting in parse(read(path)):
        for item in meeting.items:
            yield meeting, item


def _key(item: AgendaItem) -> str:
    return item.source_id or item.number or item.item_id


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--gold", type=Path, default=GOLD)
    parser.add_argument("--samples", type=Path, default=SAMPLES)
    parser.add_argument("--dev", type=Path, default=DEV)
    parser.add_argument("--verbose", action="store_true", help="list every miss")
    args = parser.parse_args(argv)
    try:
        scores = evaluate(args.gold, args.samples, args.dev)
    except InvalidInput as exc:
        print(exc, file=sys.stderr)
        return 2
    print(scores.header())
    for name, value in scores.figures().items():
        print(f"{name}: {value:.3f}")
    for miss in scores.misses if args.verbose else []:
        print(f"  miss: {miss}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
