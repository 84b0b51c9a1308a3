"""Query understanding: a Danish question -> filters, content terms and intent.

"hvad besluttede socialudvalget om integration i 2020" becomes the committee filter
Socialudvalget, the period 2020-01-01..2020-12-31, decision intent, and the content words
"integration". A query that is a case number is looked up as one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date

from indexer.analysis.terms import fold
from indexer.errors import InvalidInput
from indexer.structure.meta import case_number_spans

DECISION_WORDS = frozenset(
    [
        "besluttede",
        "besluttet",
        "beslutte",
        "beslutning",
        "beslutningen",
        "beslutninger",
        "vedtog",
        "vedtaget",
        "vedtage",
        "vedtagelse",
        "godkendte",
        "godkendt",
        "godkende",
        "godkendelse",
        "afgjorde",
        "afgørelse",
    ]
)
LABELS = frozenset(
    {"", "sagsnr", "sag nr", "sagsnummer", "j.nr", "j. nr", "journalnr", "journalnummer", "jnr"}
)
PERIOD_RE = re.compile(
    r"\b(i|fra|efter|før|inden|siden|til|indtil|år)\s+(?:år(?:et)?\s+)?((?:19|20)\d{2})\b",
    re.IGNORECASE,
)
ISO_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True, slots=True)
class Filters:
    committee: str | None = None
    municipality: str | None = None
    date_from: str | None = None
    date_to: str | None = None

    def __post_init__(self) -> None:
        for name in ("date_from", "date_to"):
            value = getattr(self, name)
            if value is not None and not valid_date(value):
                raise InvalidInput(f"{name} must be a date YYYY-MM-DD, got {value!r}")

    def to_json(self) -> dict[str, str | None]:
        return {
            "committee": self.committee,
            "municipality": self.municipality,
            "date_from": self.date_from,
            "date_to": self.date_to,
        }


def valid_date(value: str) -> bool:
    if not ISO_DATE_RE.match(value):
        return False
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True


@dataclass(frozen=True, slots=True)
class Query:
    text: str  # the content of the question, filters and question words removed
    filters: Filters
    decision_intent: bool = False
    case_number: str | None = None
    inferred: dict[str, str] = field(default_factory=dict)


def understand(text: str, filters: Filters, committees: list[str]) -> Query:
    """Turn a typed question into filters, content text and intent."""
    case = _case_number(text)
    if case:
        return Query(text, filters, case_number=case)
    inferred: dict[str, str] = {}
    content = text
    if filters.committee is None:
        committee, content = _committee(content, committees)
        if committee:
            filters = replace(filters, committee=committee)
            inferred["committee"] = committee
    if filters.date_from is None and filters.date_to is None:
        period, content = _period(content)
        if period:
            filters = replace(filters, date_from=period[0], date_to=period[1])
            inferred.update(date_from=period[0] or "", date_to=period[1] or "")
    words = re.findall(r"\w+", content)
    intent = any(fold(w) in DECISION_WORDS for w in words)
    if intent and any(fold(w) not in DECISION_WORDS for w in words):
        # the decision words say what kind of answer is wanted, not what it is about
        content = " ".join(w for w in words if fold(w) not in DECISION_WORDS)
    return Query(content.strip(), filters, decision_intent=intent, inferred=inferred)


def _case_number(text: str) -> str | None:
    """The case number when the query is one (a label like "Sagsnr." may precede it)."""
    spans = case_number_spans(text)
    if len(spans) != 1:
        return None
    start, end, normalized = spans[0]
    rest = (text[:start] + text[end:]).strip(" .:").lower()
    return normalized if rest in LABELS else None


def _committee(text: str, committees: list[str]) -> tuple[str | None, str]:
    """The first known committee named in the text (any inflection), and the text without it.

    The returned text is folded (lower case) when a committee was found.
    """
    folded = fold(text)
    for name in sorted(committees, key=len, reverse=True):
        stem = re.escape(fold(name)).replace(r"\ ", r"\s+")
        match = re.search(rf"\b{stem}(?:s|ets|s')?\b", folded)
        if match is None and fold(name).endswith("et"):
            match = re.search(rf"\b{stem[:-2]}(?:ets|et)?\b", folded)
        if match:
            return name, (folded[: match.start()] + " " + folded[match.end() :]).strip()
    return None, text


def _period(text: str) -> tuple[tuple[str | None, str | None] | None, str]:
    match = PERIOD_RE.search(text)
    if match is None:
        return None, text
    word, year = match.group(1).lower(), int(match.group(2))
    period: tuple[str | None, str | None]
    if word in ("i", "år"):
        period = (f"{year}-01-01", f"{year}-12-31")
    elif word == "efter":
        period = (f"{year + 1}-01-01", None)
    elif word in ("fra", "siden"):
        period = (f"{year}-01-01", None)
    elif word in ("før", "inden"):
        period = (None, f"{year - 1}-12-31")
    else:  # til, indtil
        period = (None, f"{year}-12-31")
    return period, (text[: match.start()] + " " + text[match.end() :]).strip()
