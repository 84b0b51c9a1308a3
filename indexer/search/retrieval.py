"""First-stage retrieval over sections: BM25 on analysed terms (FTS5) and dense (FAISS).

Both honour the filters exactly (`filter_sql` is the definition); the FTS facets column
(indexer.search.facets) narrows cheaply first. The lexical half's cost is bounded whatever
the words (`lexical`: only the rarest terms go to FTS5, which scores BUDGET rows at most).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from indexer.embedding.vectors import VectorIndex
from indexer.search.bm25 import term_stats
from indexer.search.facets import facet_query
from indexer.search.query import Filters
from indexer.search.titles import passing_titles
from indexer.shards.stats import TermStats, score_sections
from indexer.store.db import Store

DEPTH = 200  # candidates taken from each retriever before fusion
POSTINGS = 300_000  # FTS5's bm25() counts each phrase's rows: the query's rarest, this many
BUDGET = 10_000  # rows FTS5's bm25() scores in one pass at most (the newest)
WINDOW = 1_000  # when every term is in half the rows: the newest matches, scored here
RESCORE = 2  # a pass's best RESCORE x depth get the common terms' share
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
    """(section_id, bm25) best first: sections with every rare term, then those with any.

    Asking for all terms first ranks by coordination and is far cheaper than a bare OR; the
    OR pass only fills the rest of the depth. Filters narrow inside FTS5 by the facets
    column (posting lists intersected, no join); the hits are then checked exactly.

    The cost does not grow with how common the words are (Lucene's common-terms query):
    FTS5's bm25() counts every row holding each phrase and scores every row matched, so
    only the rarest terms (`split_terms`) go to FTS5; the others add their BM25 share to
    the best candidates (`indexer.search.bm25`, the same formula and statistics). A pass
    matching more than BUDGET rows scores the BUDGET newest of them.
    """
    scope = facet_scope(store, filters)
    phrases = list(dict.fromkeys(t for t in terms if t.strip()))
    if scope is None or not phrases:
        return []
    stats = term_stats(store, phrases)
    rare, common = split_terms(phrases, stats)
    if not rare:
        return _common(store, phrases, stats, scope, filters, depth)
    found = _tier(store, rare, common, stats, "AND", scope, filters, depth)
    if len(found) < depth and len(rare) > 1:
        seen = {s for s, _ in found}
        more = _tier(store, rare, common, stats, "OR", scope, filters, depth)
        found += [(s, score) for s, score in more if s not in seen][: depth - len(found)]
    return found


def informative(phrases: list[str], stats: TermStats) -> list[str]:
    """The phrases in fewer than half the rows, or all when none is: one in half the rows or
    more has FTS5's floor idf (1e-6), so leaving it out of the match and the score changes
    no ranking while a rarer phrase remains (a sharded archive drops the same ones)."""
    return [p for p in phrases if 2 * stats.hits.get(p, 0) < stats.rows] or phrases


def split_terms(phrases: list[str], stats: TermStats) -> tuple[list[str], list[str]]:
    """(rare, common): the rarest phrases whose rows add up to at most POSTINGS (the rarest
    always) drive the match; the other informative ones only add to the score. A phrase
    in at least half the rows has FTS5's floor idf (1e-6): it is left out of both while a
    rarer one remains. No rare phrase: every phrase is in half the rows or more."""
    ordered = sorted(informative(phrases, stats), key=lambda p: stats.hits[p])
    if 2 * stats.hits[ordered[0]] >= stats.rows:
        return [], []
    rare: list[str] = []
    total = 0
    for phrase in ordered:
        total += stats.hits[phrase]
        if rare and total > POSTINGS:
            break
        rare.append(phrase)
    return rare, [p for p in ordered if p not in rare]


def _tier(
    store: Store,
    rare: list[str],
    common: list[str],
    stats: TermStats,
    operator: str,
    scope: str,
    filters: Filters,
    depth: int,
) -> list[tuple[int, float]]:
    """One pass over the rare terms, its best RESCORE x depth given the common terms' share."""
    wide = depth * RESCORE if common else depth
    found = _match(store, fts_expression(rare, operator), scope, filters, wide, BUDGET)
    if not common:
        return found
    extra = score_sections(store, [s for s, _ in found], common, stats)
    rescored = [(s, score + extra.get(s, 0.0)) for s, score in found]
    return sorted(rescored, key=lambda pair: -pair[1])[:depth]


def _common(
    store: Store, phrases: list[str], stats: TermStats, scope: str, filters: Filters, depth: int
) -> list[tuple[int, float]]:
    """Every term common: the WINDOW newest sections with all of them, scored here, then
    (if short) the newest with any."""
    found: list[tuple[int, float]] = []
    for operator in ("AND", "OR") if len(phrases) > 1 else ("AND",):
        match = _expression(fts_expression(phrases, operator), scope)
        ranked = _newest(store, match, {s for s, _ in found}, phrases, stats)
        found += _exactly(store, ranked, filters, depth - len(found))
        if len(found) >= depth:
            break
    return found


def _newest(
    store: Store, match: str, seen: set[int], phrases: list[str], stats: TermStats
) -> Callable[[int], list[tuple[int, float]]]:
    """ranked(limit): the best `limit` of the newest max(limit, WINDOW) matches not seen."""

    def ranked(limit: int) -> list[tuple[int, float]]:
        rows = store.db.execute(
            "SELECT rowid FROM sections_fts WHERE sections_fts MATCH ?"
            " ORDER BY rowid DESC LIMIT ?",
            (match, max(limit, WINDOW) + len(seen)),
        )
        ids = [int(r[0]) for r in rows if int(r[0]) not in seen]
        scores = score_sections(store, ids, phrases, stats)
        return sorted(scores.items(), key=lambda pair: (-pair[1], pair[0]))[:limit]  # as FTS5

    return ranked


def _expression(expression: str, scope: str) -> str:
    return f"terms : ({expression})" + (f" AND {scope}" if scope else "")


def _match(
    store: Store,
    expression: str,
    scope: str,
    filters: Filters,
    depth: int,
    budget: int | None = None,
) -> list[tuple[int, float]]:
    """FTS5's bm25 ranking of the expression within the scope; with a budget, only the
    `budget` newest matching rows are scored when more match."""
    if not expression:
        return []
    match = _expression(expression, scope)
    newest = _window_start(store, match, budget) if budget else None

    def ranked(limit: int) -> list[tuple[int, float]]:
        window = "" if newest is None else " AND rowid >= ?"
        rows = store.db.execute(
            "SELECT rowid, -bm25(sections_fts, 1.0, 0.0) AS score FROM sections_fts"
            f" WHERE sections_fts MATCH ?{window} ORDER BY score DESC LIMIT ?",
            (match, limit) if newest is None else (match, newest, limit),
        ).fetchall()
        return [(int(r[0]), float(r[1])) for r in rows]

    return _exactly(store, ranked, filters, depth)


def _window_start(store: Store, match: str, budget: int) -> int | None:
    """The rowid of the budget-th newest match, None when no more than `budget` match
    (walking the posting lists in rowid order, no scoring)."""
    row = store.db.execute(
        "SELECT rowid FROM sections_fts WHERE sections_fts MATCH ?"
        " ORDER BY rowid DESC LIMIT 1 OFFSET ?",
        (match, budget - 1),
    ).fetchone()
    return None if row is None else int(row[0])


def _exactly(
    store: Store, ranked: Callable[[int], list[tuple[int, float]]], filters: Filters, depth: int
) -> list[tuple[int, float]]:
    """The first `depth` of ranked(limit) that pass the filters exactly, asking deeper if short.

    The facets pass a superset (whole years, folded names); usually nothing is dropped. A
    period that starts or ends inside a year drops part of its first or last year, so it
    asks twice as deep at once: a deeper LIMIT costs FTS5 and FAISS almost nothing, a second
    ranking costs the whole match again.
    """
    limit = depth * (2 if part_years(filters) else 1)
    while True:
        found = ranked(limit)
        if not filter_sql(filters)[0]:
            return found
        kept = passing(store, [s for s, _ in found], filters)
        hits = [(s, score) for s, score in found if s in kept]
        if len(hits) >= depth or len(found) < limit:
            return hits[:depth]
        limit *= 4


def part_years(filters: Filters) -> bool:
    """Whether the period starts or ends inside a year (the year facets pass more than it)."""
    starts = filters.date_from is not None and not filters.date_from.endswith("-01-01")
    ends = filters.date_to is not None and not filters.date_to.endswith("-12-31")
    return starts or ends


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
