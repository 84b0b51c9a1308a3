"""Danish numbers: "1.475.000", "56,4", "-26,5", "1.234.567,89", "1½", "900.000,-".

Thousands are grouped with ".", decimals follow ",". A dot followed by anything other than
exactly three digits is not a Danish thousands separator, so such strings are rejected.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal

# A Danish number as it stands in running text (no sign; signs are read by the callers).
NUMBER_PATTERN = r"(?:(?:\d{1,3}(?:\.\d{3})+|\d+)(?:,\d+)?½?|½)"
MINUS_SIGNS = "-−–"  # hyphen-minus, minus sign, en dash (tables use all three)
_FULL_RE = re.compile(rf"[{MINUS_SIGNS}]?\s?(?:{NUMBER_PATTERN})(?:,-{{1,2}})?")


def parse_danish_number(text: str) -> Decimal:
    """The value of a Danish-formatted number; ValueError when `text` is not one."""
    cleaned = text.strip()
    if not _FULL_RE.fullmatch(cleaned):
        raise ValueError(f"not a Danish number: {text!r}")
    negative = cleaned[0] in MINUS_SIGNS
    digits = cleaned.lstrip(MINUS_SIGNS).strip()
    if digits.endswith("-"):
        digits = digits.rstrip("-").rstrip(",")
    half = digits.endswith("½")
    digits = digits.rstrip("½")
    value = Decimal(digits.replace(".", "").replace(",", ".")) if digits else Decimal(0)
    if half:
        value += Decimal("0.5")
    return -value if negative else value


def format_danish_number(value: Decimal, decimals: int = 2) -> str:
    """Format a value the Danish way: thousands with ".", `decimals` digits after ","."""
    quantized = abs(value).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    whole, _, fraction = f"{quantized:f}".partition(".")
    groups = f"{int(whole):,}".replace(",", ".")
    sign = "-" if value < 0 and quantized != 0 else ""
    return f"{sign}{groups},{fraction}" if fraction else f"{sign}{groups}"


def to_kroner(value: Decimal, scale: int) -> str:
    """The value times its unit scale, rounded to whole kroner, as an integer string."""
    return str(int((value * scale).quantize(Decimal(1), rounding=ROUND_HALF_UP)))
