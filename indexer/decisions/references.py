"""Decisions by reference: "Indstillingen blev godkendt", "Godkendt.", "X tiltrådte indstillingen".

Such a decision adopts (or rejects, postpones, ...) the recommendation: its clauses are the
recommendation's points addressed to the deciding body, turned into what was decided when
adopted ("at Socialudvalget drøfter X" -> "drøftede X", outcome discussed), or kept as
written with the reference's outcome otherwise.
"""

from __future__ import annotations

import re

from indexer.decisions.clauses import (
    Proposal,
    addressed_to,
    adopted,
    is_body,
    normalise,
    proposals,
    sentences,
)
from indexer.decisions.outcomes import PARTICIPLE_PAST, PAST_TENSE, classify, either
from indexer.decisions.summary import GENERIC_BODIES, Reference, nominative
from indexer.types import AgendaItem, Clause, Outcome

_BODY_GENITIVE = (
    r"(?:udvalgs|udvalgets|råds|rådets|bestyrelsens|repræsentationens|magistratens"
    r"|forsamlingens|præsidiets)"
)
DECISION_HEADER = re.compile(
    rf"^[ \t]*(?:(?P<gen>[^\n.]{{0,120}}?{_BODY_GENITIVE})\s+beslutning"
    r"|beslutning\s+i\s+(?P<body>[^\n]{1,120}?))"
    r"(?:\s+(?:i|på)\s+møde(?:t)?)?(?:\s+(?:den|d\.)\s+(?P<date>[^\n]{4,30}?))?[ \t]*[.:]?[ \t]*$",
    re.IGNORECASE | re.MULTILINE,
)
_PARTICIPLES = "|".join(sorted(PARTICIPLE_PAST, key=len, reverse=True))
_PASSIVE_REFERENCE = re.compile(
    r"^(?:(?P<obj>indstillingen|forslaget|medlemsforslaget|sagen|punktet)\s+(?:blev\s+|er\s+)?)?"
    rf"(?P<neg>ikke\s+)?(?P<verb>{_PARTICIPLES})\b(?P<rest>.*)$",
    re.IGNORECASE | re.DOTALL,
)
_ACTIVE_REFERENCE = re.compile(
    r"^(?P<subject>.{1,160}?)\s+(?P<verb>godkendte|tiltrådte|vedtog|anbefalede|godkender|"
    r"tiltræder|anbefaler)\s+(?P<obj>indstillingen|forslaget|medlemsforslaget)\b(?P<rest>.*)$",
    re.IGNORECASE | re.DOTALL,
)
_NOT_REMARK = re.compile(
    r"\s*(?:uden afstemning|som indstillet|enstemmigt|med \d+ stemmer? mod \d+(?: stemmer?)?)\s*",
    re.IGNORECASE,
)
_LISTING_OBJECTS = frozenset({"indstillingen", "forslaget", "medlemsforslaget"})


def find_reference(sentence: str) -> tuple[Reference, str | None] | None:
    """The reference a sentence makes to the recommendation, and the body it names."""
    match = _PASSIVE_REFERENCE.match(sentence)
    past = PARTICIPLE_PAST.get(match["verb"].lower()) if match else None
    if match and past:
        verb, particle = past
        obj = (match["obj"] or "indstillingen").lower()
        remark = _remark(match["rest"])
        return Reference(verb, particle, bool(match["neg"]), obj, remark), None
    match = _ACTIVE_REFERENCE.match(sentence)
    if match and is_body(match["subject"]):
        verb = PAST_TENSE.get(match["verb"].lower(), match["verb"].lower())
        subject = match["subject"].strip()
        named = None if subject.lower() in GENERIC_BODIES else nominative(subject)
        return Reference(verb, "", False, match["obj"].lower(), _remark(match["rest"])), named
    return None


def _remark(rest: str) -> str:
    """What follows the verb, as written, less vote counts and "uden afstemning"."""
    first = sentences(rest)[0] if sentences(rest) else ""
    return normalise(_NOT_REMARK.sub(" ", first)).strip(" .,")


def reference_clauses(
    reference: Reference, sentence: str, item: AgendaItem, committee: str
) -> list[Clause]:
    """The recommendation's points as decided; fills reference.points for the summary."""
    phrase = f"{'ikke ' if reference.negated else ''}{reference.verb} {reference.particle}"
    outcome: Outcome = classify(phrase)
    points = recommendation(item, reference.obj, committee)
    if reference.obj not in _LISTING_OBJECTS or not points:
        return [Clause(normalise(sentence), outcome)]
    if outcome == "approved":
        reference.points = [adopted(point, reference.verb) for point in points]
        return [Clause(text, either(classify(text), outcome)) for text in reference.points]
    reference.points = [point.text for point in points]
    return [Clause(text, outcome) for text in reference.points]


def recommendation(item: AgendaItem, obj: str, committee: str) -> list[Proposal]:
    """The points of the recommendation (or proposal) the decision refers to."""
    wanted = ("forslag", "indstilling") if "forslag" in obj else ("indstilling", "forslag")
    for word in wanted:
        for section in item.sections:
            if word not in section.heading.lower():
                continue
            text = DECISION_HEADER.split(section.text, maxsplit=1)[0]
            found = proposals(text)
            mine = [point for point in found if addressed_to(point, committee)]
            if mine or found:
                return mine or found
    return []
