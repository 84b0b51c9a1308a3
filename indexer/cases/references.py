"""Reference evidence: an item's record of its earlier treatment, as (body, date) pairs.

Copenhagen's items carry the path of a case in "Oversigt over politisk behandling"
("Klima-, Miljø- og Teknikudvalgets beslutning i mødet den 17. august 2026", "Socialudvalget
den 26. august 2026") and "Tidligere beslutninger" ("Vanløse Lokaludvalg besluttede den
20. november 2025 at ..."). A body named with a date after it on the same line is a meeting
that treated this case; the item of that meeting with a matching title is linked.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from indexer.analysis.terms import fold
from indexer.entities.committee import find_committees
from indexer.entities.dates import find_dates

HISTORY_HEADINGS = (
    "tidligere beslutning",
    "politisk behandling",
    "tidligere behandling",
    "sagsforløb",
)
MAX_GAP = 80  # characters between the body's name and the date of its meeting
_DAY_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True, slots=True)
class Reference:
    body: str  # the body's name, folded ("klima-, miljø- og teknikudvalget")
    date: str  # YYYY-MM-DD of the meeting referred to


def body_key(name: str) -> str:
    """A committee name as references and meetings are compared: folded, spaces collapsed."""
    return fold(" ".join(name.split()))


def is_history(heading: str) -> bool:
    folded = fold(heading)
    return any(h in folded for h in HISTORY_HEADINGS)


def find_references(
    sections: Iterable[tuple[str, str]], meeting_date: str | None
) -> list[Reference]:
    """The earlier meetings named in the item's history sections, before its own date."""
    found: dict[Reference, None] = {}
    for heading, text in sections:
        if not is_history(heading):
            continue
        for line in text.splitlines():
            for ref in _line_references(line, meeting_date):
                if meeting_date is None or ref.date < meeting_date:
                    found[ref] = None
    return list(found)


def _line_references(line: str, meeting_date: str | None) -> list[Reference]:
    if not line.strip():
        return []
    bodies = find_committees(line)
    dates = [d for d in find_dates(line, meeting_date) if _DAY_RE.match(d.normalized)]
    refs = []
    for body in bodies:
        after = [d for d in dates if 0 <= d.start - body.end <= MAX_GAP]
        if after:
            refs.append(Reference(body_key(body.normalized), after[0].normalized))
    return refs
