"""Danish text analysis for the lexical index: the same terms for documents and queries.

analyse(text) -> terms: tokenise; drop stop words; for each word its folded lemma plus the
lemmas of its compound parts ("integrationspuljen" -> integrationspulje, integration, pulje);
for each number or case number the whole ("15.40.00-p20-2-19") plus its pieces.

Folding (fold) makes case, accents and old spelling not matter:
- NFKC, then case folding ("Ǆ", "ß" -> "ss");
- ä -> æ and ö -> ø (the Swedish/German letters Danish names sometimes carry);
- accents stripped except on æ, ø, å ("é" -> "e", "ü" -> "u");
- "aa" -> "å", so Aarhus = Århus and Aabenraa = Åbenrå. We map aa -> å (not å -> aa) so
  terms stay modern Danish. A word with "aa" across a compound seam ("ekstraarbejde") folds
  to "ekstråbejde"; that is harmless because documents and queries fold alike, and its parts
  (ekstra, arbejde) are split before folding.
Lemmas and splits are looked up on the lower-cased word before folding, so the lexicon sees
real spellings; an unknown "aa" word is retried with "å" ("gaar" -> "gå").
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

from indexer.analysis import compounds
from indexer.analysis.stopwords import STOPWORDS

__all__ = [
    "STOPWORDS",
    "analyse",
    "analyse_query",
    "fold",
    "learn_vocabulary",
    "lemma",
    "split_compound",
    "tokenize",
]

# A token with a digit (numbers, dates, case numbers: "15.40.00-P20-2-19", "1.475.000",
# "56,4") keeps its inner . , / - ; any other token is a run of letters.
_TOKEN = re.compile(r"[^\W_]*\d[^\W_]*(?:[.,/-][^\W_]+)*|[^\W\d_]+")
_DATE = re.compile(r"\d{1,2}\.\d{1,2}\.(\d{4})")
_PIECES = re.compile(r"[-/]")
_SCANDINAVIAN = str.maketrans({"ä": "æ", "ö": "ø"})
_KEEP = frozenset("æøå")


@lru_cache(maxsize=4096)
def _strip_accents(char: str) -> str:
    if char in _KEEP:
        return char
    return "".join(c for c in unicodedata.normalize("NFD", char) if unicodedata.category(c) != "Mn")


def fold(text: str) -> str:
    """Lower-case, NFKC, ä/ö -> æ/ø, accents off except æøå, "aa" -> "å"."""
    text = unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", text).casefold())
    text = text.translate(_SCANDINAVIAN)
    if not text.isascii():
        text = "".join(_strip_accents(c) if ord(c) > 127 else c for c in text)
    return text.replace("aa", "å")


def tokenize(text: str) -> list[str]:
    """The tokens of text as written (NFKC): words, numbers and case numbers."""
    return _TOKEN.findall(unicodedata.normalize("NFKC", text))


def lemma(word: str) -> str:
    """The Danish lemma of a word, lower-cased, not folded ("Kommunens" -> "kommune")."""
    return compounds.lemma(_lower(word))


def split_compound(word: str) -> list[str]:
    """The lemmas of a compound's parts ("integrationspuljen" -> ["integration", "pulje"]).

    A word that is no compound gives [lemma(word)].
    """
    return list(compounds.split_compound(_lower(word)))


def analyse(text: str) -> list[str]:
    """The index terms of text, in order, repeated as often as they occur."""
    terms: list[str] = []
    for token in _TOKEN.findall(unicodedata.normalize("NFKC", text)):
        terms.extend(_terms(token))
    return terms


def analyse_query(text: str) -> list[str]:
    """The terms of a query: as analyse, each term once, in order of first occurrence."""
    return list(dict.fromkeys(analyse(text)))


def learn_vocabulary(texts: Iterable[str], min_count: int = 2) -> int:
    """Let the archive's own frequent words serve as compound parts; return how many.

    Splits change with it: learn the same texts before indexing and before querying.
    """
    words = (_lower(token) for text in texts for token in tokenize(text))
    added = compounds.learn_words(words, min_count)
    _terms.cache_clear()
    return added


def _lower(word: str) -> str:
    return unicodedata.normalize("NFKC", word).casefold()


@lru_cache(maxsize=200_000)
def _terms(token: str) -> tuple[str, ...]:
    if any(c.isdigit() for c in token):
        return _number_terms(token)
    word = _lower(token)
    if len(word) < 2 or fold(word) in STOPWORDS:
        return ()
    base = fold(compounds.lemma(word))
    if base in STOPWORDS:
        return ()
    terms = [base]
    parts = compounds.split_compound(word)
    if len(parts) > 1:
        terms.extend(fold(part) for part in parts)
    return tuple(dict.fromkeys(t for t in terms if t not in STOPWORDS))


def _number_terms(token: str) -> tuple[str, ...]:
    """The whole number or case number, its pieces between - and /, and a date's year."""
    whole = fold(token)
    terms = [whole]
    if _PIECES.search(whole):
        terms.extend(p for p in _PIECES.split(whole) if len(p) >= 2)
    date = _DATE.fullmatch(whole)
    if date:
        terms.append(date.group(1))
    return tuple(dict.fromkeys(terms))
