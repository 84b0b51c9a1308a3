"""parse: Document -> [Meeting], recognising agenda items and sections in Danish minutes.

Text documents (PDF/HTML extractions) give one Meeting. Item headers are "Punkt N" lines
or numbered titles with a case number or a section heading next to them; each item's text
is split at canonical section headings (indexer.structure.headings). Text with no recognisable item
still becomes one searchable item, titled from its first line, split at any headings it
has (a single "Tekst" section when it has none); only a document with no text at all
raises ParseError. JSON documents give one Meeting per distinct (municipality, committee,
date, kind) among their items, in input order. Every item gets a stable item_id.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from indexer.errors import ParseError
from indexer.structure import municipalities
from indexer.structure.headings import (
    TEXT_HEADING,
    ItemHeader,
    canonical_heading,
    decision_heading,
    find_item_headers,
    is_toc_line,
    paren_case_numbers,
    section_heading,
)
from indexer.structure.ids import assign_item_ids
from indexer.structure.meta import (
    case_line_numbers,
    committee_from_filename,
    detect_kind,
    filename_date,
    find_committees,
    find_date,
    find_place,
    find_time,
    labelled_date,
    normalize_case_number,
    normalize_committee,
)
from indexer.types import AgendaItem, Document, Meeting, RawItem, Section

HEADER_LINES = 40
TITLE_LENGTH = 200
_DEBRIS_RE = re.compile(
    r"(?:Fejl|Error)!\s+(?:Ukendt betegnelse for dokumentegenskab|Bogmærke er ikke defineret"
    r"|Henvisningskilde ikke fundet|Unknown document property name|Bookmark not defined"
    r"|Reference source not found)\.?",
    re.IGNORECASE,
)
_PAGE_RE = re.compile(
    r"^(?:side\s+\d+(?:\s*(?:af|/)\s*\d+)?|\d{1,3}|-\s*\d{1,3}\s*-|page\s+\d+(?:\s+of\s+\d+)?)$",
    re.IGNORECASE,
)
_LINK_RE = re.compile(r"\[([^\[\]\n]{1,500})\]\([^()\n]{0,500}\)")
_ATTACHMENT_TIERS = (re.compile(r"^\d{1,3}[.)]\s+\S"), re.compile(r"^bilag\s+\d", re.IGNORECASE))


def parse(doc: Document) -> list[Meeting]:
    """The meetings of a document, every agenda item with its sections and a stable item_id."""
    if doc.items:
        meetings = _parse_items(doc)
    elif doc.text.strip():
        meetings = [_parse_text(doc)]
    else:
        raise ParseError(
            doc.path,
            "the document holds no text and no agenda items; check that the file is not empty"
            " (a scanned PDF needs OCR before it can be ingested)",
        )
    assign_item_ids(meetings, doc)
    return meetings


def clean_lines(text: str) -> list[str]:
    """Non-empty lines without PDF debris: Word field errors, page numbers, markdown links."""
    lines: list[str] = []
    for raw in text.replace("\f", "\n").splitlines():
        line = _LINK_RE.sub(r"\1", _DEBRIS_RE.sub("", raw)).strip()
        if line and not _PAGE_RE.match(line):
            lines.append(line)
    return lines


def _parse_text(doc: Document) -> Meeting:
    lines = clean_lines(doc.text)
    if not lines:
        raise ParseError(
            doc.path, "the text holds only page numbers and PDF debris; nothing to index"
        )
    headers = find_item_headers(lines)
    if headers:
        ends = [h.index for h in headers[1:]] + [len(lines)]
        bodies = [lines[h.index + 1 : end] for h, end in zip(headers, ends, strict=True)]
        items = [_text_item(h, body) for h, body in zip(headers, bodies, strict=True)]
        head = lines[: headers[0].index][:HEADER_LINES]
    else:
        items = [_whole_text_item(lines)]
        head = lines[:HEADER_LINES]
    return _text_meeting(doc, head, lines, items)


def _text_item(header: ItemHeader, body: list[str]) -> AgendaItem:
    title, cases = paren_case_numbers(header.title)
    rest = list(body)
    while rest and (found := case_line_numbers(rest[0])):
        cases += found
        rest.pop(0)
    if not title and rest and not section_heading(rest[0], None):
        title, more = paren_case_numbers(rest.pop(0))
        cases += more
        while rest and (found := case_line_numbers(rest[0])):
            cases += found
            rest.pop(0)
    sections = split_sections(rest)
    return AgendaItem(
        number=header.number,
        title=title or f"Punkt {header.number}",
        case_numbers=list(dict.fromkeys(cases)),
        sections=sections,
        attachments=attachments(sections),
    )


def _whole_text_item(lines: list[str]) -> AgendaItem:
    title = lines[0]
    if len(title) > TITLE_LENGTH:
        title = title[:TITLE_LENGTH].rsplit(" ", 1)[0] + " …"
    cases = [n for line in lines[:5] for n in case_line_numbers(line)]
    sections = split_sections(lines)
    return AgendaItem(
        number=None,
        title=title,
        case_numbers=list(dict.fromkeys(paren_case_numbers(lines[0])[1] + cases)),
        sections=sections,
        attachments=attachments(sections),
    )


def split_sections(lines: list[str]) -> list[Section]:
    """Split an item's lines at section headings; text before the first goes to "Tekst".

    A heading with the same canonical name as the section it follows continues that section
    ("BILAG" ... "bilag"). A decision line ("Socialudvalgets beslutning den 05.05.2010")
    starts a Beslutning section and is also kept as its first line of text, as JSON minutes
    write it, so that its date and committee are found like any other.
    """
    parts: list[tuple[str, str | None, list[str]]] = []
    for line in lines:
        current = parts[-1][0] if parts else None
        found = section_heading(line, current)
        if found is None:
            if not parts:
                parts.append((TEXT_HEADING, None, []))
            parts[-1][2].append(line)
        elif found[0] == current:
            if canonical_heading(line) is None:
                parts[-1][2].append(line)
        else:
            parts.append((found[0], found[1], [line] if decision_heading(line) else []))
    return [Section(heading, "\n".join(body), raw) for heading, raw, body in parts]


def attachments(sections: list[Section]) -> list[str]:
    """The attachment names listed in an item's "Bilag" sections, de-duplicated.

    When the list is numbered ("1. ...", "Bilag 1 ...") only the numbered lines count, so
    signatures and repeated link lists after it are left out.
    """
    lines = [
        line.strip()
        for section in sections
        if section.heading == "Bilag"
        for line in section.text.split("\n")
        if line.strip()
    ]
    for tier in _ATTACHMENT_TIERS:
        numbered = [line for line in lines if tier.match(line)]
        if numbered:
            return list(dict.fromkeys(numbered))
    return list(dict.fromkeys(lines))


def _text_meeting(
    doc: Document, head: list[str], lines: list[str], items: list[AgendaItem]
) -> Meeting:
    stem = Path(doc.path).stem
    decisions = [d for line in lines if (d := decision_heading(line))]
    when, clock = _meeting_date(doc, stem, head, [d[1] for d in decisions if d[1]])
    return Meeting(
        municipality=municipalities.detect(doc.metadata, stem, head, "\n".join(lines)),
        committee=_committee(doc, stem, head, [d[0] for d in decisions if d[0]], lines),
        date=when,
        items=items,
        time=clock or find_time("\n".join(head[:10])),
        place=find_place(head),
        kind=_text_kind(doc, stem, head, items),
        source=doc.path,
    )


def _committee(
    doc: Document, stem: str, head: list[str], decided_by: list[str], lines: list[str]
) -> str | None:
    given = doc.metadata.get("committee", "").strip()
    if given:
        return normalize_committee(given)
    in_title = find_committees(doc.metadata.get("title", ""))
    if in_title:
        return in_title[0]
    kind_lines = [line for line in head[:10] if detect_kind(line)]
    for line in kind_lines + [line for line in head[:10] if not is_toc_line(line)]:
        names = find_committees(line.replace("_", " "))
        if names:
            return names[0]
    if decided_by:
        return Counter(decided_by).most_common(1)[0][0]
    return committee_from_filename(stem, "\n".join(lines))


def _meeting_date(
    doc: Document, stem: str, head: list[str], decided_on: list[str]
) -> tuple[str | None, str | None]:
    for key in ("meeting_date", "date"):
        given = find_date(doc.metadata.get(key, ""))
        if given:
            return given, None
    when, clock = labelled_date(head)
    if when:
        return when, clock
    for line in head[:10]:
        if detect_kind(line) and find_date(line):
            return find_date(line), find_time(line)
    if decided_on:
        return Counter(decided_on).most_common(1)[0][0], None
    return filename_date(stem) or find_date("\n".join(head[:10])), None


def _text_kind(doc: Document, stem: str, head: list[str], items: list[AgendaItem]) -> str:
    said = (
        detect_kind(doc.metadata.get("kind", ""))
        or detect_kind(doc.metadata.get("title", ""))
        or detect_kind("\n".join(head[:5]))
        or detect_kind(stem.replace("_", "-"))
    )
    if said == "referat":
        return "referat"
    decided = any(s.heading == "Beslutning" and s.text for i in items for s in i.sections)
    return "referat" if decided or said is None else "dagsorden"


def _parse_items(doc: Document) -> list[Meeting]:
    meetings: dict[tuple[str | None, str | None, str | None, str], Meeting] = {}
    for raw in doc.items:
        municipality = _json_municipality(raw.municipality)
        committee = normalize_committee(raw.committee) if raw.committee else None
        committee = committee or None
        when = find_date(raw.meeting_date or "")
        kind = detect_kind(raw.kind or "") or "referat"
        key = (municipality, committee, when, kind)
        if key not in meetings:
            meetings[key] = Meeting(
                municipality, committee, when, kind=kind, source=raw.source or doc.path
            )
        meetings[key].items.append(_json_item(raw))
    return list(meetings.values())


def _json_municipality(name: str | None) -> str | None:
    if not name or not name.strip():
        return None
    return municipalities.lookup(name) or name.strip()


def _json_item(raw: RawItem) -> AgendaItem:
    title, cases = paren_case_numbers(raw.title.strip())
    sections = [_json_section(s.heading, s.text) for s in raw.sections]
    numbers = [normalize_case_number(c) for c in raw.case_numbers if c.strip()] + cases
    return AgendaItem(
        number=(raw.item_number or "").strip() or None,
        title=title,
        case_numbers=list(dict.fromkeys(numbers)),
        sections=sections,
        attachments=list(dict.fromkeys(a.strip() for a in raw.attachments if a.strip())),
        source_id=raw.source_id,
    )


def _json_section(heading: str, text: str) -> Section:
    written = " ".join(heading.split())
    found = section_heading(written, None) if written else (TEXT_HEADING, None)
    if found is None:
        return Section(written, text.strip())
    return Section(found[0], text.strip(), found[1])
