"""Fixtures for the entity tests: the rule pipeline and the two sample minutes."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language

from indexer.entities.pipeline import build_nlp

SAMPLES = Path(__file__).resolve().parents[3] / ".." / "shared" / "samples"
KK_FILE = "kobenhavn-socialudvalget-2010-05-05.txt"
FB_FILE = "frederiksberg-socialudvalget-2020-02-03.txt"
MEETING_DATES = {KK_FILE: "2010-05-05", FB_FILE: "2020-02-03"}


@pytest.fixture(scope="session")
def rules_nlp() -> Language:
    """The rule components alone, built once."""
    return build_nlp()


@pytest.fixture(scope="session")
def sample_texts() -> dict[str, str]:
    """The whole text of each sample minutes file, by file name."""
    return {name: (SAMPLES / name).read_text(encoding="utf-8") for name in MEETING_DATES}
