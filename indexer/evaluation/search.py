"""`make eval-search`: relevance of search against graded judgments over real minutes.

The gold (tests/gold/search.jsonl, format in indexer/evaluation/search_gold.py) judges
queries over corpus/demo and the 210 real Copenhagen items of ../shared/dev. Each run
prints nDCG@10, MRR (first item graded 2+) and Recall@20 for four systems: plain BM25 (FTS5
over the raw words, no Danish analysis, the gold's explicit filters applied), lexical only
(Danish analysis + BM25), dense only (the embedding model) and hybrid (weighted RRF and the
decision boost), overall, on the paraphrases and per query kind; and for decision questions
how often the section shown first is the decision.

Usage:
    python -m indexer.evaluation.search                     # today's configured model
    python -m indexer.evaluation.search --model models/embed-da-new --json > new.json
    python -m indexer.evaluation.search --grid               # tune fusion on half, report the rest
    python -m indexer.evaluation.search --grid --grid-k 10,20,40 --grid-dense 0.4,0.8,1.2

--model PATH   the embedding model (a sentence-transformers folder); default the configured
               one (REFERAT_EMBEDDING_MODEL, else models/embed-da). The store is ingested
               with it, so its vectors and the query vectors come from the same model.
--grid         evaluates hybrid over a grid of the fusion parameters in indexer/search/fusion.py
               (RRF_K, LEXICAL_WEIGHT, DENSE_WEIGHT, DECISION_BOOST; values with --grid-k,
               --grid-lexical, --grid-dense, --grid-boost) on the "tune" half of the queries
               (a fixed split, stratified by kind, see search_grid.split), picks the best by
               tune nDCG@10 and reports it beside today's values on the held-out "test" half.
               It changes nothing: copy the winner into fusion.py by hand if it holds up.
--json         the same figures as one JSON object on stdout.
--cache DIR    where ingested stores are kept (default: $TMPDIR/referat-eval-search, keyed by a
               hash of corpus, pipeline source and models); --no-cache ingests into a temp dir.
--data DIR     search an existing data folder instead (it must hold the gold's corpus).
--dev PATH     the dev items (default ../shared/dev/kk-items-dev.jsonl).
--verbose      list the queries hybrid ranks worst (stderr).
"""

from __future__ import annotations

import argparse
import inspect
import json
import re
import sys
from collections.abc import Callable
from pathlib import Path
from statistics import mean
from typing import Any

from indexer.config import load_settings
from indexer.errors import ModelError
from indexer.evaluation import search_grid
from indexer.evaluation.metrics import ndcg_at_k, recall_at_k, reciprocal_rank
from indexer.evaluation.search_gold import (
    DEV,
    GOLD,
    GoldError,
    GoldQuery,
    corpus_paths,
    counts,
    load_gold,
    problems,
)
from indexer.evaluation.search_store import CACHE, build_plain_index, evaluation_store
from indexer.pipeline import Pipeline
from indexer.search import retrieval
from indexer.search.hybrid import DECISION_HEADINGS, Searcher
from indexer.store.db import Store

DEPTH = 20
Run = Callable[[GoldQuery], list[str]]


def plain_bm25(store: Store, query: GoldQuery) -> list[str]:
    """The baseline's item ranking: raw words OR-ed in FTS5, best section per item."""
    words = re.findall(r"\w+", query.query.lower())
    if not words:
        return []
    where, params = retrieval.filter_sql(query.search_filters())
    rows = store.db.execute(
        "SELECT sections.item_id, -bm25(plain_fts) FROM plain_fts"
        " JOIN sections ON sections.id = plain_fts.rowid"
        " JOIN items ON items.item_id = sections.item_id"
        " JOIN meetings ON meetings.id = items.meeting_id"
        " WHERE plain_fts MATCH ?" + (f" AND {where}" if where else "") + " ORDER BY 2 DESC",
        [" OR ".join(f'"{w}"' for w in words), *params],
    ).fetchall()
    return list(dict.fromkeys(r[0] for r in rows))[:DEPTH]


def search_hits(
    searcher: Searcher, query: GoldQuery, mode: str, limit: int
) -> list[dict[str, Any]]:
    """The hits of one search, one per agenda item (no collapsing of cases)."""
    options: dict[str, Any] = {"limit": limit, "mode": mode}
    if "collapse" in inspect.signature(searcher.search).parameters:
        options["collapse"] = "none"  # judgments are per item
    hits: list[dict[str, Any]] = searcher.search(query.query, query.search_filters(), **options)[
        "hits"
    ]
    return hits


def searcher_run(searcher: Searcher, mode: str) -> Run:
    def run(query: GoldQuery) -> list[str]:
        return [h["item_id"] for h in search_hits(searcher, query, mode, DEPTH)]

    return run


def score(rankings: list[list[str]], queries: list[GoldQuery]) -> dict[str, float]:
    pairs = list(zip(rankings, (q.relevant for q in queries), strict=True))
    if not pairs:
        return {"nDCG@10": 0.0, "MRR": 0.0, "Recall@20": 0.0, "queries": 0}
    return {
        "nDCG@10": round(mean(ndcg_at_k(r, g) for r, g in pairs), 4),
        "MRR": round(mean(reciprocal_rank(r, g) for r, g in pairs), 4),
        "Recall@20": round(mean(recall_at_k(r, g) for r, g in pairs), 4),
        "queries": len(pairs),
    }


def breakdown(rankings: list[list[str]], queries: list[GoldQuery]) -> dict[str, Any]:
    """Scores over all queries and per kind."""
    table = {"all": score(rankings, queries)}
    for kind in dict.fromkeys(q.kind for q in queries):
        chosen = [i for i, q in enumerate(queries) if q.kind == kind]
        table[kind] = score([rankings[i] for i in chosen], [queries[i] for i in chosen])
    return table


def evaluate(
    store: Store, pipeline: Pipeline, queries: list[GoldQuery], verbose: bool = False
) -> dict[str, Any]:
    """{runs: {run: {all|kind: scores}}, decision sections first: "n/m"}."""
    if (
        store.db.execute("SELECT name FROM sqlite_master WHERE name = 'plain_fts'").fetchone()
        is None
    ):
        build_plain_index(store)
    searcher = Searcher(store, pipeline)
    runs: dict[str, Run] = {"plain BM25": lambda q: plain_bm25(store, q)}
    runs.update({mode: searcher_run(searcher, mode) for mode in ("lexical", "dense", "hybrid")})
    table: dict[str, Any] = {}
    for name, run in runs.items():
        rankings = [run(q) for q in queries]
        table[name] = breakdown(rankings, queries)
        if verbose and name == "hybrid":
            show_misses(queries, rankings)
    return {"runs": table, "decision sections first": decision_first(searcher, queries)}


def decision_first(searcher: Searcher, queries: list[GoldQuery]) -> str:
    """How many decision questions show a decision section on their first hit."""
    asked = [q for q in queries if q.kind == "decision"]
    good = 0
    for q in asked:
        hits = search_hits(searcher, q, "hybrid", 1)
        good += bool(hits) and hits[0]["section"] in DECISION_HEADINGS
    return f"{good}/{len(asked)}"


def show_misses(queries: list[GoldQuery], rankings: list[list[str]]) -> None:
    scored = sorted(
        ((ndcg_at_k(r, q.relevant), q, r) for q, r in zip(queries, rankings, strict=True)),
        key=lambda row: row[0],
    )
    for value, q, r in scored:
        if value < 0.99:
            print(f"  nDCG {value:.2f} {q.kind:<10} {q.query!r}: got {r[:3]}", file=sys.stderr)


def print_table(result: dict[str, Any]) -> None:
    runs = result["runs"]
    kinds = [k for k in next(iter(runs.values())) if k != "all"]
    print(f"{'':<11} {'all':^20}   {'paraphrase':^20}   nDCG@10 per kind")
    print(
        f"{'run':<11}"
        + f" {'nDCG@10':>7} {'MRR':>5} {'R@20':>5}  " * 2
        + " "
        + "  ".join(f"{k}({runs['hybrid'][k]['queries']})" for k in kinds)
    )
    for name, row in runs.items():
        a, p = row["all"], row.get("paraphrase", score([], []))
        per_kind = "  ".join(f"{row[k]['nDCG@10']:>{len(k) + 4}.3f}" for k in kinds)
        print(
            f"{name:<11} {a['nDCG@10']:>7.3f} {a['MRR']:>5.3f} {a['Recall@20']:>5.3f}   "
            f"{p['nDCG@10']:>7.3f} {p['MRR']:>5.3f} {p['Recall@20']:>5.3f}   {per_kind}"
        )
    for key, value in result.items():
        if key not in ("runs", "grid", "model", "fingerprint", "gold"):
            print(f"{key}: {value}")


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--model", help="embedding model folder (default: the configured one)")
    parser.add_argument("--data", type=Path, help="an existing data folder holding the corpus")
    parser.add_argument("--dev", type=Path, default=DEV, help="the dev items (JSON lines)")
    parser.add_argument("--gold", type=Path, default=GOLD, help=argparse.SUPPRESS)
    parser.add_argument("--cache", type=Path, default=CACHE, help="folder for cached stores")
    parser.add_argument("--no-cache", action="store_true", help="ingest into a temp folder")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--verbose", action="store_true", help="list hybrid's worst queries")
    search_grid.add_arguments(parser)
    return parser.parse_args(argv)


def run_all(args: argparse.Namespace, store: Store, pipeline: Pipeline) -> dict[str, Any]:
    queries = load_gold(args.gold)
    wrong = problems(store, queries)
    if wrong:
        raise SystemExit("the gold does not fit the store:\n  " + "\n  ".join(wrong))
    result: dict[str, Any] = {
        "model": pipeline.embedder.name,
        "fingerprint": pipeline.embedder.fingerprint,
        "gold": counts(queries),
    }
    result.update(evaluate(store, pipeline, queries, verbose=args.verbose))
    if args.grid:
        hybrid = searcher_run(Searcher(store, pipeline), "hybrid")
        result["grid"] = search_grid.run_grid(args, hybrid, queries, score)
    return result


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    try:
        result = evaluate_args(args)
    except (ModelError, GoldError) as exc:
        raise SystemExit(f"eval-search: {exc}") from exc
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
        return
    print(
        f"model {result['model']} ({result['fingerprint']}); "
        f"gold {json.dumps(result['gold'], ensure_ascii=False)}"
    )
    print_table(result)
    if "grid" in result:
        search_grid.print_grid(result["grid"])


def evaluate_args(args: argparse.Namespace) -> dict[str, Any]:
    """The figures for parsed command-line arguments (the store from --data or the cache)."""
    settings = load_settings(embedding_model=args.model)
    if args.data is not None:
        pipeline = Pipeline(load_settings(data=args.data, embedding_model=args.model))
        with Store(args.data) as store:
            result = run_all(args, store, pipeline)
    else:
        try:
            paths = corpus_paths(args.dev)
        except FileNotFoundError as exc:
            raise SystemExit(str(exc)) from exc
        with evaluation_store(paths, settings, None if args.no_cache else args.cache) as (
            store,
            pipeline,
        ):
            result = run_all(args, store, pipeline)
    return result


if __name__ == "__main__":
    main()
