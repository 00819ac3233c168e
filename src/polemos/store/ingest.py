"""Documents -> pipeline -> store, one committed batch at a time.

Documents already in the store (same text or same URL) are skipped before
extraction, so re-running an interrupted ingest costs only the documents it
had not finished. The results of each extraction batch (`batch_size`
documents) are committed together (Store.add_results): a run killed at any
moment (even kill -9) loses only the batch not yet committed, which a re-run
extracts and stores again. A document that fails is recorded
(store.errors()) and the others go on.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from polemos.model import Document, DocumentResult

from .core import AddOutcome, Store

@dataclass
class IngestSummary:
    added: int = 0
    duplicates: int = 0
    failed: int = 0
    events: int = 0  # canonical events the added documents' reports went to (new or existing)
    errors: list[str] = field(default_factory=list)  # the first few messages

    @property
    def seen(self) -> int:
        return self.added + self.duplicates + self.failed

    def count(self, outcome: AddOutcome) -> None:
        if outcome.status == "added":
            self.added += 1
            self.events += len(set(outcome.event_ids))
        elif outcome.status == "duplicate":
            self.duplicates += 1
        else:
            self.failed += 1
            if len(self.errors) < 20 and outcome.error:
                self.errors.append(f"{outcome.doc_id}: {outcome.error}")

    def to_dict(self) -> dict:
        return {"added": self.added, "duplicates": self.duplicates, "failed": self.failed, "events": self.events,
                "errors": self.errors}


def ingest_documents(store: Store, documents: Iterable[Document], batch_size: int = 32,
                     extract: Callable[..., Iterator[DocumentResult]] | None = None) -> Iterator[AddOutcome]:
    """Extract and store documents, yielding one AddOutcome per document, in order.

    `extract` defaults to polemos.pipeline.extract (Documents in, results out, in order).
    """
    if extract is None:
        from polemos.pipeline import extract as pipeline_extract

        extract = pipeline_extract
    pending: deque[Document] = deque()
    early: deque[AddOutcome] = deque()  # outcomes decided without extraction, in input order

    def to_extract() -> Iterator[Document]:
        for doc in documents:
            if doc.error:
                store.record_error(doc, doc.error)
                early.append(AddOutcome(doc_id=doc.id, status="error", error=doc.error))
                continue
            existing = store.find_document(doc)
            if existing is not None:
                early.append(AddOutcome(doc_id=existing, status="duplicate"))
                continue
            pending.append(doc)
            yield doc

    def extracted() -> Iterator[tuple[Document, DocumentResult]]:
        for result in extract(to_extract(), batch_size=batch_size):
            yield pending.popleft(), result

    for outcome in store.add_results(extracted(), batch_size=batch_size):
        while early:
            yield early.popleft()
        yield outcome
    while early:
        yield early.popleft()


def ingest(store: Store, documents: Iterable[Document], batch_size: int = 32, total: int | None = None,
           description: str = "ingesting") -> IngestSummary:
    """ingest_documents with a progress bar and a summary."""
    from polemos.progress import track

    summary = IngestSummary()
    for outcome in track(ingest_documents(store, documents, batch_size=batch_size), total=total, description=description):
        summary.count(outcome)
    return summary
