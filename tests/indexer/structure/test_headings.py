"""Section headings, decision lines and item headers, on lines taken from the real samples."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from indexer.structure.headings import (
    CANONICAL_HEADINGS,
    canonical_heading,
    decision_heading,
    find_item_headers,
    is_toc_line,
    numbered_title,
    paren_case_numbers,
    punkt_header,
    section_heading,
)


@pytest.mark.parametrize(
    ("line", "canonical"),
    [
        ("Resume", "Resume"),
        ("Resumé", "Resume"),
        ("RESUMÉ:", "Resume"),
        ("INDSTILLING OG Beslutning", "Indstilling og beslutning"),
        ("Indstilling", "Indstilling"),
        ("Problemstilling", "Problemstilling"),
        ("Løsning", "Løsning"),
        ("Sagsfremstilling", "Sagsfremstilling"),
        ("Økonomi", "Økonomi"),
        ("Videre proces", "Videre proces"),
        ("Den videre proces", "Videre proces"),
        ("BILAG", "Bilag"),
        ("bilag", "Bilag"),
        ("Borgmesterpåtegning", "Borgmesterpåtegning"),
        ("Behandling", "Behandling"),
        ("Historik", "Historik"),
        ("Tidligere beslutninger", "Tidligere beslutninger"),
        ("Oversigt over politisk behandling", "Oversigt over politisk behandling"),
        ("Medlemsforslag", "Medlemsforslag"),
        ("Motivering", "Motivering"),
        ("  Beslutning  ", "Beslutning"),
        ("Evalueringen", None),
        ("Fremadrettet fokus", None),
        ("Sociale ydelser og integration", None),
        ("1. Statsrefusion", None),
        ("Nej", None),
        ("Økonomi " * 10, None),
    ],
)
def test_canonical_heading(line: str, canonical: str | None) -> None:
    assert canonical_heading(line) == canonical


def test_every_canonical_name_maps_to_itself() -> None:
    for name, variants in CANONICAL_HEADINGS.items():
        assert canonical_heading(name) == name
        assert all(canonical_heading(v) == name for v in variants)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Socialudvalgets beslutning den 05.05.2010", ("Socialudvalget", "2010-05-05")),
        ("Beslutning i Økonomiudvalget den 3. marts 2020", ("Økonomiudvalget", "2020-03-03")),
        ("Kommunalbestyrelsens beslutning d. 25-02-2019 kl. 17.00",
         ("Kommunalbestyrelsen", "2019-02-25")),
        ("Beslutning i Klima-, Miljø- og Teknikudvalget",
         ("Klima-, Miljø- og Teknikudvalget", None)),
        ("Udvalgets beslutning", (None, None)),
        ("Kommunalbestyrelsens beslutning den 25. februar 2019 (pkt. 52) om budget.", None),
        ("Beslutning", None),
        ("Socialudvalget den 3. februar 2020", None),
    ],
)  # fmt: skip
def test_decision_heading(line: str, expected: tuple[str | None, str | None] | None) -> None:
    assert decision_heading(line) == expected


def test_decision_line_starts_a_beslutning_section() -> None:
    line = "Socialudvalgets beslutning den 05.05.2010"
    assert section_heading(line, "Bilag") == ("Beslutning", line)


@pytest.mark.parametrize(
    ("current", "starts"),
    [(None, True), ("Resume", True), ("Sagsfremstilling", False), ("Løsning", False)],
)
def test_subordinate_heading_inside_narrative(current: str | None, starts: bool) -> None:
    assert (section_heading("Baggrund", current) is not None) == starts
    assert section_heading("Den videre proces", current) == ("Videre proces", "Den videre proces")


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Punkt 7: Meddelelser", ("7", "Meddelelser")),
        ("Punkt 7. Meddelelser", ("7", "Meddelelser")),
        ("Punkt 10: Integrationspolitikens handleplan 2020 og fordeling af integrationspuljen",
         ("10", "Integrationspolitikens handleplan 2020 og fordeling af integrationspuljen")),
        ("PUNKT 12 - Eventuelt", ("12", "Eventuelt")),
        ("Lukket punkt 4: Personsag", ("4", "Personsag")),
        ("Sag nr. 3", ("3", "")),
        ("Punkt 3 blev udsat til næste møde.", None),
        ("Punkt 7.3 i planen", None),
        ("Sagsnr. 2019-0123456", None),
        ("Meddelelser.....\t3", None),
        ("Punkt 7: Meddelelser.....\t3", None),
    ],
)  # fmt: skip
def test_punkt_header(line: str, expected: tuple[str, str] | None) -> None:
    assert punkt_header(line) == expected


@pytest.mark.parametrize(
    ("line", "numbered"),
    [
        ("2. Socialudvalgets svar på beskæftigelses- og Integrationsforvaltnignens høring "
         "(2010-32472)", True),
        ("1. Datoer for socialudvalgets temamøder og drøftelser 2020", True),
        ("1. at Socialudvalget drøfter den fremtidige strategiske retning,", False),
        ("2. godkendte den videre procesplan.", False),
        ("1. Statsrefusion,", False),
        ("Meddelelser.....\t3", False),
    ],
)  # fmt: skip
def test_numbered_title(line: str, numbered: bool) -> None:
    assert (numbered_title(line) is not None) == numbered


def test_paren_case_numbers() -> None:
    assert paren_case_numbers("Titel for perioden 2011-2014 (2010-32472)") == (
        "Titel for perioden 2011-2014", ["2010-32472"],
    )  # fmt: skip
    assert paren_case_numbers("Handleplan (2011-2014)") == ("Handleplan (2011-2014)", [])
    assert paren_case_numbers("Studietur (SU)") == ("Studietur (SU)", [])


def test_is_toc_line() -> None:
    assert is_toc_line("Opdateret program for socialudvalgets studietur.....\t6")
    assert not is_toc_line("Skolesocialrådgivere\t12,30\t12,30\t12,30\t12,30")


def test_item_headers_in_numbered_minutes() -> None:
    lines = [
        "2. Sag om integration (2010-32472)", "Indstilling", "1. at udvalget godkender",
        "BILAG", "1. Høringssvar", "7. PP-slide: Integration", "Anette Laigaard", "bilag",
        "3. Næste sag", "00.22.00-P35-230-19", "Resume",
    ]  # fmt: skip
    assert [(h.index, h.number) for h in find_item_headers(lines)] == [(0, "2"), (8, "3")]


def test_item_headers_skip_table_of_contents_duplicates() -> None:
    lines = ["Punkt 1: Godkendelse", "Punkt 2: Budget", "Punkt 1: Godkendelse", "Tekst",
             "Punkt 2: Budget", "Tekst"]  # fmt: skip
    assert [h.index for h in find_item_headers(lines)] == [2, 4]


@given(st.lists(st.text(max_size=60), max_size=30))
def test_item_headers_never_crash(lines: list[str]) -> None:
    headers = find_item_headers(lines)
    assert [h.index for h in headers] == sorted({h.index for h in headers})
