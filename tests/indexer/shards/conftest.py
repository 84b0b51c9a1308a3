"""Three archives of the same minutes: one store, 2 shards by municipality, 4 by hash."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.indexer.shards.corpus import build, write_corpus

LAYOUTS = {
    "single": (None, "municipality"),
    "2-municipality": (2, "municipality"),
    "4-hash": (4, "hash"),
}


@pytest.fixture(scope="session")
def archives(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("shards")
    corpus = write_corpus(root / "src", generated_sections=600)
    out = {}
    for name, (shards, route) in LAYOUTS.items():
        build(corpus, root / name, shards, route)
        out[name] = root / name
    out["src"] = corpus
    return out
