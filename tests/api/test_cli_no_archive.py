"""A --data folder that does not exist (a mistyped path): reads refuse, writes create it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

import api.cli_search  # noqa: F401  (registers the read commands)
import api.cli_votes  # noqa: F401  (registers referat votes)
import api.cli_watch  # noqa: F401  (registers referat watch)
from api.cli import cli

SAMPLES = Path(__file__).resolve().parents[2].parent / "shared" / "samples"
READS = [
    ["search", "integration"],
    ["case", "15.40.00-P20-2-19"],
    ["show", "frederiksberg-socialudvalget-2020-02-03-10"],
    ["decisions", "hvad besluttede socialudvalget om integration"],
    ["export", "entities"],
    ["stats"],
    ["votes"],
    ["watch", "list"],
]


def run(*args: str, data: Path) -> click.testing.Result:
    return CliRunner().invoke(cli, ["--data", str(data), *args])


@pytest.mark.parametrize("args", READS, ids=" ".join)
def test_a_read_on_a_folder_without_an_archive_says_what_to_do(tmp_path: Path,
                                                                args: list[str]) -> None:
    typo = tmp_path / "dta"
    result = run(*args, data=typo)
    assert result.exit_code == 1, result.output
    assert f"no archive at {typo}" in result.output
    assert f"referat --data {typo} ingest PATH" in result.output
    assert not typo.exists()  # nothing was made in the mistyped folder


def test_a_read_on_an_existing_empty_folder_answers_an_empty_archive(tmp_path: Path) -> None:
    """A folder made for the archive (e.g. a fresh temporary one) is an empty archive."""
    result = run("search", "integration", "--json", data=tmp_path)
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["total"] == 0


def test_ingest_creates_the_archive_and_then_reads_work(tmp_path: Path) -> None:
    data = tmp_path / "new"
    sample = SAMPLES / "kk-items-sample.jsonl"
    assert run("ingest", str(sample), data=data).exit_code == 0
    stats = json.loads(run("stats", "--json", data=data).output)
    assert stats["documents"] == 1 and stats["items"] > 0


def test_a_watch_saved_before_the_first_ingest_creates_the_archive(tmp_path: Path) -> None:
    data = tmp_path / "fresh"
    made = run("watch", "add", "fordrevne", "--json", data=data)
    assert made.exit_code == 0, made.output
    assert json.loads(run("watch", "list", "--json", data=data).output)["watches"]


def test_the_installed_command_exits_1_without_a_traceback(tmp_path: Path) -> None:
    typo = tmp_path / "dta"
    done = subprocess.run([sys.executable, "-m", "api.cli", "--data", str(typo), "search", "x"],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 1
    assert done.stderr.startswith(f"referat: no archive at {typo}")
    assert "Traceback" not in done.stderr
