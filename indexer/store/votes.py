"""Read side for votes: how each party voted across the archive (`referat votes`, GET /votes).

Votes are read from the stored decisions (items.decision, JSON): every vote taken, once,
with what it decided: a clause (the first one it decided, when one vote decided several),
or an amendment. Stores written before votes were attached to clauses have only the final
vote; it counts as a vote on the decision. Each vote entry resolves to a party letter
("C", "Ø (Charlotte Lund)", "Venstre"); a name that is no party (a løsgænger, a local
committee member) stands for itself. A party split across sides gets one position per side.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from typing import Any

from indexer.decisions.parties import BY_LETTER, by_name, letter_of, name_of
from indexer.store.db import Store
from indexer.store.queries import facets, spelled

POSITIONS = {"for": "for", "against": "against", "abstained": "abstained"}
CSV_FIELDS = (
    "party",
    "name",
    "item_id",
    "meeting_date",
    "committee",
    "title",
    "clause",
    "on",
    "outcome",
    "position",
)


def party_key(value: str) -> str:
    """A party filter or vote entry as the key votes are grouped by: "c", "Konservative" -> "C"."""
    cleaned = " ".join(value.split())
    if len(cleaned) == 1 and cleaned.upper() in BY_LETTER:
        return cleaned.upper()
    party = by_name(cleaned)
    if party is not None:
        return party.letter
    return letter_of(cleaned) or cleaned


def party_votes(
    store: Store,
    party: str | None = None,
    committee: str | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
) -> dict[str, Any]:
    """{"parties": [{"party", "name", "for", "against", "abstained", "votes": [...]}]}."""
    wanted = party_key(party) if party else None
    grouped: dict[str, dict[str, Any]] = {}
    for row in _decisions(store, committee, date_from, date_to):
        for key, record in _positions(row):
            if wanted is not None and key.casefold() != wanted.casefold():
                continue
            entry = grouped.setdefault(key, _empty(key))
            entry[record["position"]] += 1
            entry["votes"].append(record)
    parties = sorted(grouped.values(), key=_order)
    return {"parties": parties}


def votes_csv(result: dict[str, Any]) -> Iterator[str]:
    """One CSV row per party and vote."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_FIELDS, extrasaction="ignore")
    writer.writeheader()
    for party in result["parties"]:
        for vote in party["votes"]:
            writer.writerow({"party": party["party"], "name": party["name"], **vote})
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    if buffer.getvalue():
        yield buffer.getvalue()


def _decisions(
    store: Store, committee: str | None, date_from: str | None, date_to: str | None
) -> Iterator[dict[str, Any]]:
    where = ["items.decision IS NOT NULL", "items.decision LIKE '%\"for\": [%'"]
    params: list[str] = []
    if committee:
        where.append("meetings.committee = ?")
        params.append(spelled(committee, facets(store)["committees"]))
    if date_from:
        where.append("meetings.date >= ?")
        params.append(date_from)
    if date_to:
        where.append("meetings.date <= ?")
        params.append(date_to)
    sql = (
        "SELECT items.item_id, items.title, items.decision, meetings.committee, meetings.date"
        " FROM items JOIN meetings ON meetings.id = items.meeting_id"
        f" WHERE {' AND '.join(where)} ORDER BY meetings.date, items.item_id"
    )
    for row in store.db.execute(sql, params):
        yield {
            "item_id": row["item_id"],
            "title": row["title"],
            "committee": row["committee"],
            "meeting_date": row["date"],
            "decision": json.loads(row["decision"]),
        }


def _positions(row: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    """(party key, vote record) for every position taken in the item's votes."""
    for vote, clause, on, outcome in _votes_taken(row["decision"]):
        for side, position in POSITIONS.items():
            seen: set[str] = set()
            for entry in vote.get(side) or []:
                key = party_key(entry)
                if key in seen:
                    continue
                seen.add(key)
                yield (
                    key,
                    {
                        "item_id": row["item_id"],
                        "meeting_date": row["meeting_date"],
                        "committee": row["committee"],
                        "title": row["title"],
                        "clause": clause,
                        "on": on,
                        "outcome": outcome,
                        "position": position,
                    },
                )


def _votes_taken(decision: dict[str, Any]) -> Iterator[tuple[dict[str, Any], str, str, str]]:
    """Each vote once: (vote, what it decided, "amendment" or "clause", its outcome)."""
    seen: list[Any] = []
    for amendment in decision.get("amendments") or []:
        if amendment.get("vote"):
            seen.append(_identity(amendment["vote"]))
            who = amendment.get("proposed_by") or "et medlem"
            text = f"Ændringsforslag ({who}): {amendment.get('text') or ''}".strip(" :")
            yield amendment["vote"], text, "amendment", amendment["outcome"]
    clauses = decision.get("clauses") or []
    for clause in clauses:
        vote = clause.get("vote")
        if vote and _identity(vote) not in seen:
            seen.append(_identity(vote))
            yield vote, clause["text"], "clause", clause["outcome"]
    final = decision.get("votes")
    if final and _identity(final) not in seen:
        yield final, decision.get("summary") or "", "clause", decision["outcome"]


def _identity(vote: dict[str, Any]) -> Any:
    """A vote's number in its decision; the vote itself where the store predates numbers."""
    return vote.get("ballot", vote)


def _empty(key: str) -> dict[str, Any]:
    return {
        "party": key,
        "name": name_of(key) if key in BY_LETTER else key,
        "for": 0,
        "against": 0,
        "abstained": 0,
        "votes": [],
    }


def _order(entry: dict[str, Any]) -> tuple[int, str]:
    """Parties by list letter first, then named members alphabetically."""
    return (0 if entry["party"] in BY_LETTER else 1, entry["party"])
