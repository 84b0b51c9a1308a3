"""Saved searches: the watches (store), matching new items after an ingest (match), the Atom
feed (feed) and signed webhook delivery from an outbox (webhook)."""
