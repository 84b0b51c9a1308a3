"""Response models: the JSON shapes of CONTRACT, so /openapi.json describes real shapes."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from indexer.types import Outcome as OutcomeName


class SectionPublic(BaseModel):
    heading: str
    text: str


class ClausePublic(BaseModel):
    text: str
    outcome: OutcomeName


class VotesPublic(BaseModel):
    model_config = ConfigDict(populate_by_name=True)

    for_: list[str] = Field(alias="for", serialization_alias="for")
    against: list[str]
    abstained: list[str]


class DecisionPublic(BaseModel):
    text: str
    outcome: OutcomeName
    clauses: list[ClausePublic]
    votes: VotesPublic | None
    summary: str


class EntityPublic(BaseModel):
    type: str
    text: str
    normalized: str | int  # an AMOUNT is a number of kroner; every other type is text
    item_id: str | None
    section: str | None
    start: int
    end: int


class ItemHeader(BaseModel):
    item_id: str
    municipality: str | None
    committee: str | None
    meeting_date: str | None
    item_number: str | None
    title: str
    case_numbers: list[str]
    source: str | None


class HitPublic(ItemHeader):
    section: str
    snippet: str  # HTML-escaped, matching words in <mark>
    score: float
    outcome: OutcomeName | None = None  # extension: the item's decision outcome, if decided
    decision_summary: str | None = None  # extension: the decision's summary


class FiltersPublic(BaseModel):
    committee: str | None = None
    municipality: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    inferred: dict[str, str] = {}


class SearchPublic(BaseModel):
    query: str
    filters: FiltersPublic
    total: int
    hits: list[HitPublic]


class ItemPublic(ItemHeader):
    sections: list[SectionPublic]
    decision: DecisionPublic | None
    entities: list[EntityPublic]
    attachments: list[str] = []
    kind: str | None = None


class CasePublic(BaseModel):
    case_number: str
    items: list[ItemPublic]


class DecisionHit(BaseModel):
    item_id: str
    municipality: str | None
    committee: str | None
    meeting_date: str | None
    title: str
    case_numbers: list[str]
    decision: DecisionPublic
    item_number: str | None = None
    source: str | None = None


class DecisionsPublic(BaseModel):
    query: str
    filters: FiltersPublic | None = None
    decisions: list[DecisionHit]


class HealthPublic(BaseModel):
    status: str
    documents: int
    meetings: int
    items: int
    sections: int
    entities: dict[str, int]


class IngestPublic(BaseModel):
    path: str
    status: Literal["stored", "unchanged", "duplicate", "failed"]
    items: list[str]
    error: str | None


class FacetsPublic(BaseModel):
    committees: list[str]
    municipalities: list[str]


class ErrorPublic(BaseModel):
    detail: str
