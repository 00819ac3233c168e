"""RSS and Atom feeds (feedparser) as Documents.

Each entry becomes one Document: its own content when the feed carries the
article (long enough to be more than a teaser), else the page at its link,
fetched with the same timeouts, size limit and user agent as any URL.
Fetching a feed can be conditional (ETag / Last-Modified) so that polling
(`polemos watch`) costs the publisher almost nothing when nothing changed.
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from polemos.model import Document, document_id

from .sources import URL_TIMEOUT_S, USER_AGENT, _failed, fetch_url, html_document, is_url, read_limited

log = logging.getLogger(__name__)

FEED_SUFFIXES = {".rss", ".atom", ".xml", ".rdf"}
# Below this many characters of text an entry's content is a teaser: fetch the article.
MIN_CONTENT_CHARS = 600


@dataclass
class FeedFetch:
    """One fetch of a feed: its entries (unless unchanged) and the validators for the next fetch."""

    url: str
    status: int | None = None  # HTTP status; None for a local file
    not_modified: bool = False
    etag: str | None = None
    last_modified: str | None = None
    entries: list = field(default_factory=list)
    title: str | None = None
    error: str | None = None


def looks_like_feed(data: bytes, content_type: str = "") -> bool:
    """RSS, Atom or RDF, by content type or by the document's root element."""
    if any(t in content_type for t in ("rss", "atom", "rdf")):
        return True
    head = data[:2000].lstrip().lower()
    if head.startswith(b"<?xml"):
        head = head[head.find(b"?>") + 2:].lstrip()
        while head.startswith(b"<!--") or head.startswith(b"<?"):
            end = head.find(b">")
            head = head[end + 1:].lstrip()
    return head.startswith((b"<rss", b"<feed", b"<rdf:rdf", b"<rdf"))


def is_feed_path(item: str) -> bool:
    return not is_url(item) and Path(item).suffix.lower() in FEED_SUFFIXES


def fetch_feed(url: str, etag: str | None = None, last_modified: str | None = None) -> FeedFetch:
    """Fetch and parse a feed (URL or local file), conditionally when validators are given."""
    import feedparser

    if not is_url(url):
        path = Path(url)
        try:
            data = path.read_bytes()
        except OSError as exc:
            return FeedFetch(url=url, error=f"cannot read {url}: {exc.strerror or exc}")
        return _parsed(FeedFetch(url=url), feedparser.parse(data))
    import httpx

    headers = {"User-Agent": USER_AGENT, "Accept": "application/rss+xml, application/atom+xml, application/xml;q=0.9, */*;q=0.5"}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    try:
        with httpx.Client(timeout=URL_TIMEOUT_S, follow_redirects=True, headers=headers) as client:
            with client.stream("GET", url) as response:
                fetch = FeedFetch(url=url, status=response.status_code,
                                  etag=response.headers.get("etag") or etag,
                                  last_modified=response.headers.get("last-modified") or last_modified)
                if response.status_code == 304:
                    fetch.not_modified = True
                    return fetch
                if response.status_code >= 400:
                    fetch.error = f"{url}: HTTP {response.status_code}"
                    return fetch
                data = read_limited(response)
    except httpx.HTTPError as exc:
        return FeedFetch(url=url, error=f"{url}: cannot fetch ({type(exc).__name__}: {exc})")
    except ValueError as exc:
        return FeedFetch(url=url, error=f"{url}: {exc}")
    return _parsed(fetch, feedparser.parse(data))


def _parsed(fetch: FeedFetch, parsed) -> FeedFetch:
    if parsed.bozo and not parsed.entries:
        fetch.error = f"{fetch.url}: not a readable feed ({getattr(parsed, 'bozo_exception', 'parse error')})"
        return fetch
    fetch.entries = list(parsed.entries)
    fetch.title = parsed.feed.get("title")
    return fetch


def entry_documents(fetch: FeedFetch, fetch_articles: bool = True,
                    skip_url: Callable[[str], bool] | None = None) -> Iterator[Document]:
    """One Document per entry, in feed order. `skip_url(link)` true skips an entry before any fetching."""
    for n, entry in enumerate(fetch.entries, start=1):
        link = entry.get("link")
        if link and skip_url is not None and skip_url(link):
            continue
        yield entry_document(entry, feed_title=fetch.title, feed_url=fetch.url, fetch_articles=fetch_articles, n=n)


def entry_document(entry, feed_title: str | None, feed_url: str, fetch_articles: bool = True, n: int = 0) -> Document:
    link = entry.get("link")
    title = (entry.get("title") or "").strip() or None
    date = _entry_date(entry)
    doc_id = document_id(link, "url") if link else document_id(f"{feed_url}#{entry.get('id') or n}", "feed")
    html = _entry_html(entry)
    text = html_document(html, doc_id=doc_id).text if html else ""
    if len(text) < MIN_CONTENT_CHARS and link and is_url(link) and fetch_articles:
        fetched = fetch_url(link)
        if not fetched.error:
            doc = fetched
        elif text.strip():
            log.warning("%s: using the feed's summary (%s)", link, fetched.error)
            doc = Document(id=doc_id, text=text)
        else:
            return fetched.model_copy(update={"id": doc_id, "url": link})
    elif text.strip():
        doc = Document(id=doc_id, text=text)
    else:
        return _failed(link or feed_url, f"{link or feed_url}: feed entry has no text", doc_id=doc_id)
    if title and not doc.text.startswith(title):
        doc = doc.model_copy(update={"text": f"{title}\n\n{doc.text}"})
    return doc.model_copy(update={
        "id": doc_id, "url": link or doc.url, "title": title or doc.title,
        "date": date or doc.date, "source": feed_title or doc.source,
    })


def _entry_html(entry) -> str:
    for content in entry.get("content") or []:
        if content.get("value"):
            return content["value"]
    return entry.get("summary") or entry.get("description") or ""


def _entry_date(entry) -> str | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(key)
        if value:
            return time.strftime("%Y-%m-%d", value)
    return None


def feed_documents(item: str, fetch_articles: bool = True, skip_url: Callable[[str], bool] | None = None) -> Iterator[Document]:
    """Documents of a feed (URL or file); a feed that cannot be read yields one failed Document."""
    fetch = fetch_feed(item)
    if fetch.error:
        yield _failed(item, fetch.error, doc_id=document_id(item, "feed"))
        return
    if not fetch.entries:
        log.warning("%s: the feed has no entries", item)
    yield from entry_documents(fetch, fetch_articles=fetch_articles, skip_url=skip_url)


_FEED_HINT = re.compile(r"(/feed/?$|/rss|\.rss$|\.xml$|atom|/feeds?/)", re.I)


def url_might_be_feed(url: str) -> bool:
    """A cheap guess from the URL alone (the content decides; see sniff_url)."""
    return bool(_FEED_HINT.search(url))
