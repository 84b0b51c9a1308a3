"""A fast stand-in for an AttributeRuler of gazetteer patterns.

The bundled NER model marks gazetteer hits as token features through an AttributeRuler: a
`Matcher` over single-token `{"ORTH"|"LOWER": {"IN": [...]}}` lists and multi-token exact-ORTH
phrases. `GazetteerRuler` assigns exactly the same attributes with hash-keyed dict lookups for
the single-token patterns and a `PhraseMatcher` (attr ORTH) for the phrases:

    gazetteer = from_attribute_ruler(ner.get_pipe("attribute_ruler"))  # InvalidInput if unsupported
    add_gazetteer(nlp, ner, "attribute_ruler")  # -> True when added in the ruler's place

Like AttributeRuler, every pattern has an ordinal (its position); a token's attributes are set
in ordinal order, so the latest pattern wins. Only token-level attributes (TAG, POS, LEMMA,
MORPH) are supported, so the order across tokens cannot matter.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import numpy
import srsly
from spacy.attrs import LOWER, ORTH
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.pipeline import AttributeRuler
from spacy.strings import get_string_id
from spacy.tokens import Doc
from spacy.tokens._retokenize import normalize_token_attrs
from spacy.vocab import Vocab

from indexer.errors import InvalidInput

FACTORY = "referat_gazetteer"
_TOKEN_ATTRS = {"TAG", "POS", "LEMMA", "MORPH"}  # per-token only: no lexeme side effects
_ORTH_KEYS = {"ORTH", "TEXT"}
_LOOKUP_KEYS = {"ORTH": ORTH, "TEXT": ORTH, "LOWER": LOWER}
_PATTERNS_FILE = "patterns.msgpack"

# What a pattern sets: column (index into the attributes set) -> (pattern ordinal, value id).
Effect = dict[int, tuple[int, int]]


class GazetteerRuler:
    """Sets token attributes from AttributeRuler-format patterns of the two gazetteer shapes."""

    def __init__(self, vocab: Vocab, name: str = FACTORY) -> None:
        self.vocab = vocab
        self.name = name
        self.clear()

    def clear(self) -> None:
        """Drop all patterns."""
        self._patterns: list[dict[str, Any]] = []
        self._columns: list[int | str] = []  # attribute ids set, in doc.to_array order
        self._lookups: dict[int, dict[int, Effect]] = {ORTH: {}, LOWER: {}}
        self._arrays: dict[int, tuple[Any, Any, Any]] = {}  # _lookups compiled for numpy
        self._phrases = PhraseMatcher(self.vocab, attr="ORTH")
        self._phrase_keys: dict[tuple[str, ...], int] = {}
        self._phrase_rules: dict[int, list[tuple[int, Effect]]] = defaultdict(list)

    @property
    def patterns(self) -> list[dict[str, Any]]:
        """The patterns added, in AttributeRuler format (`patterns`, `attrs`, `index`)."""
        return list(self._patterns)

    def add_patterns(self, patterns: Iterable[dict[str, Any]]) -> None:
        """Add AttributeRuler-format patterns; InvalidInput names any unsupported one."""
        for pattern in patterns:
            self.add(pattern["patterns"], pattern["attrs"], pattern.get("index", 0))

    def add(
        self, patterns: list[list[dict[str, Any]]], attrs: dict[str, Any], index: int = 0
    ) -> None:
        """`AttributeRuler.add`: the token at `index` of each match gets `attrs`."""
        _check_attrs(attrs)
        for tokens in patterns:
            _check_index(tokens, index)
            _classify(tokens)
        effect = self._effect(len(self._patterns), attrs)
        for tokens in patterns:
            if _classify(tokens) == "lookup":
                self._add_lookup(tokens[0], effect)
            else:
                self._add_phrase(tuple(_orth_of(t) for t in tokens), index, effect)
        self._patterns.append({"patterns": patterns, "attrs": attrs, "index": index})

    def _effect(self, ordinal: int, attrs: dict[str, Any]) -> Effect:
        """attrs as {column: (ordinal, value)}, adding new attributes as columns."""
        effect: Effect = {}
        for attr_id, value in normalize_token_attrs(self.vocab, attrs).items():
            if attr_id not in self._columns:
                self._columns.append(attr_id)
            effect[self._columns.index(attr_id)] = (ordinal, value)
        return effect

    def _add_lookup(self, token: dict[str, Any], effect: Effect) -> None:
        ((key, value),) = token.items()
        table = self._lookups[_LOOKUP_KEYS[key]]
        for word in value["IN"] if isinstance(value, dict) else [value]:
            word_id = get_string_id(word)  # patterns come in order: the new one wins
            table[word_id] = {**table[word_id], **effect} if word_id in table else effect
        self._arrays.pop(_LOOKUP_KEYS[key], None)

    def _add_phrase(self, words: tuple[str, ...], index: int, effect: Effect) -> None:
        key = self._phrase_keys.get(words)
        if key is None:
            label = f"{self.name}:phrase:{len(self._phrase_keys)}"
            key = self.vocab.strings.add(label)
            self._phrase_keys[words] = key
            self._phrases.add(label, [Doc(self.vocab, words=list(words))])
        self._phrase_rules[key].append((index, effect))

    def __call__(self, doc: Doc) -> Doc:
        if len(doc) == 0 or not self._columns:
            return doc
        ordinals, values = self._lookup_best(doc)
        for key, start, end in self._phrases(doc) if self._phrase_rules else ():
            for index, effect in self._phrase_rules[key]:
                target = start + index if index >= 0 else end + index
                for column, (ordinal, value) in effect.items():
                    if ordinal > ordinals[target, column]:
                        ordinals[target, column] = ordinal
                        values[target, column] = value
        hit = ordinals >= 0
        if hit.any():
            current: Any = doc.to_array(self._columns).reshape(len(doc), len(self._columns))
            current[hit] = values[hit]
            doc.from_array(self._columns, current)
        return doc

    def _lookup_best(self, doc: Doc) -> tuple[Any, Any]:
        """Per token and column: the latest word-list pattern's ordinal (-1: none) and value."""
        shape = (len(doc), len(self._columns))
        ordinals = numpy.full(shape, -1, dtype=numpy.int64)
        values = numpy.zeros(shape, dtype=numpy.uint64)
        ids = doc.to_array([ORTH, LOWER])
        for column, attr in enumerate((ORTH, LOWER)):
            keys, table_ordinals, table_values = self._compiled(attr)
            if len(keys) == 0:
                continue
            at = numpy.minimum(numpy.searchsorted(keys, ids[:, column]), len(keys) - 1)
            found = (keys[at] == ids[:, column])[:, None] & (table_ordinals[at] > ordinals)
            ordinals = numpy.where(found, table_ordinals[at], ordinals)
            values = numpy.where(found, table_values[at], values)
        return ordinals, values

    def _compiled(self, attr: int) -> tuple[Any, Any, Any]:
        """The `attr` word table as sorted keys and (keys x columns) ordinals and values."""
        cached = self._arrays.get(attr)
        if cached is not None and cached[1].shape[1] == len(self._columns):
            return cached
        table = self._lookups[attr]
        keys = numpy.array(sorted(table), dtype=numpy.uint64)
        ordinals = numpy.full((len(keys), len(self._columns)), -1, dtype=numpy.int64)
        values = numpy.zeros((len(keys), len(self._columns)), dtype=numpy.uint64)
        for row, key in enumerate(keys.tolist()):
            for column, (ordinal, value) in table[key].items():
                ordinals[row, column] = ordinal
                values[row, column] = value
        self._arrays[attr] = (keys, ordinals, values)
        return self._arrays[attr]

    def to_bytes(self, *, exclude: Iterable[str] = ()) -> bytes:
        """The patterns, msgpack-encoded."""
        return bytes(srsly.msgpack_dumps(self._patterns))

    def from_bytes(self, data: bytes, *, exclude: Iterable[str] = ()) -> GazetteerRuler:
        """Replace the patterns with those of `to_bytes` output."""
        self.clear()
        self.add_patterns(srsly.msgpack_loads(data))
        return self

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        """Write the patterns into the directory `path`."""
        folder = Path(path)
        folder.mkdir(parents=True, exist_ok=True)
        srsly.write_msgpack(folder / _PATTERNS_FILE, self._patterns)

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> GazetteerRuler:
        """Replace the patterns with those `to_disk` wrote into `path`."""
        file = Path(path) / _PATTERNS_FILE
        if not file.is_file():
            raise InvalidInput(f"{file} is missing; save the pipeline again with nlp.to_disk")
        self.clear()
        self.add_patterns(srsly.read_msgpack(file))
        return self


@Language.factory(FACTORY, default_config={})
def make_gazetteer(nlp: Language, name: str) -> GazetteerRuler:
    """An empty GazetteerRuler; fill it with `add_patterns` or `from_disk`."""
    return GazetteerRuler(nlp.vocab, name)


def supports(patterns: Iterable[dict[str, Any]]) -> bool:
    """Whether every AttributeRuler pattern is of a shape GazetteerRuler reproduces."""
    try:
        for pattern in patterns:
            _check_attrs(pattern["attrs"])
            for tokens in pattern["patterns"]:
                _check_index(tokens, pattern.get("index", 0))
                _classify(tokens)
    except (InvalidInput, KeyError, TypeError, AttributeError):
        return False
    return True


def from_attribute_ruler(ruler: AttributeRuler) -> GazetteerRuler:
    """A GazetteerRuler setting what `ruler` sets; InvalidInput when a pattern is unsupported."""
    gazetteer = GazetteerRuler(ruler.vocab, ruler.name)
    gazetteer.add_patterns(ruler.patterns)
    return gazetteer


def add_gazetteer(nlp: Language, source: Language, name: str) -> bool:
    """Add `source`'s AttributeRuler `name` to `nlp` as a GazetteerRuler of the same name.

    Returns False (adding nothing) when the pipe is not an AttributeRuler or has a pattern
    of another shape: source it unchanged then."""
    ruler = source.get_pipe(name)
    if not isinstance(ruler, AttributeRuler) or not supports(ruler.patterns):
        return False
    gazetteer = nlp.add_pipe(FACTORY, name=name)
    assert isinstance(gazetteer, GazetteerRuler)
    gazetteer.add_patterns(ruler.patterns)
    return True


def _check_attrs(attrs: dict[str, Any]) -> None:
    if not attrs or not set(attrs) <= _TOKEN_ATTRS:
        raise InvalidInput(
            f"attrs {attrs!r} unsupported: only {sorted(_TOKEN_ATTRS)}; keep the AttributeRuler"
        )


def _check_index(tokens: list[dict[str, Any]], index: int) -> None:
    if not isinstance(index, int) or not -len(tokens) <= index < len(tokens):
        raise InvalidInput(
            f"index {index!r} is outside the pattern {tokens!r}; keep the AttributeRuler"
        )


def _classify(tokens: list[dict[str, Any]]) -> str:
    """'lookup' for one token ORTH/LOWER (IN list or string), 'phrase' for exact ORTH tokens."""
    if len(tokens) == 1 and len(tokens[0]) == 1:
        ((key, value),) = tokens[0].items()
        if key in _LOOKUP_KEYS and (isinstance(value, str) or _is_in_list(value)):
            return "lookup"
    if tokens and all(len(t) == 1 and _orth_of(t) for t in tokens):
        return "phrase"
    raise InvalidInput(
        f"pattern {tokens!r} is neither a word list nor an exact phrase; keep the AttributeRuler"
    )


def _is_in_list(value: Any) -> bool:
    return (
        isinstance(value, dict)
        and set(value) == {"IN"}
        and isinstance(value["IN"], list)
        and all(isinstance(w, str) for w in value["IN"])
    )


def _orth_of(token: dict[str, Any]) -> str:
    ((key, value),) = token.items()
    return value if key in _ORTH_KEYS and isinstance(value, str) else ""
