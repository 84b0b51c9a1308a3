"""Shared fixtures for the whole test suite."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

# Property tests judge outcomes, never speed: a loaded machine (CI, parallel work) must not turn a
# slow first example into a failure. Tests that set their own settings keep them.
settings.register_profile(
    "referat", deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True
)
settings.load_profile("referat")

SAMPLES_DIR = Path(__file__).resolve().parents[1].parent / "shared" / "samples"


@pytest.fixture
def samples_dir() -> Path:
    """The real minutes in ../shared/samples (beside the repository root)."""
    return SAMPLES_DIR
