"""The store's tables (SQLAlchemy 2 declarative).

Plain tables with readable names, so the SQLite file opens usefully in
sqlite3 or Datasette: one row a document, a per-document event ("report"),
claim and place; canonical events that merge reports of the same event
across documents; actors; the reviewer's audit log. Whole records are also
kept as JSON (`data`) so nothing of a DocumentResult is lost; the columns
beside it are what queries filter on.

Schema changes go through Alembic (store/migrations/): change a model here,
then add a migration under migrations/versions/.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)


class Base(DeclarativeBase):
    pass


class DocumentRow(Base):
    """One ingested document and where it came from."""

    __tablename__ = "documents"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    doc_id: Mapped[str] = mapped_column(String(300), unique=True, index=True)
    content_hash: Mapped[str] = mapped_column(String(64), unique=True)
    url: Mapped[str | None] = mapped_column(String(2000), index=True)
    title: Mapped[str | None] = mapped_column(Text)
    source: Mapped[str | None] = mapped_column(String(500))
    published: Mapped[str | None] = mapped_column(String(10), index=True)
    text: Mapped[str] = mapped_column(Text)
    n_events: Mapped[int] = mapped_column(Integer, default=0)
    n_claims: Mapped[int] = mapped_column(Integer, default=0)
    # The rest of the DocumentResult (entities, warnings), as JSON.
    extra: Mapped[dict | None] = mapped_column(JSON)
    ingested_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)

    events: Mapped[list[EventRow]] = relationship(back_populates="document", cascade="all, delete-orphan", order_by="EventRow.position")
    claims: Mapped[list[ClaimRow]] = relationship(back_populates="document", cascade="all, delete-orphan", order_by="ClaimRow.position")
    places: Mapped[list[PlaceRow]] = relationship(back_populates="document", cascade="all, delete-orphan", order_by="PlaceRow.position")


class CanonicalEventRow(Base):
    """One real-world event: the merge of every document's report of it."""

    __tablename__ = "canonical_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    event_type: Mapped[str] = mapped_column(String(60), index=True)
    sub_event_type: Mapped[str] = mapped_column(String(60))
    disorder_type: Mapped[str] = mapped_column(String(60))
    event_date: Mapped[str | None] = mapped_column(String(10), index=True)
    time_precision: Mapped[int] = mapped_column(Integer, default=1)
    actor1: Mapped[str | None] = mapped_column(String(300))
    actor2: Mapped[str | None] = mapped_column(String(300))
    location_name: Mapped[str | None] = mapped_column(String(300))
    country_code: Mapped[str | None] = mapped_column(String(2), index=True)
    country: Mapped[str | None] = mapped_column(String(100))
    admin1: Mapped[str | None] = mapped_column(String(200))
    admin2: Mapped[str | None] = mapped_column(String(200))
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    geo_precision: Mapped[int | None] = mapped_column(Integer)
    fatalities: Mapped[int] = mapped_column(Integer, default=0)
    injured: Mapped[int] = mapped_column(Integer, default=0)
    arrested: Mapped[int] = mapped_column(Integer, default=0)
    sources: Mapped[int] = mapped_column(Integer, default=0)
    n_contested: Mapped[int] = mapped_column(Integer, default=0)
    confidence: Mapped[float] = mapped_column(Float, default=0.5)
    # The merged Event (contract fields) and where reports disagree.
    data: Mapped[dict] = mapped_column(JSON)
    contested: Mapped[list] = mapped_column(JSON, default=list)
    # Lower-cased text (titles, evidence, places, actors) for the `q` filter.
    search_text: Mapped[str] = mapped_column(Text, default="")
    # Review state: 'auto' (as linked), 'reviewed', 'not_event', 'merged' (into merged_into).
    status: Mapped[str] = mapped_column(String(20), default="auto", index=True)
    merged_into: Mapped[int | None] = mapped_column(ForeignKey("canonical_events.id"))
    # A reviewer's field edits ({field: value}); they win over recomputed values.
    overrides: Mapped[dict] = mapped_column(JSON, default=dict)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)

    reports: Mapped[list[EventRow]] = relationship(back_populates="canonical", foreign_keys="EventRow.canonical_id")

    __table_args__ = (Index("ix_canonical_events_date_id", "event_date", "id"), Index("ix_canonical_events_lat_lon", "latitude", "longitude"))


class EventRow(Base):
    """One document's event (a report of a canonical event)."""

    __tablename__ = "events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    event_key: Mapped[str] = mapped_column(String(100))  # the event's id within its document
    position: Mapped[int] = mapped_column(Integer)
    event_type: Mapped[str] = mapped_column(String(60))
    sub_event_type: Mapped[str] = mapped_column(String(60))
    event_date: Mapped[str | None] = mapped_column(String(10), index=True)
    time_precision: Mapped[int] = mapped_column(Integer, default=1)
    actor1: Mapped[str | None] = mapped_column(String(300))
    actor2: Mapped[str | None] = mapped_column(String(300))
    location_name: Mapped[str | None] = mapped_column(String(300))
    country_code: Mapped[str | None] = mapped_column(String(2))
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    geo_precision: Mapped[int | None] = mapped_column(Integer)
    fatalities: Mapped[int] = mapped_column(Integer, default=0)
    injured: Mapped[int] = mapped_column(Integer, default=0)
    arrested: Mapped[int] = mapped_column(Integer, default=0)
    background: Mapped[bool] = mapped_column(Boolean, default=False)
    confidence: Mapped[float] = mapped_column(Float, default=0.5)
    evidence_text: Mapped[str] = mapped_column(Text, default="")
    # Distinctive words of the report (for linking), space-separated.
    signature: Mapped[str] = mapped_column(Text, default="")
    data: Mapped[dict] = mapped_column(JSON)
    canonical_id: Mapped[int | None] = mapped_column(ForeignKey("canonical_events.id"), index=True)
    # True when a reviewer put this report where it is: automatic linking leaves it there.
    link_locked: Mapped[bool] = mapped_column(Boolean, default=False)
    link_score: Mapped[float | None] = mapped_column(Float)

    document: Mapped[DocumentRow] = relationship(back_populates="events")
    canonical: Mapped[CanonicalEventRow | None] = relationship(back_populates="reports", foreign_keys=[canonical_id])

    __table_args__ = (UniqueConstraint("document_id", "event_key"),)


class ClaimRow(Base):
    __tablename__ = "claims"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    claim_key: Mapped[str] = mapped_column(String(100))
    position: Mapped[int] = mapped_column(Integer)
    speaker: Mapped[str] = mapped_column(Text)
    speaker_canonical: Mapped[str | None] = mapped_column(String(300), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    cue: Mapped[str] = mapped_column(String(100))
    content: Mapped[str] = mapped_column(Text)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    event_keys: Mapped[list] = mapped_column(JSON, default=list)
    data: Mapped[dict] = mapped_column(JSON)

    document: Mapped[DocumentRow] = relationship(back_populates="claims")

    __table_args__ = (UniqueConstraint("document_id", "claim_key"),)


class PlaceRow(Base):
    __tablename__ = "places"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    name: Mapped[str | None] = mapped_column(String(300))
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    geonameid: Mapped[int | None] = mapped_column(Integer)
    feature_code: Mapped[str | None] = mapped_column(String(10))
    country_code: Mapped[str | None] = mapped_column(String(2))
    admin1: Mapped[str | None] = mapped_column(String(200))

    document: Mapped[DocumentRow] = relationship(back_populates="places")


class ActorRow(Base):
    """A normalised actor name, and how often it appears in reports."""

    __tablename__ = "actors"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(300), unique=True)
    n_reports: Mapped[int] = mapped_column(Integer, default=0)


class EventActorRow(Base):
    """Which actors a report names, in which role (actor1, actor2, assoc_actor_1, assoc_actor_2)."""

    __tablename__ = "event_actors"

    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), primary_key=True)
    actor_id: Mapped[int] = mapped_column(ForeignKey("actors.id"), primary_key=True, index=True)
    role: Mapped[str] = mapped_column(String(20), primary_key=True)


class IngestErrorRow(Base):
    """A document that could not be read or processed, and why."""

    __tablename__ = "ingest_errors"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    doc_id: Mapped[str] = mapped_column(String(300), index=True)
    url: Mapped[str | None] = mapped_column(String(2000))
    error: Mapped[str] = mapped_column(Text)
    at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class FeedStateRow(Base):
    """What `polemos watch` last saw of a feed (for conditional requests)."""

    __tablename__ = "feeds"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    url: Mapped[str] = mapped_column(String(2000), unique=True)
    etag: Mapped[str | None] = mapped_column(String(500))
    last_modified: Mapped[str | None] = mapped_column(String(100))
    last_checked: Mapped[dt.datetime | None] = mapped_column(DateTime)
    last_status: Mapped[str | None] = mapped_column(String(200))
    n_entries: Mapped[int] = mapped_column(Integer, default=0)


class AuditRow(Base):
    """Every reviewer action: who, when, what, and the state before and after."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, index=True)
    who: Mapped[str] = mapped_column(String(200))
    action: Mapped[str] = mapped_column(String(40))
    canonical_id: Mapped[int | None] = mapped_column(Integer, index=True)
    before: Mapped[dict | None] = mapped_column(JSON)
    after: Mapped[dict | None] = mapped_column(JSON)
    note: Mapped[str | None] = mapped_column(Text)


class DocumentNameRow(Base):
    """A person a document names in full; `aged` when it gives an age ('Jane Doe, 23'): a victim or a suspect.

    Follow-up reports (funerals, trials) name the first report's victims and
    suspects whatever dates and places extraction gives them (see linking.person_names).
    """

    __tablename__ = "document_names"

    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True)
    name: Mapped[str] = mapped_column(String(200), primary_key=True, index=True)
    aged: Mapped[bool] = mapped_column(Boolean, default=False)


class TermStatRow(Base):
    """In how many documents a word occurs (for TF-IDF text similarity in linking).

    The empty term counts the documents themselves.
    """

    __tablename__ = "term_stats"

    term: Mapped[str] = mapped_column(String(100), primary_key=True)
    df: Mapped[int] = mapped_column(Integer, default=0)
