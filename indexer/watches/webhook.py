"""Webhook delivery: the outbox of new matches POSTed after the ingest, signed, retried.

Each outbox row is one JSON body, POSTed with `Content-Type: application/json` and
`X-Referat-Signature: sha256=<hex>`, the HMAC-SHA256 of the exact body bytes under the
watch's secret (given or generated when the watch was made; REFERAT_WEBHOOK_SECRET, when
set, is the default for watches made without one). A receiver checks it with
`hmac.compare_digest(sign(body, secret), header)`. A 2xx answer delivers the row; anything
else (an error status, a refused connection, a timeout) schedules a retry after
backoff * 2^attempts, up to REFERAT_WEBHOOK_ATTEMPTS tries. Delivery runs in a background
thread started after the ingest, on its own connection, so it never blocks or fails the
ingest; rows still due when that thread ends are picked up by the next ingest's thread.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

from indexer.config import Settings
from indexer.store.db import Store

log = logging.getLogger("referat")
SIGNATURE_HEADER = "X-Referat-Signature"
LEASE_S = 60.0  # a row being sent is not due for others for this long
_LOCK = threading.Lock()


def sign(body: bytes, secret: str) -> str:
    """The signature header's value: "sha256=" and the hex HMAC-SHA256 of the body."""
    return "sha256=" + hmac.new(secret.encode("utf-8"), body, hashlib.sha256).hexdigest()


def post(url: str, body: bytes, secret: str, timeout: float) -> str | None:
    """POST one body; None when the receiver took it (2xx), else the reason it failed."""
    request = urllib.request.Request(
        url,
        data=body,
        method="POST",
        headers={
            "Content-Type": "application/json",
            SIGNATURE_HEADER: sign(body, secret),
            "User-Agent": "referat-webhook/1",
        },
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            return None if 200 <= response.status < 300 else f"HTTP {response.status}"
    except urllib.error.HTTPError as exc:
        return f"HTTP {exc.code}"
    except (urllib.error.URLError, OSError) as exc:
        return f"{type(exc).__name__}: {exc}"


def _claim(store: Store) -> tuple[int, str, bytes, str, int] | None:
    """The next due row (id, url, body, secret, attempts), leased so no one else sends it."""
    now = time.time()
    with store.transaction() as db:
        row = db.execute(
            "SELECT watch_outbox.id, watches.webhook, watch_outbox.body, watches.secret,"
            " watch_outbox.attempts FROM watch_outbox JOIN watches"
            " ON watches.id = watch_outbox.watch_id WHERE watch_outbox.delivered_at IS NULL"
            " AND watch_outbox.next_at <= ? AND watches.webhook IS NOT NULL"
            " ORDER BY watch_outbox.next_at LIMIT 1",
            (now,),
        ).fetchone()
        if row is None:
            return None
        db.execute("UPDATE watch_outbox SET next_at = ? WHERE id = ?", (now + LEASE_S, row[0]))
    return int(row[0]), str(row[1]), bytes(row[2]), str(row[3] or ""), int(row[4])


def _next_due(store: Store, settings: Settings) -> float | None:
    row = store.db.execute(
        "SELECT min(next_at) FROM watch_outbox WHERE delivered_at IS NULL AND attempts < ?",
        (settings.webhook_attempts,),
    ).fetchone()
    return None if row[0] is None else float(row[0])


def deliver_pending(data_dir: Path, settings: Settings) -> int:
    """Send every due row, waiting out back-offs, until none is left to try; returns sent."""
    sent = 0
    with _LOCK, Store(data_dir) as store:
        while True:
            claimed = _claim(store)
            if claimed is None:
                due = _next_due(store, settings)
                if due is None or due - time.time() > LEASE_S:
                    return sent
                time.sleep(max(0.0, min(due - time.time(), settings.webhook_backoff_s * 64)))
                continue
            sent += _send(store, settings, *claimed)


def _send(
    store: Store, settings: Settings, row_id: int, url: str, body: bytes, secret: str, attempts: int
) -> int:
    error = post(url, body, secret or settings.webhook_secret or "", settings.webhook_timeout_s)
    attempts += 1
    with store.transaction() as db:
        if error is None:
            db.execute(
                "UPDATE watch_outbox SET delivered_at = ?, attempts = ?, last_error = NULL"
                " WHERE id = ?",
                (time.time(), attempts, row_id),
            )
            return 1
        retry = time.time() + settings.webhook_backoff_s * 2 ** (attempts - 1)
        gave_up = attempts >= settings.webhook_attempts
        db.execute(
            "UPDATE watch_outbox SET attempts = ?, last_error = ?, next_at = ? WHERE id = ?",
            (attempts, error, float("inf") if gave_up else retry, row_id),
        )
    log.warning(
        "webhook %s: %s (attempt %d)%s", url, error, attempts, " giving up" if gave_up else ""
    )
    return 0


def pending(store: Store) -> int:
    row = store.db.execute(
        "SELECT count(*) FROM watch_outbox WHERE delivered_at IS NULL AND next_at < 1e300"
    ).fetchone()
    return int(row[0])


def start_delivery(data_dir: Path, settings: Settings) -> threading.Thread | None:
    """Deliver the outbox in a background thread (not a daemon: a CLI ingest's process
    finishes its deliveries, bounded by the retry limit, before it exits)."""
    try:
        with Store(data_dir) as store:
            if pending(store) == 0:
                return None
    except Exception:  # never fail the ingest over its notifications
        log.exception("cannot read the webhook outbox")
        return None
    thread = threading.Thread(
        target=_run, args=(data_dir, settings), name="referat-webhooks", daemon=False
    )
    thread.start()
    return thread


def _run(data_dir: Path, settings: Settings) -> None:
    try:
        deliver_pending(data_dir, settings)
    except Exception:
        log.exception("webhook delivery stopped; the rest is sent after the next ingest")
