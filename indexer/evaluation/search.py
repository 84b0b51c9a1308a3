"""`make eval-search`: relevance of search on the demo corpus against graded judgments.

Prints nDCG@10, MRR and Recall@20 for a plain BM25 baseline (raw words, no Danish
analysis), lexical only (Danish analysis + BM25), dense only and hybrid; per query kind;
and, for decision questions, whether the section shown first is the decision.

Usage: python -m indexer.evaluation.search [--data DIR] [--verbose]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from statistics import mean
from typing import Any

from indexer.config import REPO_ROOT, load_settings
from indexer.evaluation.metrics import ndcg_at_k, recall_at_k, reciprocal_rank
from indexer.ingest import expand, ingest_paths
from indexer.pipeline import Pipeline
from indexer.search.hybrid import Searcher
from indexer.search.query import Filters
from indexer.store.db import Store

GOLD = REPO_ROOT / "tests" / "gold" / "search.jsonl"
DEMO = REPO_ROOT / "corpus" / "demo"
DEPTH = 20


def load_gold(path: Path = GOLD) -> tuple[dict[str, str], list[dict[str, Any]]]:
    lines = [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
    return lines[0]["aliases"], lines[1:]


def resolve_aliases(store: Store, aliases: dict[str, str]) -> dict[str, str]:
    """alias -> item_id, by the title each alias names (ids may change; titles do not)."""
    resolved = {}
    for alias, title in aliases.items():
        row = store.db.execute(
            "SELECT item_id FROM items WHERE title LIKE ? || '%'", (title,)
        ).fetchone()
        if row is None:
            raise SystemExit(f"gold alias {alias}: no item titled {title!r}; ingest {DEMO}")
        resolved[alias] = row[0]
    return resolved


def build_plain_index(store: Store) -> None:
    """The baseline: FTS5 over raw title + heading + text, unicode61, no Danish analysis."""
    store.db.execute("DROP TABLE IF EXISTS plain_fts")
    store.db.execute("CREATE VIRTUAL TABLE plain_fts USING fts5(body, tokenize='unicode61')")
    store.db.execute(
        "INSERT INTO plain_fts (rowid, body) SELECT sections.id,"
        " items.title || ' ' || sections.heading || ' ' || sections.text"
        " FROM sections JOIN items ON items.item_id = sections.item_id"
    )


def plain_bm25(store: Store, query: str) -> list[str]:
    words = [w for w in re.findall(r"\w+", query.lower())]
    if not words:
        return []
    expression = " OR ".join(f'"{w}"' for w in words)
    rows = store.db.execute(
        "SELECT sections.item_id, -bm25(plain_fts) FROM plain_fts"
        " JOIN sections ON sections.id = plain_fts.rowid WHERE plain_fts MATCH ?"
        " ORDER BY 2 DESC",
        (expression,),
    ).fetchall()
    best = dict.fromkeys(r[0] for r in rows)  # first occurrence = the item's best section
    return list(best)[:DEPTH]


def score(rankings: list[list[str]], judged: list[dict[str, int]]) -> dict[str, float]:
    return {
        "nDCG@10": mean(ndcg_at_k(r, g) for r, g in zip(rankings, judged, strict=True)),
        "MRR": mean(reciprocal_rank(r, g) for r, g in zip(rankings, judged, strict=True)),
        "Recall@20": mean(recall_at_k(r, g) for r, g in zip(rankings, judged, strict=True)),
    }


def evaluate(store: Store, pipeline: Pipeline, verbose: bool = False) -> dict[str, Any]:
    aliases, queries = load_gold()
    ids = resolve_aliases(store, aliases)
    judged = [{ids[a]: g for a, g in q["relevant"].items()} for q in queries]
    build_plain_index(store)
    searcher = Searcher(store, pipeline)
    runs: dict[str, Callable[[str], list[str]]] = {
        "plain BM25": lambda q: plain_bm25(store, q),
        **{mode: _searcher_run(searcher, mode) for mode in ("lexical", "dense", "hybrid")},
    }
    table: dict[str, Any] = {}
    for name, run in runs.items():
        rankings = [run(q["query"]) for q in queries]
        table[name] = {"all": score(rankings, judged)}
        for kind in sorted({q["kind"] for q in queries}):
            chosen = [i for i, q in enumerate(queries) if q["kind"] == kind]
            table[name][kind] = score([rankings[i] for i in chosen], [judged[i] for i in chosen])
        if verbose and name == "hybrid":
            _show_misses(queries, rankings, judged)
    table["decision sections first"] = _decision_first(searcher, queries)
    table["paraphrase queries sharing no word"] = _no_shared_words(store, queries, ids)
    return table


def _searcher_run(searcher: Searcher, mode: str) -> Callable[[str], list[str]]:
    def run(query: str) -> list[str]:
        hits = searcher.search(query, Filters(), limit=DEPTH, mode=mode)["hits"]  # type: ignore[arg-type]
        return [h["item_id"] for h in hits]

    return run


def _decision_first(searcher: Searcher, queries: list[dict[str, Any]]) -> str:
    asked = [q for q in queries if q["kind"] == "decision"]
    good = sum(
        1
        for q in asked
        if (hits := searcher.search(q["query"], Filters(), limit=1)["hits"])
        and hits[0]["section"] == "Beslutning"
    )
    return f"{good}/{len(asked)}"


def _no_shared_words(store: Store, queries: list[dict[str, Any]], ids: dict[str, str]) -> str:
    """How many paraphrase queries share no word (as written) with their relevant items."""
    para = [q for q in queries if q["kind"] == "paraphrase"]
    clean = 0
    for q in para:
        words = {w for w in re.findall(r"\w+", q["query"].lower()) if len(w) > 3}
        text = " ".join(
            r[0].lower()
            for a in q["relevant"]
            for r in store.db.execute(
                "SELECT title || ' ' || group_concat(text, ' ') FROM sections"
                " JOIN items USING (item_id) WHERE item_id = ?",
                (ids[a],),
            )
        )
        if not words.intersection(re.findall(r"\w+", text)):
            clean += 1
    return f"{clean}/{len(para)} paraphrase queries, of {len(queries)} in all"


def _show_misses(
    queries: list[dict[str, Any]], rankings: list[list[str]], judged: list[dict[str, int]]
) -> None:
    for q, r, g in zip(queries, rankings, judged, strict=True):
        value = ndcg_at_k(r, g)
        if value < 0.99:
            print(f"  nDCG {value:.2f}  {q['query']!r}: got {r[:3]}", file=sys.stderr)


def print_table(table: dict[str, Any]) -> None:
    kinds = [k for k in next(iter(table.values())) if k != "all"]
    print(
        f"{'run':<12} {'nDCG@10':>8} {'MRR':>6} {'R@20':>6}   "
        + "  ".join(f"{k} nDCG" for k in kinds)
    )
    for name, row in table.items():
        if not isinstance(row, dict):
            continue
        a = row["all"]
        per_kind = "  ".join(f"{row[k]['nDCG@10']:>{len(k) + 5}.3f}" for k in kinds)
        print(
            f"{name:<12} {a['nDCG@10']:>8.3f} {a['MRR']:>6.3f} {a['Recall@20']:>6.3f}   {per_kind}"
        )
    for name, row in table.items():
        if not isinstance(row, dict):
            print(f"{name}: {row}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, help="an existing data folder with the demo corpus")
    parser.add_argument("--verbose", action="store_true", help="show queries hybrid misses")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        data = args.data or Path(tmp)
        settings = load_settings(data=data)
        pipeline = Pipeline(settings)
        with Store(data) as store:
            if args.data is None:
                ingest_paths(store, expand([DEMO]), pipeline)
            print_table(evaluate(store, pipeline, verbose=args.verbose))


if __name__ == "__main__":
    main()
