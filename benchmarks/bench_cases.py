"""Case linking cost per item as the archive grows (indexer/cases).

    nice -n 10 .venv/bin/python -m benchmarks.bench_cases --items 10000 100000

Meetings of 25 generated items (sentences of the real samples recombined, as bench_search
does) are stored one document at a time, each followed by `link_items`, the ingest hook;
only the linking is timed. A tenth of the items continue an earlier case the ways the
minutes do: the same title with a routing suffix at another body, the same text (an
agenda's minutes, a committee's item forwarded to the council), or the same case number.
At each size the figures are over the last 2,000 items linked.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks.common import COMMITTEES, MUNICIPALITIES, sentences
from corpus import read_bytes
from indexer.cases.link import link_items
from indexer.store.db import Store
from indexer.structure.parse import parse

PER_MEETING = 25
WINDOW = 2000


def _item(rng: random.Random, pool: list[str], number: int) -> dict[str, Any]:
    sections = [
        {"heading": h, "text": " ".join(rng.choice(pool) for _ in range(rng.randint(4, 8)))}
        for h in ("Indstilling", "Problemstilling", "Løsning")
    ]
    item: dict[str, Any] = {
        "item_number": str(number),
        "title": f"{rng.choice(pool)[:70].rstrip(' ,.')}, afd. {rng.randint(1, 999_999)}",
        "sections": sections,
    }
    if rng.random() < 0.3:
        item["case_numbers"] = [f"2026-{rng.randint(1, 400_000)}"]
    return item


def _continuation(rng: random.Random, earlier: dict[str, Any], number: int) -> dict[str, Any]:
    kind = rng.choice(("title", "text", "case_number"))
    item = json.loads(json.dumps(earlier)) | {"item_number": str(number)}
    if kind != "case_number":
        item.pop("case_numbers", None)
    if kind == "title":
        item["title"] = f"{earlier['title']} - UDVALGSHENVIST FRA BR 25.6.26"
        item["sections"] = [{"heading": "Indstilling", "text": "Udvalget drøfter sagen."}]
    elif kind == "text":
        item["title"] = f"Videre behandling: {earlier['title'][:60]}"
    return item


def meeting(
    rng: random.Random, pool: list[str], n: int, archive: dict[str, list[dict[str, Any]]]
) -> dict:
    municipality = MUNICIPALITIES[n % len(MUNICIPALITIES)]
    past = archive.setdefault(municipality, [])  # a case continues in its own municipality
    items = []
    for number in range(1, PER_MEETING + 1):
        if past and rng.random() < 0.1:
            items.append(_continuation(rng, rng.choice(past[-5000:]), number))
        else:
            items.append(_item(rng, pool, number))
    past.extend(items)
    day = 1 + n % 28
    return {
        "municipality": municipality,
        "committee": COMMITTEES[(n // len(MUNICIPALITIES)) % len(COMMITTEES)],
        "meeting_date": f"{2008 + n // 4000:04d}-{1 + n // 28 % 12:02d}-{day:02d}",
        "items": items,
    }


def run(sizes: list[int], data: Path) -> None:
    rng, pool = random.Random(13), sentences()
    past: dict[str, list[dict[str, Any]]] = {}
    timings: list[float] = []
    stored = 0
    with Store(data) as store:
        for n in range(max(sizes) // PER_MEETING):
            body = meeting(rng, pool, n, past)
            header = {k: v for k, v in body.items() if k != "items"}
            rows = [header | i | {"id": f"m{n}-{i['item_number']}"} for i in body["items"]]
            doc = read_bytes(json.dumps(rows, ensure_ascii=False).encode(), f"m{n}.json")
            ids = store.replace_document(doc, parse(doc))
            start = time.perf_counter()
            link_items(store, ids)
            timings.append((time.perf_counter() - start) / len(ids))
            stored += len(ids)
            if stored in sizes:
                report(store, stored, timings[-WINDOW // PER_MEETING :])


def report(store: Store, items: int, per_item: list[float]) -> None:
    ms = sorted(t * 1000 for t in per_item)
    rules = dict(store.db.execute("SELECT rule, count(*) FROM case_links GROUP BY rule").fetchall())
    cases = store.db.execute(
        "SELECT count(*) FROM (SELECT case_id FROM case_items GROUP BY case_id HAVING count(*) > 1)"
    ).fetchone()[0]
    bucket = store.db.execute(
        "SELECT max(c) FROM (SELECT count(*) AS c FROM case_lsh GROUP BY band, key)"
    ).fetchone()[0]
    stored = store.db.execute("SELECT count(*) FROM items").fetchone()[0]
    assert stored == items, f"{stored} items stored, {items} made: item ids collide"
    print(
        f"{items:>7,} items: link {statistics.mean(ms):.2f} ms/item mean,"
        f" p95 {ms[int(len(ms) * 0.95)]:.2f} ms; links {rules}; cases of 2+ items {cases:,};"
        f" largest LSH bucket {bucket}",
        flush=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, nargs="+", default=[10_000, 100_000])
    args = parser.parse_args()
    sizes = sorted(args.items)
    if any(s % PER_MEETING for s in sizes):
        parser.error(f"sizes must be multiples of {PER_MEETING}")
    with tempfile.TemporaryDirectory() as tmp:
        run(sizes, Path(tmp))


if __name__ == "__main__":
    main()
