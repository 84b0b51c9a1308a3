"""Case and journal numbers: KLE journal numbers, Copenhagen case numbers, labelled forms.

- KLE (used by most municipalities): "15.40.00-P20-2-19" = subject group, handling facet,
  serial number, year (two digits, or four).
- Copenhagen (eDoc/KK): "2010-32472", "2019-0123456" = year, then 5 to 8 digits. Four digits
  after the year never count unlabelled: "2011-2014" is a year range.
- Anything after a label "Sagsnr.", "J.nr.", "Journalnr." ... that has a digit and is
  neither a date, a year range, a phone number nor a CPR-like number.

Normalised: whitespace removed, letters upper-cased ("15.40.00 - p20-2-19" -> "15.40.00-P20-2-19").
"""

from __future__ import annotations

import re
from datetime import date

from indexer.entities.matches import LETTERS, Match, drop_inside, non_overlapping, url_spans

_SEP = r" ?- ?"
KLE_PATTERN = (
    rf"\d{{2}}\.\d{{2}}\.\d{{2}}{_SEP}[A-ZÆØÅa-zæøå]\d{{2}}{_SEP}\d{{1,6}}{_SEP}(?:\d{{2}}){{1,2}}"
)
KK_PATTERN = r"(?:19|20)\d{2}-\d{5,8}"
# The canonical case-number pattern (KLE or Copenhagen), bounded so it never starts or ends
# inside a longer word or number.
CASE_NUMBER_RE = re.compile(
    rf"(?<![{LETTERS}\d.\-/])(?:{KLE_PATTERN}|{KK_PATTERN})(?![{LETTERS}\d]|-\d|\.\d)"
)
LABEL_RE = re.compile(
    r"(?<![A-Za-zæøå])(?i:Sags\.? ?nr|Sagsnummer|J\. ?nr|Jnr|Journal ?nr|Journalnummer|Dok\. ?nr)"
    r"\.?:?[ \t]*(?P<value>[A-ZÆØÅ0-9](?:[A-ZÆØÅ0-9./]| ?[-/] ?)*[0-9A-ZÆØÅ])"
    rf"(?![{LETTERS}\d])"
)
_YEAR_RANGE_RE = re.compile(r"((?:19|20)\d{2}) ?[-–/] ?((?:19|20)?\d{2})")
_PHONE_RE = re.compile(r"(?:\+ ?45 ?)?(?:\d{8}|\d{2}(?: \d{2}){3}|\d{4} \d{4})")
_CPR_RE = re.compile(r"(\d{2})(\d{2})(\d{2}) ?-? ?\d{4}")
_DATE_RE = re.compile(r"(\d{1,2})[.\-/](\d{1,2})[.\-/](\d{4})|(\d{4})-(\d{2})-(\d{2})")


def normalize_case_number(text: str) -> str:
    """The case number with whitespace removed and letters upper-cased."""
    return re.sub(r"\s+", "", text).upper()


def is_year_range(text: str) -> bool:
    """True for "2011-2014", "2011-13", "2019/20": a first year and a later end year."""
    m = _YEAR_RANGE_RE.fullmatch(text.strip())
    if not m:
        return False
    first, last = m.group(1), m.group(2)
    end = int(last) if len(last) == 4 else int(first[:2] + last)
    return end > int(first)


def is_date_like(text: str) -> bool:
    """True when the text is a valid calendar date (dd.mm.yyyy, dd-mm-yyyy, yyyy-mm-dd)."""
    m = _DATE_RE.fullmatch(text.strip())
    if not m:
        return False
    d, mo, y = (m.group(1), m.group(2), m.group(3)) if m.group(1) else m.group(6, 5, 4)
    return _valid(int(y), int(mo), int(d))


def is_phone_or_cpr(text: str) -> bool:
    """True for a Danish phone number (8 digits, "+45 ...") or a CPR-like ddmmyy-xxxx."""
    stripped = text.strip()
    if _PHONE_RE.fullmatch(stripped):
        return True
    m = _CPR_RE.fullmatch(stripped)
    return m is not None and _valid(1900 + int(m.group(3)), int(m.group(2)), int(m.group(1)))


def is_case_number(text: str) -> bool:
    """Whether a labelled value may be a case number (not a date, range, phone or CPR)."""
    stripped = text.strip()
    return (
        any(c.isdigit() for c in stripped)
        and len(stripped) >= 4
        and not (is_year_range(stripped) or is_date_like(stripped) or is_phone_or_cpr(stripped))
        and not re.fullmatch(r"(?:19|20)\d{2}", stripped)
    )


def find_case_numbers(text: str) -> list[Match]:
    """Case numbers in the text, in order, as CASE_NUMBER matches."""
    found = [
        Match(m.start(), m.end(), "CASE_NUMBER", normalize_case_number(m.group()))
        for m in CASE_NUMBER_RE.finditer(text)
    ]
    for m in LABEL_RE.finditer(text):
        value = m.group("value").rstrip(".-/")
        if is_case_number(value):
            start = m.start("value")
            found.append(
                Match(start, start + len(value), "CASE_NUMBER", normalize_case_number(value))
            )
    return non_overlapping(drop_inside(found, url_spans(text)))


def _valid(year: int, month: int, day: int) -> bool:
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True
