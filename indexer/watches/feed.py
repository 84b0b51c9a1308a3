"""The Atom feed of a saved search: the items it matched after it was made (feedgen)."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any
from urllib.parse import quote

from feedgen.feed import FeedGenerator

from indexer.cases.timeline import OUTCOME_WORDS, danish_date
from indexer.store.db import Store
from indexer.watches.store import get_watch, matched_items

# what XML 1.0 cannot carry (lxml refuses it): C0 controls but tab, newline, CR; U+FFFE/F
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _xml(text: str) -> str:
    """Text an Atom element can hold: a saved query may carry any character."""
    return _NOT_XML.sub("", text)


def _moment(epoch: float) -> datetime:
    return datetime.fromtimestamp(epoch, tz=UTC)


def _summary(item: dict[str, Any]) -> str:
    outcome = OUTCOME_WORDS.get(item["outcome"] or "", "på dagsordenen")
    place = ", ".join(p for p in (item["municipality"], item["committee"]) if p)
    return f"{place} {danish_date(item['meeting_date'])}: {outcome}"


def atom(store: Store, watch_id: str, base_url: str) -> bytes:
    """The feed as Atom XML; entry ids are stable (`tag:` URIs of the item ids)."""
    watch = get_watch(store, watch_id)
    items = matched_items(store, watch_id)
    base = base_url.rstrip("/")
    feed = FeedGenerator()
    feed.id(f"tag:referat,2026:watch/{watch_id}")
    feed.title(_xml(f"referat: {watch['query']}"))
    feed.subtitle("Nye dagsordenspunkter, der matcher en gemt søgning")
    feed.link(href=f"{base}/watches/{watch_id}/feed.atom", rel="self")
    feed.link(href=f"{base}/?q={quote(watch['query'])}", rel="alternate")
    feed.author({"name": "referat"})
    newest = max((i["matched_at"] for i in items), default=watch["created_at"])
    feed.updated(_moment(newest))
    for item in reversed(items):  # feedgen prepends: the newest ends up first
        entry = feed.add_entry()
        entry.id(f"tag:referat,2026:item/{item['item_id']}")
        entry.title(_xml(item["title"]))
        entry.link(href=f"{base}/items/{item['item_id']}")
        entry.updated(_moment(item["matched_at"]))
        entry.summary(_xml(_summary(item)))
    return bytes(feed.atom_str(pretty=True))
