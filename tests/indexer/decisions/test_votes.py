"""Votes recorded in decisions: party lists, counts, several votes, no vote."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from indexer.decisions.votes import parse_votes
from indexer.types import Votes


def _kk_decision(samples_dir: Path, item_id: str) -> str:
    for line in (samples_dir / "kk-items-sample.jsonl").read_text(encoding="utf-8").splitlines():
        item = json.loads(line)
        if item["id"] == item_id:
            return next(s["tekst"] for s in item["afsnit"] if s["titel"] == "Beslutning")
    raise AssertionError(f"{item_id} not in the sample")


def test_borgerrepraesentationen_records_the_final_vote(samples_dir: Path) -> None:
    text = _kk_decision(samples_dir, "kk-2026-05-21-borgerrepræsentationen-52")
    assert parse_votes(text) == Votes(
        for_=["F", "A", "C", "V", "I", "O"], against=["Ø", "B", "Å", "Q"], abstained=[]
    )


def test_amendment_vote_keeps_its_abstentions() -> None:
    text = (
        "Det af Dansk Folkeparti fremsatte ændringsforslag blev godkendt med 38 stemmer mod 3. "
        "13 medlemmer undlod at stemme.\n\nFor stemte: F, A, C, B, V, I og O\n\n"
        "Imod stemte: A og Q\n\nUndlod at stemme: Ø"
    )
    assert parse_votes(text) == Votes(
        for_=["F", "A", "C", "B", "V", "I", "O"], against=["A", "Q"], abstained=["Ø"]
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Indstillingen blev godkendt uden afstemning.", None),
        ("Indstillingen blev taget til efterretning.", None),
        (
            "Indstillingen blev godkendt med 42 stemmer mod 4.",
            Votes(["42 stemmer"], ["4 stemmer"], []),
        ),
        (
            "Forslaget blev forkastet med 52 stemmer mod 2. Ingen medlemmer undlod at stemme.",
            Votes(["52 stemmer"], ["2 stemmer"], []),
        ),
        (
            "For stemte: Ø, A, F\nImod stemte: V\nUndlod at stemme: C",
            Votes(["Ø", "A", "F"], ["V"], ["C"]),
        ),
        (
            "For stemte 5 (A, Ø)\nImod stemte 2 (V)\nForslaget blev vedtaget med 5 stemmer mod 2.",
            Votes(["A", "Ø"], ["V"], []),
        ),
        ("Godkendt. V og C stemte imod. Ø undlod at stemme.", Votes([], ["V", "C"], ["Ø"])),
        (
            "Forslaget blev vedtaget med 20 stemmer (A, F og Ø) mod 11 stemmer (V, C).",
            Votes(["A", "F", "Ø"], ["V", "C"], []),
        ),
        ("Forslaget blev godkendt med 9 stemmer mod 0.", Votes(["9 stemmer"], ["0 stemmer"], [])),
        (
            "For: Enhedslisten og Socialdemokratiet",
            Votes(["Enhedslisten", "Socialdemokratiet"], [], []),
        ),
    ],
)
def test_vote_formats(text: str, expected: Votes | None) -> None:
    assert parse_votes(text) == expected


def test_ordinary_sentences_are_no_votes() -> None:
    assert parse_votes("For at sikre fremdriften godkendte udvalget planen.") is None


@given(st.text(max_size=300))
def test_parse_votes_never_crashes(text: str) -> None:
    votes = parse_votes(text)
    assert votes is None or isinstance(votes, Votes)
