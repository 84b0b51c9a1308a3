"""Votes recorded in a decision: "For stemte: Ø, A, F", "med 42 stemmer mod 4", ...

Format of Votes lists: the parties (letters or names, as written) when the minutes list
them; otherwise one entry "N stemmer" when only the count is known ("med 42 stemmer mod 4"
gives for_ ["42 stemmer"], against ["4 stemmer"]). "Ingen medlemmer undlod at stemme"
leaves abstained empty.

A decision may record several votes (an amendment, then the proposal): the last one is
returned, since minutes record the vote on the final question last. No vote recorded, or
"uden afstemning", gives None.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from indexer.types import Votes

_COUNTS = re.compile(
    r"\bmed (\d+) stemmer?(?: \(([^)]*)\))? mod (\d+)(?: stemmer?)?(?: \(([^)]*)\))?",
    re.IGNORECASE,
)
_ABSTAIN_COUNT = re.compile(r"\b(\d+|ingen) (?:medlemmer|medlem) undlod at stemme", re.I)
_LISTED = re.compile(
    r"^(?:stemte\s+)?(?P<kind>for|imod|undlod(?:\s+at\s+stemme)?|hverken for eller imod)"
    r"(?P<stemte>\s+stemte)?\s*(?P<colon>:)?\s*(?P<rest>.*)$",
    re.IGNORECASE,
)
_REST = re.compile(r"(?P<count>\d+)?\s*(?:\((?P<paren>[^)]*)\))?\s*(?P<tail>.*)$")
_STEMTE = re.compile(
    r"^(?P<parties>[A-ZÆØÅ][\w ,.&-]{0,120}?)\s+(?:stemte\s+(?P<way>for|imod)|undlod at stemme)\b",
)
_SPLIT = re.compile(r"\s*,\s*|\s+og\s+|\s*&\s*")
_KIND = {"for": "for_", "imod": "against"}
_MAX_PARTY_WORDS = 5


@dataclass(slots=True)
class _Vote:
    slots: dict[str, list[str]] = field(default_factory=dict)
    listed: set[str] = field(default_factory=set)
    counted: bool = False

    def votes(self) -> Votes:
        return Votes(
            for_=self.slots.get("for_", []),
            against=self.slots.get("against", []),
            abstained=self.slots.get("abstained", []),
        )


def parse_votes(text: str) -> Votes | None:
    """The last vote recorded in a decision text, or None when none is recorded."""
    votes: list[_Vote] = []
    for line in _lines(text):
        counts = _COUNTS.search(line)
        if counts:
            _count(votes, _tally(counts[1], counts[2]), _tally(counts[3], counts[4]))
        abstain = _ABSTAIN_COUNT.search(line)
        if abstain:
            value = [] if abstain[1].lower() == "ingen" else [f"{abstain[1]} stemmer"]
            _current(votes, "abstained").slots.setdefault("abstained", value)
            continue
        listed = _listed(line)
        if listed:
            kind, parties = listed
            vote = _current(votes, kind, listing=True)
            vote.slots[kind] = parties
            vote.listed.add(kind)
    return votes[-1].votes() if votes else None


def _count(votes: list[_Vote], for_: list[str], against: list[str]) -> None:
    """A count starts a new vote, unless it completes party lists given just before it."""
    if not votes or votes[-1].counted or not votes[-1].listed:
        votes.append(_Vote())
    vote = votes[-1]
    vote.counted = True
    vote.slots.setdefault("for_", for_)
    vote.slots.setdefault("against", against)


def _tally(count: str, parties: str | None) -> list[str]:
    """ "20" and "(A, F og Ø)" -> ["A", "F", "Ø"]; "20" alone -> ["20 stemmer"]."""
    return _parties(parties or "") or [f"{count} stemmer"]


def _lines(text: str) -> list[str]:
    """Lines, and sentences within lines (a vote count often shares a line)."""
    found: list[str] = []
    for line in text.splitlines():
        found.extend(part.strip() for part in re.split(r"(?<=\.)\s+(?=[A-ZÆØÅ])", line))
    return [line for line in found if line]


def _current(votes: list[_Vote], kind: str, listing: bool = False) -> _Vote:
    """The vote a line belongs to; a new one when this kind was already listed."""
    if not votes or (listing and kind in votes[-1].listed):
        votes.append(_Vote())
    return votes[-1]


def _listed(line: str) -> tuple[str, list[str]] | None:
    """("for_", ["Ø", "A"]) from "For stemte: Ø og A", "For stemte 5 (Ø, A)" or "Ø stemte for"."""
    match = _LISTED.match(line)
    if match and (match["colon"] or match["stemte"]):
        kind = _KIND.get(match["kind"].lower(), "abstained")
        rest = _REST.match(match["rest"].strip())
        assert rest is not None  # every part of _REST is optional
        parties = _parties(rest["paren"] or rest["tail"])
        if parties is None:
            return None
        return kind, parties or ([f"{rest['count']} stemmer"] if rest["count"] else [])
    match = _STEMTE.match(line)
    if match:
        parties = _parties(match["parties"])
        kind = _KIND.get((match["way"] or "").lower(), "abstained")
        return (kind, parties) if parties else None
    return None


def _parties(raw: str) -> list[str] | None:
    """Party letters or names; None when the text is no list of parties."""
    cleaned = raw.strip().rstrip(".")
    if not cleaned or cleaned.lower().startswith("ingen"):
        return []
    parts = [part.strip(" .") for part in _SPLIT.split(cleaned) if part.strip(" .")]
    if any(len(part.split()) > _MAX_PARTY_WORDS for part in parts):
        return None
    return parts
