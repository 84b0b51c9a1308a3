"""The Danish vocabulary of models/build_embedding.py: tokens, and the trained row of each.

A row is a lemma (simplemma's Danish form -> lemma table) that the Danish side of the parallel
text uses at least MIN_COUNT times, an inflection or linking ending (`##s`, `##en`, ...), or a
single character. Every form of a row's lemma is a whole-word token mapped to that row, and the
lemma and its frequent forms are also `##` continuation tokens, so WordPiece's greedy
longest match splits an unseen compound into known parts: `trafiksikkerhed` -> `trafik
##sikkerhed`, `hjemløseindsatsen` -> `hjemløse ##indsatsen`. Inflected forms share their
lemma's row (model2vec's `mapping`), so `kommunens` learns from every `kommune`.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable

SPECIALS = ["[UNK]"]
ENDINGS = ["s", "e", "en", "et", "er", "erne", "ene", "ende", "es", "ne", "r", "rne", "ns",
           "ts", "ers", "ets", "ernes", "enes", "ede", "te", "t", "st", "ste", "est", "este",
           "re", "ret", "rede", "nes", "n", "ning", "ninger", "ningen", "ningerne", "hed",
           "heden", "heder", "lig", "lige", "ligt", "isk", "iske"]
CHARS = "abcdefghijklmnopqrstuvwxyzæøå0123456789"
# Folding as indexer/analysis.fold: lower-case, aa -> å, ä/ö -> æ/ø, common accents off.
FOLDS = (("aa", "å"), ("ä", "æ"), ("ö", "ø"), ("é", "e"), ("è", "e"), ("ê", "e"), ("á", "a"),
         ("à", "a"), ("ü", "u"))
WORD = re.compile(r"[a-zæøå]+")


def fold(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).lower()
    for old, new in FOLDS:
        text = text.replace(old, new)
    return text


def lemma_table() -> dict[str, str]:
    """simplemma's Danish form -> lemma table, folded, single alphabetic words only."""
    from simplemma.strategies.dictionaries.dictionary_factory import (
        _load_dictionary_from_disk,
    )

    table: dict[str, str] = {}
    for form_b, lemma_b in sorted(_load_dictionary_from_disk("da").items()):
        form, lemma = fold(form_b.decode()), fold(lemma_b.decode())
        if WORD.fullmatch(form) and WORD.fullmatch(lemma):
            table.setdefault(form, lemma)
    return table


def word_counts(texts: Iterable[str]) -> Counter[str]:
    return Counter(w for t in texts for w in WORD.findall(fold(t)))


def build_vocab(texts: list[str], common: set[str], min_count: int, max_rows: int,
                max_tokens: int) -> tuple[dict[str, int], list[int]]:
    """(token -> id, row of each token id). Rows: specials, characters and endings first,
    then lemmas by corpus frequency; `common` (frequent Danish words) picks which forms of a
    lemma become tokens besides the forms the corpus uses."""
    table = lemma_table()
    counts = word_counts(texts)
    lemma_counts: Counter[str] = Counter()
    for word, n in counts.items():
        lemma_counts[table.get(word, word)] += n
    fixed = SPECIALS + list(CHARS) + [f"##{c}" for c in CHARS] + [f"##{e}" for e in ENDINGS]
    lemmas = [w for w, n in sorted(lemma_counts.items(), key=lambda kv: (-kv[1], kv[0]))
              if n >= min_count and len(w) > 1][: max_rows - len(fixed)]
    forms: dict[str, list[str]] = {lemma: [lemma] for lemma in lemmas}
    for form, lemma in sorted(table.items()):
        if lemma in forms and form != lemma and (form in counts or form in common):
            forms[lemma].append(form)
    vocab: dict[str, int] = {}
    rows: list[int] = []

    def add(token: str, row: int) -> None:
        if token not in vocab and len(vocab) < max_tokens:
            vocab[token] = len(vocab)
            rows.append(row)

    for row, token in enumerate(fixed):
        add(token, row)
    for row, lemma in enumerate(lemmas, start=len(fixed)):
        for form in forms[lemma]:
            add(form, row)
    for row, lemma in enumerate(lemmas, start=len(fixed)):
        for form in forms[lemma]:
            if len(form) >= 3 and (form == lemma or form in common):
                add(f"##{form}", row)
    return vocab, rows


def make_tokenizer(vocab: dict[str, int]):  # noqa: ANN201 - tokenizers is imported lazily
    from tokenizers import Tokenizer, normalizers, pre_tokenizers
    from tokenizers.models import WordPiece

    tokenizer = Tokenizer(WordPiece(vocab, unk_token="[UNK]", continuing_subword_prefix="##",
                                    max_input_chars_per_word=64))
    tokenizer.normalizer = normalizers.Sequence(
        [normalizers.NFKC(), normalizers.Lowercase()]
        + [normalizers.Replace(old, new) for old, new in FOLDS])
    tokenizer.pre_tokenizer = pre_tokenizers.Whitespace()
    return tokenizer
