"""Decisions as records: amendments, protocol remarks, votes per clause, party letters."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from indexer.decisions import records
from indexer.decisions.detect import decide
from indexer.decisions.outcomes import classify
from indexer.decisions.parties import PARTIES, by_name, letter_of, name_of, parties_in
from indexer.types import OUTCOMES, AgendaItem, Meeting, Section, Votes

BR = Meeting("København", "Borgerrepræsentationen", "2026-06-25")
BUU = Meeting("København", "Børne- og Ungdomsudvalget", "2026-06-10")


def _decide(text: str, meeting: Meeting = BR, recommendation: str = "") -> object:
    sections = [Section("Indstilling", recommendation)] if recommendation else []
    item = AgendaItem("1", "Medlemsforslag om gratis skolemad", sections=sections)
    item.sections.append(Section("Beslutning", text))
    return decide(item, meeting)


AMENDED = """\
Socialistisk Folkeparti og Radikale Venstre stillede ændringsforslag om tilføjelse:
”at skolemaden er økologisk”
Det Konservative Folkeparti stillede ændringsforslag om, at ordningen udskydes til 2028.
Det af Socialistisk Folkeparti og Radikale Venstre fremsatte ændringsforslag blev godkendt \
uden afstemning.
Ændringsforslaget blev forkastet efter afstemning med følgende resultat:
For stemte 3 medlemmer: C og V.
Imod stemte 8 medlemmer: A, B, F og Ø.
Medlemsforslaget blev godkendt med 8 stemmer mod 3.
For stemte: A, B, F og Ø
Imod stemte: C og V
Venstre ønskede følgende tilført beslutningsprotokollen: ”Venstre ønsker en brugerbetaling.”
Alternativet afgav følgende protokolbemærkning, som Enhedslisten tilsluttede sig:
”Maden skal være plantebaseret.”"""


def test_amendments_votes_and_remarks_of_a_committee_decision() -> None:
    decision = _decide(
        AMENDED, BUU, "Forslagsstilleren foreslår,\n\n• at udvalget godkender gratis skolemad"
    )
    assert decision is not None
    found = [(a.proposed_by, a.outcome) for a in decision.amendments]
    assert found == [
        ("Socialistisk Folkeparti og Radikale Venstre", "approved"),
        ("Det Konservative Folkeparti", "rejected"),
    ]
    assert decision.amendments[0].text.endswith("”at skolemaden er økologisk”")
    assert decision.amendments[0].parties == ["F", "B"]
    assert decision.amendments[1].vote == Votes(
        ["C", "V"], ["A", "B", "F", "Ø"], [], {"for": 3, "against": 8, "abstained": 0}
    )
    assert decision.votes == Votes(
        ["A", "B", "F", "Ø"], ["C", "V"], [], {"for": 8, "against": 3, "abstained": 0}
    )
    assert [clause.vote for clause in decision.clauses] == [decision.votes]
    assert [(r.by, r.parties) for r in decision.remarks] == [
        ("Venstre", ["V"]),
        ("Alternativet", ["Å", "Ø"]),
    ]
    assert decision.remarks[1].text == "”Maden skal være plantebaseret.”"
    assert decision.outcome == "approved"
    assert decision.summary == (
        "Børne- og Ungdomsudvalget godkendte den 10. juni 2026 gratis skolemad "
        "med SF's og Radikale Venstres ændringsforslag, 8 stemmer mod 3 (C og V imod); "
        "De Konservatives ændringsforslag blev forkastet."
    )


def test_a_referral_motion_is_an_amendment_and_each_vote_its_own() -> None:
    text = (
        "Radikale Venstre fremsatte forslag om udvalgshenvisning til Klima-, Miljø- og "
        "Teknikudvalget.\n\nDet af Radikale Venstre fremsatte forslag om udvalgshenvisning blev "
        "forkastet efter afstemning med 45 stemmer imod 8. Ingen medlemmer undlod at stemme.\n\n"
        "For stemte: B og Å\n\nImod stemte: Ø, F, A, C, V, I, O og Q\n\n"
        "Medlemsforslaget blev herefter vedtaget efter afstemning med 48 stemmer imod 3. Ingen "
        "medlemmer undlod at stemme.\n\nFor stemte: Ø, F, A, C, B, V, Å, O og Q\n\nImod stemte: I"
    )
    decision = _decide(text)
    assert decision is not None
    (referral,) = decision.amendments
    assert referral.outcome == "rejected" and referral.text.startswith("udvalgshenvisning")
    assert referral.vote is not None and referral.vote.counts == {
        "for": 8,
        "against": 45,
        "abstained": 0,
    }
    assert decision.votes is not None and decision.votes.against == ["I"]
    assert decision.outcome == "approved"
    assert "48 stemmer imod 3 (I imod)" in decision.summary
    assert "Radikale Venstres forslag om udvalgshenvisning blev forkastet" in decision.summary


@pytest.mark.parametrize(
    ("sentence", "outcome"),
    [
        ("Lokaludvalget gav forpersonskabet mandat til at færdiggøre et høringssvar.", "approved"),
        ("Lokaludvalget besluttede at indsende 8 forslag til Københavnerting 2027.", "approved"),
        (
            "Økonomiudvalget besluttede at oversende indstillingen til Borgerrepræsentationen.",
            "referred",
        ),
        ("Der blev besluttet følgende høringssvar:", "approved"),
        ("Brønshøj-Husum Lokaludvalg valgte følgende repræsentanter til bestyrelsen:", "approved"),
        ("Udvalget ønskede at forvaltningen vender tilbage med en ny indstilling.", "postponed"),
        ("Lokaludvalget fik en gensidig orientering om arbejdsgrupperne.", "noted"),
        ("Indstillingen blev anbefalet over for Borgerrepræsentationen.", "approved"),
        ("Udvalget bevilgede 50.000 kr. til festen.", "approved"),
        ("Drøftelse af direkte valgte repræsentanter.", "other"),
    ],
)
def test_outcome_verbs_of_committees_and_local_committees(sentence: str, outcome: str) -> None:
    assert classify(sentence) == outcome


DISCUSSED = "Lokaludvalget drøftede høringen."
MANDATE = "Lokaludvalget gav forpersonskabet mandat til at færdiggøre et høringssvar."


@pytest.mark.parametrize(
    "text",
    [
        f"ad 1) {DISCUSSED}\nad 2) {MANDATE}",
        f"ad. 1. {DISCUSSED}\n\nad. 2. {MANDATE}",
        f"Ad.1. {DISCUSSED}\n\nAd. 2. {MANDATE}",
        f"1. {DISCUSSED}\n2. {MANDATE}",
        f"• {DISCUSSED}\n• {MANDATE}",
    ],
)
def test_every_numbering_form_gives_the_points(text: str) -> None:
    meeting = Meeting("København", "Bispebjerg Lokaludvalg", "2026-08-27")
    decision = _decide(text, meeting)
    assert decision is not None
    assert [clause.outcome for clause in decision.clauses] == ["discussed", "approved"]


def test_clauses_by_at_point_number_follow_the_recommendation() -> None:
    recommendation = (
        "Socialforvaltningen indstiller, at Socialudvalget\n\n1. godkender prognosen\n\n"
        "2. tager status til efterretning\n\n3. tager økonomien til efterretning\n\n"
        "4. godkender handleplanen"
    )
    text = (
        "Indstillingens 1. og 4. at-punkt blev godkendt.\n\n"
        "Indstillingens 2. og 3. at-punkt blev taget til efterretning."
    )
    decision = _decide(text, Meeting("København", "Socialudvalget", "2026-10-07"), recommendation)
    assert decision is not None
    assert [c.outcome for c in decision.clauses] == ["approved", "noted", "noted", "approved"]


def test_party_letters_and_names_resolve_in_one_place() -> None:
    assert name_of("C") == "Det Konservative Folkeparti" and name_of("Ø") == "Enhedslisten"
    radical = by_name("det radikale venstre")
    assert radical is not None and radical.letter == "B"
    assert letter_of("Ø (Charlotte Lund, Jens Jensen)") == "Ø"
    assert letter_of("Helle Jønch") is None
    assert [p.letter for p in parties_in("Venstre, Liberal Alliance og Dansk folkeparti")] == [
        "V",
        "I",
        "O",
    ]
    assert [p.letter for p in parties_in("Det Radikale Venstre og SF")] == ["B", "F"]
    assert len({party.letter for party in PARTIES}) == len(PARTIES)


@given(st.lists(st.sampled_from(AMENDED.splitlines()), max_size=12).map("\n".join))
def test_split_never_loses_a_vote_or_crashes(text: str) -> None:
    parts = records.split(text)
    assert all(amendment.outcome in OUTCOMES for amendment in parts.amendments)
    taken = [ballot.votes() for ballot, _, _ in parts.ballots]
    for ballot, decided, _ in parts.ballots:
        counts = ballot.votes().counts
        assert counts is None or min(counts.values()) >= 0
        assert all(amendment.vote in taken for amendment in decided)
