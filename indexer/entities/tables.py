"""Bare numbers in tables whose header gives the unit in kroner.

PDF extraction flattens a table to lines of tab-separated cells. A line with a unit phrase
"(mio. kr.)", "(1.000 kr.)", "(afrundet mio. kr.)", "I 1.000 kr." sets the unit; the numeric
cells (not the first, the row label) of the following rows are amounts in that unit.
- A header row, whose numeric cells are all years ("2011\t2012"), holds no amounts; its
  unit phrase, or the lack of one, sets the unit for the rows below.
- A unit without a currency, "(1.000)", is no kroner unit: its table yields no amounts
  (1.000 of what? in the sample it even contradicts the prose, which says 3,6 mio. kr.).
- The unit holds across blank lines (page breaks split tables) and ends at the first
  non-blank line that is not a table row.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from indexer.entities.matches import Match
from indexer.entities.numbers import MINUS_SIGNS, NUMBER_PATTERN, parse_danish_number, to_kroner

_UNIT = r"(?P<unit>mio\.?|mill\.?|mia\.?|mrd\.?|1\.000|t\.?|tusinde?|hele)?\s*"
_CUR = r"(?:kr\.?|kroner|dkk)(?![a-zæøå])"
_REST = r"(?:[^()\n\d]|(?<!\d)(?:19|20)\d{2}(?!\d))*"  # ", 2020-priser" but no other number
UNIT_RE = re.compile(
    rf"\(\s*(?:beløb\s+)?(?:i\s+)?(?:afrunde(?:t|de)\s+)?{_UNIT}{_CUR}{_REST}\)"
    rf"|(?<![a-zæøå])i\s+(?P<unit2>1\.000|mio\.|mia\.|t\.)\s*{_CUR}",
    re.IGNORECASE,
)
UNIT_SCALES: dict[str, int] = {
    "": 1, "hele": 1, "mio": 10**6, "mill": 10**6, "mia": 10**9, "mrd": 10**9,
    "1.000": 10**3, "t": 10**3, "tusind": 10**3, "tusinde": 10**3,
}  # fmt: skip
_NUMBER_CELL_RE = re.compile(rf"[{MINUS_SIGNS}]?\s?(?:{NUMBER_PATTERN})")
_YEAR_CELL_RE = re.compile(r"(?:19|20)\d{2}")


def unit_phrases(text: str) -> list[tuple[int, int]]:
    """Character ranges of table unit phrases, which are not amounts themselves."""
    return [m.span() for m in UNIT_RE.finditer(text)]


def unit_scale(line: str) -> int | None:
    """The scale a kroner unit phrase in the line sets (1, 1.000, 10^6, 10^9), else None."""
    m = UNIT_RE.search(line)
    if m is None:
        return None
    word = (m.group("unit") or m.group("unit2") or "").lower()
    return UNIT_SCALES[word if word == "1.000" else word.rstrip(".")]


def find_table_amounts(text: str) -> list[Match]:
    """The numeric cells of kroner tables as AMOUNT matches."""
    found: list[Match] = []
    scale: int | None = None
    for offset, line in _lines(text):
        if not line.strip():
            continue
        cells = list(_cells(line, offset))
        numbers = [(s, e, v) for s, e, v in cells[1:] if v is not None]
        line_scale = unit_scale(line)
        is_header = bool(numbers) and all(_YEAR_CELL_RE.fullmatch(text[s:e]) for s, e, _ in numbers)
        if len(cells) < 2 and line_scale is None:
            scale = None
        elif is_header or line_scale is not None:
            scale = line_scale
        if scale is not None and not is_header:
            found += [Match(s, e, "AMOUNT", to_kroner(v, scale)) for s, e, v in numbers]
    return found


def _lines(text: str) -> Iterator[tuple[int, str]]:
    offset = 0
    for line in text.split("\n"):
        yield offset, line
        offset += len(line) + 1


def _cells(line: str, offset: int) -> Iterator[tuple[int, int, Decimal | None]]:
    """Cells of a tab- (or wide-space-) separated line: start, end, numeric value or None."""
    if "\t" not in line and "  " not in line.strip():
        yield offset, offset + len(line), None
        return
    for m in re.finditer(r"[^\t]+", line):
        for part in re.finditer(r"\S+(?: \S+)*", m.group()):
            start = offset + m.start() + part.start()
            cell = part.group()
            value = parse_danish_number(cell) if _NUMBER_CELL_RE.fullmatch(cell) else None
            yield start, start + len(cell), value
