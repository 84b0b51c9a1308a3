"""Clauses: the numbered points of a decision and the "at"-clauses of a recommendation.

Text from PDFs and scraped pages wraps lines anywhere, so text is first cut into units:
paragraphs (blank-line separated) and list items ("1.", "2)", "•", "-"), each joined onto
one line. A recommendation is a lead-in ("Forvaltningen indstiller, at Socialudvalget")
followed by list items or an inline "at"-clause; each item becomes a Proposal.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from indexer.decisions.outcomes import PAST_TENSE

# "1.", "2)", "a)", "•", "-", and the local committees' "ad 1)", "Ad. 1.", "ad.1."
_MARKER = re.compile(r"\s*(?:(?:[Aa]d\.?\s*)?\d{1,2}[.)]|[a-h]\)|[•\-–*·▪●])(?=\s|$)\s*")
_SPACE = re.compile(r"\s+")
_LEAD_WORD = re.compile(r"\b(?:indstiller|indstilles|foreslår|foreslås|anbefaler)\b|^om\b", re.I)
_TRAILING = re.compile(r"(?:[\s,;:.]|\b(?:og|samt|eller)\b)+$", re.IGNORECASE)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÆØÅ\"”„(])|(?<=\d\.)\s+(?=\d+ [a-zæøå])")
_ABBREVIATIONS = frozenset(
    [
        "bl.a",
        "jf",
        "f.eks",
        "fx",
        "mv",
        "m.fl",
        "ca",
        "evt",
        "inkl",
        "ekskl",
        "vedr",
        "hhv",
        "dvs",
        "mht",
        "iht",
        "pkt",
        "nr",
        "stk",
        "kl",
        "afd",
        "tlf",
        "adm",
        "sml",
        "mio",
        "mia",
        "jan",
        "feb",
        "aug",
        "sept",
        "okt",
        "nov",
        "dec",
    ]
)
_BODY_ENDINGS = (
    "udvalg",
    "udvalget",
    "udvalgene",
    "råd",
    "rådet",
    "bestyrelse",
    "bestyrelsen",
    "repræsentationen",
    "magistraten",
    "forsamlingen",
    "præsidiet",
    "kredsen",
    "rådene",
)
_MAX_SUBJECT_WORDS = 14


@dataclass(frozen=True, slots=True)
class Unit:
    text: str
    listed: bool  # began with a list marker


@dataclass(frozen=True, slots=True)
class Proposal:
    """One point of a recommendation, as written ("at Socialudvalget drøfter ...")."""

    text: str
    addressee: str | None = None  # the body the lead-in addresses, when it names one
    lead_verb: str | None = None  # the lead-in's own verb ("godkender,"), when it has one


def normalise(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def units(text: str) -> list[Unit]:
    """Paragraphs and list items, each on one line, in order.

    Blank lines separate paragraphs where the source kept them; where it did not, a line
    after a sentence end that opens with a capital (or with "at") starts a new one.
    """
    found: list[Unit] = []
    lines: list[str] = []
    listed = False
    for line in text.splitlines():
        marker = _MARKER.match(line)
        if marker or not line.strip() or (lines and _new_paragraph(lines[-1], line)):
            if lines and normalise(" ".join(lines)):
                found.append(Unit(normalise(" ".join(lines)), listed))
            lines, listed = [], bool(marker)
        if line.strip():
            lines.append(line[marker.end() :] if marker else line)
    if lines and normalise(" ".join(lines)):
        found.append(Unit(normalise(" ".join(lines)), listed))
    return found


def _new_paragraph(previous: str, line: str) -> bool:
    end = previous.rstrip()[-1:]
    start = line.lstrip()
    return end in {".", "!", "?", ":"} and (start[:1].isupper() or start.lower().startswith("at "))


def strip_clause(text: str) -> str:
    """A point without its list glue: "godkendte X, og" -> "godkendte X"."""
    return _TRAILING.sub("", normalise(text))


def listed_points(text: str) -> tuple[str | None, list[str]]:
    """The lead line ("Socialudvalget") and the listed points of a decision, if it lists."""
    found = units(text)
    points = [strip_clause(unit.text) for unit in found if unit.listed]
    points = [point for point in points if point]
    if len(points) < 2:
        return None, []
    first = next(index for index, unit in enumerate(found) if unit.listed)
    lead = found[first - 1].text if first > 0 else None
    return lead, points


def sentences(text: str) -> list[str]:
    """Sentences of a paragraph or more, without cutting after "bl.a." or "jf."."""
    found: list[str] = []
    for unit in units(text):
        start = 0
        for match in _SENTENCE_END.finditer(unit.text):
            last = unit.text[start : match.start()].rsplit(" ", 1)[-1].rstrip(".").lower()
            if last in _ABBREVIATIONS or len(last) == 1 and last.isalpha() and last.islower():
                continue
            found.append(unit.text[start : match.start()].strip())
            start = match.end()
        found.append(unit.text[start:].strip())
    return [sentence for sentence in found if sentence]


def proposals(text: str) -> list[Proposal]:
    """The points of a recommendation, each with the addressee and verb of its lead-in."""
    found: list[Proposal] = []
    addressee: str | None = None
    verb: str | None = None
    parts = units(text)
    for index, unit in enumerate(parts):
        if found and found[-1].text.endswith(":") and not unit.listed:
            found[-1] = replace(found[-1], text=f"{found[-1].text} {unit.text}")
        elif unit.listed or unit.text.lower().startswith("at "):
            found.append(Proposal(unit.text, addressee, verb))
        elif _LEAD_WORD.search(unit.text) or unit.text.endswith((",", ":")):
            addressee, verb, inline = _lead_in(unit.text)
            following = parts[index + 1] if index + 1 < len(parts) else None
            if inline and not (following and _is_point(following)):
                found.append(Proposal(inline, None, None))
    return [replace(item, text=strip_clause(item.text)) for item in found if item.text]


def is_body(words: str) -> bool:
    """Whether a phrase names a political body ("Socialudvalget", "Christianshavns Lokaludvalg")."""
    last = words.rstrip(" ,").rsplit(" ", 1)[-1].lower()
    return last.endswith(_BODY_ENDINGS)


def split_verb(
    text: str, verbs: frozenset[str] | dict[str, str], max_words: int = _MAX_SUBJECT_WORDS
) -> tuple[str, str, str] | None:
    """(subject, verb, rest) when `text` is a body (or nothing) followed by one of `verbs`."""
    words = text.split(" ")
    for position, word in enumerate(words[: max_words + 1]):
        verb = word.rstrip(",.:;")
        if verb.lower() in verbs:
            subject = " ".join(words[:position])
            if subject and not is_body(subject):
                return None
            return subject, verb, " ".join(words[position + 1 :])
    return None


def adopted(proposal: Proposal, fallback_verb: str) -> str:
    """A recommended point as what was decided: "at Socialudvalget drøfter X" -> "drøftede X"."""
    body = proposal.text[3:] if proposal.text.lower().startswith("at ") else proposal.text
    parts = split_verb(body, PAST_TENSE)
    infinitive = body.split(" ", 1)
    if parts is None and len(infinitive) == 2 and f"{infinitive[0].lower()}r" in PAST_TENSE:
        return f"{PAST_TENSE[infinitive[0].lower() + 'r']} {infinitive[1]}"  # "at godkende X"
    passive = _passive_point(body) if parts is None else None
    if passive is not None:
        return passive
    if parts is None:
        verb = PAST_TENSE.get((proposal.lead_verb or "").lower(), fallback_verb)
        return f"{verb}, at {body}"
    _, present, rest = parts
    past = PAST_TENSE[present.lower()]
    second = re.match(r"(og|samt) (\w+)\b", rest)
    if second and second.group(2).lower() in PAST_TENSE:
        past = f"{past} {second.group(1)} {PAST_TENSE[second.group(2).lower()]}"
        rest = rest[second.end() :].lstrip()
    return f"{past} {rest}".strip()


# the passive of a present-tense decision verb: "godkender" -> "godkendes", "tager" -> "tages"
_PASSIVE_PAST: dict[str, str] = {f"{verb[:-1]}s": past for verb, past in PAST_TENSE.items()}
_PASSIVE_END = re.compile(
    r"^(?P<object>.+?)\s+(?P<verb>\w+)(?P<particle>\s+til\s+(?:efterretning|orientering))?\.?$",
    re.DOTALL,
)


def _passive_point(body: str) -> str | None:
    """ "status på X tages til efterretning" -> "tog status på X til efterretning"."""
    match = _PASSIVE_END.match(body.strip())
    if match is None or match.group("verb").lower() not in _PASSIVE_PAST:
        return None
    past = _PASSIVE_PAST[match.group("verb").lower()]
    return f"{past} {match.group('object')}{match.group('particle') or ''}"


def addressed_to(proposal: Proposal, body: str | None) -> bool:
    """Whether a point is addressed to `body` (or to no body in particular)."""
    if not proposal.addressee or not body:
        return True
    addressee = proposal.addressee.lower()
    generic = addressee in {"udvalget", "lokaludvalget", "bestyrelsen", "rådet"}
    return generic or body.lower() in addressee


def _is_point(unit: Unit) -> bool:
    return unit.listed or unit.text.lower().startswith("at ")


def _lead_in(text: str) -> tuple[str | None, str | None, str | None]:
    """(addressee, verb, inline point) of a lead-in like "X indstiller, at udvalget godkender,"."""
    match = _LEAD_WORD.search(text)
    tail = text[match.end() :] if match else text
    tail = tail.lstrip(" ,")
    if not tail.lower().startswith("at "):
        return None, None, None
    tail = tail[3:]
    parts = split_verb(tail, PAST_TENSE, max_words=40)
    if parts is None:
        addressee = tail.strip(" ,:")
        if not addressee or is_body(addressee):
            return (addressee or None), None, None
        return None, None, f"at {tail}"
    subject, verb, rest = parts
    return subject or None, verb, f"at {tail}" if rest.strip(" ,:.") else None
