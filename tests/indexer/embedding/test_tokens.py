"""The Python copy of the static model's tokenizer gives `tokenizers`' ids, or steps aside."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tokenizers import Tokenizer, normalizers, pre_tokenizers
from tokenizers.models import BPE, WordPiece

from indexer.embedding.embed import DEFAULT_EMBEDDING_MODEL
from indexer.embedding.filehash import compute
from indexer.embedding.static import load_static
from indexer.embedding.tokens import FAST_CHARS, Tokens, cache_path, load_tokens, rust_tokenizer

SHARED = Path(__file__).resolve().parents[4] / "shared"
QUERY = "hvad besluttede socialudvalget om integration"
_LOADED: dict[str, tuple[Tokens, Tokenizer]] = {}


def shipped() -> tuple[Tokens, Tokenizer]:
    """The shipped model's tokens (cached copy) and `tokenizers`' own, once per module."""
    if not _LOADED:
        load_tokens(DEFAULT_EMBEDDING_MODEL)  # makes the cache file if it is not there
        tokens = load_tokens(DEFAULT_EMBEDDING_MODEL)
        raw = (DEFAULT_EMBEDDING_MODEL / "tokenizer.json").read_bytes()
        _LOADED["m"] = (tokens, rust_tokenizer(raw))
    return _LOADED["m"]


def rust_ids(oracle: Tokenizer, texts: list[str]) -> list[list[int]]:
    return [e.ids for e in oracle.encode_batch(texts, add_special_tokens=False)]


def real_texts() -> list[str]:
    """Every line of the samples and the first 400 items of the dev set (text and title)."""
    lines: list[str] = []
    for path in sorted((SHARED / "samples").iterdir()):
        lines += path.read_text(encoding="utf-8").splitlines()
    for line in (SHARED / "dev" / "kk-items-dev.jsonl").read_text().splitlines()[:400]:
        row = json.loads(line)
        lines += [str(v) for v in row.values() if isinstance(v, str)]
    return [line for line in lines if line.strip()]


def test_the_copy_is_used_for_a_query_without_loading_tokenizers() -> None:
    tokens, oracle = shipped()
    assert tokens.fast is not None and tokens._oracle is None
    assert tokens.encode_batch([QUERY]) == rust_ids(oracle, [QUERY])
    assert tokens._oracle is None  # nothing was handed to the Rust tokenizer


def test_real_minutes_give_the_same_ids_line_by_line() -> None:
    tokens, oracle = shipped()
    assert tokens.fast is not None
    texts = real_texts()
    answered = [(t, tokens.fast.encode(t)) for t in texts]
    ours = [(t, ids) for t, ids in answered if ids is not None]
    assert len(ours) >= 0.97 * len(texts)  # the rest (e.g. "►", "CO₂") go to tokenizers
    assert [ids for _, ids in ours] == rust_ids(oracle, [t for t, _ in ours])
    assert tokens.encode_batch(texts[:50]) == rust_ids(oracle, texts[:50])


def test_long_input_and_unchecked_characters_go_to_tokenizers() -> None:
    tokens, oracle = shipped()
    long = [QUERY * (FAST_CHARS // len(QUERY) + 1)]
    odd = ["Ελληνικά και 漢字 🙂 integration"]
    assert tokens.fast is not None and tokens.fast.encode(odd[0]) is None
    assert tokens.encode_batch(long) == rust_ids(oracle, long)
    assert tokens.encode_batch(odd) == rust_ids(oracle, odd)


DANISH = st.sampled_from(list("abcdefghijklmnopqrstuvwxyzæøåéüäöABCDEFGHIJKLMNOPQRSTUVWXYZÆØÅ"))
PUNCTUATION = st.sampled_from(list(" \t\n.,;:-–—/§%&()\"'«»!?0123456789½²"))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(DANISH, DANISH, PUNCTUATION, st.characters()), max_size=60).map("".join))
def test_any_text_gets_the_ids_of_tokenizers_or_is_handed_over(text: str) -> None:
    tokens, oracle = shipped()
    assert tokens.fast is not None
    ours = tokens.fast.encode(text)
    assert ours is None or ours == rust_ids(oracle, [text])[0]
    assert tokens.encode_batch([text]) == rust_ids(oracle, [text])


def _save(tokenizer: Tokenizer, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    tokenizer.save(str(folder / "tokenizer.json"))
    return folder


def test_another_vocabulary_and_normalizer_get_their_own_checked_copy(tmp_path: Path) -> None:
    """Not fitted to the shipped file: a different WordPiece, made here, is copied and checked."""
    vocab = {t: i for i, t in enumerate(
        ["[UNK]", "[CLS]", "byg", "##ning", "##er", "råd", "##hus", "e", "n", "##e", "!", "1"])}
    tok = Tokenizer(WordPiece(vocab, unk_token="[UNK]", max_input_chars_per_word=12))
    tok.normalizer = normalizers.Sequence([normalizers.NFD(), normalizers.Lowercase(),
                                           normalizers.Strip()])
    tok.pre_tokenizer = pre_tokenizers.WhitespaceSplit()
    tok.add_special_tokens(["[CLS]"])
    folder = _save(tok, tmp_path / "other")
    tokens = load_tokens(folder, tmp_path / "cache")
    content = compute([("tokenizer.json", folder / "tokenizer.json")])
    made = list((tmp_path / "cache").glob("wordpiece-*"))
    assert made == [cache_path(content, tmp_path / "cache")]
    tokens = load_tokens(folder, tmp_path / "cache")  # now from the cache file
    assert tokens.fast is not None and tokens._oracle is None
    texts = ["Bygninger rådhus", "BYGNING! e ne", "rådhusbygningerne", "[CLS] byg", " en 1 "]
    assert tokens.encode_batch(texts) == rust_ids(tok, texts)
    assert tokens.fast.encode("[CLS] byg") is None  # an added token: tokenizers' own work


def test_a_tokenizer_the_copy_lacks_is_left_to_tokenizers(tmp_path: Path) -> None:
    bpe = Tokenizer(BPE({"a": 0, "b": 1, "ab": 2, "[UNK]": 3}, [("a", "b")], unk_token="[UNK]"))
    folder = _save(bpe, tmp_path / "bpe")
    load_tokens(folder, tmp_path / "cache")
    tokens = load_tokens(folder, tmp_path / "cache")
    assert tokens.fast is None
    assert tokens.encode_batch(["ab a", "ba"]) == rust_ids(bpe, ["ab a", "ba"])


def test_a_changed_tokenizer_file_is_a_new_cache_file(tmp_path: Path) -> None:
    folder = tmp_path / "model"
    shutil.copytree(DEFAULT_EMBEDDING_MODEL, folder)
    load_tokens(folder, tmp_path / "cache")
    config = json.loads((folder / "tokenizer.json").read_bytes())
    config["model"]["max_input_chars_per_word"] = 5
    (folder / "tokenizer.json").write_text(json.dumps(config))
    tokens = load_tokens(folder, tmp_path / "cache")
    assert len(list((tmp_path / "cache").glob("wordpiece-*"))) == 2
    assert tokens.fast is not None and tokens.fast.max_chars == 5
    assert tokens.encode_batch(["integrationspuljen"]) == [[tokens.unk_id]]  # 18 characters


def test_an_unwritable_cache_folder_means_tokenizers_alone(tmp_path: Path) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    tokens = load_tokens(DEFAULT_EMBEDDING_MODEL, blocked / "cache")
    assert tokens.fast is None
    _, oracle = shipped()
    assert tokens.encode_batch([QUERY]) == rust_ids(oracle, [QUERY])


def test_a_damaged_cache_file_is_made_again(tmp_path: Path) -> None:
    folder = tmp_path / "model"
    shutil.copytree(DEFAULT_EMBEDDING_MODEL, folder)
    load_tokens(folder, tmp_path / "cache")
    path = next((tmp_path / "cache").glob("wordpiece-*"))
    path.write_bytes(b"\x00garbage")
    assert load_tokens(folder, tmp_path / "cache").fast is not None
    assert load_tokens(folder, tmp_path / "cache")._oracle is None


@pytest.mark.parametrize("text", [QUERY, "Socialudvalgets beslutning den 05.05.2010", ""])
def test_the_model_rows_are_model2vecs(text: str) -> None:
    """Vectors through the copy equal model2vec's own StaticModel on the same folder."""
    import numpy as np
    from model2vec import StaticModel

    ours = load_static(DEFAULT_EMBEDDING_MODEL).encode([text])
    theirs = StaticModel.from_pretrained(DEFAULT_EMBEDDING_MODEL).encode(
        [text], max_length=None, normalize=False)
    np.testing.assert_array_equal(ours, theirs)
