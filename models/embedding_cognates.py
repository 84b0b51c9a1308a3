"""English glosses for Danish loanwords by spelling rules (models/embedding_lexicon.py).

Much of the vocabulary of administration is Latin or French in both languages and differs
only by regular spelling: `konsekvens` -> consequence, `koordinering` -> coordination,
`kvalitet` -> quality, `økonomisk` -> economic, `strategi` -> strategy. No dictionary here
lists most of them, so a Danish word the dictionaries leave unglossed is rewritten by the rules
below (an ending first, then letter by letter), and every rewrite that is a frequent English
word (wordfreq's top ENGLISH_WORDS, at least MIN_LENGTH letters) becomes a gloss, the most
frequent first. A rewrite equal to the Danish word must be longer still (MIN_SAME letters),
since short identical words are often false friends ("brand" is a fire, "fart" is speed).

Run `python models/embedding_cognates.py WORD ...` to see the glosses of words.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Sequence
from functools import lru_cache

ENGLISH_WORDS = 80_000
MIN_LENGTH, MIN_SAME = 5, 7
MAX_GLOSSES = 2
MAX_VARIANTS = 3000
COGNATE_WEIGHT = 0.5
ENDINGS = [("ering", ["ation", "ing", "e", "ization", "isation"]), ("iske", ["ic", "ical"]),
           ("isk", ["ic", "ical", "ish"]), ("itet", ["ity"]), ("ens", ["ence", "ency"]),
           ("ans", ["ance", "ancy"]), ("ere", ["ate", "e", "ize", "ise"]), ("ur", ["ure"]),
           ("el", ["le", "al"]), ("iv", ["ive"]), ("ik", ["ic", "ics"]), ("at", ["ate"]),
           ("i", ["y"]), ("", [""])]
LETTERS = [("kv", ["qu"]), ("ks", ["x"]), ("k", ["c", "k", "ch"]), ("j", ["y", "j", "i"]),
           ("ø", ["o", "e", "eu"]), ("æ", ["e", "a", "ae"]), ("å", ["a", "o"]), ("f", ["f", "ph"]),
           ("t", ["t", "th"]), ("s", ["s", "c", "z"]), ("i", ["i", "y"])]


@lru_cache(maxsize=1)
def english() -> dict[str, int]:
    """Frequent English words -> frequency rank (0 = most frequent)."""
    from wordfreq import top_n_list

    words = [w for w in top_n_list("en", ENGLISH_WORDS) if w.isalpha()]
    return {w: rank for rank, w in enumerate(words)}


def spellings(stem: str) -> Iterator[str]:
    """Every letter-by-letter rewrite of `stem` (at most MAX_VARIANTS)."""
    pieces: list[list[str]] = []
    i = 0
    while i < len(stem):
        for pattern, options in LETTERS:
            if stem.startswith(pattern, i):
                pieces.append(options)
                i += len(pattern)
                break
        else:
            pieces.append([stem[i]])
            i += 1
    yield from itertools.islice(("".join(c) for c in itertools.product(*pieces)), MAX_VARIANTS)


def cognates(word: str) -> list[str]:
    """The English words `word` is spelt as by the rules, most frequent first."""
    known = english()
    found: set[str] = set()
    if len(word) < MIN_LENGTH:
        return []
    for ending, options in ENDINGS:
        if not word.endswith(ending):
            continue
        stem = word[: len(word) - len(ending)]
        for spelt in spellings(stem):
            found.update(c for o in options if (c := spelt + o) in known and len(c) >= MIN_LENGTH
                         and (c != word or len(word) >= MIN_SAME))
    return sorted(found, key=lambda c: known[c])[:MAX_GLOSSES]


def cognate_glosses(words: Sequence[str]) -> dict[str, dict[str, float]]:
    """Danish word -> {English gloss: weight} for the words the rules can spell in English."""
    out: dict[str, dict[str, float]] = {}
    for word in words:
        found = cognates(word)
        if found:
            out[word] = {g: COGNATE_WEIGHT / (1.0 + 0.5 * rank) for rank, g in enumerate(found)}
    return out


if __name__ == "__main__":
    import sys

    for w in sys.argv[1:]:
        print(w, cognates(w))
