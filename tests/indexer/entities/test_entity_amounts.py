"""Amounts in whole kroner: units before or after, scales, and kroner tables."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from indexer.entities.amounts import find_amounts
from indexer.entities.numbers import format_danish_number, parse_danish_number

KK_TABLE = (
    "Initiativer der indgår som budgetønske til budget 2011 (mio. kr.)\t2011\t2012\t2013\t2014\n"
    "Skolesocialrådgivere\t12,30\t12,30\t12,30\t12,30\n"
    "I alt (mio. kr.)\t14,1\t14,1\t14,1\t14,1\n"
    "Indhentning af data\t0,07\t0,07\t0,07\t0,07\n"
    "\n"
    "Udarbejdelse af undersøgelse på handicapområdet\t0,3\t\t\t\n"
    "\n"
    "Videre proces\n"
    "\n"
    "Perioden 2011-2014\t2011\n"
)
FB_TABLE = (
    "I skemaet nedenfor fremgår regresindtægterne indhentet de seneste 4 år.\n\n"
    "Regresindtægter (1.000 kr.)\t2016\t2017\t2018\t2019\n"
    "Regres af sygedagpenge i forbindelse med tilskadekomst\t1.754\t1.169\t700\t508\n"
    "\n"
    "Det skal bemærkes, at der er udsendt regreskrav på samlet kr. 900.000, som ikke er afklaret.\n"
)
FB_NO_UNIT_TABLE = (
    "Resultatet er blevet opgjort til 3,6 mio. kr.\n\n"
    "Mellemkommunal refusion (1.000)\t2015\t2016\t2017\tI alt\n"
    "Forsørgelsesydelse\t0,9\t1,4\t1,3\t3,6\n"
)


def amounts(text: str) -> list[tuple[str, str]]:
    return [(text[m.start : m.end], m.normalized) for m in find_amounts(text)]


@pytest.mark.parametrize(
    ("snippet", "expected"),
    [
        ("bevilling på samlet set godt 90 mio. kr., hvoraf", [("90 mio. kr.", "90000000")]),
        ("hvoraf de 56,4 mio. kr. allerede indgår", [("56,4 mio. kr.", "56400000")]),
        ("en samlet merindtægt på ca. 10,0 mio. kr. Det", [("10,0 mio. kr.", "10000000")]),
        ("opgjort til 3,6 mio. kr. Det skal", [("3,6 mio. kr.", "3600000")]),
        ("på samlet kr. 900.000, som ikke", [("kr. 900.000", "900000")]),
        ("tilskud på cirka 600.000 kroner, da", [("600.000 kroner", "600000")]),
        ("Integrationspuljen er i år på 1,475 mio.kr. Med", [("1,475 mio.kr.", "1475000")]),
        ("et lån på 155,7\nmio. kr. Lånet", [("155,7\nmio. kr.", "155700000")]),
        ("realkreditlånet på 141.691.000 kr. med", [("141.691.000 kr.", "141691000")]),
        ("Rammen er 2 mia. kr.", [("2 mia. kr.", "2000000000")]),
        ("Udgiften er -26,5 mio. kr.", [("-26,5 mio. kr.", "-26500000")]),
        ("en ramme på 500 t.kr. og 5 tkr.", [("500 t.kr.", "500000"), ("5 tkr.", "5000")]),
        ("kr. 1,2 mio. i alt", [("kr. 1,2 mio.", "1200000")]),
        ("900.000,- kr. betales", [("900.000,- kr.", "900000")]),
        ("mellem 10-15 mio. kr.", [("10", "10000000"), ("15 mio. kr.", "15000000")]),
        ("1½ mio. kr.", [("1½ mio. kr.", "1500000")]),
    ],
)
def test_finds_amounts(snippet: str, expected: list[tuple[str, str]]) -> None:
    assert amounts(snippet) == expected


@pytest.mark.parametrize(
    "snippet",
    [
        "Der er cirka 120 betalende medlemmer",
        "(MAG pkt. 51) og pkt. 410",
        "efter § 100 i serviceloven og §§ 109 og 110",
        "100 procent brugerstyret; 45,10 %",
        "garanti for 3 mio. indbyggere",
        "perioden 2011-2014 og budget 2011",
        "Mødedato Mandag d. 03. februar 2020 kl. 21:30",
        "Der afregnes aconto refusion 4 gange årligt",
    ],
)
def test_rejects_non_amounts(snippet: str) -> None:
    assert amounts(snippet) == []


def test_mio_table_cells_take_the_header_unit() -> None:
    found = amounts(KK_TABLE)
    assert found[:4] == [("12,30", "12300000")] * 4
    assert ("14,1", "14100000") in found
    assert ("0,07", "70000") in found
    assert ("0,3", "300000") in found  # the table goes on after a page-break blank line
    assert all(value not in {"2011", "2012", "2011000000"} for _, value in found)
    assert len(found) == 13


def test_thousand_kroner_table_and_prose_amount() -> None:
    assert amounts(FB_TABLE) == [
        ("1.754", "1754000"),
        ("1.169", "1169000"),
        ("700", "700000"),
        ("508", "508000"),
        ("kr. 900.000", "900000"),
    ]


def test_unit_without_currency_sets_no_unit() -> None:
    assert amounts(FB_NO_UNIT_TABLE) == [("3,6 mio. kr.", "3600000")]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1.475.000", "1475000"),
        ("56,4", "56.4"),
        ("-26,5", "-26.5"),
        ("1.234.567,89", "1234567.89"),
        ("900.000,-", "900000"),
        ("½", "0.5"),
        ("0,07", "0.07"),
    ],
)
def test_parse_danish_number(text: str, value: str) -> None:
    assert parse_danish_number(text) == Decimal(value)


@pytest.mark.parametrize("text", ["1.5", "12.34.567", "abc", "1,2,3", ""])
def test_parse_rejects_non_danish_numbers(text: str) -> None:
    with pytest.raises(ValueError):
        parse_danish_number(text)


@given(st.decimals(min_value=-(10**12), max_value=10**12, places=2, allow_nan=False))
def test_danish_number_round_trips(value: Decimal) -> None:
    assert parse_danish_number(format_danish_number(value)) == value


@given(st.integers(0, 10**9), st.sampled_from(["kr.", "kroner", "mio. kr.", "t.kr."]))
def test_formatted_amounts_round_trip(value: int, unit: str) -> None:
    scale = {"kr.": 1, "kroner": 1, "mio. kr.": 10**6, "t.kr.": 10**3}[unit]
    text = f"i alt {format_danish_number(Decimal(value), 0)} {unit} til formålet"
    assert [m.normalized for m in find_amounts(text)] == [str(value * scale)]


@given(st.text(max_size=300))
def test_random_text_never_crashes(text: str) -> None:
    for match in find_amounts(text):
        assert 0 <= match.start < match.end <= len(text)
        int(match.normalized)
