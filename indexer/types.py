"""The domain types, defined once and shared by every pipeline stage.

read(path) -> Document -> parse -> [Meeting] -> AgendaItem -> Section
enrich: Section -> [Entity], AgendaItem -> Decision
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

Outcome = Literal["approved", "rejected", "noted", "postponed", "referred", "discussed", "other"]
OUTCOMES: tuple[Outcome, ...] = (
    "approved",
    "rejected",
    "noted",
    "postponed",
    "referred",
    "discussed",
    "other",
)
EntityType = Literal[
    "COMMITTEE", "DATE", "AMOUNT", "CASE_NUMBER", "PERSON", "ORGANIZATION", "LOCATION"
]
ENTITY_TYPES: tuple[EntityType, ...] = (
    "COMMITTEE",
    "DATE",
    "AMOUNT",
    "CASE_NUMBER",
    "PERSON",
    "ORGANIZATION",
    "LOCATION",
)


@dataclass(frozen=True, slots=True)
class RawSection:
    """A section as an already-structured source (JSON) gives it."""

    heading: str
    text: str


@dataclass(frozen=True, slots=True)
class RawItem:
    """An agenda item as an already-structured source (JSON) gives it.

    Fields the source lacks are None or empty; `extra` keeps anything else it said.
    """

    municipality: str | None
    committee: str | None
    meeting_date: str | None
    item_number: str | None
    title: str
    sections: tuple[RawSection, ...]
    case_numbers: tuple[str, ...] = ()
    attachments: tuple[str, ...] = ()
    kind: str | None = None
    source: str | None = None
    source_id: str | None = None


@dataclass(frozen=True, slots=True)
class Document:
    """What a reader makes of one file: its text, or its structured items, plus metadata.

    `text` holds plain text with one heading or paragraph per line (txt, pdf, html);
    `items` holds agenda items when the format is already structured (json, jsonl).
    `metadata` carries what the file itself says (e.g. html <title>, pdf info).
    """

    path: str
    format: str
    sha256: str
    size: int
    text: str = ""
    pages: int = 1
    items: tuple[RawItem, ...] = ()
    metadata: dict[str, str] = field(default_factory=dict)
    problems: tuple[str, ...] = ()  # parts left out, each "where: why" (a bad .jsonl line)


@dataclass(slots=True)
class Section:
    heading: str  # canonical heading, e.g. "Beslutning"
    text: str
    raw_heading: str | None = None  # the heading as written, when it differs


def normalized_value(entity_type: str, normalized: str) -> str | int:
    """The normalized value as JSON gives it: an AMOUNT is a number of kroner, the rest text."""
    if entity_type == "AMOUNT" and normalized.lstrip("-").isdigit():
        return int(normalized)
    return normalized


@dataclass(slots=True)
class Entity:
    type: EntityType
    text: str
    normalized: str
    start: int  # character offsets into the section text (or the extracted text)
    end: int
    section: int | None = None  # index of the section within its item

    def to_json(self, item_id: str | None = None, section: str | None = None) -> dict[str, Any]:
        return {
            "type": self.type,
            "text": self.text,
            "normalized": normalized_value(self.type, self.normalized),
            "item_id": item_id,
            "section": section,
            "start": self.start,
            "end": self.end,
        }


@dataclass(slots=True)
class Votes:
    """One vote taken: party letters and/or names as written, and the counts when stated."""

    for_: list[str] = field(default_factory=list)
    against: list[str] = field(default_factory=list)
    abstained: list[str] = field(default_factory=list)
    counts: dict[str, int] | None = None  # {"for": n, "against": n, "abstained": n}
    ballot: int | None = field(default=None, compare=False)  # its number in the decision

    def to_json(self) -> dict[str, Any]:
        found: dict[str, Any] = {
            "for": self.for_,
            "against": self.against,
            "abstained": self.abstained,
            "counts": self.counts,
        }
        if self.ballot is not None:
            found["ballot"] = self.ballot
        return found


@dataclass(slots=True)
class Clause:
    text: str
    outcome: Outcome
    vote: Votes | None = None  # the vote that decided this clause, when one was taken

    def to_json(self) -> dict[str, Any]:
        vote = self.vote.to_json() if self.vote else None
        return {"text": self.text, "outcome": self.outcome, "vote": vote}


@dataclass(slots=True)
class Amendment:
    """An amendment (ændringsforslag) or a motion to refer (udvalgshenvisning)."""

    proposed_by: str  # as written: "Det Konservative Folkeparti", "Et samlet udvalg"
    text: str
    outcome: Outcome
    vote: Votes | None = None
    parties: list[str] = field(default_factory=list)  # the proposers' list letters

    def to_json(self) -> dict[str, Any]:
        vote = self.vote.to_json() if self.vote else None
        return {
            "proposed_by": self.proposed_by or None,
            "text": self.text,
            "outcome": self.outcome,
            "vote": vote,
            "parties": self.parties,
        }


@dataclass(slots=True)
class Remark:
    """A protocol remark (protokolbemærkning) and who made it."""

    by: str  # as written: "Liberal Alliance og Dansk Folkeparti"
    text: str
    parties: list[str] = field(default_factory=list)  # their list letters, joiners included

    def to_json(self) -> dict[str, Any]:
        return {"by": self.by, "text": self.text, "parties": self.parties}


@dataclass(slots=True)
class Decision:
    text: str
    outcome: Outcome
    clauses: list[Clause]
    votes: Votes | None  # the final vote
    summary: str
    amendments: list[Amendment] = field(default_factory=list)
    remarks: list[Remark] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "outcome": self.outcome,
            "clauses": [clause.to_json() for clause in self.clauses],
            "votes": self.votes.to_json() if self.votes else None,
            "summary": self.summary,
            "amendments": [amendment.to_json() for amendment in self.amendments],
            "remarks": [remark.to_json() for remark in self.remarks],
        }


@dataclass(slots=True)
class AgendaItem:
    number: str | None
    title: str
    case_numbers: list[str] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    attachments: list[str] = field(default_factory=list)
    source_id: str | None = None  # an id the source gave (kk JSON "id")
    item_id: str = ""  # stable id, assigned by parse
    entities: list[Entity] = field(default_factory=list)
    decision: Decision | None = None


@dataclass(slots=True)
class Meeting:
    municipality: str | None
    committee: str | None
    date: str | None  # YYYY-MM-DD
    items: list[AgendaItem] = field(default_factory=list)
    time: str | None = None  # HH:MM
    place: str | None = None
    kind: str = "referat"  # "referat" (minutes) or "dagsorden" (agenda only)
    source: str | None = None
