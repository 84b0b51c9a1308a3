"""Clauses: list points of decisions, "at"-clauses of recommendations, past tense."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from indexer.decisions.clauses import (
    Proposal,
    addressed_to,
    adopted,
    listed_points,
    proposals,
    sentences,
    units,
)

# the real recommendation texts, as the structure parser gives them (blank lines dropped)
KBH_2010 = (
    "Fejl! Ukendt betegnelse for dokumentegenskab. indstiller,\n"
    "1. at Socialudvalget drøfter den fremtidige strategiske retning for integrationsindsatsen "
    "på det sociale område,\n"
    "2. at Socialudvalget godkender og oversender vedlagte svar på Beskæftigelses- og "
    "Integrationsudvalgets høringsbrev vedrørende policyoplæg til den nye integrationspolitik, "
    "herunder udkast til handleplan for integration på det sociale område for perioden "
    "2011-2014, og\n"
    "3. at Socialudvalget tager til efterretning, at Socialforvaltningen kun iværksætter de "
    "ufinansierede aktiviteter i handleplanen, såfremt der afsættes midler hertil i "
    "budgetforhandlingerne."
)
FRB_PUNKT_10 = (
    "Social-, Sundheds- og Arbejdsmarkedsområdet indstiller, at arbejdsmarkeds- og "
    "uddannelsesudvalget,\n"
    "1. godkender indsats 3 i udkast til Integrationspolitikens handleplan 2020.\n"
    "Social-, Sundheds- og Arbejdsmarkedsområdet indstiller, at socialudvalget\n"
    "2. godkender fordelingen af integrationspuljen 2020, som det fremgår af bilag 3, og\n"
    "3. godkender den endelige handleplan 2020."
)
KK_KLIMA = (
    "Klima-,\nMiljø- og Teknikforvaltningen indstiller, at Klima-, Miljø- og Teknikudvalget\n"
    "godkender,\n\n• at\nkommunen stiller garanti for realkreditlån til finansiering af "
    "renovering\naf familieboliger i den almene boligorganisation fsb, afd. 1-43 Tingbjerg\nI."
)
KK_INDRE_BY = (
    "om,\n\n• at Indre By Lokaludvalg godkender følgende ændring i lokaludvalgets "
    "retningslinjer for støtte:\n\nAt punktet “involvere en vis selvfinansiering” udgår og "
    "erstattes af:\n\n“involvere en vis medfinansiering fra ansøgers side”."
)


def test_kobenhavn_points_become_past_tense() -> None:
    points = proposals(KBH_2010)
    assert [adopted(point, "godkendte")[:40] for point in points] == [
        "drøftede den fremtidige strategiske retn",
        "godkendte og oversendte vedlagte svar på",
        "tog til efterretning, at Socialforvaltni",
    ]


def test_points_carry_the_addressee_of_their_lead_in() -> None:
    points = proposals(FRB_PUNKT_10)
    assert [point.addressee for point in points] == [
        "arbejdsmarkeds- og uddannelsesudvalget",
        "socialudvalget",
        "socialudvalget",
    ]
    mine = [point for point in points if addressed_to(point, "Socialudvalget")]
    assert [point.text for point in mine] == [
        "godkender fordelingen af integrationspuljen 2020, som det fremgår af bilag 3",
        "godkender den endelige handleplan 2020",
    ]


def test_lead_in_verb_applies_to_bullets_without_their_own() -> None:
    (point,) = proposals(KK_KLIMA)
    assert point.lead_verb == "godkender"
    assert adopted(point, "vedtog").startswith("godkendte, at kommunen stiller garanti")


@pytest.mark.parametrize(
    ("point", "decided"),
    [
        (  # Økonomiudvalget 16 June 2026: the object first, the passive verb last
            "at status på tryghed og kriminalitet i de tre tryghedspartnerskaber tages til "
            "efterretning.",
            "tog status på tryghed og kriminalitet i de tre tryghedspartnerskaber til efterretning",
        ),
        ("at den reviderede tidsplan godkendes", "godkendte den reviderede tidsplan"),
        ("at sagen oversendes", "oversendte sagen"),
    ],
)
def test_a_passive_point_reads_as_decided(point: str, decided: str) -> None:
    assert adopted(Proposal(point), "godkendte") == decided


def test_point_ending_in_colon_keeps_what_follows() -> None:
    (point,) = proposals(KK_INDRE_BY)
    assert "selvfinansiering" in point.text and "medfinansiering" in point.text


def test_inline_recommendation() -> None:
    text = (
        "Social-, Sundheds- og Arbejdsmarkedsområdet indstiller, at udvalget tager opdateret "
        "program for socialudvalgets studietur den 22.- 23. april 2020 til efterretning."
    )
    (point,) = proposals(text)
    assert adopted(point, "godkendte") == (
        "tog opdateret program for socialudvalgets studietur den 22.- 23. april 2020 "
        "til efterretning"
    )


def test_listed_points_of_an_explicit_decision() -> None:
    text = (
        "Socialudvalget\n1. tog evalueringen af Netværkstedet Thorvaldsen til efterretning og\n"
        "2. godkendte den videre procesplan."
    )
    assert listed_points(text) == (
        "Socialudvalget",
        [
            "tog evalueringen af Netværkstedet Thorvaldsen til efterretning",
            "godkendte den videre procesplan",
        ],
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Blev forkastet med 52 stemmer mod 2. Ingen medlemmer undlod at stemme.",
            ["Blev forkastet med 52 stemmer mod 2.", "Ingen medlemmer undlod at stemme."],
        ),
        (
            "Godkendt med 38 stemmer mod 3. 13 medlemmer undlod.",
            ["Godkendt med 38 stemmer mod 3.", "13 medlemmer undlod."],
        ),
        (
            "Jf. bilag 3 og bl.a. Socialforvaltningen. Næste.",
            ["Jf. bilag 3 og bl.a. Socialforvaltningen.", "Næste."],
        ),
        (
            "Medlemsforslagets 1.-3. at-punkt blev vedtaget.",
            ["Medlemsforslagets 1.-3. at-punkt blev vedtaget."],
        ),
    ],
)
def test_sentences(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


def test_addressed_to_generic_or_named_body() -> None:
    assert addressed_to(Proposal("x", "udvalget"), "Socialudvalget")
    assert addressed_to(Proposal("x", None), "Socialudvalget")
    assert not addressed_to(
        Proposal("x", "arbejdsmarkeds- og uddannelsesudvalget"), "Socialudvalget"
    )


@given(st.text(max_size=400))
def test_clause_functions_never_crash(text: str) -> None:
    for point in proposals(text):
        assert isinstance(adopted(point, "godkendte"), str)
    assert all(unit.text == unit.text.strip() for unit in units(text))
    listed_points(text)
    sentences(text)
