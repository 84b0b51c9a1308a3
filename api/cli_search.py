"""CLI commands that read the archive: search, decisions, export, extract."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TextIO

import click

from api import render
from api.cli import Context, _or_fail, cli, filter_options, json_option, pass_ctx
from indexer.search.query import Filters
from indexer.store.export import FORMATS
from indexer.types import ENTITY_TYPES


@cli.command()
@click.argument("query")
@filter_options
@click.option(
    "--all-versions",
    is_flag=True,
    help="Every matching item; by default one hit per case (its latest item).",
)
@json_option
@pass_ctx
def search(
    ctx: Context, query: str, filters: Filters, limit: int, all_versions: bool, as_json: bool
) -> None:
    """Hybrid (lexical + semantic) search, one hit per case (its latest item, with the
    case's path), or per agenda item with --all-versions.

    Example: referat search "hvad besluttede socialudvalget om integration" --from 2015-01-01
    """
    from indexer.pipeline import Pipeline
    from indexer.shards.searcher import searcher_for

    collapse = "none" if all_versions else "case"
    with ctx.store() as store:
        searcher = searcher_for(store, Pipeline(ctx.settings))
        response = _or_fail(
            lambda: searcher.search(query, filters, limit=limit, collapse=collapse)
        )
    click.echo(render.dumps(response) if as_json else render.hits_view(response))


@cli.command()
@click.argument("question")
@filter_options
@json_option
@pass_ctx
def decisions(ctx: Context, question: str, filters: Filters, limit: int, as_json: bool) -> None:
    """Decisions that answer a question, most relevant first, then newest.

    Example: referat decisions "hvad besluttede socialudvalget om integration" --json
    """
    from indexer.pipeline import Pipeline
    from indexer.search.answer import answer
    from indexer.shards.searcher import searcher_for

    with ctx.store() as store:
        searcher = searcher_for(store, Pipeline(ctx.settings))
        response = _or_fail(lambda: answer(searcher, question, filters, limit=limit))
    click.echo(render.dumps(response) if as_json else render.decisions_view(response))


@cli.group()
def export() -> None:
    """Bulk exports.

    Example: referat export entities --type AMOUNT --format csv --out amounts.csv
    """


@export.command("entities")
@click.option(
    "--type",
    "types",
    multiple=True,
    type=click.Choice(ENTITY_TYPES, case_sensitive=False),
    help="Only this entity type (repeatable).",
)
@click.option("--committee", help="Only entities of this committee's items.")
@click.option(
    "--format", "fmt", type=click.Choice(list(FORMATS)), default="jsonl", show_default=True
)
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write to this file (parquet needs it); default stdout.",
)
@pass_ctx
def export_entities(
    ctx: Context, types: tuple[str, ...], committee: str | None, fmt: str, out: Path | None
) -> None:
    """Every entity in the archive with its item's committee, date and municipality, streamed.

    Example: referat export entities --type AMOUNT --type DATE --format parquet --out e.parquet
    """
    from indexer.store.export import exporter
    from indexer.store.queries import iter_entity_rows

    if fmt == "parquet" and out is None:
        raise click.UsageError("parquet is binary: give --out FILE")
    chunks, _ = exporter(fmt)
    with ctx.store() as store:
        rows = iter_entity_rows(store, types=types, committee=committee)
        sink = out.open("wb") if out else sys.stdout.buffer
        try:
            for chunk in chunks(rows):
                sink.write(chunk)
        finally:
            if out:
                sink.close()
            else:
                sink.flush()


@cli.command()
@click.argument("file", type=click.File("r", encoding="utf-8", errors="replace"), default="-")
@click.option("--meeting-date", help="YYYY-MM-DD: gives dates without a year their year.")
@json_option
@pass_ctx
def extract(ctx: Context, file: TextIO, meeting_date: str | None, as_json: bool) -> None:
    """Entities in any Danish text (a file or stdin), without storing it.

    Example: echo "Socialudvalget godkendte 1,475 mio. kr." | referat extract - --json
    """
    from indexer.entities.pipeline import extract as run_extract
    from indexer.pipeline import Pipeline

    text = file.read()
    entities = run_extract(Pipeline(ctx.settings).nlp, text, meeting_date=meeting_date)
    rows = [e.to_json() for e in entities]
    if as_json:
        click.echo(json.dumps({"entities": rows}, ensure_ascii=False, indent=2))
        return
    for row in rows:
        click.echo(
            f"{row['type']:<13} {row['text']!r:<45} -> {row['normalized']}  "
            f"[{row['start']}:{row['end']}]"
        )
