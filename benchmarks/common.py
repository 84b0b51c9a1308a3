"""Shared helpers for the benchmarks: generated minutes-like text, timers, memory."""

from __future__ import annotations

import json
import random
import re
import resource
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "corpus" / "demo"
HEADINGS = [
    "Resume",
    "Indstilling",
    "Problemstilling",
    "Løsning",
    "Sagsfremstilling",
    "Økonomi",
    "Videre proces",
    "Beslutning",
]
COMMITTEES = [
    "Socialudvalget",
    "Økonomiudvalget",
    "Børne- og Ungdomsudvalget",
    "Teknik- og Miljøudvalget",
    "Kultur- og Fritidsudvalget",
    "Sundheds- og Omsorgsudvalget",
    "Beskæftigelses- og Integrationsudvalget",
    "Borgerrepræsentationen",
]
MUNICIPALITIES = ["København", "Frederiksberg", "Aarhus", "Odense", "Aalborg", "Vejle"]


def sentences() -> list[str]:
    """Every sentence of the real samples: the vocabulary of generated sections."""
    text = " ".join(p.read_text() for p in SAMPLES.glob("*.txt"))
    for line in (SAMPLES / "kk-items-sample.jsonl").read_text().splitlines():
        text += " " + " ".join(s["tekst"] for s in json.loads(line)["afsnit"])
    parts = re.split(r"(?<=[.!?])\s+", " ".join(text.split()))
    return [p for p in parts if 30 < len(p) < 400]


def generated_items(n_sections: int, seed: int = 7, per_item: int = 6) -> Iterator[dict]:
    """Agenda items (CONTRACT's English JSON fields) with n_sections sections in all."""
    rng = random.Random(seed)
    pool = sentences()
    for n in range(0, n_sections, per_item):
        year = rng.randint(2008, 2026)
        yield {
            "municipality": rng.choice(MUNICIPALITIES),
            "committee": rng.choice(COMMITTEES),
            "meeting_date": f"{year}-{rng.randint(1, 12):02}-{rng.randint(1, 28):02}",
            "item_number": str(n // per_item % 40 + 1),
            "title": rng.choice(pool)[:90],
            "case_numbers": [f"{year}-{rng.randint(10000, 999999)}"],
            "sections": [
                {
                    "heading": HEADINGS[k % len(HEADINGS)],
                    "text": " ".join(rng.choices(pool, k=rng.randint(2, 7))),
                }
                for k in range(min(per_item, n_sections - n))
            ],
            "source": f"bench-{seed}-{n}",
        }


def write_docs(folder: Path, n_sections: int, items_per_doc: int = 50, seed: int = 7) -> int:
    """Generated items written as .jsonl documents; returns the number of files."""
    folder.mkdir(parents=True, exist_ok=True)
    batch, files = [], 0
    for item in generated_items(n_sections, seed):
        batch.append(item)
        if len(batch) == items_per_doc:
            (folder / f"doc{files:06}.jsonl").write_text("\n".join(json.dumps(i) for i in batch))
            batch, files = [], files + 1
    if batch:
        (folder / f"doc{files:06}.jsonl").write_text("\n".join(json.dumps(i) for i in batch))
        files += 1
    return files


@contextmanager
def timer() -> Iterator[list[float]]:
    box: list[float] = []
    start = time.perf_counter()
    yield box
    box.append(time.perf_counter() - start)


def rss_mb() -> float:
    """Peak resident memory of this process so far, in MB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]
