"""Facet tokens: a section's committee, municipality and meeting year as words of the FTS index.

Every section's row in `sections_fts` carries them in its own column (`facets`), e.g.
"c-socialudvalget m-frederiksberg y-2020", so a filtered lexical search is one FTS5 query
that intersects posting lists, instead of joining every match to its meeting. The facets
only narrow: they are a superset of what the filters pass (a committee is compared folded,
a date range by whole years), and the few hits kept are checked exactly in SQL afterwards.
"""

from __future__ import annotations

import re

from indexer.analysis.terms import fold
from indexer.search.query import Filters
from indexer.types import Meeting

FACETS_COLUMN = "facets"
MAX_YEARS = 40  # a wider period is left to the exact check: a long OR is no cheaper


def facet_token(kind: str, value: str) -> str:
    """One facet as one FTS token: kind "c" committee, "m" municipality, "y" year.

    facet_token("c", "Børne- og Ungdomsudvalget") == "c-børne-og-ungdomsudvalget": folded
    (case, accents, aa -> å), every run of characters other than letters and digits made "-",
    which the tokenizer keeps inside a token.
    """
    return f"{kind}-" + re.sub(r"[\W_]+", "-", fold(value)).strip("-")


def meeting_facets(meeting: Meeting) -> str:
    """The facets column of a meeting's sections: "c-... m-... y-YYYY", the known parts only."""
    parts = [
        ("c", meeting.committee),
        ("m", meeting.municipality),
        ("y", meeting.date[:4] if meeting.date else None),
    ]
    return " ".join(facet_token(kind, value) for kind, value in parts if value)


def facet_query(filters: Filters, years: tuple[int, int] | None) -> str | None:
    """An FTS5 expression on the facets column that every section passing the filters matches.

    `years` is the first and last meeting year in the store (None when no meeting has a date).
    Returns "" when the filters narrow nothing the facets can express, and None when no
    section can pass (a period outside the archive).
    """
    clauses = [
        f'{FACETS_COLUMN} : "{facet_token(kind, value)}"'
        for kind, value in (("c", filters.committee), ("m", filters.municipality))
        if value
    ]
    if filters.date_from or filters.date_to:
        if years is None:
            return None
        first = int(filters.date_from[:4]) if filters.date_from else years[0]
        last = int(filters.date_to[:4]) if filters.date_to else years[1]
        wanted = range(max(first, years[0]), min(last, years[1]) + 1)
        if not wanted:
            return None
        if len(wanted) <= min(MAX_YEARS, years[1] - years[0]):  # not every year
            tokens = " OR ".join(f'"{facet_token("y", f"{y:04}")}"' for y in wanted)
            clauses.append(f"{FACETS_COLUMN} : ({tokens})")
    return " AND ".join(clauses)
