"""decide(): detection, outcomes, clauses and faithful summaries on the real samples."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corpus.read import read
from indexer.decisions.detect import decide
from indexer.decisions.outcomes import weightiest
from indexer.decisions.summary import FUNCTION_WORDS, danish_date
from indexer.evaluation.decisions import GOLD, evaluate
from indexer.structure.parse import parse
from indexer.types import OUTCOMES, AgendaItem, Decision, Meeting, Section

FRB = "frederiksberg-socialudvalget-2020-02-03.txt"
KBH = "kobenhavn-socialudvalget-2010-05-05.txt"
KBH_HEADER = "Socialudvalgets beslutning den 05.05.2010"


def _between(text: str, start: str, end: str | None = None) -> str:
    begin = text.index(start) + len(start)
    return text[begin : text.index(end, begin) if end else len(text)].strip()


def _frb_item(samples_dir: Path, number: str) -> AgendaItem:
    """A Frederiksberg item built by hand from the sample text, heading by heading."""
    text = (samples_dir / FRB).read_text(encoding="utf-8")
    after = f"Punkt {int(number) + 1}:" if number != "10" else None
    body = _between(text, f"Punkt {number}:", after)
    names = [n for n in ("Beslutning", "Indstilling", "Sagsfremstilling") if f"\n{n}\n" in body]
    sections = []
    for index, name in enumerate(names):
        end = f"\n{names[index + 1]}\n" if index + 1 < len(names) else "\nØkonomi\n"
        sections.append(Section(name, _between(body, f"\n{name}\n", end if end in body else None)))
    return AgendaItem(number=number, title=body.splitlines()[0], sections=sections)


def _kbh_item(samples_dir: Path, decision_heading: str = "Beslutning") -> AgendaItem:
    text = (samples_dir / KBH).read_text(encoding="utf-8")
    recommendation = _between(text, "INDSTILLING OG Beslutning", "\nProblemstilling")
    decision = _between(text, KBH_HEADER)
    sections = [Section("Indstilling og beslutning", recommendation)]
    if decision_heading == "Beslutning":
        sections.append(Section("Beslutning", decision, raw_heading=KBH_HEADER))
    else:  # the decision header left inside another section's text
        sections.append(Section(decision_heading, f"Anette Laigaard\n{KBH_HEADER}\n{decision}"))
    return AgendaItem(number="2", title="Socialudvalgets svar", sections=sections)


def _meeting(committee: str | None, day: str | None, kind: str = "referat") -> Meeting:
    return Meeting("København", committee, day, kind=kind)


FRB_MEETING = _meeting("Socialudvalget", "2020-02-03")


@pytest.mark.parametrize(
    ("number", "outcome", "clauses", "facts"),
    [
        ("8", "noted", ["noted"], ["Socialudvalget tog den 3. februar 2020", "til efterretning"]),
        (
            "9",
            "approved",
            ["noted", "approved"],
            [
                "tog den 3. februar 2020 evalueringen af Netværkstedet Thorvaldsen",
                "godkendte den videre procesplan",
            ],
        ),
        (
            "10",
            "approved",
            ["approved", "approved"],
            [
                "Socialudvalget godkendte den 3. februar 2020 fordelingen af integrationspuljen",
                "godkendte den endelige handleplan 2020, idet der skal indføres en tydeligere "
                "henvisning til Unge godt på vej.",
            ],
        ),
    ],
)
def test_frederiksberg_explicit_decisions(
    samples_dir: Path, number: str, outcome: str, clauses: list[str], facts: list[str]
) -> None:
    decision = decide(_frb_item(samples_dir, number), FRB_MEETING)
    assert decision is not None
    assert decision.outcome == outcome
    assert [clause.outcome for clause in decision.clauses] == clauses
    assert decision.votes is None
    for fact in facts:
        assert fact in decision.summary


def test_frederiksberg_meddelelser_is_not_a_decision(samples_dir: Path) -> None:
    item = _frb_item(samples_dir, "7")
    assert "Udvalget godkendte de angivne datoer" in item.sections[0].text
    assert decide(item, FRB_MEETING) is None


@pytest.mark.parametrize("heading", ["Beslutning", "Bilag"])
def test_kobenhavn_decision_by_reference(samples_dir: Path, heading: str) -> None:
    decision = decide(_kbh_item(samples_dir, heading), _meeting("Socialudvalget", "2010-05-05"))
    assert decision is not None
    assert decision.outcome == "approved"
    assert [clause.outcome for clause in decision.clauses] == ["discussed", "approved", "noted"]
    assert "overværede" not in decision.text
    assert decision.summary.startswith(
        "Socialudvalget godkendte den 5. maj 2010 indstillingen: drøftede den fremtidige "
        "strategiske retning for integrationsindsatsen på det sociale område, godkendte og "
        "oversendte vedlagte svar"
    )
    assert "og tog til efterretning, at Socialforvaltningen kun iværksætter" in decision.summary
    assert ", med bemærkning om, at forvaltningen bemyndiges til" in decision.summary
    assert "kønsforskelle i relation til skolegang" in decision.summary


def test_header_of_another_meeting_is_not_this_decision(samples_dir: Path) -> None:
    item = _kbh_item(samples_dir, "Bilag")
    assert decide(item, _meeting("Socialudvalget", "2010-06-02")) is None


@pytest.mark.parametrize(
    ("decision", "outcome", "clauses"),
    [
        ("Indstillingen blev ikke godkendt.", "rejected", ["rejected"] * 3),
        ("Godkendt.", "approved", ["discussed", "approved", "noted"]),
        ("Socialudvalget tiltrådte indstillingen.", "approved", ["discussed", "approved", "noted"]),
        ("Indstillingen blev taget til efterretning.", "noted", ["noted"] * 3),
        ("Sagen blev udsat.", "postponed", ["postponed"]),
        (
            "Indstillingen blev godkendt med 8 stemmer mod 3.",
            "approved",
            ["discussed", "approved", "noted"],
        ),
    ],
)
def test_reference_forms(
    samples_dir: Path, decision: str, outcome: str, clauses: list[str]
) -> None:
    item = _kbh_item(samples_dir)
    item.sections[-1] = Section("Beslutning", decision)
    found = decide(item, _meeting("Socialudvalget", "2010-05-05"))
    assert found is not None
    assert (found.outcome, [clause.outcome for clause in found.clauses]) == (outcome, clauses)


def test_rejected_reference_summary_says_so(samples_dir: Path) -> None:
    item = _kbh_item(samples_dir)
    item.sections[-1] = Section("Beslutning", "Indstillingen blev ikke godkendt.")
    found = decide(item, _meeting("Socialudvalget", "2010-05-05"))
    assert found is not None
    assert found.summary.startswith("Socialudvalget godkendte den 5. maj 2010 ikke indstillingen:")


def test_reference_takes_only_points_addressed_to_the_deciding_body(samples_dir: Path) -> None:
    item = _frb_item(samples_dir, "10")
    item.sections[0] = Section("Beslutning", "Indstillingen blev godkendt.")
    found = decide(item, FRB_MEETING)
    assert found is not None
    assert [clause.text for clause in found.clauses] == [
        "godkendte fordelingen af integrationspuljen 2020, som det fremgår af bilag 3",
        "godkendte den endelige handleplan 2020",
    ]


@pytest.mark.parametrize(
    ("decision", "summary", "outcomes"),
    [
        (
            "Fraværende: Jens Hansen (A)\nSocialudvalget den 03.02.2020:\nGodkendt.",
            "Socialudvalget godkendte den 3. februar 2020 planen.",
            ["approved"],
        ),
        (
            "Indstillingen blev godkendt.\nUdvalget besluttede endvidere at udsætte sagen om "
            "budgettet.",
            "Socialudvalget godkendte den 3. februar 2020 planen. Udvalget besluttede endvidere "
            "at udsætte sagen om budgettet.",
            ["approved", "postponed"],
        ),
        (
            "Økonomiudvalget anbefaler Borgerrepræsentationen\n1. at godkende planen\n"
            "2. at oversende sagen",
            "Økonomiudvalget anbefaler den 3. februar 2020 Borgerrepræsentationen at godkende "
            "planen og at oversende sagen.",
            ["approved", "referred"],
        ),
        (
            "Socialudvalget godkendte:\n1. planen\n2. budgettet for 2021.",
            "Socialudvalget godkendte den 3. februar 2020 planen og budgettet for 2021.",
            ["approved", "approved"],
        ),
        (
            "Socialudvalget godkendte indstillingen, idet planen skal revideres i 2021.",
            "Socialudvalget godkendte den 3. februar 2020 planen, idet planen skal revideres i "
            "2021.",
            ["approved"],
        ),
    ],
)
def test_decision_forms(decision: str, summary: str, outcomes: list[str]) -> None:
    sections = [
        Section("Indstilling", "Forvaltningen indstiller, at udvalget godkender planen."),
        Section("Beslutning", decision),
    ]
    found = decide(AgendaItem(number="1", title="Plan", sections=sections), FRB_MEETING)
    assert found is not None
    assert found.summary == summary
    assert [clause.outcome for clause in found.clauses] == outcomes


def test_several_headers_pick_this_meetings_decision() -> None:
    text = (
        "Socialudvalgets beslutning i mødet den 13. maj 2026\n\nIndstillingen blev anbefalet.\n\n"
        "Økonomiudvalgets beslutning i mødet den 11. august 2026\n\n"
        "Økonomiudvalget besluttede at oversende indstillingen til Borgerrepræsentationen."
    )
    item = AgendaItem(number="28", title="Kontrolindsats", sections=[Section("Beslutning", text)])
    found = decide(item, _meeting("Økonomiudvalget", "2026-08-11"))
    assert found is not None
    assert found.outcome == "referred"
    assert found.summary == (
        "Økonomiudvalget besluttede den 11. august 2026 at oversende indstillingen til "
        "Borgerrepræsentationen."
    )


@pytest.mark.parametrize(
    ("sections", "kind"),
    [
        ([Section("Beslutning", "")], "referat"),
        (
            [
                Section(
                    "Beslutning", "Kontorchef Gitte Bylov Larsen overværede punktets behandling."
                )
            ],
            "referat",
        ),
        (
            [Section("Indstilling", "Forvaltningen indstiller, at udvalget godkender planen.")],
            "referat",
        ),
        ([Section("Beslutning", "Indstillingen blev godkendt.")], "dagsorden"),
        ([], "referat"),
    ],
)
def test_nothing_decided_gives_none(sections: list[Section], kind: str) -> None:
    item = AgendaItem(number="1", title="Punkt", sections=sections)
    assert decide(item, _meeting("Socialudvalget", "2020-02-03", kind)) is None


def test_samples_through_read_and_parse(samples_dir: Path) -> None:
    found: dict[str, Decision | None] = {}
    for name in (FRB, KBH, "kk-items-sample.jsonl"):
        for meeting in parse(read(samples_dir / name)):
            for item in meeting.items:
                found[item.source_id or item.number or ""] = decide(item, meeting)
    assert {key: d.outcome if d else None for key, d in found.items()} == {
        "7": None, "8": "noted", "9": "approved", "10": "approved", "2": "approved",
        "kk-2026-08-11-økonomiudvalget-28": "referred",
        "kk-2026-08-26-christianshavns-lokaludvalg-10": "approved",
        "kk-2026-06-22-klima--miljø--og-teknikudvalget-23": "approved",
        "kk-2026-05-21-borgerrepræsentationen-52": "approved",
        "kk-2026-10-08-indre-by-lokaludvalg-26": None,
    }  # fmt: skip
    lokal = found["kk-2026-08-26-christianshavns-lokaludvalg-10"]
    assert lokal is not None and lokal.summary.startswith(
        "Christianshavns Lokaludvalg bemyndigede den 26. august 2026 Asbjørn Kaasgaard"
    )


def test_gold_targets(samples_dir: Path) -> None:
    figures = evaluate(GOLD, samples_dir).figures()
    assert figures["outcome_accuracy"] >= 0.95
    assert figures["clause_outcome_accuracy"] >= 0.9
    assert figures["fact_recall"] >= 0.9


# --- properties: never crash; the summary only says what the item says -----------------

_WORD = re.compile(r"\w+")
FRAGMENTS = [
    "Indstillingen blev godkendt",
    "Indstillingen blev ikke godkendt",
    "Godkendt.",
    "med bemærkning om, at",
    "Socialudvalget",
    "Udvalget",
    "\n1. tog",
    "\n2. godkendte",
    "til efterretning",
    "\n• at Socialudvalget drøfter",
    "indstiller, at udvalget",
    "Socialudvalgets beslutning den 05.05.2010\n",
    "Beslutning i Økonomiudvalget den 11. august 2026\n",
    "For stemte: A, B\n",
    "med 4 stemmer mod 2",
    "udsat",
    "oversendes til",
    "afviste",
    "uden afstemning",
    "overværede punktets behandling.\n",
    "Sagen blev udsat.",
    "vedtaget",
    "\n",
    ". ",
    ", ",
    ":",
    "Lokaludvalget bemyndigede",
]
_words = st.text(alphabet="abcæøåKLM -", min_size=1, max_size=12)
_texts = st.lists(st.sampled_from(FRAGMENTS) | _words, max_size=25).map(" ".join)
_headings = st.sampled_from(
    [
        "Beslutning",
        "Indstilling",
        "Indstilling og beslutning",
        "Sagsfremstilling",
        "Tekst",
        "Medlemsforslag",
    ]
)
_raw = st.sampled_from([None, "Socialudvalgets beslutning den 05.05.2010", "Beslutning"])
_sections = st.builds(Section, _headings, _texts | st.text(max_size=200), _raw)
_meetings = st.builds(
    _meeting,
    st.sampled_from([None, "Socialudvalget", "Christianshavns Lokaludvalg"]),
    st.sampled_from([None, "2010-05-05", "2020-02-03", "2020-02", "not a date"]),
    st.sampled_from(["referat", "referat", "dagsorden"]),
)


def _allowed(item: AgendaItem, meeting: Meeting) -> set[str]:
    """The words a summary may use: the item's, the committee's, the date's, function words."""
    parts = [item.title] + [f"{s.raw_heading or ''} {s.text}" for s in item.sections]
    words = set(_WORD.findall(" ".join(parts).casefold()))
    words |= {word.lstrip("0") for word in words if word.isdigit()}
    words |= set(_WORD.findall(f"{meeting.committee} {danish_date(meeting.date)}".casefold()))
    return words | {word.casefold() for word in FUNCTION_WORDS}


def _unfaithful(summary: str, allowed: set[str]) -> list[str]:
    return [
        word
        for word in _WORD.findall(summary.casefold())
        if not (word in allowed or f"{word}s" in allowed or word.removesuffix("s") in allowed)
    ]


@settings(max_examples=150, deadline=None)
@given(st.lists(_sections, max_size=5), _meetings)
def test_decide_never_crashes_and_summaries_are_faithful(
    sections: list[Section], meeting: Meeting
) -> None:
    item = AgendaItem(number="1", title="Punkt", sections=sections)
    decision = decide(item, meeting)
    if decision is None:
        return
    assert decision.clauses
    assert {clause.outcome for clause in decision.clauses} <= set(OUTCOMES)
    assert decision.outcome == weightiest(clause.outcome for clause in decision.clauses)
    assert decision.summary.strip()
    assert _unfaithful(decision.summary, _allowed(item, meeting)) == []


@pytest.mark.parametrize("name", [FRB, KBH, "kk-items-sample.jsonl"])
def test_sample_summaries_are_faithful(samples_dir: Path, name: str) -> None:
    for meeting in parse(read(samples_dir / name)):
        for item in meeting.items:
            decision = decide(item, meeting)
            if decision is not None:
                assert _unfaithful(decision.summary, _allowed(item, meeting)) == []
