"""Danish dates, times, places, case numbers, committees and municipalities from text."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from indexer.structure import municipalities
from indexer.structure.meta import (
    CASE_NUMBER_RE,
    case_line_numbers,
    case_number_spans,
    committee_from_filename,
    detect_kind,
    filename_date,
    find_case_numbers,
    find_committees,
    find_date,
    find_dates,
    find_place,
    find_time,
    labelled_date,
    normalize_case_number,
    normalize_committee,
)


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("Mødedato Mandag d. 03. februar 2020 kl. 21:30", "2020-02-03"),
        ("REFERAT Socialudvalget_2018-21 d. 03-02-2020", "2020-02-03"),
        ("den 5. maj 2010", "2010-05-05"),
        ("Socialudvalgets beslutning den 05.05.2010", "2010-05-05"),
        ("møde 2020-02-03", "2020-02-03"),
        ("den 5. jan. 2021", "2021-01-05"),
        ("den 3/2/2020", "2020-02-03"),
        ("perioden 2011-2014", None),
        ("den 7. april", None),
        ("31.02.2020", None),
        ("12 majestætiske 2010", None),
    ],
)
def test_find_date(text: str, iso: str | None) -> None:
    assert find_date(text) == iso


def test_find_dates_offsets() -> None:
    text = "Socialudvalget den 3. februar 2020 og 05.05.2010"
    assert [(text[s:e], iso) for s, e, iso in find_dates(text)] == [
        ("3. februar 2020", "2020-02-03"), ("05.05.2010", "2010-05-05"),
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "time"),
    [("kl. 21:30", "21:30"), ("kl 8.30", "08:30"), ("kl. 25:00", None), ("klokken", None)],
)
def test_find_time(text: str, time: str | None) -> None:
    assert find_time(text) == time


def test_place_and_labelled_date() -> None:
    head = ["REFERAT Socialudvalget", "Mødedato Mandag d. 03. februar 2020 kl. 21:30",
            "Mødested Udvalgsværelse 2"]  # fmt: skip
    assert find_place(head) == "Udvalgsværelse 2"
    assert labelled_date(head) == ("2020-02-03", "21:30")
    assert find_place(["Sted: Rådhuset"]) == "Rådhuset"


@pytest.mark.parametrize(
    ("text", "numbers"),
    [
        ("00.22.00-P35-230-19", ["00.22.00-P35-230-19"]),
        ("15.40.00-p20-2-19", ["15.40.00-P20-2-19"]),
        ("Titel (2010-32472)", ["2010-32472"]),
        ("Sagsnr. 2019-0123456", ["2019-0123456"]),
        ("Sagsnr.: 2019-0123456 Dokumentnr.: 2019-0123456-12", ["2019-0123456"]),
        ("J.nr. 12/3456", ["12/3456"]),
        ("Journalnr.: 2019-123", ["2019-123"]),
        ("for perioden 2011-2014", []),
        ("Sag nr. 3", []),
        ("den 05.05.2010", []),
    ],
)
def test_find_case_numbers(text: str, numbers: list[str]) -> None:
    assert find_case_numbers(text) == numbers


def test_case_number_spans_exclude_labels() -> None:
    text = "Sagsnr.: 2019-0123456"
    [(start, end, number)] = case_number_spans(text)
    assert text[start:end] == "2019-0123456" == number
    assert CASE_NUMBER_RE.search("00.22.00 - P35 - 230 - 19")


def test_case_line_numbers() -> None:
    assert case_line_numbers("00.22.00-P35-230-19") == ["00.22.00-P35-230-19"]
    assert case_line_numbers("Sagen 2010-32472 blev behandlet") == []


@given(st.text(alphabet=" -.0123456789PApa\t", max_size=30))
def test_normalize_case_number_idempotent(text: str) -> None:
    once = normalize_case_number(text)
    assert normalize_case_number(once) == once and " " not in once


@pytest.mark.parametrize(
    ("name", "normalized"),
    [
        ("Socialudvalgets", "Socialudvalget"),
        ("arbejdsmarkeds- og uddannelsesudvalget", "Arbejdsmarkeds- og uddannelsesudvalget"),
        ("Borgerrepræsentationens", "Borgerrepræsentationen"),
        ("Byrådets", "Byrådet"),
        ("Magistratens", "Magistraten"),
        ("Indre By Lokaludvalgs", "Indre By Lokaludvalg"),
        ("SOCIALUDVALGET", "Socialudvalget"),
        ("Socialudvalget_2018-21", "Socialudvalget 2018-21"),
    ],
)
def test_normalize_committee(name: str, normalized: str) -> None:
    assert normalize_committee(name) == normalized


def test_find_committees() -> None:
    text = (
        "REFERAT Socialudvalget_2018-21; Klima-, Miljø- og Teknikudvalgets møde; "
        "Indre By Lokaludvalg; det blev frarådet; Udvalgsværelse 2; udvalget godkendte"
    )
    assert find_committees(text.replace("_", " ")) == [
        "Socialudvalget", "Klima-, Miljø- og Teknikudvalget", "Indre By Lokaludvalg",
    ]  # fmt: skip


def test_filename_facts() -> None:
    assert filename_date("kobenhavn-socialudvalget-2010-05-05") == "2010-05-05"
    assert filename_date("referat_20200203") == "2020-02-03"
    assert filename_date("notes") is None
    assert committee_from_filename("kobenhavn-socialudvalget-2010-05-05") == "Socialudvalget"
    text = "Beslutning i Økonomiudvalget"
    assert committee_from_filename("aarhus-okonomiudvalget-referat-2020", text) == "Økonomiudvalget"
    assert committee_from_filename("frederiksberg-2020-02-03") is None


@pytest.mark.parametrize(("stem", "committee"), [
    ("thin", None),  # no municipality, no committee: nothing is guessed from the name
    ("minutes_final", None),
    ("notes-2021-03-04", None),
    ("socialudvalget-2020-01-01", "Socialudvalget"),  # a committee's own name
    ("aarhus-magistraten-2020", "Magistraten"),  # after a real municipality
])
def test_only_real_names_come_from_a_file_name(stem: str, committee: str | None) -> None:
    assert committee_from_filename(stem) == committee


@pytest.mark.parametrize(
    ("text", "kind"),
    [("REFERAT Socialudvalget", "referat"), ("Beslutningsprotokol", "referat"),
     ("DAGSORDEN for mødet", "dagsorden"), ("Dagsorden og referat", "dagsorden"),
     ("Mødet", None)],
)  # fmt: skip
def test_detect_kind(text: str, kind: str | None) -> None:
    assert detect_kind(text) == kind


def test_ninety_eight_municipalities() -> None:
    assert len(municipalities.MUNICIPALITIES) == 98
    keys = {municipalities.loose_key(m) for m in municipalities.MUNICIPALITIES}
    assert len(keys) == 98


@pytest.mark.parametrize(
    ("name", "official"),
    [
        ("kobenhavn", "København"), ("københavn", "København"), ("Københavns Kommune", "København"),
        ("KØBENHAVN", "København"), ("aarhus", "Aarhus"), ("Århus", "Aarhus"),
        ("frederiksberg", "Frederiksberg"), ("hoeje-taastrup", "Høje-Taastrup"),
        ("Lyngby-Taarbæk Kommune", "Lyngby-Taarbæk"), ("aabenraa", "Aabenraa"),
        ("Nordfyns", "Nordfyns"), ("region sjælland", "Region Sjælland"),
        ("Socialudvalget", None), ("", None),
    ],
)  # fmt: skip
def test_municipality_lookup(name: str, official: str | None) -> None:
    assert municipalities.lookup(name) == official


def test_municipality_detection_order() -> None:
    text = "Frederiksberg Kommune og Københavns Kommune; Københavns Kommunes borgere"
    assert municipalities.mentions(text) == ["Frederiksberg", "København", "København"]
    assert municipalities.most_frequent(text) == "København"
    assert municipalities.detect({}, "frederiksberg-su-2020", [], text) == "Frederiksberg"
    assert municipalities.detect({}, "notes", ["Frederiksberg Kommune"], text) == "Frederiksberg"
    assert municipalities.detect({"municipality": "odense"}, "kobenhavn-x", [], text) == "Odense"
    assert municipalities.detect({}, "notes", [], "intet her") is None
    assert municipalities.from_filename("ringkobing-skjern-byraad-2020") == "Ringkøbing-Skjern"
