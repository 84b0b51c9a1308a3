"""parse(): the real samples come out exactly right, and any text parses or raises ParseError."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from indexer.errors import ParseError
from indexer.structure.parse import clean_lines, parse
from indexer.types import Document, Meeting, RawItem, RawSection

SAMPLES = Path(__file__).resolve().parents[3] / ".." / "shared" / "samples"
KBH = "kobenhavn-socialudvalget-2010-05-05.txt"
FRB = "frederiksberg-socialudvalget-2020-02-03.txt"
KK = "kk-items-sample.jsonl"


def text_doc(text: str, path: str = "minutes/unknown.txt", **metadata: str) -> Document:
    return Document(path=path, format="txt", sha256="0", size=len(text), text=text,
                    metadata=dict(metadata))  # fmt: skip


def sample_doc(name: str) -> Document:
    path = SAMPLES / name
    text = path.read_text(encoding="utf-8").replace("\r\n", "\n")
    return text_doc(text, str(path))


def raw_item(record: dict) -> RawItem:
    """The Danish-field JSON object of kk-items-sample.jsonl as a RawItem (no reader needed)."""
    return RawItem(
        municipality=record["kommune"],
        committee=record["udvalg"],
        meeting_date=record["dato"],
        item_number=str(record["nr"]),
        title=record["titel"],
        sections=tuple(RawSection(a["titel"], a["tekst"]) for a in record["afsnit"]),
        attachments=tuple(b["navn"] for b in record["bilag"]),
        kind=record["type"],
        source_id=record["id"],
    )


def jsonl_doc() -> Document:
    path = SAMPLES / KK
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    return Document(path=str(path), format="jsonl", sha256="0", size=0,
                    items=tuple(raw_item(r) for r in records))  # fmt: skip


@pytest.fixture(scope="module")
def kbh() -> Meeting:
    meetings = parse(sample_doc(KBH))
    assert len(meetings) == 1
    return meetings[0]


@pytest.fixture(scope="module")
def frb() -> Meeting:
    meetings = parse(sample_doc(FRB))
    assert len(meetings) == 1
    return meetings[0]


def headings(meeting: Meeting, index: int) -> list[str]:
    return [s.heading for s in meeting.items[index].sections]


def test_kobenhavn_meeting(kbh: Meeting) -> None:
    facts = (kbh.municipality, kbh.committee, kbh.date)
    assert facts == ("København", "Socialudvalget", "2010-05-05")
    assert (kbh.time, kbh.place, kbh.kind) == (None, None, "referat")
    assert kbh.source and kbh.source.endswith(KBH)


def test_kobenhavn_item(kbh: Meeting) -> None:
    [item] = kbh.items
    assert item.number == "2"
    assert item.title == (
        "Socialudvalgets svar på beskæftigelses- og Integrationsforvaltnignens høring om "
        "policyoplæg til den nye integrationspolitik herunder udkast til Socialudvalgets "
        "handleplan for integration for perioden 2011-2014"
    )
    assert item.case_numbers == ["2010-32472"]
    assert item.item_id == "koebenhavn-socialudvalget-2010-05-05-2"
    assert headings(kbh, 0) == [
        "Tekst", "Indstilling og beslutning", "Problemstilling", "Løsning", "Økonomi",
        "Videre proces", "Bilag", "Beslutning",
    ]  # fmt: skip


def test_kobenhavn_sections(kbh: Meeting) -> None:
    sections = {s.heading: s for s in kbh.items[0].sections}
    assert sections["Tekst"].text.startswith("Indstilling om den fremtidige integrationsindsats")
    assert sections["Indstilling og beslutning"].raw_heading == "INDSTILLING OG Beslutning"
    recommendation = sections["Indstilling og beslutning"].text
    assert recommendation.startswith("indstiller,\n1. at Socialudvalget")
    assert "Fejl!" not in recommendation
    assert sections["Bilag"].raw_heading == "BILAG"
    assert "[" not in sections["Bilag"].text and "](#)" not in sections["Bilag"].text
    decision = sections["Beslutning"]
    assert decision.raw_heading == "Socialudvalgets beslutning den 05.05.2010"
    # the decision line is the section's first line too: its date is found like any other
    assert decision.text.startswith(
        "Socialudvalgets beslutning den 05.05.2010\nKontorchef Gitte Bylov Larsen")
    assert "Indstillingen blev godkendt med bemærkning om" in decision.text
    assert "Skolesocialrådgivere\t12,30" in sections["Økonomi"].text


def test_kobenhavn_attachments(kbh: Meeting) -> None:
    attachments = kbh.items[0].attachments
    assert len(attachments) == 7
    assert attachments[0].startswith("1. Socialudvalgets svar på Beskæftigelses-")
    assert attachments[-1] == "7. PP-slide: Integration på det sociale område"
    assert "Anette Laigaard" not in attachments


def test_frederiksberg_meeting(frb: Meeting) -> None:
    assert (frb.municipality, frb.committee, frb.date) == (
        "Frederiksberg", "Socialudvalget", "2020-02-03",
    )  # fmt: skip
    assert (frb.time, frb.place, frb.kind) == ("21:30", "Udvalgsværelse 2", "referat")


def test_frederiksberg_items(frb: Meeting) -> None:
    assert [(i.number, i.title, i.case_numbers) for i in frb.items] == [
        ("7", "Meddelelser", ["00.22.00-P35-230-19"]),
        ("8", "Opdateret program for socialudvalgets studietur", ["00.15.00-A00-96-19"]),
        ("9", "Evaluering af Netværkstedet Thorvaldsen", ["27.00.00-A08-1-15"]),
        (
            "10",
            "Integrationspolitikens handleplan 2020 og fordeling af integrationspuljen",
            ["15.40.00-P20-2-19"],
        ),
    ]
    assert [i.item_id for i in frb.items] == [
        f"frederiksberg-socialudvalget-2020-02-03-{n}" for n in (7, 8, 9, 10)
    ]


def test_frederiksberg_sections(frb: Meeting) -> None:
    assert headings(frb, 0) == ["Sagsfremstilling"]
    punkt7 = frb.items[0].sections[0].text
    assert punkt7.startswith("1. Datoer for socialudvalgets temamøder og drøftelser 2020")
    assert "\n1. Statsrefusion\n" in punkt7 and "\nFremadrettet fokus\n" in punkt7
    assert headings(frb, 1) == [
        "Resume", "Beslutning", "Indstilling", "Sagsfremstilling", "Økonomi",
        "Borgmesterpåtegning", "Behandling", "Historik", "Bilag",
    ]  # fmt: skip
    assert all(s.raw_heading is None for s in frb.items[1].sections)
    assert frb.items[1].sections[5].text == "Nej"
    assert frb.items[1].attachments == ["Bilag 1 Program for Studietur SU den 22. - 23 april 2020"]


def test_frederiksberg_subheadings_stay_inside(frb: Meeting) -> None:
    assert headings(frb, 2) == [
        "Resume", "Beslutning", "Indstilling", "Sagsfremstilling", "Videre proces", "Økonomi",
        "Borgmesterpåtegning", "Behandling", "Bilag",
    ]  # fmt: skip
    sections = frb.items[2].sections
    assert sections[3].text.startswith("Baggrund\nMagistraten anmodede")
    assert "\nEvalueringen\n" in sections[3].text
    assert sections[4].raw_heading == "Den videre proces"
    assert sections[1].text == (
        "Socialudvalget\n1. tog evalueringen af Netværkstedet Thorvaldsen til efterretning og\n"
        "2. godkendte den videre procesplan."
    )
    assert frb.items[3].attachments == [
        "Bilag 1 - Integrationsrådets høringssvar med bemærkninger",
        "Bilag 2 - Revideret handleplan 2020",
        "Bilag 3 - Forslag til fordeling af integrationspuljen 2020",
    ]


def test_table_of_contents_is_not_items(frb: Meeting) -> None:
    titles = [item.title for item in frb.items]
    assert not any("....." in t for t in titles)
    assert len(titles) == 4


KK_EXPECTED = [
    ("Økonomiudvalget", "2026-08-11", "referat", "28", "Københavns Kommunes Kontrolindsats 2025",
     ["Resume", "Tidligere beslutninger", "Indstilling", "Problemstilling", "Løsning", "Økonomi",
      "Videre proces", "Oversigt over politisk behandling", "Beslutning"]),
    ("Christianshavns Lokaludvalg", "2026-08-26", "referat", "10",
     "Seniorhusets samarbejde med Vandkulturhuset på Papirøen",
     ["Indstilling", "Problemstilling", "Løsning", "Økonomi", "Videre proces", "Beslutning"]),
    ("Klima-, Miljø- og Teknikudvalget", "2026-06-22", "referat", "23",
     "Kommunal garanti for lån til renovering af almene boliger, fsb afd. 1-43 Tingbjerg I, "
     "Brønshøj-Husum",
     ["Indstilling", "Problemstilling", "Løsning", "Økonomi", "Videre proces", "Beslutning"]),
    ("Borgerrepræsentationen", "2026-05-21", "referat", "52",
     "Medlemsforslag om frivillig benævnelse som enten forperson, forkvinde eller formand",
     ["Medlemsforslag", "Motivering", "Beslutning"]),
    ("Indre By Lokaludvalg", "2026-10-08", "dagsorden", "26",
     "B-sag: Ændring i retningslinjer for støtte fra lokaludvalgets pulje",
     ["Indstilling", "Problemstilling", "Løsning", "Økonomi", "Videre proces"]),
]  # fmt: skip


def test_jsonl_items_each_their_own_meeting() -> None:
    meetings = parse(jsonl_doc())
    got = [
        (m.committee, m.date, m.kind, m.items[0].number, m.items[0].title,
         [s.heading for s in m.items[0].sections])
        for m in meetings
    ]  # fmt: skip
    assert got == KK_EXPECTED
    assert all(m.municipality == "København" and len(m.items) == 1 for m in meetings)
    first = meetings[0].items[0]
    assert first.sections[0].raw_heading == "Resumé"
    assert first.item_id == "kk-2026-08-11-oekonomiudvalget-28"
    assert meetings[2].items[0].attachments == [
        "Bilag 1 Overblik over politisk behandling",
        "Bilag 2 Faser og lovgrundlag for Almene nybyggeri- og renoveringsprojekter",
    ]


def test_json_items_of_one_meeting_share_it() -> None:
    doc = jsonl_doc()
    base = doc.items[0]
    second = RawItem(base.municipality, base.committee, base.meeting_date, "29", "Næste sag",
                     (RawSection("RESUMÉ", "Tekst."), RawSection("Den videre proces", "Senere.")),
                     case_numbers=("2020 - 0012345",), kind="referat")  # fmt: skip
    third = RawItem("aarhus", "magistratens", "2020-01-02", "1", "Sag (2020-123456)", ())
    meetings = parse(Document("x.jsonl", "jsonl", "0", 0, items=(base, second, third)))
    assert [len(m.items) for m in meetings] == [2, 1]
    item = meetings[0].items[1]
    assert [(s.heading, s.raw_heading) for s in item.sections] == [
        ("Resume", "RESUMÉ"), ("Videre proces", "Den videre proces"),
    ]  # fmt: skip
    assert item.case_numbers == ["2020-0012345"]
    assert item.item_id == "koebenhavn-oekonomiudvalget-2026-08-11-29"
    assert (meetings[1].municipality, meetings[1].committee) == ("Aarhus", "Magistraten")
    assert meetings[1].items[0].title == "Sag"
    assert meetings[1].items[0].case_numbers == ["2020-123456"]


AGENDA = """DAGSORDEN
Økonomiudvalget
Mødedato: Tirsdag den 3. marts 2020 kl. 16.00
Sted: Rådhuset, mødelokale 1

Side 1 af 4

Punkt 1. Godkendelse af dagsorden
Sagsnr.: 2020-0001234

Indstilling
Direktionen indstiller, at dagsordenen godkendes.

Punkt 2. Budget 2021
Sagsnr.: 2020-0004321
Sagsfremstilling
Budgettet for 2021 fremlægges.
2
Økonomiske konsekvenser
Ingen.
"""


def test_agenda_of_another_municipality() -> None:
    [meeting] = parse(text_doc(AGENDA, "odense/okonomiudvalget_dagsorden.txt"))
    assert (meeting.municipality, meeting.committee, meeting.date) == (
        None, "Økonomiudvalget", "2020-03-03",
    )  # fmt: skip
    assert (meeting.time, meeting.place, meeting.kind) == ("16:00", "Rådhuset, mødelokale 1",
                                                           "dagsorden")  # fmt: skip
    assert [(i.number, i.title, i.case_numbers) for i in meeting.items] == [
        ("1", "Godkendelse af dagsorden", ["2020-0001234"]),
        ("2", "Budget 2021", ["2020-0004321"]),
    ]
    assert [s.heading for s in meeting.items[1].sections] == ["Sagsfremstilling", "Økonomi"]
    assert meeting.items[1].sections[0].text == "Budgettet for 2021 fremlægges."
    ids = [i.item_id for i in meeting.items]
    assert all(i.endswith("-dagsorden") and "-oekonomiudvalget-2020-03-03-" in i for i in ids)


def test_numbered_items_with_decision_lines() -> None:
    text = (
        "Aalborg Kommune\nReferat\n1. Meddelelser\nIndstilling\nAt orienteringen tages til "
        "efterretning.\nBeslutning i Magistraten den 3. marts 2020\nTaget til efterretning.\n"
        "Der var følgende punkter:\n1. Vejarbejde\n2. Trafik\n"
        "3. Ny skole i Nørresundby\nSagsfremstilling\nSkolen bygges.\n"
        "Magistratens beslutning den 03.03.2020\nGodkendt.\n"
    )
    [meeting] = parse(text_doc(text))
    assert (meeting.municipality, meeting.committee, meeting.date) == (
        "Aalborg", "Magistraten", "2020-03-03",
    )  # fmt: skip
    assert [(i.number, i.title) for i in meeting.items] == [
        ("1", "Meddelelser"), ("3", "Ny skole i Nørresundby"),
    ]  # fmt: skip
    assert [s.heading for s in meeting.items[0].sections] == ["Indstilling", "Beslutning"]
    assert meeting.items[0].sections[1].text.endswith("1. Vejarbejde\n2. Trafik")


def test_text_without_items_becomes_one_item() -> None:
    text = "Orientering om vejarbejder\n\nDer graves på Vesterbrogade i maj.\nSide 2 af 2\n"
    [meeting] = parse(text_doc(text, "notes/orientering.txt"))
    [item] = meeting.items
    assert (item.number, item.title) == (None, "Orientering om vejarbejder")
    assert [(s.heading, s.text) for s in item.sections] == [
        ("Tekst", "Orientering om vejarbejder\nDer graves på Vesterbrogade i maj."),
    ]
    assert item.item_id.endswith("-orientering-om-vejarbejder")


@pytest.mark.parametrize("text", ["", "   \n\t\n", "Side 1 af 3\n\n12\n"])
def test_empty_text_raises_parse_error(text: str) -> None:
    with pytest.raises(ParseError) as error:
        parse(text_doc(text, "empty.txt"))
    assert error.value.path == "empty.txt"


def test_metadata_wins_over_text() -> None:
    doc = text_doc("Punkt 1: Sag\nBeslutning\nGodkendt.", "x.txt",
                   municipality="aarhus", committee="byrådets", date="2021-06-01")  # fmt: skip
    [meeting] = parse(doc)
    assert (meeting.municipality, meeting.committee, meeting.date) == (
        "Aarhus", "Byrådet", "2021-06-01",
    )  # fmt: skip


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Fejl! Ukendt betegnelse for dokumentegenskab. indstiller,", ["indstiller,"]),
        ("[en ny integrationspolitik](#)", ["en ny integrationspolitik"]),
        ("Side 3 af 12\n7\n- 4 -\n\fTekst", ["Tekst"]),
    ],
)
def test_clean_lines_drops_debris(raw: str, expected: list[str]) -> None:
    assert clean_lines(raw) == expected


@pytest.mark.parametrize("name", [KBH, FRB])
def test_ids_stable_across_parses(name: str) -> None:
    first = [i.item_id for m in parse(sample_doc(name)) for i in m.items]
    second = [i.item_id for m in parse(sample_doc(name)) for i in m.items]
    assert first == second and len(set(first)) == len(first)


def _sample_lines() -> list[str]:
    return [
        line
        for name in (KBH, FRB)
        for line in (SAMPLES / name).read_text(encoding="utf-8").splitlines()
    ]


SAMPLE_LINES = _sample_lines()


def _check(doc: Document) -> None:
    try:
        meetings = parse(doc)
    except ParseError:
        return
    ids = [item.item_id for m in meetings for item in m.items]
    assert meetings and ids and all(ids) and len(set(ids)) == len(ids)
    assert all(item.title for m in meetings for item in m.items)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(SAMPLE_LINES), max_size=80))
def test_shuffled_sample_lines_parse_or_raise(lines: list[str]) -> None:
    _check(text_doc("\n".join(lines), "shuffled.txt"))


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=400))
def test_arbitrary_text_parses_or_raises(text: str) -> None:
    _check(text_doc(text, "random.txt"))


@settings(max_examples=80, deadline=None)
@given(st.lists(st.sampled_from(["Punkt 3: Titel", "1. Sag (2020-12345)", "Beslutning",
                                  "BILAG", "00.01.00-A00-1-20", "Tekst.", "Resume", ""]),
                max_size=30))  # fmt: skip
def test_structured_fragments_parse_or_raise(lines: list[str]) -> None:
    _check(text_doc("\n".join(lines), "fragments.txt"))
