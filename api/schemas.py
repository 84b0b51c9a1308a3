"""Response models: the JSON shapes of CONTRACT, so /openapi.json describes real shapes."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from indexer.types import Outcome as OutcomeName


class SectionPublic(BaseModel):
    heading: str
    text: str


class VotesPublic(BaseModel):
    model_config = ConfigDict(populate_by_name=True)

    for_: list[str] = Field(alias="for", serialization_alias="for")
    against: list[str]
    abstained: list[str]
    counts: dict[str, int] | None = None  # {"for", "against", "abstained"} when stated
    ballot: int | None = None  # extension: the vote's number within its decision


class ClausePublic(BaseModel):
    text: str
    outcome: OutcomeName
    vote: VotesPublic | None = None  # the vote that decided this clause


class AmendmentPublic(BaseModel):
    proposed_by: str | None
    text: str
    outcome: OutcomeName
    vote: VotesPublic | None = None
    parties: list[str] = []  # the proposers' list letters (extension)


class RemarkPublic(BaseModel):
    by: str
    text: str
    parties: list[str] = []  # the makers' and joiners' list letters (extension)


class DecisionPublic(BaseModel):
    text: str
    outcome: OutcomeName
    clauses: list[ClausePublic]
    votes: VotesPublic | None  # the final vote
    summary: str
    amendments: list[AmendmentPublic] = []
    remarks: list[RemarkPublic] = []


class PartyVotePublic(BaseModel):
    item_id: str
    meeting_date: str | None
    committee: str | None
    title: str
    clause: str
    position: Literal["for", "against", "abstained"]
    on: Literal["clause", "amendment"] = "clause"  # extension: what the vote decided
    outcome: OutcomeName | None = None  # extension: that clause's or amendment's outcome


class PartyPublic(BaseModel):
    model_config = ConfigDict(populate_by_name=True)

    party: str
    name: str | None
    for_: int = Field(alias="for", serialization_alias="for")
    against: int
    abstained: int
    votes: list[PartyVotePublic]


class PartyVotesPublic(BaseModel):
    parties: list[PartyPublic]


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


class CaseEntryPublic(BaseModel):
    item_id: str
    municipality: str | None
    committee: str | None
    meeting_date: str | None
    title: str
    outcome: OutcomeName | None
    kind: str | None = None  # extension: dagsorden or referat
    superseded: bool = False  # extension: an agenda whose minutes are stored


class CaseLinkPublic(BaseModel):
    item_id: str
    linked_to: str
    rule: str  # case_number, version, title, reference, near_duplicate
    evidence: str


class CaseTimelinePublic(BaseModel):
    id: str
    items: list[CaseEntryPublic]  # in date order
    path: str | None = None  # extension: the path in words
    links: list[CaseLinkPublic] | None = None  # extension (GET /cases): each link and its rule


class HitPublic(ItemHeader):
    section: str
    snippet: str  # HTML-escaped, matching words in <mark>
    score: float
    outcome: OutcomeName | None = None  # extension: the item's decision outcome, if decided
    decision_summary: str | None = None  # extension: the decision's summary
    case: CaseTimelinePublic | None = None  # the hit's case, when search collapses by case


class FiltersPublic(BaseModel):
    committee: str | None = None
    municipality: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    inferred: dict[str, str] = {}


class ShardsPublic(BaseModel):
    """On an archive served by Ray (`serve --ray`): its shards, and those that did not answer."""

    total: int
    missing: list[int] = []


class SearchPublic(BaseModel):
    query: str
    filters: FiltersPublic
    total: int
    hits: list[HitPublic]
    shards: ShardsPublic | None = None  # only when served by Ray; a missing shard: partial


class ItemPublic(ItemHeader):
    sections: list[SectionPublic]
    decision: DecisionPublic | None
    entities: list[EntityPublic]
    attachments: list[str] = []
    kind: str | None = None
    case: CaseTimelinePublic | None = None


class CasePublic(BaseModel):
    case_number: str
    items: list[ItemPublic]
    case: CaseTimelinePublic | None = None


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
    problems: list[str] = []  # parts of the file left out, e.g. "line 3: invalid JSON ..."


class FacetsPublic(BaseModel):
    committees: list[str]
    municipalities: list[str]


class ErrorPublic(BaseModel):
    detail: str


class WatchPublic(BaseModel):
    id: str
    query: str
    filters: dict[str, str | None]
    webhook: str | None
    created_at: float | None = None
    secret: str | None = None  # only in the answer to POST: the webhook bodies' HMAC key


class WatchesPublic(BaseModel):
    watches: list[WatchPublic]


class WatchFiltersIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    committee: str | None = None
    municipality: str | None = None
    date_from: str | None = None
    date_to: str | None = None


class WatchIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    query: str = Field(min_length=1, max_length=1000)
    committee: str | None = None
    municipality: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    webhook: str | None = Field(default=None, max_length=2000)
    secret: str | None = Field(default=None, min_length=8, max_length=200)
    # the answer's shape, {"filters": {"committee", ...}}, also works as the question's
    filters: WatchFiltersIn | None = None

    @model_validator(mode="after")
    def _lift_filters(self) -> WatchIn:
        """Nested filters become the flat fields; a filter given both ways is refused."""
        nested = self.filters.model_dump(exclude_none=True) if self.filters else {}
        twice = sorted(name for name in nested if getattr(self, name) is not None)
        if twice:
            raise ValueError(f"give {', '.join(twice)} once: in filters or at the top level")
        for name, value in nested.items():
            setattr(self, name, value)
        return self
