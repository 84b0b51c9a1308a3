"""`make eval-search --grid`: the fusion parameters tuned on half the gold, judged on the rest.

The parameters are the module constants of indexer/search/fusion.py that hybrid search reads
at query time: RRF_K, LEXICAL_WEIGHT, DENSE_WEIGHT and DECISION_BOOST. Each grid point sets
them for the duration of its searches (restored afterwards) and scores hybrid on the tune
half; the best point (nDCG@10, ties by MRR) and today's values are then scored on the
held-out test half, overall and on its paraphrases. Only the ratio of the two weights
matters to weighted RRF, so the lexical weight defaults to a single value.

The split is fixed and stratified: within each query kind, queries are ordered by a hash of
their text and filters and dealt alternately to tune and test, so adding queries moves few.
First-stage retrieval (BM25 and FAISS candidates) does not depend on the parameters and is
memoised during the grid, so a point costs only fusion, grouping and hit rendering.
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import wraps
from typing import Any

from indexer.evaluation.search_gold import GoldQuery
from indexer.search import fusion, retrieval

PARAMS = {
    "RRF_K": ("--grid-k", "10,20,40,60"),
    "LEXICAL_WEIGHT": ("--grid-lexical", "1.0"),
    "DENSE_WEIGHT": ("--grid-dense", "0.3,0.6,0.8,1.0,1.3"),
    "DECISION_BOOST": ("--grid-boost", "1.0,1.5,2.0"),
}
TOP = 5
Rank = Callable[[GoldQuery], list[str]]
Score = Callable[[list[list[str]], list[GoldQuery]], dict[str, float]]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--grid", action="store_true", help="tune fusion on half, test on half")
    for name, (flag, default) in PARAMS.items():
        parser.add_argument(flag, default=default, help=f"{name} values, comma-separated")


def grid_values(args: argparse.Namespace) -> dict[str, list[float]]:
    values = {}
    for name, (flag, _) in PARAMS.items():
        raw = getattr(args, flag.lstrip("-").replace("-", "_"))
        try:
            values[name] = [float(v) for v in raw.split(",") if v.strip()]
        except ValueError as exc:
            raise SystemExit(f"{flag} {raw!r}: give numbers separated by commas") from exc
        if not values[name]:
            raise SystemExit(f"{flag}: give at least one value")
    return values


def split(queries: list[GoldQuery]) -> tuple[list[GoldQuery], list[GoldQuery]]:
    """(tune, test): each kind's queries by hash, dealt alternately."""
    tune: list[GoldQuery] = []
    test: list[GoldQuery] = []
    for kind in dict.fromkeys(q.kind for q in queries):
        ordered = sorted((q for q in queries if q.kind == kind), key=_stable_hash)
        for i, q in enumerate(ordered):
            (tune if i % 2 == 0 else test).append(q)
    return tune, test


def _stable_hash(query: GoldQuery) -> str:
    key = query.query + json.dumps(query.filters, sort_keys=True)
    return hashlib.sha1(key.encode()).hexdigest()


def current() -> dict[str, float]:
    """Today's fusion parameters."""
    missing = [name for name in PARAMS if not hasattr(fusion, name)]
    if missing:
        raise SystemExit(
            f"indexer/search/fusion.py has no {', '.join(missing)} any more; "
            "update PARAMS in indexer/evaluation/search_grid.py"
        )
    return {name: float(getattr(fusion, name)) for name in PARAMS}


@contextmanager
def fusion_params(values: dict[str, float]) -> Iterator[None]:
    saved = current()
    try:
        for name, value in values.items():
            setattr(fusion, name, int(value) if name == "RRF_K" else value)
        yield
    finally:
        for name, value in saved.items():
            setattr(fusion, name, int(value) if name == "RRF_K" else value)


@contextmanager
def memoised_retrieval() -> Iterator[None]:
    """Cache first-stage candidates by (terms or vector, filters, depth) while active."""
    lexical, dense = retrieval.lexical, retrieval.dense
    seen: dict[Any, Any] = {}

    @wraps(lexical)
    def cached_lexical(store: Any, terms: list[str], filters: Any, *rest: Any) -> Any:
        key = ("lexical", id(store), tuple(terms), filters, rest)
        if key not in seen:
            seen[key] = lexical(store, terms, filters, *rest)
        return seen[key]

    @wraps(dense)
    def cached_dense(store: Any, vindex: Any, vector: Any, filters: Any, *rest: Any) -> Any:
        key = ("dense", id(store), id(vindex), vector.tobytes(), filters, rest)
        if key not in seen:
            seen[key] = dense(store, vindex, vector, filters, *rest)
        return seen[key]

    retrieval.lexical, retrieval.dense = cached_lexical, cached_dense  # type: ignore[assignment]
    try:
        yield
    finally:
        retrieval.lexical, retrieval.dense = lexical, dense  # type: ignore[assignment]


def _scores(rank: Rank, score: Score, queries: list[GoldQuery]) -> dict[str, Any]:
    rankings = [rank(q) for q in queries]
    para = [i for i, q in enumerate(queries) if q.kind == "paraphrase"]
    return {
        "all": score(rankings, queries),
        "paraphrase": score([rankings[i] for i in para], [queries[i] for i in para]),
    }


def run_grid(
    args: argparse.Namespace, rank: Rank, queries: list[GoldQuery], score: Score
) -> dict[str, Any]:
    """Every grid point on the tune half; today's values and the best point on both halves."""
    values = grid_values(args)
    tune, test = split(queries)
    today = current()
    points: list[dict[str, Any]] = []
    with memoised_retrieval():
        for combo in itertools.product(*values.values()):
            params = dict(zip(values, combo, strict=True))
            with fusion_params(params):
                tuned = score([rank(q) for q in tune], tune)
            points.append({"params": params, "tune": tuned})
        points.sort(key=lambda p: (-p["tune"]["nDCG@10"], -p["tune"]["MRR"]))
        report = {}
        for label, params in (("today", today), ("best", points[0]["params"])):
            with fusion_params(params):
                report[label] = {
                    "params": params,
                    "tune": _scores(rank, score, tune),
                    "test": _scores(rank, score, test),
                }
    return {
        "split": {"tune": len(tune), "test": len(test)},
        "points": len(points),
        **report,
        "top": points[:TOP],
    }


def print_grid(grid: dict[str, Any]) -> None:
    split_ = grid["split"]
    print(
        f"\nfusion grid: {grid['points']} points, tuned on {split_['tune']} queries, "
        f"tested on {split_['test']} held out (hybrid nDCG@10 / MRR / R@20)"
    )
    for label in ("today", "best"):
        row = grid[label]
        params = ", ".join(f"{k}={v:g}" for k, v in row["params"].items())
        for half in ("tune", "test"):
            a, p = row[half]["all"], row[half]["paraphrase"]
            print(
                f"  {label:<5} {half:<4} all {a['nDCG@10']:.3f} / {a['MRR']:.3f} / "
                f"{a['Recall@20']:.3f}   paraphrase {p['nDCG@10']:.3f} / {p['MRR']:.3f} / "
                f"{p['Recall@20']:.3f}   [{params}]"
            )
    print("  top points on tune:")
    for point in grid["top"]:
        params = ", ".join(f"{k}={v:g}" for k, v in point["params"].items())
        print(
            f"    nDCG@10 {point['tune']['nDCG@10']:.3f}  MRR {point['tune']['MRR']:.3f}  {params}"
        )
