"""First-stage retrieval over sections: BM25 on analysed terms (FTS5) and dense (FAISS).

Both honour the filters exactly (`filter_sql` is the definition); the FTS facets column
(indexer.search.facets) narrows cheaply first.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from indexer.embedding.vectors import VectorIndex
from indexer.search.facets import facet_query
from indexer.search.query import Filters
from indexer.search.titles import passing_titles
from indexer.store.db import Store

DEPTH = 200  # candidates taken from each retriever before fusion
OVERFETCH = 5  # filtered dense search looks this many times deeper, then filters


def filter_sql(filters: Filters) -> tuple[str, list[str]]:
    """A WHERE fragment over `meetings` for the filters, and its parameters."""
    where, params = [], []
    if filters.committee:
        where.append("meetings.committee = ? COLLATE NOCASE")
        params.append(filters.committee)
    if filters.municipality:
        where.append("meetings.municipality = ? COLLATE NOCASE")
        params.append(filters.municipality)
    if filters.date_from:
        where.append("meetings.date >= ?")
        params.append(filters.date_from)
    if filters.date_to:
        where.append("meetings.date <= ?")
        params.append(filters.date_to)
    return " AND ".join(where), params


def fts_expression(terms: list[str], operator: str = "OR") -> str:
    """An FTS5 MATCH expression joining the quoted terms with AND or OR."""
    unique = dict.fromkeys(t.replace('"', '""') for t in terms if t.strip())
    return f" {operator} ".join(f'"{t}"' for t in unique)


def facet_scope(store: Store, filters: Filters) -> str | None:
    """The FTS5 facets expression for the filters ("" none, None when nothing can pass)."""
    if not filter_sql(filters)[0]:
        return ""
    return facet_query(filters, year_span(store) if filters.date_from or filters.date_to else None)


def year_span(store: Store) -> tuple[int, int] | None:
    """The first and last meeting year in the store (one index lookup each), None if undated."""
    first, last = store.db.execute(
        "SELECT (SELECT min(date) FROM meetings), (SELECT max(date) FROM meetings)"
    ).fetchone()
    if first is None:
        return None
    try:
        return int(first[:4]), int(last[:4])
    except ValueError:  # not YYYY-MM-DD: leave the period to the exact check
        return 0, 9999


def lexical(
    store: Store, terms: list[str], filters: Filters, depth: int = DEPTH
) -> list[tuple[int, float]]:
    """(section_id, bm25) best first: sections with every term, then those with any.

    Asking for all terms first ranks by coordination and is far cheaper than a bare OR over
    common words; the OR pass only fills the rest of the depth. Filters narrow inside FTS5
    by the facets column (posting lists intersected, no join); the hits are then checked
    exactly against the filters.
    """
    scope = facet_scope(store, filters)
    if scope is None:
        return []
    found = _match(store, fts_expression(terms, "AND"), scope, filters, depth)
    if len(found) < depth and len(set(terms)) > 1:
        seen = {s for s, _ in found}
        more = _match(store, fts_expression(terms, "OR"), scope, filters, depth)
        found += [(s, score) for s, score in more if s not in seen][: depth - len(found)]
    return found


def _match(
    store: Store, expression: str, scope: str, filters: Filters, depth: int
) -> list[tuple[int, float]]:
    if not expression:
        return []
    match = f"terms : ({expression})" + (f" AND {scope}" if scope else "")

    def ranked(limit: int) -> list[tuple[int, float]]:
        rows = store.db.execute(
            "SELECT rowid, -bm25(sections_fts, 1.0, 0.0) AS score FROM sections_fts"
            " WHERE sections_fts MATCH ? ORDER BY score DESC LIMIT ?",
            (match, limit),
        ).fetchall()
        return [(int(r[0]), float(r[1])) for r in rows]

    return _exactly(store, ranked, filters, depth)


def _exactly(
    store: Store, ranked: Callable[[int], list[tuple[int, float]]], filters: Filters, depth: int
) -> list[tuple[int, float]]:
    """The first `depth` of ranked(limit) that pass the filters exactly, asking deeper if short.

    The facets pass a superset (whole years, folded names); usually nothing is dropped.
    """
    limit = depth
    while True:
        found = ranked(limit)
        if not filter_sql(filters)[0]:
            return found
        kept = passing(store, [s for s, _ in found], filters)
        hits = [(s, score) for s, score in found if s in kept]
        if len(hits) >= depth or len(found) < limit:
            return hits[:depth]
        limit *= 4


def dense(
    store: Store, vindex: VectorIndex, vector: np.ndarray, filters: Filters, depth: int = DEPTH
) -> list[tuple[int, float]]:
    """(section_id, cosine) best first, within the filters.

    With filters, the nearest `OVERFETCH x depth` sections are taken and filtered in SQL
    (cost grows with depth, not with the archive); only a selective filter that leaves too
    few of them falls back to searching among the sections its facets allow (read from the
    FTS index), checked exactly.
    """
    if not filter_sql(filters)[0]:
        return vindex.search(vector, depth)
    candidates = vindex.search(vector, depth * OVERFETCH)
    kept = passing(store, [s for s, _ in candidates], filters)
    hits = [(s, score) for s, score in candidates if s in kept]
    if len(hits) >= depth // 2 or len(candidates) < depth * OVERFETCH:
        return hits[:depth]
    allowed = allowed_sections(store, filters)
    return _exactly(store, lambda k: vindex.search(vector, k, allowed), filters, depth)


def allowed_sections(store: Store, filters: Filters) -> np.ndarray:
    """Section ids whose facets match the filters: a superset of those that pass them."""
    scope = facet_scope(store, filters)
    if scope is None:
        return np.array([], dtype=np.int64)
    if scope:
        sql, params = "SELECT rowid FROM sections_fts WHERE sections_fts MATCH ?", [scope]
    else:
        where, params = filter_sql(filters)
        sql = (
            "SELECT sections.id FROM sections JOIN items ON items.item_id = sections.item_id"
            f" JOIN meetings ON meetings.id = items.meeting_id WHERE {where}"
        )
    return np.array([r[0] for r in store.db.execute(sql, params)], dtype=np.int64)


def passing(store: Store, section_ids: list[int], filters: Filters) -> set[int]:
    """The given sections (and title rows, indexer.search.titles) that pass the filters."""
    where, params = filter_sql(filters)
    kept = passing_titles(store, section_ids, filters)
    for chunk in range(0, len(section_ids), 900):
        part = section_ids[chunk : chunk + 900]
        rows = store.db.execute(
            "SELECT sections.id FROM sections JOIN items ON items.item_id = sections.item_id"
            " JOIN meetings ON meetings.id = items.meeting_id"
            f" WHERE sections.id IN ({','.join('?' * len(part))}) AND {where}",
            [*part, *params],
        )
        kept.update(int(r[0]) for r in rows)
    return kept
