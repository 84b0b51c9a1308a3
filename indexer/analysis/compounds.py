"""Danish lemmas and compound splitting, from the lexicon shipped in models/analysis/.

The lexicon (built by models/build_lexicon.py from simplemma's dictionary and wordfreq's
frequencies) holds every known word with its zipf frequency, the set of lemmas, suffix rules
and the forms the rules get wrong. Run time needs neither simplemma nor wordfreq.

Words are expected lower-case (indexer.analysis.terms lower-cases before it asks).
"""

from __future__ import annotations

import gzip
import math
from collections import Counter
from collections.abc import Iterable, Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from indexer.analysis.stopwords import NOT_PARTS
from indexer.errors import ModelError

DATA_DIR = Path(__file__).resolve().parents[2] / "models" / "analysis"
FLOOR_ZIPF = 2.0  # a dictionary word that wordfreq (zipf >= 3 or so) never saw
LEARNT_MAX_ZIPF = 3.0  # archive words count as rare: a small archive inflates frequencies
PART_MAX_ZIPF = 5.0  # a very common part ("god", "dag") counts no more than a common one
SPLIT_MARGIN = 0.3  # a split must beat a known whole word by this much (zipf)
EXTRA_PART_COST = 1.0  # each part past two costs this much (zipf): "hjemløs", not "hjem løs"
# A derivation of a word that is no compound is no compound: godkendelse (godkende + lse).
DERIVATIONS = ("else", "lse", "ning", "ing", "er", "ere", "hed", "lig", "ende", "t", "et")
MIN_PART = 3
MIN_TAIL = 5  # an unknown word takes the lemma of a known tail this long ("...puljen")
MAX_PARTS = 4
MAX_STRIP = 7
LINKERS = ("", "s", "e")

Split = tuple[float, tuple[str, ...]]  # (sum of part zipfs, parts)


@dataclass
class Lexicon:
    """Known words with zipf frequencies, lemmas, suffix rules and their exceptions."""

    zipf: Mapping[str, float]  # dicts and frozensets, or their lazy copies (lexicon_cache)
    lemmas: AbstractSet[str]
    verbs: AbstractSet[str]
    rules: dict[str, list[tuple[int, str]]]  # strip -> [(rank, add)], best rank first
    exceptions: Mapping[str, str]
    learnt: dict[str, float] = field(default_factory=dict)

    def lookup(self, word: str) -> str | None:
        """The lemma of a known form (dictionary or rule), or None."""
        if word in self.exceptions:
            return self.exceptions[word]
        if word in self.lemmas:
            return word
        candidates: list[tuple[int, str]] = []
        for n in range(min(MAX_STRIP, len(word) - 2) + 1):
            strip = word[len(word) - n :]
            for rank, add in self.rules.get(strip, ()):
                candidates.append((rank, word[: len(word) - n] + add))
        for _, candidate in sorted(candidates):
            if candidate in self.lemmas:
                return candidate
        return None

    def part_zipf(self, word: str) -> float | None:
        """The zipf of a word that may stand as a compound part, or None."""
        if len(word) < MIN_PART or word in NOT_PARTS:
            return None
        z = self.zipf.get(word)
        if z is None:
            return self.learnt.get(word)
        if (len(word) == MIN_PART and word not in self.lemmas) or (not z and len(word) < 6):
            return None  # short or unseen odd words ("uds", "ilbud") make false splits
        if self.lookup(word) in NOT_PARTS:
            return None
        return min(max(z, FLOOR_ZIPF), PART_MAX_ZIPF)


def load_lexicon(directory: Path = DATA_DIR) -> Lexicon:
    """Read the lexicon files; ModelError says how to build them when they are missing."""
    try:
        zipf: dict[str, float] = {}
        lemmas: set[str] = set()
        verbs: set[str] = set()
        with gzip.open(directory / "lexicon.tsv.gz", "rt", encoding="utf-8") as fh:
            for line in fh:
                word, z, flags = line.rstrip("\n").split("\t")
                zipf[word] = float(z)
                if int(flags) & 1:
                    lemmas.add(word)
                if int(flags) & 2:
                    verbs.add(word)
        rules: dict[str, list[tuple[int, str]]] = {}
        with open(directory / "lemma_rules.tsv", encoding="utf-8") as fh:
            for rank, line in enumerate(fh):
                strip, add, _ = line.rstrip("\n").split("\t")
                rules.setdefault(strip, []).append((rank, add))
        with gzip.open(directory / "lemma_exceptions.tsv.gz", "rt", encoding="utf-8") as fh:
            exceptions = dict(line.rstrip("\n").split("\t") for line in fh)
    except (OSError, ValueError) as exc:
        raise ModelError(
            f"cannot read the Danish lexicon in {directory} ({exc}); "
            "rebuild it with: .venv/bin/python models/build_lexicon.py"
        ) from exc
    return Lexicon(zipf, frozenset(lemmas), frozenset(verbs), rules, exceptions)


def _lexicon_fields(directory: Path) -> tuple[object, ...]:
    lex = load_lexicon(directory)
    return lex.zipf, lex.lemmas, lex.verbs, lex.rules, lex.exceptions


@lru_cache(maxsize=1)
def get_lexicon() -> Lexicon:
    """The shipped lexicon, loaded once, from its binary copy when that is up to date."""
    from indexer.analysis.lexicon_cache import load_cached

    return Lexicon(*load_cached(DATA_DIR, _lexicon_fields))  # type: ignore[arg-type]


@lru_cache(maxsize=200_000)
def lemma(word: str) -> str:
    """The Danish lemma of a lower-case word ("kommunens" -> "kommune").

    Unknown words take the lemma of their longest known tail, which handles new compounds
    ("integrationspuljen" -> "integrationspulje"); old spelling "aa" is tried as "å".
    """
    lex = get_lexicon()
    found = lex.lookup(word)
    if found is None and "aa" in word:
        found = lex.lookup(word.replace("aa", "å"))
    if found is not None:
        return found
    for start in range(MIN_PART, len(word) - MIN_TAIL + 1):
        head = lex.lookup(word[start:])
        if head is not None:
            return word[:start] + head
    return word


def _parts(lex: Lexicon, word: str) -> list[Split]:
    """Every way to cut word into known parts joined by linkers, up to MAX_PARTS parts."""
    return list(_cuts(lex, word, MAX_PARTS))


def _cuts(lex: Lexicon, word: str, budget: int) -> Iterable[Split]:
    whole = lex.part_zipf(word)
    if whole is not None:
        yield whole, (word,)
    if budget < 2:
        return
    for end in range(MIN_PART, len(word) - MIN_PART + 1):
        for linker in LINKERS:
            first = _first_part(lex, word[:end], linker)
            if first is None:
                continue
            rest = word[end:]
            if not rest.startswith(linker) or len(rest) - len(linker) < MIN_PART:
                continue
            for score, parts in _cuts(lex, rest[len(linker) :], budget - 1):
                yield first[0] + score, (first[1], *parts)


def _first_part(lex: Lexicon, stem: str, linker: str) -> tuple[float, str] | None:
    """A non-final part: a known word, or one whose final -e drops before -s ("arbejds")."""
    z = lex.part_zipf(stem)
    if z is not None or linker != "s":
        return None if z is None else (z, stem)
    z = lex.part_zipf(stem + "e")
    return None if z is None else (z, stem + "e")


@lru_cache(maxsize=200_000)
def split_compound(word: str) -> list[str]:
    """The lemmas of a compound's parts, or [lemma(word)] when it is not a compound.

    The split chosen has the highest mean zipf of its parts (the geometric mean of their
    frequencies); it must beat the whole word's own zipf. Linking -s- and -e- are allowed
    between parts: "beskæftigelsesudvalget" -> ["beskæftigelse", "udvalg"]. Verbs
    ("godkende") and derivations of simple words ("godkendelse") stay whole.
    """
    lex = get_lexicon()
    base = lemma(word)
    parts = _best_split(lex, base)
    if parts is None or base in lex.verbs or _derived_from_simple(lex, base):
        return [base]
    return [part if part in lex.lemmas or part in lex.learnt else lemma(part) for part in parts]


def _best_split(lex: Lexicon, word: str) -> tuple[str, ...] | None:
    """The best-scoring split of word into two or more parts, if it beats the whole word."""
    whole = lex.zipf.get(word)
    if whole is None:
        whole = lex.learnt.get(word, -math.inf)
    if whole == 0.0:  # a dictionary word that wordfreq never saw: rare, so split freely
        whole = FLOOR_ZIPF - SPLIT_MARGIN
    best: Split | None = None
    for total, parts in _parts(lex, word):
        score = total / len(parts) - EXTRA_PART_COST * (len(parts) - 2)
        if len(parts) > 1 and (best is None or score > best[0]):
            best = (score, parts)
    if best is None or best[0] <= whole + SPLIT_MARGIN:
        return None
    return best[1]


def _derived_from_simple(lex: Lexicon, word: str) -> bool:
    """Whether word is a simple (unsplittable) lemma plus a derivational suffix."""
    for suffix in DERIVATIONS:
        if not word.endswith(suffix) or len(word) - len(suffix) < 2 * MIN_PART:
            continue
        for stem in (word[: -len(suffix)], word[: -len(suffix)] + "e"):
            if stem in lex.lemmas:
                return _best_split(lex, stem) is None
    return False


def learn_words(words: Iterable[str], min_count: int = 2) -> int:
    """Add frequent unknown words (lower-case) as possible compound parts; return how many.

    Use the archive's own vocabulary, the same before indexing and before querying: splits
    change with it. indexer.analysis.terms.learn_vocabulary tokenises texts for this.
    """
    lex = get_lexicon()
    counts = Counter(w for w in words if w.isalpha() and len(w) >= MIN_PART)
    total = sum(counts.values()) or 1
    added = 0
    for word, n in counts.items():
        if n >= min_count and word not in lex.zipf and lex.lookup(word) is None:
            lex.learnt[word] = min(LEARNT_MAX_ZIPF, math.log10(n / total) + 9)
            added += 1
    split_compound.cache_clear()
    return added
