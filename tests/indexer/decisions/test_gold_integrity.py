"""The decision gold is well formed: rows name real items, use valid outcomes and vote shapes.

Runs on the gold file and the real items alone (no parser), so a typo in a hand-read row
fails here rather than as a mysterious miss in `make eval-decisions`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from indexer.entities.dates import MONTH_NAMES
from indexer.types import OUTCOMES

ROOT = Path(__file__).resolve().parents[3]
GOLD = ROOT / "tests" / "gold" / "decisions.jsonl"
SHARED = ROOT.parent / "shared"
DEV = SHARED / "dev" / "kk-items-dev.jsonl"
SIDES = ("for", "against", "abstained")
ROW_KEYS = {"source", "item", "outcome", "clauses", "votes", "facts"}
DEV_KEYS = ROW_KEYS | {"amendments", "remarks"}
# a party letter, a name, or a split party: "Ø (Charlotte Lund, Jens Jensen)"
ENTRY = re.compile(r"[^\s(),:;][^():;]*?(?: \([^():;]+\))?")


def _rows() -> list[dict[str, Any]]:
    lines = GOLD.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def _items(path: Path) -> dict[str, dict[str, Any]]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return {item["id"]: item for item in (json.loads(line) for line in lines if line.strip())}


ROWS = _rows()
DEV_ROWS = [row for row in ROWS if row["source"] == DEV.name]
DEV_ITEMS = _items(DEV)


def _rank(outcome: str) -> int:
    return OUTCOMES.index(outcome)  # type: ignore[arg-type]


def _votes(row: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    if row["votes"] is not None:
        yield "votes", row["votes"]
    for n, amendment in enumerate(row.get("amendments", [])):
        if amendment["vote"] is not None:
            yield f"amendment {n}", amendment["vote"]


def _item_text(item: dict[str, Any]) -> str:
    """Everything a fact may be copied from: title, body, sections, the date in Danish."""
    year, month, day = (int(part) for part in item["dato"].split("-"))
    parts = [item["titel"], item["udvalg"], f"{day}. {MONTH_NAMES[month - 1]} {year}"]
    parts += [f"{section['titel']}\n{section['tekst']}" for section in item["afsnit"]]
    return re.sub(r"\s+", " ", "\n".join(parts)).casefold()


def test_the_gold_holds_at_least_100_dev_decisions() -> None:
    assert len(DEV_ROWS) >= 100


def test_rows_are_unique_and_name_existing_items() -> None:
    keys = [(row["source"], row["item"]) for row in ROWS]
    assert len(keys) == len(set(keys)), "a gold row is repeated"
    for row in ROWS:
        assert row.keys() >= ROW_KEYS, row["item"]
        if row["source"] == DEV.name:
            assert row["item"] in DEV_ITEMS, f"{row['item']} is not in {DEV}"
        else:
            assert (SHARED / "samples" / row["source"]).is_file(), row["source"]
    sample_items = _items(SHARED / "samples" / "kk-items-sample.jsonl")
    for row in ROWS:
        if row["source"] == "kk-items-sample.jsonl":
            assert row["item"] in sample_items, row["item"]


@pytest.mark.parametrize("row", DEV_ROWS, ids=lambda row: row["item"])
def test_dev_rows_have_every_field(row: dict[str, Any]) -> None:
    assert row.keys() >= DEV_KEYS
    assert set(row) <= DEV_KEYS | {"note"}, set(row) - DEV_KEYS
    item = DEV_ITEMS[row["item"]]
    if not any(section["titel"].lower().startswith("beslutning") for section in item["afsnit"]):
        assert row["outcome"] is None, "an item without a Beslutning section records no decision"


@pytest.mark.parametrize("row", ROWS, ids=lambda row: row["item"])
def test_outcome_is_the_weightiest_clause(row: dict[str, Any]) -> None:
    assert all(clause in OUTCOMES for clause in row["clauses"]), row["clauses"]
    if row["outcome"] is None:
        assert row["clauses"] == [] and row["votes"] is None
        return
    assert row["outcome"] in OUTCOMES
    assert row["clauses"], "a decided item has at least one clause"
    assert row["outcome"] == min(row["clauses"], key=_rank)


@pytest.mark.parametrize("row", ROWS, ids=lambda row: row["item"])
def test_votes_have_the_vote_shape(row: dict[str, Any]) -> None:
    for where, vote in _votes(row):
        assert set(vote) in ({*SIDES}, {*SIDES, "counts"}), where
        for side in SIDES:
            entries = vote[side]
            assert isinstance(entries, list), where
            for entry in entries:
                assert ENTRY.fullmatch(entry), f"{where}: {entry!r} is not a party or name"
        for side in SIDES:  # a party on two sides can be the source's typo, as written
            assert len(vote[side]) == len(set(vote[side])), f"{where}: {side} repeats a party"
        counts = vote.get("counts")
        if counts is None:
            continue
        assert counts and set(counts) <= set(SIDES), where
        for side, count in counts.items():
            assert isinstance(count, int) and count >= 0, where
            # "Ingen medlemmer undlod at stemme": nobody on that side, so no one listed
            assert count > 0 or not vote[side], f"{where}: {side} counted 0 but lists members"
    if row["source"] == DEV.name and row["votes"] is not None:
        assert "counts" in row["votes"]


@pytest.mark.parametrize("row", DEV_ROWS, ids=lambda row: row["item"])
def test_amendments_and_remarks_are_attributed(row: dict[str, Any]) -> None:
    for amendment in row["amendments"]:
        assert set(amendment) == {"proposed_by", "outcome", "vote"}
        proposer = amendment["proposed_by"]  # null where the minutes name no proposer
        assert proposer is None or proposer.strip() == proposer != ""
        assert amendment["outcome"] in OUTCOMES
    for remark in row["remarks"]:
        assert set(remark) == {"by"} and remark["by"].strip() == remark["by"] != ""


@pytest.mark.parametrize("row", DEV_ROWS, ids=lambda row: row["item"])
def test_facts_are_copied_from_the_item(row: dict[str, Any]) -> None:
    if row["outcome"] is not None:
        assert 3 <= len(row["facts"]) <= 6, "3-6 facts per decided item"
    text = _item_text(DEV_ITEMS[row["item"]])
    for fact in row["facts"]:
        assert re.sub(r"\s+", " ", fact).casefold() in text, f"{fact!r} is not in the item"
