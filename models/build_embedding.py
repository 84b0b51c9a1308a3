"""Build the thesaurus-graph Danish embedding model (the default `models/embed-da` until issue 10).

Since issue 10 the default is the glossed model (models/build_embedding_glossed.py), which
keeps this model's rows, tokenizer and weights and mixes in its FastRP vectors; this script
still builds the graph model alone, into models/.cache/embed-da-graph, to compare against.

A static (word-vector) model that sentence-transformers loads with `SentenceTransformer(path)`:
a WordPiece tokenizer over Danish word forms (compounds fall back to modifier + `##head`
pieces) and a `StaticEmbedding` that mean-pools per-token vectors. The semantics come from
Danish lexical data reachable offline: the Debian thesaurus (mythes-da: synonyms and
hyponyms), simplemma's Danish lemma table (every inflected form shares its lemma's row),
compound analysis (a compound is linked to its head and modifier) and wordfreq's Danish
frequencies (SIF weights: frequent words weigh little). Row vectors are a FastRP graph
embedding (sparse random projection propagated over the word graph).

Deterministic (fixed seed, sorted inputs). Run: `python models/build_embedding.py [OUT]`
(default models/.cache/embed-da-graph).
Needs: `apt-get install mythes-da`, and the packages simplemma, wordfreq, scipy.
"""

from __future__ import annotations

import bisect
import itertools
import json
import re
import sys
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

import numpy as np
import scipy.sparse as sp

THESAURUS = Path("/usr/share/mythes/th_da_DK.dat")
HUNSPELL = Path("/usr/share/hunspell/da_DK.dic")
OUT_DIR = Path(__file__).resolve().parent / ".cache" / "embed-da-graph"
DIM = 256
MAX_ROWS = 64_000
MAX_TOKENS = 230_000
SEED = 20240501
SIF_A = 1e-4
HOP_WEIGHTS = (0.5, 1.0, 1.0, 0.5)  # FastRP: self, 1, 2, 3 hops
SYN_W, HYPO_W, MULTI_W, HEAD_W, MOD_W = 1.0, 0.4, 0.3, 1.0, 0.6
SENSE_W, LEMMA_W, DERIV_W, ASSOC_W, CLIQUE_MAX = 2.0, 1.0, 0.7, 0.5, 60
SUFFIXES = ["e", "en", "et", "er", "erne", "ene", "ende", "es", "s", "ne", "r", "rne", "ns",
            "ts", "ers", "ets", "ernes", "enes", "ede", "te", "t", "st", "ste", "est", "este",
            "re", "ret", "rede", "nes", "n", "ning", "ninger"]
WORD_RE = re.compile(r"^[a-zæøå]+$")
# Folding shared by the vocabulary and the tokenizer's normalizer (as indexer/analysis.fold).
FOLDS = (("aa", "å"), ("ä", "æ"), ("ö", "ø"), ("é", "e"), ("è", "e"), ("ê", "e"), ("á", "a"),
         ("à", "a"), ("ü", "u"))


def fold(word: str) -> str:
    """Lower-case, `aa` -> `å`, ä/ö -> æ/ø, common accents off: as the tokenizer normalizes."""
    word = unicodedata.normalize("NFKC", word).lower()
    for old, new in FOLDS:
        word = word.replace(old, new)
    return word


def load_lemma_table() -> dict[str, str]:
    """simplemma's Danish form -> lemma table, folded, single alphabetic words only."""
    from simplemma.strategies.dictionaries.dictionary_factory import (
        _load_dictionary_from_disk,
    )

    table: dict[str, str] = {}
    for form_b, lemma_b in sorted(_load_dictionary_from_disk("da").items()):
        form, lemma = fold(form_b.decode()), fold(lemma_b.decode())
        if WORD_RE.match(form) and WORD_RE.match(lemma):
            table.setdefault(form, lemma)
    for lemma in set(table.values()):
        table.setdefault(lemma, lemma)
    return table


def load_thesaurus(path: Path = THESAURUS) -> list[tuple[str, list[tuple[str, float]]]]:
    """(headword, [(related term, weight)]) from a MyThes .dat file; hyponyms weigh less."""
    if not path.exists():
        raise SystemExit(f"{path} missing: run `apt-get install mythes-da`")
    entries: list[tuple[str, list[tuple[str, float]]]] = []
    head: str | None = None
    for line in path.read_text(encoding="utf-8").splitlines()[1:]:
        if not line.startswith("|") and "|" in line:
            head = fold(line.split("|")[0].strip())
            entries.append((head, []))
        elif head is not None:
            for term in line.split("|")[1:]:
                weight = HYPO_W if "(underbegreb)" in term else SYN_W
                term = fold(re.sub(r"\(.*?\)", "", term).strip())
                if term:
                    entries[-1][1].append((term, weight))
    return entries


def load_stems(path: Path = HUNSPELL) -> list[str]:
    """Hunspell's Danish stems (many compounds), folded; empty when hunspell-da is absent."""
    if not path.exists():
        return []
    lines = path.read_text(encoding="utf-8").splitlines()[1:]
    return sorted({fold(line.split("/")[0]) for line in lines} - {""})


def zipf_rank(words: Iterable[str]) -> dict[str, float]:
    """wordfreq's Danish frequency of each word (0.0 when unknown)."""
    from wordfreq import word_frequency

    return {w: word_frequency(w, "da") for w in words}


def split_compound(word: str, known: set[str], lemma_of: dict[str, str]) -> tuple[str, str] | None:
    """(modifier, head) words of a Danish compound, longest known head first.

    The modifier may carry a linking -s- or -e- ("integration|s|pulje", "børn|e|have").
    """
    def word_of(part: str) -> str | None:
        found = part if part in known else lemma_of.get(part)
        return found if found in known and len(part) >= 3 else None

    for i in range(3, len(word) - 2):
        head = word_of(word[i:])
        if head is None:
            continue
        stem = word[:i]
        for mod in (stem, stem[:-1] if stem[-1] in "se" else ""):
            found = word_of(mod)
            if found:
                return found, head
    return None


def row_index(rows: list[str], table: dict[str, str]) -> dict[str, int]:
    """Word -> row: a word that has a row keeps it, other forms share their lemma's row."""
    index = {w: i for i, w in enumerate(rows)}
    for form, lemma in table.items():
        if form not in index and lemma in index:
            index[form] = index[lemma]
    return index


def choose_rows(table: dict[str, str], thesaurus: list, freq: dict[str, float]) -> list[str]:
    """The words that get a vector: thesaurus words and lemmas of frequent forms first,
    then other lemmas (non-compounds before compounds, which word pieces can compose)."""
    core = {table.get(w, w) for w, f in freq.items() if f > 0 and WORD_RE.match(w)}
    for head, terms in thesaurus:
        core.update(t for t in [head, *(t for t, _ in terms)] if WORD_RE.match(t))
    lemma_freq: dict[str, float] = defaultdict(float)
    for form, lem in table.items():
        lemma_freq[lem] += freq.get(form, 0.0)
    ordered = sorted(core, key=lambda w: (-lemma_freq[w] - freq.get(w, 0.0), w))
    if len(ordered) < MAX_ROWS:
        known = set(ordered)
        rest = sorted(set(table.values()) - known,
                      key=lambda w: (split_compound(w, known, table) is not None, len(w), w))
        ordered += rest
    return ordered[:MAX_ROWS]


def derived_pairs(rows: list[str]) -> list[tuple[str, str]]:
    """(word, derived word) pairs: a stem of >= 5 letters plus a short ending
    ("handicap"/"handicappet", "renovere"/"renovering", "kommune"/"kommunal")."""
    ordered = sorted(rows)
    pairs = []
    for word in rows:
        stem = word[:-1] if word.endswith("e") else word
        if len(stem) < 5:
            continue
        i = bisect.bisect_left(ordered, stem)
        while i < len(ordered) and ordered[i].startswith(stem):
            other = ordered[i]
            if other != word and len(other) - len(stem) <= 4:
                pairs.append((word, other))
            i += 1
    return pairs


def build_graph(rows: list[str], table: dict[str, str], thesaurus: list,
                compounds: Iterable[str]) -> sp.csr_matrix:
    """Symmetric weighted word graph: thesaurus relations (head-term and within a sense
    line), lemma and derivation links, compound head/modifier links, and an association
    between the modifier and head of every known compound ("budget|underskud")."""
    index = row_index(rows, table)
    known = set(rows)
    edges: dict[tuple[int, int], float] = defaultdict(float)

    def link(a: str, b: str, weight: float) -> None:
        ia, ib = index.get(a), index.get(b)
        if ia is not None and ib is not None and ia != ib:
            edges[(min(ia, ib), max(ia, ib))] += weight

    for head, terms in thesaurus:
        singles = [(t, w) for t, w in terms if " " not in t]
        for term, weight in terms:
            for part in term.split() if " " in term else []:
                if len(part) >= 4:
                    link(head, part, weight * MULTI_W)
        for term, weight in singles:
            link(head, term, weight)
        for (a, wa), (b, wb) in itertools.combinations(singles[:CLIQUE_MAX], 2):
            link(a, b, SENSE_W * min(wa, wb) / len(singles))
    for word in rows:
        link(word, table.get(word, word), LEMMA_W)
        parts = split_compound(word, known, table)
        if parts:
            link(word, parts[1], HEAD_W)
            link(word, parts[0], MOD_W)
    for word, other in derived_pairs(rows):
        link(word, other, DERIV_W)
    for compound in compounds:
        parts = split_compound(compound, known, table)
        if parts:
            link(parts[0], parts[1], ASSOC_W)
    keys = sorted(edges)
    ij = np.array(keys, dtype=np.int64).reshape(-1, 2)
    w = np.array([edges[k] for k in keys], dtype=np.float64)
    n = len(rows)
    a = sp.coo_matrix((w, (ij[:, 0], ij[:, 1])), shape=(n, n))
    return (a + a.T).tocsr()


def fastrp(adj: sp.csr_matrix, dim: int = DIM, seed: int = SEED) -> np.ndarray:
    """FastRP: random identity vectors propagated over the row-normalised graph, per hop."""
    rng = np.random.default_rng(seed)
    current = rng.standard_normal((adj.shape[0], dim))
    degree = np.asarray(adj.sum(axis=1)).ravel()
    walk = sp.diags(np.divide(1.0, degree, out=np.zeros_like(degree), where=degree > 0)) @ adj
    total = np.zeros_like(current)
    for hop, weight in enumerate(HOP_WEIGHTS):
        if hop:
            current = walk @ current
        total += weight * _unit(current)
    return _unit(total)


def _unit(m: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(m, axis=1, keepdims=True)
    return m / np.where(norms > 0, norms, 1.0)


def regular(form: str, lemma: str) -> bool:
    """True when word pieces rebuild the form as its lemma (or stem) plus a known ending."""
    for stem in (lemma, lemma[:-1] if lemma.endswith("e") else lemma):
        if form.startswith(stem) and (form == stem or form[len(stem):] in SUFFIXES):
            return True
    return False


def build_vocab(rows: list[str], table: dict[str, str], freq: dict[str, float]
                ) -> tuple[dict[str, int], list[int], list[float]]:
    """WordPiece vocabulary: token -> id, plus each token's row and SIF weight.

    Row 0 is the zero vector ([UNK], single letters, inflection endings). Whole tokens are the
    row words, frequent forms and irregular forms (regular inflections are the lemma plus an
    ending piece); `##word` pieces (compound heads) exist for non-compound row words.
    """
    index = {w: i + 1 for w, i in row_index(rows, table).items()}
    known = set(rows)
    forms = sorted((f for f in table if f in index), key=lambda f: (-freq.get(f, 0.0), f))
    irregular = [f for f in forms if f not in known and not regular(f, table[f])]
    frequent = [f for f in forms if freq.get(f, 0.0) > 0]
    simple = {w for w in rows if not split_compound(w, known, table)}
    heads = sorted((w for w in rows if len(w) >= 3), key=lambda w: w not in simple)
    heads += [f for f in frequent + irregular if len(f) >= 3 and table.get(f) in simple]
    zero = ["[UNK]", *"abcdefghijklmnopqrstuvwxyzæøå0123456789"]
    ordered = (zero + ["##" + t for t in zero[1:] + SUFFIXES] + rows + frequent
               + ["##" + h for h in heads] + irregular)
    vocab: dict[str, int] = {}
    row_of: list[int] = []
    weight: list[float] = []
    for token in ordered:
        if token in vocab or len(vocab) >= MAX_TOKENS:
            continue
        word = token.removeprefix("##")
        vocab[token] = len(vocab)
        row = index.get(word, 0) if word not in SUFFIXES or not token.startswith("##") else 0
        row_of.append(row)
        weight.append(SIF_A / (SIF_A + freq.get(word, 0.0)) if row else 0.0)
    return vocab, row_of, weight


def quantize(vectors: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per-row int8 quantisation: (int8 rows, float scale per row)."""
    peak = np.abs(vectors).max(axis=1)
    scale = np.where(peak > 0, peak / 127.0, 1.0)
    return np.round(vectors / scale[:, None]).astype(np.int8), scale


def make_tokenizer(vocab: dict[str, int]):  # type: ignore[no-untyped-def]
    """WordPiece over folded Danish forms; the normalizer folds like `fold`."""
    from tokenizers import Tokenizer, normalizers, pre_tokenizers
    from tokenizers.models import WordPiece

    tok = Tokenizer(WordPiece(vocab, unk_token="[UNK]", continuing_subword_prefix="##",
                              max_input_chars_per_word=64))
    tok.normalizer = normalizers.Sequence([
        normalizers.NFKC(), normalizers.Lowercase(),
        *(normalizers.Replace(old, new) for old, new in FOLDS),
    ])
    tok.pre_tokenizer = pre_tokenizers.Whitespace()
    return tok


def save_model(out: Path, vocab: dict[str, int], row_of: list[int], weight: list[float],
               rows: np.ndarray) -> None:
    """Save through sentence-transformers, then store the weights vocabulary-quantised.

    StaticEmbedding.load folds `embeddings[mapping] * weights` into one row per token.
    """
    import torch
    from safetensors.torch import save_file
    from sentence_transformers import SentenceTransformer
    from sentence_transformers.sentence_transformer.modules import Normalize, StaticEmbedding

    table, scale = quantize(np.vstack([np.zeros((1, rows.shape[1])), rows]))
    mapping = np.asarray(row_of, dtype=np.int32)
    weights = (np.asarray(weight) * scale[mapping]).astype(np.float32)
    static = StaticEmbedding(make_tokenizer(vocab), embedding_weights=np.zeros((1, rows.shape[1]),
                                                                              np.float32))
    model = SentenceTransformer(modules=[static, Normalize()], device="cpu")
    out.mkdir(parents=True, exist_ok=True)
    model.save(str(out), create_model_card=False)
    save_file({"embeddings": torch.from_numpy(table), "mapping": torch.from_numpy(mapping),
               "weights": torch.from_numpy(weights)}, str(out / "model.safetensors"))
    (out / "model.safetensors").chmod(0o644)


def main(out: Path = OUT_DIR) -> None:
    table = load_lemma_table()
    thesaurus = load_thesaurus()
    freq = zipf_rank(sorted(table))
    rows = choose_rows(table, thesaurus, freq)
    compounds = sorted(set(table.values()) | set(load_stems()))
    adj = build_graph(rows, table, thesaurus, compounds)
    vectors = fastrp(adj)
    vocab, row_of, weight = build_vocab(rows, table, freq)
    save_model(out, vocab, row_of, weight, vectors)
    stats = {"rows": len(rows), "tokens": len(vocab), "dim": DIM, "edges": int(adj.nnz // 2)}
    (out / "build_stats.json").write_text(json.dumps(stats, indent=1) + "\n")
    print(json.dumps(stats))


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else OUT_DIR)
