"""The embedding stage: the shipped Danish model loads offline and encodes meaningfully."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from indexer.embedding.embed import (
    DEFAULT_EMBEDDING_MODEL,
    Embedder,
    is_static,
    load_embedder,
    normalise,
)
from indexer.errors import ModelError

FREDERIKSBERG = "frederiksberg-socialudvalget-2020-02-03.txt"
REPO = Path(__file__).resolve().parents[3]


@pytest.fixture(scope="module")
def embedder() -> Embedder:
    return load_embedder(None)


def agenda_items(samples_dir: Path) -> list[str]:
    """The Frederiksberg minutes cut at "Punkt N:" (items 7 to 10)."""
    text = (samples_dir / FREDERIKSBERG).read_text(encoding="utf-8")
    return re.split(r"\n(?=Punkt \d+:)", text)[1:]


def test_shipped_model_is_a_model2vec_and_sentence_transformers_folder() -> None:
    for name in ("modules.json", "config.json", "model.safetensors", "tokenizer.json"):
        assert (DEFAULT_EMBEDDING_MODEL / name).is_file()
    assert all(p.stat().st_size < 20 * 2**20 for p in DEFAULT_EMBEDDING_MODEL.rglob("*"))
    assert is_static(DEFAULT_EMBEDDING_MODEL)


def test_static_model_encodes_a_query_with_numpy_alone() -> None:
    """No torch, no model2vec, and (a query being short) no Rust tokenizer loaded."""
    load_embedder(None)  # the first load makes the tokenizer's cache file (tokens.py)
    code = (
        "import sys; from indexer.embedding.embed import load_embedder; e = load_embedder(None); "
        "e.encode(['integration']); e.encode(['hvad besluttede socialudvalget om integration']); "
        "print(e.name, e.dim, sorted(m for m in ('torch', 'sentence_transformers', "
        "'transformers', 'model2vec') if m in sys.modules), e.model.tokens._oracle)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=False, cwd=REPO)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["models/embed-da", "256", "[]", "None"]


def test_model2vec_and_sentence_transformers_give_the_same_vectors(
    embedder: Embedder, samples_dir: Path
) -> None:
    """The lean loader, model2vec's own loader and sentence-transformers agree on the folder."""
    from model2vec import StaticModel
    from sentence_transformers import SentenceTransformer

    texts = [*agenda_items(samples_dir), "integration", "qqzzxx", "", "Økonomi " * 3000]
    ours = embedder.encode(texts)
    model2vec = normalise(StaticModel.from_pretrained(DEFAULT_EMBEDDING_MODEL).encode(
        texts, max_length=None))
    sbert = SentenceTransformer(str(DEFAULT_EMBEDDING_MODEL), device="cpu",
                                local_files_only=True).encode(texts, convert_to_numpy=True)
    np.testing.assert_allclose(ours, model2vec, atol=1e-6)
    np.testing.assert_allclose(ours, normalise(sbert), atol=1e-6)
    assert float(np.linalg.norm(ours[-2])) == 0.0  # the empty text


def test_a_sentence_transformers_only_static_folder_loads_too(tmp_path: Path) -> None:
    """A folder without model2vec's config.json (what sentence-transformers saves) is static."""
    folder = tmp_path / "st-only"
    shutil.copytree(DEFAULT_EMBEDDING_MODEL, folder)
    (folder / "config.json").unlink()
    loaded = load_embedder(str(folder))
    assert loaded.static and loaded.dim == 256
    vector = loaded.encode(["integration"])
    np.testing.assert_allclose(vector, _shared().encode(["integration"]), atol=1e-6)


@pytest.mark.parametrize("snippet", [
    "Integrationspolitikens handleplan 2020 og fordeling af integrationspuljen",
    "Opdateret program for socialudvalgets studietur",
    "Evaluering af Netværkstedet Thorvaldsen",
    "Udvalget godkendte de angivne datoer for temabesøg i 2020.",
])
def test_encodes_real_snippets_to_unit_vectors(
    embedder: Embedder, samples_dir: Path, snippet: str
) -> None:
    assert snippet in (samples_dir / FREDERIKSBERG).read_text(encoding="utf-8")
    vectors = embedder.encode([snippet])
    assert vectors.shape == (1, 256) and vectors.dtype == np.float32
    assert np.linalg.norm(vectors[0]) == pytest.approx(1.0, abs=1e-5)


def test_deterministic_across_batches_and_loads(embedder: Embedder, samples_dir: Path) -> None:
    items = agenda_items(samples_dir)
    first = embedder.encode(items, batch_size=2)
    again = load_embedder(str(DEFAULT_EMBEDDING_MODEL)).encode(items, batch_size=64)
    np.testing.assert_allclose(first, again, atol=1e-6)
    assert embedder.fingerprint == load_embedder(None).fingerprint
    assert embedder.fingerprint.startswith("models/embed-da:256:")


def test_empty_input_gives_empty_matrix(embedder: Embedder) -> None:
    assert embedder.encode([]).shape == (0, 256)


@pytest.mark.parametrize(("query", "right", "wrong"), [
    ("integration", "Integrationspuljen blev fordelt mellem tolv foreninger.",
     "Udvalget tog på studietur til Malmø."),
    ("børnehaver", "Kommunen udvider antallet af pladser i daginstitutionerne.",
     "Udvalget tog på studietur til Malmø."),
    ("penge til hjemløse", "Socialudvalget godkendte en bevilling til hjemløseindsatsen.",
     "Ældre bygninger i midtbyen skal fredes."),
    ("syge medarbejdere", "Sygefraværet blandt de ansatte er steget.",
     "Der opføres 300 nye boliger i Nordhavn."),
    ("klage over afgørelsen", "Borgeren har anket kommunens beslutning.",
     "Sagen om den nye cykelsti blev godkendt."),
])
def test_danish_synonyms_and_compounds(embedder: Embedder, query: str, right: str,
                                       wrong: str) -> None:
    q, r, w = embedder.encode([query, right, wrong])
    assert float(q @ r) > float(q @ w) + 0.1


@pytest.mark.parametrize(("query", "item"), [
    ("integration", 3),  # Punkt 10: integrationspolitik, integrationspuljen
    ("studierejse", 1),  # Punkt 8: studietur
    ("udvalgets rejse til udlandet", 1),
])
def test_query_finds_the_right_agenda_item(
    embedder: Embedder, samples_dir: Path, query: str, item: int
) -> None:
    scores = embedder.encode(agenda_items(samples_dir)) @ embedder.encode([query])[0]
    assert int(np.argmax(scores)) == item


@settings(max_examples=40, deadline=None)
@given(st.text(max_size=200))
def test_any_text_gives_a_finite_unit_or_zero_vector(text: str) -> None:
    vector = _shared().encode([text])[0]
    assert np.all(np.isfinite(vector))
    norm = float(np.linalg.norm(vector))
    assert norm == pytest.approx(1.0, abs=1e-5) or norm == 0.0


def test_missing_model_raises_model_error(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match="REFERAT_EMBEDDING_MODEL"):
        load_embedder(str(tmp_path / "no-such-model"))
    with pytest.raises(ModelError, match="cannot be loaded offline"):
        load_embedder("no-such-org/no-such-model-xyz")


_CACHE: dict[str, Embedder] = {}


def _shared() -> Embedder:
    """One model for the property test (hypothesis does not take function fixtures)."""
    if "e" not in _CACHE:
        _CACHE["e"] = load_embedder(None)
    return _CACHE["e"]
