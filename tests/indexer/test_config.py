"""Settings: given values, else REFERAT_* environment variables, else defaults; typed."""

from __future__ import annotations

import json
import pickle
import subprocess
import sys
from pathlib import Path

import pytest

from indexer.config import Settings, load_settings
from indexer.errors import InvalidInput

REPO = Path(__file__).resolve().parents[2]


def test_defaults_environment_and_given_values_in_that_order(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("REFERAT_DATA", str(tmp_path / "env"))
    monkeypatch.setenv("referat_max_upload_mb", "7")  # any case, as pydantic-settings read it
    monkeypatch.setenv("REFERAT_API_KEY", "secret")
    monkeypatch.delenv("REFERAT_ENTITIES", raising=False)
    settings = Settings(api_key=None, ingest_wait_s="2.5")
    assert settings.data == tmp_path / "env" and isinstance(settings.data, Path)
    assert settings.max_upload_mb == 7 and settings.api_key is None
    assert settings.ingest_wait_s == 2.5 and settings.entities is True
    assert load_settings(data=tmp_path, api_key=None).data == tmp_path  # None: not given
    assert load_settings(api_key=None).api_key == "secret"


@pytest.mark.parametrize(("raw", "value"), [
    ("1", True), ("true", True), ("Yes", True), ("on", True),
    ("0", False), ("false", False), ("NO", False), ("off", False),
])
def test_booleans_from_the_environment(monkeypatch: pytest.MonkeyPatch, raw: str,
                                       value: bool) -> None:
    monkeypatch.setenv("REFERAT_EMBEDDINGS", raw)
    assert Settings().embeddings is value


@pytest.mark.parametrize(("variable", "raw"), [
    ("REFERAT_MAX_FILE_MB", "lots"), ("REFERAT_ENTITIES", "maybe"),
    ("REFERAT_WEBHOOK_TIMEOUT_S", "10s"),
])
def test_a_bad_value_names_its_variable(monkeypatch: pytest.MonkeyPatch, variable: str,
                                        raw: str) -> None:
    monkeypatch.setenv(variable, raw)
    with pytest.raises(InvalidInput, match=f"{variable}='{raw}'"):
        Settings()


def test_unknown_keywords_are_ignored_and_settings_travel(tmp_path: Path) -> None:
    settings = Settings(data=tmp_path, no_such_setting=1, entities=False, api_key=None)
    assert not hasattr(settings, "no_such_setting")
    assert pickle.loads(pickle.dumps(settings)) == settings  # to worker processes
    dumped = json.loads(settings.model_dump_json())
    assert dumped["data"] == str(tmp_path) and dumped["entities"] is False
    assert Settings(**dumped) == settings


def test_reading_settings_imports_no_pydantic() -> None:
    code = ("import sys; from indexer.config import load_settings; load_settings(); "
            "print(sorted(m for m in sys.modules if m.startswith('pydantic')))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          cwd=REPO, check=True)
    assert done.stdout.split() == ["[]"]
