"""Small pure helpers that read Danish meeting facts out of text.

Dates ("5. maj 2010", "d. 03-02-2020", "05.05.2010"), times ("kl. 21:30"), places
("Mødested Udvalgsværelse 2"), case numbers (KLE "15.40.00-P20-2-19", Copenhagen
"2010-32472", labelled "Sagsnr. 19/12345"), committees ("Socialudvalgets" -> "Socialudvalget")
and the kind of document (referat or dagsorden). The search and entity stages reuse
case_number_spans, normalize_case_number, find_dates and normalize_committee (case-number
patterns: indexer.entities.casenumbers, the one place they are defined).
"""

from __future__ import annotations

import re
from datetime import date

from indexer.entities.casenumbers import CASE_NUMBER_RE  # noqa: F401  (re-exported)
from indexer.entities.casenumbers import find_case_numbers as _find_case_numbers
from indexer.entities.casenumbers import normalize_case_number as _normalize_case_number
from indexer.entities.dates import MONTHS
from indexer.structure import municipalities

_MONTH_ALT = "|".join(sorted(MONTHS, key=len, reverse=True))
_DATE_RE = re.compile(
    rf"(?<![\w.])(?P<d1>\d{{1,2}})\.?\s*(?P<month>{_MONTH_ALT})(?![^\W\d_])\.?\s+(?P<y1>\d{{4}})(?!\d)"
    r"|(?<![\d.\-/])(?P<d2>\d{1,2})(?P<sep>[.\-/])(?P<m2>\d{1,2})(?P=sep)(?P<y2>\d{4})(?![\d\-])"
    r"|(?<![\d.\-/])(?P<y3>\d{4})-(?P<m3>\d{2})-(?P<d3>\d{2})(?![\d\-])",
    re.IGNORECASE,
)
_TIME_RE = re.compile(r"\bkl\.?\s*(?P<h>\d{1,2})[.:](?P<m>\d{2})(?!\d)", re.IGNORECASE)
_PLACE_RE = re.compile(r"^(?:Mødested|Mødelokale|Sted)\s*:?\s+(?P<place>\S.*)$", re.IGNORECASE)
_LABELLED_DATE_RE = re.compile(
    r"^(?:Mødedato|Dato|Mødetidspunkt|Tidspunkt|Mødetid|Afholdt)\b", re.IGNORECASE
)

_COMMITTEE_WORD = (
    r"(?:udvalg|udvalget|bestyrelse|bestyrelsen|råd|rådet|repræsentation|repræsentationen"
    r"|magistrat|magistraten|nævn|nævnet)"
)
_NOT_NAME = r"(?!(?:Referat|Dagsorden|Beslutningsprotokol|Møde|Mødet|Fra|Til|Punkt)\b)"
COMMITTEE_RE = re.compile(
    r"(?<![^\W\d_])(?P<name>"
    r"(?:(?:[^\W\d_]{1,40}-,?\s{1,3}){1,6}(?:og|samt)\s{1,3})?"
    rf"(?:(?:{_NOT_NAME}[A-ZÆØÅ][a-zæøå]+\s+){{1,3}}(?=[Ll]okaludvalg))?"
    r"(?!(?:[Ff]ra|[Tt]il|[Bb]e)(?:råd|nævn))"
    rf"(?:Magistrat(?:en)?|[^\W\d_]{{2,}}?{_COMMITTEE_WORD})s?"
    r")(?![^\W\d_])"
)
_GENITIVE_RE = re.compile(
    rf"((?<=[^\W\d_]){_COMMITTEE_WORD}|(?<![^\W\d_])magistraten)s$", re.IGNORECASE
)

_KIND_WORDS: tuple[tuple[str, str], ...] = (
    ("beslutningsprotokol", "referat"),
    ("referat", "referat"),
    ("dagsorden", "dagsorden"),
)


def _iso(year: int, month: int, day: int) -> str | None:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def find_dates(text: str) -> list[tuple[int, int, str]]:
    """Every full Danish date in text, as (start, end, "YYYY-MM-DD"); impossible dates skipped."""
    found: list[tuple[int, int, str]] = []
    for m in _DATE_RE.finditer(text):
        if m.group("month"):
            month = MONTHS[m.group("month").lower()]
            iso = _iso(int(m.group("y1")), month, int(m.group("d1")))
        elif m.group("sep"):
            iso = _iso(int(m.group("y2")), int(m.group("m2")), int(m.group("d2")))
        else:
            iso = _iso(int(m.group("y3")), int(m.group("m3")), int(m.group("d3")))
        if iso:
            found.append((m.start(), m.end(), iso))
    return found


def find_date(text: str) -> str | None:
    """The first full date in text as "YYYY-MM-DD": "Mandag d. 03. februar 2020" -> 2020-02-03."""
    dates = find_dates(text)
    return dates[0][2] if dates else None


def find_time(text: str) -> str | None:
    """The first clock time in text as "HH:MM": "kl. 21:30" or "kl. 8.30" -> "08:30"."""
    for m in _TIME_RE.finditer(text):
        hour, minute = int(m.group("h")), int(m.group("m"))
        if hour < 24 and minute < 60:
            return f"{hour:02d}:{minute:02d}"
    return None


def find_place(lines: list[str]) -> str | None:
    """The meeting place from a "Mødested ..." / "Sted: ..." line."""
    for line in lines:
        m = _PLACE_RE.match(line.strip())
        if m:
            return m.group("place").strip()
    return None


def labelled_date(lines: list[str]) -> tuple[str | None, str | None]:
    """(date, time) from the first "Mødedato ..." / "Dato: ..." line that holds a date."""
    for line in lines:
        if _LABELLED_DATE_RE.match(line.strip()):
            found = find_date(line)
            if found:
                return found, find_time(line)
    return None, None


def normalize_case_number(number: str) -> str:
    """A case number without spaces, letters upper-cased: "00.22.00-p35 -230-19" -> ..."""
    return _normalize_case_number(number).rstrip(".,;:")


def case_number_spans(text: str) -> list[tuple[int, int, str]]:
    """Every case or journal number in text as (start, end, normalized), labels excluded.

    The patterns live in one place, `indexer.entities.casenumbers`; this is their view for
    the structure parser and query understanding.
    """
    return [(m.start, m.end, normalize_case_number(m.normalized)) for m in _find_case_numbers(text)]


def find_case_numbers(text: str) -> list[str]:
    """The distinct normalized case numbers in text, in order."""
    return list(dict.fromkeys(n for _, _, n in case_number_spans(text)))


def case_line_numbers(line: str) -> list[str]:
    """The case numbers of a line that is nothing but case numbers (and their labels), else []."""
    stripped = line.strip()
    if not stripped or len(stripped) > 120:
        return []
    rest = stripped
    for start, end, _ in reversed(case_number_spans(stripped)):
        rest = rest[:start] + " " + rest[end:]
    rest = re.sub(r"(?i)\b(?:dok(?:ument)?\.?\s?nr|sagsnr|j\.?\s?nr)\.?\s*:?\s*\S*", " ", rest)
    if re.search(r"[^\W_]", rest):
        return []
    return find_case_numbers(stripped)


def normalize_committee(name: str) -> str:
    """Nominative definite form, capital first letter: "socialudvalgets" -> "Socialudvalget"."""
    text = re.sub(r"\s+", " ", name.replace("_", " ")).strip(" ,.:;")
    if text.isupper():
        text = text.capitalize()
    text = _GENITIVE_RE.sub(lambda m: m.group(1), text)
    return text[:1].upper() + text[1:]


def find_committees(text: str) -> list[str]:
    """Committees named in text, normalized, in order of appearance."""
    return [normalize_committee(m.group("name")) for m in COMMITTEE_RE.finditer(text)]


def find_committee(text: str) -> str | None:
    """The first committee named in text, normalized."""
    names = find_committees(text.replace("_", " "))
    return names[0] if names else None


def committee_from_filename(stem: str, text: str = "") -> str | None:
    """The committee a file name spells after its municipality ("kobenhavn-socialudvalget-...").

    A committee named in the text whose folded spelling matches wins, so "okonomiudvalget"
    becomes "Økonomiudvalget" when the text says so. Only a real name is taken: the words
    after a real municipality ("aarhus-magistraten-..."), or words that name a committee by
    themselves ("socialudvalget-2020-..."); any other file name ("thin.html") gives None.
    """
    tokens = [t for t in re.split(r"[^0-9A-Za-zÆØÅæøå]+", stem) if t]
    used = municipalities.filename_tokens_used(stem)
    words: list[str] = []
    for token in tokens[used:]:
        if token.isdigit():
            break
        if not detect_kind(token):
            words.append(token)
    if not words:
        return None
    key = municipalities.loose_key("-".join(words))
    for name in find_committees(text):
        if municipalities.loose_key(name) == key:
            return name
    named = normalize_committee(" ".join(words))
    return named if used or find_committees(named) else None


def filename_date(stem: str) -> str | None:
    """The date a file name holds: "...-2010-05-05", "..._05-05-2010" or "...20100505"."""
    spaced = re.sub(r"(?<=\D)[-_](?=\d)|(?<=\d)[-_](?=\D)", " ", stem)
    found = find_date(spaced)
    if found:
        return found
    m = re.search(r"(?<!\d)(\d{4})(\d{2})(\d{2})(?!\d)", stem)
    return find_date(f"{m.group(1)}-{m.group(2)}-{m.group(3)}") if m else None


def detect_kind(text: str) -> str | None:
    """The kind a text names: "referat" ("REFERAT", "Beslutningsprotokol") or "dagsorden"."""
    lowered = text.lower()
    best: tuple[int, str] | None = None
    for word, kind in _KIND_WORDS:
        m = re.search(rf"(?<![^\W\d_]){word}(?![^\W\d_])", lowered)
        if m and (best is None or m.start() < best[0]):
            best = (m.start(), kind)
    return best[1] if best else None
