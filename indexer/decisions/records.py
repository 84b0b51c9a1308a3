"""A decision text taken apart: the decision proper, amendments, votes and protocol remarks.

The text is read line by line (sentences within a line apart, since "... med 40 stemmer mod
15. Ingen medlemmer undlod at stemme." shares one): a remark header takes the lines after it
(its quoted text), an amendment proposal the lines after it (the proposed wording), vote
lists and "Der var afstemning om ..." are the votes; the rest is the decision proper, which
`detect` analyses into clauses. Each vote is attached to the line stating its result: an
amendment's result line, or a line of the decision proper.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from indexer.decisions import amendments, remarks
from indexer.decisions.outcomes import classify
from indexer.decisions.votes import Ballot, ballots, is_vote_line, lines, listed
from indexer.types import Amendment, Remark

_COUNT_PHRASE = re.compile(
    r"\s*(?:efter\s+afstemning\s+)?med\s+\d+(?:\s+stemmer?)?(?:\s+\([^)]*\))?\s+i?mod\s+\d+"
    r"(?:\s+stemmer?)?(?:\s+\([^)]*\))?",
    re.IGNORECASE,
)
_ABSTAINED = re.compile(
    r"^(?:\d+|ingen)\s+(?:medlemmer|medlemme|medlem)\s+u[n]?dlod\s+at\s+stemme\.?$", re.I
)


@dataclass(slots=True)
class Parts:
    decision: str  # the decision proper, vote counts taken out
    decision_lines: list[str] = field(default_factory=list)
    amendments: list[Amendment] = field(default_factory=list)
    remarks: list[Remark] = field(default_factory=list)
    # each vote, with the amendments it decided ([] for a vote on the decision proper)
    ballots: list[tuple[Ballot, list[Amendment], str]] = field(default_factory=list)
    found: bool = False  # whether anything besides the decision proper was found


@dataclass(slots=True)
class _State:
    mode: str = ""  # "", "amendment" or "remark"
    quoted: bool = False
    amendment: Amendment | None = None
    remark: tuple[str, str, list[str]] | None = None
    open_amendments: list[Amendment] = field(default_factory=list)


def split(text: str) -> Parts:
    pieces = lines(text)
    parts = Parts(decision="")
    state = _State()
    kept: list[int] = []  # pieces that are no amendment wording and no remark text
    decided_at: dict[int, list[Amendment]] = {}
    for index, piece in enumerate(pieces):
        role = _role(piece, state, parts)
        if role == "result":
            decided_at[index] = amendments.decide(piece, state.open_amendments, parts.amendments)
        if role in {"result", "vote", "decision"}:
            kept.append(index)
        if role == "decision":
            parts.decision_lines.append(_COUNT_PHRASE.sub("", piece))
    _close_remark(state, parts)
    voted = [pieces[index] for index in kept]
    for number, ballot in enumerate(ballots(voted), start=1):
        ballot.number = number
        result = kept[ballot.result] if ballot.result is not None else None
        decided = decided_at.get(result, []) if result is not None else []
        line = _COUNT_PHRASE.sub("", pieces[result]) if result is not None else ""
        if ballot.opener is not None:
            line = f"{voted[ballot.opener]} {line}".strip()
        parts.ballots.append((ballot, decided, line))
        for amendment in decided:
            amendment.vote = ballot.votes()
    parts.decision = "\n".join(parts.decision_lines)
    parts.found = bool(parts.amendments or parts.remarks or parts.ballots)
    return parts


def _role(piece: str, state: _State, parts: Parts) -> str:
    """What a line is: "remark", "amendment", "result", "vote", "decision" or "skip"."""
    if state.mode == "remark" and state.quoted:
        _remark_line(piece, state)
        return "remark"
    if remarks.is_empty_marker(piece) or (piece.lower().rstrip(".") == "ingen" and not state.mode):
        return "skip"
    head = remarks.header(piece)
    if head is not None:
        _close_remark(state, parts)
        state.mode, state.remark, state.quoted = "remark", (head[0], head[1], []), False
        return "remark"
    if amendments.is_result(piece):
        _close_remark(state, parts)
        state.mode = ""
        return "result"
    proposed = amendments.proposal(piece)
    if proposed is not None or amendments.heading(piece):
        _close_remark(state, parts)
        return _start_amendment(proposed, state, parts)
    if is_vote_line(piece) and (listed(piece) or classify(piece) == "other"):
        _close_remark(state, parts)
        state.mode = ""
        return "vote"
    if _ABSTAINED.match(piece):
        return "vote"
    if state.mode == "remark" and not _statement(piece):
        _remark_line(piece, state)
        return "remark"
    if state.mode == "amendment" and (state.quoted or not _statement(piece)):
        _amendment_line(piece, state)
        return "amendment"
    _close_remark(state, parts)
    state.mode = ""
    return "decision"


def _start_amendment(proposed: Amendment | None, state: _State, parts: Parts) -> str:
    pending = state.amendment
    if (
        proposed is not None
        and pending is not None
        and not pending.text
        and not pending.proposed_by
    ):
        pending.proposed_by, pending.text, pending.parties = (
            proposed.proposed_by,
            proposed.text,
            proposed.parties,
        )
    else:
        state.amendment = proposed or Amendment(proposed_by="", text="", outcome="other")
        parts.amendments.append(state.amendment)
        state.open_amendments.append(state.amendment)
    state.mode, state.quoted = "amendment", False
    return "amendment"


def _amendment_line(piece: str, state: _State) -> None:
    amendment = state.amendment
    assert amendment is not None
    if not amendment.proposed_by and not amendment.text:
        suggested = amendments.suggested(piece)
        if suggested is not None:
            amendment.proposed_by, amendment.text = suggested
            return
    amendment.text = f"{amendment.text} {piece}".strip()
    state.quoted = _quote_state(piece, state.quoted)


def _remark_line(piece: str, state: _State) -> None:
    assert state.remark is not None
    state.remark[2].append(piece)
    state.quoted = _quote_state(piece, state.quoted)
    if not state.quoted and remarks.closes_quote(piece):
        state.mode = "remark-done"


def _quote_state(piece: str, quoted: bool) -> bool:
    """Whether a quotation is still open after `piece`."""
    if not quoted:
        return remarks.opens_quote(piece) and not (len(piece) > 1 and remarks.closes_quote(piece))
    return not remarks.closes_quote(piece)


def _close_remark(state: _State, parts: Parts) -> None:
    if state.remark is not None:
        by, rest, body = state.remark
        parts.remarks.append(remarks.make(by, rest, body))
        state.remark = None
    if state.mode.startswith("remark"):
        state.mode, state.quoted = "", False


def _statement(piece: str) -> bool:
    """A line that decides something itself (not quoted wording, not an "at"-clause)."""
    if remarks.opens_quote(piece) or piece[:1].islower() or piece[:1] in "-•–":
        return False
    return classify(piece) != "other"
