"""Votes recorded in decisions: party lists, counts, split parties, several votes, no vote."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from indexer.decisions.votes import ballots, entries, lines, parse_votes
from indexer.types import Votes


def _kk_decision(samples_dir: Path, item_id: str) -> str:
    for line in (samples_dir / "kk-items-sample.jsonl").read_text(encoding="utf-8").splitlines():
        item = json.loads(line)
        if item["id"] == item_id:
            return next(s["tekst"] for s in item["afsnit"] if s["titel"] == "Beslutning")
    raise AssertionError(f"{item_id} not in the sample")


def _counts(for_: int, against: int, abstained: int) -> dict[str, int]:
    return {"for": for_, "against": against, "abstained": abstained}


def test_borgerrepraesentationen_records_every_vote(samples_dir: Path) -> None:
    text = _kk_decision(samples_dir, "kk-2026-05-21-borgerrepræsentationen-52")
    assert parse_votes(text) == Votes(
        ["F", "A", "C", "V", "I", "O"], ["Ø", "B", "Å", "Q"], [], _counts(32, 22, 0)
    )
    taken = [ballot.votes() for ballot in ballots(lines(text))]
    assert len(taken) == 4
    # the referral was rejected "med 52 stemmer mod 2": the larger count is against
    assert taken[0] == Votes(
        ["Å"], ["Ø", "F", "A", "C", "B", "V", "I", "O", "Q"], [], _counts(2, 52, 0)
    )
    assert taken[1].abstained == ["Ø"] and taken[1].counts == _counts(38, 3, 13)


def test_borgerrepraesentationen_split_party_and_loesgaenger() -> None:
    text = (
        "Indstillingen blev godkendt med 42 stemmer mod 4. 8 medlemmer undlod at stemme.\n"
        "For stemte: Ø (Charlotte Lund, Jens Jensen), A, C, F, B, V, Å, I, O og Helle Jønch\n"
        "Imod stemte: Ø (Mikkel Skovgaard) , Q\n"
        "Undlod at stemme: D"
    )
    assert parse_votes(text) == Votes(
        ["Ø (Charlotte Lund, Jens Jensen)", "A", "C", "F", "B", "V", "Å", "I", "O", "Helle Jønch"],
        ["Ø (Mikkel Skovgaard)", "Q"],
        ["D"],
        _counts(42, 4, 8),
    )


def test_counted_list_of_a_committee() -> None:
    text = "For stemte 8 medlemmer: A, B, F og Ø.\nImod stemte 3 medlemmer: C og V."
    assert parse_votes(text) == Votes(["A", "B", "F", "Ø"], ["C", "V"], [], _counts(8, 3, 0))


def test_lists_before_the_result() -> None:
    text = (
        "Der var afstemning om ÆF1:\n\nStemmer for: 1 (I)\n\nStemmer imod: 10 (Ø, A, B og C)\n\n"
        "Undlod at stemme: 0\n\nÆndringsforslaget blev dermed forkastet.\n\n"
        "Der var afstemning om indstillingens 2. at-punkt:\n\nStemmer for: 8 (F, B, A, Ø)\n\n"
        "Stemmer imod: 3 (C og I)\n\nUndlod at stemme: 0\n\nIndstillingen blev godkendt."
    )
    found = ballots(lines(text))
    assert [ballot.votes() for ballot in found] == [
        Votes(["I"], ["Ø", "A", "B", "C"], [], _counts(1, 10, 0)),
        Votes(["F", "B", "A", "Ø"], ["C", "I"], [], _counts(8, 3, 0)),
    ]
    assert [lines(text)[ballot.result or 0] for ballot in found] == [
        "Ændringsforslaget blev dermed forkastet.",
        "Indstillingen blev godkendt.",
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Indstillingen blev godkendt uden afstemning.", None),
        ("Indstillingen blev taget til efterretning.", None),
        ("Indstillingen blev godkendt med 42 stemmer mod 4.", Votes([], [], [], _counts(42, 4, 0))),
        (
            "Forslaget blev forkastet med 52 stemmer mod 2. Ingen medlemmer undlod at stemme.",
            Votes([], [], [], _counts(2, 52, 0)),
        ),
        ("Det blev forkastet med 3 stemmer mod 8.", Votes([], [], [], _counts(3, 8, 0))),
        (
            "Medlemsforslaget blev vedtaget efter afstemning med 42 imod 13. Ingen medlemme udlod "
            "at stemme.",
            Votes([], [], [], _counts(42, 13, 0)),
        ),
        (
            "For stemte: Ø, A, F\nImod stemte: V\nUndlod at stemme: C",
            Votes(["Ø", "A", "F"], ["V"], ["C"]),
        ),
        (
            "For stemte 5 (A, Ø)\nImod stemte 2 (V)\nForslaget blev vedtaget med 5 stemmer mod 2.",
            Votes(["A", "Ø"], ["V"], [], _counts(5, 2, 0)),
        ),
        ("Godkendt. V og C stemte imod. Ø undlod at stemme.", Votes([], ["V", "C"], ["Ø"])),
        (
            "Forslaget blev vedtaget med 20 stemmer (A, F og Ø) mod 11 stemmer (V, C).",
            Votes(["A", "F", "Ø"], ["V", "C"], [], _counts(20, 11, 0)),
        ),
        ("For stemte 9\n\nImod stemte 5\n\nBlankt stemte 6", Votes([], [], [], _counts(9, 5, 6))),
        (
            "For: Enhedslisten og Socialdemokratiet",
            Votes(["Enhedslisten", "Socialdemokratiet"], [], []),
        ),
        ("For: F, Ø, A, C, V, og Å", Votes(["F", "Ø", "A", "C", "V", "Å"], [], [])),
    ],
)
def test_vote_formats(text: str, expected: Votes | None) -> None:
    assert parse_votes(text) == expected


def test_ordinary_sentences_are_no_votes() -> None:
    assert parse_votes("For at sikre fremdriften godkendte udvalget planen.") is None


def test_entries_keep_split_parties_whole() -> None:
    assert entries("A (Andreas Keil, Ulla Krag), C, V og O") == [
        "A (Andreas Keil, Ulla Krag)",
        "C",
        "V",
        "O",
    ]
    assert entries("den samlede opposition og mange flere med dem i byrådet") is None


@given(st.text(max_size=300))
def test_parse_votes_never_crashes(text: str) -> None:
    votes = parse_votes(text)
    assert votes is None or isinstance(votes, Votes)


@given(
    st.lists(
        st.sampled_from(["A", "B", "C", "F", "I", "O", "V", "Ø", "Å"]), min_size=1, max_size=6
    ),
    st.integers(min_value=0, max_value=60),
)
def test_any_party_list_reads_back(parties: list[str], count: int) -> None:
    joined = ", ".join(parties[:-1]) + (" og " if len(parties) > 1 else "") + parties[-1]
    votes = parse_votes(f"For stemte {count} medlemmer: {joined}.")
    assert votes is not None and votes.for_ == parties and votes.counts == _counts(count, 0, 0)
