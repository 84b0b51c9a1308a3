"""Danish dates, normalised to ISO at the precision the text gives.

Rules (documented decisions):
- "5. maj 2010", "den 3. februar 2020", "Mandag d. 03. februar 2020", "05.05.2010",
  "03-02-2020", "3/2-2020", "2020-02-03" -> YYYY-MM-DD. A weekday is part of the entity; a
  bare leading "den"/"d." is not.
- Day ranges "22.- 23. april 2020" -> one entity, the first day ("2020-04-22").
- "maj 2010" -> "2010-05"; month ranges "maj-juni 2010" -> the first month ("2010-05");
  "primo maj 2020" -> "2020-05".
- A year alone is a date only with a qualifier that makes it a point in time: "primo 2020",
  "ultimo 2024", "foråret 2010", "udgangen af 2019", "1. kvartal 2020" -> "YYYY". Bare years
  ("budget 2011", "i 2018", table columns) and year ranges ("2011-2014") are never dates.
- A day and month without a year ("den 7. april") takes the meeting's year when that is safe:
  the date falls on or before the meeting and its sentence is told in the past
  ("tilkendegav", "besluttede", "blev") with no future ("næste", "vil"); or it falls after the
  meeting and its sentence has no past (a schedule: "23. marts kl. 08.30 Temabesøg").
  Otherwise (a past date after the meeting day is from an earlier year; a present-tense
  "behandles den 12. marts" may be next year), or without a meeting date, it is left out.
- Times ("kl. 08.30-10.00"), case numbers and invalid dates ("31. februar") are not dates.
"""

from __future__ import annotations

import re
from datetime import date

from indexer.entities.matches import LETTERS, Match, drop_inside, non_overlapping, url_spans
from indexer.errors import InvalidInput

MONTH_NAMES: tuple[str, ...] = (
    "januar", "februar", "marts", "april", "maj", "juni",
    "juli", "august", "september", "oktober", "november", "december",
)  # fmt: skip
MONTHS: dict[str, int] = {
    "januar": 1, "jan": 1, "februar": 2, "feb": 2, "marts": 3, "mar": 3, "april": 4, "apr": 4,
    "maj": 5, "juni": 6, "jun": 6, "juli": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sep": 9, "sept": 9, "oktober": 10, "okt": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}  # fmt: skip
_MONTH = (
    r"(?:januar|februar|marts|april|maj|juni|juli|august|september|oktober|november|december"
    r"|(?:jan|feb|mar|apr|jun|jul|aug|sept?|okt|nov|dec)\.)"
)
_WEEKDAY = r"(?:(?:mandag|tirsdag|onsdag|torsdag|fredag|lørdag|søndag),?\s+(?:den\s+|d\.\s*)?)?"
_YEAR = r"(?:19|20)\d{2}(?![\d])(?!-\d)"
_QUALIFIER = (
    r"(?:primo|medio|ultimo|foråret|sommeren|efteråret|vinteren"
    r"|(?:udgangen|starten|begyndelsen|slutningen|midten) af|[1-4]\. (?:kvartal|halvår))"
)
_B = rf"(?<![{LETTERS}\d.,])"  # nothing of a longer word or number just before
_E = rf"(?![{LETTERS}])"

DAY_MONTH_RE = re.compile(
    rf"{_B}{_WEEKDAY}(?P<d1>\d{{1,2}})(?P<dot>\.)?\s*"
    rf"(?:[-–]\s*(?P<d2>\d{{1,2}})\.?\s*)?(?P<mon>{_MONTH}){_E}(?:\s+(?P<year>{_YEAR}))?",
    re.IGNORECASE,
)
NUMERIC_RE = re.compile(
    rf"{_B}{_WEEKDAY}(?:(?P<d>\d{{1,2}})(?P<sep>[./-])(?P<m>\d{{1,2}})(?P=sep)(?P<y>{_YEAR})"
    rf"|(?P<d_>\d{{1,2}})/(?P<m_>\d{{1,2}})[- ](?P<y_>{_YEAR})"
    rf"|(?P<iy>(?:19|20)\d{{2}})-(?P<im>\d{{2}})-(?P<id>\d{{2}})(?![\d-]))",
    re.IGNORECASE,
)
MONTH_YEAR_RE = re.compile(
    rf"{_B}(?:(?:primo|medio|ultimo)\s+)?(?P<mon>{_MONTH})(?:\s*[-–]\s*{_MONTH})?\s+"
    rf"(?P<year>{_YEAR})",
    re.IGNORECASE,
)
QUALIFIED_YEAR_RE = re.compile(rf"{_B}{_QUALIFIER}\s+(?P<year>{_YEAR})", re.IGNORECASE)

# Past tense: weak verbs in -ede/-te of the minutes' vocabulary, strong ones, participles.
_PAST_RE = re.compile(
    r"\b(?:[a-zæøå]{3,}ede|godkendte|tiltrådte|sendte|blev|var|havde|fik|tog|gav|tilkendegav"
    r"|vedtog|besluttet|godkendt|behandlet|vedtaget|drøftet|tiltrådt|afholdt|holdt"
    r"|tidligere|sidste|allerede)\b",
    re.IGNORECASE,
)
_FUTURE_RE = re.compile(
    r"\b(?:næste|kommende|vil|forventes|planlagt|planlægges|fremover)\b", re.IGNORECASE
)
_SENTENCE_END_RE = re.compile(r"\n|(?<=[.!?:])\s+(?=[A-ZÆØÅ])")


def parse_meeting_date(value: str | None) -> date | None:
    """The meeting date from "YYYY-MM-DD" (or None); InvalidInput when it is malformed."""
    if value is None or value == "":
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError as exc:
        raise InvalidInput(
            f"meeting_date {value!r} is not a date; give it as YYYY-MM-DD or leave it out"
        ) from exc


def iso_date(year: int, month: int, day: int) -> str | None:
    """YYYY-MM-DD, or None when there is no such day."""
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def month_number(name: str) -> int:
    """The month of a Danish month name or abbreviation ("maj" -> 5, "sept." -> 9)."""
    return MONTHS[name.lower().rstrip(".")]


def find_dates(text: str, meeting_date: str | date | None = None) -> list[Match]:
    """Dates in the text as DATE matches; yearless ones resolved against the meeting date."""
    meeting = meeting_date if isinstance(meeting_date, date) else parse_meeting_date(meeting_date)
    days, claimed = _day_month(text, meeting)
    found = [*days, *_numeric(text), *drop_inside(_month_year(text), claimed)]
    found += [
        Match(m.start(), m.end(), "DATE", m.group("year")) for m in QUALIFIED_YEAR_RE.finditer(text)
    ]
    return non_overlapping(drop_inside(found, url_spans(text)))


def _day_month(text: str, meeting: date | None) -> tuple[list[Match], list[tuple[int, int]]]:
    """Day-month dates, and the spans of all with a year ("31. februar 2020" is no month)."""
    found: list[Match] = []
    claimed: list[tuple[int, int]] = []
    for m in DAY_MONTH_RE.finditer(text):
        day, month = int(m.group("d1")), month_number(m.group("mon"))
        start, end = m.start(), m.end()
        if m.group("year"):
            claimed.append(m.span())
            value = iso_date(int(m.group("year")), month, day)
        elif m.group("dot") and meeting is not None:
            end = m.end("mon")
            value = _resolve_yearless(text, start, end, month, day, meeting)
        else:
            value = None
        if value:
            found.append(Match(start, end, "DATE", value))
    return found, claimed


def _numeric(text: str) -> list[Match]:
    found: list[Match] = []
    for m in NUMERIC_RE.finditer(text):
        if m.group("d"):
            parts = m.group("y", "m", "d")
        elif m.group("d_"):
            parts = m.group("y_", "m_", "d_")
        else:
            parts = m.group("iy", "im", "id")
        value = iso_date(*(int(p) for p in parts))
        if value and not re.match(r"\.\d|-\d", text[m.end() : m.end() + 2]):
            found.append(Match(m.start(), m.end(), "DATE", value))
    return found


def _month_year(text: str) -> list[Match]:
    return [
        Match(m.start(), m.end(), "DATE", f"{m.group('year')}-{month_number(m.group('mon')):02d}")
        for m in MONTH_YEAR_RE.finditer(text)
    ]


def _resolve_yearless(
    text: str, start: int, end: int, month: int, day: int, meeting: date
) -> str | None:
    value = iso_date(meeting.year, month, day)
    if value is None:
        return None
    clause = _sentence(text, start, end)
    past = _PAST_RE.search(clause) is not None
    if date.fromisoformat(value) > meeting:
        return None if past else value  # a coming date this year, unless told as past
    return value if past and not _FUTURE_RE.search(clause) else None


def _sentence(text: str, start: int, end: int) -> str:
    """The sentence (or line) around text[start:end], at most 300 characters each side."""
    lo, hi = max(0, start - 300), min(len(text), end + 300)
    before = [m.end() for m in _SENTENCE_END_RE.finditer(text, lo, start)]
    after = _SENTENCE_END_RE.search(text, end, hi)
    return text[before[-1] if before else lo : after.start() if after else hi]
