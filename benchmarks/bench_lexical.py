"""Pick the lexical engine by measurement: SQLite FTS5 against bm25s, on minutes-like sections.

Sections are made from the real sample sentences (../shared/samples), shuffled, with one word
in eight swapped for a word of the shipped Danish lexicon (models/analysis) so that the
vocabulary grows with the corpus as a real archive's does. Each section is analysed with
indexer.analysis.analyse and indexed as its space-joined terms, as the store does.

Measured per engine and size: build time, the cost of adding one document afterwards
(FTS5: one transaction per document, as ingest does; bm25s: a full rebuild, it has no
incremental add), top-20 query latency p50/p95 (OR of the analysed query terms, BM25 order),
disk size and resident memory growth; plus the overlap of the two engines' top 20.

Run: .venv/bin/python benchmarks/bench_lexical.py [--sizes 10000 100000] [--queries 200]
Needs bm25s (pip install bm25s) for the second engine; without it only FTS5 is measured.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import re
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from indexer.analysis.terms import analyse, analyse_query, tokenize  # noqa: E402

SAMPLES = ROOT.parent / "shared" / "samples"
LEXICON = ROOT / "models" / "analysis" / "lexicon.tsv.gz"
FTS_TOKENIZER = "unicode61 remove_diacritics 0 tokenchars '.-'"
QUESTIONS = [
    "hvad besluttede socialudvalget om integration",
    "hvornår blev integrationspuljen fordelt",
    "beløb til hjemløseindsatsen i 2020",
    "konferencebus til Aarhus",
    "2010-32472",
    "15.40.00-P20-2-19",
    "statsrefusion på kontanthjælpsområdet",
    "handleplan for integrationspolitikken",
]


@dataclass
class Result:
    engine: str
    sections: int
    build_s: float
    add_ms: float
    p50_ms: float
    p95_ms: float
    disk_mb: float
    rss_mb: float
    overlap: float | None = None


def sample_sentences() -> list[str]:
    """Sentences of at least five tokens from the sample minutes and agenda items."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(SAMPLES.glob("*.txt"))]
    for line in (SAMPLES / "kk-items-sample.jsonl").read_text(encoding="utf-8").splitlines():
        item = json.loads(line)
        texts.extend(part.get("tekst") or "" for part in item.get("afsnit", []))
    sentences = [s.strip() for t in texts for s in re.split(r"(?<=[.!?])\s+|\n+", t)]
    return [s for s in sentences if len(tokenize(s)) >= 5]


def lexicon_words(limit: int = 30_000) -> list[str]:
    """The most frequent words of the shipped lexicon, for varying the vocabulary."""
    rows = []
    with gzip.open(LEXICON, "rt", encoding="utf-8") as fh:
        for line in fh:
            word, zipf, _ = line.split("\t")
            if float(zipf) > 0 and len(word) > 3:
                rows.append((float(zipf), word))
    return [w for _, w in sorted(rows, reverse=True)[:limit]]


def make_sections(n: int, sentences: list[str], words: list[str], seed: int) -> list[str]:
    rng = random.Random(seed)
    sections = []
    for _ in range(n):
        text = " ".join(rng.sample(sentences, rng.randint(3, 8)))
        tokens = text.split(" ")
        for i in range(0, len(tokens), 8):
            j = rng.randrange(i, min(i + 8, len(tokens)))
            tokens[j] = words[min(int(rng.paretovariate(0.6)) - 1, len(words) - 1)]
        sections.append(" ".join(tokens))
    return sections


def rss_mb() -> float:
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * 4096 / 2**20


def percentiles(times: list[float]) -> tuple[float, float]:
    cuts = statistics.quantiles(times, n=20)
    return statistics.median(times) * 1000, cuts[18] * 1000


def fts_match(terms: Sequence[str], operator: str) -> str:
    return f" {operator} ".join('"' + t.replace('"', '""') + '"' for t in terms)


def fts_search(db: sqlite3.Connection, terms: Sequence[str], and_first: bool) -> list[int]:
    """Top 20 by BM25 for any term (OR); with and_first, all terms first and OR to fill."""
    sql = "SELECT rowid FROM fts WHERE fts MATCH ? ORDER BY bm25(fts) LIMIT 20"
    hits: list[int] = []
    if and_first and len(terms) > 1:
        hits = [row[0] for row in db.execute(sql, (fts_match(terms, "AND"),))]
    if len(hits) < 20:
        seen = set(hits)
        more = [row[0] for row in db.execute(sql, (fts_match(terms, "OR"),))]
        hits += [h for h in more if h not in seen][: 20 - len(hits)]
    return hits


def bench_fts(docs: list[str], extra: list[str], queries: list[list[str]], folder: Path) -> tuple[
    list[Result], list[list[int]]
]:
    path = folder / "fts.db"
    rss0 = rss_mb()
    db = sqlite3.connect(path)
    db.execute("PRAGMA journal_mode=WAL")  # as indexer/store/db.py opens its database
    db.execute("PRAGMA synchronous=NORMAL")
    db.execute(f'CREATE VIRTUAL TABLE fts USING fts5(terms, tokenize="{FTS_TOKENIZER}")')
    start = time.perf_counter()
    with db:
        db.executemany("INSERT INTO fts (rowid, terms) VALUES (?, ?)", enumerate(docs))
    build = time.perf_counter() - start
    start = time.perf_counter()
    for i, doc in enumerate(extra, start=len(docs)):
        with db:
            db.execute("INSERT INTO fts (rowid, terms) VALUES (?, ?)", (i, doc))
    add = (time.perf_counter() - start) / len(extra) * 1000
    results: list[Result] = []
    or_hits: list[list[int]] = []
    for name, and_first in (("sqlite-fts5 OR", False), ("sqlite-fts5 AND>OR", True)):
        times, hits = [], []
        for terms in queries:
            t = time.perf_counter()
            hits.append(fts_search(db, terms, and_first))
            times.append(time.perf_counter() - t)
        or_hits = or_hits or hits
        p50, p95 = percentiles(times)
        results.append(Result(name, len(docs), build, add, p50, p95, 0.0, rss_mb() - rss0))
    db.close()
    for r in results:
        r.disk_mb = sum(p.stat().st_size for p in folder.glob("fts.db*")) / 2**20
    return results, or_hits


def bench_bm25s(docs: list[str], extra: list[str], queries: list[list[str]], folder: Path) -> tuple[
    list[Result], list[list[int]]
]:
    import bm25s

    rss0 = rss_mb()
    corpus = [doc.split() for doc in docs]
    start = time.perf_counter()
    retriever = bm25s.BM25()
    retriever.index(corpus, show_progress=False)
    build = time.perf_counter() - start
    start = time.perf_counter()  # no incremental add: a new document means a rebuild
    bm25s.BM25().index(corpus + [extra[0].split()], show_progress=False)
    add = time.perf_counter() - start
    vocab = retriever.vocab_dict
    times, hits = [], []
    for terms in queries:
        known = [t for t in terms if t in vocab] or [""]
        t = time.perf_counter()
        ids, scores = retriever.retrieve([known], k=20, show_progress=False, n_threads=1)
        times.append(time.perf_counter() - t)
        hits.append([int(i) for i, s in zip(ids[0], scores[0], strict=True) if s > 0])
    p50, p95 = percentiles(times)
    rss = rss_mb() - rss0
    retriever.save(str(folder / "bm25s"))
    disk = sum(p.stat().st_size for p in (folder / "bm25s").rglob("*") if p.is_file()) / 2**20
    return [Result("bm25s", len(docs), build, add * 1000, p50, p95, disk, rss)], hits


def make_queries(sections: list[str], n: int, seed: int) -> list[list[str]]:
    """Realistic questions plus 2-4 word queries drawn from random sections."""
    rng = random.Random(seed)
    queries = [analyse_query(q) for q in QUESTIONS]
    while len(queries) < n:
        words = tokenize(rng.choice(sections))
        start = rng.randrange(max(1, len(words) - 4))
        terms = analyse_query(" ".join(words[start : start + rng.randint(2, 4)]))
        if terms:
            queries.append(terms)
    return queries


def overlap(a: list[list[int]], b: list[list[int]]) -> float:
    shares = [len(set(x) & set(y)) / max(1, len(x)) for x, y in zip(a, b, strict=True) if x]
    return statistics.mean(shares) if shares else 0.0


def run_size(n: int, n_queries: int, sentences: list[str], words: list[str]) -> list[Result]:
    sections = make_sections(n + 20, sentences, words, seed=n)
    start = time.perf_counter()
    docs = [" ".join(analyse(s)) for s in sections]
    seconds = time.perf_counter() - start
    tokens = sum(len(tokenize(s)) for s in sections)
    print(f"{n:,} sections: {tokens:,} tokens analysed in {seconds:.1f} s "
          f"({tokens / seconds:,.0f} tokens/s, one core)", flush=True)
    docs, extra = docs[:n], docs[n:]
    queries = make_queries(sections[:n], n_queries, seed=n + 1)
    results = []
    engines: list[Callable[..., tuple[list[Result], list[list[int]]]]] = [bench_fts]
    try:
        import bm25s  # noqa: F401

        engines.append(bench_bm25s)
    except ImportError:
        print("bm25s is not installed: measuring FTS5 only")
    all_hits = []
    for engine in engines:
        folder = Path(tempfile.mkdtemp(prefix="bench-lexical-"))
        try:
            result, hits = engine(docs, extra, queries, folder)
        finally:
            shutil.rmtree(folder, ignore_errors=True)
        results.extend(result)
        all_hits.append(hits)
    if len(all_hits) == 2:  # how far the two BM25s agree, FTS5 OR against bm25s
        results[-1].overlap = overlap(all_hits[0], all_hits[1])
    return results


def print_table(results: list[Result]) -> None:
    head = ("engine", "sections", "build s", "add 1 doc ms", "p50 ms", "p95 ms", "disk MB",
            "RSS +MB", "top20 overlap")
    print("| " + " | ".join(head) + " |")
    print("|" + "---|" * len(head))
    for r in results:
        ov = "" if r.overlap is None else f"{r.overlap:.2f}"
        print(f"| {r.engine} | {r.sections:,} | {r.build_s:.2f} | {r.add_ms:.1f} | "
              f"{r.p50_ms:.2f} | {r.p95_ms:.2f} | {r.disk_mb:.1f} | {r.rss_mb:.0f} | {ov} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--queries", type=int, default=200)
    args = parser.parse_args()
    sentences, words = sample_sentences(), lexicon_words()
    print(f"{len(sentences)} sample sentences, {len(words)} vocabulary words")
    results = []
    for n in args.sizes:
        results.extend(run_size(n, args.queries, sentences, words))
    print_table(results)


if __name__ == "__main__":
    main()
