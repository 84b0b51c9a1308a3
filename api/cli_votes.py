"""`referat votes`: how each party voted, per party and item (GET /votes's shape with --json)."""

from __future__ import annotations

import click

from api import render
from api.cli import Context, cli, json_option, pass_ctx
from indexer.errors import InvalidInput
from indexer.search.query import valid_date
from indexer.store.votes import party_votes

_WAYS = {"for": "for", "against": "imod", "abstained": "undlod"}


@cli.command()
@click.option("--party", help="A list letter (C) or a party name (Det Konservative Folkeparti).")
@click.option("--committee", help="Only this committee, e.g. Borgerrepræsentationen.")
@click.option("--from", "date_from", help="Meetings on or after YYYY-MM-DD.")
@click.option("--to", "date_to", help="Meetings on or before YYYY-MM-DD.")
@json_option
@pass_ctx
def votes(
    ctx: Context,
    party: str | None,
    committee: str | None,
    date_from: str | None,
    date_to: str | None,
    as_json: bool,
) -> None:
    """How each party voted: the votes for, against and abstained, with items and clauses.

    Example: referat votes --party C --from 2026-01-01 --json
    """
    for name, value in (("--from", date_from), ("--to", date_to)):
        if value is not None and not valid_date(value):
            raise click.BadParameter(f"{name} must be a date YYYY-MM-DD, got {value!r}")
    with ctx.store() as store:
        try:
            result = party_votes(store, party, committee, date_from, date_to)
        except InvalidInput as exc:
            raise click.BadParameter(str(exc)) from None
    click.echo(render.dumps(result) if as_json else _view(result))


def _view(result: dict[str, object]) -> str:
    parties = result["parties"]
    assert isinstance(parties, list)
    if not parties:
        return "No recorded votes match (votes are read from decisions with a vote taken)."
    lines: list[str] = []
    for party in parties:
        head = f"{party['party']}" + (
            f" {party['name']}" if party["name"] != party["party"] else ""
        )
        lines.append(
            f"{head}: {party['for']} for, {party['against']} imod, {party['abstained']} undlod"
        )
        for vote in party["votes"]:
            clause = " ".join(str(vote["clause"]).split())
            clause = clause if len(clause) <= 90 else f"{clause[:89]}…"
            way = _WAYS[vote["position"]]
            lines.append(f"  {vote['meeting_date']}  {way:6}  {vote['item_id']}  {clause}")
    return "\n".join(lines)
