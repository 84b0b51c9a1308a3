"""The verbs of Danish decisions: a clause's outcome, the weightiest of several, past tense.

A decision verb is recognised in every form minutes use (present "godkender", past
"godkendte", participle "godkendt", infinitive "godkende", passive "godkendes"), with
negation ("blev ikke godkendt" is a rejection). Only the main clause counts: in
"tog til efterretning, at forvaltningen udsætter ..." the outcome is noted, not postponed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from indexer.types import OUTCOMES, Outcome

# stem + endings; each alternative is matched as a whole word
_LEXICON: tuple[tuple[str, Outcome], ...] = (
    (r"godkend(?:e|er|es|te|tes|t)", "approved"),
    (r"principgodkend(?:e|er|es|te|tes|t)", "approved"),
    (r"vedt(?:age|ager|ages|og|oges|aget)", "approved"),
    (r"tiltr(?:æde|æder|ædes|ådte|ådtes|ådt)", "approved"),
    (r"anbefal(?:e|er|es|ede|edes|et)", "approved"),
    (r"bemyndig(?:e|er|es|ede|edes|et)", "approved"),
    (r"bevilg(?:e|er|es|ede|edes|et)", "approved"),
    (r"beslut(?:te|ter|tes|tede|tedes|tet)", "approved"),
    (r"blev\s+besluttet", "approved"),
    (r"(?:gav|giver|give|gives)\s+(?:\S+\s+){0,3}mandat", "approved"),
    (r"v(?:ælge|ælger|ælges|algte|algtes)(?=\s+(?:følgende|at|\S+\s+til|som)\b)", "approved"),
    (r"blev\s+valgt", "approved"),
    (r"udpeg(?:e|er|es|ede|edes|et)", "approved"),
    (r"nedsatte|nedsætter", "approved"),
    (r"meldte\s+sig\s+til", "approved"),
    (r"blev\s+dirigent", "approved"),
    (r"forkast(?:e|er|es|ede|edes|et)", "rejected"),
    (r"afvis(?:e|er|es|te|tes|t)", "rejected"),
    (r"afsl(?:å|år|ås|og|oges|ået)", "rejected"),
    (r"nedstem(?:me|mer|mes|te|tes|t)", "rejected"),
    (r"til efterretning", "noted"),
    (r"fik\s+(?:\S+\s+){0,2}orientering", "noted"),
    (r"(?:gav|giver)\s+(?:en\s+)?status", "noted"),
    (
        r"ønskede\s+at\s+(?:forvaltningen|administrationen|sekretariatet)\s+vender\s+tilbage",
        "postponed",
    ),
    (r"udgik|udgår", "postponed"),
    (r"besvar(?:e|er|es|ede|edes|et)", "other"),
    (r"til orientering", "noted"),
    (r"orienter(?:e|er|es|ede|edes|et)", "noted"),
    (r"noter(?:e|er|es|ede|edes|et)", "noted"),
    (r"uds(?:ætte|ætter|ættes|atte|attes|at)", "postponed"),
    (r"udsky(?:de|der|des|dt)|udskød|udskudt", "postponed"),
    (r"oversend(?:e|er|es|te|tes|t)", "referred"),
    (r"sen(?:de|der|des|dte|dtes)\s+(?:\w+\s+){0,2}tilbage\s+til", "referred"),
    (r"henvis(?:e|er|es|te|tes|t)", "referred"),
    (r"videresend(?:e|er|es|te|tes|t)", "referred"),
    (r"drøft(?:e|er|es|ede|edes|et)", "discussed"),
)
_PATTERNS: tuple[tuple[re.Pattern[str], Outcome], ...] = tuple(
    (re.compile(rf"(?<!\w)(?:{stem})(?!\w)", re.IGNORECASE), outcome) for stem, outcome in _LEXICON
)
# "udsatte borgere" and "særligt udsatte" are the adjective, not the verb "udsætte"
_ADJECTIVE_AFTER = re.compile(
    r"\s+(?:borgere|børn|unge|familier|grupper|boligområder|områder|personer|mennesker|"
    r"kvinder|mænd|hjemløse|målgrupper|voksne|ældre|beboere|elever|positioner?|medlemmer|"
    r"repræsentanter|kandidater)\b",
    re.IGNORECASE,
)
# "besluttede [Borgerrepræsentationen uden afstemning] at ..."
_THEN_VERB = re.compile(r"(?:\s+[\w-]+){0,5}?\s+at\s+", re.IGNORECASE)
_ADJECTIVE_BEFORE = re.compile(r"\b(?:særligt|socialt|mest|de|udsatte og)\s+$", re.IGNORECASE)
_NEGATION = re.compile(r"\b(?:ikke|ej|aldrig)\b", re.IGNORECASE)
# where a main clause hands over to a subordinate one
_SUBORDINATE = re.compile(
    r",\s*(?:at|idet|således at|så|såfremt|hvis|når|da|fordi|hvorefter|dog|medmindre|hvor)\s"
    r"|\s(?:med|under)\s(?:den\s|de\s|følgende\s)?bemærkning"
    r"|\smed\s(?:den\s)?tilføjelse",
    re.IGNORECASE,
)
_WEIGHT: dict[Outcome, int] = {outcome: rank for rank, outcome in enumerate(OUTCOMES)}
_FLIP: dict[Outcome, Outcome] = {"approved": "rejected"}

# present (and infinitive) -> past, for recommendations turned into what was decided
PAST_TENSE: dict[str, str] = {
    "godkender": "godkendte",
    "principgodkender": "principgodkendte",
    "tager": "tog",
    "drøfter": "drøftede",
    "oversender": "oversendte",
    "anbefaler": "anbefalede",
    "bemyndiger": "bemyndigede",
    "vedtager": "vedtog",
    "tiltræder": "tiltrådte",
    "beslutter": "besluttede",
    "afviser": "afviste",
    "forkaster": "forkastede",
    "udsætter": "udsatte",
    "henviser": "henviste",
    "sender": "sendte",
    "videresender": "videresendte",
    "pålægger": "pålagde",
    "opfordrer": "opfordrede",
    "noterer": "noterede",
    "giver": "gav",
    "afsætter": "afsatte",
    "bevilger": "bevilgede",
    "igangsætter": "igangsatte",
    "udpeger": "udpegede",
    "støtter": "støttede",
    "fastsætter": "fastsatte",
    "vælger": "valgte",
    "nedsætter": "nedsatte",
    "frigiver": "frigav",
    "afgiver": "afgav",
    "udtaler": "udtalte",
    "tilkendegiver": "tilkendegav",
    "ophæver": "ophævede",
    "prioriterer": "prioriterede",
    "beder": "bad",
    "anmoder": "anmodede",
    "meddeler": "meddelte",
    "træffer": "traf",
    "afslår": "afslog",
    "accepterer": "accepterede",
    "imødekommer": "imødekom",
    "fremsender": "fremsendte",
    "orienterer": "orienterede",
    "indstiller": "indstillede",
    "overdrager": "overdrog",
    "iværksætter": "iværksatte",
    "godtager": "godtog",
}
# participle of a decision by reference ("Indstillingen blev godkendt") -> past, particle
PARTICIPLE_PAST: dict[str, tuple[str, str]] = {
    "godkendt": ("godkendte", ""),
    "vedtaget": ("vedtog", ""),
    "tiltrådt": ("tiltrådte", ""),
    "anbefalet": ("anbefalede", ""),
    "forkastet": ("forkastede", ""),
    "afvist": ("afviste", ""),
    "nedstemt": ("nedstemte", ""),
    "udsat": ("udsatte", ""),
    "oversendt": ("oversendte", ""),
    "henvist": ("henviste", ""),
    "drøftet": ("drøftede", ""),
    "taget til efterretning": ("tog", "til efterretning"),
    "noteret": ("noterede", ""),
    "principgodkendt": ("principgodkendte", ""),
}
PAST_FORMS: frozenset[str] = frozenset(PAST_TENSE.values()) | frozenset(
    past for past, _ in PARTICIPLE_PAST.values()
)


def weightiest(outcomes: Iterable[Outcome]) -> Outcome:
    """The weightiest outcome (approved > rejected > ... > other); "other" when none."""
    return min(outcomes, key=_WEIGHT.__getitem__, default="other")


def either(outcome: Outcome, fallback: Outcome) -> Outcome:
    """`outcome`, or `fallback` where no verb said anything ("other")."""
    return fallback if outcome == "other" else outcome


def main_clause(text: str) -> str:
    """The text before the first subordinate clause or added remark."""
    match = _SUBORDINATE.search(text)
    return text[: match.start()] if match else text


def verb_outcomes(text: str) -> list[Outcome]:
    """The outcome of every decision verb in `text`, in order, negation applied.

    "besluttede at oversende" is a referral: a verb right after "besluttede at" decides."""
    found: list[tuple[int, Outcome]] = []
    for pattern, outcome in _PATTERNS:
        for match in pattern.finditer(text):
            if _is_adjective(text, match) or _governs(text, match):
                continue
            found.append((match.start(), _negated(text, match, outcome)))
    return [outcome for _, outcome in sorted(found, key=lambda pair: pair[0])]


def classify(text: str) -> Outcome:
    """The outcome of one clause: from its main clause's verbs, else from any verb."""
    return weightiest(verb_outcomes(main_clause(text)) or verb_outcomes(text))


def main_outcome(text: str) -> Outcome:
    """The outcome its main clause's verbs give, "other" when they give none."""
    return weightiest(verb_outcomes(main_clause(text)))


def has_decision_verb(text: str) -> bool:
    return any(pattern.search(text) for pattern, _ in _PATTERNS)


def _governs(text: str, match: re.Match[str]) -> bool:
    """Whether `match` is "besluttede at" followed by another decision verb."""
    if not match.group(0).lower().startswith("beslut"):
        return False
    following = _THEN_VERB.match(text, match.end())
    if following is None:
        return False
    return any(pattern.match(text, following.end()) for pattern, _ in _PATTERNS)


def _is_adjective(text: str, match: re.Match[str]) -> bool:
    return bool(
        _ADJECTIVE_AFTER.match(text, match.end())
        or _ADJECTIVE_BEFORE.search(text[max(0, match.start() - 20) : match.start()])
    )


def _negated(text: str, match: re.Match[str], outcome: Outcome) -> Outcome:
    """Negation negates the verb: "blev ikke godkendt", "kunne ikke godkende", "godkendte ikke"."""
    before = text[max(0, match.start() - 25) : match.start()].split()[-3:]
    after = text[match.end() : match.end() + 8].split()[:1]
    if any(_NEGATION.fullmatch(word) for word in before + after):
        return _FLIP.get(outcome, "other")
    return outcome
