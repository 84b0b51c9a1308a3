"""Case numbers: KLE, Copenhagen, labelled; never year ranges, dates, phones or CPR numbers."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from indexer.entities.casenumbers import (
    CASE_NUMBER_RE,
    find_case_numbers,
    is_year_range,
    normalize_case_number,
)


def normalized(text: str) -> list[str]:
    return [m.normalized for m in find_case_numbers(text)]


@pytest.mark.parametrize(
    ("snippet", "expected"),
    [
        ("integration for perioden 2011-2014 (2010-32472)", ["2010-32472"]),
        ("Meddelelser\n\n00.22.00-P35-230-19\n\nSagsfremstilling", ["00.22.00-P35-230-19"]),
        ("Studietur\n\n00.15.00-A00-96-19\n\nResume", ["00.15.00-A00-96-19"]),
        ("Thorvaldsen\n\n27.00.00-A08-1-15\n\nResume", ["27.00.00-A08-1-15"]),
        ("integrationspuljen\n\n15.40.00-P20-2-19\n\nResume", ["15.40.00-P20-2-19"]),
        ("Sagsnr. 2019-0123456", ["2019-0123456"]),
        ("J.nr. 19/12345 vedlagt", ["19/12345"]),
        ("Journalnr.: 15.40.00 - P20 - 2 - 19.", ["15.40.00-P20-2-19"]),
        ("Sagsnr. 2010-1234", ["2010-1234"]),
    ],
)
def test_finds_case_numbers(snippet: str, expected: list[str]) -> None:
    assert normalized(snippet) == expected


@pytest.mark.parametrize(
    "snippet",
    [
        "handleplan for integration for perioden 2011-2014.",
        "Integrationspolitik 2019-2022 blev vedtaget",
        "for perioden 2011-13, jf. udvalgssag",
        "REFERAT Socialudvalget_2018-21 d. 03-02-2020",
        "Sagsnr.: 2011-2014",
        "J.nr. 010190-1234",
        "Journalnr. 33 66 33 66",
        "Sagsnr. +45 33663366",
        "Sagsnr. 05.05.2010",
        "kl. 08.30-10.00",
        "https://indrebylokaludvalg.kk.dk/files/2026-06/x2019-0123456.pdf",
        "2019-0123456-3",
    ],
)
def test_rejects_non_case_numbers(snippet: str) -> None:
    assert normalized(snippet) == []


def test_offsets_point_at_the_number() -> None:
    text = "(2010-32472)"
    [match] = find_case_numbers(text)
    assert text[match.start : match.end] == "2010-32472"


def test_normalize_removes_spaces_and_uppercases() -> None:
    assert normalize_case_number(" 15.40.00 - p20-2 -19 ") == "15.40.00-P20-2-19"


@given(st.integers(1990, 2069), st.integers(1, 30))
def test_year_ranges_are_never_case_numbers(first: int, span: int) -> None:
    second = first + span
    for text in (f"{first}-{second}", f"perioden {first}-{second}.", f"Sagsnr. {first}-{second}"):
        assert is_year_range(f"{first}-{second}")
        assert find_case_numbers(text) == []


@given(st.dates(), st.integers(0, 9999))
def test_cpr_like_numbers_are_never_case_numbers(day: object, serial: int) -> None:
    cpr = f"{day:%d%m%y}-{serial:04d}"  # type: ignore[str-format]
    assert find_case_numbers(f"J.nr. {cpr}") == []
    assert find_case_numbers(f"CPR {cpr}") == []


@given(st.text(max_size=200))
def test_random_text_never_crashes(text: str) -> None:
    for match in find_case_numbers(text):
        assert 0 <= match.start < match.end <= len(text)
        assert CASE_NUMBER_RE.pattern  # the canonical pattern is exported
