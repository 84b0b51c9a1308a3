"""Case linking on the worst case a user met: one minutes file that repeats one meeting.

    nice -n 10 .venv/bin/python -m benchmarks.bench_cases_repeat --megabytes 1 2 4

A text file of the given size is made as tests/indexer/test_faults.py's `minutes_file` makes
its 50 MB file: the Frederiksberg sample repeated, each copy's meeting date changed, so every
copy's items share the sample's case number (15.40.00-P20-2-19), titles and text. It is
parsed and stored in one transaction (entities and embeddings off: not what is timed), then
its items are linked as the ingest's hook does (`link_items`); only the linking is timed.
Before the fix the time per item grew with the number of items sharing the case (the 50 MB
file, 7,788 items, had not finished after 58 minutes).
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from indexer.cases.link import link_items
from indexer.config import REPO_ROOT, load_settings
from indexer.ingest import prepare_file
from indexer.pipeline import Pipeline
from indexer.store.db import Store

SAMPLE = REPO_ROOT.parent / "shared" / "samples" / "frederiksberg-socialudvalget-2020-02-03.txt"


def minutes_file(path: Path, megabytes: float, sample: Path = SAMPLE) -> Path:
    """The sample repeated to `megabytes`, its meeting date changed in every copy."""
    text = sample.read_text()
    with path.open("w") as out:
        day = 0
        while out.tell() < megabytes * 2**20:
            day += 1
            out.write(text.replace("3. februar 2020", f"{day % 28 + 1}. marts {2000 + day // 28}"))
    return path


def run(megabytes: float, folder: Path) -> tuple[int, float]:
    """(items linked, seconds of linking) for one file of that size."""
    settings = load_settings(data=folder / "data", entities=False, embeddings=False)
    prepared = prepare_file(minutes_file(folder / "big.txt", megabytes), Pipeline(settings))
    assert not hasattr(prepared, "status"), prepared
    with Store(settings.data) as store:
        ids = store.replace_document(prepared.doc, prepared.meetings, prepared.extras)  # type: ignore[union-attr]
        start = time.perf_counter()
        link_items(store, ids)
        return len(ids), time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--megabytes", type=float, nargs="+", default=[1.0, 2.0, 4.0])
    args = parser.parse_args()
    for megabytes in args.megabytes:
        with tempfile.TemporaryDirectory() as tmp:
            items, seconds = run(megabytes, Path(tmp))
        print(f"{megabytes:g} MB: {items} items linked in {seconds:.1f} s"
              f" ({seconds / items * 1000:.1f} ms an item)", flush=True)


if __name__ == "__main__":
    main()
