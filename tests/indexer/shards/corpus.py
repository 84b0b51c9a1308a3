"""A test archive split by meeting: the real samples, the 210 kk dev items and generated ones.

Real archives hold one meeting a document; the jsonl files here hold many, so they are cut
into one file a meeting (a whole document goes to one shard)."""

from __future__ import annotations

import json
import random
import shutil
from pathlib import Path

from benchmarks.common import sentences, write_docs
from indexer.config import load_settings
from indexer.ingest import expand, ingest_paths
from indexer.pipeline import Pipeline
from indexer.search.query import Filters
from indexer.shards import create_manifest, open_store

SHARED = Path(__file__).resolve().parents[3].parent / "shared"
QUERIES = [
    "hvad besluttede socialudvalget om integration",
    "integrationspuljen",
    "pulje til foreninger",
    "kontrol med sociale ydelser",
    "studietur",
    "hjemløshed",
    "garanti for lån",
    "budget 2021",
    "psykiatri",
    "fordrevne ukrainere",
    "lokalplan",
    "bevilling til skoler",
]


def write_corpus(
    folder: Path, generated_sections: int = 1200, meetings_at_most: int = 1000
) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for text in (SHARED / "samples").glob("*.txt"):
        shutil.copy(text, folder / text.name)
    meetings: dict[tuple[str, str], list[str]] = {}
    for source in (
        SHARED / "samples" / "kk-items-sample.jsonl",
        SHARED / "dev" / "kk-items-dev.jsonl",
    ):
        for line in source.read_text().splitlines():
            item = json.loads(line)
            meetings.setdefault((item["udvalg"], item["dato"]), []).append(line)
    for n, lines in enumerate(list(meetings.values())[:meetings_at_most]):
        (folder / f"kk-{n:03}.jsonl").write_text("\n".join(lines))
    write_docs(folder / "generated", generated_sections, items_per_doc=2, seed=11)
    return folder


def queries(n_generated: int = 40) -> list[tuple[str, Filters]]:
    """The fixed queries, kk titles, generated word pairs; some with filters."""
    titles = [
        json.loads(line)["titel"]
        for line in (SHARED / "dev" / "kk-items-dev.jsonl").read_text().splitlines()
    ]
    rng = random.Random(3)
    pool = [w for s in sentences() for w in s.split() if len(w) > 5 and w.isalpha()]
    generated = [" ".join(rng.sample(pool, 2)) for _ in range(n_generated)]
    plain = QUERIES + titles[::7] + generated
    cases = [(q, Filters()) for q in plain]
    cases += [
        ("integration", Filters(committee="Socialudvalget")),
        ("psykiatri", Filters(date_from="2015-01-01")),
        ("pulje til foreninger", Filters(municipality="Aarhus")),
        ("børn og unge", Filters(date_to="2012-12-31")),
        ("ukrainere", Filters(municipality="København", date_from="2026-01-01")),
    ]
    return cases


def build(corpus: Path, data: Path, shards: int | None, route: str = "municipality") -> None:
    if shards:
        create_manifest(data, shards, route)  # type: ignore[arg-type]
    pipeline = Pipeline(load_settings(data=data, entities=False))
    with open_store(data) as store:
        results = ingest_paths(store, expand([corpus]), pipeline)
    assert all(r.status == "stored" for r in results), [r for r in results if r.status != "stored"]
