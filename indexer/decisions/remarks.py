"""Protocol remarks: "Venstre afgav følgende protokolbemærkning: ...", with who made them.

Forms: "X afgav (videreførte) følgende protokolbemærkning[er][, som Y tilsluttede sig][ om, at]:",
"X ønskede følgende tilført beslutningsprotokollen:", "X ønskede (at få) tilført
protokollen, at ...", "Protokolbemærkning fra X:". The remark's text is the lines after the
header (usually one quoted paragraph) up to the next header, amendment, vote or result.
"Protokolbemærkninger: Ingen" records none. `by` is the maker as written; `parties` the
letters of the makers and of the parties that joined ("som Dansk Folkeparti tilsluttede sig").
"""

from __future__ import annotations

import re

from indexer.decisions.parties import parties_in
from indexer.types import Remark

_HEADER = re.compile(
    r"^(?P<by>[^\n]{1,300}?)\s+(?:afgav|videreførte|fremsatte|gav|genfremsatte)\s+følgende\s+"
    r"(?:protokolbemærkning(?:er)?|bemærkning(?:er)?\s+til\s+(?:beslutnings)?protokollen)"
    r"(?P<rest>.*)$"
    r"|^(?P<by2>[^\n]{1,300}?)\s+ønskede\s+(?:følgende\s+|at\s+få\s+)?(?:tilført|ført)\s+"
    r"(?:til\s+)?(?:beslutnings)?protokollen(?P<rest2>.*)$"
    r"|^protokolbemærkning(?:er)?\s+fra\s+(?P<by3>[^\n:]{1,200}?)\s*:(?P<rest3>.*)$",
    re.IGNORECASE,
)
_NONE = re.compile(r"^protokolbemærkning(?:er)?\s*:?\s*(?:ingen\.?)?$", re.IGNORECASE)
_JOINED = re.compile(r"\bsom\s+(?P<who>.{1,200}?)\s+(?:tilsluttede|tiltrådte)\s+sig\b", re.I)
_QUOTES = "”“\"„'’«»"


def header(line: str) -> tuple[str, str] | None:
    """(maker as written, the rest of the header line) when `line` opens a remark."""
    match = _HEADER.match(line.strip())
    if not match:
        return None
    by = match["by"] or match["by2"] or match["by3"] or ""
    rest = match["rest"] if match["by"] else match["rest2"] if match["by2"] else match["rest3"]
    return by.strip(" ,"), (rest or "")


def is_empty_marker(line: str) -> bool:
    """ "Protokolbemærkninger:" or "Ingen" after it: no remark recorded."""
    return bool(_NONE.match(line.strip()))


def make(by: str, rest: str, body: list[str]) -> Remark:
    """The remark from its header's maker, the rest of the header line and its text."""
    joined = _JOINED.search(rest)
    inline = _JOINED.sub("", rest).strip(" ,:")
    inline = re.sub(r"^(?:om\s*,?\s*(?:at)?|:)\s*", "", inline, flags=re.IGNORECASE)
    text = " ".join([inline, *body]).strip() if inline else " ".join(body).strip()
    letters = [party.letter for party in parties_in(by)]
    if joined:
        letters += [p.letter for p in parties_in(joined["who"]) if p.letter not in letters]
    return Remark(by=by, text=text.strip(), parties=letters)


def opens_quote(line: str) -> bool:
    return line[:1] in _QUOTES


def closes_quote(line: str) -> bool:
    return line.rstrip(" .")[-1:] in _QUOTES
