"""CLI commands for saved searches: referat watch add / list / remove / feed."""

from __future__ import annotations

import click

from api import render
from api.cli import Context, _or_fail, cli, filter_options, json_option, pass_ctx
from indexer.search.query import Filters


@cli.group()
def watch() -> None:
    """Saved searches: new items matching them are recorded at every ingest.

    Example: referat watch add "integration" --committee Socialudvalget --webhook https://example.org/hook
    """


@watch.command("add")
@click.argument("query")
@filter_options
@click.option("--webhook", help="POST each new match here (JSON, HMAC-SHA256 signed).")
@click.option(
    "--secret", help="The webhook's HMAC key (default: $REFERAT_WEBHOOK_SECRET or a new one)."
)
@json_option
@pass_ctx
def watch_add(
    ctx: Context,
    query: str,
    filters: Filters,
    limit: int,
    webhook: str | None,
    secret: str | None,
    as_json: bool,
) -> None:
    """Save a search; the items that match it from the next ingest on are recorded.

    Example: referat watch add "ukrainere" --municipality København --json
    """
    from indexer.watches.store import add_watch

    with ctx.store(create=True) as store:  # a search saved before the first ingest
        made = _or_fail(
            lambda: add_watch(store, query, filters, webhook, secret or ctx.settings.webhook_secret)
        )
    if as_json:
        click.echo(render.dumps(made))
        return
    click.echo(f"saved search {made['id']}: {made['query']!r}")
    if made["webhook"]:
        click.echo(f"webhook {made['webhook']}, signed with secret {made['secret']}")


@watch.command("list")
@json_option
@pass_ctx
def watch_list(ctx: Context, as_json: bool) -> None:
    """The saved searches.

    Example: referat watch list --json
    """
    from indexer.watches.store import list_watches

    with ctx.store() as store:
        watches = list_watches(store)
    if as_json:
        click.echo(render.dumps({"watches": watches}))
        return
    for w in watches:
        given = ", ".join(f"{k}={v}" for k, v in w["filters"].items() if v)
        click.echo(f"{w['id']}  {w['query']!r}  {given}  {w['webhook'] or ''}".rstrip())


@watch.command("remove")
@click.argument("watch_id")
@pass_ctx
def watch_remove(ctx: Context, watch_id: str) -> None:
    """Delete a saved search and its matches.

    Example: referat watch remove 3f2a9c1b7d4e
    """
    from indexer.watches.store import remove_watch

    with ctx.store() as store:
        _or_fail(lambda: remove_watch(store, watch_id))
    click.echo(f"removed {watch_id}", err=True)


@watch.command("matches")
@click.argument("watch_id")
@json_option
@pass_ctx
def watch_matches(ctx: Context, watch_id: str, as_json: bool) -> None:
    """The items a saved search matched since it was made, newest first.

    Example: referat watch matches 3f2a9c1b7d4e
    """
    from indexer.watches.store import matched_items

    with ctx.store() as store:
        items = _or_fail(lambda: matched_items(store, watch_id))
    if as_json:
        click.echo(render.dumps({"id": watch_id, "items": items}))
        return
    for item in items:
        click.echo(f"{render.item_line(item)}\n  id: {item['item_id']}")
