"""Outcome of decision clauses: verb lexicon, tenses, passive, negation, weight order."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from indexer.decisions.outcomes import PAST_TENSE, classify, main_clause, verb_outcomes, weightiest
from indexer.types import OUTCOMES


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # real decisions and recommendations from ../shared/samples
        (
            "Socialudvalget tog opdateret program for socialudvalgets studietur den 22.- 23. "
            "april 2020 til efterretning.",
            "noted",
        ),
        ("tog evalueringen af Netværkstedet Thorvaldsen til efterretning og", "noted"),
        ("godkendte den videre procesplan.", "approved"),
        (
            "godkendte den endelige handleplan 2020, idet der skal indføres en tydeligere "
            "henvisning til Unge godt på vej.",
            "approved",
        ),
        (
            "Indstillingen blev godkendt med bemærkning om, at forvaltningen bemyndiges til - i "
            "forbindelse med afgivelse af høringssvaret - at indarbejde nærmere om kønsforskelle",
            "approved",
        ),
        (
            "Økonomiudvalget besluttede at oversende indstillingen med udvalgets erklæring til "
            "behandling i Borgerrepræsentationen uden afstemning.",
            "referred",
        ),
        ("Indstillingen blev taget til efterretning uden afstemning.", "noted"),
        ("Indstillingen blev anbefalet.", "approved"),
        (
            "Indstillingen blev oversendt med udvalgets anbefaling til Økonomiudvalget og "
            "Borgerrepræsentationen uden afstemning.",
            "referred",
        ),
        (
            "Det af Alternativet fremsatte forslag om udvalgshenvisning af 4. at-punkt til "
            "Gruppeforpersonskredsen blev forkastet med 52 stemmer mod 2.",
            "rejected",
        ),
        ("Medlemsforslagets 1.-3. at-punkt blev vedtaget med 32 stemmer mod 22.", "approved"),
        (
            "Lokaludvalget bemyndigede Asbjørn Kaasgaard til at skrive til Kultur-, Fritids- og "
            "Borgerserviceudvalget",
            "approved",
        ),
        ("Udvalget godkendte de angivne datoer for temabesøg i 2020.", "approved"),
        ("Udvalget besluttede at udskyde rådets studietur til foråret 2020.", "postponed"),
        (
            "at Socialudvalget drøfter den fremtidige strategiske retning for "
            "integrationsindsatsen på det sociale område,",
            "discussed",
        ),
        (
            "at Socialudvalget tager til efterretning, at Socialforvaltningen kun iværksætter de "
            "ufinansierede aktiviteter i handleplanen, såfremt der afsættes midler hertil",
            "noted",
        ),
        ("at Socialudvalget godkender og oversender vedlagte svar", "approved"),
        # forms and negation
        ("Indstillingen blev ikke godkendt.", "rejected"),
        ("Udvalget kunne ikke anbefale indstillingen.", "rejected"),
        ("Udvalget godkendte ikke forslaget.", "rejected"),
        ("Sagen blev udsat.", "postponed"),
        ("Udsat.", "postponed"),
        ("Forslaget blev nedstemt.", "rejected"),
        ("Ansøgningen afvises.", "rejected"),
        ("Udvalget tog sagen til orientering.", "noted"),
        ("Sagen oversendes til Økonomiudvalget.", "referred"),
        ("Udvalget henviste sagen til Borgerrepræsentationen.", "referred"),
        ("Sagen blev drøftet.", "discussed"),
        ("Tiltrådt.", "approved"),
        ("Socialudvalget drøftede indsatsen for udsatte borgere.", "discussed"),
        ("Sagen blev behandlet.", "other"),
    ],
)
def test_classify_real_and_constructed_clauses(text: str, expected: str) -> None:
    assert classify(text) == expected


@pytest.mark.parametrize(
    ("outcomes", "expected"),
    [
        (["noted", "approved"], "approved"),
        (["discussed", "approved", "noted"], "approved"),
        (["rejected", "approved", "approved"], "approved"),
        (["referred", "postponed"], "postponed"),
        (["discussed", "referred"], "referred"),
        ([], "other"),
    ],
)
def test_weightiest_follows_the_contract_order(outcomes: list[str], expected: str) -> None:
    assert weightiest(outcomes) == expected  # type: ignore[arg-type]


def test_main_clause_stops_at_subordinate_clause_and_remark() -> None:
    assert main_clause("tog til efterretning, at X udsættes") == "tog til efterretning"
    assert main_clause("Indstillingen blev godkendt med bemærkning om, at Y") == (
        "Indstillingen blev godkendt"
    )


def test_noun_forms_are_not_verbs() -> None:
    assert verb_outcomes("godkendelse af procesplan og drøftelse og anbefaling") == []
    assert verb_outcomes("forslag om udvalgshenvisning") == []


def test_past_tense_map_is_present_to_past() -> None:
    assert PAST_TENSE["godkender"] == "godkendte"
    assert PAST_TENSE["tager"] == "tog"
    assert PAST_TENSE["drøfter"] == "drøftede"
    assert PAST_TENSE["bemyndiger"] == "bemyndigede"


@given(st.text(max_size=300))
def test_classify_always_gives_a_contract_outcome(text: str) -> None:
    assert classify(text) in OUTCOMES
