"""Political bodies, one entity per coordinated name, in nominative definite form."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from indexer.entities.committee import CommitteeFinder, find_committees, normalize_committee


def committees(text: str) -> list[tuple[str, str]]:
    return [(text[m.start : m.end], m.normalized) for m in find_committees(text)]


@pytest.mark.parametrize(
    ("snippet", "expected"),
    [
        ("2. Socialudvalgets svar på", [("Socialudvalgets", "Socialudvalget")]),
        (
            "redegørelse for socialudvalget samt arbejdsmarkeds- og uddannelsesudvalget om",
            [
                ("socialudvalget", "Socialudvalget"),
                (
                    "arbejdsmarkeds- og uddannelsesudvalget",
                    "Arbejdsmarkeds- og uddannelsesudvalget",
                ),
            ],
        ),
        (
            "svar på Beskæftigelses- og Integrationsudvalgets høringsbrev",
            [
                (
                    "Beskæftigelses- og Integrationsudvalgets",
                    "Beskæftigelses- og Integrationsudvalget",
                )
            ],
        ),
        (
            "Arbejdsmarkeds- uddannelsesudvalget godkendte",
            [("Arbejdsmarkeds- uddannelsesudvalget", "Arbejdsmarkeds- og uddannelsesudvalget")],
        ),
        ("bedt Økonomiudvalget og fagudvalgene om", [("Økonomiudvalget", "Økonomiudvalget")]),
        ("anmodede magistraten (MAG pkt. 51)", [("magistraten", "Magistraten")]),
        ("på baggrund af Magistratens anmodning", [("Magistratens", "Magistraten")]),
        ("vedtaget af Kommunalbestyrelsen den", [("Kommunalbestyrelsen", "Kommunalbestyrelsen")]),
        (
            "i høring i Integrationsrådet. Integrationsrådets høringssvar",
            [
                ("Integrationsrådet", "Integrationsrådet"),
                ("Integrationsrådets", "Integrationsrådet"),
            ],
        ),
        (
            "Kultur- og Fritidsudvalget (indsatser 5, 6, 7 og 8) og Undervisningsudvalget (indsats",
            [
                ("Kultur- og Fritidsudvalget", "Kultur- og Fritidsudvalget"),
                ("Undervisningsudvalget", "Undervisningsudvalget"),
            ],
        ),
        (
            "Sagen forelægges Kultur-, Fritids- og Borgerserviceudvalget",
            [
                (
                    "Kultur-, Fritids- og Borgerserviceudvalget",
                    "Kultur-, Fritids- og Borgerserviceudvalget",
                )
            ],
        ),
        (
            "Klima-, Miljø- og\nTeknikudvalget",
            [("Klima-, Miljø- og\nTeknikudvalget", "Klima-, Miljø- og Teknikudvalget")],
        ),
        (
            "Beskæftigelses- og Integrations- og Erhvervsudvalget",
            [
                (
                    "Beskæftigelses- og Integrations- og Erhvervsudvalget",
                    "Beskæftigelses-, Integrations- og Erhvervsudvalget",
                )
            ],
        ),
        (
            "at Christianshavns Lokaludvalg støtter",
            [("Christianshavns Lokaludvalg", "Christianshavns Lokaludvalg")],
        ),
        ("Valby Lokaludvalgs møde", [("Valby Lokaludvalgs", "Valby Lokaludvalg")]),
        (
            "Ældrerådet og Handicaprådets høringssvar",
            [("Ældrerådet", "Ældrerådet"), ("Handicaprådets", "Handicaprådet")],
        ),
        ("REFERAT Socialudvalget_2018-21 d. 03-02-2020", [("Socialudvalget", "Socialudvalget")]),
        ("Regionsrådet og byrådet", [("Regionsrådet", "Regionsrådet"), ("byrådet", "Byrådet")]),
    ],
)
def test_finds_committees(snippet: str, expected: list[tuple[str, str]]) -> None:
    assert committees(snippet) == expected


def test_defined_abbreviation_names_the_body() -> None:
    text = "Borgerrepræsentationen (BR) besluttede ... politik blev vedtaget i BR i juni 2001"
    assert [value for _, value in committees(text)] == ["Borgerrepræsentationen"] * 3


@pytest.mark.parametrize(
    "snippet",
    [
        "bedt fagudvalgene om at udarbejde",
        "udvalgenes afrapportering",
        "Udvalget godkendte de angivne datoer",
        "nedsætte et udvalg",
        "fagudvalget og underudvalget og MED-udvalget",
        "at Socialforvaltningen kun iværksætter",
        "Mødested Udvalgsværelse 2",
        "udskyde rådets studietur",
        "Vedlagt bilag (MAG pkt. 51) og Studietur SU den 22.",
        "Lokaludvalget vil støtte op",
    ],
)
def test_rejects_generic_or_administrative_bodies(snippet: str) -> None:
    assert committees(snippet) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Socialudvalgets", "Socialudvalget"),
        ("arbejdsmarkeds- og uddannelsesudvalget", "Arbejdsmarkeds- og uddannelsesudvalget"),
        ("magistraten", "Magistraten"),
        (
            "Kultur-, Fritids, og Borgerserviceudvalgets",
            "Kultur-, Fritids- og Borgerserviceudvalget",
        ),
        ("Beskæf-\ntigelsesudvalget", "Beskæftigelsesudvalget"),
    ],
)
def test_normalize_committee(text: str, expected: str) -> None:
    assert normalize_committee(text) == expected


def test_advisory_prefixes_are_configurable() -> None:
    finder = CommitteeFinder(["klima"])
    assert [m.normalized for m in finder.find("Klimarådet og Integrationsrådet")] == ["Klimarådet"]


@given(st.text(max_size=200))
def test_random_text_never_crashes(text: str) -> None:
    for match in find_committees(text):
        assert 0 <= match.start < match.end <= len(text)
        assert match.normalized[:1].isupper() or not match.normalized[:1].isalpha()
