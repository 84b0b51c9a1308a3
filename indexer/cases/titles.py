"""Title evidence: an item's title with its routing marks removed, as a lookup key.

Copenhagen's minutes mark where a case has been: "Medlemsforslag om ... - UDVALGSHENVIST FRA
BR 25.6.26", "Skolestruktur ... - EFTER HØRING", "Ændring af ... (2. behandling)", "Køb af
hybelbolig (FORTROLIG)"; a committee's treatment of a council member's proposal is titled
"Håndtering af medlemsforslag om ...", and local committees prefix "B-sag:", "Beslutning -".
With those removed, the same case carries the same key at every body it passes through.

Standing items ("Godkendelse af dagsorden", "Meddelelser", "Eventuelt", ...) recur at every
meeting without being one case; they get no key, and neither do titles too short to tell.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from indexer.analysis.terms import fold

# a trailing routing mark in capitals after a dash: "- UDVALGSHENVIST FRA BR 25.6.26"
_CAPS_SUFFIX_RE = re.compile(r"\s+[-–]\s+[A-ZÆØÅ][A-ZÆØÅ0-9 .,/-]{3,}$")
# a trailing dash clause naming a treatment: "- 2. behandling", "- genoptaget"
_DASH_SUFFIX_RE = re.compile(
    r"\s+[-–]\s+(?:\d\.\s*behandling|genoptag\w*|genfremsat\w*|fornyet behandling|"
    r"genbehandling|opfølgning|efter høring|udsat\w*(?: fra .*)?|henvist\w*(?: fra .*)?)$",
    re.IGNORECASE,
)
# a trailing parenthesis: "(FORTROLIG)", "(2. behandling)", "(07.30-07.32)"
_PAREN_SUFFIX_RE = re.compile(
    r"\s*\((?:fortrolig|lukket|\d\.\s*behandling|[\d.:\s-]+|genoptaget|efter høring)\)$",
    re.IGNORECASE,
)
# a leading label of the local committees, or a committee's handling of a proposal
_PREFIX_RE = re.compile(
    r"^(?:[AB]-sag[:.]?\s*|(?:beslutning|orientering|drøftelse)\s*[:-]\s*|"
    r"(?:håndtering|behandling|besvarelse) af\s+(?=medlemsforslag|forslag|borgerforslag))",
    re.IGNORECASE,
)
_STANDING_RE = re.compile(
    r"^(?:godkendelse af (?:dagsorden\w*|protokol\w*|beslutningsprotokol\w*|referat\w*)|"
    r"meddelelse\w*|eventuelt|evt|orientering\w*|borgernes tid|spørgetid\w*|"
    r"beslutning på fortrolige sager|fremlæggermappe|oversigt over kommende sager|"
    r"rokering i|status fra følgegrupper|kort evaluering af mødet|om mødet|"
    r"dagsordenspunkter til kommunikation|puljemidler|puljeansøgninger|input fra|"
    r"beslutningsprotokol|valg af dirigent|godkendelse af dagsorden)\b"
)
_WORD_RE = re.compile(r"[\wæøå]+")
MIN_WORDS = 3  # fewer words do not tell one case from another
MIN_WORDS_SAME_BODY = 5  # the same body twice: a recurring title needs more to be one case


@dataclass(frozen=True, slots=True)
class TitleKey:
    key: str  # folded, routing marks removed, words joined by one space
    routed: bool  # a routing mark was removed ("UDVALGSHENVIST", "2. behandling", ...)
    words: int


def strip_routing(title: str) -> tuple[str, bool]:
    """The title without routing marks and labels, and whether a routing mark was there."""
    text = " ".join(title.split())
    routed = False
    while True:
        stripped = _PAREN_SUFFIX_RE.sub("", text)
        stripped = _DASH_SUFFIX_RE.sub("", stripped)
        if not stripped.isupper():
            stripped = _CAPS_SUFFIX_RE.sub("", stripped)
        stripped = _PREFIX_RE.sub("", stripped).strip(" -–:")
        if stripped == text or not stripped:
            return text, routed
        routed = routed or _is_routing(text, stripped)
        text = stripped


def _is_routing(before: str, after: str) -> bool:
    """A removed mark tells of a treatment elsewhere or earlier, not a label or a clock time."""
    removed = before.replace(after, " ").lower()
    return bool(
        re.search(
            r"henvis|høring|behandling|genoptag|genfremsat|udsat|opfølg|"
            r"håndtering|besvarelse|fra br|fra øu",
            removed,
        )
    )


def title_key(title: str) -> TitleKey | None:
    """The lookup key of a title, None for a standing item or a title too short to tell."""
    stripped, routed = strip_routing(title)
    words = _WORD_RE.findall(fold(stripped))
    key = " ".join(words)
    if len(words) < MIN_WORDS or _STANDING_RE.match(key):
        return None
    return TitleKey(key, routed, len(words))


def is_standing(title: str) -> bool:
    """A standing item of every meeting ("Borgernes tid", "Meddelelser"): never one case."""
    words = _WORD_RE.findall(fold(strip_routing(title)[0]))
    return bool(_STANDING_RE.match(" ".join(words)))


def links_same_body(first: TitleKey, second: TitleKey) -> bool:
    """Two items of one body with the same key are one case only with more evidence."""
    return first.routed or second.routed or min(first.words, second.words) >= MIN_WORDS_SAME_BODY
