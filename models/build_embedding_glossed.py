"""Build the glossed Danish static embedding model: translate each word, then embed the gloss.

Recipe (model2vec-style distillation through a bilingual lexicon): every row word of the
thesaurus-graph model (models/build_embedding.py: the same 64,000 lemma rows, the same
WordPiece tokenizer, inflected forms sharing their lemma's row, SIF weights) gets English
glosses (models/embedding_lexicon.py: FreeDict both ways, message catalogues; for the words
those leave out, Apertium's Danish -> Swedish/Norwegian translation and those languages'
FreeDict senses, models/embedding_bridge.py, then English spelling rules for loanwords,
models/embedding_cognates.py); a compound without a gloss of its own is glossed by its parts
(indexer.analysis.compounds: "idrætsfacilitet" -> "sport facility"); every word also carries
itself as a low-weight "cognate" text. The English teacher (all-MiniLM-L6-v2,
models/embedding_teacher.py, cached) encodes each text; a row is the weighted mean of its
texts' vectors. Rows are then
retrofitted to the word graph (Faruqui et al. 2015: each row pulled towards its thesaurus,
lemma, derivation and compound neighbours, RETROFIT_ITERATIONS rounds), so a word with no
gloss takes its synonyms' meaning, then centred and reduced by PCA to DIM dimensions, and
concatenated with the graph model's FastRP rows (graph_mix) and reduced again.

Deterministic (sorted inputs, exact linear algebra). Writes the default model models/embed-da
unless another folder is given. Run: `python models/build_embedding_glossed.py [OUT] [key=value
...]` (GlossConfig fields, e.g. `bridge=0`; REFERAT_TEACHER=mpnet for the larger teacher).
Needs the apt packages of models/EMBEDDING.md ("Rebuild": mythes-da, hunspell-da, the FreeDict
dictionaries, apertium with apertium-swe-dan and apertium-dan-nor, the catalogue packages of
models/embedding_corpus.py) and the `build` extra.
"""

from __future__ import annotations

import itertools
import json
import os
import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np
import scipy.sparse as sp

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))
import build_embedding as graph  # noqa: E402
from embedding_lexicon import Glosses, gloss_table  # noqa: E402
from embedding_save import save_model  # noqa: E402

OUT_DIR = HERE / "embed-da"


@dataclass(frozen=True)
class GlossConfig:
    dim: int = 256
    cognate_weight: float = 0.15  # the word itself as a text, beside its glosses
    cognate_alone: float = 0.3  # confidence of a row known only by its cognate
    compound_weight: float = 0.7  # a compound glossed by its parts
    max_phrases: int = 4  # gloss combinations of a compound's parts
    retrofit_beta: float = 1.0  # neighbour pull against a row's own glosses
    retrofit_iterations: int = 10
    graph_mix: float = 0.5  # share of the thesaurus-graph (FastRP) vectors, 0 = glosses only
    bridge: int = 1  # 1: rows no dictionary glosses are glossed through Swedish and Norwegian
    cognates: int = 1  # 1: rows still without a gloss are spelt in English by rules if they can


def compound_phrases(word: str, glosses: Glosses, limit: int) -> list[tuple[str, float]]:
    """English phrases for a compound from its parts' glosses ("sport facility")."""
    from indexer.analysis.compounds import split_compound

    parts = split_compound(word)
    if len(parts) < 2:
        return []
    options = [glosses.get(p, [])[:2] for p in parts]
    if not options[-1] or sum(1 for o in options if o) < len(parts) - 1:
        return []
    options = [o or [(p, 0.3)] for o, p in zip(options, parts, strict=True)]
    phrases = []
    for combo in itertools.islice(itertools.product(*options), limit):
        phrases.append((" ".join(g for g, _ in combo), float(np.prod([w for _, w in combo]))))
    return phrases


def row_texts(rows: list[str], glosses: Glosses, cfg: GlossConfig
              ) -> tuple[list[list[tuple[str, float]]], np.ndarray, dict]:
    """Each row's (text, weight) list and its confidence (the retrofit's anchor weight)."""
    texts: list[list[tuple[str, float]]] = []
    confidence = np.zeros(len(rows), dtype=np.float64)
    counts = {"direct": 0, "compound": 0, "cognate_only": 0}
    for i, word in enumerate(rows):
        own = glosses.get(word) or []
        kind = "direct"
        if not own:
            own = [(g, w * cfg.compound_weight)
                   for g, w in compound_phrases(word, glosses, cfg.max_phrases)]
            kind = "compound"
        if own:
            confidence[i] = max(w for _, w in own)
            texts.append(own + [(word, cfg.cognate_weight)])
        else:
            kind = "cognate_only"
            confidence[i] = cfg.cognate_alone
            texts.append([(word, 1.0)])
        counts[kind] += 1
    return texts, confidence, counts


def mean_vectors(texts: list[list[tuple[str, float]]]) -> np.ndarray:
    from embedding_teacher import encode_cached

    unique = sorted({t for row in texts for t, _ in row})
    vectors = encode_cached(unique)
    at = {t: i for i, t in enumerate(unique)}
    out = np.zeros((len(texts), vectors.shape[1]), dtype=np.float64)
    for i, row in enumerate(texts):
        weights = np.array([w for _, w in row])
        out[i] = weights @ vectors[[at[t] for t, _ in row]] / weights.sum()
    return out


def retrofit(x0: np.ndarray, confidence: np.ndarray, adj: sp.csr_matrix,
             cfg: GlossConfig) -> np.ndarray:
    """x_i <- (c_i x0_i + beta * mean of neighbours) / (c_i + beta), repeated."""
    degree = np.asarray(adj.sum(axis=1)).ravel()
    walk = sp.diags(np.divide(1.0, degree, out=np.zeros_like(degree), where=degree > 0)) @ adj
    beta = np.where(degree > 0, cfg.retrofit_beta, 0.0)[:, None]
    c = confidence[:, None]
    x = x0.copy()
    for _ in range(cfg.retrofit_iterations):
        x = (c * x0 + beta * (walk @ x)) / np.maximum(c + beta, 1e-12)
    return x


def pca(x: np.ndarray, dim: int) -> tuple[np.ndarray, float]:
    x = x / np.maximum(np.linalg.norm(x, axis=1, keepdims=True), 1e-12)
    x = x - x.mean(axis=0)
    _, s, vt = np.linalg.svd(x, full_matrices=False)
    kept = float((s[:dim] ** 2).sum() / (s**2).sum())
    return (x @ vt[:dim].T).astype(np.float32), kept


def mix_graph(vectors: np.ndarray, adj: sp.csr_matrix, cfg: GlossConfig) -> np.ndarray:
    """The gloss rows (unit length) beside the graph model's FastRP rows, reduced again by PCA."""
    if cfg.graph_mix <= 0:
        return vectors
    unit = vectors / np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12)
    both = np.hstack([unit * (1 - cfg.graph_mix), graph.fastrp(adj) * cfg.graph_mix])
    return pca(both, cfg.dim)[0]


def lexicon_pairs() -> list[tuple[str, str]]:
    """The message catalogues' (danish, english) pairs, cached in models/.cache (2 min to read)."""
    from embedding_corpus import download_packages, message_catalogues, parallel_pairs

    cache = HERE / ".cache" / "catalogue_pairs.json"
    if cache.exists():
        return [(da, en) for da, en in json.loads(cache.read_text(encoding="utf-8"))]
    download_packages()
    pairs = parallel_pairs({"catalogues": message_catalogues})["catalogues"]
    cache.parent.mkdir(parents=True, exist_ok=True)
    cache.write_text(json.dumps(pairs, ensure_ascii=False), encoding="utf-8")
    return pairs


def build(out: Path, cfg: GlossConfig) -> dict:
    start = time.time()
    table = graph.load_lemma_table()
    thesaurus = graph.load_thesaurus()
    freq = graph.zipf_rank(sorted(table))
    rows = graph.choose_rows(table, thesaurus, freq)
    adj = graph.build_graph(rows, table, thesaurus, sorted(set(table.values())
                                                           | set(graph.load_stems())))
    glosses, lex_stats = gloss_table(table, lexicon_pairs(), rows if cfg.bridge else (),
                                     rows if cfg.cognates else ())
    texts, confidence, counts = row_texts(rows, glosses, cfg)
    x = retrofit(mean_vectors(texts), confidence, adj, cfg)
    vectors, kept = pca(x, cfg.dim)
    vectors = mix_graph(vectors, adj, cfg)
    vocab, row_of, weight = graph.build_vocab(rows, table, freq)
    full = np.vstack([np.zeros((1, cfg.dim), np.float32), vectors])
    stats = {"config": asdict(cfg), "lexicon": lex_stats, "rows_by_source": counts,
             "rows": len(rows), "tokens": len(vocab), "pca_variance_kept": round(kept, 4),
             "seconds": round(time.time() - start)}
    save_model(out, graph.make_tokenizer(vocab), full, np.asarray(row_of, dtype=np.int32),
               np.asarray(weight, dtype=np.float32), stats)
    return stats


def main(argv: list[str]) -> None:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    out = Path(argv[0]) if argv else OUT_DIR
    overrides = {k: type(getattr(GlossConfig(), k))(v)
                 for k, v in (a.split("=", 1) for a in argv[1:])}
    print(json.dumps(build(out, GlossConfig(**overrides)), indent=1))


if __name__ == "__main__":
    main(sys.argv[1:])
