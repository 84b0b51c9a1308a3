"""The search gold (tests/gold/search.jsonl), its corpus, and the checks that keep it honest.

A gold line is one query:

    {"query": "ghettoer", "kind": "paraphrase", "filters": {"committee": "..."},
     "relevant": {"kk-2026-10-07-socialudvalget-9": 3, "kk-2026-06-16-oekonomiudvalget-17": 1}}

- `relevant` maps store item ids to grades: 3 answers the query, 2 very relevant, 1 related;
  every item not listed counts 0. Ids are the store's stable item ids: for the Copenhagen
  JSON items the slugified source "id" (`slugify("kk-2026-10-08-borgerrepræsentationen-6")`
  = "kk-2026-10-08-borgerrepraesentationen-6"), for the text minutes
  municipality-committee-date-number ("frederiksberg-socialudvalget-2020-02-03-10").
- `kind`: keyword, paraphrase (shares no content term, after Danish lemmatising and
  compound splitting, with any of its grade-3 items: title, headings and text), partial (a
  paraphrase that shares a lemma or compound part), decision, filtered (explicit `filters`
  or a committee/period named in the query) and case (case numbers and other references).
- `filters` (optional): committee, municipality, date_from, date_to as in the search API.

The corpus is corpus/demo plus the 210 real Copenhagen items of ../shared/dev.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from indexer.analysis.terms import analyse
from indexer.config import REPO_ROOT
from indexer.errors import InvalidInput
from indexer.search.query import Filters
from indexer.store.db import Store

GOLD = REPO_ROOT / "tests" / "gold" / "search.jsonl"
DEMO = REPO_ROOT / "corpus" / "demo"
DEV = REPO_ROOT.parent / "shared" / "dev" / "kk-items-dev.jsonl"
KINDS = ("keyword", "paraphrase", "partial", "decision", "filtered", "case")


@dataclass(frozen=True)
class GoldQuery:
    query: str
    kind: str
    relevant: dict[str, int]
    filters: dict[str, str] = field(default_factory=dict)

    def search_filters(self) -> Filters:
        return Filters(**self.filters)

    def to_json(self) -> dict[str, Any]:
        return {"query": self.query, "kind": self.kind, "filters": self.filters}


class GoldError(ValueError):
    """The gold file is malformed; the message names the line and what to fix."""


def load_gold(path: Path = GOLD) -> list[GoldQuery]:
    """The judged queries of a gold file, in file order."""
    queries = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            query = GoldQuery(
                query=str(row["query"]),
                kind=str(row["kind"]),
                relevant={str(k): int(v) for k, v in row["relevant"].items()},
                filters={str(k): str(v) for k, v in row.get("filters", {}).items()},
            )
        except (json.JSONDecodeError, KeyError, AttributeError, TypeError, ValueError) as exc:
            raise GoldError(
                f"{path}:{number}: {exc!r}; each line needs query, kind and relevant {{id: grade}}"
            ) from exc
        queries.append(query)
    return queries


def corpus_paths(dev: Path = DEV) -> list[Path]:
    """The files the gold was judged over: the demo corpus and the dev items."""
    if not dev.is_file():
        raise FileNotFoundError(
            f"the dev items {dev} are missing; pass --dev PATH to kk-items-dev.jsonl"
        )
    return [*sorted(p for p in DEMO.iterdir() if p.is_file()), dev]


def item_text(store: Store, item_id: str) -> str:
    """What the lexical index sees of an item: its title, headings and section texts."""
    title = store.db.execute("SELECT title FROM items WHERE item_id = ?", (item_id,)).fetchone()
    rows = store.db.execute(
        "SELECT heading, text FROM sections WHERE item_id = ? ORDER BY position", (item_id,)
    ).fetchall()
    return " ".join([str(title[0]) if title else "", *(f"{r[0]} {r[1]}" for r in rows)])


def shared_terms(store: Store, query: GoldQuery) -> set[str]:
    """The content terms the query shares with any of its grade-3 items."""
    terms = set(analyse(query.query))
    shared: set[str] = set()
    for item_id, grade in query.relevant.items():
        if grade == 3:
            shared |= terms.intersection(analyse(item_text(store, item_id)))
    return shared


def problems(store: Store, queries: Iterable[GoldQuery]) -> list[str]:
    """Everything wrong with the gold against a store holding its corpus (empty: all good)."""
    known = {str(r[0]) for r in store.db.execute("SELECT item_id FROM items")}
    found: list[str] = []
    seen: set[tuple[str, str]] = set()
    for q in queries:
        label = f"{q.query!r} ({q.kind})"
        key = (q.query, json.dumps(q.filters, sort_keys=True))
        if key in seen:
            found.append(f"{label}: the same query and filters are judged twice")
        seen.add(key)
        if q.kind not in KINDS:
            found.append(f"{label}: unknown kind; use one of {', '.join(KINDS)}")
        if 3 not in q.relevant.values():
            found.append(f"{label}: no grade-3 item (one that answers it)")
        if any(g not in (1, 2, 3) for g in q.relevant.values()):
            found.append(f"{label}: grades must be 1, 2 or 3")
        missing = sorted(set(q.relevant) - known)
        if missing:
            found.append(f"{label}: judged ids not in the store: {', '.join(missing)}")
        try:
            q.search_filters()
        except (TypeError, InvalidInput) as exc:
            found.append(f"{label}: bad filters {q.filters}: {exc}")
        if q.kind == "paraphrase" and not missing and (shared := shared_terms(store, q)):
            found.append(f"{label}: shares {sorted(shared)} with its grade-3 items")
    return found


def counts(queries: list[GoldQuery]) -> dict[str, Any]:
    """Queries, judged items, judgments and queries per kind."""
    per_kind = {k: sum(1 for q in queries if q.kind == k) for k in KINDS}
    return {
        "queries": len(queries),
        "judged items": len({i for q in queries for i in q.relevant}),
        "judgments": sum(len(q.relevant) for q in queries),
        "per kind": {k: n for k, n in per_kind.items() if n},
    }
