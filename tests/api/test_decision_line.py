"""The decision line of plain-text minutes is text too: its date is an entity (issue 9 defect a)."""

from __future__ import annotations

import json

from fastapi.testclient import TestClient

from corpus.read import read
from indexer.structure.parse import parse
from tests.api.conftest import SAMPLES

KOBENHAVN = SAMPLES / "kobenhavn-socialudvalget-2010-05-05.txt"
LINE = "Socialudvalgets beslutning den 05.05.2010"


def test_the_decision_line_starts_the_decision_section_and_stays_its_text() -> None:
    [meeting] = parse(read(KOBENHAVN))
    [decided] = [s for s in meeting.items[0].sections if s.heading == "Beslutning"]
    assert decided.raw_heading == LINE
    assert decided.text.splitlines()[0] == LINE
    assert "Indstillingen blev godkendt" in decided.text


def test_the_decision_date_is_in_the_entity_export(client: TestClient) -> None:
    rows = [json.loads(line) for line in client.get(
        "/entities", params={"type": "DATE", "format": "jsonl"}).text.splitlines()]
    decided = [r for r in rows if r["text"] == "05.05.2010" and r["section"] == "Beslutning"]
    assert [(r["normalized"], r["municipality"]) for r in decided] == [("2010-05-05", "København")]
