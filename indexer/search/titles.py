"""Title rows: how an item without sections is found by the words of its title.

Such an item (JSON "afsnit": [], e.g. a confidential item) has no section to index, so the
store gives it one lexical row of its own in `sections_fts`, whose rowid is the negative id
of its `item_title_rows` row (indexer.store.db._insert_title_row). Retrieval hands those
negative ids on like section ids; these helpers turn them back into their items. A hit
found this way shows no section (None) and its title as the snippet.
"""

from __future__ import annotations

from indexer.search.query import Filters
from indexer.store.db import Store


def is_title_row(candidate: int) -> bool:
    """Whether a candidate id (a section id, or a shard's global id of one) is a title row."""
    return candidate < 0


def title_items(store: Store, ids: list[int]) -> dict[int, str]:
    """The item of each title row among the ids (negative rowids), by that rowid."""
    wanted = [-i for i in ids if is_title_row(i)]
    out: dict[int, str] = {}
    for chunk in range(0, len(wanted), 900):
        part = wanted[chunk : chunk + 900]
        rows = store.db.execute(
            f"SELECT id, item_id FROM item_title_rows WHERE id IN ({','.join('?' * len(part))})",
            part,
        )
        out.update({-int(r[0]): str(r[1]) for r in rows})
    return out


def passing_titles(store: Store, ids: list[int], filters: Filters) -> set[int]:
    """The title rows among the ids whose items pass the filters (retrieval.passing's rule)."""
    from indexer.search.retrieval import filter_sql

    wanted = [-i for i in ids if is_title_row(i)]
    where, params = filter_sql(filters)
    kept: set[int] = set()
    for chunk in range(0, len(wanted), 900):
        part = wanted[chunk : chunk + 900]
        rows = store.db.execute(
            "SELECT item_title_rows.id FROM item_title_rows"
            " JOIN items ON items.item_id = item_title_rows.item_id"
            " JOIN meetings ON meetings.id = items.meeting_id"
            f" WHERE item_title_rows.id IN ({','.join('?' * len(part))})"
            + (f" AND {where}" if where else ""),
            [*part, *params],
        )
        kept.update(-int(r[0]) for r in rows)
    return kept
