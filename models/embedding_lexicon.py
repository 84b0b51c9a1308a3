"""A Danish word -> English gloss lexicon from offline sources (models/build_embedding_glossed.py).

Sources (all Debian packages, read from the files they install; the catalogue pairs come from
models/embedding_corpus.py):

- FreeDict Danish-English (`dict-freedict-dan-eng`): every sense of every headword; the first
  sense weighs most.
- FreeDict English-Danish (`dict-freedict-eng-dan`), reversed: Danish translation -> English
  headword.
- Message catalogues (msgid English -> msgstr Danish): single-word Danish entries whose English
  side is a short phrase are glosses as they stand; words of short entries (at most MAX_ALIGN
  words a side) are aligned by the Dice coefficient of their co-occurrence.

Danish words are folded and lemmatised as the model's rows are (models/build_embedding.py:
simplemma's table), English glosses are lower-cased. `gloss_table` returns word ->
[(gloss, weight)], at most MAX_GLOSSES per word, best first.

Run `python models/embedding_lexicon.py` to print the lexicon's size per source.
"""

from __future__ import annotations

import gzip
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path

from embedding_corpus import _b64  # the dictd index's offsets, read as FreeDict pairs are

DICTD = Path("/usr/share/dictd")
MAX_GLOSSES = 6
MAX_ALIGN = 5  # words per side for Dice alignment
MIN_DICE, MIN_COOC = 0.3, 2
CATALOGUE_WEIGHT, ALIGN_WEIGHT, REVERSED_WEIGHT, NORDIC_WEIGHT = 0.8, 0.6, 0.8, 0.5
_EN_STOP = """a an the of to in on for and or with by at from as is are be this that
it its your you all new not no into over under per than then use using used can will"""
EN_STOP = frozenset(_EN_STOP.split())
_EN_WORD = re.compile(r"[a-z][a-z'-]*")
_NOTE = re.compile(r"\([^)]*\)|\[[^]]*\]|<[^>]*>|/[^/]*/")
# senses part at ";", "," and sense numbers ("1. bud 2. tilbud 2." in FreeDict eng-nor)
_SEPARATOR = re.compile(r"[;,]|(?<!\S)\d+\.(?!\S)")

Glosses = dict[str, list[tuple[str, float]]]


def dictd_entries(name: str) -> Iterator[tuple[str, list[str]]]:
    """(headword, [translations]) of a dictd dictionary, in index order."""
    data_path, index = DICTD / f"{name}.dict.dz", DICTD / f"{name}.index"
    if not data_path.exists() or not index.exists():
        raise SystemExit(f"{data_path} missing: apt-get install dict-{name}")
    with gzip.open(data_path, "rb") as handle:
        data = handle.read()
    for line in index.read_text(encoding="utf-8").splitlines():
        head, offset, length = line.split("\t")
        if head.startswith("00database") or head.startswith("00-database"):
            continue
        entry = data[_b64(offset):_b64(offset) + _b64(length)].decode("utf-8", "replace")
        yield head.strip(), [s for ln in entry.splitlines()[1:] for s in split_senses(ln)]


def split_senses(line: str) -> list[str]:
    """The translations on one line of a dictd entry: notes and sense numbers left out."""
    parts = _SEPARATOR.split(_NOTE.sub(" ", line))
    return [" ".join(p.split()) for p in parts if p.strip()]


def clean_gloss(text: str) -> str | None:
    """A lower-case English gloss of at most 4 words, or None."""
    text = re.sub(r"^(to|a|an|the) ", "", " ".join(_NOTE.sub(" ", text).lower().split()))
    text = text.strip(" .:-!?")
    words = text.split()
    if not words or len(words) > 4 or not all(_EN_WORD.fullmatch(w) for w in words):
        return None
    return text


class Lemmatiser:
    """Folded Danish word -> lemma (simplemma's table as the model rows use it)."""

    def __init__(self, table: dict[str, str]) -> None:
        self.table = table

    def __call__(self, word: str) -> str:
        from embedding_vocab import fold

        word = fold(word)
        return self.table.get(word, word)


def add(out: dict[str, dict[str, float]], word: str, gloss: str | None, weight: float) -> None:
    if gloss and word:
        out[word][gloss] = max(out[word].get(gloss, 0.0), weight)


def dictionary_senses(forward: Iterable[str], reverse: Iterable[str],
                      key: Callable[[str], str]) -> dict[str, dict[str, float]]:
    """word -> {English gloss: weight} from X-English dictionaries (`forward`: every sense of a
    one-word headword, the first weighing most) and English-X ones read backwards (`reverse`:
    a one-word translation -> its English headword, at REVERSED_WEIGHT). `key` makes a word the
    table's key (a Danish lemma, or a Swedish/Norwegian word lower-cased)."""
    out: dict[str, dict[str, float]] = defaultdict(dict)
    for name in forward:
        for head, senses in dictd_entries(name):
            if " " in head.strip():
                continue
            for rank, sense in enumerate(senses):
                add(out, key(head), clean_gloss(sense), 1.0 / (1.0 + 0.3 * rank))
    for name in reverse:
        for head, senses in dictd_entries(name):
            gloss = clean_gloss(head)
            for rank, sense in enumerate(senses):
                if " " not in sense.strip():
                    add(out, key(sense), gloss, REVERSED_WEIGHT / (1.0 + 0.3 * rank))
    return out


def freedict_glosses(lemma: Lemmatiser) -> dict[str, dict[str, float]]:
    return dictionary_senses(["freedict-dan-eng"], ["freedict-eng-dan"], lemma)


def nordic_glosses(lemma: Lemmatiser) -> dict[str, dict[str, float]]:
    """Norwegian and Swedish FreeDict entries spelt as a Danish word is ("borger", "kommune"):
    the languages share much of their vocabulary; false friends make these weigh less."""
    out: dict[str, dict[str, float]] = defaultdict(dict)
    known = set(lemma.table)

    def take(word: str, gloss: str | None, weight: float) -> None:
        word = word.strip().lower()
        if " " not in word and word in known:
            add(out, lemma(word), gloss, weight)

    for name in ("freedict-eng-nor", "freedict-eng-swe"):
        for head, senses in dictd_entries(name):
            for rank, sense in enumerate(senses):
                take(sense, clean_gloss(head), NORDIC_WEIGHT / (1.0 + 0.3 * rank))
    for head, senses in dictd_entries("freedict-swe-eng"):
        for rank, sense in enumerate(senses):
            take(head, clean_gloss(sense), NORDIC_WEIGHT / (1.0 + 0.3 * rank))
    return out


def _words(text: str) -> list[str]:
    from embedding_vocab import WORD, fold

    return WORD.findall(fold(text))


def catalogue_glosses(pairs: Iterable[tuple[str, str]], lemma: Lemmatiser,
                      stop: frozenset[str]) -> dict[str, dict[str, float]]:
    """Single-word Danish entries as they stand, plus Dice-aligned words of short entries."""
    out: dict[str, dict[str, float]] = defaultdict(dict)
    direct: Counter[tuple[str, str]] = Counter()
    cooc: Counter[tuple[str, str]] = Counter()
    da_count: Counter[str] = Counter()
    en_count: Counter[str] = Counter()
    for da, en in pairs:
        da_words = [w for w in _words(da) if w not in stop and len(w) > 1]
        en_words = [w for w in _EN_WORD.findall(en.lower()) if w not in EN_STOP and len(w) > 1]
        gloss = clean_gloss(en)
        if len(_words(da)) == 1 and da_words and gloss:
            direct[(lemma(da_words[0]), gloss)] += 1
        if not da_words or not en_words or max(len(da_words), len(en_words)) > MAX_ALIGN:
            continue
        da_set, en_set = {lemma(w) for w in da_words}, set(en_words)
        da_count.update(da_set)
        en_count.update(en_set)
        cooc.update((d, e) for d in da_set for e in en_set)
    for (word, gloss), n in sorted(direct.items()):
        add(out, word, gloss, CATALOGUE_WEIGHT * min(1.0, 0.5 + 0.25 * n))
    for (word, en), n in sorted(cooc.items()):
        dice = 2 * n / (da_count[word] + en_count[en])
        if n >= MIN_COOC and dice >= MIN_DICE:
            add(out, word, en, ALIGN_WEIGHT * dice)
    return out


def merge(*tables: dict[str, dict[str, float]]) -> Glosses:
    """word -> [(gloss, weight)] best first, at most MAX_GLOSSES."""
    merged: dict[str, dict[str, float]] = defaultdict(dict)
    for table in tables:
        for word, glosses in table.items():
            for gloss, weight in glosses.items():
                merged[word][gloss] = max(merged[word].get(gloss, 0.0), weight)
    return {w: sorted(g.items(), key=lambda kv: (-kv[1], kv[0]))[:MAX_GLOSSES]
            for w, g in sorted(merged.items())}


def gloss_table(table: dict[str, str], pairs: Iterable[tuple[str, str]],
                bridge_words: Sequence[str] = (), cognate_words: Sequence[str] = ()
                ) -> tuple[Glosses, dict]:
    """The merged lexicon and its size per source. `bridge_words` that neither FreeDict nor the
    catalogues gloss are glossed through Swedish and Norwegian (models/embedding_bridge.py);
    `cognate_words` still without a gloss, by spelling rules (models/embedding_cognates.py)."""
    from embedding_bridge import bridge_glosses
    from embedding_cognates import cognate_glosses

    from indexer.analysis.stopwords import STOPWORDS

    lemma = Lemmatiser(table)
    free = freedict_glosses(lemma)
    cat = catalogue_glosses(pairs, lemma, STOPWORDS)
    nordic = nordic_glosses(lemma)
    bridge = bridge_glosses([w for w in bridge_words if w not in free and w not in cat])
    known = free.keys() | cat.keys() | bridge.keys()
    spelt = cognate_glosses([w for w in cognate_words if w not in known])
    glosses = merge(free, cat, nordic, bridge, spelt)
    stats = {"freedict_words": len(free), "catalogue_words": len(cat),
             "nordic_words": len(nordic), "bridge_words": len(bridge),
             "cognate_words": len(spelt), "words": len(glosses),
             "glosses": sum(len(g) for g in glosses.values())}
    return glosses, stats


def main() -> None:
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import build_embedding as graph
    from build_embedding_glossed import lexicon_pairs

    table = graph.load_lemma_table()
    rows = graph.choose_rows(table, graph.load_thesaurus(), graph.zipf_rank(sorted(table)))
    glosses, stats = gloss_table(table, lexicon_pairs(), rows, rows)
    print(stats)
    for word in ["kommune", "borger", "skole", "bevilling", "høring", "tilbud", "idræt", "ældre",
                 "konsekvens", "forvaltning"]:
        print(word, glosses.get(word))


if __name__ == "__main__":
    main()
