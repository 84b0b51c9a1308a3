"""Political bodies: committees, councils, advisory councils and local committees.

- Committees: a definite singular compound in -udvalget / -udvalgets ("Socialudvalget",
  "socialudvalgets"), with coordinated first parts as ONE entity ("Beskæftigelses- og
  Integrationsudvalget", "Kultur-, Fritids- og Borgerserviceudvalget", "Beskæftigelses- og
  Integrations- og Erhvervsudvalget"). Generic ones are not names: "udvalget" alone,
  plurals ("fagudvalgene"), indefinites ("et udvalg"), "fagudvalget", "underudvalget",
  staff committees ("MED-udvalget", "Hovedudvalget").
- Councils: Borgerrepræsentationen, Kommunalbestyrelsen, Byrådet, Regionsrådet,
  Magistraten, Kommunekontaktrådet, in any case.
- Advisory councils: <prefix>rådet for a known prefix (Integrations-, Handicap-, Ældre-,
  Senior-, Udsatte-, Folkeoplysnings- ...); configurable. "Socialforvaltningen" and other
  administrations are not political bodies.
- Local committees: up to three capitalised words before "Lokaludvalg" ("Valby Lokaludvalg").
- An abbreviation the text defines, "Borgerrepræsentationen (BR)", names that body wherever it
  stands alone later in the same text; undefined abbreviations ("MAG", "SU") are left out.
Normalised: genitive -s dropped, whitespace collapsed, coordination written "A-, B- og C",
first letter capitalised, the rest as written.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from indexer.entities.matches import LETTERS, Match, drop_inside, non_overlapping, url_spans

COUNCILS: tuple[str, ...] = (
    "borgerrepræsentationen", "kommunalbestyrelsen", "magistraten", "byrådet", "regionsrådet",
    "kommunekontaktrådet",
)  # fmt: skip
# "<Name> <head>": local committees and named councils ("Valby Lokaludvalg", "Aarhus Byråd").
NAMED_HEADS: tuple[str, ...] = ("Lokaludvalg", "Byråd", "Kommunalbestyrelse", "Regionsråd")
ADVISORY_PREFIXES: tuple[str, ...] = (
    "integrations", "handicap", "ældre", "senior", "udsatte", "ungdoms", "unge", "børne",
    "folkeoplysnings", "idræts", "frivilligheds", "ligestillings", "elev",
)  # fmt: skip
GENERIC_PREFIXES: tuple[str, ...] = (
    "fag", "under", "lokal", "hoved", "samarbejds", "hovedsamarbejds", "arbejdsmiljø",
    "sikkerheds", "bedømmelses", "styre", "med", "lokalmed", "område", "tvær",
)  # fmt: skip

_W = rf"[{LETTERS}]"
_PART = rf"{_W}+-"  # a first part of a coordinated compound: "Beskæftigelses-"
_JOIN = r"(?:,?\s+og\s+|,?\s+&\s+|,\s*|\s+)"  # ", " / " og " / " & " / a bare space (typo)
_END = rf"(?![{LETTERS}\d])"


def _compounds(head: str) -> str:
    """A pattern for `<first parts> <Word><head>` with optional coordination."""
    typo = rf"(?:{_W}+,\s+og\s+)?"  # "Kultur-, Fritids, og Borgerserviceudvalget"
    return rf"(?<![{LETTERS}\-])(?:{_PART}{_JOIN}{typo}){{0,6}}(?P<word>{_W}*?){head}"


UDVALG_RE = re.compile(_compounds(r"(?P<head>udvalg)(?P<suffix>ets|et)") + _END, re.IGNORECASE)
COUNCIL_RE = re.compile(
    rf"(?<![{LETTERS}\-])(?:{'|'.join(COUNCILS)})s?" + _END,
    re.IGNORECASE,
)
NAMED_RE = re.compile(
    rf"(?<![{LETTERS}\-.])(?P<name>(?:Kgs\.\s|[A-ZÆØÅ][{LETTERS}]+(?:[-/][A-ZÆØÅ][{LETTERS}]+)?\s)"
    rf"(?:[A-ZÆØÅ][{LETTERS}]+\s){{0,2}})(?P<head>{'|'.join(NAMED_HEADS)})(?:s|(?<=Lokaludvalg)ets?)?{_END}"
)
_NOT_LOCAL_NAME = {"Det", "Den", "De", "I", "Og", "At", "Som", "Til", "For", "Fra", "Med", "Om"}
_ABBREV_DEF_RE = re.compile(r"\s?\((?P<abbr>[A-ZÆØÅ]{2,5})\)")


class CommitteeFinder:
    """Finds political bodies; the advisory-council prefixes are its configurable state."""

    def __init__(self, advisory_prefixes: Iterable[str] = ADVISORY_PREFIXES) -> None:
        self.advisory_prefixes = tuple(sorted({p.lower() for p in advisory_prefixes}))
        alternatives = "|".join(re.escape(p) for p in self.advisory_prefixes)
        self._advisory_re = re.compile(
            _compounds(rf"(?P<head>(?:{alternatives})-?råd)(?P<suffix>ets|et)") + _END,
            re.IGNORECASE,
        )

    def find(self, text: str) -> list[Match]:
        """Political bodies in the text as COMMITTEE matches."""
        found = _udvalg(text)
        found += [_named(m, m.group(0)) for m in COUNCIL_RE.finditer(text)]
        found += [_named(m, m.group(0)) for m in self._advisory_re.finditer(text)]
        found += _local(text)
        found = non_overlapping(found)
        found += _abbreviations(text, found)
        return non_overlapping(drop_inside(found, url_spans(text)))


def find_committees(text: str) -> list[Match]:
    """Political bodies in the text, with the default advisory-council prefixes."""
    return _DEFAULT.find(text)


def normalize_committee(text: str) -> str:
    """Nominative definite form, coordination spelled out, first letter capitalised.

    "Socialudvalgets" -> "Socialudvalget"; "arbejdsmarkeds- uddannelsesudvalget" ->
    "Arbejdsmarkeds- og uddannelsesudvalget"; "Valby Lokaludvalgs" -> "Valby Lokaludvalg".
    """
    collapsed = re.sub(r"\s+", " ", _dehyphenate(text.strip()))
    pieces = re.split(r",? (?:og|&) |, ?| ", collapsed)
    if len(pieces) > 1 and any(p.endswith("-") for p in pieces[:-1]):
        parts = [p if p.endswith("-") else f"{p}-" for p in pieces[:-1]]
        collapsed = _join_parts(parts, pieces[-1])
    name = _nominative(collapsed)
    return name[:1].upper() + name[1:]


def _dehyphenate(text: str) -> str:
    """Undo a line-break hyphenation: "Beskæf-\ntigelsesudvalget" -> "Beskæftigelsesudvalget"."""
    return re.sub(r"-[ \t]*\n\s*(?!og\s|&)(?=[a-zæøå])", "", text)


def _join_parts(parts: list[str], last: str) -> str:
    if len(parts) == 1:
        return f"{parts[0]} og {last}"
    return f"{', '.join(parts[:-1])}, {parts[-1]} og {last}"


def _nominative(name: str) -> str:
    """Drop a genitive -s: "udvalgets" -> "udvalget", "Lokaludvalgs" -> "Lokaludvalg"."""
    lowered = name.lower()
    if lowered.endswith(("ets", "ens", "udvalgs")):
        return name[:-1]
    return name


def _udvalg(text: str) -> list[Match]:
    found: list[Match] = []
    for m in UDVALG_RE.finditer(text):
        word = m.group("word").lower()
        coordinated = m.start("word") > m.start()
        if not word and not coordinated:
            continue  # "udvalget" alone
        if word.rstrip("-") in GENERIC_PREFIXES or word.endswith("med-"):
            continue
        found.append(_named(m, m.group(0)))
    return found


def _named(m: re.Match[str], text: str) -> Match:
    return Match(m.start(), m.end(), "COMMITTEE", normalize_committee(text))


def _local(text: str) -> list[Match]:
    found: list[Match] = []
    for m in NAMED_RE.finditer(text):
        words = m.group("name").split()
        while words and words[0] in _NOT_LOCAL_NAME:
            words = words[1:]
        if not words:
            continue
        start = m.start() + m.group(0).index(words[0])
        found.append(Match(start, m.end(), "COMMITTEE", normalize_committee(text[start : m.end()])))
    return found


def _abbreviations(text: str, bodies: list[Match]) -> list[Match]:
    """Mentions of an abbreviation the text defines right after a body's name."""
    defined: dict[str, str] = {}
    for body in bodies:
        m = _ABBREV_DEF_RE.match(text, body.end)
        if m:
            defined.setdefault(m.group("abbr"), body.normalized)
    if not defined:
        return []
    pattern = re.compile(rf"(?<![{LETTERS}\d])(?:{'|'.join(defined)})(?![{LETTERS}\d])")
    return [
        Match(m.start(), m.end(), "COMMITTEE", defined[m.group()]) for m in pattern.finditer(text)
    ]


_DEFAULT = CommitteeFinder()
