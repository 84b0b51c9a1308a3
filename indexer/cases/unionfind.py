"""Case ids, union-find style, in the store: every item belongs to one case.

An item starts as a case of its own (its case id is its item id). Linking two items merges
their cases: the smaller case is relabelled with the larger one's id (union by size; every
item points straight at its case, so a lookup is one index probe). Every link is recorded in
`case_links` with its rule and evidence, so a case can be audited link by link.
"""

from __future__ import annotations

import sqlite3

RULES = ("case_number", "version", "title", "reference", "near_duplicate")
CAP_GROWTH = 8


def ensure(db: sqlite3.Connection, item_id: str) -> None:
    db.execute(
        "INSERT OR IGNORE INTO case_items (item_id, case_id) VALUES (?, ?)", (item_id, item_id)
    )


def case_of(db: sqlite3.Connection, item_id: str) -> str | None:
    row = db.execute("SELECT case_id FROM case_items WHERE item_id = ?", (item_id,)).fetchone()
    return None if row is None else str(row[0])


def members(db: sqlite3.Connection, case_id: str) -> list[str]:
    rows = db.execute("SELECT item_id FROM case_items WHERE case_id = ?", (case_id,))
    return [str(r[0]) for r in rows]


def _size(db: sqlite3.Connection, case_id: str, cap: int) -> int:
    """The case's size, counted up to `cap` items at most."""
    return int(db.execute(
        "SELECT count(*) FROM (SELECT 1 FROM case_items WHERE case_id = ? LIMIT ?)", (case_id, cap)
    ).fetchone()[0])


def _larger_first(db: sqlite3.Connection, first: str, second: str) -> tuple[str, str]:
    """(larger case, smaller case), counting no further than the smaller one's size (times
    CAP_GROWTH): merging a new item into a case of thousands costs a few rows, not thousands."""
    cap = 64
    while True:
        a, b = _size(db, first, cap), _size(db, second, cap)
        if a < cap or b < cap:
            return (first, second) if a >= b else (second, first)
        cap *= CAP_GROWTH


def union(db: sqlite3.Connection, item_id: str, other: str, rule: str, evidence: str) -> bool:
    """Link two items (recording why); True when it merged two cases."""
    if rule not in RULES:
        raise ValueError(f"unknown link rule {rule!r}; one of {', '.join(RULES)}")
    ensure(db, item_id)
    ensure(db, other)
    exists = db.execute(  # two probes of the pair index (schema: case_links_pair)
        "SELECT 1 FROM case_links WHERE item_id = ? AND linked_to = ?"
        " UNION ALL SELECT 1 FROM case_links WHERE item_id = ? AND linked_to = ? LIMIT 1",
        (item_id, other, other, item_id),
    ).fetchone()
    if exists is None:
        db.execute(
            "INSERT INTO case_links (item_id, linked_to, rule, evidence) VALUES (?, ?, ?, ?)",
            (item_id, other, rule, evidence),
        )
    first, second = case_of(db, item_id), case_of(db, other)
    if first is None or second is None or first == second:
        return False
    keep, relabel = _larger_first(db, first, second)
    db.execute("UPDATE case_items SET case_id = ? WHERE case_id = ?", (keep, relabel))
    return True
