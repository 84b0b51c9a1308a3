"""How many hits nonsense queries get, per dense floor margin (indexer/search/floor.py).

Searches every query of tests/indexer/search/fixtures/nonsense.txt (none of whose words occurs
in the corpus) over the store `make eval-search` uses (the same cache) and prints, for each
margin, how many of them get any hit and how many hits they get in all (collapse=none, up to
200 a query). Pair it with `python -m indexer.evaluation.search --json` at the same
REFERAT_DENSE_FLOOR_MARGIN, whose hybrid nDCG@10 must not drop.

Usage:
    python -m indexer.evaluation.nonsense                      # margins -2 (off), 0, 0.05, 0.1
    python -m indexer.evaluation.nonsense --margins 0.05 --json
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from indexer.config import REPO_ROOT, load_settings
from indexer.evaluation.search_gold import DEV, corpus_paths
from indexer.evaluation.search_store import CACHE, evaluation_store
from indexer.pipeline import Pipeline
from indexer.search.hybrid import Searcher
from indexer.search.query import Filters
from indexer.store.db import Store

NONSENSE = REPO_ROOT / "tests" / "indexer" / "search" / "fixtures" / "nonsense.txt"


def nonsense_queries(path: Path = NONSENSE) -> list[str]:
    lines = (line.strip() for line in path.read_text(encoding="utf-8").splitlines())
    return [line for line in lines if line and not line.startswith("#")]


def count_hits(store: Store, pipeline: Pipeline, margin: float) -> dict[str, Any]:
    """Per query the number of hits at this margin, and the totals."""
    pipeline.settings.dense_floor_margin = margin
    searcher = Searcher(store, pipeline)
    totals = {
        query: searcher.search(query, Filters(), limit=200, collapse="none")["total"]
        for query in nonsense_queries()
    }
    return {
        "margin": margin,
        "queries": len(totals),
        "with hits": sum(1 for n in totals.values() if n),
        "hits": sum(totals.values()),
        "per query": {q: n for q, n in totals.items() if n},
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--margins", default="-2,0,0.05,0.1", help="comma-separated margins")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    margins = [float(m) for m in args.margins.split(",")]
    with evaluation_store(corpus_paths(DEV), load_settings(), CACHE) as (store, pipeline):
        rows = [count_hits(store, pipeline, m) for m in margins]
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    for row in rows:
        print(f"margin {row['margin']:+.2f}: {row['with hits']}/{row['queries']} nonsense queries"
              f" get hits, {row['hits']} hits in all {row['per query']}")


if __name__ == "__main__":
    main()
