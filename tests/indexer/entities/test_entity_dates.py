"""Danish dates to ISO at the precision the text gives; yearless ones only when safe."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from indexer.entities.dates import find_dates, parse_meeting_date
from indexer.errors import InvalidInput

MONTH_NAMES = [
    "januar", "februar", "marts", "april", "maj", "juni",
    "juli", "august", "september", "oktober", "november", "december",
]  # fmt: skip


def dates(text: str, meeting: str | None = None) -> list[tuple[str, str]]:
    return [(text[m.start : m.end], m.normalized) for m in find_dates(text, meeting)]


@pytest.mark.parametrize(
    ("snippet", "expected"),
    [
        ("Socialudvalgets beslutning den 05.05.2010", [("05.05.2010", "2010-05-05")]),
        ("besluttede den 27. august 2009 at revidere", [("27. august 2009", "2009-08-27")]),
        ("senest den 7. maj 2010. På baggrund", [("7. maj 2010", "2010-05-07")]),
        (
            "Mødedato Mandag d. 03. februar 2020 kl. 21:30",
            [("Mandag d. 03. februar 2020", "2020-02-03")],
        ),
        ("REFERAT Socialudvalget_2018-21 d. 03-02-2020", [("03-02-2020", "2020-02-03")]),
        ("På mødet den 25. november 2019 (punkt 109)", [("25. november 2019", "2019-11-25")]),
        ("På møde den 18. februar 2019 anmodede", [("18. februar 2019", "2019-02-18")]),
        ("jf. udvalgssag af 17. november 2014, arbejds-", [("17. november 2014", "2014-11-17")]),
        ("godkendte den 20. januar 2020 (pkt. 9)", [("20. januar 2020", "2020-01-20")]),
        (
            "Kommunalbestyrelsen den 25. februar 2019 (pkt. 52)",
            [("25. februar 2019", "2019-02-25")],
        ),
        ("Masterplan (20.maj 2019 pkt. 53)", [("20.maj 2019", "2019-05-20")]),
        ("studietur den 22.- 23. april 2020 forelægges", [("22.- 23. april 2020", "2020-04-22")]),
        ("Studietur SU den 22. - 23 april 2020", [("22. - 23 april 2020", "2020-04-22")]),
        ("vedtaget i BR i juni 2001)", [("juni 2001", "2001-06")]),
        ("sammenskriver i maj-juni 2010 et samlet", [("maj-juni 2010", "2010-05")]),
        ("Det sker i september-oktober 2010.", [("september-oktober 2010", "2010-09")]),
        ("i løbet af foråret 2010 for at drøfte", [("foråret 2010", "2010")]),
        ("som sættes i drift primo 2020 og forventes", [("primo 2020", "2020")]),
        ("inden udgangen af 2019.", [("udgangen af 2019", "2019")]),
        (
            "godkendte den 13. december 2012 og 10.\ndecember 2015",
            [("13. december 2012", "2012-12-13"), ("10.\ndecember 2015", "2015-12-10")],
        ),
        ("den 3/2-2020 og 2020-02-03", [("3/2-2020", "2020-02-03"), ("2020-02-03", "2020-02-03")]),
    ],
)
def test_finds_dates(snippet: str, expected: list[tuple[str, str]]) -> None:
    assert dates(snippet) == expected


@pytest.mark.parametrize(
    ("snippet", "meeting", "expected"),
    [
        # past reference to a day before the meeting, same year
        ("Socialudvalget tilkendegav på mødet den 7. april et ønske", "2010-05-05", ["2010-04-07"]),
        # a schedule of coming dates
        (
            "23. marts kl. 08.30-10.00\tTemabesøg i Finsens Have-området",
            "2020-02-03",
            ["2020-03-23"],
        ),
        ("16. november kl. 08.30-10.00\tTemamøde vedr. Tilbud", "2020-02-03", ["2020-11-16"]),
        # told in the past but after the meeting day: an earlier year we cannot know
        ("Magistraten anmodede på møde den 19. november (pkt. 410)", "2020-02-03", []),
        # before the meeting day but not told in the past: maybe next year
        ("Næste møde den 3. februar.", "2020-11-20", []),
        ("Sagen behandles den 12. marts.", "2020-11-20", []),
        # no meeting date: no guess
        ("på mødet den 7. april", None, []),
    ],
)
def test_yearless_dates_take_the_meeting_year_only_when_safe(
    snippet: str, meeting: str | None, expected: list[str]
) -> None:
    assert [value for _, value in dates(snippet, meeting)] == expected


@pytest.mark.parametrize(
    "snippet",
    [
        "for perioden 2011-2014",
        "budget 2011 og handleplan 2020",
        "kl. 08.30-10.00",
        "25. maj kl. 08.30- 10.00",  # yearless and no meeting date
        "restafregning sker i maj måned",
        "00.22.00-P35-230-19",
        "(2010-32472)",
        "31. februar 2020",
        "pkt. 410 og § 100",
        "1.-3. at-punkt",
        "fra%208.%20juni%202026.pdf https://x.dk/fra%208.%20juni%202026",
    ],
)
def test_rejects_non_dates(snippet: str) -> None:
    assert dates(snippet) == []


def test_bad_meeting_date_says_what_to_do() -> None:
    with pytest.raises(InvalidInput, match="YYYY-MM-DD"):
        parse_meeting_date("3. februar")


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2099, 12, 31)))
def test_formatted_dates_round_trip(day: date) -> None:
    month = MONTH_NAMES[day.month - 1]
    for text in (
        f"den {day.day}. {month} {day.year}",
        f"d. {day:%d.%m.%Y}",
        f"{day:%d-%m-%Y}",
        f"Mandag d. {day:%d}. {month} {day.year}",
    ):
        assert [m.normalized for m in find_dates(text)] == [day.isoformat()], text


@given(st.text(max_size=200), st.dates(min_value=date(1990, 1, 1)))
def test_random_text_never_crashes(text: str, meeting: date) -> None:
    for match in find_dates(text, meeting.isoformat()):
        assert 0 <= match.start < match.end <= len(text)
        assert len(match.normalized) in (4, 7, 10)
