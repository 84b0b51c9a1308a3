"""Decision headers and decisions by reference to the recommendation."""

from __future__ import annotations

import pytest

from indexer.decisions.references import DECISION_HEADER, find_reference


@pytest.mark.parametrize(
    ("line", "body", "date"),
    [
        ("Socialudvalgets beslutning den 05.05.2010", "Socialudvalgets", "05.05.2010"),
        (
            "Økonomiudvalgets beslutning i mødet den 11. august 2026",
            "Økonomiudvalgets",
            "11. august 2026",
        ),
        (
            "Klima-, Miljø- og Teknikudvalgets beslutning den 22. juni 2026",
            "Klima-, Miljø- og Teknikudvalgets",
            "22. juni 2026",
        ),
        ("Beslutning i Økonomiudvalget den 12.03.2019", "Økonomiudvalget", "12.03.2019"),
        ("Christianshavns Lokaludvalgs beslutning", "Christianshavns Lokaludvalgs", None),
    ],
)
def test_decision_headers(line: str, body: str, date: str | None) -> None:
    match = DECISION_HEADER.fullmatch(line)
    assert match is not None
    assert (match["gen"] or match["body"], match["date"]) == (body, date)


@pytest.mark.parametrize(
    "line",
    ["INDSTILLING OG Beslutning", "Sagen fremlægges til beslutning.", "Beslutning"],
)
def test_not_decision_headers(line: str) -> None:
    assert DECISION_HEADER.fullmatch(line) is None


@pytest.mark.parametrize(
    ("sentence", "verb", "negated", "obj", "remark"),
    [
        (
            "Indstillingen blev godkendt med bemærkning om, at forvaltningen bemyndiges til at "
            "indarbejde nærmere om kønsforskelle.",
            "godkendte",
            False,
            "indstillingen",
            "med bemærkning om, at forvaltningen bemyndiges til at indarbejde nærmere om "
            "kønsforskelle",
        ),
        ("Indstillingen blev godkendt uden afstemning.", "godkendte", False, "indstillingen", ""),
        ("Indstillingen blev ikke godkendt.", "godkendte", True, "indstillingen", ""),
        ("Godkendt som indstillet.", "godkendte", False, "indstillingen", ""),
        ("Forslaget blev forkastet med 52 stemmer mod 2.", "forkastede", False, "forslaget", ""),
        ("Indstillingen blev taget til efterretning.", "tog", False, "indstillingen", ""),
        ("Socialudvalget tiltrådte indstillingen.", "tiltrådte", False, "indstillingen", ""),
    ],
)
def test_references(sentence: str, verb: str, negated: bool, obj: str, remark: str) -> None:
    found = find_reference(sentence)
    assert found is not None
    reference, _ = found
    assert (reference.verb, reference.negated, reference.obj, reference.remark) == (
        verb,
        negated,
        obj,
        remark,
    )


@pytest.mark.parametrize(
    "sentence",
    [
        "Økonomiudvalget besluttede at oversende indstillingen med udvalgets erklæring.",
        "Medlemsforslagets 1.-3. at-punkt blev vedtaget med 32 stemmer mod 22.",
        "Lokaludvalget bemyndigede Asbjørn Kaasgaard til at skrive.",
    ],
)
def test_explicit_decisions_are_no_references(sentence: str) -> None:
    assert find_reference(sentence) is None
