"""The vector index kind chosen by REFERAT_VECTOR_INDEX: auto, flat, ivf or hnsw."""

from __future__ import annotations

import faiss
import numpy as np
import pytest

from indexer.config import load_settings
from indexer.embedding import vectors
from indexer.errors import InvalidInput
from indexer.store.db import Store
from tests.indexer.embedding.test_vectors import fill

INNER = {"flat": faiss.IndexFlatIP, "ivf": faiss.IndexIVF, "hnsw": faiss.IndexHNSW}


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path) as s:
        yield s


def inner(index: faiss.Index) -> faiss.Index:
    found = faiss.downcast_index(index)
    return faiss.downcast_index(found.index) if isinstance(found, faiss.IndexIDMap) else found


def ids_of(store: Store) -> list[int]:
    return [r[0] for r in store.db.execute("SELECT section_id FROM vectors ORDER BY section_id")]


def test_the_choices_are_the_dispatch_table_and_a_setting_picks_one(monkeypatch):
    assert vectors.index_kinds() == ("auto", *vectors.INDEX_KINDS) == ("auto", *INNER)
    assert load_settings().vector_index == "auto"
    monkeypatch.setenv("REFERAT_VECTOR_INDEX", "hnsw")
    assert load_settings().vector_index == "hnsw"
    with pytest.raises(InvalidInput, match="auto, flat, ivf, hnsw"):
        vectors.choose_index(10, 4, kind="annoy")


@pytest.mark.parametrize("kind", list(INNER))
def test_each_kind_finds_each_vector_first(store, kind):
    vecs = fill(store, 1200)
    index = vectors.load(store, "test-model", kind=kind)
    assert isinstance(inner(index.index), INNER[kind])
    ids = ids_of(store)
    assert all(index.search(vecs[i], 10)[0][0] == ids[i] for i in range(0, 1200, 97))


def test_auto_is_flat_below_the_exact_limit_and_ivf_from_it(store):
    fill(store, 400)
    assert isinstance(inner(vectors.load(store, "test-model", 1000).index), faiss.IndexFlatIP)
    assert isinstance(inner(vectors.load(store, "test-model", 100).index), faiss.IndexFlatIP)
    store.db.execute("UPDATE meta SET value = value + 1 WHERE key = 'generation'")
    assert isinstance(inner(vectors.load(store, "test-model", 100).index), faiss.IndexIVF)


def test_another_kind_rebuilds_the_saved_index(store):
    fill(store, 300)
    vectors.load(store, "test-model", kind="flat")
    again = vectors.load(store, "test-model", kind="hnsw")
    assert isinstance(inner(again.index), faiss.IndexHNSW) and again.kind == "hnsw"
    saved = vectors.load(store, "test-model", kind="hnsw")  # now read back from the file
    assert isinstance(inner(saved.index), faiss.IndexHNSW) and saved.size == 300


def test_filtered_hnsw_search_keeps_only_the_allowed_and_matches_exact_search(store):
    vecs = fill(store, 3000)
    index = vectors.load(store, "test-model", kind="hnsw")
    ids = ids_of(store)
    allowed = np.array(ids[::7], dtype=np.int64)  # a selective filter: one section in seven
    for i in (0, 700, 1400, 2800):  # each of these is allowed: it must come first
        found = index.search(vecs[i], 10, allowed)
        assert found[0][0] == ids[i]
        assert len(found) == 10 and {s for s, _ in found} <= set(allowed.tolist())
    query = vecs[2501]
    exact = sorted(range(0, 3000, 7), key=lambda i: -float(vecs[i] @ query))[:10]
    found = [s for s, _ in index.search(query, 10, allowed)]
    assert len(set(found) & {ids[i] for i in exact}) >= 9
    few = np.array(ids[5:40], dtype=np.int64)  # very selective: the search widens to all
    exact = sorted(range(5, 40), key=lambda i: -float(vecs[i] @ query))[:10]
    assert [s for s, _ in index.search(query, 10, few)] == [ids[i] for i in exact]
