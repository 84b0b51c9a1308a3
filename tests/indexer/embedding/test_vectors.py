"""The FAISS index: derived from SQLite, persisted atomically, sized to the collection."""

from __future__ import annotations

import hashlib

import faiss
import numpy as np
import pytest

from indexer.embedding import vectors
from indexer.errors import ModelError
from indexer.store.db import SectionExtras, Store
from indexer.types import AgendaItem, Document, Meeting, Section

DIM = 16


def fill(store: Store, n: int, seed: int = 0) -> np.ndarray:
    """n sections with random unit vectors, one document; returns the vectors in id order."""
    rng = np.random.default_rng(seed)
    vecs = rng.normal(size=(n, DIM)).astype(np.float32)
    vecs /= np.linalg.norm(vecs, axis=1, keepdims=True)
    item = AgendaItem(
        "1", "Punkt", sections=[Section("Tekst", f"s{i}") for i in range(n)], item_id="x-1"
    )
    extras = {("x-1", i): SectionExtras(f"s{i}", vecs[i]) for i in range(n)}
    data = f"doc{seed}".encode()
    doc = Document("/d.txt", "txt", hashlib.sha256(data).hexdigest(), len(data))
    store.replace_document(doc, [Meeting("Aarhus", "Byrådet", "2020-01-01", items=[item])], extras)
    store.set_meta("embedding_model", "test-model")
    return vecs


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path) as s:
        yield s


def test_exact_index_finds_each_vector_first(store):
    vecs = fill(store, 50)
    index = vectors.load(store, "test-model")
    ids = [r[0] for r in store.db.execute("SELECT section_id FROM vectors ORDER BY section_id")]
    assert isinstance(faiss.downcast_index(index.index.index), faiss.IndexFlatIP)
    for i in (0, 17, 49):
        assert index.search(vecs[i], 1)[0][0] == ids[i]


def test_index_is_persisted_and_rebuilt_when_stale_or_missing(store):
    fill(store, 20)
    first = vectors.load(store, "test-model")
    assert (store.data_dir / vectors.INDEX_FILE).exists()
    assert vectors.load(store, "test-model").size == first.size == 20
    fill(store, 30, seed=1)  # a new version of the document: the generation moves on
    assert vectors.load(store, "test-model").size == 30
    (store.data_dir / vectors.INDEX_FILE).write_bytes(b"garbage")
    assert vectors.load(store, "test-model").size == 30  # a broken file is rebuilt
    assert not list(store.data_dir.glob("*.tmp"))


def test_a_store_refuses_another_model(store):
    fill(store, 5)
    with pytest.raises(ModelError, match="REFERAT_EMBEDDING_MODEL"):
        vectors.load(store, "another-model")


def ivf_store(store: Store, n: int = 3000) -> tuple[vectors.VectorIndex, np.ndarray, list[int]]:
    """n random vectors indexed with the IVF path forced by a small exact limit."""
    vecs = fill(store, n)
    index = vectors.load(store, "test-model", exact_limit=100)
    ids = [r[0] for r in store.db.execute("SELECT section_id FROM vectors ORDER BY section_id")]
    return index, vecs, ids


def test_large_collections_get_an_inverted_file_index_trained_on_enough_points(store, capfd):
    index, vecs, ids = ivf_store(store)
    inner = faiss.downcast_index(index.index)
    assert isinstance(inner, faiss.IndexIVF)
    assert inner.nlist == vectors.ivf_lists(3000)
    assert "please provide at least" not in capfd.readouterr().err  # no k-means warning
    probes = range(0, 3000, 60)
    recall = np.mean([ids[i] in {s for s, _ in index.search(vecs[i], 10)} for i in probes])
    assert recall >= 0.8  # approximate, but each vector is among its own 10 nearest


def test_filtered_search_on_an_ivf_index_keeps_only_allowed_sections(store):
    index, vecs, ids = ivf_store(store)
    allowed = np.array(ids[::7], dtype=np.int64)  # a selective filter: one section in seven
    for i in (0, 700, 1400, 2800):  # each of these is allowed: it must come first
        found = index.search(vecs[i], 10, allowed)
        assert found[0][0] == ids[i]
        assert len(found) == 10 and {s for s, _ in found} <= set(allowed.tolist())
    assert index.search(vecs[1], 5, np.array([ids[3]], dtype=np.int64))[0][0] == ids[3]


def test_filtered_ivf_search_matches_exact_search_among_the_allowed(store):
    index, vecs, ids = ivf_store(store)
    allowed = np.array(ids[5:200], dtype=np.int64)
    query = vecs[2500]
    exact = sorted(range(5, 200), key=lambda i: -float(vecs[i] @ query))[:10]
    found = [s for s, _ in index.search(query, 10, allowed)]
    # so few allowed that every list is probed: only the 8-bit quantisation may swap
    # near-ties (on 16 random dimensions), so nearly all of the exact ten come back
    assert found[0] == ids[exact[0]]
    assert len(set(found) & {ids[i] for i in exact}) >= 8
