"""Hybrid search: question -> (filters, terms, vector) -> fused ranking -> hits per item."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from typing import Any, Literal

from indexer.analysis.terms import analyse
from indexer.cases import collapse as cases
from indexer.embedding.embed import upgrade_recorded_model
from indexer.embedding.layered import refresh as refresh_vectors
from indexer.embedding.vectors import VectorIndex
from indexer.errors import InvalidInput, NotFound
from indexer.pipeline import Pipeline
from indexer.search import floor, fusion, retrieval
from indexer.search.hits import page_hits
from indexer.search.query import Filters, Query, understand
from indexer.search.titles import is_title_row, title_items
from indexer.store.db import Store
from indexer.store.queries import (
    ITEM_FROM,
    facets,
    items_by_case,
    spelled,
)

Mode = Literal["hybrid", "lexical", "dense"]
MODES: dict[str, tuple[bool, bool]] = {
    "hybrid": (True, True),
    "lexical": (True, False),
    "dense": (False, True),
}
DECISION_HEADINGS = ("Beslutning", "Indstilling og beslutning")
# From this many vectors (where the inverted-file index starts) the two retrievers run in
# parallel (Searcher._first_stage): at a million sections it takes a third off the filtered
# p95; at 100,000 (exact index) it made p50 22.5 -> 27 ms, and smaller archives lose more
# (README, "A million sections").
PARALLEL_FROM = 200_000


class Searcher:
    """Search over one store. Holds the vector index and reloads it when the store changes."""

    def __init__(
        self, store: Store, pipeline: Pipeline, cache: dict[str, Any] | None = None
    ) -> None:
        self.store = store
        self.pipeline = pipeline
        self.cache = {} if cache is None else cache  # shared across requests by the API

    def vectors(self) -> VectorIndex:
        key = str(self.store.data_dir.resolve())
        current = self.cache.get(key)
        if current is None or current.generation != self.store.generation():
            recorded = self.store.get_meta("embedding_model")
            if recorded and recorded != self.pipeline.embedder.fingerprint:
                upgrade_recorded_model(self.store, self.pipeline.embedder)
            model = self.pipeline.embedder.fingerprint if recorded else None
            settings = self.pipeline.settings
            limit, kind = settings.vector_exact_limit, settings.vector_index
            fresh = refresh_vectors(self.store, current, model, limit, kind)
            if fresh is not current:  # (current itself while another thread refreshes it)
                self.cache[key] = current = fresh
        assert current is not None
        return current

    def facets(self) -> dict[str, list[str]]:
        """The archive's committees and municipalities, cached per store generation."""
        key = f"facets:{self.store.data_dir.resolve()}"
        generation = self.store.generation()
        cached = self.cache.get(key)
        if cached is None or cached[0] != generation:
            cached = self.cache[key] = (generation, facets(self.store))
        return dict(cached[1])

    def committees(self) -> list[str]:
        return list(self.facets()["committees"])

    def canonical(self, filters: Filters) -> Filters:
        """Filters naming a committee or municipality as the archive spells it, so that
        'økonomiudvalget' finds 'Økonomiudvalget' (SQLite's NOCASE folds ASCII only)."""
        known = self.facets()
        return replace(
            filters,
            committee=filters.committee and spelled(filters.committee, known["committees"]),
            municipality=filters.municipality
            and spelled(filters.municipality, known["municipalities"]),
        )

    def search(
        self,
        text: str,
        filters: Filters,
        limit: int = 10,
        offset: int = 0,
        mode: Mode = "hybrid",
        collapse: str = "case",
    ) -> dict[str, Any]:
        """The search response of CONTRACT: {query, filters, total, hits}; `collapse="case"`
        gives one hit per case (its latest ranked item), "none" every item."""
        check_query(text, self.pipeline.settings.max_query_chars)
        query = understand(text, self.canonical(filters), self.committees())
        ranked = self._case_hits(query) or self._rank(query, mode)
        if collapse == "case":
            ranked = cases.collapse(self.store, ranked)
        page = ranked[offset : offset + limit]
        terms = analyse(query.text)
        hits = self._page_hits(page, terms)
        if collapse == "case":
            cases.attach_cases(self.store, hits)
        return {
            "query": text,
            "filters": query.filters.to_json() | {"inferred": query.inferred},
            "total": len(ranked),
            "hits": hits,
        }

    def _page_hits(
        self, page: list[tuple[str, float, int | None]], terms: list[str]
    ) -> list[dict[str, Any]]:
        """The page's Hits (a sharded archive reads each from its shard)."""
        return page_hits(self.store, page, terms)

    def _case_hits(self, query: Query) -> list[tuple[str, float, int | None]]:
        if query.case_number is None:
            return []
        try:
            items = self._items_by_case(query.case_number)
        except NotFound:
            return []
        return [(item["item_id"], 1.0, self._first_section(item["item_id"])) for item in items]

    def _items_by_case(self, case_number: str) -> list[dict[str, Any]]:
        """The items of a case number (a sharded archive reads every shard)."""
        return items_by_case(self.store, case_number)

    def _lexical(self, terms: list[str], filters: Filters) -> list[tuple[int, float]]:
        """First-stage lexical candidates (a sharded archive gathers them from its shards)."""
        return retrieval.lexical(self.store, terms, filters)

    def _dense(self, vector: Any, filters: Filters) -> list[tuple[int, float]]:
        """First-stage dense candidates (a sharded archive gathers them from its shards)."""
        return retrieval.dense(self.store, self.vectors(), vector, filters)

    def _parallel_index(self) -> VectorIndex | None:
        """The vector index when the two retrievers run at once (a large archive; see
        _first_stage), else None."""
        vindex = self.vectors()
        return vindex if vindex.size >= PARALLEL_FROM else None

    def _first_stage(
        self, terms: list[str], query: Query, use_lexical: bool, use_dense: bool
    ) -> tuple[list[tuple[int, float]], list[tuple[int, float]], Any]:
        """(lexical, dense, query vector). On a large archive the dense half runs in a
        second thread on a second connection (FAISS and SQLite release the GIL), so a query
        costs about the slower half, not the sum; on a small one the thread costs more
        than it saves."""
        vector = self.pipeline.embedder.encode([query.text])[0] if use_dense else None
        # the index is loaded or refreshed here, never in the helper thread
        vindex = self._parallel_index() if use_lexical and use_dense else None
        if vindex is not None:
            with ThreadPoolExecutor(1) as pool:
                later = pool.submit(self._dense_apart, vindex, vector, query.filters)
                lexical = self._lexical(terms, query.filters)
                return lexical, later.result(), vector
        lexical = self._lexical(terms, query.filters) if use_lexical else []
        return lexical, self._dense(vector, query.filters) if use_dense else [], vector

    def _dense_apart(
        self, vindex: VectorIndex, vector: Any, filters: Filters
    ) -> list[tuple[int, float]]:
        with self.store.reader() as reader:
            return retrieval.dense(reader, vindex, vector, filters)

    def _rank(self, query: Query, mode: Mode) -> list[tuple[str, float, int | None]]:
        use_lexical, use_dense = MODES[mode]
        terms = analyse(query.text)
        if not terms:
            return self._browse(query.filters)
        use_dense = use_dense and bool(self.store.get_meta("embedding_model"))
        lexical, found, vector = self._first_stage(terms, query, use_lexical, use_dense)
        rankings, weights = [], []
        if use_lexical:
            rankings.append([s for s, _ in lexical])
            weights.append(fusion.LEXICAL_WEIGHT)
        if use_dense:
            if use_lexical and not lexical:  # no lexical evidence: no nonsense neighbours
                found = floor.above_floor(found, self.pipeline.embedder, vector,
                                          self.pipeline.settings.dense_floor_margin)
            rankings.append([s for s, _ in found])
            weights.append(fusion.DENSE_WEIGHT)
        scores = fusion.rrf(rankings, weights)
        sections = self._sections(list(scores))
        if query.decision_intent:
            decisive = [s for s, (_, heading) in sections.items() if heading in DECISION_HEADINGS]
            scores = fusion.boost(scores, decisive, fusion.DECISION_BOOST)
        item_of = {s: item for s, (item, _) in sections.items()}
        grouped = fusion.group_by_item(scores, item_of)
        # the passage shown: the best section once attachment lists and the like weigh less
        weighted = fusion.weigh_headings(scores, {s: h for s, (_, h) in sections.items()})
        shown = {item: section for item, _, section in fusion.group_by_item(weighted, item_of)}
        grouped = [(item, score, shown[item]) for item, score, _ in grouped]
        if query.decision_intent:
            grouped = [(i, sc, self._decision_section(i) or s) for i, sc, s in grouped]
        # an item found by its title row (no sections) shows no section
        return [(i, sc, None if is_title_row(s) else s) for i, sc, s in grouped]

    def _sections(self, ids: list[int]) -> dict[int, tuple[str, str]]:
        out: dict[int, tuple[str, str]] = {}
        for chunk in range(0, len(ids), 900):
            part = ids[chunk : chunk + 900]
            marks = ",".join("?" * len(part))
            rows = self.store.db.execute(
                f"SELECT id, item_id, heading FROM sections WHERE id IN ({marks})", part
            )
            out.update({int(r[0]): (str(r[1]), str(r[2])) for r in rows})
        out.update({t: (item, "") for t, item in title_items(self.store, ids).items()})
        return out

    def _browse(self, filters: Filters) -> list[tuple[str, float, int | None]]:
        """No content words (e.g. only a committee): the filtered items, newest first."""
        where, params = retrieval.filter_sql(filters)
        rows = self.store.db.execute(
            f"SELECT items.item_id {ITEM_FROM}"
            + (f" WHERE {where}" if where else "")
            + " ORDER BY meetings.date DESC, items.position LIMIT 1000",
            params,
        ).fetchall()
        return [(r[0], 0.0, self._first_section(r[0])) for r in rows]

    def _first_section(self, item_id: str) -> int | None:
        """The passage shown for an item found without terms; None for an item without
        sections (e.g. "Godkendelse af dagsorden"), which is shown by its title alone."""
        decisive = self._decision_section(item_id)
        if decisive is not None:
            return decisive
        row = self.store.db.execute(
            "SELECT id FROM sections WHERE item_id = ? ORDER BY position LIMIT 1", (item_id,)
        ).fetchone()
        return None if row is None else int(row[0])

    def _decision_section(self, item_id: str) -> int | None:
        row = self.store.db.execute(
            "SELECT id FROM sections WHERE item_id = ? AND heading IN (?, ?)"
            " ORDER BY heading = 'Beslutning' DESC, position LIMIT 1",
            (item_id, *DECISION_HEADINGS),
        ).fetchone()
        return None if row is None else int(row[0])


def check_query(text: str, max_chars: int) -> None:
    if not text.strip():
        raise InvalidInput("the query is empty; type some words, e.g. 'integration'")
    if len(text) > max_chars:
        raise InvalidInput(
            f"the query is {len(text)} characters long; the limit is {max_chars}: "
            "shorten it to the words that matter"
        )
