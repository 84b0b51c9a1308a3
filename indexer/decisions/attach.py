"""Each vote on the decision proper, attached to the clause it decided; the final vote.

A vote's result line ("Indstillingens 2. at-punkt blev godkendt.") is matched to the clause
whose text it is (or contains); a decision by reference ("Indstillingen blev godkendt efter
afstemning ...") turns one line into the recommendation's points, so a vote no clause's
text matches goes to every clause without a vote when it is the only such vote, else to
the last clause without one. Votes on amendments are the amendments' own (see records).
The final vote (Decision.votes) is the last vote on the decision proper, or None.
"""

from __future__ import annotations

import re

from indexer.decisions.clauses import normalise
from indexer.decisions.records import Parts
from indexer.decisions.references import numbered
from indexer.types import Clause, Votes

_AT_POINT = re.compile(r"\b(\d{1,2})\.\s*at-punkt", re.IGNORECASE)


def attach_votes(clauses: list[Clause], parts: Parts) -> Votes | None:
    own = [(ballot.votes(), line) for ballot, decided, line in parts.ballots if not decided]
    for votes, line in own:
        target = _by_number(clauses, line) or _matching(clauses, line)
        if target:
            for clause in target:
                clause.vote = votes
        elif len(own) == 1:
            for clause in clauses:
                clause.vote = clause.vote or votes
        else:
            free = [clause for clause in clauses if clause.vote is None]
            if free:
                free[-1].vote = votes
    return own[-1][0] if own else None


def _by_number(clauses: list[Clause], line: str) -> list[Clause]:
    """The clause a vote on "indstillingens 2. at-punkt" decided, when clauses are at-points."""
    parsed = numbered(line)
    numbers = set(parsed[0]) if parsed else {int(n) for n in _AT_POINT.findall(line)}
    if not numbers or len(clauses) < 2 or max(numbers) > len(clauses):
        return []
    return [clauses[number - 1] for number in sorted(numbers) if clauses[number - 1].vote is None]


def _matching(clauses: list[Clause], line: str) -> list[Clause]:
    wanted = _key(line)
    if not wanted:
        return []
    return [
        clause
        for clause in clauses
        if clause.vote is None
        and (_key(clause.text) in wanted or wanted in _key(clause.text))
        and _key(clause.text)
    ]


def _key(text: str) -> str:
    return normalise(text).rstrip(" .").casefold()
