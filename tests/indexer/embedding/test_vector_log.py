"""The incremental vector index (indexer/embedding/vector_log.py) on the real samples: after
documents are added, replaced and removed, the refreshed index holds exactly the vectors of a
full rebuild; the copy a searcher held is left alone; a persisted index catches up without a
rebuild; the size class still decides when to rebuild."""

from __future__ import annotations

import logging
import shutil
from collections.abc import Iterator
from pathlib import Path

import faiss
import numpy as np
import pytest

from indexer.config import load_settings
from indexer.embedding import layered, vector_log, vectors
from indexer.embedding.layered import LayeredIndex
from indexer.embedding.vectors import VectorIndex
from indexer.ingest import document_key, ingest_paths
from indexer.pipeline import Pipeline
from indexer.store.db import Store

SAMPLES = Path(__file__).resolve().parents[3].parent / "shared" / "samples"
FREDERIKSBERG = SAMPLES / "frederiksberg-socialudvalget-2020-02-03.txt"
KOEBENHAVN = SAMPLES / "kobenhavn-socialudvalget-2010-05-05.txt"
KK_ITEMS = SAMPLES / "kk-items-sample.jsonl"
LIMIT = vectors.EXACT_LIMIT


@pytest.fixture(scope="module")
def pipeline(tmp_path_factory: pytest.TempPathFactory) -> Pipeline:
    return Pipeline(load_settings(data=tmp_path_factory.mktemp("unused"), entities=False))


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """The three samples as files of their own (one may be changed or removed)."""
    for sample in (FREDERIKSBERG, KOEBENHAVN, KK_ITEMS):
        shutil.copy(sample, tmp_path / sample.name)
    return tmp_path


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store(tmp_path / "data") as opened:
        yield opened


def ingest(store: Store, pipeline: Pipeline, *paths: Path) -> None:
    results = ingest_paths(store, list(paths), pipeline)
    assert all(r.status in ("stored", "unchanged") for r in results), [r.error for r in results]


def stored_ids(index: faiss.Index) -> list[int]:
    """Every id the index holds (an id map's, or an inverted file's lists)."""
    inner = faiss.downcast_index(index)
    if isinstance(inner, faiss.IndexIDMap):
        return sorted(int(i) for i in faiss.vector_to_array(inner.id_map))
    ivf = faiss.extract_index_ivf(index)
    lists = ivf.invlists
    found: list[int] = []
    for k in range(ivf.nlist):
        size = lists.list_size(k)
        if size:
            found += [int(i) for i in faiss.rev_swig_ptr(lists.get_ids(k), size)]
    return sorted(found)


def contents(vindex: VectorIndex) -> dict[int, np.ndarray]:
    """Every id the index answers with, and its vector (a layered index: base - hidden + delta)."""
    if isinstance(vindex, LayeredIndex):
        assert vindex.base is not None and vindex.delta is not None
        hidden = set(vindex.hidden.tolist())
        base = {i: v for i, v in contents(vindex.base).items() if i not in hidden}
        return base | contents(vindex.delta)
    if vector_log.inner_kind(vindex.index) == "ivf":  # ids only: no direct map to read from
        return {i: np.zeros(0) for i in stored_ids(vindex.index)}
    return {i: vindex.index.reconstruct(i) for i in stored_ids(vindex.index)}


def ranked(hits: list[tuple[int, float]]) -> list[tuple[float, int]]:
    """Hits in score order, ties (identical sections) by id."""
    return sorted((-round(score, 5), i) for i, score in hits)


def assert_equal_to_rebuild(store: Store, vindex: VectorIndex) -> None:
    """Same ids, same vectors and same search results as a full build of the store."""
    rebuilt = vectors.build(store)
    got = contents(vindex)
    assert sorted(got) == stored_ids(rebuilt.index)
    assert vindex.size == rebuilt.size == len(got)
    assert vindex.generation == store.generation()
    rows = store.db.execute("SELECT section_id, vector FROM vectors ORDER BY section_id")
    for sid, blob in rows.fetchall():
        assert np.array_equal(got[int(sid)], np.frombuffer(blob, np.float32))
        query = np.frombuffer(blob, np.float32)
    assert ranked(vindex.search(query, 20)) == ranked(rebuilt.search(query, 20))
    allowed = np.array(sorted(got)[::3], dtype=np.int64)
    assert ranked(vindex.search(query, 10, allowed)) == ranked(rebuilt.search(query, 10, allowed))


def refresh(store: Store, current: VectorIndex | None, limit: int = LIMIT) -> VectorIndex:
    return layered.refresh(store, current, None, limit, vectors.AUTO)


def test_adding_replacing_and_removing_documents_gives_the_rebuilt_vectors(
    store: Store, pipeline: Pipeline, folder: Path
) -> None:
    ingest(store, pipeline, folder / FREDERIKSBERG.name)
    first = vectors.load(store)
    held = first.size
    ingest(store, pipeline, folder / KOEBENHAVN.name, folder / KK_ITEMS.name)
    second = refresh(store, first)
    assert second is not first and first.size == held == int(first.index.ntotal)  # untouched
    assert_equal_to_rebuild(store, second)

    changed = folder / FREDERIKSBERG.name  # a new version of a stored document replaces it
    changed.write_text(changed.read_text().replace("integration", "inklusion"))
    ingest(store, pipeline, changed)
    assert store.delete_document(document_key(folder / KOEBENHAVN.name))
    third = refresh(store, second)
    assert third.size < second.size
    assert_equal_to_rebuild(store, third)
    assert refresh(store, third) is third  # up to date: nothing to do


def test_a_persisted_index_catches_up_without_a_rebuild(
    store: Store, pipeline: Pipeline, folder: Path, caplog: pytest.LogCaptureFixture
) -> None:
    ingest(store, pipeline, folder / FREDERIKSBERG.name)
    vectors.load(store)  # built and saved, with its log position
    ingest(store, pipeline, folder / KK_ITEMS.name)
    with caplog.at_level(logging.INFO, logger="referat"):
        loaded = vectors.load(store)
    assert "built vector index" not in caplog.text
    assert_equal_to_rebuild(store, loaded)
    with caplog.at_level(logging.INFO, logger="referat"):
        again = vectors.load(store)  # the caught-up index was saved
    assert again.position == loaded.position and "built vector index" not in caplog.text


def test_a_failed_transaction_logs_nothing(store: Store, pipeline: Pipeline, folder: Path) -> None:
    ingest(store, pipeline, folder / FREDERIKSBERG.name)
    before = vector_log.log_position(store)
    sid = store.db.execute("SELECT section_id FROM vectors LIMIT 1").fetchone()[0]
    with pytest.raises(RuntimeError), store.transaction() as db:
        db.execute("DELETE FROM vectors WHERE section_id = ?", (sid,))
        raise RuntimeError("crash before the commit")
    assert vector_log.log_position(store) == before


def test_the_size_class_still_decides_the_kind(store: Store, pipeline: Pipeline,
                                              folder: Path) -> None:
    ingest(store, pipeline, folder / FREDERIKSBERG.name, folder / KOEBENHAVN.name)
    n = int(store.db.execute("SELECT count(*) FROM vectors").fetchone()[0])
    small = layered.refresh(store, None, None, n + 1, vectors.AUTO)
    assert vector_log.inner_kind(small.index) == "flat"
    ingest(store, pipeline, folder / KK_ITEMS.name)  # now past the limit: an inverted file
    large = layered.refresh(store, small, None, n + 1, vectors.AUTO)
    assert vector_log.inner_kind(large.index) == "ivf"
    assert sorted(contents(large)) == stored_ids(vectors.build(store).index)


def test_an_inverted_file_is_added_to_without_retraining(store: Store, pipeline: Pipeline,
                                                         folder: Path) -> None:
    ingest(store, pipeline, folder / KK_ITEMS.name, folder / FREDERIKSBERG.name)
    ivf = layered.refresh(store, None, None, 1, vectors.AUTO)
    centroids = faiss.vector_to_array(faiss.downcast_index(
        faiss.extract_index_ivf(ivf.index).quantizer).codes)
    ingest(store, pipeline, folder / KOEBENHAVN.name)
    grown = layered.refresh(store, ivf, None, 1, vectors.AUTO)
    assert grown is not ivf
    after = faiss.vector_to_array(faiss.downcast_index(
        faiss.extract_index_ivf(grown.index).quantizer).codes)
    assert np.array_equal(centroids, after)  # the same lists: nothing was trained again
    assert sorted(contents(grown)) == stored_ids(vectors.build(store).index)


def test_a_grown_layer_is_folded_into_a_new_base(store: Store, pipeline: Pipeline,
                                                 folder: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    ingest(store, pipeline, folder / FREDERIKSBERG.name)
    first = vectors.load(store)
    monkeypatch.setattr(layered, "COMPACT_MIN", 0)  # any layer is too big
    ingest(store, pipeline, folder / KK_ITEMS.name)
    folded = refresh(store, first)
    assert isinstance(folded, LayeredIndex) and folded.delta is not None
    assert folded.delta.size == 0 and len(folded.hidden) == 0 and folded.base is not first
    assert_equal_to_rebuild(store, folded)
