"""How much of real municipal text the glossed model's lexicon covers (measurement only).

For every word token of the dev items (../shared/dev/kk-items-dev.jsonl, or the files given),
stop words and words under 3 letters left out, it counts which source gives the word's row its
meaning (models/build_embedding_glossed.py: a gloss of its own, its compound parts' glosses, or
only its own spelling), or that the word has no whole-word row. Nothing is fitted to these
texts: they are only counted.

Run: `python models/embedding_coverage.py [JSONL ...]`.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))
import build_embedding as graph  # noqa: E402
from build_embedding_glossed import GlossConfig, lexicon_pairs, row_texts  # noqa: E402
from embedding_lexicon import gloss_table  # noqa: E402
from embedding_vocab import WORD, fold  # noqa: E402

DEV = HERE.parent.parent / "shared" / "dev" / "kk-items-dev.jsonl"


def item_words(paths: list[Path]) -> Counter[str]:
    from indexer.analysis.stopwords import STOPWORDS

    words: Counter[str] = Counter()
    for path in paths:
        for line in path.read_text(encoding="utf-8").splitlines():
            item = json.loads(line)
            text = " ".join([item.get("titel", "")] + [s.get("tekst", "") for s in item["afsnit"]])
            words.update(w for w in WORD.findall(fold(text)) if len(w) > 2 and w not in STOPWORDS)
    return words


def main(argv: list[str]) -> None:
    paths = [Path(a) for a in argv] or [DEV]
    table = graph.load_lemma_table()
    rows = graph.choose_rows(table, graph.load_thesaurus(), graph.zipf_rank(sorted(table)))
    index = graph.row_index(rows, table)
    glosses, _ = gloss_table(table, lexicon_pairs(), rows, rows)
    texts, _, _ = row_texts(rows, glosses, GlossConfig())
    kinds = ["cognate_only" if len(t) == 1 else
             "direct" if rows[i] in glosses else "compound" for i, t in enumerate(texts)]
    found: Counter[str] = Counter()
    missing: Counter[str] = Counter()
    words = item_words(paths)
    for word, n in words.items():
        kind = kinds[index[word]] if word in index else "no_row"
        found[kind] += n
        if kind in ("cognate_only", "no_row"):
            missing[word] += n
    total = sum(found.values())
    print({k: f"{v / total:.1%}" for k, v in found.most_common()}, f"{total} tokens")
    print("most frequent words without a gloss:", [w for w, _ in missing.most_common(40)])


if __name__ == "__main__":
    main(sys.argv[1:])
