"""A static model's tokenizer: a checked pure-Python copy for short texts, `tokenizers` for bulk.

In: a model folder's tokenizer.json. Out: `Tokens.encode_batch(texts)`, the ids `tokenizers`
gives each text (no special tokens, no padding or truncation), the same ids either way.

Short input (a query, up to FAST_CHARS characters in one call) goes through
indexer/embedding/wordpiece.py, which reads its vocabulary from a cache file and so skips the
0.3 s the Rust tokenizer takes to load a large vocabulary; longer input (an ingest), and any
text that copy does not answer for, goes through `tokenizers`, loaded on first need.

The cache file is made from whatever tokenizer.json the folder has, the first time it is
loaded: `models/.cache/wordpiece-<hash>.marshal`, the hash over the file's bytes, the source
of this module and of wordpiece.py, the Python and `tokenizers` versions and the byte order,
so that another model, a changed file, a changed copy or an upgraded library is a new name.
Before it is written, the copy is checked against `tokenizers` on every candidate character
in several contexts (those that differ are left out of `safe`) and on texts built from the
vocabulary itself; when any of those differ, or the tokenizer has a part the copy lacks, the
file records only that, and `tokenizers` does everything. A cache folder that cannot be
written means no copy: `tokenizers` then.
"""

from __future__ import annotations

import hashlib
import json
import logging
import marshal
import os
import sys
import tempfile
from importlib.util import find_spec
from pathlib import Path
from typing import TYPE_CHECKING, Any

from indexer.embedding import wordpiece
from indexer.embedding.filehash import digest
from indexer.embedding.wordpiece import FastWordPiece, spec_of

if TYPE_CHECKING:
    from tokenizers import Tokenizer

log = logging.getLogger("referat")

FORMAT = 1
FAST_CHARS = 10_000  # at most this many characters in one call go through the Python copy
# Checked characters: Latin, combining accents, punctuation, sub/superscripts, currency, arrows,
# shapes (others, e.g. Greek or emoji, go to `tokenizers`).
CANDIDATES = "".join(map(chr, [
    *range(0x370), *range(0x2010, 0x20C0), 0x2122, *range(0x2190, 0x2200), *range(0x25A0, 0x2600),
]))
CONTEXTS = ("{}", "a{}a", "!{}!", "{}{}", "A{}", "{}1", " {} ", "ab{}cd", "{}aa", "é{}")
CHECK_TEXTS = 3000  # texts made from the vocabulary for the check


class Tokens:
    """The tokenizer of one folder; `unk_id` and `vocab_size` as `tokenizers` reports them."""

    def __init__(self, source: Path, record: dict[str, Any], oracle: Tokenizer | None) -> None:
        self._source = source  # tokenizer.json, read when `tokenizers` is needed
        self._oracle = oracle
        self.unk_id: int | None = record["unk_id"]
        self.vocab_size: int = record["vocab_size"]
        spec = record.get("spec")
        self.fast = FastWordPiece(spec, record["unk_id"]) if spec else None

    def encode_batch(self, texts: list[str]) -> list[list[int]]:
        """Each text's token ids, unknown tokens included."""
        if self.fast is not None and sum(map(len, texts)) <= FAST_CHARS:
            fast = [self.fast.encode(t) for t in texts]
            if all(ids is not None for ids in fast):
                return fast  # type: ignore[return-value]
        return [e.ids for e in self.oracle.encode_batch_fast(texts, add_special_tokens=False)]

    @property
    def oracle(self) -> Tokenizer:
        """The `tokenizers` tokenizer, loaded on first use."""
        if self._oracle is None:
            self._oracle = rust_tokenizer(self._source.read_bytes())
        return self._oracle


def rust_tokenizer(raw: bytes) -> Tokenizer:
    """`tokenizers`' own, as model2vec uses it for encoding (no padding, no truncation)."""
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_str(raw.decode("utf-8"))
    tokenizer.no_padding()
    tokenizer.no_truncation()
    return tokenizer


def load_tokens(folder: Path, cache_dir: Path | None = None) -> Tokens:
    """The tokenizer of `folder`; `cache_dir` defaults to models/.cache (see module)."""
    source = folder / "tokenizer.json"
    path = cache_path(digest([(source.name, source)], cache_dir), cache_dir)
    record = _read(path) if path else None
    if record is not None:
        return Tokens(source, record, None)
    raw = source.read_bytes()
    oracle = rust_tokenizer(raw)
    record = {"format": FORMAT, "unk_id": _unk_id(oracle),
              "vocab_size": oracle.get_vocab_size(), "spec": None}
    if path is not None and _writable(path.parent):
        record["spec"] = checked_spec(json.loads(raw), oracle, record["unk_id"])
        _write(path, record)
    return Tokens(source, record, oracle)


def cache_path(content: str, cache_dir: Path | None = None) -> Path | None:
    """The cache file for a tokenizer.json of this sha256 (`content`, hex); None without
    `tokenizers` installed."""
    spec = find_spec("tokenizers")
    if spec is None or spec.origin is None:
        return None
    library = Path(spec.origin).parent
    versions = sorted(p.name for p in library.parent.glob("tokenizers-*.dist-info"))
    hashed = hashlib.sha256(f"{FORMAT}:{sys.version_info[:3]}:{sys.byteorder}:{versions}".encode())
    for code in (Path(__file__), Path(wordpiece.__file__)):  # the copy and its check
        hashed.update(code.read_bytes())
    hashed.update(content.encode())
    if cache_dir is None:
        from indexer.config import MODELS_DIR

        cache_dir = MODELS_DIR / ".cache"
    return cache_dir / f"wordpiece-{hashed.hexdigest()[:16]}.marshal"


def _unk_id(tokenizer: Tokenizer) -> int | None:
    unk = getattr(tokenizer.model, "unk_token", None)
    return tokenizer.token_to_id(unk) if unk else None


def checked_spec(config: dict[str, Any], oracle: Tokenizer, unk_id: int | None) -> Any:
    """The Python copy's spec with its `safe` characters, or None when it cannot be trusted."""
    spec = spec_of(config)
    if spec is None or unk_id is None:
        log.info("tokenizer: no Python copy of this one (%s)", config.get("model", {}).get("type"))
        return None
    fast = FastWordPiece(spec, unk_id)
    probes = [[c.join(context.split("{}")) for context in CONTEXTS] for c in CANDIDATES]
    flat = [p for group in probes for p in group]
    expected = _ids(oracle, flat)
    got = [fast.encode_unchecked(p) for p in flat]
    width = len(CONTEXTS)
    safe = [c for n, c in enumerate(CANDIDATES)
            if got[n * width:(n + 1) * width] == expected[n * width:(n + 1) * width]]
    spec["safe"] = "".join(safe)
    texts = vocabulary_texts(list(config["model"]["vocab"]), spec["prefix"], spec["safe"])
    fast = FastWordPiece(spec, unk_id)
    got = [fast.encode(t) for t in texts]
    if any(ids is not None and ids != want for ids, want in zip(got, _ids(oracle, texts),
                                                                strict=True)):
        log.warning("tokenizer: the Python copy differs from tokenizers; not used")
        return None
    return spec


def _ids(oracle: Tokenizer, texts: list[str]) -> list[list[int]]:
    return [e.ids for e in oracle.encode_batch_fast(texts, add_special_tokens=False)]


def vocabulary_texts(vocab: list[str], prefix: str, safe: str) -> list[str]:
    """Texts of words glued from the vocabulary's tokens (every kind of match and miss)."""
    allowed = set(safe)
    pieces = [t[len(prefix):] if prefix and t.startswith(prefix) else t for t in vocab]
    pieces = [p for p in pieces if p and allowed.issuperset(p)]
    if not pieces:
        return []
    step = max(1, len(pieces) // (CHECK_TEXTS * 3))
    chosen = pieces[::step]
    texts = []
    for i in range(0, len(chosen) - 2, 3):
        a, b, c = chosen[i:i + 3]
        texts.append(f"{a} {a}{b}, {b.upper()}{c}. {c.title()} {a}{b}{c}-{b}")
    return [t for t in texts if allowed.issuperset(t)]


def _read(path: Path) -> dict[str, Any] | None:
    try:
        record = marshal.loads(path.read_bytes())
    except (OSError, ValueError, EOFError, TypeError):
        return None  # absent or damaged: made again
    if isinstance(record, dict) and record.get("format") == FORMAT:
        return record
    return None


def _writable(directory: Path) -> bool:
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError:
        return False
    return os.access(directory, os.W_OK)


def _write(path: Path, record: dict[str, Any]) -> None:
    """Atomically (a reader sees no file or the whole file)."""
    try:
        with tempfile.NamedTemporaryFile("wb", dir=path.parent, delete=False) as fh:
            fh.write(marshal.dumps(record))
        os.chmod(fh.name, 0o644)
        os.replace(fh.name, path)
    except (OSError, ValueError):
        return
