"""A .jsonl file is read a line at a time: a bad line is named (CLI stderr, the upload's
`problems`) and every other line of the real sample is stored."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

import api.cli_search  # noqa: F401  (registers the read commands)
from api.cli import cli
from tests.api.conftest import ClientFactory

SAMPLES = Path(__file__).resolve().parents[2].parent / "shared" / "samples"
SAMPLE = SAMPLES / "kk-items-sample.jsonl"
BROKEN = '{"titel": "Punkt", "afsnit": ['
NO_TITLE = '{"udvalg": "Socialudvalget", "afsnit": []}'


def with_bad_lines() -> tuple[bytes, int]:
    """The sample with two bad lines put in as lines 3 and 6, and its number of items."""
    lines = SAMPLE.read_text(encoding="utf-8").splitlines()
    good = [line for line in lines if line.strip()]
    lines.insert(2, BROKEN)
    lines.insert(5, NO_TITLE)
    return ("\n".join(lines) + "\n").encode(), len(good)


def test_cli_names_each_bad_line_and_stores_the_rest(tmp_path: Path) -> None:
    data, items = with_bad_lines()
    path = tmp_path / "items.jsonl"
    path.write_bytes(data)
    runner = CliRunner()
    result = runner.invoke(cli, ["--data", str(tmp_path / "d"), "ingest", str(path)])
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("failed:")]
    assert [e.split(": ", 2)[2].split(":")[0] for e in errors] == ["line 3", "line 6"]
    assert "invalid JSON" in errors[0] and "missing 'title'" in errors[1]
    assert "stored 1" in result.stderr and "bad items 2" in result.stderr
    stats = runner.invoke(cli, ["--data", str(tmp_path / "d"), "stats", "--json"])
    assert json.loads(stats.output)["items"] == items
    again = runner.invoke(cli, ["--data", str(tmp_path / "d"), "ingest", str(path)])
    assert again.exit_code == 0 and "unchanged 1" in again.stderr  # the same file: skipped


def test_an_upload_gives_its_bad_lines_as_problems(make_client: ClientFactory) -> None:
    data, items = with_bad_lines()
    answer = make_client().post("/documents", files={"file": ("items.jsonl", data, "text/plain")})
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert body["status"] == "stored" and len(body["items"]) == items
    assert [p.split(":")[0] for p in body["problems"]] == ["line 3", "line 6"]
