"""First-stage retrieval over sections: BM25 on analysed terms (FTS5) and dense (FAISS)."""

from __future__ import annotations

import numpy as np

from indexer.query import Filters
from indexer.store import Store
from indexer.vectors import VectorIndex

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


def allowed_sections(store: Store, filters: Filters) -> np.ndarray | None:
    """Section ids that pass the filters, or None when there are no filters."""
    where, params = filter_sql(filters)
    if not where:
        return None
    rows = store.db.execute(
        "SELECT sections.id FROM sections JOIN items ON items.item_id = sections.item_id"
        f" JOIN meetings ON meetings.id = items.meeting_id WHERE {where}",
        params,
    ).fetchall()
    return np.array([r[0] for r in rows], dtype=np.int64)


def fts_expression(terms: list[str], operator: str = "OR") -> str:
    """An FTS5 MATCH expression joining the quoted terms with AND or OR."""
    unique = dict.fromkeys(t.replace('"', '""') for t in terms if t.strip())
    return f" {operator} ".join(f'"{t}"' for t in unique)


def lexical(
    store: Store,
    terms: list[str],
    filters: Filters,
    depth: int = DEPTH,
    table: str = "sections_fts",
) -> list[tuple[int, float]]:
    """(section_id, bm25) best first: sections with every term, then those with any.

    Asking for all terms first ranks by coordination and is far cheaper than a bare OR over
    common words; the OR pass only fills the rest of the depth.
    """
    found = _match(store, fts_expression(terms, "AND"), filters, depth, table)
    if len(found) < depth and len(set(terms)) > 1:
        seen = {s for s, _ in found}
        more = _match(store, fts_expression(terms, "OR"), filters, depth, table)
        found += [(s, score) for s, score in more if s not in seen][: depth - len(found)]
    return found


def _match(
    store: Store, expression: str, filters: Filters, depth: int, table: str
) -> list[tuple[int, float]]:
    if not expression:
        return []
    where, params = filter_sql(filters)
    sql = (
        f"SELECT {table}.rowid, -bm25({table}) AS score FROM {table}"
        + (
            f" JOIN sections ON sections.id = {table}.rowid"
            " JOIN items ON items.item_id = sections.item_id"
            f" JOIN meetings ON meetings.id = items.meeting_id WHERE {table} MATCH ? AND {where}"
            if where
            else f" WHERE {table} MATCH ?"
        )
        + " ORDER BY score DESC LIMIT ?"
    )
    rows = store.db.execute(sql, [expression, *params, depth]).fetchall()
    return [(int(r[0]), float(r[1])) for r in rows]


def dense(
    store: Store, vindex: VectorIndex, vector: np.ndarray, filters: Filters, depth: int = DEPTH
) -> list[tuple[int, float]]:
    """(section_id, cosine) best first, within the filters.

    With filters, the nearest `OVERFETCH x depth` sections are taken and filtered in SQL
    (cost grows with depth, not with the archive); only a selective filter that leaves too
    few of them falls back to searching among the allowed ids alone.
    """
    if not filter_sql(filters)[0]:
        return vindex.search(vector, depth)
    candidates = vindex.search(vector, depth * OVERFETCH)
    kept = passing(store, [s for s, _ in candidates], filters)
    hits = [(s, score) for s, score in candidates if s in kept]
    if len(hits) >= depth // 2 or len(candidates) < depth * OVERFETCH:
        return hits[:depth]
    return vindex.search(vector, depth, allowed_sections(store, filters))


def passing(store: Store, section_ids: list[int], filters: Filters) -> set[int]:
    """The given sections that pass the filters."""
    where, params = filter_sql(filters)
    kept: set[int] = set()
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
