"""Votes recorded in a decision, one per vote taken, with the counts when stated.

Forms read (Københavns Kommune's committees, local committees and Borgerrepræsentationen):
- a result line with counts, then the lists: "Indstillingen blev godkendt efter afstemning
  med 40 stemmer mod 15. Ingen medlemmer undlod at stemme." / "For: Ø, F og A" /
  "Imod stemte: C, V"; "med 33 mod 21", "med 43 stemmer imod 9";
- the lists first, the result after: "Der var afstemning om ÆF1:" / "Stemmer for: 1 (I)" /
  "Stemmer imod: 10 (Ø, A, B og C)" / "Undlod at stemme: 0" / "... blev dermed forkastet.";
- counted lists: "For stemte 8 medlemmer: A, B, F og Ø.", "For stemte 9", "Blankt stemte 6";
- split parties and løsgængere: "For stemte: Ø (Charlotte Lund, Jens Jensen), A og Helle Jønch";
- sentences: "V og C stemte imod. Ø undlod at stemme."

Lists hold party letters and/or names as written (a split party as "Ø (Charlotte Lund,
Jens Jensen)"); counts are {"for", "against", "abstained"} when any count is stated. A
rejection's larger count is the votes against ("forkastet med 46 stemmer mod 9" and
"forkastet med 3 stemmer mod 8" both say so). `ballots` returns every vote with the line
that states its result; `parse_votes` the last one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from indexer.decisions.outcomes import classify
from indexer.types import Votes

_PAIR = re.compile(
    r"\bmed\s+(\d+)(?:\s+stemmer?)?(?:\s+\(([^)]*)\))?\s+i?mod\s+(\d+)(?:\s+stemmer?)?"
    r"(?:\s+\(([^)]*)\))?",
    re.IGNORECASE,
)
_ABSTAIN_COUNT = re.compile(
    r"\b(\d+|ingen)\s+(?:medlemmer|medlemme|medlem)\s+u[n]?dlod\s+at\s+stemme", re.IGNORECASE
)
_LISTED = re.compile(
    r"^(?:stemmer\s+(?P<kind2>for|imod)|(?:stemte\s+)?(?P<kind>for|imod|blankt?"
    r"|u[n]?dlod(?:\s+at\s+stemme)?|hverken for eller imod)(?P<stemte>\s+stemte)?)"
    r"\s*(?P<colon>:)?\s*(?P<rest>.*)$",
    re.IGNORECASE,
)
_REST = re.compile(
    r"^(?P<count>\d+)?\s*(?:medlemmer|medlem|stemmer)?\s*(?:\((?P<paren>[^)]*)\))?\s*:?\s*"
    r"(?P<tail>.*)$",
    re.IGNORECASE,
)
_STEMTE = re.compile(
    r"^(?P<parties>[A-ZÆØÅ][\w ,.&-]{0,120}?)\s+(?:stemte\s+(?P<way>for|imod)|undlod at stemme)\b"
)
_OPENER = re.compile(r"^(?:der\s+var\s+afstemning\s+om|.{0,80}\bstemte\s+herefter\s*:)", re.I)
_AWAITS = re.compile(r"\befter\s+afstemning\b|\bfølgende\s+resultat\b", re.IGNORECASE)
_NO_VOTE = re.compile(r"\buden\s+afstemning\b", re.IGNORECASE)
_KIND = {"for": "for_", "imod": "against"}
_COUNT_KEY = {"for_": "for", "against": "against", "abstained": "abstained"}
_MAX_ENTRY_WORDS = 5


@dataclass(slots=True)
class Listed:
    """One line of a vote: who voted which way, and how many when stated."""

    kind: str  # "for_", "against" or "abstained"
    entries: list[str]
    count: int | None = None


@dataclass(slots=True)
class Ballot:
    """A vote taken, and the line (index) that states what it decided."""

    lists: dict[str, list[str]] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)
    result: int | None = None
    last: int = -1  # the last line that belonged to it
    phrase: str = ""  # the tally as written: "40 stemmer mod 15", "38 mod 16"
    opener: int | None = None  # "Der var afstemning om indstillingens 2. at-punkt:"
    number: int | None = None  # its place among the decision's votes, when numbered

    def votes(self) -> Votes:
        counts = None
        if self.counts:
            counts = {key: self.counts.get(key, 0) for key in ("for", "against", "abstained")}
        return Votes(
            for_=self.lists.get("for_", []),
            against=self.lists.get("against", []),
            abstained=self.lists.get("abstained", []),
            counts=counts,
            ballot=self.number,
        )


def parse_votes(text: str) -> Votes | None:
    """The last vote recorded in a decision text, or None when none is recorded."""
    found = ballots(lines(text))
    return found[-1].votes() if found else None


def lines(text: str) -> list[str]:
    """Lines, and sentences within lines (a vote count often shares a line)."""
    found: list[str] = []
    for line in text.splitlines():
        found.extend(part.strip() for part in re.split(r"(?<=\.)\s+(?=[A-ZÆØÅ\d])", line))
    return [line for line in found if line]


def is_vote_line(line: str) -> bool:
    """Whether a line belongs to a vote (a list, a count of abstentions, an opener)."""
    return bool(
        listed(line)
        or _OPENER.match(line)
        or (_ABSTAIN_COUNT.search(line) and len(line.split()) <= 8)
    )


def ballots(found: list[str]) -> list[Ballot]:
    """Every vote taken in these lines, in order, each with its result line when found."""
    taken: list[Ballot] = []
    awaiting: int | None = None  # "Ændringsforslaget blev forkastet efter afstemning:" lists follow
    for index, line in enumerate(found):
        entry = listed(line)
        if entry is not None:
            count = len(taken)
            _add_list(taken, index, entry)
            if len(taken) > count and awaiting is not None and awaiting >= index - 2:
                taken[-1].result, awaiting = awaiting, None
            continue
        awaiting = index if _AWAITS.search(line) and not _PAIR.search(line) else None
        if _OPENER.match(line):
            taken.append(Ballot(last=index, opener=index))
            continue
        pair = _PAIR.search(line)
        if pair and not _NO_VOTE.search(line):
            _add_pair(taken, index, line, pair)
        abstained = _ABSTAIN_COUNT.search(line)
        if abstained and taken and taken[-1].last >= index - 1:
            count = 0 if abstained[1].lower() == "ingen" else int(abstained[1])
            taken[-1].counts.setdefault("abstained", count)
            taken[-1].last = index
        elif not pair and _closes(taken, index, line):
            taken[-1].result = index
            taken[-1].last = index
    return taken


def _add_list(taken: list[Ballot], index: int, entry: Listed) -> None:
    """A list line joins the vote being read, or starts the next one."""
    current = taken[-1] if taken else None
    if current is None or entry.kind in current.lists or current.last < index - 2:
        current = Ballot()
        taken.append(current)
    current.lists[entry.kind] = entry.entries
    if entry.count is not None:
        current.counts[_COUNT_KEY[entry.kind]] = entry.count
    current.last = index


def _add_pair(taken: list[Ballot], index: int, line: str, pair: re.Match[str]) -> None:
    """ "med 40 stemmer mod 15" completes lists given just before it, or starts a vote."""
    current = taken[-1] if taken else None
    fresh = current is None or current.result is not None or current.last < index - 1
    if fresh or current is None:
        current = Ballot()
        taken.append(current)
    first, second = (int(pair[1]), pair[2]), (int(pair[3]), pair[4])
    if classify(line) == "rejected" and first[0] > second[0]:
        first, second = second, first
    for key, (count, parties) in (("for_", first), ("against", second)):
        current.counts.setdefault(_COUNT_KEY[key], count)
        named = entries(parties or "")
        if named:
            current.lists.setdefault(key, named)
    current.result = index
    current.last = index
    current.phrase = re.sub(r"^med\s+|\s*\([^)]*\)", "", pair.group(0)).strip()


def _closes(taken: list[Ballot], index: int, line: str) -> bool:
    """Whether `line` states the result of lists given just before it ("... blev forkastet")."""
    if not taken or taken[-1].result is not None or taken[-1].last < index - 2:
        return False
    return classify(line) != "other" and not _NO_VOTE.search(line)


def listed(line: str) -> Listed | None:
    """ "For stemte: Ø og A", "Stemmer for: 8 (F, B)", "For stemte 9", "Ø stemte for"."""
    match = _LISTED.match(line)
    if match and (match["colon"] or match["stemte"] or match["kind2"]):
        word = (match["kind2"] or match["kind"]).lower()
        kind = _KIND.get(word, "abstained")
        rest = _REST.match(match["rest"].strip())
        assert rest is not None  # every part of _REST is optional
        raw = rest["paren"] if rest["paren"] is not None else rest["tail"]
        named = entries(raw)
        if named is None or (not named and rest["count"] is None and raw.strip()):
            return None
        count = int(rest["count"]) if rest["count"] is not None else None
        return Listed(kind, named, count)
    match = _STEMTE.match(line)
    if match:
        named = entries(match["parties"])
        kind = _KIND.get((match["way"] or "").lower(), "abstained")
        return Listed(kind, named) if named else None
    return None


def entries(raw: str) -> list[str] | None:
    """Party letters, names, or a split party "Ø (A, B)"; None when `raw` is no such list."""
    cleaned = " ".join(raw.split()).strip().rstrip(".").strip()
    if not cleaned or cleaned.lower().startswith("ingen") or cleaned == "0":
        return []
    parts = [part for part in _split(cleaned) if part]
    if any(len(part.split("(")[0].split()) > _MAX_ENTRY_WORDS for part in parts):
        return None
    return parts


def _split(text: str) -> list[str]:
    """Split at commas, "og" and "&" outside brackets; "A (X, Y) " -> "A (X, Y)"."""
    parts: list[str] = []
    depth, start = 0, 0
    index = 0
    while index < len(text):
        char = text[index]
        depth += (char == "(") - (char == ")")
        cut = 0
        if depth == 0 and char in ",&":
            cut = 1
        elif depth == 0 and text.startswith(" og ", index):
            cut = 4
        if cut:
            parts.append(text[start:index])
            start = index + cut
            index += cut
            continue
        index += 1
    parts.append(text[start:])
    return [_tidy(part) for part in parts]


def _tidy(part: str) -> str:
    part = part.strip(" .")
    if part.lower().startswith("og "):
        part = part[3:].strip()
    part = re.sub(r"\(\s*", "(", re.sub(r"\s*\)", ")", part))
    return re.sub(r"\s*,\s*", ", ", re.sub(r"\s+\(", " (", part))
