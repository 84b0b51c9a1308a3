"""Ingest throughput with Ray against `--workers 2`, side by side, on the same documents.

The text samples copied to N documents (bench_ingest.make_copies: each a meeting of its own),
the full pipeline (entities on unless --no-entities), into a 2-shard archive each time:
1. `ingest_paths(..., workers=2)`: two worker processes prepare, this process writes;
2. Ray (`--ray local`, a local cluster of --cpus workers): Ray tasks prepare, one writer
   actor a shard commits.
Ray's start (cluster, workers loading the models) is timed apart from the ingest itself, as
the process pool's start is part of its own figure.

Usage: python -m benchmarks.bench_ray [--docs 200] [--cpus 2] [--no-entities]
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from benchmarks.bench_ingest import make_copies
from benchmarks.common import timer
from indexer.config import load_settings
from indexer.ingest import expand, ingest_paths
from indexer.pipeline import Pipeline
from indexer.shards import create_manifest, open_store, reads


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--docs", type=int, default=200)
    parser.add_argument("--cpus", type=int, default=2)
    parser.add_argument("--no-entities", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "src"
        src.mkdir()
        make_copies(src, args.docs)
        files = expand([src])
        for name in ("workers", "ray"):
            data = Path(tmp) / name
            create_manifest(data, 2)
            settings = load_settings(data=data, entities=not args.no_entities)
            started = 0.0
            with open_store(data) as store:
                if name == "workers":
                    with timer() as took:
                        ingest_paths(store, files, Pipeline(settings), workers=args.cpus)
                else:
                    took, started = _ray(store, files, settings, args.cpus)
                counts = reads.stats(store)
            seconds = took[0]
            timed = len(files) - (args.cpus if name == "ray" else 0)  # Ray's warm-up apart
            sections = counts["sections"] * timed / len(files)
            print(
                f"{name:>7}: {timed} documents, {sections:.0f} sections in"
                f" {seconds:.1f} s: {timed / seconds:.1f} documents/s,"
                f" {sections / seconds:.0f} sections/s"
                + (f" (Ray start and model load {started:.1f} s apart)" if started else ""),
                flush=True,
            )


def _ray(store, files, settings, cpus):  # type: ignore[no-untyped-def]
    from indexer.shards.ray_cluster import connect
    from indexer.shards.ray_ingest import ingest_with_ray, start_writers

    with timer() as start:
        ray = connect("local", num_cpus=cpus)
        writers = start_writers(ray, store.shards, sharded=True)
        warm = files[:cpus]  # each worker loads the pipeline once: not part of the rate
        ingest_with_ray(store, warm, settings, "local", writers=writers)
    with timer() as took:
        ingest_with_ray(store, files[cpus:], settings, "local", writers=writers)
    ray.shutdown()
    return took, start[0]


if __name__ == "__main__":
    main()
