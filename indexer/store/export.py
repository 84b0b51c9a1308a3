"""Bulk entity export as JSONL, CSV, JSON or Parquet: generators of bytes, constant memory.

The CLI writes the chunks to a file or stdout; the API streams them as the response body.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from indexer.errors import InvalidInput
from indexer.store.queries import ENTITY_ROW_FIELDS

Rows = Iterable[dict[str, Any]]
BATCH = 10_000


def jsonl_chunks(rows: Rows) -> Iterator[bytes]:
    buffer: list[str] = []
    for row in rows:
        buffer.append(json.dumps(row, ensure_ascii=False))
        if len(buffer) >= BATCH:
            yield ("\n".join(buffer) + "\n").encode()
            buffer.clear()
    if buffer:
        yield ("\n".join(buffer) + "\n").encode()


def json_chunks(rows: Rows) -> Iterator[bytes]:
    """One JSON document {"entities": [...]}, streamed."""
    yield b'{"entities": ['
    first = True
    for chunk in jsonl_chunks(rows):
        lines = chunk.decode().rstrip("\n").split("\n")
        yield (("" if first else ",") + ",".join(lines)).encode()
        first = False
    yield b"]}\n"


def csv_chunks(rows: Rows) -> Iterator[bytes]:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=ENTITY_ROW_FIELDS, lineterminator="\n")
    writer.writeheader()
    for n, row in enumerate(rows, 1):
        writer.writerow(row)
        if n % BATCH == 0:
            yield out.getvalue().encode()
            out.seek(0)
            out.truncate()
    yield out.getvalue().encode()


class _Sink(io.RawIOBase):
    """A write-only file that hands its bytes over as they come."""

    def __init__(self) -> None:
        self.chunks: list[bytes] = []

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        self.chunks.append(bytes(data))
        return len(data)

    def drain(self) -> bytes:
        data = b"".join(self.chunks)
        self.chunks.clear()
        return data


def parquet_chunks(rows: Rows) -> Iterator[bytes]:
    """Parquet written one row group per batch, each group's bytes yielded as written."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = pa.schema(
        [(f, pa.int64() if f in ("start", "end") else pa.string()) for f in ENTITY_ROW_FIELDS]
    )  # one type a column: normalized is text here, AMOUNT values included
    sink = _Sink()
    writer = pq.ParquetWriter(sink, schema, compression="zstd")
    batch: list[dict[str, Any]] = []
    for row in rows:
        batch.append({**row, "normalized": str(row["normalized"])})
        if len(batch) >= BATCH:
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
            batch.clear()
            yield sink.drain()
    if batch:
        writer.write_table(pa.Table.from_pylist(batch, schema=schema))
    writer.close()
    yield sink.drain()


FORMATS: dict[str, tuple[Callable[[Rows], Iterator[bytes]], str]] = {
    "jsonl": (jsonl_chunks, "application/x-ndjson"),
    "csv": (csv_chunks, "text/csv; charset=utf-8"),
    "json": (json_chunks, "application/json"),
    "parquet": (parquet_chunks, "application/vnd.apache.parquet"),
}


def exporter(fmt: str) -> tuple[Callable[[Rows], Iterator[bytes]], str]:
    """The chunk generator and media type of a format; choices come from FORMATS itself."""
    try:
        return FORMATS[fmt]
    except KeyError:
        raise InvalidInput(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}") from None
