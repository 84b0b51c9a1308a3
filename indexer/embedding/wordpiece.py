"""A pure-Python copy of a `tokenizers` WordPiece tokenizer, for texts as short as a query.

In: the `tokenizer.json` of a static model, read once into a `spec` (indexer/embedding/tokens.py
keeps it in a cache file). Out: `FastWordPiece.encode(text)`, the token ids `tokenizers` gives
for `text` (without special tokens), or None where this copy does not answer for the text.

Loading the Rust tokenizer of a 230,000-token vocabulary takes 0.3 s, most of a one-query
command line; this copy reads the vocabulary lazily, one hash bucket of tokens at a time, so a
query costs the few buckets its words touch. What it copies, step for step:

    normalizer      NFC/NFD/NFKC/NFKD, Lowercase, Replace (a plain string), Strip, Sequence
    pre-tokenizer   Whitespace (`\\w+|[^\\w\\s]+`), WhitespaceSplit, or none
    model           WordPiece: greedy longest match, `##` continuation, [UNK] for a word
                    with an unknown piece or of more than max_input_chars_per_word characters

A tokenizer with any other part has no spec (`spec_of` gives None): the Rust tokenizer does all
of its work. Python's and Rust's Unicode tables can differ on rare characters, so `encode`
answers only for texts whose characters are all in `safe` (the characters for which the copy was
checked against `tokenizers` when the spec was made) and that hold no added token's text.
"""

from __future__ import annotations

import re
import unicodedata
import zlib
from array import array
from collections.abc import Iterable
from typing import Any

BUCKETS = 4096  # hash buckets of the vocabulary (about 56 tokens each for 230,000)
# Rust's \w is Unicode Alphabetic, marks, decimal digits and connectors; Python's \w lacks the
# combining marks and connectors but "_", so they are added (other differences leave a
# character out of `safe`).
MARKS = (
    "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
    "\u203f\u2040\u2054\ufe33\ufe34\ufe4d-\ufe4f\uff3f"
)
WHITESPACE = re.compile(rf"[\w{MARKS}]+|[^\w\s{MARKS}]+")
FORMS = ("NFC", "NFD", "NFKC", "NFKD")
SPLITS = ("Whitespace", "WhitespaceSplit", None)


def bucket_of(token: str) -> int:
    """The vocabulary bucket of a token: a hash that is the same in every process."""
    return zlib.crc32(token.encode("utf-8", "surrogatepass")) % BUCKETS


def spec_of(config: dict[str, Any]) -> dict[str, Any] | None:
    """What `FastWordPiece` needs from a parsed tokenizer.json; None when a part is not copied."""
    model = config.get("model") or {}
    steps = _steps(config.get("normalizer"))
    split = (config.get("pre_tokenizer") or {}).get("type")
    if model.get("type") != "WordPiece" or steps is None or split not in SPLITS:
        return None
    vocab: dict[str, int] = model["vocab"]
    separator = next((s for s in "\n\x00\x1f\x1e" if not any(s in t for t in vocab)), None)
    if separator is None:
        return None
    tokens: list[list[str]] = [[] for _ in range(BUCKETS)]
    ids: list[array[int]] = [array("i") for _ in range(BUCKETS)]
    for token, token_id in vocab.items():
        where = bucket_of(token)
        tokens[where].append(token)
        ids[where].append(token_id)
    return {
        "steps": tuple(steps),
        "split": split,
        "unk": model["unk_token"],
        "prefix": model.get("continuing_subword_prefix") or "",
        "max_chars": int(model.get("max_input_chars_per_word") or 100),
        "separator": separator,
        "buckets": tuple(separator.join(b) for b in tokens),
        "ids": tuple(b.tobytes() for b in ids),
        "added": tuple(t["content"] for t in config.get("added_tokens") or () if t["content"]),
        "safe": "",  # filled by the check against `tokenizers` (indexer/embedding/tokens.py)
    }


def _steps(normalizer: dict[str, Any] | None) -> list[tuple[Any, ...]] | None:
    """The normalizer as a flat list of steps; None when one of them is not copied."""
    if normalizer is None:
        return []
    kind = normalizer.get("type")
    if kind == "Sequence":
        steps: list[tuple[Any, ...]] = []
        for part in normalizer.get("normalizers", []):
            inner = _steps(part)
            if inner is None:
                return None
            steps += inner
        return steps
    if kind in FORMS or kind == "Lowercase":
        return [(kind,)]
    if kind == "Replace" and set(normalizer.get("pattern") or {}) == {"String"}:
        return [("Replace", normalizer["pattern"]["String"], normalizer["content"])]
    if kind == "Strip":
        return [("Strip", bool(normalizer.get("strip_left")), bool(normalizer.get("strip_right")))]
    return None


def normalize(steps: Iterable[tuple[Any, ...]], text: str) -> str:
    """The text after the normalizer's steps, in order."""
    for step in steps:
        kind = step[0]
        if kind == "Lowercase":  # tokenizers lowers char by char: no final-sigma rule
            text = text.lower() if "\u03a3" not in text else "".join(c.lower() for c in text)
        elif kind == "Replace":
            text = text.replace(step[1], step[2])
        elif kind == "Strip":
            text = text.lstrip() if step[1] else text
            text = text.rstrip() if step[2] else text
        else:
            text = unicodedata.normalize(kind, text)
    return text


def pre_tokenize(split: str | None, text: str) -> list[str]:
    """The words WordPiece sees."""
    if split == "Whitespace":
        return WHITESPACE.findall(text)
    if split == "WhitespaceSplit":
        return text.split()
    return [text] if text else []


class FastWordPiece:
    """The tokenizer of a spec; `safe` must have been filled by the check (see module)."""

    def __init__(self, spec: dict[str, Any], unk_id: int) -> None:
        self.steps: tuple[tuple[Any, ...], ...] = spec["steps"]
        self.split: str | None = spec["split"]
        self.prefix: str = spec["prefix"]
        self.max_chars: int = spec["max_chars"]
        self.separator: str = spec["separator"]
        self.buckets: tuple[str, ...] = spec["buckets"]
        self.ids: tuple[bytes, ...] = spec["ids"]
        self.added: tuple[str, ...] = spec["added"]
        self.safe = frozenset(spec["safe"])
        self.unk_id = unk_id
        self._loaded: dict[int, dict[str, int]] = {}

    def encode(self, text: str) -> list[int] | None:
        """The ids of `text`, or None when it has a character outside `safe` or an added token."""
        if not self.safe.issuperset(text):
            return None
        return self.encode_unchecked(text)

    def encode_unchecked(self, text: str) -> list[int] | None:
        """`encode` without the `safe` test (the check uses it to find the safe characters)."""
        normalized = normalize(self.steps, text)
        if any(a in text or a in normalized for a in self.added):
            return None
        ids: list[int] = []
        for word in pre_tokenize(self.split, normalized):
            ids += self.word(word)
        return ids

    def word(self, word: str) -> list[int]:
        """WordPiece on one word, as tokenizers' `WordPiece::tokenize` does it."""
        if len(word) > self.max_chars:
            return [self.unk_id]
        pieces: list[int] = []
        start = 0
        while start < len(word):
            end = len(word)
            while start < end:
                piece = word[start:end] if start == 0 else self.prefix + word[start:end]
                found = self.lookup(piece)
                if found is not None:
                    pieces.append(found)
                    break
                end -= 1
            else:
                return [self.unk_id]
            start = end
        return pieces

    def lookup(self, token: str) -> int | None:
        """The id of a vocabulary token (its bucket is unpacked on first use)."""
        where = bucket_of(token)
        bucket = self._loaded.get(where)
        if bucket is None:
            ids = array("i")
            ids.frombytes(self.ids[where])
            tokens = self.buckets[where].split(self.separator) if ids else []
            bucket = self._loaded[where] = dict(zip(tokens, ids, strict=True))
        return bucket.get(token)
