"""Faithful summaries of decisions, composed (never generated) from the item's own words.

A summary says who decided what, and when, in one or two Danish sentences. It is built only
from the decision's clauses, the recommendation's points, the committee name and the
meeting date, joined with a closed set of function words and past-tense verb forms
(FUNCTION_WORDS). Long clauses are shortened by cutting, never rewritten. An abstractive
summariser could sit behind configuration later; none is built.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from indexer.decisions.clauses import normalise, sentences, split_verb
from indexer.decisions.outcomes import PAST_FORMS, PAST_TENSE
from indexer.decisions.parties import PARTY_WORDS
from indexer.decisions.tally import WORDS as TALLY_WORDS
from indexer.entities.dates import MONTH_NAMES
from indexer.types import Clause

MONTHS = MONTH_NAMES
GENERIC_BODIES = frozenset({"udvalget", "lokaludvalget", "bestyrelsen", "rådet"})
_LOWER_FIRST = frozenset(
    [
        "det",
        "den",
        "de",
        "der",
        "sagen",
        "forslaget",
        "indstillingen",
        "medlemsforslaget",
        "medlemsforslagets",
        "ændringsforslaget",
        "ændringsforslagene",
        "punktet",
        "dagsordenen",
        "protokollen",
        "forespørgslen",
    ]
)
FUNCTION_WORDS: frozenset[str] = (
    PAST_FORMS
    | frozenset(MONTHS)
    | frozenset(
        [
            "den",
            "ikke",
            "indstillingen",
            "forslaget",
            "og",
            "til",
            "efterretning",
            "at",
            "udvalget",
            "beslutning",
            "med",
            "bemærkning",
            "om",
            "…",
        ]
    )
    | TALLY_WORDS
    | PARTY_WORDS
)
_PAST_VERBS: frozenset[str] = PAST_FORMS | frozenset(PAST_TENSE.values())
_FINITE_VERBS: frozenset[str] = _PAST_VERBS | frozenset(PAST_TENSE)
_NUMERIC_DATE = re.compile(r"\b(\d{1,2})([.\-/])(\d{1,2})\2(\d{4})\b")
_WORD_DATE = re.compile(rf"\b(\d{{1,2}})\.? ({'|'.join(MONTHS)}) (\d{{4}})\b", re.IGNORECASE)
_CLAUSE_WORDS = 40
_REMARK_WORDS = 45


@dataclass(slots=True)
class Reference:
    """A decision by reference: "Indstillingen blev godkendt med bemærkning om, at ..."."""

    verb: str  # past active form, "godkendte"
    particle: str = ""  # "til efterretning" for "tog ... til efterretning"
    negated: bool = False
    obj: str = "indstillingen"
    remark: str = ""  # "med bemærkning om, at ...", kept as written
    points: list[str] = field(default_factory=list)  # the adopted points, as decided
    extra: list[str] = field(default_factory=list)  # later decided sentences, as written


def danish_date(iso: str | None) -> str | None:
    """Danish date: "2010-05-05" -> "5. maj 2010", "2010-05" -> "maj 2010"; None if no date."""
    parts = (iso or "").split("-")
    try:
        if len(parts) == 3:
            day = date(int(parts[0]), int(parts[1]), int(parts[2]))
            return f"{day.day}. {MONTHS[day.month - 1]} {day.year}"
        if len(parts) == 2 and 1 <= int(parts[1]) <= 12:
            return f"{MONTHS[int(parts[1]) - 1]} {int(parts[0])}"
    except ValueError:
        return None
    return None


def parse_date(text: str) -> str | None:
    """The first Danish date in `text` ("05.05.2010", "11. august 2026") as ISO, or None."""
    match = _NUMERIC_DATE.search(text)
    if match:
        day, month, year = int(match[1]), int(match[3]), int(match[4])
    else:
        match = _WORD_DATE.search(text)
        if not match:
            return None
        month_name = match[2].lower()
        if month_name not in MONTHS:
            return None
        day, month, year = int(match[1]), MONTHS.index(month_name) + 1, int(match[3])
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def nominative(name: str) -> str:
    """A body named in the nominative: "Socialudvalgets" -> "Socialudvalget"."""
    name = normalise(name)
    if name.endswith(("ets", "ens", "gs", "ds")):
        name = name[:-1]
    return name[:1].upper() + name[1:]


def genitive(name: str) -> str:
    return name if name.endswith("s") else f"{name}s"


def summarise(
    committee: str,
    iso_date: str | None,
    clauses: list[Clause],
    reference: Reference | None,
    title: str | None = None,
) -> str:
    """One or two sentences: who decided what, and when (and on what, when only the item's
    title says it: "godkendte den D indstillingen om ”Midtvejsstatus på erhvervsstrategien”")."""
    when = danish_date(iso_date)
    about = f" om ”{normalise(title)}”" if title and title.strip() else ""
    if reference is not None:
        return _by_reference(committee, when, reference, about)
    predicates: list[str] = []
    for clause in clauses:
        parts = split_verb(normalise(clause.text).rstrip(". "), _FINITE_VERBS)
        if parts is None:
            return _as_record(committee, when, clauses, about)
        subject, verb, rest = parts
        if subject and subject.lower() not in GENERIC_BODIES:
            committee = nominative(subject)
        predicates.append(_shorten(f"{verb} {rest}".strip(), _CLAUSE_WORDS))
    if not predicates:
        return _as_record(committee, when, clauses, about)
    return f"{committee} {_join(_dated(predicates, when))}."


def _by_reference(committee: str, when: str | None, reference: Reference, about: str = "") -> str:
    """ "X godkendte den D indstillingen: p1, p2 og p3, med bemærkning om ..." or, when every
    point has the reference's own verb, "X godkendte den D q1 og q2"."""
    head = f"{committee} {reference.verb}" + (f" den {when}" if when else "")
    head += " ikke" if reference.negated else ""
    points = [_shorten(point, _CLAUSE_WORDS) for point in reference.points]
    objects = _objects(points, reference.verb)
    particle = reference.particle
    if (
        objects
        and particle
        and all(o.endswith(particle) for o in objects)
        and not reference.negated
    ):
        return f"{head} {_join(objects)}."  # "tog den D orienteringen om X til efterretning"
    if objects and not reference.particle and not reference.negated:
        text = f"{head}{',' if objects[0].startswith('at ') else ''} {_join(objects)}"
    else:
        head += f" {reference.obj}" + ("" if points else about)
        head += f" {reference.particle}" if reference.particle else ""
        text = f"{head}: {_join(points)}" if points else head
    if reference.remark:
        text += f", {_shorten(reference.remark.lstrip(', '), _REMARK_WORDS)}"
    extra = " ".join(_shorten(normalise(sentence), _CLAUSE_WORDS) for sentence in reference.extra)
    return f"{text.rstrip(' .,')}." + (f" {extra}" if extra else "")


def _objects(points: list[str], verb: str) -> list[str]:
    """The points without their verb, when all have `verb` ("godkendte X" -> "X"); else []."""
    objects: list[str] = []
    for point in points:
        for prefix in (f"{verb}, ", f"{verb} "):
            if point.startswith(prefix):
                objects.append(point[len(prefix) :])
                break
        else:
            return []
    return objects


def _as_record(committee: str, when: str | None, clauses: list[Clause], about: str = "") -> str:
    """Clauses that are not the committee's own sentences: "Xs beslutning den D om T: ..."."""
    head = f"{genitive(committee)} beslutning" + (f" den {when}" if when else "") + about
    texts = [_lower_first(_shorten(normalise(c.text).rstrip(". "), _CLAUSE_WORDS)) for c in clauses]
    return f"{head}: {_join(texts)}." if texts else f"{head}."


def _dated(predicates: list[str], when: str | None) -> list[str]:
    """Put "den 3. februar 2020" after the first verb (group) of the first predicate."""
    if not when:
        return predicates
    words = predicates[0].split(" ")
    cut = 3 if len(words) > 2 and words[1] in {"og", "samt"} and words[2] in _PAST_VERBS else 1
    first = " ".join([*words[:cut], "den", when, *words[cut:]])
    return [first, *predicates[1:]]


def _join(parts: list[str]) -> str:
    parts = [part.rstrip(" .,;") for part in parts if part.strip(" .,;")]
    if len(parts) <= 1:
        return "".join(parts)
    glue = ", og " if "," in parts[-2] else " og "
    return ", ".join(parts[:-1]) + glue + parts[-1]


def _shorten(text: str, limit: int) -> str:
    """Cut a long text after whole sentences, or at a comma, within `limit` words."""
    if len(text.split()) <= limit:
        return text
    kept: list[str] = []
    for sentence in sentences(text):
        if len(" ".join([*kept, sentence]).split()) > limit:
            break
        kept.append(sentence)
    if kept:
        return " ".join(kept)
    head = " ".join(text.split()[:limit])
    cut = head.rfind(", ")
    return f"{head[:cut] if cut > len(head) // 3 else head} …"


def _lower_first(text: str) -> str:
    first = text.split(" ", 1)[0]
    return text[:1].lower() + text[1:] if first.lower() in _LOWER_FIRST else text
