"""Title keys: routing marks removed, standing items none; properties over generated titles."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from indexer.cases.titles import is_standing, strip_routing, title_key

REAL = [  # titles of ../shared/dev and the forms the issue names
    (
        "Medlemsforslag om selvkørende biler - UDVALGSHENVIST FRA BR 25.6.26",
        "medlemsforslag om selvkørende biler",
        True,
    ),
    (
        "Håndtering af medlemsforslag om selvkørende biler",
        "medlemsforslag om selvkørende biler",
        True,
    ),
    (
        "Skolestruktur for Skolen i Jernbanebyen og Bavnehøj Skole - EFTER HØRING",
        "skolestruktur for skolen i jernbanebyen og bavnehøj skole",
        True,
    ),
    (
        "Ændring af Økonomiudvalgets forretningsorden - frivillig benævnelse af forperson"
        " (2. behandling)",
        "ændring af økonomiudvalgets forretningsorden frivillig benævnelse af forperson",
        True,
    ),
    ("Køb af hybelbolig (FORTROLIG)", "køb af hybelbolig", False),
    ("INTERN REVISION OPGAVER (07.37-08.07)", "intern revision opgaver", False),
    ("B-sag: Status på Spirekassen", "status på spirekassen", False),
    ("Mindre busoptimeringstiltag - anden runde", "mindre busoptimeringstiltag anden runde", False),
]
STANDING = [
    "Godkendelse af dagsorden",
    "GODKENDELSE AF DAGSORDEN (07.30-07.32)",
    "Meddelelser fra overborgmesteren",
    "Borgernes Tid",
    "Eventuelt",
    "Beslutning på fortrolige sager",
]


@pytest.mark.parametrize(("title", "key", "routed"), REAL)
def test_real_titles(title: str, key: str, routed: bool) -> None:
    found = title_key(title)
    assert found is not None
    assert (found.key, found.routed) == (key, routed)


@pytest.mark.parametrize("title", STANDING)
def test_standing_items_have_no_key(title: str) -> None:
    assert title_key(title) is None
    assert is_standing(title)


WORDS = st.lists(st.from_regex(r"[a-zæøå]{3,10}", fullmatch=True), min_size=3, max_size=8)
SUFFIXES = [
    " - UDVALGSHENVIST FRA BR 25.6.26",
    " - EFTER HØRING",
    " (2. behandling)",
    " - genoptaget",
]


@given(WORDS, st.sampled_from(SUFFIXES))
def test_a_routing_suffix_does_not_change_the_key(words: list[str], suffix: str) -> None:
    title = "Forslag om " + " ".join(words)
    plain, routed = title_key(title), title_key(title + suffix)
    assert plain is not None and routed is not None
    assert routed.key == plain.key
    assert routed.routed


@given(st.text(max_size=120))
def test_stripping_is_a_fixpoint_and_never_fails(title: str) -> None:
    once = strip_routing(title)[0]
    assert strip_routing(once)[0] == once
    title_key(title)
