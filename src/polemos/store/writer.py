"""The ingest write path's plain rows: Core statements, no ORM unit of work.

The ORM's unit of work cost most of the store's time on ingest (building
objects, flushing them one statement each). Ingest writes plain dicts with
SQLAlchemy Core instead, and rows nothing reads back during the batch
(claims, places, actor links, word counts, errors) wait in `BatchRows` and
go in one executemany statement per table at the end of the batch's
transaction.

What linking reads while the batch goes on is written at once: documents,
their reports (events), the people they name, canonical events.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any

from sqlalchemy import bindparam, select, update

from polemos.model import Document, DocumentResult, Event

from .linking import make_signature
from .models import (
    CanonicalEventRow, ClaimRow, DocumentNameRow, DocumentRow, EventRow, IngestErrorRow, PlaceRow, utcnow,
)

DOCUMENTS = DocumentRow.__table__
EVENTS = EventRow.__table__
CANONICAL = CanonicalEventRow.__table__

INSERT_DOCUMENT = DOCUMENTS.insert()
INSERT_EVENT = EVENTS.insert()
INSERT_NAMES = DocumentNameRow.__table__.insert()
INSERT_CANONICAL = CANONICAL.insert()
INSERT_CLAIMS = ClaimRow.__table__.insert()
INSERT_PLACES = PlaceRow.__table__.insert()
INSERT_ERRORS = IngestErrorRow.__table__.insert()
# One statement for every canonical event a document touched (executemany; SET from the keys).
UPDATE_CANONICAL = update(CANONICAL).where(CANONICAL.c.id == bindparam("canonical_pk"))
# What a document is checked against: same text, same URL, or only the same id (kept as id~hash8).
SAME_DOCUMENT = (
    select(DOCUMENTS.c.id, DOCUMENTS.c.doc_id, DOCUMENTS.c.content_hash, DOCUMENTS.c.url)
    .where((DOCUMENTS.c.content_hash == bindparam("content_hash")) | (DOCUMENTS.c.url == bindparam("url"))
           | (DOCUMENTS.c.doc_id == bindparam("doc_id")))
    .order_by(DOCUMENTS.c.id)
)
DOCUMENT_CANONICAL_IDS = (
    select(EVENTS.c.canonical_id).where(EVENTS.c.document_id == bindparam("document_id")).order_by(EVENTS.c.position)
)
CANONICAL_CURRENT = select(
    CANONICAL.c.id, CANONICAL.c.event_type, CANONICAL.c.sub_event_type, CANONICAL.c.disorder_type, CANONICAL.c.overrides,
).where(CANONICAL.c.id.in_(bindparam("ids", expanding=True)))

EVIDENCE_CHARS = 4000


def document_values(document: Document, result: DocumentResult, doc_id: str) -> dict[str, Any]:
    extra: dict[str, Any] = {"entities": [e.to_dict() for e in result.entities]}
    if result.warnings:
        extra["warnings"] = result.warnings
    return {
        "doc_id": doc_id, "content_hash": document.content_hash, "url": document.url or result.url,
        "title": document.title or result.title, "source": document.source or result.source,
        "published": document.date or result.date or None, "text": document.text,
        "n_events": len(result.events), "n_claims": len(result.claims), "extra": extra, "ingested_at": utcnow(),
    }



def new_report(document_id: int, position: int, event: Event, text: str, lead: str) -> SimpleNamespace:
    """A report (events row) not yet written, with the attributes of an EventRow (linking reads them)."""
    loc = event.location
    evidence_text = " ".join(text[s.start:s.end] for s in event.evidence)[:EVIDENCE_CHARS]
    return SimpleNamespace(
        id=None, document_id=document_id, event_key=event.id, position=position, event_type=event.event_type,
        sub_event_type=event.sub_event_type, event_date=event.event_date, time_precision=event.time_precision,
        actor1=event.actor1, actor2=event.actor2, location_name=loc.name if loc else None,
        country_code=loc.country_code if loc else None, latitude=loc.latitude if loc else None,
        longitude=loc.longitude if loc else None, geo_precision=loc.geo_precision if loc else None,
        fatalities=event.fatalities, injured=event.injured, arrested=event.arrested, background=event.background,
        confidence=event.confidence, evidence_text=evidence_text,
        signature=make_signature(f"{lead}\n{evidence_text}\n{loc.name if loc else ''}"), data=event.to_dict(),
        canonical_id=None, link_score=None, link_locked=False,
    )


def without_nones(values: dict[str, Any]) -> dict[str, Any]:
    """A row as the ORM writes it: a None leaves the column to its default (NULL where it has none)."""
    return {key: value for key, value in values.items() if value is not None}


def report_values(report: SimpleNamespace) -> dict[str, Any]:
    return without_nones({key: value for key, value in vars(report).items() if key != "id"})


@dataclass
class BatchRows:
    """Rows of a batch that nothing reads before it commits, written in one statement per table."""

    claims: list[dict[str, Any]] = field(default_factory=list)
    places: list[dict[str, Any]] = field(default_factory=list)
    actor_links: list[tuple[int, str, str]] = field(default_factory=list)  # (event id, role, actor name)
    errors: list[dict[str, Any]] = field(default_factory=list)
    documents: int = 0  # added

    def add_claims(self, document_id: int, result: DocumentResult) -> None:
        for position, claim in enumerate(result.claims):
            self.claims.append({
                "document_id": document_id, "claim_key": claim.id, "position": position, "speaker": claim.speaker,
                "speaker_canonical": claim.speaker_canonical, "kind": claim.kind, "cue": claim.cue,
                "content": claim.content, "start": claim.start, "end": claim.end,
                "event_keys": claim.event_ids if claim.event_ids is not None else [],
                "data": claim.to_dict(),
            })

    def add_places(self, document_id: int, result: DocumentResult) -> None:
        for position, place in enumerate(result.places):
            self.places.append({
                "document_id": document_id, "position": position, "text": place.text, "start": place.start,
                "end": place.end, "name": place.name, "latitude": place.latitude, "longitude": place.longitude,
                "geonameid": place.geonameid, "feature_code": place.feature_code,
                "country_code": place.country_code, "admin1": place.admin1,
            })

    def add_actor_links(self, reports: list[SimpleNamespace], roles: tuple[str, ...]) -> None:
        for report in reports:
            for role in roles:
                name = (report.data.get(role) or "").strip()[:300]
                if name:
                    self.actor_links.append((report.id, role, name))

    def add_error(self, document: Document, message: str) -> None:
        self.errors.append({"doc_id": document.id, "url": document.url, "error": message[:4000], "at": utcnow()})

    def write(self, connection) -> None:
        """The plain rows (actors and word counts are the store's: they need its dialect)."""
        for statement, rows in ((INSERT_CLAIMS, self.claims), (INSERT_PLACES, self.places), (INSERT_ERRORS, self.errors)):
            if rows:
                connection.execute(statement, rows)
