"""Faults of a real `referat ingest` process: two at once, a full disk, a large file.

Each runs the CLI as a subprocess on real minutes (../shared/dev, corpus/demo), entities off
where they are not the point (their cost is measured in benchmarks/), and checks that the
batch stops or waits cleanly, the message says what to do, and the store stays consistent
(PRAGMA integrity_check, every stored document whole).
"""

from __future__ import annotations

import json
import os
import re
import resource
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from benchmarks.bench_cases_repeat import minutes_file as repeated_minutes
from indexer.store.db import DB_NAME
from indexer.store.lock import ingest_lock

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[2]
DEV_ITEMS = REPO.parent / "shared" / "dev" / "kk-items-dev.jsonl"
SAMPLE = REPO / "corpus" / "demo" / "frederiksberg-socialudvalget-2020-02-03.txt"
ITEMS_PER_FILE = 10


def referat(data: Path, *args: str, **env: str) -> subprocess.Popen[str]:
    environment = os.environ | {"REFERAT_ENTITIES": "false"} | env
    environment.pop("REFERAT_API_KEY", None)
    return subprocess.Popen([sys.executable, "-m", "api.cli", "--data", str(data), *args],
                            cwd=REPO, env=environment, text=True, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)


def split_dev_items(folder: Path) -> list[Path]:
    """The 210 real dev items as files of ITEMS_PER_FILE items each."""
    folder.mkdir(parents=True, exist_ok=True)
    lines = [line for line in DEV_ITEMS.read_text().splitlines() if line.strip()]
    files = []
    for start in range(0, len(lines), ITEMS_PER_FILE):
        file = folder / f"dev-{start // ITEMS_PER_FILE:03}.jsonl"
        file.write_text("\n".join(lines[start:start + ITEMS_PER_FILE]) + "\n")
        files.append(file)
    return files


def check_store(data: Path) -> dict[str, int]:
    """integrity_check is ok and every stored file has all its items; {path: items}."""
    db = sqlite3.connect(data / DB_NAME)
    try:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        rows = db.execute(
            "SELECT d.path, count(i.item_id) FROM documents d JOIN meetings m ON"
            " m.document_id = d.id JOIN items i ON i.meeting_id = m.id GROUP BY d.path").fetchall()
    finally:
        db.close()
    stored = {str(path): int(count) for path, count in rows}
    for path, count in stored.items():
        expected = sum(1 for line in Path(path).read_text().splitlines() if line.strip())
        assert count == expected, f"{path}: {count} of {expected} items stored"
    return stored


def first_line_with(word: str, process: subprocess.Popen[str]) -> str:
    assert process.stderr is not None
    for line in process.stderr:
        if word in line:
            return line
    pytest.fail(f"the process ended ({process.wait()}) without a line saying {word!r}")


def test_a_second_ingest_waits_for_the_first_and_nothing_is_lost(tmp_path: Path) -> None:
    files = split_dev_items(tmp_path / "src")
    first, second = files[: len(files) // 2], files[len(files) // 2:]
    data = tmp_path / "data"
    with ingest_lock(data, wait_s=0):  # the test holds the lock: the run must wait
        waiting = referat(data, "ingest", *map(str, first))
        line = first_line_with("busy", waiting)
        assert "waiting" in line and "REFERAT_INGEST_WAIT_S" in line, line
        assert waiting.poll() is None
    both = [waiting, referat(data, "ingest", *map(str, second))]  # and two at once
    outputs = [p.communicate(timeout=600) for p in both]
    assert [p.returncode for p in both] == [0, 0], outputs
    assert sorted(check_store(data)) == sorted(str(f.resolve()) for f in files)


def test_an_ingest_that_waits_too_long_says_so(tmp_path: Path) -> None:
    data = tmp_path / "data"
    with ingest_lock(data, wait_s=0):
        blocked = referat(data, "ingest", str(SAMPLE), REFERAT_INGEST_WAIT_S="1")
        _, err = blocked.communicate(timeout=300)
    assert blocked.returncode != 0
    assert "is busy" in err and "REFERAT_INGEST_WAIT_S" in err and "Traceback" not in err, err


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 3 MB tmpfs; skipped (with the reason) where mounting is not allowed."""
    mount = tmp_path / "disk"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", str(mount)],
                          capture_output=True, text=True, check=False)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here ({done.stderr.strip()}); "
                    "test_a_file_size_limit_stops_the_batch_cleanly covers the same path")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def run_until_full(data: Path, files: list[Path], **env: str) -> tuple[str, dict[str, int]]:
    process = referat(data, "ingest", *map(str, files), **env)
    _, err = process.communicate(timeout=600)
    assert process.returncode != 0, err
    assert "Traceback" not in err, err
    stored = check_store(data)
    assert 0 < len(stored) < len(files), (len(stored), err)
    return err, stored


def test_a_full_disk_stops_the_batch_cleanly(tmp_path: Path, small_disk: Path) -> None:
    files = split_dev_items(tmp_path / "src")
    data = small_disk / "data"
    err, stored = run_until_full(data, files)
    assert "is full" in err and "free some space" in err, err
    subprocess.run(["mount", "-o", "remount,size=64m", str(small_disk)], check=True)
    again = referat(data, "ingest", *map(str, files))
    _, err = again.communicate(timeout=600)
    assert again.returncode == 0, err
    assert f"unchanged {len(stored)}" in err  # what landed before stays, the rest lands now
    assert len(check_store(data)) == len(files)


def _limit_file_size(limit: int) -> None:  # in the child, before exec
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write over the limit fails with EFBIG
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))


def test_a_file_size_limit_stops_the_batch_cleanly(tmp_path: Path) -> None:
    """The same fault without mounting: RLIMIT_FSIZE makes the database's writes fail."""
    files = split_dev_items(tmp_path / "src")
    data = tmp_path / "data"
    environment = os.environ | {"REFERAT_ENTITIES": "false"}
    process = subprocess.Popen(
        [sys.executable, "-m", "api.cli", "--data", str(data), "ingest", *map(str, files)],
        cwd=REPO, env=environment, text=True, stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL, preexec_fn=lambda: _limit_file_size(2_000_000))
    _, err = process.communicate(timeout=600)
    assert process.returncode != 0, err
    assert "Traceback" not in err and "cannot write to" in err, err
    stored = check_store(data)
    assert 0 < len(stored) < len(files), (len(stored), err)


def minutes_file(path: Path, megabytes: float) -> Path:
    """Real minutes text of that size: one sample repeated, its meeting date changed."""
    return repeated_minutes(path, megabytes, SAMPLE)


def _peak_rss_mb(pid: int, peak: list[float]) -> None:
    """Follow the process's VmHWM (its own high-water mark since exec) until it exits.

    Not wait4's ru_maxrss: that also counts the image forked from this (large) test process
    before the exec, so it measured pytest, not referat."""
    status = Path(f"/proc/{pid}/status")
    while True:
        try:
            text = status.read_text()
        except OSError:
            return
        match = re.search(r"^VmHWM:\s+(\d+) kB", text, re.MULTILINE)
        if match is None:  # a zombie: the process has exited
            return
        peak[0] = max(peak[0], int(match.group(1)) / 1024)
        time.sleep(0.02)


def run_measured(data: Path, file: Path, **env: str) -> tuple[int, str, float]:
    """Exit status, stderr and peak RSS (MB) of `referat ingest FILE`."""
    process = referat(data, "ingest", str(file), **env)
    peak = [0.0]
    watcher = threading.Thread(target=_peak_rss_mb, args=(process.pid, peak))
    watcher.start()
    _, err = process.communicate()
    watcher.join()
    return process.returncode, err, peak[0]


def test_a_50_mb_minutes_file_over_the_limit_is_refused_before_it_is_read(
    tmp_path: Path,
) -> None:
    big = minutes_file(tmp_path / "big.txt", 50)
    code, err, peak_mb = run_measured(tmp_path / "data", big, REFERAT_MAX_FILE_MB="40")
    assert code == 1 and "Traceback" not in err, err
    assert str(big) in err and "raise REFERAT_MAX_FILE_MB" in err, err
    assert peak_mb < 1024, f"peak RSS {peak_mb:.0f} MB to refuse a file by its size"


def test_a_large_minutes_file_is_ingested_in_bounded_memory(tmp_path: Path) -> None:
    """2 MB here; the 50 MB run (peak RSS 816 MB, far too slow for a test) is in README."""
    big = minutes_file(tmp_path / "big.txt", 2)
    code, err, peak_mb = run_measured(tmp_path / "data", big)
    assert code == 0 and "stored 1" in err, err
    assert peak_mb < 2048, f"peak RSS {peak_mb:.0f} MB for a 2 MB file"


def test_an_oversized_jsonl_export_names_the_setting(tmp_path: Path) -> None:
    lines = DEV_ITEMS.read_text()
    big = tmp_path / "export.jsonl"
    big.write_text(lines * 3)  # ~3 MB, over a 2 MB limit
    process = referat(tmp_path / "data", "ingest", str(big), REFERAT_MAX_FILE_MB="2")
    _, err = process.communicate(timeout=300)
    assert process.returncode == 1
    assert "REFERAT_MAX_FILE_MB=2" in err and "raise REFERAT_MAX_FILE_MB" in err, err
    assert json.loads(lines.splitlines()[0])  # the lines were real items
