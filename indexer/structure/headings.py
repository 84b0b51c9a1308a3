"""What a heading is in Danish minutes: section headings, decision lines and item headers.

Section headings map many spellings to one canonical name ("RESUMÉ" -> "Resume",
"Den videre proces" -> "Videre proces"). Item headers are "Punkt 7: Meddelelser" style lines,
or numbered titles ("2. Title (2010-32472)") that carry evidence of being an item.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from indexer.structure.meta import (
    COMMITTEE_RE,
    case_line_numbers,
    find_dates,
    find_time,
    normalize_committee,
)

CANONICAL_HEADINGS: dict[str, tuple[str, ...]] = {
    "Resume": ("resume", "kort resume", "sammenfatning", "kort sammenfatning"),
    "Indstilling": (
        "indstilling", "indstillinger", "forslag til beslutning", "administrationens indstilling",
        "forvaltningens indstilling", "direktionens indstilling", "indstilling fra forvaltningen",
    ),
    "Indstilling og beslutning": ("indstilling og beslutning",),
    "Problemstilling": ("problemstilling",),
    "Løsning": ("løsning", "løsningsforslag"),
    "Sagsfremstilling": (
        "sagsfremstilling", "sagsbeskrivelse", "sagens indhold", "beskrivelse af sagen",
        "supplerende sagsfremstilling", "sagsfremstilling og vurdering",
    ),
    "Økonomi": (
        "økonomi", "økonomiske konsekvenser", "økonomi og finansiering",
        "bevillingsmæssige konsekvenser", "økonomiske og bevillingsmæssige konsekvenser",
    ),
    "Videre proces": ("videre proces", "den videre proces", "videre forløb", "det videre forløb"),
    "Beslutning": ("beslutning", "beslutninger", "udvalgets beslutning", "afgørelse"),
    "Bilag": ("bilag", "bilagsfortegnelse", "bilagsliste", "vedlagte bilag", "bilag til sagen"),
    "Borgmesterpåtegning": ("borgmesterpåtegning",),
    "Behandling": ("behandling", "politisk behandling"),
    "Historik": ("historik",),
    "Baggrund": ("baggrund", "baggrund for sagen"),
    "Tidligere beslutninger": ("tidligere beslutninger", "tidligere beslutning"),
    "Oversigt over politisk behandling": ("oversigt over politisk behandling",),
    "Medlemsforslag": ("medlemsforslag",),
    "Motivering": ("motivering",),
    "Høring": ("høring", "høringer"),
    "Kommunikation": ("kommunikation",),
    "Miljøvurdering": ("miljøvurdering",),
    "Retsgrundlag": ("retsgrundlag", "lovgrundlag"),
    "Vurdering": ("vurdering", "forvaltningens vurdering", "administrationens vurdering"),
    "Beslutningskompetence": ("beslutningskompetence", "kompetence", "kompetenceforhold"),
}  # fmt: skip

# Headings that, inside a narrative section, are only a sub-heading of it ("Baggrund" inside
# "Sagsfremstilling"); elsewhere they start a section of their own.
SUBORDINATE: frozenset[str] = frozenset(
    {"Baggrund", "Høring", "Kommunikation", "Miljøvurdering", "Retsgrundlag", "Vurdering",
     "Tidligere beslutninger"}
)  # fmt: skip
CONTAINERS: frozenset[str] = frozenset(
    {"Sagsfremstilling", "Problemstilling", "Løsning", "Baggrund"}
)
TEXT_HEADING = "Tekst"


def _key(text: str) -> str:
    text = re.sub(r"\s+", " ", text.strip().rstrip(":").strip()).lower()
    return text.replace("é", "e")


_LOOKUP: dict[str, str] = {
    _key(variant): canonical
    for canonical, variants in CANONICAL_HEADINGS.items()
    for variant in (canonical, *variants)
}


def canonical_heading(text: str) -> str | None:
    """The canonical section name a heading spells ("INDSTILLING OG Beslutning"), else None."""
    if len(text) > 60:
        return None
    return _LOOKUP.get(_key(text))


_DECISION_RE = re.compile(
    r"^(?P<c1>[^\W\d_][^\n]{0,80}?)s\s+beslutning(?:er)?"
    r"(?:\s+(?:den|d\.)\s*(?P<d1>.{1,60}?))?\s*:?\s*$"
    r"|^beslutning\s+(?:i|fra|på)\s+(?P<c2>[^\W\d_][^\n]{0,80}?)"
    r"(?:\s+(?:den|d\.)\s*(?P<d2>.{1,60}?))?\s*:?\s*$",
    re.IGNORECASE,
)


def _only_date(text: str) -> str | None:
    """The date of a text that is a date (and perhaps a time) and nothing else."""
    dates = find_dates(text)
    if not dates:
        return None
    start, end, iso = dates[0]
    rest = text[:start] + text[end:]
    if find_time(rest):
        rest = re.sub(r"\bkl\.?\s*\d{1,2}[.:]\d{2}", "", rest)
    return None if re.search(r"[^\W_]", rest) else iso


def decision_heading(line: str) -> tuple[str | None, str | None] | None:
    """(committee, date) for a decision line such as "Socialudvalgets beslutning den 05.05.2010"
    or "Beslutning i Økonomiudvalget den 3. marts 2020"; None when the line is not one.
    The committee is None when the words before "beslutning" name no committee."""
    text = line.strip()
    if len(text) > 160:
        return None
    m = _DECISION_RE.match(text)
    if not m:
        return None
    committee = m.group("c1") or m.group("c2")
    raw_date = m.group("d1") or m.group("d2")
    when = _only_date(raw_date) if raw_date else None
    if raw_date and not when:
        return None
    if len(committee.split()) > 8:
        return None
    if m.group("c1"):
        committee += "s"
    named = COMMITTEE_RE.fullmatch(committee)
    return (normalize_committee(committee) if named else None), when


def section_heading(line: str, current: str | None) -> tuple[str, str | None] | None:
    """(canonical, raw heading or None) if the line starts a section, given the current one."""
    text = line.strip()
    if decision_heading(text):
        return "Beslutning", text
    canonical = canonical_heading(text)
    if canonical is None:
        return None
    if canonical in SUBORDINATE and current in CONTAINERS:
        return None
    raw = re.sub(r"\s+", " ", text)
    return canonical, (None if raw == canonical else raw)


@dataclass(frozen=True, slots=True)
class ItemHeader:
    """An agenda-item header line found in a list of lines."""

    index: int
    number: str | None
    title: str


_PUNKT_RE = re.compile(
    r"^(?:(?:åben|åbent|lukket)\s+)?(?:punkt|pkt\.?|dagsordenspunkt|sag(?:\s+nr\.?)?)\s*"
    r"(?P<num>\d{1,3}[a-z]?)(?![\w/\-]|[.,]\d)\s*(?P<sep>[:.)\-–])?\s*(?P<title>.*)$",
    re.IGNORECASE,
)
_NUMBERED_RE = re.compile(r"^(?P<num>\d{1,3})[.)]\s+(?P<title>\S.*)$")
_TOC_RE = re.compile(r"\.{4,}|…{2,}|\t\s*\d+\s*$|\s{3,}\d+\s*$")
_LIST_END_RE = re.compile(r"(?:[,;:]|\s(?:og|samt|eller|at))$", re.IGNORECASE)


def is_toc_line(line: str) -> bool:
    """A table-of-contents line: dot leaders or a trailing page number after a tab."""
    return bool(_TOC_RE.search(line))


def punkt_header(line: str) -> tuple[str, str] | None:
    """(number, title) of a "Punkt 7: Meddelelser" / "Sag nr. 3" line, else None."""
    text = line.strip()
    if len(text) > 300 or is_toc_line(text):
        return None
    m = _PUNKT_RE.match(text)
    if not m:
        return None
    title = m.group("title").strip()
    if title and not m.group("sep") and not title[0].isupper() and not title[0].isdigit():
        return None
    return m.group("num"), title


def numbered_title(line: str) -> tuple[str, str] | None:
    """(number, title) of a line that could be a numbered item title: "2. Socialudvalgets ..."."""
    text = line.strip()
    if len(text) > 400 or is_toc_line(text):
        return None
    m = _NUMBERED_RE.match(text)
    if not m:
        return None
    title = m.group("title").strip()
    if not (title[0].isupper() or title[0] in "\"“«'") or _LIST_END_RE.search(title):
        return None
    return m.group("num"), title


def paren_case_numbers(title: str) -> tuple[str, list[str]]:
    """Split a trailing "(2010-32472)" case number off a title: (title, case numbers)."""
    m = re.search(r"\s*\(([^()]{4,80})\)\s*$", title)
    if m:
        numbers = case_line_numbers(m.group(1))
        if numbers:
            return title[: m.start()].strip(), numbers
    return title, []


def find_item_headers(lines: list[str]) -> list[ItemHeader]:
    """The agenda-item headers among cleaned, non-empty lines.

    "Punkt N" style headers win when a document has any; otherwise numbered titles with
    evidence of being an item (a case number in the title or on the next line, or a section
    heading right after), whose numbers increase through the document: lists inside
    sections restart at 1, and a line right after a list line needs a heading right below.
    """
    strong = [ItemHeader(i, *h) for i, line in enumerate(lines) if (h := punkt_header(line))]
    headers = strong or _numbered_headers(lines)
    return _drop_toc_duplicates(headers, len(lines))


def _numbered_headers(lines: list[str]) -> list[ItemHeader]:
    found: list[ItemHeader] = []
    last = 0
    for i, line in enumerate(lines):
        candidate = numbered_title(line)
        if candidate is None or not _has_item_evidence(lines, i, candidate[1]):
            continue
        number = int(candidate[0])
        if number > last:
            found.append(ItemHeader(i, candidate[0], candidate[1]))
            last = number
    return found


def _has_item_evidence(lines: list[str], index: int, title: str) -> bool:
    if paren_case_numbers(title)[1]:
        return True
    following = lines[index + 1 : index + 3]
    if following and case_line_numbers(following[0]):
        return True
    if index and _NUMBERED_RE.match(lines[index - 1].strip()):
        following = following[:1]  # after a list line only a heading right below will do
    return any(section_heading(line, None) for line in following)


def _drop_toc_duplicates(headers: list[ItemHeader], size: int) -> list[ItemHeader]:
    """Drop headers with no body whose number comes again later (a table of contents)."""
    remaining = Counter(h.number for h in headers)
    kept: list[ItemHeader] = []
    for k, header in enumerate(headers):
        remaining[header.number] -= 1
        end = headers[k + 1].index if k + 1 < len(headers) else size
        if end - header.index <= 1 and remaining[header.number] > 0:
            continue
        kept.append(header)
    return kept
