"""Amounts of money in Danish text, normalised to whole kroner as an integer string.

- A number with a currency: "600.000 kroner", "kr. 900.000", "900.000,- kr.", "DKK 2.000".
- A number with a scale and a currency: "90 mio. kr." -> "90000000", "1,475 mio.kr." ->
  "1475000", "2 mia. kr.", "500 t.kr.", "kr. 1,2 mio.". A scale without a currency ("3 mio.
  indbyggere") is not an amount.
- Bare numbers (counts, "pkt. 410", "§ 100", percentages, years) are never amounts, except
  in tables whose unit says kroner (see `tables.py`).
Decimal kroner are rounded half up to whole kroner.
"""

from __future__ import annotations

import re

from indexer.entities.matches import LETTERS, Match, drop_inside, non_overlapping, url_spans
from indexer.entities.numbers import MINUS_SIGNS, NUMBER_PATTERN, parse_danish_number, to_kroner
from indexer.entities.tables import find_table_amounts, unit_phrases

_SCALE = (
    r"(?P<scale>mio\.?|mill\.?|millioner|million|mia\.?|mrd\.?|milliarder|milliard"
    r"|t\.?\s?|tusinde?)"
)
_CURRENCY = r"(?:kr\.?|kroner?|dkk)"
SCALES: dict[str, int] = {
    "mio": 10**6, "mill": 10**6, "million": 10**6, "millioner": 10**6,
    "mia": 10**9, "mrd": 10**9, "milliard": 10**9, "milliarder": 10**9,
    "t": 10**3, "tusind": 10**3, "tusinde": 10**3,
}  # fmt: skip
_NUM = rf"(?P<num>[{MINUS_SIGNS}]?(?:{NUMBER_PATTERN}))(?:,-{{1,2}})?"
_B = rf"(?<![{LETTERS}\d.,])"
_E = rf"(?![{LETTERS}\d])"

# "90 mio. kr.", "1,475 mio.kr.", "600.000 kroner", "500 t.kr.", "900.000,- kr."
NUMBER_FIRST_RE = re.compile(rf"{_B}{_NUM}\s?(?:{_SCALE}\s?)?{_CURRENCY}{_E}", re.IGNORECASE)
# "kr. 900.000", "DKK 1,2 mio.", "kr. 1,2 mia."
CURRENCY_FIRST_RE = re.compile(
    rf"(?<![{LETTERS}])(?:kr\.|kroner|dkk)\s?{_NUM}(?!\d|[.,]\d)(?:\s?{_SCALE}(?![{LETTERS}]))?",
    re.IGNORECASE,
)
# The first number of a range "10-15 mio. kr." takes the unit of the second.
RANGE_RE = re.compile(
    rf"{_B}(?P<num>{NUMBER_PATTERN}) ?[-–] ?(?={NUMBER_PATTERN}\s?(?:{_SCALE}\s?)?{_CURRENCY}{_E})",
    re.IGNORECASE,
)


def scale_of(word: str | None) -> int:
    """The multiplier of a scale word ("mio." -> 1_000_000); 1 when there is none."""
    if not word:
        return 1
    return SCALES[re.sub(r"[.\s]", "", word.lower())]


def find_amounts(text: str) -> list[Match]:
    """Amounts in the text (with units, and bare cells of kroner tables) as AMOUNT matches."""
    units = unit_phrases(text)
    found = drop_inside([_amount(m) for m in NUMBER_FIRST_RE.finditer(text)], units)
    taken = units + [(m.start, m.end) for m in found]
    found += drop_inside([_amount(m) for m in CURRENCY_FIRST_RE.finditer(text)], taken)
    found += [_range_start(m) for m in RANGE_RE.finditer(text)]
    found += find_table_amounts(text)
    return non_overlapping(drop_inside(found, url_spans(text)))


def _amount(m: re.Match[str]) -> Match:
    value = parse_danish_number(m.group("num"))
    end = m.start() + len(m.group().rstrip())
    return Match(m.start(), end, "AMOUNT", to_kroner(value, scale_of(m.group("scale"))))


def _range_start(m: re.Match[str]) -> Match:
    """The first number of a range, in the unit its second number carries."""
    unit = NUMBER_FIRST_RE.match(m.string, m.end())
    scale = scale_of(unit.group("scale")) if unit else 1
    value = to_kroner(parse_danish_number(m.group("num")), scale)
    return Match(m.start(), m.end("num"), "AMOUNT", value)
