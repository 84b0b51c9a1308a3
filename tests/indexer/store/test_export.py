"""Bulk entity export: formats round-trip; a million entities stream in constant memory."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
import textwrap

import pyarrow.parquet as pq
import pytest

from indexer.errors import InvalidInput
from indexer.store.export import FORMATS, exporter
from indexer.store.queries import ENTITY_ROW_FIELDS

ROWS = [
    {
        "type": "AMOUNT",
        "text": "1,475 mio.kr.",
        "normalized": "1475000",
        "item_id": "frederiksberg-socialudvalget-2020-02-03-10",
        "section": "Sagsfremstilling",
        "start": 10,
        "end": 23,
        "municipality": "Frederiksberg",
        "committee": "Socialudvalget",
        "meeting_date": "2020-02-03",
    },
    {
        "type": "COMMITTEE",
        "text": 'Udvalget "med, komma"',
        "normalized": "Udvalget",
        "item_id": "x",
        "section": None,
        "start": 0,
        "end": 8,
        "municipality": None,
        "committee": None,
        "meeting_date": None,
    },
]


def collect(fmt: str) -> bytes:
    chunks, _ = exporter(fmt)
    return b"".join(chunks(iter(ROWS)))


def test_jsonl_and_json_round_trip():
    lines = collect("jsonl").decode().splitlines()
    assert [json.loads(line) for line in lines] == ROWS
    assert json.loads(collect("json"))["entities"] == ROWS


def test_csv_has_a_header_and_quotes_commas():
    reader = csv.DictReader(io.StringIO(collect("csv").decode()))
    assert reader.fieldnames == list(ENTITY_ROW_FIELDS)
    rows = list(reader)
    assert rows[1]["text"] == 'Udvalget "med, komma"' and rows[0]["normalized"] == "1475000"


def test_parquet_round_trip(tmp_path):
    path = tmp_path / "e.parquet"
    path.write_bytes(collect("parquet"))
    assert pq.read_table(path).to_pylist() == ROWS


def test_empty_export_is_still_valid():
    chunks, _ = exporter("json")
    assert json.loads(b"".join(chunks(iter([])))) == {"entities": []}
    csv_chunks, _ = exporter("csv")
    assert b"".join(csv_chunks(iter([]))).decode().strip() == ",".join(ENTITY_ROW_FIELDS)


def test_unknown_format_lists_the_choices():
    with pytest.raises(InvalidInput, match=", ".join(FORMATS)):
        exporter("xlsx")


STREAM_MILLION = textwrap.dedent(
    """
    import resource, sys
    from indexer.store.export import exporter
    from indexer.store.queries import ENTITY_ROW_FIELDS

    def rows():
        for n in range(1_000_000):
            yield dict(zip(ENTITY_ROW_FIELDS, ("AMOUNT", f"{n} kr.", str(n), f"item-{n % 977}",
                       "Økonomi", n % 5000, n % 5000 + 7, "Aarhus", "Økonomiudvalget",
                       "2020-02-03")))

    chunks, _ = exporter(sys.argv[1])
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    size = sum(len(chunk) for chunk in chunks(rows()))
    grown = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
    print(size, grown)
    """
)


@pytest.mark.slow
@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_a_million_entities_stream_in_constant_memory(fmt):
    """Peak memory grows by far less than the output: rows are never all held at once."""
    out = subprocess.run(
        [sys.executable, "-c", STREAM_MILLION, fmt], capture_output=True, text=True, check=True
    ).stdout.split()
    size, grown_kb = int(out[0]), int(out[1])
    assert size > 5_000_000  # a million rows, even compressed
    assert grown_kb < 60_000, f"peak memory grew {grown_kb} kB while streaming {size} bytes"
