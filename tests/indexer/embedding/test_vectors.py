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


def test_large_collections_get_a_compressed_ivf_pq_index(store, monkeypatch):
    monkeypatch.setattr(vectors, "EXACT_LIMIT", 100)
    vecs = fill(store, 2000)
    index = vectors.load(store, "test-model")
    inner = faiss.downcast_index(index.index.index)
    assert isinstance(inner, faiss.IndexIVFPQ)
    ids = [r[0] for r in store.db.execute("SELECT section_id FROM vectors ORDER BY section_id")]
    probes = range(0, 2000, 50)
    recall = np.mean([ids[i] in {s for s, _ in index.search(vecs[i], 10)} for i in probes])
    assert recall >= 0.8  # approximate, but each vector is among its own 10 nearest
