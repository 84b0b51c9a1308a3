"""Archive-wide term statistics and BM25 from them (as Elasticsearch's dfs_query_then_fetch).

SQLite FTS5's bm25() weighs terms by the statistics of its own table: on a shard that would
make a section's score depend on which other sections share its shard. Here the statistics
are gathered from every shard first (rows, tokens, and for each query term the rows that
hold it) and each candidate is scored with FTS5's own formula on those sums:

    idf(t)  = ln((N - n(t) + 0.5) / (n(t) + 0.5)), at least 1e-6
    score   = sum_t idf(t) * f(t) * (k1 + 1) / (f(t) + k1 * (1 - b + b * |D| / avgdl))

with k1 = 1.2, b = 0.75, f(t) the term's count in the `terms` column (the facets column is
weighted 0, as in indexer.search.retrieval), |D| the row's tokens in all columns (the FTS5
docsize record) and avgdl the archive's tokens over its rows. On one shard this is exactly
FTS5's bm25(sections_fts, 1.0, 0.0) (tests/indexer/shards/test_stats.py), so a sharded
archive ranks like the same archive in one store.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from indexer.shards import fanout
from indexer.store.db import Store

K1, B = 1.2, 0.75
# unicode61 with tokenchars '.-': letters, digits and private-use characters, plus '.' '-'
_TOKEN = re.compile(r"[\w.\-\ue000-\uf8ff]+")  # after '_' (a separator) is made a space
_SEPARATOR = re.compile(r"[^\w\s.\-\ue000-\uf8ff]|_")


def tokens(text: str) -> list[str]:
    """The tokens FTS5's tokenizer makes of `text` (case-folded, diacritics kept).

    Stored terms are analysed words between spaces, so usually splitting is enough; a text
    with any other separator goes through the tokenizer's character classes."""
    lowered = text.lower()
    if _SEPARATOR.search(lowered) is None:
        return lowered.split()
    return _TOKEN.findall(lowered.replace("_", " "))


def varints(blob: bytes) -> list[int]:
    """SQLite's variable-length integers, as FTS5 stores its averages and docsize records."""
    out, value, i = [], 0, 0
    while i < len(blob):
        value, n = 0, 0
        while True:
            byte = blob[i]
            i += 1
            n += 1
            if n == 9:
                value = (value << 8) | byte
                break
            value = (value << 7) | (byte & 0x7F)
            if byte < 0x80:
                break
        out.append(value)
    return out


@dataclass(frozen=True, slots=True)
class TermStats:
    """What BM25 needs from the whole archive for one query."""

    rows: int
    tokens: int
    hits: dict[str, int]  # phrase -> rows holding it in the terms column

    @property
    def avgdl(self) -> float:
        return self.tokens / self.rows if self.rows else 0.0

    def idf(self, phrase: str) -> float:
        n = self.hits.get(phrase, 0)
        value = math.log((self.rows - n + 0.5) / (n + 0.5)) if self.rows else 0.0
        return value if value > 0 else 1e-6


def totals(store: Store) -> tuple[int, int]:
    """(rows, tokens in all columns) of the store's FTS index: FTS5's averages record."""
    row = store.db.execute("SELECT block FROM sections_fts_data WHERE id = 1").fetchone()
    numbers = varints(bytes(row[0])) if row and row[0] else []
    return (numbers[0], sum(numbers[1:])) if numbers else (0, 0)


def phrase_hits(store: Store, phrase: str) -> int:
    """Rows holding the phrase in the terms column (what FTS5 counts for its idf)."""
    quoted = phrase.replace('"', '""')
    row = store.db.execute(
        "SELECT count(*) FROM sections_fts WHERE sections_fts MATCH ?", (f'terms : "{quoted}"',)
    ).fetchone()
    return int(row[0])


def shard_stats(store: Store, phrases: Sequence[str]) -> tuple[int, int, dict[str, int]]:
    """One shard's part of the statistics: (rows, tokens, rows holding each phrase); the
    counts are remembered per state of the shard (indexer.search.bm25), as one store's are."""
    from indexer.search.bm25 import term_stats  # it builds on this module

    stats = term_stats(store, phrases)
    return stats.rows, stats.tokens, dict(stats.hits)


def gather(stores: Sequence[Store], phrases: Iterable[str], threads: int = 0) -> TermStats:
    """The archive's statistics: sums over the shards (the 'dfs' phase), asked in parallel."""
    unique = list(dict.fromkeys(p for p in phrases if p.strip()))
    parts = fanout.each(lambda _, store: shard_stats(store, unique), stores, threads)
    return add_up(parts, unique)


def add_up(parts: Iterable[tuple[int, int, dict[str, int]]], phrases: list[str]) -> TermStats:
    parts = list(parts)
    hits = {p: sum(h.get(p, 0) for _, _, h in parts) for p in phrases}
    return TermStats(sum(r for r, _, _ in parts), sum(t for _, t, _ in parts), hits)


def score_sections(
    store: Store, section_ids: Sequence[int], phrases: Sequence[str], stats: TermStats
) -> dict[int, float]:
    """BM25 with the archive's statistics for sections of this store (the 'query' phase):
    each row's stored terms and docsize record, read in one join."""
    split = {p: tokens(p) for p in dict.fromkeys(phrases)}
    wanted = {p: parts for p, parts in split.items() if parts}
    scores: dict[int, float] = {}
    for chunk in range(0, len(section_ids), 900):
        part = list(section_ids[chunk : chunk + 900])
        rows = store.db.execute(
            "SELECT c.id, c.c0, d.sz FROM sections_fts_content AS c"
            " JOIN sections_fts_docsize AS d ON d.id = c.id"
            f" WHERE c.id IN ({','.join('?' * len(part))})",
            part,
        )
        for rowid, text, size in rows:
            length = sum(varints(bytes(size))) if size else 0
            scores[int(rowid)] = bm25_counts(phrase_counts(text or "", wanted), length, stats)
    return scores


def phrase_counts(text: str, phrases: dict[str, list[str]]) -> dict[str, int]:
    """How often each phrase (its tokens) occurs among the tokens FTS5 makes of `text`.

    Stored terms are mostly words, '.' and '-' between spaces (and commas or slashes, which
    separate tokens as a space does): then a one-token phrase is counted by one substring
    search (each token between two spaces of its own); any other text, or a phrase of several
    tokens, is counted on its token list."""
    lowered = text.lower().replace(",", " ").replace("/", " ")  # separators, as spaces
    if lowered.replace(" ", "").replace(".", "").replace("-", "").isalnum():
        padded = f" {lowered} ".replace(" ", "  ")  # each token between spaces of its own
        doc: list[str] | None = None
        out = {}
        for phrase, parts in phrases.items():
            if len(parts) == 1:
                out[phrase] = padded.count(f" {parts[0]} ")
            else:
                doc = lowered.split() if doc is None else doc
                out[phrase] = _count(doc, parts)
        return out
    tokenized = tokens(lowered)
    return {phrase: _count(tokenized, parts) for phrase, parts in phrases.items()}


def bm25(doc: list[str], length: int, phrases: dict[str, list[str]], stats: TermStats) -> float:
    """FTS5's bm25 of a row (its tokens, its length in all columns) for the phrases."""
    return bm25_counts({p: _count(doc, parts) for p, parts in phrases.items()}, length, stats)


def bm25_counts(counts: dict[str, int], length: int, stats: TermStats) -> float:
    norm = K1 * (1 - B + B * length / stats.avgdl) if stats.avgdl else K1
    score = 0.0
    for phrase, f in counts.items():
        if f:
            score += stats.idf(phrase) * f * (K1 + 1) / (f + norm)
    return score


def _count(doc: list[str], parts: list[str]) -> int:
    if len(parts) == 1:
        return doc.count(parts[0])
    n = len(parts)
    return sum(1 for i in range(len(doc) - n + 1) if doc[i : i + n] == parts)
