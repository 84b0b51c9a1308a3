"""Decisions: what was decided on an agenda item, its outcome, clauses, votes and summary.

Where a decision stands, in every house style the project reads:
- a section whose canonical heading is "Beslutning"; its raw heading, or the first line of
  its text, may be a header like "Socialudvalgets beslutning den 05.05.2010",
  "Økonomiudvalgets beslutning i mødet den 11. august 2026" or "Beslutning i
  Økonomiudvalget den ...", which gives the deciding body and the date;
- with no such section, a header line like those inside any section, provided its date is
  the meeting's (scraped pages list earlier committees' decisions the same way).
Attendance lines ("Kontorchef ... overværede punktets behandling.") are not part of it.

Only that counts. A past-tense sentence elsewhere, like "Udvalget godkendte de angivne
datoer for temabesøg i 2020." in the Sagsfremstilling of Frederiksberg's "Meddelelser"
item, is not taken as the meeting's decision: case presentations are full of earlier
decisions ("godkendte udvalget den 18. november 2019 ...") and without a decision section
nothing says which one is new. Such items, and every item of an agenda
(meeting.kind == "dagsorden"), give None.

A decision is explicit (numbered points, or sentences with decision verbs), or by reference
("Indstillingen blev godkendt", "Godkendt.", "Socialudvalget tiltrådte indstillingen"):
then its clauses are the recommendation's points addressed to the deciding body, turned
into what was decided ("at Socialudvalget drøfter X" -> "drøftede X"); see
indexer.decisions.references. Outcomes: indexer.decisions.outcomes; votes:
indexer.decisions.votes; the summary: indexer.decisions.summary.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from indexer.decisions import records
from indexer.decisions.attach import attach_votes
from indexer.decisions.clauses import is_body, listed_points, normalise, sentences, split_verb
from indexer.decisions.outcomes import (
    PAST_FORMS,
    PAST_TENSE,
    classify,
    either,
    has_decision_verb,
    weightiest,
)
from indexer.decisions.references import (
    DECISION_HEADER,
    find_reference,
    numbered_clauses,
    reference_clauses,
)
from indexer.decisions.summary import GENERIC_BODIES, Reference, nominative, parse_date, summarise
from indexer.decisions.tally import narrate
from indexer.types import AgendaItem, Clause, Decision, Meeting

_ATTENDANCE = re.compile(
    r"\b(?:overværede|deltog(?: ikke)? i (?:punktets|sagens) behandling|deltog ikke|"
    r"var fraværende|forlod mødet|erklærede sig inhabil|inhabil|afbud)\b|^\s*fraværende\b",
    re.IGNORECASE,
)
# agenda points where citizens speak and nothing is decided, unless a verb says otherwise
_QUESTION_TIME = re.compile(
    r"\b(?:borgernes\s+tid|spørgetid|spørgsmål\s+fra\s+borgere|borgerhenvendelser)\b", re.I
)
_NUMBERED_TITLE = re.compile(r"^\d{1,3}\.\s+\S")
_TITLE_PREFIX = re.compile(
    r"^(?:beslutning(?:\s+om\b|\s*[-–:])\s*|[ab]-sag\b\s*:?\s*)", re.IGNORECASE
)
# "Socialudvalget den 03.02.2020" opening a Beslutning section (older Frederiksberg style)
_BODY_DATE = re.compile(
    r"(?P<body>[^\n.]{1,120}?)\s+(?:den|d\.)\s+(?P<date>[\d.\-/ a-zæøå]{6,25}?)\s*:?"
)


@dataclass(slots=True)
class _Analysis:
    clauses: list[Clause]
    committee: str
    reference: Reference | None = None
    phrases: list[Clause] | None = None  # what the summary is composed from, if not clauses


@dataclass(slots=True)
class _Block:
    text: str
    committee: str | None = None
    date: str | None = None  # ISO
    headed: bool = False


def decide(item: AgendaItem, meeting: Meeting) -> Decision | None:
    """The decision taken on `item` at `meeting`, or None when the minutes record none."""
    if meeting.kind == "dagsorden":
        return None
    block = _decision_block(item, meeting)
    if block is None:
        return None
    named = block.committee if (block.committee or "").lower() not in GENERIC_BODIES else None
    committee = named or meeting.committee or block.committee or "Udvalget"
    parts = records.split(block.text)
    text = parts.decision if parts.found and parts.decision.strip() else block.text
    if not parts.found and not has_decision_verb(text) and _QUESTION_TIME.search(item.title):
        return None  # citizens' question time: "Der var ingen spørgsmål fra borgere."
    found = _analyse(text, item, committee)
    phrases = found.phrases or found.clauses
    final = attach_votes(found.clauses, parts)
    title = _title(item.title)
    return Decision(
        text=block.text,
        outcome=weightiest(clause.outcome for clause in found.clauses),
        clauses=found.clauses,
        votes=final,
        summary=narrate(
            summarise(found.committee, block.date or meeting.date, phrases, found.reference, title),
            parts,
            weightiest(clause.outcome for clause in found.clauses),
        ),
        amendments=parts.amendments,
        remarks=parts.remarks,
    )


def _decision_block(item: AgendaItem, meeting: Meeting) -> _Block | None:
    """The text of this meeting's decision, cleaned, with the body and date its header gives."""
    blocks: list[_Block] = []
    for section in item.sections:
        if section.heading.strip().lower() == "beslutning":
            head = _header(section.raw_heading or "")
            blocks.extend(_split(section.text, head or _Block("")))
    if not blocks:
        blocks = [
            block
            for section in item.sections
            for block in _split(section.text, None)
            if _this_meeting(block, meeting)
        ]
    if any(block.headed for block in blocks):
        blocks = [block for block in blocks if block.headed]  # not the text above a header
    blocks = [block for block in blocks if block.text]
    if not blocks:
        return None
    dated = [block for block in blocks if meeting.date and block.date == meeting.date]
    if len(dated) > 1 and all(block.headed for block in dated):
        # "Beslutning på fortrolige sager": one header and decision per confidential case
        merged = "\n\n".join(block.text for block in dated)
        return _Block(merged, dated[0].committee, dated[0].date, headed=True)
    if dated:
        return dated[0]
    body = (meeting.committee or "").lower()
    named = [block for block in blocks if body and (block.committee or "").lower() == body]
    return (named or blocks)[-1]


def _this_meeting(block: _Block, meeting: Meeting) -> bool:
    """Whether a header found outside a Beslutning section is this meeting's decision."""
    if block.date and meeting.date:
        return block.date == meeting.date
    body = (meeting.committee or "").lower()
    return not body or not block.committee or block.committee.lower() == body


def _header(line: str, dated_body: bool = False) -> _Block | None:
    """The body and date a decision header line gives; None when the line is no header.

    With `dated_body`, a line like "Socialudvalget den 03.02.2020" counts too (only
    inside a Beslutning section: elsewhere such lines say when a case is treated).
    """
    match = DECISION_HEADER.fullmatch(line.strip())
    if not match and dated_body:
        match = _BODY_DATE.fullmatch(line.strip())
        if match and is_body(match["body"]) and parse_date(match["date"]):
            return _Block("", nominative(match["body"]), parse_date(match["date"]), headed=True)
        return None
    if not match:
        return None
    body = match["gen"] or match["body"] or ""
    committee = nominative(body) if body else None
    return _Block("", committee, parse_date(match["date"] or ""), headed=True)


def _split(text: str, first: _Block | None) -> list[_Block]:
    """Blocks of a section, one per decision header; text before any header goes to `first`."""
    blocks: list[_Block] = []
    current = first
    lines: list[str] = []
    for line in text.splitlines():
        head = _header(line, dated_body=first is not None) if len(line) < 200 else None
        if head is None:
            lines.append(line)
            continue
        if current is not None:
            blocks.append(_finish(current, _without_next_title(lines)))
        current, lines = head, []
    if current is not None:
        blocks.append(_finish(current, lines))
    return blocks


def _without_next_title(lines: list[str]) -> list[str]:
    """Lines before a header, less the numbered title of the case it heads ("37. Køb af ...")."""
    content = [index for index, line in enumerate(lines) if line.strip()]
    if content and _NUMBERED_TITLE.match(lines[content[-1]].strip()):
        last = lines[content[-1]]
        if not has_decision_verb(last):
            return lines[: content[-1]]
    return lines


def _finish(block: _Block, lines: list[str]) -> _Block:
    kept = [
        line.strip()
        for line in lines
        if not (_ATTENDANCE.search(line) and not has_decision_verb(line))
    ]
    block.text = re.sub(r"\n{3,}", "\n\n", "\n".join(kept)).strip()
    return block


def _analyse(text: str, item: AgendaItem, committee: str) -> _Analysis:
    """Clauses, deciding body and (for decisions by reference) the reference of a decision."""
    lead, points = listed_points(text)
    governs = (lead or "").rstrip().endswith(":") and has_decision_verb(lead or "")
    if points and not governs and not any(has_decision_verb(point) for point in points):
        points = []  # a list of names ("Fravær med afbud:"), not of decided points
    if points:
        return _listed(lead, points, committee)
    decided = [sentence for sentence in sentences(text) if has_decision_verb(sentence)]
    by_number = numbered_clauses(decided, item, committee) if decided else None
    if by_number is not None:
        clauses, others = by_number
        clauses += [Clause(sentence, classify(sentence)) for sentence in others]
        return _Analysis(clauses, committee)
    position, referring = _first_reference(decided)
    if referring is not None:
        reference, subject = referring
        committee = subject or committee
        clauses = reference_clauses(reference, decided[position], item, committee)
        others = decided[:position] + decided[position + 1 :]
        clauses += [Clause(sentence, classify(sentence)) for sentence in others]
        said = normalise(decided[position])
        reference.extra = [sentence for sentence in others if normalise(sentence) != said]
        return _Analysis(clauses, committee, reference)
    explicit = [Clause(sentence, classify(sentence)) for sentence in _the_bodys(decided)]
    return _Analysis(explicit or [Clause(normalise(text), "other")], committee)


def _the_bodys(decided: list[str]) -> list[str]:
    """Without members' reports ("Dorthe orienterede om ...") where the body itself decided
    ("Lokaludvalget tog orienteringen til efterretning"); all of them where it did not."""
    verbs = frozenset(PAST_TENSE) | PAST_FORMS
    by_body = [sentence for sentence in decided if (split_verb(sentence, verbs) or ("",))[0]]
    if not by_body:
        return decided
    return [
        sentence for sentence in decided if sentence in by_body or classify(sentence) != "noted"
    ]


def _title(title: str) -> str | None:
    """The item's title as a summary names it, less "Beslutning -" or "B-sag:" in front."""
    cleaned = _TITLE_PREFIX.sub("", normalise(title)).strip()
    return cleaned if len(cleaned.split()) >= 2 else None


def _first_reference(decided: list[str]) -> tuple[int, tuple[Reference, str | None] | None]:
    """The first decided sentence that refers to the recommendation, and its reference."""
    for position, sentence in enumerate(decided):
        found = find_reference(sentence)
        if found is not None:
            return position, found
    return 0, None


def _listed(lead: str | None, points: list[str], committee: str) -> _Analysis:
    """Numbered points; a lead with a verb ("Udvalget godkendte:") governs points without one."""
    if not lead or _names_body(lead):
        clauses = [Clause(point, classify(point)) for point in points]
        return _Analysis(clauses, nominative(lead) if lead else committee)
    governing = classify(lead)
    clauses = [Clause(point, either(classify(point), governing)) for point in points]
    listing = f"{', '.join(points[:-1])} og {points[-1]}"
    phrase = Clause(f"{lead.rstrip(' :,')} {listing}", governing)
    subject = split_verb(lead, frozenset(PAST_TENSE) | PAST_FORMS)
    if subject and subject[0] and subject[0].lower() not in GENERIC_BODIES:
        committee = nominative(subject[0])
    return _Analysis(clauses, committee, phrases=[phrase])


def _names_body(line: str) -> bool:
    """Whether a line only names the deciding body ("Socialudvalget"), with no verb."""
    return (
        len(line.split()) <= 8
        and is_body(line)
        and line.lower() not in GENERIC_BODIES
        and not has_decision_verb(line)
    )
