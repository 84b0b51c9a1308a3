"""The `referat` CLI on the real samples: ingest, stats, case, show, bad input, crash safety."""

from __future__ import annotations

import csv
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

import api.cli_search  # noqa: F401  (registers the read commands)
from api.cli import cli

SAMPLES = Path(__file__).resolve().parents[2].parent / "shared" / "samples"
KK_ITEMS = sum(1 for line in (SAMPLES / "kk-items-sample.jsonl").open() if line.strip())


def run(*args: str, data: Path) -> click.testing.Result:
    return CliRunner().invoke(cli, ["--data", str(data), *args], catch_exceptions=False)


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("data")
    result = run("ingest", str(SAMPLES), data=folder)
    assert result.exit_code == 0, result.output
    return folder


def all_commands(group: click.Group, prefix: str = "") -> list[tuple[str, click.Command]]:
    found = []
    for name, command in group.commands.items():
        found.append((prefix + name, command))
        if isinstance(command, click.Group):
            found += all_commands(command, prefix + name + " ")
    return found


@pytest.mark.parametrize("name,command", all_commands(cli), ids=lambda v: str(v))
def test_every_command_has_help_with_an_example(name: str, command: click.Command) -> None:
    assert command.help and "Example:" in command.help, name


def test_stats_counts_the_samples(data: Path) -> None:
    stats = json.loads(run("stats", "--json", data=data).output)
    assert stats["documents"] == 3
    assert stats["items"] == 1 + 4 + KK_ITEMS
    assert stats["meetings"] == 2 + KK_ITEMS
    assert stats["sections"] > 40


@pytest.mark.parametrize(
    "typed,title,municipality,date",
    [
        (
            "15.40.00-P20-2-19",
            "Integrationspolitikens handleplan 2020 og fordeling af integrationspuljen",
            "Frederiksberg",
            "2020-02-03",
        ),
        ("15.40.00-p20-2-19 ", None, "Frederiksberg", "2020-02-03"),
        ("2010-32472", None, "København", "2010-05-05"),
        ("2010 - 32472", None, "København", "2010-05-05"),
    ],
)
def test_case_lookup(data: Path, typed: str, title: str | None, municipality: str, date: str):
    result = run("case", typed, "--json", data=data)
    assert result.exit_code == 0, result.output
    [item] = json.loads(result.output)["items"]
    assert (item["municipality"], item["committee"], item["meeting_date"]) == (
        municipality,
        "Socialudvalget",
        date,
    )
    if title:
        assert item["title"] == title


def test_unknown_case_number_exits_1_with_message(data: Path) -> None:
    result = CliRunner().invoke(cli, ["--data", str(data), "case", "NOPE"])
    assert result.exit_code == 1
    assert "no agenda item carries case number 'NOPE'" in result.output


def test_show_prints_sections(data: Path) -> None:
    case = json.loads(run("case", "15.40.00-P20-2-19", "--json", data=data).output)
    item_id = case["items"][0]["item_id"]
    shown = json.loads(run("show", item_id, "--json", data=data).output)
    assert [s["heading"] for s in shown["sections"]][:2] == ["Resume", "Beslutning"]
    assert "Integrationspolitikens" in run("show", item_id, data=data).output


def test_reingest_skips_unchanged_and_replaces_changed(tmp_path: Path) -> None:
    source = tmp_path / "src" / "kobenhavn-socialudvalget-2010-05-05.txt"
    source.parent.mkdir()
    shutil.copy(SAMPLES / source.name, source)
    data = tmp_path / "data"
    assert "stored 1" in run("ingest", str(source), data=data).output
    assert "unchanged 1" in run("ingest", str(source), data=data).output
    source.write_text(source.read_text().replace("2010-32472", "2010-99999"))
    assert "stored 1" in run("ingest", str(source), data=data).output
    stats = json.loads(run("stats", "--json", data=data).output)
    assert (stats["documents"], stats["items"]) == (1, 1)
    assert json.loads(run("case", "2010-99999", "--json", data=data).output)["items"]


def test_bad_files_are_reported_and_the_rest_is_stored(tmp_path: Path) -> None:
    batch = tmp_path / "batch"
    batch.mkdir()
    (batch / "empty.txt").write_bytes(b"")
    (batch / "corrupt.pdf").write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog >>\ngarbage")
    shutil.copy(SAMPLES / "frederiksberg-socialudvalget-2020-02-03.txt", batch / "good.txt")
    result = CliRunner().invoke(cli, ["--data", str(tmp_path / "d"), "ingest", str(batch)])
    assert result.exit_code == 1
    assert "empty.txt" in result.output and "corrupt.pdf" in result.output
    stats = json.loads(run("stats", "--json", data=tmp_path / "d").output)
    assert (stats["documents"], stats["items"]) == (1, 4)


def _committed(db: Path) -> int:
    try:
        with sqlite3.connect(db) as conn:
            return int(conn.execute("SELECT count(*) FROM documents").fetchone()[0])
    except sqlite3.Error:
        return 0


def test_sigkill_mid_batch_loses_nothing_committed(tmp_path: Path) -> None:
    batch = tmp_path / "batch"
    batch.mkdir()
    lines = (SAMPLES / "kk-items-sample.jsonl").read_text().splitlines()
    for n in range(40):  # distinct documents: the kk items under other source ids
        items = [json.loads(line) | {"id": f"{json.loads(line)['id']}-{n}"} for line in lines]
        (batch / f"doc{n:02}.jsonl").write_text("\n".join(json.dumps(i) for i in items))
    data = tmp_path / "data"
    env = {**os.environ, "REFERAT_DATA": str(data)}
    proc = subprocess.Popen([sys.executable, "-m", "api.cli", "ingest", str(batch)], env=env)
    deadline = time.monotonic() + 120
    while _committed(data / "referat.sqlite") < 3 and time.monotonic() < deadline:
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    with sqlite3.connect(data / "referat.sqlite") as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        docs = conn.execute("SELECT count(*) FROM documents").fetchone()[0]
        items = conn.execute("SELECT count(*) FROM items").fetchone()[0]
    assert 3 <= docs < 40
    assert items == KK_ITEMS * docs  # every committed document whole, none of the one in flight
    result = run("ingest", str(batch), data=data)
    assert f"stored {40 - docs}, unchanged {docs}" in result.output
    assert json.loads(run("stats", "--json", data=data).output)["items"] == 40 * KK_ITEMS


def test_parallel_ingest_stores_the_same_archive(tmp_path: Path, data: Path) -> None:
    parallel = tmp_path / "parallel"
    command = [sys.executable, "-m", "api.cli", "--data", str(parallel), "ingest", "--workers", "2"]
    subprocess.run([*command, str(SAMPLES)], check=True, capture_output=True)
    assert run("stats", "--json", data=parallel).output == run("stats", "--json", data=data).output
    case = run("case", "15.40.00-P20-2-19", "--json", data=parallel).output
    assert json.loads(case) == json.loads(
        run("case", "15.40.00-P20-2-19", "--json", data=data).output
    )


def test_extract_reads_stdin_and_gives_offsets(data: Path) -> None:
    text = (
        "Socialudvalget godkendte den 3. februar 2020 at bruge 1,475 mio.kr. (15.40.00-P20-2-19)."
    )
    result = CliRunner().invoke(
        cli, ["--data", str(data), "extract", "-", "--json"], input=text, catch_exceptions=False
    )
    entities = json.loads(result.output)["entities"]
    found = {(e["type"], e["normalized"]) for e in entities}
    assert {
        ("COMMITTEE", "Socialudvalget"),
        ("DATE", "2020-02-03"),
        ("AMOUNT", 1475000),  # a number of kroner, per CONTRACT
        ("CASE_NUMBER", "15.40.00-P20-2-19"),
    } <= found
    assert all(text[e["start"] : e["end"]] == e["text"] for e in entities)


def test_export_carries_the_issues_entities(data: Path, tmp_path: Path) -> None:
    rows = [json.loads(line) for line in run("export", "entities", data=data).output.splitlines()]
    values = {(r["type"], r["normalized"]) for r in rows}
    for amount in (
        90000000,
        56400000,
        10000000,
        3600000,
        900000,
        600000,
        1475000,
        12300000,
        1754000,
    ):
        assert ("AMOUNT", amount) in values
    for case in ("2010-32472", "15.40.00-P20-2-19", "00.22.00-P35-230-19"):
        assert ("CASE_NUMBER", case) in values
    for kind, name in (
        ("PERSON", "Anette Laigaard"),
        ("LOCATION", "Slagelse"),
        ("LOCATION", "Odense"),
        ("ORGANIZATION", "BDO Consulting"),
    ):
        assert (kind, name) in values
    assert {"municipality", "committee", "meeting_date"} <= set(rows[0])
    out = tmp_path / "amounts.csv"
    run("export", "entities", "--type", "AMOUNT", "--format", "csv", "--out", str(out), data=data)
    with out.open(newline="") as handle:
        table = list(csv.DictReader(handle))
    assert len(table) > 40 and {row["type"] for row in table} == {"AMOUNT"}
    assert any("\n" in row["text"] for row in table)  # "155,7\nmio. kr." stays one cell
    parquet = CliRunner().invoke(
        cli, ["--data", str(data), "export", "entities", "--format", "parquet"]
    )
    assert parquet.exit_code == 2 and "--out" in parquet.output
