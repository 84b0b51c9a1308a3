"""`referat watch`, `referat case` by case id and `referat search --all-versions`."""

from __future__ import annotations

import json
from pathlib import Path

import click.testing
import pytest
from click.testing import CliRunner

import api.cli_search  # noqa: F401  (registers the read commands)
import api.cli_watch  # noqa: F401  (registers referat watch)
from api.cli import cli
from tests.indexer.cases.conftest import derived, dev_items, write_jsonl

QUICK = {"REFERAT_ENTITIES": "false", "REFERAT_EMBEDDINGS": "false"}


def run(*args: str, data: Path) -> click.testing.Result:
    runner = CliRunner()
    return runner.invoke(cli, ["--data", str(data), *args], env=QUICK, catch_exceptions=False)


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An agenda and its minutes; a saved search made before they are ingested."""
    root = tmp_path_factory.mktemp("cli-cases")
    items = dev_items()
    minutes = items["kk-2026-10-08-borgerrepræsentationen-6"]
    agenda = next(d for d in derived(items) if d["id"] == "derived-agenda-ukraine")
    write_jsonl(root / "ukraine.jsonl", [agenda, minutes])
    made = run("watch", "add", "fordrevne", "--municipality", "København", "--json", data=root)
    assert made.exit_code == 0, made.output
    (root / "watch.json").write_text(made.output)
    result = run("ingest", str(root / "ukraine.jsonl"), data=root)
    assert result.exit_code == 0, result.output
    return root


def test_watch_add_prints_the_contract_shape(folder: Path) -> None:
    made = json.loads((folder / "watch.json").read_text())
    assert set(made) >= {"id", "query", "filters", "webhook"}
    assert made["filters"]["municipality"] == "København"
    listed = json.loads(run("watch", "list", "--json", data=folder).output)["watches"]
    assert [w["id"] for w in listed] == [made["id"]]


def test_watch_records_both_versions_and_remove_forgets_it(folder: Path) -> None:
    made = json.loads((folder / "watch.json").read_text())
    matches = json.loads(run("watch", "matches", made["id"], "--json", data=folder).output)
    assert len(matches["items"]) == 2
    assert run("watch", "remove", made["id"], data=folder).exit_code == 0
    gone = run("watch", "remove", made["id"], data=folder)
    assert gone.exit_code == 1
    assert "watch list" in gone.output


def test_bad_webhook_is_a_usage_error(folder: Path) -> None:
    result = run("watch", "add", "x", "--webhook", "not a url", data=folder)
    assert result.exit_code == 2
    assert "http(s) URL" in result.output


def test_search_collapses_versions_unless_all_versions(folder: Path) -> None:
    one = json.loads(run("search", "fordrevne ukrainere", "--json", data=folder).output)
    both = json.loads(
        run("search", "fordrevne ukrainere", "--all-versions", "--json", data=folder).output
    )
    assert [h["meeting_date"] for h in one["hits"]] == ["2026-10-08"]
    assert one["hits"][0]["item_id"] == "kk-2026-10-08-borgerrepraesentationen-6"
    assert len(both["hits"]) == 2


def test_case_by_id_prints_the_path(folder: Path) -> None:
    item = json.loads(
        run("show", "kk-2026-10-08-borgerrepraesentationen-6", "--json", data=folder).output
    )
    case_id = item["case"]["id"]
    text = run("case", case_id, data=folder).output
    assert text.startswith(f"Sag {case_id}: Borgerrepræsentationen 8. oktober 2026: ")
    found = json.loads(run("case", case_id, "--json", data=folder).output)
    assert [link["rule"] for link in found["case"]["links"]] == ["version"]
