"""`polemos watch`: poll feeds and ingest what is new.

Each poll asks with the validators of the last answer (If-None-Match /
If-Modified-Since), so an unchanged feed costs one 304. Entries whose URL is
already stored are skipped before their article is fetched. One feed's
failure is recorded and the others go on; the loop survives network errors.
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Callable
from dataclasses import dataclass

from .feeds import entry_documents, fetch_feed

log = logging.getLogger(__name__)

_INTERVAL = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*$", re.I)
_UNIT_S = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_interval(text: str) -> float:
    """'15m' -> 900.0; accepts s, m, h, d (no unit: seconds)."""
    match = _INTERVAL.match(text or "")
    if not match:
        raise ValueError(f"interval must look like 30s, 15m, 2h or 1d, got {text!r}")
    seconds = float(match.group(1)) * _UNIT_S[match.group(2).lower()]
    if seconds <= 0:
        raise ValueError("interval must be positive")
    return seconds


@dataclass
class PollResult:
    feed: str
    status: str  # "new entries", "not modified", "error: ..."
    added: int = 0
    duplicates: int = 0
    failed: int = 0


def poll_feed(store, url: str, fetch_articles: bool = True, batch_size: int = 16) -> PollResult:
    from polemos.store.ingest import ingest

    state = store.feed_state(url)
    fetch = fetch_feed(url, etag=state.get("etag"), last_modified=state.get("last_modified"))
    if fetch.error:
        store.save_feed_state(url, state.get("etag"), state.get("last_modified"), f"error: {fetch.error}")
        return PollResult(feed=url, status=f"error: {fetch.error}")
    if fetch.not_modified:
        store.save_feed_state(url, fetch.etag, fetch.last_modified, "not modified")
        return PollResult(feed=url, status="not modified")
    documents = entry_documents(fetch, fetch_articles=fetch_articles, skip_url=store.has_url)
    summary = ingest(store, documents, batch_size=batch_size, description=f"ingesting {url}")
    # Validators are saved only after the entries are stored: a crash re-reads the feed next time.
    store.save_feed_state(url, fetch.etag, fetch.last_modified, "ok", n_entries=summary.added)
    return PollResult(feed=url, status="ok", added=summary.added, duplicates=summary.duplicates, failed=summary.failed)


def watch(store, feeds: list[str], every_s: float, rounds: int | None = None, fetch_articles: bool = True,
          report: Callable[[PollResult], None] | None = None, sleep: Callable[[float], None] = time.sleep) -> int:
    """Poll every feed, then wait `every_s`; forever, or `rounds` times. Returns documents added."""
    added = 0
    n = 0
    while rounds is None or n < rounds:
        started = time.monotonic()
        for url in feeds:
            try:
                result = poll_feed(store, url, fetch_articles=fetch_articles)
            except Exception as exc:  # keep watching the other feeds, and this one next round
                log.warning("%s: poll failed: %s", url, exc)
                result = PollResult(feed=url, status=f"error: {type(exc).__name__}: {exc}")
            added += result.added
            if report:
                report(result)
        n += 1
        if rounds is not None and n >= rounds:
            break
        sleep(max(0.0, every_s - (time.monotonic() - started)))
    return added
