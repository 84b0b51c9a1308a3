"""A store's term statistics for BM25, cached: what lexical retrieval decides with.

FTS5's bm25() first counts, for each phrase of the expression, every row that holds it
(its idf), then scores every row the expression matches: cost linear in the postings of
the query's words, whatever LIMIT asks for. `indexer.search.retrieval.lexical` sends only
the rare words to it; for that it needs each word's row count, read here once per state of
the store. The common words' share of a candidate's score is then computed from its stored
terms with FTS5's formula (`indexer.shards.stats.score_sections`).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Sequence

from indexer.shards.stats import TermStats, phrase_hits, totals
from indexer.store.db import Store

CACHED_TERMS = 20_000  # (store state, phrase) -> rows holding it, least recently used evicted
_HITS: OrderedDict[tuple[str, int, int, int, str], int] = OrderedDict()
_LOCK = threading.Lock()  # the API's threads share the cache


def term_stats(store: Store, phrases: Sequence[str]) -> TermStats:
    """The store's rows, tokens and, for each phrase, the rows holding it in `terms`.

    A phrase's count is read once per state of the store (its FTS5 row and token totals and
    its write generation): common words cost their full posting list only the first time.
    """
    rows, tokens_total = totals(store)
    state = (str(store.data_dir), store.generation(), rows, tokens_total)
    hits: dict[str, int] = {}
    for phrase in dict.fromkeys(phrases):
        key = (*state, phrase)
        with _LOCK:
            count = _HITS.get(key)
            if count is not None:
                _HITS.move_to_end(key)
        if count is None:
            count = phrase_hits(store, phrase)
            with _LOCK:
                _HITS[key] = count
                if len(_HITS) > CACHED_TERMS:
                    _HITS.popitem(last=False)
        hits[phrase] = count
    return TermStats(rows, tokens_total, hits)
