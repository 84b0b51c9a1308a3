"""Throughput of the rule-based entity components on one core (not a test).

    python -m benchmarks.bench_entities [--repeat N]

The real sample minutes (both .txt files and the kk JSONL sections) are cut into sections
at blank lines, as ingest hands them to `extract`, and run REPEAT times. Reported: tokens per
second of the tokenizer alone, of the rule components alone (pipeline minus tokenizer), and
of `extract` end to end (tokenizer + rules + conversion to Entity). Target: rules >= 20,000.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import time
from pathlib import Path

from indexer.entities.pipeline import build_nlp, extract

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO.parent / "shared" / "samples"


def sections() -> list[str]:
    """The sample texts as sections of a few paragraphs each."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(SAMPLES.glob("*.txt"))]
    for line in (SAMPLES / "kk-items-sample.jsonl").read_text(encoding="utf-8").splitlines():
        texts += [part["tekst"] for part in json.loads(line)["afsnit"]]
    out: list[str] = []
    for text in texts:
        paragraphs = [p for p in re.split(r"\n\s*\n", text) if p.strip()]
        out += ["\n\n".join(paragraphs[i : i + 4]) for i in range(0, len(paragraphs), 4)]
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core
    nlp = build_nlp()
    texts = sections() * args.repeat
    start = time.perf_counter()
    docs = [nlp.make_doc(t) for t in texts]
    t_tok = time.perf_counter() - start
    tokens = sum(len(d) for d in docs)
    start = time.perf_counter()
    for doc in docs:
        for _, component in nlp.pipeline:
            component(doc)
    t_rules = time.perf_counter() - start
    start = time.perf_counter()
    n_entities = sum(len(extract(nlp, t, meeting_date="2020-02-03")) for t in texts)
    t_extract = time.perf_counter() - start
    chars = sum(len(t) for t in texts)
    print(f"{len(texts)} sections, {tokens} tokens, {chars} characters, {n_entities} entities")
    print(f"tokenizer alone:      {tokens / t_tok:12,.0f} tokens/s")
    print(f"rule components:      {tokens / t_rules:12,.0f} tokens/s  (target >= 20,000)")
    print(f"extract end to end:   {tokens / t_extract:12,.0f} tokens/s")
    print(f"per section (extract): {t_extract / len(texts) * 1000:.3f} ms")


if __name__ == "__main__":
    main()
