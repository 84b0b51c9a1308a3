"""Summaries composed from the decision's own words: dates, names, sentence forms."""

from __future__ import annotations

import pytest

from indexer.decisions.summary import Reference, danish_date, nominative, parse_date, summarise
from indexer.types import Clause


@pytest.mark.parametrize(
    ("iso", "expected"),
    [
        ("2010-05-05", "5. maj 2010"),
        ("2020-02-03", "3. februar 2020"),
        ("2026-08-11", "11. august 2026"),
        ("2010-05", "maj 2010"),
        ("2010-13-40", None),
        (None, None),
        ("", None),
    ],
)
def test_danish_date(iso: str | None, expected: str | None) -> None:
    assert danish_date(iso) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("05.05.2010", "2010-05-05"),
        ("11. august 2026", "2026-08-11"),
        ("22. juni 2026", "2026-06-22"),
        ("31.02.2020", None),
        ("i morgen", None),
    ],
)
def test_parse_date(text: str, expected: str | None) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Socialudvalgets", "Socialudvalget"),
        ("Økonomiudvalgets", "Økonomiudvalget"),
        ("Borgerrepræsentationens", "Borgerrepræsentationen"),
        ("Christianshavns Lokaludvalgs", "Christianshavns Lokaludvalg"),
        ("Klima-, Miljø- og Teknikudvalgets", "Klima-, Miljø- og Teknikudvalget"),
        ("socialudvalget", "Socialudvalget"),
    ],
)
def test_nominative(name: str, expected: str) -> None:
    assert nominative(name) == expected


def test_explicit_points_get_the_date_after_the_first_verb() -> None:
    clauses = [
        Clause("tog evalueringen af Netværkstedet Thorvaldsen til efterretning", "noted"),
        Clause("godkendte den videre procesplan", "approved"),
    ]
    assert summarise("Socialudvalget", "2020-02-03", clauses, None) == (
        "Socialudvalget tog den 3. februar 2020 evalueringen af Netværkstedet Thorvaldsen til "
        "efterretning og godkendte den videre procesplan."
    )


def test_generic_subject_is_replaced_by_the_committee() -> None:
    clauses = [Clause("Udvalget godkendte de angivne datoer for temabesøg i 2020.", "approved")]
    assert summarise("Socialudvalget", "2020-02-03", clauses, None) == (
        "Socialudvalget godkendte den 3. februar 2020 de angivne datoer for temabesøg i 2020."
    )


def test_reference_lists_the_adopted_points_and_keeps_the_remark() -> None:
    reference = Reference(
        "godkendte",
        remark="med bemærkning om, at forvaltningen bemyndiges til at indarbejde nærmere om "
        "kønsforskelle i relation til skolegang",
        points=["drøftede den fremtidige retning", "tog til efterretning, at X"],
    )
    clauses = [Clause(p, "approved") for p in reference.points]
    assert summarise("Socialudvalget", "2010-05-05", clauses, reference) == (
        "Socialudvalget godkendte den 5. maj 2010 indstillingen: drøftede den fremtidige retning "
        "og tog til efterretning, at X, med bemærkning om, at forvaltningen bemyndiges til at "
        "indarbejde nærmere om kønsforskelle i relation til skolegang."
    )


def test_negated_reference_without_points() -> None:
    reference = Reference("godkendte", negated=True)
    assert summarise("Socialudvalget", None, [Clause("x", "rejected")], reference) == (
        "Socialudvalget godkendte ikke indstillingen."
    )


def test_passive_clauses_become_a_record_of_the_decision() -> None:
    clauses = [
        Clause("Forslaget blev forkastet med 52 stemmer mod 2.", "rejected"),
        Clause("Medlemsforslagets 1.-3. at-punkt blev vedtaget med 32 stemmer mod 22.", "approved"),
    ]
    assert summarise("Borgerrepræsentationen", "2026-05-21", clauses, None) == (
        "Borgerrepræsentationens beslutning den 21. maj 2026: forslaget blev forkastet med 52 "
        "stemmer mod 2 og medlemsforslagets 1.-3. at-punkt blev vedtaget med 32 stemmer mod 22."
    )


def test_long_clauses_are_cut_never_rewritten() -> None:
    long = "godkendte " + ", ".join(f"punkt {n}" for n in range(60))
    summary = summarise("Socialudvalget", None, [Clause(long, "approved")], None)
    assert summary.endswith("punkt 18 ….")
    assert summary.startswith("Socialudvalget godkendte punkt 0, punkt 1")
    assert len(summary.split()) < 60
