"""Score the entity pipeline against the hand-read gold of the sample minutes.

    python -m indexer.evaluation.entities [--samples DIR] [--gold FILE] [--errors] [--no-ner]

For each sample .txt the whole text goes through the pipeline (the meeting date taken from
the file header, else its name); predictions are matched to gold entities of the same type
and normalised value whose offsets overlap. Gold marked "optional" (undefined abbreviations,
a date whose year the text does not give) counts neither as missed nor, when found, as wrong.
When the bundled NER model (models/ner-da) loads, PERSON/ORGANIZATION/LOCATION are scored on
the samples too (their gold rows marked "domain": false; few, so read the figures as a smoke
check), with and without the refine step (indexer.entities.refine), and PER/LOC/ORG on the
DDT dev set, the model alone (`indexer.entities.ner.evaluate_dev`) and refined
(`evaluate_dev_refined`).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from spacy.language import Language

from indexer.entities.casenumbers import is_year_range
from indexer.entities.dates import find_dates
from indexer.entities.pipeline import NER_LABELS, build_nlp, extract
from indexer.entities.refine import REFINERS, NerSpan, Refiner, refine
from indexer.errors import ModelError
from indexer.types import ENTITY_TYPES, Entity

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT.parent / "shared" / "samples"
GOLD = ROOT / "tests" / "gold" / "entities.jsonl"
NER_DIR = ROOT / "models" / "ner-da"
DDT_DEV = ROOT.parent / "shared" / "data" / "danish_ner_ddt" / "da_ddt-ud-ner-dev.conll"
DOMAIN_TYPES = ("COMMITTEE", "DATE", "AMOUNT", "CASE_NUMBER")
NER_TYPES = ("PERSON", "ORGANIZATION", "LOCATION")


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Scored:
    counts: dict[str, Counts]
    missed: list[dict[str, Any]]
    wrong: list[Entity]
    predicted: list[Entity]


def load_gold(path: Path = GOLD) -> dict[str, list[dict[str, Any]]]:
    """Gold entities by sample file name."""
    by_file: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            by_file[row["file"]].append(row)
    return dict(by_file)


def meeting_date_of(name: str, text: str) -> str | None:
    """The meeting date: the first full date in the header lines, else one in the file name."""
    header = "\n".join(text.lstrip().split("\n")[:6])
    for match in find_dates(header):
        if len(match.normalized) == 10:
            return match.normalized
    found = re.search(r"(\d{4}-\d{2}-\d{2})", name)
    return found.group(1) if found else None


def score(gold: list[dict[str, Any]], predicted: list[Entity], types: tuple[str, ...]) -> Scored:
    """Match predictions to gold by (type, normalized, overlapping offsets), one to one."""
    counts = {kind: Counts() for kind in types}
    used: set[int] = set()
    wrong: list[Entity] = []
    for entity in predicted:
        if entity.type not in counts:
            continue
        hit = _find_gold(gold, entity, used)
        if hit is None:
            counts[entity.type].fp += 1
            wrong.append(entity)
            continue
        used.add(hit)
        if not gold[hit].get("optional"):
            counts[entity.type].tp += 1
    missed = [
        g
        for i, g in enumerate(gold)
        if i not in used and g["type"] in counts and not g.get("optional")
    ]
    for g in missed:
        counts[g["type"]].fn += 1
    return Scored(counts, missed, wrong, predicted)


def _find_gold(gold: list[dict[str, Any]], entity: Entity, used: set[int]) -> int | None:
    for i, g in enumerate(gold):
        if (
            i not in used
            and g["type"] == entity.type
            and g["normalized"] == entity.normalized
            and g["start"] < entity.end
            and entity.start < g["end"]
        ):
            return i
    return None


def evaluate_samples(
    nlp: Language,
    types: tuple[str, ...],
    samples: Path = SAMPLES,
    gold_path: Path = GOLD,
    steps: tuple[Refiner, ...] = REFINERS,
) -> dict[str, Scored]:
    """Score every sample file that has gold (NER refined by `steps`); keyed by file name."""
    results: dict[str, Scored] = {}
    for name, gold in sorted(load_gold(gold_path).items()):
        text = (samples / name).read_text(encoding="utf-8")
        predicted = extract(nlp, text, meeting_date=meeting_date_of(name, text), steps=steps)
        results[name] = score(gold, predicted, types)
    return results


def total(results: dict[str, Scored], types: tuple[str, ...]) -> dict[str, Counts]:
    """Counts summed over the files."""
    summed = {kind: Counts() for kind in types}
    for scored in results.values():
        for kind, c in scored.counts.items():
            summed[kind].tp += c.tp
            summed[kind].fp += c.fp
            summed[kind].fn += c.fn
    return summed


def format_counts(counts: dict[str, Counts]) -> str:
    """A table of precision, recall and F1 per type."""
    lines = [f"{'type':<13} {'P':>6} {'R':>6} {'F1':>6} {'tp':>4} {'fp':>4} {'fn':>4}"]
    for kind, c in counts.items():
        scores = f"{c.precision:6.3f} {c.recall:6.3f} {c.f1:6.3f}"
        lines.append(f"{kind:<13} {scores} {c.tp:4d} {c.fp:4d} {c.fn:4d}")
    return "\n".join(lines)


def _report_errors(results: dict[str, Scored]) -> None:
    for name, scored in results.items():
        for g in scored.missed:
            print(f"  missed {name}:{g['line']} {g['type']} {g['text']!r} -> {g['normalized']}")
        for e in scored.wrong:
            print(f"  wrong  {name}@{e.start} {e.type} {e.text!r} -> {e.normalized}")


def _ner_part(show_errors: bool, samples: Path, gold: Path) -> None:
    from indexer.entities import ner as ner_module

    try:
        ner = ner_module.load_ner(str(NER_DIR))
    except ModelError as exc:
        print(f"\nNER: skipped ({exc})")
        return
    nlp = build_nlp(ner)
    results = evaluate_samples(nlp, tuple(ENTITY_TYPES), samples, gold)
    print("\nRules + NER on the samples (all types):")
    print(format_counts(total(results, tuple(ENTITY_TYPES))))
    if show_errors:
        _report_errors(results)
    print("\nPERSON/ORGANIZATION/LOCATION on the samples' gold, NER before -> after refine:")
    for title, steps in (("NER alone", ()), ("NER + refine", REFINERS)):
        scored = evaluate_samples(nlp, NER_TYPES, samples, gold, steps)
        print(f"{title}:\n{format_counts(total(scored, NER_TYPES))}")
    evaluate_dev = getattr(ner_module, "evaluate_dev", None)
    if evaluate_dev is None or not DDT_DEV.exists():
        print("\nDDT dev: skipped (no indexer.entities.ner.evaluate_dev or no dev file)")
        return
    print(f"\nNER alone on {DDT_DEV.name}:")
    print(ner_module.format_scores(evaluate_dev(ner, DDT_DEV)))
    print(f"\nNER + refine on {DDT_DEV.name} (tokens joined by spaces):")
    print(ner_module.format_scores(evaluate_dev_refined(ner, DDT_DEV)))
    print(f"\nThe ingest pipeline (rules + NER + refine, as `extract`) on {DDT_DEV.name}:")
    print(ner_module.format_scores(evaluate_dev_pipeline(nlp, DDT_DEV)))


def evaluate_dev_refined(
    ner: Language, conll_path: Path, steps: tuple[Refiner, ...] = REFINERS
) -> dict[str, dict[str, float]]:
    """Score NER followed by the refine steps on a CoNLL file: P/R/F1 for PER, LOC, ORG."""
    from indexer.entities import ner as ner_module

    sentences = ner_module.read_conll(conll_path)
    gold = [set(ner_module.bio_spans([tag for _, tag in sent])) for sent in sentences]
    pred = [set(_refined_tokens(ner, [tok for tok, _ in sent], steps)) for sent in sentences]
    return ner_module.score_spans(gold, pred)


def evaluate_dev_pipeline(nlp: Language, conll_path: Path) -> dict[str, dict[str, float]]:
    """Score exactly what ingest stores: `extract_many` over each dev sentence (tokens joined
    by spaces), PERSON/ORGANIZATION/LOCATION mapped back to token spans."""
    from indexer.entities import ner as ner_module
    from indexer.entities.pipeline import extract_many

    sentences = ner_module.read_conll(conll_path)
    words = [[tok for tok, _ in sent] for sent in sentences]
    gold = [set(ner_module.bio_spans([tag for _, tag in sent])) for sent in sentences]
    found = extract_many(nlp, [" ".join(w) for w in words])
    short = {"PERSON": "PER", "ORGANIZATION": "ORG", "LOCATION": "LOC"}
    pred = []
    for sentence, entities in zip(words, found, strict=True):
        starts = [sum(len(w) + 1 for w in sentence[:i]) for i in range(len(sentence))]
        ends = [start + len(word) for start, word in zip(starts, sentence, strict=True)]
        pred.append({
            (starts.index(e.start), ends.index(e.end) + 1, short[e.type])
            for e in entities
            if e.type in short and e.start in starts and e.end in ends
        })  # fmt: skip
    return ner_module.score_spans(gold, pred)


def _refined_tokens(
    ner: Language, words: list[str], steps: tuple[Refiner, ...]
) -> list[tuple[int, int, str]]:
    """The sentence's refined entities as token spans (start, end, PER/LOC/ORG)."""
    from indexer.entities.ner import predict_spans

    starts = [sum(len(w) + 1 for w in words[:i]) for i in range(len(words))]
    ends = [start + len(word) for start, word in zip(starts, words, strict=True)]
    text = " ".join(words)
    spans = [
        NerSpan(starts[a], ends[b - 1], NER_LABELS.get(label, label))
        for a, b, label in predict_spans(ner, words)
        if label in ("PER", "LOC", "ORG")
    ]
    short = {"PERSON": "PER", "ORGANIZATION": "ORG", "LOCATION": "LOC"}
    return [
        (starts.index(s.start), ends.index(s.end) + 1, short[s.label])
        for s in refine(text, spans, steps=steps)
        if s.start in starts and s.end in ends
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m indexer.evaluation.entities", description=__doc__
    )
    parser.add_argument("--samples", type=Path, default=SAMPLES)
    parser.add_argument("--gold", type=Path, default=GOLD)
    parser.add_argument("--errors", action="store_true", help="list missed and wrong entities")
    parser.add_argument("--no-ner", action="store_true", help="score the rules only")
    args = parser.parse_args(argv)
    results = evaluate_samples(build_nlp(), DOMAIN_TYPES, args.samples, args.gold)
    summed = total(results, DOMAIN_TYPES)
    print("Domain rules on the samples:")
    print(format_counts(summed))
    if args.errors:
        _report_errors(results)
    ranges = [
        e for s in results.values() for e in s.predicted
        if e.type == "CASE_NUMBER" and is_year_range(e.normalized)
    ]  # fmt: skip
    print(f"year ranges predicted as case numbers: {len(ranges)}")
    if not args.no_ner and NER_DIR.exists():
        _ner_part(args.errors, args.samples, args.gold)
    elif not args.no_ner:
        print(f"\nNER: skipped ({NER_DIR} does not exist; build it with models/train_ner.py)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
