"""Convert a finished Doc into the contract's DocumentResult (the one place that does)."""

from __future__ import annotations

from spacy.tokens import Doc

from polemos.model import DocumentResult, Entity


def doc_to_result(doc: Doc) -> DocumentResult:
    document = doc._.document
    events = sorted(doc._.events or [], key=lambda e: e.background)  # stable: new events keep salience order
    pub_date = doc._.pub_date
    return DocumentResult(
        id=document.id,
        date=pub_date.isoformat() if pub_date else document.date,
        events=events,
        claims=list(doc._.claims or []),
        places=list(doc._.places or []),
        entities=[Entity(text=e.text, start=e.start_char, end=e.end_char, label=e.label_) for e in doc.ents],
        title=document.title,
        source=document.source,
        url=document.url,
        warnings=list(doc._.warnings or []),
    )
