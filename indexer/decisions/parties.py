"""Danish parties: the list letters (bogstaver) and the names minutes write them by.

Kept as data in one place: votes list letters ("For stemte: Ø, A, F"), amendments and
protocol remarks name parties in full ("Det Konservative Folkeparti", "SF"), summaries
want a name in the genitive ("SF's ændringsforslag"). Letters are the national
list letters (Indenrigs- og Sundhedsministeriets register); a letter not listed here
(a local list) resolves to no name and is kept as written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Party:
    letter: str
    name: str  # the name as the party writes it
    short: str  # how a sentence names it ("De Konservative")
    aliases: tuple[str, ...] = ()  # other names minutes use


PARTIES: tuple[Party, ...] = (
    Party("A", "Socialdemokratiet", "Socialdemokratiet", ("Socialdemokraterne",)),
    Party("B", "Radikale Venstre", "Radikale Venstre", ("Det Radikale Venstre", "De Radikale")),
    Party(
        "C",
        "Det Konservative Folkeparti",
        "De Konservative",
        ("Konservative Folkeparti", "De Konservative", "Konservative"),
    ),
    Party("D", "Nye Borgerlige", "Nye Borgerlige"),
    Party("E", "Klaus Riskær Pedersen", "Klaus Riskær Pedersen"),
    Party("F", "SF", "SF", ("Socialistisk Folkeparti", "SF - Socialistisk Folkeparti")),
    Party("I", "Liberal Alliance", "Liberal Alliance", ("LA",)),
    Party("K", "Kristendemokraterne", "Kristendemokraterne"),
    Party("M", "Moderaterne", "Moderaterne"),
    Party("O", "Dansk Folkeparti", "Dansk Folkeparti", ("DF",)),
    Party("P", "Stram Kurs", "Stram Kurs"),
    Party("Q", "Frie Grønne", "Frie Grønne", ("Frie Grønne, Danmarks Nye Venstrefløjsparti",)),
    Party("V", "Venstre", "Venstre", ("Venstre, Danmarks Liberale Parti",)),
    Party(
        "Æ",
        "Danmarksdemokraterne",
        "Danmarksdemokraterne",
        ("Danmarksdemokraterne - Inger Støjberg",),
    ),
    Party("Ø", "Enhedslisten", "Enhedslisten", ("Enhedslisten - De Rød-Grønne",)),
    Party("Å", "Alternativet", "Alternativet"),
)
BY_LETTER: dict[str, Party] = {party.letter: party for party in PARTIES}
_BY_NAME: dict[str, Party] = {
    alias.casefold(): party
    for party in PARTIES
    for alias in (party.name, *party.aliases)
    if alias != "LA" and alias != "DF"
}
_ABBREVIATIONS: dict[str, Party] = {"LA": BY_LETTER["I"], "DF": BY_LETTER["O"]}
# longest names first, so "Det Radikale Venstre" wins over "Venstre"
_NAMES = sorted((*_BY_NAME, *(a.casefold() for a in _ABBREVIATIONS)), key=len, reverse=True)
_NAME_PATTERN = re.compile(
    r"(?<![\w-])(?:" + "|".join(re.escape(name) for name in _NAMES) + r")(?![\w-])",
    re.IGNORECASE,
)
# every word of a party name, for checks that a summary uses only the item's words
PARTY_WORDS: frozenset[str] = frozenset(
    word.casefold()
    for party in PARTIES
    for name in (party.name, party.short)
    for word in re.findall(r"\w+", name)
)
_SPLIT_MEMBERS = re.compile(r"^(?P<letter>[A-ZÆØÅ])\s*\((?P<members>[^)]*)\)$")


def by_name(name: str) -> Party | None:
    """The party a written name denotes ("Det Konservative Folkeparti", "SF"), if any."""
    cleaned = " ".join(name.split()).strip(" .,;:")
    if cleaned in _ABBREVIATIONS:
        return _ABBREVIATIONS[cleaned]
    return _BY_NAME.get(cleaned.casefold())


def letter_of(entry: str) -> str | None:
    """The list letter of a vote entry: "C" -> "C", "Ø (Charlotte Lund)" -> "Ø",
    "Venstre" -> "V"; None for a person's name or an unknown list."""
    cleaned = " ".join(entry.split()).strip(" .,;:")
    split = _SPLIT_MEMBERS.match(cleaned)
    if split:
        cleaned = split["letter"]
    if len(cleaned) == 1 and cleaned.isupper():
        return cleaned
    party = by_name(cleaned)
    return party.letter if party else None


def name_of(letter: str) -> str | None:
    party = BY_LETTER.get(letter.upper())
    return party.name if party else None


def parties_in(text: str) -> list[Party]:
    """The parties a phrase names, in order, each once ("Venstre, LA og DF")."""
    found: list[Party] = []
    for match in _NAME_PATTERN.finditer(text):
        word = match.group(0)
        party = (_ABBREVIATIONS.get(word) if word.isupper() else None) or by_name(word)
        if party is not None and party not in found:
            found.append(party)
    return found


def is_party_phrase(text: str) -> bool:
    """Whether a phrase is nothing but party names joined by commas and "og"."""
    rest = _NAME_PATTERN.sub("", text)
    return bool(parties_in(text)) and not re.sub(r"[\s,]|\bog\b|\bsamt\b", "", rest)


def genitive_name(party: Party) -> str:
    """ "SF's", "Radikale Venstres", "De Konservatives"."""
    short = party.short
    if short.isupper():
        return f"{short}'s"
    return short if short.endswith("s") else f"{short}s"
