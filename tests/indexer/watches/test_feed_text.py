"""A saved search may hold any character; its Atom feed must still be XML (issue 12)."""

from __future__ import annotations

from pathlib import Path

import feedparser

from indexer.search.query import Filters
from indexer.store.db import Store
from indexer.watches.feed import atom
from indexer.watches.store import add_watch


def test_a_query_with_control_characters_still_makes_a_feed(tmp_path: Path) -> None:
    with Store(tmp_path / "data") as store:
        watch = add_watch(store, "integration\x00\x07\x1b\ufffe i 2020", Filters())
        body = atom(store, watch["id"], "http://testserver/")
    feed = feedparser.parse(body)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.feed.title == "referat: integration i 2020"
