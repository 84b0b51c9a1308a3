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
    units,
)
from indexer.decisions.outcomes import (
    PARTICIPLE_PAST,
    PAST_TENSE,
    classify,
    either,
    main_outcome,
)
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
    r"^(?:(?:(?:den|det)\s+således\s+ændrede\s+)?"
    r"(?P<obj>indstillingen|indstilling|forslaget|medlemsforslaget|medlemsforslag|sagen|punktet)"
    r"\s+(?:blev\s+|er\s+)?(?:(?:herefter|derefter|dermed|hermed|således)\s+)?)?"
    rf"(?P<neg>ikke\s+)?(?P<verb>{_PARTICIPLES})\b(?P<rest>.*)$",
    re.IGNORECASE | re.DOTALL,
)
# "drøftet og godkendt": the weightier of the joined participles is the reference's verb
_JOINED_PARTICIPLE = re.compile(rf"^\s*og\s+(?P<verb>{_PARTICIPLES})\b(?P<rest>.*)$", re.I | re.S)
_ACTIVE_REFERENCE = re.compile(
    r"^(?P<subject>.{1,160}?)\s+(?P<verb>godkendte|tiltrådte|vedtog|anbefalede|godkender|"
    r"tiltræder|anbefaler)\s+(?P<obj>indstillingen|forslaget|medlemsforslaget)\b"
    r"(?!\s+(?:til|om|fra|vedr|vedrørende|for|af)\b)(?P<rest>.*)$",
    re.IGNORECASE | re.DOTALL,
)
_NOT_REMARK = re.compile(
    r"\s*(?:uden afstemning|som indstillet|enstemmigt|med \d+ stemmer? mod \d+(?: stemmer?)?)\s*",
    re.IGNORECASE,
)
_ADVERB_FIRST = re.compile(
    r"^(?:herefter|derefter|dernæst|dermed|hermed|endelig)\s+blev\s+"
    r"(?P<obj>indstillingen|forslaget|medlemsforslaget)\s+",
    re.IGNORECASE,
)
_LISTING_OBJECTS = frozenset({"indstillingen", "forslaget", "medlemsforslaget"})
_OBJECTS = {"indstilling": "indstillingen", "medlemsforslag": "medlemsforslaget"}


def find_reference(sentence: str) -> tuple[Reference, str | None] | None:
    """The reference a sentence makes to the recommendation, and the body it names."""
    sentence = _ADVERB_FIRST.sub(r"\g<obj> blev ", sentence)  # "Herefter blev indstillingen"
    match = _PASSIVE_REFERENCE.match(sentence)
    past = PARTICIPLE_PAST.get(match["verb"].lower()) if match else None
    if match and past:
        verb, particle = past
        rest = match["rest"]
        joined = _JOINED_PARTICIPLE.match(rest)
        if joined and classify(joined["verb"]) == "approved":
            verb, particle = PARTICIPLE_PAST[joined["verb"].lower()]
            rest = joined["rest"]
        obj = _OBJECTS.get((match["obj"] or "").lower(), (match["obj"] or "indstillingen").lower())
        remark = _remark(rest)
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
        return [
            Clause(text, either(main_outcome(point.text), either(classify(text), outcome)))
            for point, text in zip(points, reference.points, strict=True)
        ]
    if outcome in {"noted", "discussed", "postponed", "referred"}:
        reference.points = [adopted(point, reference.verb) for point in points]
    else:
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
    return _inline_recommendation(item, committee)


_RECOMMENDS = re.compile(r"^.{0,200}\bindstiller\b.*$", re.IGNORECASE | re.MULTILINE)


def _inline_recommendation(item: AgendaItem, committee: str) -> list[Proposal]:
    """A recommendation standing inside another section ("Resumé": "X indstiller til Y:")."""
    for section in item.sections:
        if section.heading.strip().lower() == "beslutning":
            continue
        match = _RECOMMENDS.search(section.text)
        if match is None:
            continue
        span: list[str] = []
        for unit in units(section.text[match.start() :]):
            if span and not (unit.listed or unit.text.lower().startswith("at ")):
                break
            span.append(f"• {unit.text}" if unit.listed else unit.text)
        found = proposals("\n\n".join(span))
        mine = [point for point in found if addressed_to(point, committee)]
        if mine or found:
            return mine or found
    return []


_NUMBERED = re.compile(
    r"^(?:(?:den|det)\s+således\s+ændrede\s+)?(?P<obj>indstillingens|medlemsforslagets|forslagets)"
    r"\s+(?:således\s+ændrede\s+)?(?P<nums>\d[\d.\s,\-–]*(?:\s*(?:og|samt)\s*\d+\.?)?)\s*"
    r"at-punkt(?:er)?\s+(?:blev\s+|er\s+)?(?:(?:herefter|derefter|dermed)\s+)?"
    rf"(?P<neg>ikke\s+)?(?P<verb>{_PARTICIPLES})\b",
    re.IGNORECASE,
)


def numbered(sentence: str) -> tuple[list[int], Outcome, str] | None:
    """ "Indstillingens 1. og 4. at-punkt blev godkendt" -> ([1, 4], "approved", verb)."""
    match = _NUMBERED.match(sentence.strip())
    if not match:
        return None
    numbers: list[int] = []
    for part in re.split(r"\s*(?:,|\bog\b|\bsamt\b)\s*", match["nums"]):
        bounds = [int(n) for n in re.findall(r"\d+", part)]
        if len(bounds) == 2 and re.search(r"[\-–]", part) and bounds[0] < bounds[1] <= 40:
            numbers.extend(range(bounds[0], bounds[1] + 1))
        else:
            numbers.extend(bounds)
    verb, particle = PARTICIPLE_PAST[match["verb"].lower()]
    outcome = classify(f"{'ikke ' if match['neg'] else ''}{verb} {particle}")
    return numbers, outcome, verb


def numbered_clauses(
    decided: list[str], item: AgendaItem, committee: str
) -> tuple[list[Clause], list[str]] | None:
    """Clauses in at-point order from "Indstillingens 2. og 3. at-punkt blev ...", and the
    decided sentences that are not of that form; None when no sentence is."""
    found: dict[int, tuple[Outcome, str, str]] = {}
    others: list[str] = []
    for sentence in decided:
        parsed = numbered(sentence)
        if parsed is None:
            others.append(sentence)
            continue
        numbers, outcome, verb = parsed
        for number in numbers:
            found.setdefault(number, (outcome, verb, sentence))
    if not found:
        return None
    obj = "forslaget" if "forslag" in decided[0].lower() else "indstillingen"
    points = recommendation(item, obj, committee)
    clauses: list[Clause] = []
    for number in sorted(found):
        outcome, verb, sentence = found[number]
        if number <= len(points):
            point = points[number - 1]
            text = point.text if outcome == "rejected" else adopted(point, verb)
            clauses.append(
                Clause(text, either(classify(text), outcome) if outcome == "approved" else outcome)
            )
        else:
            clauses.append(Clause(normalise(sentence), outcome))
    return clauses, others
