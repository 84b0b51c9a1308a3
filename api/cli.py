"""The `referat` command line. Every command's help ends with an Example."""

from __future__ import annotations

import functools
import logging
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from api import render
from indexer.errors import InvalidInput, NotFound, ReferatError

if TYPE_CHECKING:  # imported when a command runs: `referat --help` stays instant
    from indexer.config import Settings
    from indexer.store.db import Store

F = TypeVar("F", bound=Callable[..., Any])


class Context:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def store(self, create: bool = False) -> Store:
        """The archive in --data; a read on a folder that does not exist (a mistyped --data)
        fails and makes nothing; only a writing command (`create`) makes a new folder."""
        from indexer.shards import open_store  # a sharded data folder is told apart there

        if not create and not self.settings.data.is_dir():
            fail(no_archive(self.settings.data))
        return open_store(self.settings.data)


def no_archive(data: Path) -> str:
    """What a read on a folder without an archive says (a mistyped --data, or no ingest yet)."""
    return (
        f"no archive at {data}: run `referat --data {data} ingest PATH` first"
        " (or check --data / $REFERAT_DATA)"
    )


pass_ctx = click.make_pass_decorator(Context)


def json_option(fn: F) -> F:
    return click.option("--json", "as_json", is_flag=True, help="Print JSON (the API's shape).")(fn)


def filter_options(fn: F) -> F:
    """The filters shared by search and decisions, handed to the command as `filters`."""

    @functools.wraps(fn)
    def with_filters(
        *args: Any,
        committee: str | None,
        municipality: str | None,
        date_from: str | None,
        date_to: str | None,
        **kwargs: Any,
    ) -> Any:
        from indexer.search.query import Filters

        try:
            filters = Filters(committee, municipality, date_from, date_to)
        except InvalidInput as exc:
            raise click.BadParameter(str(exc)) from None
        return fn(*args, filters=filters, **kwargs)

    options = [
        click.option("--committee", help="Only this committee, e.g. Socialudvalget."),
        click.option("--municipality", help="Only this municipality, e.g. Frederiksberg."),
        click.option("--from", "date_from", help="Meetings on or after YYYY-MM-DD."),
        click.option("--to", "date_to", help="Meetings on or before YYYY-MM-DD."),
        click.option("--limit", default=10, show_default=True, type=click.IntRange(1, 200)),
    ]
    decorated: Any = with_filters
    for option in reversed(options):
        decorated = option(decorated)
    return decorated  # type: ignore[no-any-return]


def fail(message: str, code: int = 1) -> None:
    click.echo(f"referat: {message}", err=True)
    sys.exit(code)


@click.group()
@click.option(
    "--data",
    type=click.Path(file_okay=False, path_type=Path),
    help="Data folder (default: $REFERAT_DATA, else ./data).",
)
@click.option("-v", "--verbose", is_flag=True, help="Log which models load and what is done.")
@click.pass_context
def cli(ctx: click.Context, data: Path | None, verbose: bool) -> None:
    """Search and decision summaries over Danish municipal meeting minutes.

    Example: referat ingest ../shared/samples && referat search "integration"
    """
    from indexer.config import load_settings

    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )
    ctx.obj = Context(load_settings(data=data))


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option(
    "--workers",
    default=1,
    show_default=True,
    type=click.IntRange(1, 64),
    help="Processes preparing documents in parallel (one per core is a good choice).",
)
@click.option(
    "--shards",
    type=click.IntRange(1, 1024),
    help="Split a new archive into N shards (--data/shard-K/); later runs may leave it out.",
)
@click.option(
    "--route",
    type=click.Choice(["municipality", "hash"]),
    default="municipality",
    show_default=True,
    help="With --shards: a shard by municipality, or by a hash of the meeting.",
)
@click.option(
    "--ray",
    "ray_address",
    metavar="ADDRESS|local",
    help="Prepare documents on a Ray cluster (pip install -e '.[cluster]'); 'local' starts one.",
)
@pass_ctx
def ingest(
    ctx: Context,
    paths: tuple[Path, ...],
    workers: int,
    shards: int | None = None,
    route: str = "municipality",
    ray_address: str | None = None,
) -> None:
    """Ingest files or folders (.txt, .pdf, .html, .json, .jsonl), recursively.

    Unchanged documents are skipped; changed ones replace their earlier version. Each bad
    file is named on stderr with the reason, and each bad line of a .jsonl file (read a line
    at a time; its other lines are stored); the exit status is 1 if any failed.

    Example: referat ingest ../shared/samples minutes/2020/ --workers 2
    """
    from indexer.ingest import expand, ingest_paths
    from indexer.pipeline import Pipeline

    files = expand(paths)
    counts = {"stored": 0, "unchanged": 0, "duplicate": 0, "failed": 0}
    bad_items = [0]
    if shards:
        from indexer.shards import create_manifest

        create_manifest(ctx.settings.data, shards, route)  # type: ignore[arg-type]
    with ctx.store(create=True) as store, _progress(len(files)) as bar:

        def report(result: Any) -> None:
            counts[result.status] += 1
            if result.status == "failed":
                bar.clear()
                click.echo(f"failed: {result.path}: {result.error}", err=True)
            for problem in result.problems:  # a bad line of a .jsonl file: the rest is stored
                bar.clear()
                click.echo(f"failed: {result.path}: {problem}", err=True)
                bad_items[0] += 1
            bar.update(1)

        if ray_address:
            from indexer.shards.ray_ingest import ingest_with_ray

            ingest_with_ray(store, files, ctx.settings, ray_address, on_result=report)
        else:
            ingest_paths(store, files, Pipeline(ctx.settings), on_result=report, workers=workers)
    summary = ", ".join(f"{k} {v}" for k, v in counts.items())
    click.echo(summary + (f", bad items {bad_items[0]}" if bad_items[0] else ""), err=True)
    if counts["failed"] or bad_items[0]:
        sys.exit(1)


def _progress(total: int) -> Any:
    from tqdm import tqdm

    return tqdm(total=total, unit="doc", disable=not sys.stderr.isatty(), file=sys.stderr)


@cli.command()
@json_option
@pass_ctx
def stats(ctx: Context, as_json: bool) -> None:
    """Counts of documents, meetings, items, sections and entities by type.

    Example: referat stats --json
    """
    from indexer.shards.reads import stats as get_stats

    with ctx.store() as store:
        result = get_stats(store)
    click.echo(render.dumps(result) if as_json else render.stats_view(result))


@cli.command()
@click.argument("item_id")
@json_option
@pass_ctx
def show(ctx: Context, item_id: str, as_json: bool) -> None:
    """One agenda item in full: sections, entities, decision.

    Example: referat show frederiksberg-socialudvalget-2020-02-03-10
    """
    from indexer.shards.reads import get_item

    with ctx.store() as store:
        item = _or_fail(lambda: get_item(store, item_id))
    click.echo(render.dumps(item) if as_json else render.item_view(item))


@cli.command()
@click.argument("case_number")
@json_option
@pass_ctx
def case(ctx: Context, case_number: str, as_json: bool) -> None:
    """The agenda items that carry a case number (spacing and letter case do not matter),
    or of the case with this id (an item's `case.id`), with the case's path through the bodies.

    Example: referat case 15.40.00-P20-2-19 --json
    """
    from indexer.cases.lookup import find_case

    with ctx.store() as store:
        found = _or_fail(lambda: find_case(store, case_number))
    if as_json:
        click.echo(render.dumps(found))
    else:
        click.echo(f"Sag {found['case']['id']}: {found['case']['path']}\n")
        click.echo("\n\n".join(render.item_view(item) for item in found["items"]))


def _or_fail(fn: Callable[[], Any]) -> Any:
    try:
        return fn()
    except NotFound as exc:
        fail(str(exc), 1)
    except InvalidInput as exc:
        fail(str(exc), 2)
    except ReferatError as exc:
        fail(str(exc), 1)


@cli.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=int)
@click.option(
    "--ray",
    "ray_address",
    metavar="ADDRESS|local",
    help="Serve each shard as a Ray Serve deployment behind this API ('local' starts Ray).",
)
@click.option(
    "--workers",
    default=1,
    show_default=True,
    type=click.IntRange(1, 64),
    help="Server processes sharing the port (one a core answers the most requests).",
)
@click.option(
    "--create",
    is_flag=True,
    help="Serve a folder with no archive yet without the warning (POST /documents fills it).",
)
@pass_ctx
def serve(
    ctx: Context,
    host: str,
    port: int,
    ray_address: str | None = None,
    workers: int = 1,
    create: bool = False,
) -> None:
    """Serve the HTTP API (OpenAPI at /docs) and the web search page at /.

    A --data folder with no archive yet is served empty, with a warning (POST /documents
    or `referat ingest` fills it); --create silences the warning.

    Example: referat --data data serve --port 8000 --workers 2
    """
    from indexer.shards import archive_exists

    if not create and not archive_exists(ctx.settings.data):
        click.echo(f"referat: {no_archive(ctx.settings.data)}; serving it empty"
                   " (POST /documents fills it)", err=True)
    import uvicorn

    from api.app import create_app

    if ray_address:
        from indexer.shards.serve import start_shard_deployments

        start_shard_deployments(ctx.settings, ray_address)
    if workers == 1:
        uvicorn.run(create_app(ctx.settings), host=host, port=port, log_level="info")
        return
    # each worker process builds its own app from the environment: pass --data down by it
    os.environ["REFERAT_DATA"] = str(ctx.settings.data)
    uvicorn.run(
        "api.app:create_app", factory=True, host=host, port=port, workers=workers,
        log_level="info",
    )


def main() -> None:
    import api.cli_search  # noqa: F401  (registers the read commands)
    import api.cli_votes  # noqa: F401  (registers referat votes)
    import api.cli_watch  # noqa: F401  (registers referat watch)

    try:
        cli(prog_name="referat")
    except ReferatError as exc:
        fail(str(exc))


if __name__ == "__main__":
    # `python -m api.cli` runs this file as __main__, but the read commands register on the
    # module api.cli: run that one, or `search`, `decisions`, `export` would be missing
    from api.cli import main as installed_main

    installed_main()
