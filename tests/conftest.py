"""Shared fixtures for the whole test suite."""

from __future__ import annotations

from pathlib import Path

import pytest

SAMPLES_DIR = Path(__file__).resolve().parents[1].parent / "shared" / "samples"


@pytest.fixture
def samples_dir() -> Path:
    """The real minutes in ../shared/samples (beside the repository root)."""
    return SAMPLES_DIR
