"""Ingest speed on real minutes: the samples repeated to N documents (default 1,000).

Each copy differs by one line so no document is skipped as a duplicate. Prints documents,
pages and sections per second for the full pipeline (parse, entities, decisions, terms,
vectors, SQLite), and the same without entity extraction.

Usage: python -m benchmarks.bench_ingest [--docs 1000] [--workers 2] [--no-entities]
"""

from __future__ import annotations

import argparse
import tempfile
from datetime import date, timedelta
from pathlib import Path

from benchmarks.common import SAMPLES, rss_mb, timer
from indexer.config import load_settings
from indexer.entities.dates import MONTH_NAMES
from indexer.ingest import expand, ingest_paths
from indexer.pipeline import Pipeline
from indexer.store.db import Store
from indexer.store.queries import stats

# The meeting date as each sample writes it: a copy gets another date, hence other item ids.
DATE_FORMS = {
    "frederiksberg": [("03-02-2020", "%d-%m-%Y"), ("03. februar 2020", "{day:02}. {month} %Y")],
    "kobenhavn": [("05.05.2010", "%d.%m.%Y")],
}


def make_copies(folder: Path, n_docs: int) -> None:
    """The text samples, each copy dated a day later, so each is a meeting of its own."""
    sources = sorted(SAMPLES.glob("*.txt"))
    for n in range(n_docs):
        source = sources[n % len(sources)]
        day = date(2000, 1, 1) + timedelta(days=n)
        text = source.read_text()
        for written, form in DATE_FORMS[source.name.split("-")[0]]:
            form = form.format(day=day.day, month=MONTH_NAMES[day.month - 1])
            text = text.replace(written, day.strftime(form))
        (folder / f"{n:05}-{source.name}").write_text(text)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--no-entities", action="store_true")
    parser.add_argument("--workers", type=int, default=1, help="processes preparing documents")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        src, data = Path(tmp) / "src", Path(tmp) / "data"
        src.mkdir()
        make_copies(src, args.docs)
        settings = load_settings(data=data, entities=not args.no_entities)
        pipeline = Pipeline(settings)
        if args.workers == 1:  # load the models before timing (workers load their own)
            _ = pipeline.embedder, (pipeline.nlp if settings.entities else None)
        with Store(data) as store, timer() as took:
            results = ingest_paths(store, expand([src]), pipeline, workers=args.workers)
        with Store(data) as store:
            counts = stats(store)
            pages = store.db.execute("SELECT sum(pages) FROM documents").fetchone()[0]
        seconds = took[0]
        failed = sum(r.status == "failed" for r in results)
        print(
            f"entities {'on' if settings.entities else 'off'}, {args.workers} worker(s):"
            f" {counts['documents']} documents"
            f" ({failed} failed), {pages} pages, {counts['items']} items,"
            f" {counts['sections']} sections in {seconds:.1f} s"
        )
        print(
            f"  {counts['documents'] / seconds:.1f} documents/s, {pages / seconds:.1f} pages/s,"
            f" {counts['sections'] / seconds:.1f} sections/s,"
            f" {1000 * seconds / counts['documents']:.1f} ms/document; peak RSS {rss_mb():.0f} MB"
        )


if __name__ == "__main__":
    main()
