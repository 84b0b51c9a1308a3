"""Model file digests remembered by stat: the same value as hashing, renewed on any change."""

from __future__ import annotations

import os
from pathlib import Path

from indexer.embedding.embed import DEFAULT_EMBEDDING_MODEL, STATIC_FILES, files_hash
from indexer.embedding.filehash import compute, digest


def test_the_remembered_digest_is_the_digest(tmp_path: Path) -> None:
    files = [(name, DEFAULT_EMBEDDING_MODEL / name) for name in STATIC_FILES]
    first = digest(files, tmp_path)
    assert len(list((tmp_path / "filehash").iterdir())) == 1
    assert digest(files, tmp_path) == first == compute(files)
    assert files_hash(DEFAULT_EMBEDDING_MODEL) == first[:16]  # the store's fingerprint


def test_a_replaced_file_of_the_same_size_and_mtime_is_hashed_again(tmp_path: Path) -> None:
    path = tmp_path / "tokenizer.json"
    path.write_text("first")
    before = path.stat()
    old = digest([("tokenizer.json", path)], tmp_path / "cache")
    (tmp_path / "new").write_text("other")  # same size, as a copy or an atomic save makes it
    os.replace(tmp_path / "new", path)
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))  # mtime set back
    new = digest([("tokenizer.json", path)], tmp_path / "cache")
    assert new != old and new == compute([("tokenizer.json", path)])


def test_an_unwritable_cache_folder_still_gives_the_digest(tmp_path: Path) -> None:
    path = tmp_path / "f"
    path.write_text("x")
    blocked = tmp_path / "blocked"
    blocked.write_text("a file, not a folder")
    assert digest([("f", path)], blocked) == compute([("f", path)])
