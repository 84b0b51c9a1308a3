"""Near-duplicate evidence: MinHash signatures of item texts, found again by LSH bands in SQLite.

datasketch computes each item's signature (word 4-gram shingles of its case text, the decision
left out: that is what differs between an agenda and its minutes, or between two bodies'
treatments) and the LSH banding for the threshold. The band keys are stored in `case_lsh`
(indexed by band and key), the signatures in `case_minhash`, in the same database as the
items: a new item is hashed once, its candidates are the items sharing a band key (b index
lookups, not a scan of the archive), and each candidate is confirmed by the estimated Jaccard
similarity of the two signatures.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

import numpy as np
from datasketch import MinHash, MinHashLSH

from indexer.analysis.terms import fold

NUM_PERM = 128
SCHEME = "affine32"  # datasketch 2 hashing; stored signatures are of this scheme
THRESHOLD = 0.5  # estimated Jaccard of the shingle sets for a near-duplicate
SHINGLE_WORDS = 4
MIN_SHINGLES = 40  # shorter texts say too little to be compared
MAX_BUCKET = 50  # a band key shared by more items is boilerplate: only this many are looked at
DECISION_HEADINGS = ("beslutning", "indstilling og beslutning")
_WORD_RE = re.compile(r"\w+")


@lru_cache(maxsize=1)
def _permutations() -> Any:
    """The hash permutations, made once (datasketch would draw them for every MinHash)."""
    return MinHash(num_perm=NUM_PERM, scheme=SCHEME).permutations


@lru_cache(maxsize=1)
def _lsh() -> MinHashLSH:
    """The banding for THRESHOLD and NUM_PERM (its hash ranges and band hash), not an index."""
    return MinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM)


def case_text(sections: Iterable[tuple[str, str]]) -> str:
    """The text that says what a case is: every section but the decision."""
    return "\n".join(text for heading, text in sections if fold(heading) not in DECISION_HEADINGS)


def signature(text: str) -> MinHash | None:
    """The MinHash of the text's word 4-grams; None when the text is too short to compare."""
    words = _WORD_RE.findall(text.lower())
    shingles = {
        " ".join(words[i : i + SHINGLE_WORDS]) for i in range(len(words) - SHINGLE_WORDS + 1)
    }
    if len(shingles) < MIN_SHINGLES:
        return None
    minhash = MinHash(num_perm=NUM_PERM, scheme=SCHEME, permutations=_permutations())
    minhash.update_batch([s.encode("utf-8") for s in shingles])
    return minhash


def band_keys(minhash: MinHash) -> list[tuple[int, bytes]]:
    lsh = _lsh()
    return [
        (band, bytes(lsh._H(minhash.hashvalues[start:end])))
        for band, (start, end) in enumerate(lsh.hashranges)
    ]


def store_signature(db: sqlite3.Connection, item_id: str, minhash: MinHash) -> None:
    db.execute(
        "INSERT OR REPLACE INTO case_minhash (item_id, signature) VALUES (?, ?)",
        (item_id, np.asarray(minhash.hashvalues, dtype=np.uint64).tobytes()),
    )
    db.execute("DELETE FROM case_lsh WHERE item_id = ?", (item_id,))
    db.executemany(
        "INSERT INTO case_lsh (band, key, item_id) VALUES (?, ?, ?)",
        [(band, key, item_id) for band, key in band_keys(minhash)],
    )


def load_signature(db: sqlite3.Connection, item_id: str) -> MinHash | None:
    row = db.execute("SELECT signature FROM case_minhash WHERE item_id = ?", (item_id,)).fetchone()
    if row is None:
        return None
    values = np.frombuffer(row[0], dtype=np.uint64)
    return MinHash(
        num_perm=NUM_PERM, hashvalues=values, scheme=SCHEME, permutations=_permutations()
    )


def near_duplicates(
    db: sqlite3.Connection, item_id: str, minhash: MinHash
) -> list[tuple[str, float]]:
    """(item_id, estimated Jaccard) of stored items at or over THRESHOLD, most similar first."""
    candidates: dict[str, None] = {}
    for band, key in band_keys(minhash):
        rows = db.execute(
            "SELECT item_id FROM case_lsh WHERE band = ? AND key = ? AND item_id != ? LIMIT ?",
            (band, key, item_id, MAX_BUCKET),
        )
        candidates.update((str(r[0]), None) for r in rows)
    found = []
    for other in candidates:
        theirs = load_signature(db, other)
        if theirs is not None:
            similarity = minhash.jaccard(theirs)
            if similarity >= THRESHOLD:
                found.append((other, round(float(similarity), 3)))
    return sorted(found, key=lambda pair: -pair[1])
