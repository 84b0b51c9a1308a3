"""The glossed embedding build (models/build_embedding_glossed.py): lexicon, compounds, retrofit.

Only the build's pure steps run here, on small inputs: the build itself needs Debian packages
and the teacher, and `make test` never rebuilds the model.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import numpy as np
import pytest
import scipy.sparse as sp

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "models"))

from build_embedding_glossed import (  # noqa: E402
    GlossConfig,
    compound_phrases,
    pca,
    retrofit,
    row_texts,
)
from embedding_lexicon import Lemmatiser, catalogue_glosses, clean_gloss, merge  # noqa: E402

APERTIUM_MODES = Path("/usr/share/apertium/modes")


def test_clean_gloss_keeps_short_english_phrases() -> None:
    assert clean_gloss("to apply for") == "apply for"
    assert clean_gloss("the Municipality (local government)") == "municipality"
    assert clean_gloss("potato salad") == "potato salad"
    assert clean_gloss("a very long phrase of many words") is None
    assert clean_gloss("%s files") is None


def test_catalogue_words_align_by_co_occurrence() -> None:
    pairs = [("Gem fil", "Save file"), ("Åbn fil", "Open file"), ("Slet fil", "Delete file"),
             ("Gem billede", "Save image"), ("Fil", "File"), ("Billede", "Image")]
    lemma = Lemmatiser({"fil": "fil", "billede": "billede", "gem": "gemme"})
    glosses = merge(catalogue_glosses(pairs, lemma, frozenset()))
    assert glosses["fil"][0][0] == "file"
    assert glosses["billede"][0][0] == "image"
    assert "save" in [g for g, _ in glosses["gemme"]]


def test_compound_without_gloss_is_glossed_by_its_parts() -> None:
    glosses = {"idræt": [("sport", 1.0)], "facilitet": [("facility", 1.0)]}
    assert compound_phrases("idrætsfacilitet", glosses, 4) == [("sport facility", 1.0)]
    assert compound_phrases("facilitet", glosses, 4) == []  # not a compound


def test_every_row_gets_a_text_and_known_rows_outweigh_cognates() -> None:
    glosses = {"skole": [("school", 1.0)]}
    texts, confidence, counts = row_texts(["skole", "xyzord"], glosses, GlossConfig())
    assert texts[0][0] == ("school", 1.0) and texts[1] == [("xyzord", 1.0)]
    assert confidence[0] > confidence[1] > 0
    assert counts == {"direct": 1, "compound": 0, "cognate_only": 1}


def test_retrofit_pulls_a_weak_row_to_its_neighbours() -> None:
    x0 = np.array([[1.0, 0.0], [0.0, 1.0], [0.0, 1.0]])
    adj = sp.csr_matrix(np.array([[0, 1, 0], [1, 0, 0], [0, 0, 0]], dtype=float))
    cfg = GlossConfig()
    x = retrofit(x0, np.array([1.0, 0.01, 1.0]), adj, cfg)
    assert x[1, 0] > 0.9 > x[1, 1]  # row 1 barely trusts its own vector: it takes row 0's
    assert x[0, 0] > x[0, 1]  # row 0 stays nearer its own
    np.testing.assert_allclose(x[2], x0[2])  # no neighbours: unchanged


def test_pca_centres_and_reduces_deterministically() -> None:
    rng = np.random.default_rng(0)
    x = rng.standard_normal((50, 8))
    first, kept = pca(x, 3)
    again, _ = pca(x.copy(), 3)
    assert first.shape == (50, 3) and 0 < kept < 1
    np.testing.assert_allclose(first, again)
    np.testing.assert_allclose(first.mean(axis=0), 0, atol=1e-6)


def test_bridge_languages_that_agree_keep_only_the_shared_glosses() -> None:
    from embedding_bridge import BRIDGE_WEIGHT, DISAGREE, agree

    swedish, norwegian = {"citizen": 1.0, "burgher": 0.8}, {"citizen": 0.8}
    assert agree([swedish, norwegian]) == {"citizen": BRIDGE_WEIGHT}
    # "komme": Swedish "komma" is also "comma"; with nothing shared both count, weighing less
    assert agree([{"comma": 1.0}, {"come": 1.0}]) == {"comma": BRIDGE_WEIGHT * DISAGREE,
                                                      "come": BRIDGE_WEIGHT * DISAGREE}
    assert agree([{"library": 1.0}]) == {"library": BRIDGE_WEIGHT}


def test_apertium_translates_one_word_a_line(tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    import embedding_bridge

    if shutil.which("apertium") is None or not (APERTIUM_MODES / "dan-swe.mode").exists():
        pytest.skip("apertium dan-swe not installed (apt-get install apertium apertium-swe-dan)")
    monkeypatch.setattr(embedding_bridge, "CACHE", tmp_path)
    words = ["forvaltning", "skolefravær", "xqzvw"]
    assert embedding_bridge.translate(words, "dan-swe") == ["förvaltning", "skolefrånvaro", None]
    assert (tmp_path / "bridge-dan-swe.txt").exists()  # cached: a second call runs nothing
    assert embedding_bridge.translate(words[:1], "dan-swe") == ["förvaltning"]


@pytest.mark.parametrize(
    ("word", "first"),
    [("konsekvens", "consequence"), ("koordinering", "coordination"), ("kvalitet", "quality"),
     ("økonomisk", "economic"), ("strategi", "strategy"), ("integration", "integration"),
     ("brand", None), ("fart", None)],  # short words spelt alike are often false friends
)
def test_loanwords_are_spelt_in_english_by_rules(word: str, first: str | None) -> None:
    from embedding_cognates import cognates

    assert (cognates(word) or [None])[0] == first


@pytest.mark.parametrize(
    ("line", "senses"),
    [("1. bud 2. tilbud 2.", ["bud", "tilbud"]),  # sense numbers part senses (FreeDict eng-nor)
     ("2. tilbud 2.", ["tilbud"]),
     ("kommune (local government), municipality", ["kommune", "municipality"]),
     ("   ", [])],
)
def test_dictd_lines_split_into_senses(line: str, senses: list[str]) -> None:
    from embedding_lexicon import split_senses

    assert split_senses(line) == senses
