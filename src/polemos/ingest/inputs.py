"""Every input `polemos ingest` takes, as one stream of Documents.

The same kinds as `polemos extract` (files, folders, URLs, stdin; see
sources.py), plus RSS/Atom feeds (a URL whose content is a feed, or a
.rss/.atom/.xml file) and bulk corpora (.jsonl, .csv, .parquet), which are
streamed rather than read whole.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from polemos.model import Document

from . import corpora, feeds
from .sources import (
    READABLE_SUFFIXES, FetchError, _failed, dispatch_input, document_id, fetch_bytes, is_url, read_inputs, stdin_documents,
    url_document,
)

INGEST_SUFFIXES = READABLE_SUFFIXES | corpora.CORPUS_SUFFIXES | feeds.FEED_SUFFIXES


EXTRACT_SUFFIXES = READABLE_SUFFIXES | feeds.FEED_SUFFIXES


def read_ingest_inputs(inputs: Iterable[str], default_date: str | None = None, fetch_articles: bool = True,
                       skip_url: Callable[[str], bool] | None = None) -> Iterator[Document]:
    """Documents from every input, in order. `skip_url(url)` true skips a feed entry or URL before fetching it."""
    for item in inputs:
        yield from _dated(_one(item, fetch_articles, skip_url), default_date)


def read_extract_inputs(inputs: Iterable[str], default_date: str | None = None) -> Iterator[Document]:
    """What `polemos extract` reads: the kinds of sources.py plus feeds (files and URLs), an entry a Document.

    A saved feed read as plain text would be scored markup and all (a pubDate's
    'Mon' taken for a place); corpora stay ingest's, .jsonl is read as sources.py reads it.
    """
    for item in inputs:
        docs = dispatch_input(item, read_file=_feed_or_readable, read_url=lambda url: _url(url, True, None),
                              suffixes=EXTRACT_SUFFIXES, read_stdin=lambda: _stdin(True, None))
        yield from _dated(docs, default_date)


def _dated(docs: Iterable[Document], default_date: str | None) -> Iterator[Document]:
    for doc in docs:
        if default_date and not doc.date:
            doc = doc.model_copy(update={"date": default_date})
        yield doc


def _one(item: str, fetch_articles: bool, skip_url) -> Iterator[Document]:
    return dispatch_input(item, read_file=lambda path: _file(path, fetch_articles, skip_url),
                          read_url=lambda url: _url(url, fetch_articles, skip_url), suffixes=INGEST_SUFFIXES,
                          read_stdin=lambda: _stdin(fetch_articles, skip_url))


def _file(path: Path, fetch_articles: bool, skip_url) -> Iterator[Document]:
    if corpora.is_corpus(path):
        yield from corpora.read_corpus(path)
    else:
        yield from _feed_or_readable(path, fetch_articles, skip_url)


def _feed_or_readable(path: Path, fetch_articles: bool = True, skip_url=None) -> Iterator[Document]:
    suffix = path.suffix.lower()
    if suffix in feeds.FEED_SUFFIXES or (suffix not in READABLE_SUFFIXES and _file_is_feed(path)):
        entries = 0
        for entries, doc in enumerate(feeds.feed_documents(str(path), fetch_articles, skip_url), start=1):
            yield doc
        if not entries and not _file_is_feed(path):  # an .xml of something else: say so, not nothing
            yield _failed(str(path), f"{path}: not an RSS/Atom feed", doc_id=path.stem)
    else:
        yield from read_inputs([str(path)])


def _file_is_feed(path: Path) -> bool:
    try:
        with path.open("rb") as fh:
            return feeds.looks_like_feed(fh.read(2000))
    except OSError:
        return False


def _url(url: str, fetch_articles: bool, skip_url) -> Iterator[Document]:
    """A URL is fetched once; a feed yields its entries, a page yields itself."""
    if skip_url is not None and skip_url(url):
        return
    try:
        data, content_type = fetch_bytes(url)
    except FetchError as exc:
        yield _failed(url, str(exc), doc_id=document_id(url, "url"))
        return
    if feeds.looks_like_feed(data, content_type):
        yield from _feed_bytes(url, data, fetch_articles, skip_url)
        return
    yield url_document(url, data, content_type)


def _stdin(fetch_articles: bool, skip_url) -> Iterator[Document]:
    """Standard input: a feed piped in yields its entries (not its markup as text), anything else as sources.py reads it."""
    data = sys.stdin.buffer.read()
    if feeds.looks_like_feed(data.removeprefix(b"\xef\xbb\xbf")):
        yield from _feed_bytes("stdin", data, fetch_articles, skip_url)
    else:
        yield from stdin_documents(data)


def _feed_bytes(where: str, data: bytes, fetch_articles: bool, skip_url) -> Iterator[Document]:
    import feedparser

    fetch = feeds._parsed(feeds.FeedFetch(url=where), feedparser.parse(data))
    if fetch.error:
        yield _failed(where, fetch.error, doc_id=document_id(where, "feed"))
        return
    yield from feeds.entry_documents(fetch, fetch_articles=fetch_articles, skip_url=skip_url)


def expected_count(inputs: list[str]) -> int | None:
    """Documents the inputs hold, when cheap to know (one corpus file), for a progress bar."""
    if len(inputs) == 1 and not is_url(inputs[0]) and Path(inputs[0]).is_file():
        return corpora.count_rows(Path(inputs[0]))
    return None
