"""Turn any input the CLI accepts into Document records.

Kinds: a file (.txt, .html/.htm, .json, .jsonl), a folder of such files, a
URL, or `-` for standard input. Problems with one input become a Document with
`error` set, so the batch goes on and the output keeps one line per document.
"""

from __future__ import annotations

import json
import logging
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from html.parser import HTMLParser
from pathlib import Path

from polemos.model import Document, document_id

log = logging.getLogger(__name__)
# trafilatura and its helpers log about page structure ("discarding data", "empty HTML tree")
# at WARNING/ERROR; that is not the user's problem, and a page with no text gets its own error.
for _noisy in ("trafilatura", "htmldate", "courlan"):
    logging.getLogger(_noisy).setLevel(logging.CRITICAL)

TEXT_SUFFIXES = {".txt", ".text", ".md", ""}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSON_SUFFIXES = {".json"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
READABLE_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSON_SUFFIXES | JSONL_SUFFIXES
MAX_FILE_BYTES = 200 * 1024 * 1024
USER_AGENT = "polemos/0.1 (+https://github.com/polemos/polemos; conflict event extraction)"
URL_TIMEOUT_S = 20.0
MAX_URL_BYTES = 20 * 1024 * 1024
LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def is_url(value: str) -> bool:
    return bool(re.match(r"^https?://", value, re.I))


def local_path(item: str) -> Path:
    """The file an input names: a path, or a file:// URL as a browser's address bar gives it."""
    if item[:7].lower() == "file://":
        from urllib.parse import unquote, urlsplit

        return Path(unquote(urlsplit(item).path))
    return Path(item)


def read_inputs(inputs: Iterable[str], default_date: str | None = None) -> Iterator[Document]:
    """Documents from every input, in order. `default_date` fills in a missing date."""
    for item in inputs:
        for doc in _read_one(item):
            if default_date and not doc.date:
                doc = doc.model_copy(update={"date": default_date})
            yield doc


def _read_one(item: str) -> Iterator[Document]:
    yield from dispatch_input(item, read_file=_read_file, read_url=lambda url: iter([fetch_url(url)]),
                              suffixes=READABLE_SUFFIXES)


def read_stdin() -> Iterator[Document]:
    return stdin_documents(sys.stdin.buffer.read())


def stdin_documents(data: bytes) -> Iterator[Document]:
    """Documents of what came on standard input, its kind sniffed."""
    return _from_bytes(data, name="stdin", suffix=None)


def dispatch_input(item: str, read_file: Callable[[Path], Iterable[Document]], read_url: Callable[[str], Iterable[Document]],
                   suffixes: frozenset[str] | set[str],
                   read_stdin: Callable[[], Iterable[Document]] = read_stdin) -> Iterator[Document]:
    """One input ('-' for stdin, a URL, a folder, a file) through the given readers.

    The one place that decides what an input is: `polemos extract` and
    `polemos ingest` pass their own file and URL readers (ingest also reads
    feeds and corpora) and the file suffixes a folder is searched for.
    """
    if item == "-":
        yield from read_stdin()
        return
    if is_url(item):
        yield from read_url(item)
        return
    path = local_path(item)
    if path.is_dir():
        files = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in suffixes)
        if not files:
            yield _failed(item, f"folder has no readable files ({', '.join(sorted(set(suffixes) - {''}))})")
        for f in files:
            yield from read_file(f)
        return
    if not path.exists():
        yield _failed(item, f"no such file or folder: {item}")
        return
    yield from read_file(path)


def _read_file(path: Path) -> Iterator[Document]:
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            yield _failed(str(path), f"file too large: {size:,} bytes (limit {MAX_FILE_BYTES:,})")
            return
        data = path.read_bytes()
    except OSError as exc:
        yield _failed(str(path), f"cannot read {path}: {exc.strerror or exc}")
        return
    yield from _from_bytes(data, name=str(path), suffix=path.suffix.lower(), stem=path.stem)


def _from_bytes(data: bytes, name: str, suffix: str | None, stem: str | None = None) -> Iterator[Document]:
    if suffix is None:  # stdin: sniff the kind (past a UTF-8 byte-order mark)
        data = data.removeprefix(b"\xef\xbb\xbf")
        head = data.lstrip()[:1]
        if head == b"{" and b"\n{" in data.strip():
            suffix = ".jsonl"
        elif head in (b"{", b"["):
            suffix = ".json"
        elif re.match(rb"\s*<", data[:200]):
            suffix = ".html"
        else:
            suffix = ".txt"
    if suffix in JSONL_SUFFIXES:
        yield from _from_jsonl(data, name)
        return
    problem = binary_problem(data)
    if problem:
        yield _failed(name, f"{name}: {problem}", doc_id=stem)
        return
    text = decode_text(data)
    if suffix in JSON_SUFFIXES:
        yield from _from_json(text, name)
    elif suffix in HTML_SUFFIXES:
        yield html_document(text, doc_id=stem or document_id(text))
    else:
        yield Document(id=stem or document_id(text), text=text)


# Byte-order marks, longest first (UTF-32's starts with UTF-16's). UTF-16 text is full of
# NUL bytes and must be known by its mark before the binary check.
BOMS = ((b"\x00\x00\xfe\xff", "utf-32-be"), (b"\xff\xfe\x00\x00", "utf-32-le"), (b"\xef\xbb\xbf", "utf-8"),
        (b"\xfe\xff", "utf-16-be"), (b"\xff\xfe", "utf-16-le"))
META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)


def _byte_order_mark(data: bytes) -> tuple[bytes, str] | None:
    """The byte-order mark the bytes open with and its codec, or None."""
    return next(((mark, codec) for mark, codec in BOMS if data.startswith(mark)), None)


def binary_problem(data: bytes) -> str | None:
    """Why these bytes are not a text document, or None."""
    bom = _byte_order_mark(data)
    if bom is not None and bom[1] != "utf-8":
        mark, codec = bom
        data = data[len(mark):len(mark) + 16384].decode(codec, errors="replace").encode("utf-8")
    if not data.strip():
        return "empty input: no text to read"
    sample = data[:8192]
    if b"\x00" in sample:
        return "binary file (contains NUL bytes), not text"
    controls = sum(1 for b in sample if b < 9 or 13 < b < 32)
    if controls > len(sample) * 0.05:
        return "binary file (mostly control bytes), not text"
    return None


def decode_text(data: bytes, declared: str | None = None) -> str:
    """The text of bytes, never fatal: by a byte-order mark, else UTF-8, else the charset the page
    (<meta charset>) or the server (`declared`) names, else the one charset_normalizer finds.

    A Latin-1 or Windows-1251 file read as UTF-8 with replacement turned every accented
    or Cyrillic letter into U+FFFD ('S\ufffdgou'), and place names with them.
    """
    text = _decoded(data, declared)
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _decoded(data: bytes, declared: str | None) -> str:
    bom = _byte_order_mark(data)
    if bom is not None:
        mark, codec = bom
        return data[len(mark):].decode(codec, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    meta = META_CHARSET.search(data[:4096])
    for codec in (declared, meta.group(1).decode("ascii") if meta else None):
        if codec:
            try:
                return data.decode(codec, errors="replace")
            except LookupError:  # a charset Python does not know
                pass
    from charset_normalizer import from_bytes

    best = from_bytes(data[:100_000]).best()
    return data.decode(best.encoding if best else "cp1252", errors="replace")


def _from_jsonl(data: bytes, name: str) -> Iterator[Document]:
    for lineno, raw in enumerate(data.splitlines(), start=1):
        if not raw.strip():
            continue
        try:
            record = json.loads(decode_text(raw))
        except json.JSONDecodeError as exc:
            yield _failed(f"{name}:{lineno}", f"{name} line {lineno}: not valid JSON ({exc.msg})", doc_id=f"line-{lineno}")
            continue
        yield record_document(record, fallback_id=f"line-{lineno}", where=f"{name} line {lineno}")


def _from_json(text: str, name: str) -> Iterator[Document]:
    try:
        record = json.loads(text)
    except json.JSONDecodeError as exc:
        yield _failed(name, f"{name}: not valid JSON ({exc.msg} at line {exc.lineno})")
        return
    records = record if isinstance(record, list) else [record]
    if not records:
        yield _failed(name, f"{name}: an empty JSON list, no documents in it", doc_id=Path(name).stem)
    for i, rec in enumerate(records, start=1):
        yield record_document(rec, fallback_id=f"{Path(name).stem}-{i}" if len(records) > 1 else Path(name).stem, where=name)


def record_document(record, fallback_id: str, where: str) -> Document:
    """A Document from one JSON record ({"id", "text", "date", ...}); `text` is required."""
    if not isinstance(record, dict):
        return _failed(where, f"{where}: expected a JSON object, got {type(record).__name__}", doc_id=fallback_id)
    doc_id = str(record.get("id") or record.get("doc_id") or fallback_id)
    text = record.get("text")
    if not isinstance(text, str):
        return _failed(where, f"{where}: no 'text' field (a string is required)", doc_id=doc_id)
    if record.get("html") and not text.strip():
        return html_document(record["html"], doc_id=doc_id)
    return Document(
        id=doc_id,
        # Offsets in the output are into this record's own text, so it is kept as given
        # (line ends included); only lone surrogates, which no encoder can write, become U+FFFD.
        text=LONE_SURROGATE.sub("\ufffd", text),
        date=normalise_date(record.get("date"), where),
        title=_str_or_none(record.get("title")),
        source=_str_or_none(record.get("source")),
        url=_str_or_none(record.get("url")),
    )


DATE_FORMATS = ("%Y/%m/%d", "%d %B %Y", "%d %b %Y", "%B %d, %Y", "%b %d, %Y", "%B %d %Y", "%b %d %Y", "%d.%m.%Y")


def normalise_date(value, where: str = "input") -> str | None:
    """A publication date as YYYY-MM-DD, or None (with a warning) when it is not a date.

    Takes ISO dates and timestamps, RFC 2822 dates (feeds) and a few written-out
    forms; relative words ("yesterday") are refused, since they depend on when
    the file is read.
    """
    import datetime as dt
    from email.utils import parsedate_to_datetime

    if value in (None, ""):
        return None
    text = str(value).strip()
    try:
        return dt.date.fromisoformat(text[:10]).isoformat()
    except ValueError:
        pass
    for fmt in DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, fmt).date().isoformat()
        except ValueError:
            continue
    try:
        return parsedate_to_datetime(text).date().isoformat()
    except (TypeError, ValueError, IndexError):
        pass
    log.warning("%s: date %r is not a date (YYYY-MM-DD); ignored", where, text[:40])
    return None


def _str_or_none(value) -> str | None:
    return str(value) if value not in (None, "") else None


def html_document(html: str, doc_id: str, url: str | None = None) -> Document:
    """Main text of an HTML page (trafilatura), with title and date when it finds them.

    Scripts, styles and markup are dropped: the text is plain and inert.
    """
    import trafilatura

    try:
        extracted = trafilatura.bare_extraction(
            html, url=url, include_comments=False, include_tables=False, with_metadata=True
        )
    except Exception as exc:  # trafilatura raises on some malformed input
        log.debug("trafilatura failed on %s: %s", doc_id, exc)
        extracted = None
    text = title = date = None
    if extracted is not None:
        get = extracted.get if isinstance(extracted, dict) else lambda k: getattr(extracted, k, None)
        text, title, date = get("text"), get("title"), get("date")
    if not text:
        text = _strip_tags(html)
    if not text.strip():
        return _failed(url or doc_id, f"{url or doc_id}: HTML page has no readable text", doc_id=doc_id)
    if title and not text.startswith(title):
        text = f"{title}\n\n{text}"
    return Document(id=doc_id, text=text, title=title, date=normalise_date(date, doc_id), url=url)


def _strip_tags(html: str) -> str:
    """Fallback text of an HTML page when main-text extraction finds nothing.

    The standard library's parser, not lxml's: libxml2 stops at 255 levels of
    nesting and returns an empty tree, losing a hostile or generated page's text.
    """
    parser = _TextOfTags()
    try:
        parser.feed(html)
        parser.close()
    except Exception:  # html.parser is lenient; this is a last guard against odd input
        log.debug("html.parser failed", exc_info=True)
    return re.sub(r"\n\s*\n+", "\n\n", "".join(parser.parts)).strip()


class _TextOfTags(HTMLParser):
    """The text between tags, without scripts and styles; block elements end a line."""

    HIDDEN = frozenset({"script", "style", "noscript", "template"})
    BLOCKS = frozenset({"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6",
                        "section", "article", "blockquote", "title"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden_depth = 0

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in self.HIDDEN:
            self.hidden_depth += 1
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.HIDDEN:
            self.hidden_depth = max(0, self.hidden_depth - 1)
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.hidden_depth:
            self.parts.append(data)


def read_limited(response) -> bytes:
    """A streamed response's body; ValueError past MAX_URL_BYTES (pages and feeds alike)."""
    chunks, total = [], 0
    for chunk in response.iter_bytes():
        total += len(chunk)
        if total > MAX_URL_BYTES:
            raise ValueError(f"response larger than {MAX_URL_BYTES:,} bytes")
        chunks.append(chunk)
    return b"".join(chunks)


class FetchError(Exception):
    """A URL that could not be fetched; the message says why."""


def private_address_problem(url: str) -> str | None:
    """Why a server must not fetch this URL for a client (its own host or a private network), or None."""
    import ipaddress
    import socket
    from urllib.parse import urlsplit

    host = urlsplit(url).hostname
    if not host:
        return "the url has no host"
    try:
        addresses = {info[4][0] for info in socket.getaddrinfo(host, None)}
    except (socket.gaierror, UnicodeError):
        return f"cannot resolve {host}"
    for address in addresses:
        ip = ipaddress.ip_address(address.split("%")[0])
        if ip.is_private or ip.is_loopback or ip.is_link_local or ip.is_reserved or ip.is_multicast or ip.is_unspecified:
            return f"{host} is a local or private address; the server does not fetch those"
    return None


def _refuse_private(request) -> None:
    # An httpx request hook runs for every hop, so a public page cannot redirect us inward.
    problem = private_address_problem(str(request.url))
    if problem:
        raise FetchError(f"{request.url}: {problem}")


def fetch_bytes(url: str, headers: dict[str, str] | None = None, public_only: bool = False) -> tuple[bytes, str]:
    """(body, content type) of a URL, with a timeout, a size limit and a clear user agent.

    With `public_only`, every request (redirects included) to a loopback,
    private or reserved address is refused: what a server fetching URLs for
    its clients needs.
    """
    import httpx

    hooks = {"request": [_refuse_private]} if public_only else {}
    try:
        with httpx.Client(timeout=URL_TIMEOUT_S, follow_redirects=True, event_hooks=hooks,
                          headers={"User-Agent": USER_AGENT, **(headers or {})}) as client:
            with client.stream("GET", url) as response:
                response.raise_for_status()
                try:
                    body = read_limited(response)
                except ValueError as exc:
                    raise FetchError(f"{url}: {exc}") from None
                return body, response.headers.get("content-type", "")
    except httpx.HTTPStatusError as exc:
        raise FetchError(f"{url}: HTTP {exc.response.status_code}") from None
    except httpx.HTTPError as exc:
        raise FetchError(f"{url}: cannot fetch ({type(exc).__name__}: {exc})") from None


def fetch_url(url: str, public_only: bool = False) -> Document:
    """Fetch one URL with a timeout, a size limit and a clear user agent (see fetch_bytes)."""
    try:
        data, content_type = fetch_bytes(url, public_only=public_only)
    except FetchError as exc:
        return _failed(url, str(exc), doc_id=document_id(url, "url"))
    return url_document(url, data, content_type)


def url_document(url: str, data: bytes, content_type: str = "") -> Document:
    """A Document from a fetched page's bytes."""
    doc_id = document_id(url, "url")
    problem = binary_problem(data)
    if problem:
        return _failed(url, f"{url}: {problem}", doc_id=doc_id)
    declared = re.search(r"charset=[\"']?([\w.:-]+)", content_type or "", re.I)
    text = decode_text(data, declared.group(1) if declared else None)
    if "html" in content_type or re.match(r"\s*<", text[:200]):
        doc = html_document(text, doc_id=doc_id, url=url)
    else:
        doc = Document(id=doc_id, text=text, url=url)
    return doc.model_copy(update={"url": url})


def _failed(where: str, message: str, doc_id: str | None = None) -> Document:
    log.warning("%s", message)
    return Document(id=doc_id or document_id(where, "input"), text="", error=message)
