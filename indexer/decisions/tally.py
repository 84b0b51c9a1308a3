"""What a summary adds about amendments and the final vote, in Danish as a person writes it.

"Børne- og Ungdomsudvalget godkendte den 10. juni 2026 medlemsforslaget om gratis
skolemad med SF's og Radikale Venstres ændringsforslag, 8 stemmer mod 3 (C og V imod);
De Konservatives ændringsforslag blev forkastet."

Built only from the item's own words (the tally as written, "40 stemmer mod 15", "38 mod
16"; party letters as the lists give them; proposers as named), party names, and the fixed
words in WORDS.
"""

from __future__ import annotations

from indexer.decisions.parties import genitive_name, is_party_phrase, parties_in
from indexer.decisions.records import Parts
from indexer.types import Amendment, Outcome, Votes

WORDS: frozenset[str] = frozenset(
    [
        "med",
        "og",
        "mod",
        "imod",
        "for",
        "stemmer",
        "ændringsforslag",
        "forslag",
        "om",
        "udvalgshenvisning",
        "blev",
        "forkastet",
        "vedtaget",
        "et",
        "s",
    ]
)
_MAX_LISTED = 6  # list the minority's parties when there are this few
_ARTICLES = frozenset({"Et", "En", "Det", "Den", "Udvalget", "Lokaludvalget"})
_LEAD_CHARS = 140  # a colon this early ends the head of a decision by reference


def narrate(summary: str, parts: Parts, outcome: Outcome) -> str:
    """`summary` with the adopted amendments, the final tally and the rejected amendments."""
    text = summary.rstrip().rstrip(" .:;,")
    adopted = [a for a in parts.amendments if a.outcome == "approved" and not _referral(a)]
    rejected = [a for a in parts.amendments if a.outcome == "rejected"]
    if adopted:
        phrase = f" med {_owners(adopted)} ændringsforslag"
        colon = text.find(": ")
        if 0 < colon < _LEAD_CHARS:  # "godkendte den D medlemsforslaget med X's ...: p1, p2"
            text = f"{text[:colon]}{phrase}{text[colon:]}"
        else:
            text += phrase
    final = [(ballot, line) for ballot, decided, line in parts.ballots if not decided]
    if final:
        ballot, _ = final[-1]
        text += _tally(ballot.votes(), ballot.phrase, outcome)
    clauses = [f"{_owners([a])} {_kind(a)} blev forkastet" for a in rejected]
    if clauses:
        text += "; " + "; ".join(clauses)
    return f"{text}."


def _tally(votes: Votes, phrase: str, outcome: Outcome) -> str:
    """ ", 40 stemmer mod 15 (C, V, I og O imod)"; "" when no count was stated."""
    counts = votes.counts
    if counts is None:
        return ""
    if not phrase:
        high, low = sorted((counts["for"], counts["against"]), reverse=True)
        phrase = f"{high} stemmer mod {low}"
    minority, way = (votes.for_, "for") if outcome == "rejected" else (votes.against, "imod")
    named = [entry for entry in minority if "(" not in entry]
    if named and len(named) == len(minority) and len(named) <= _MAX_LISTED:
        return f", {phrase} ({_join(named)} {way})"
    return f", {phrase}"


def _owners(found: list[Amendment]) -> str:
    """ "SF's og Radikale Venstres", "Det Konservative Folkepartis", "et" (no proposer)."""
    names: list[str] = []
    for amendment in found:
        who = amendment.proposed_by.strip()
        if who and is_party_phrase(who):
            names.extend(genitive_name(party) for party in parties_in(who))
        elif who:
            first, _, rest = who.partition(" ")
            who = f"{first.lower()} {rest}".strip() if first in _ARTICLES else who
            names.append(who if who.endswith("s") else f"{who}s")
    unique = list(dict.fromkeys(names))
    return _join(unique) if unique else "et"


def _kind(amendment: Amendment) -> str:
    return "forslag om udvalgshenvisning" if _referral(amendment) else "ændringsforslag"


def _referral(amendment: Amendment) -> bool:
    return amendment.text.startswith("udvalgshenvisning")


def _join(parts: list[str]) -> str:
    if len(parts) <= 1:
        return "".join(parts)
    return f"{', '.join(parts[:-1])} og {parts[-1]}"
