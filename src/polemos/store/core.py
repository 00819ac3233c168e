"""The Store: documents and their results in, canonical events out.

See polemos.store (the package docstring) for the API in one page.
"""

from __future__ import annotations

import base64
import logging
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from typing import Any

from sqlalchemy import and_, bindparam, delete, func, or_, select, update
from sqlalchemy.engine import Connection
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload, sessionmaker

from polemos.model import Document, DocumentResult, parse_iso_date

from . import db
from .cache import MAX_TERM_CHARS, LinkCache
from .candidates import HIDDEN_STATUSES, candidate_parameters, candidate_statement, members_statement, named_statement
from .canonical import apply_overrides, merge_reports
from .linking import (
    SIGNATURE_CHARS, LinkOptions, ReportFeatures, best_match, gates_pass, idf_function, make_signature, person_names,
    signature_terms, tfidf_vector,
)
from .models import (
    ActorRow,
    AuditRow,
    CanonicalEventRow,
    ClaimRow,
    DocumentNameRow,
    DocumentRow,
    EventActorRow,
    EventRow,
    FeedStateRow,
    IngestErrorRow,
    TermStatRow,
    utcnow,
)
from .writer import (
    CANONICAL_CURRENT, DOCUMENT_CANONICAL_IDS, INSERT_CANONICAL, INSERT_DOCUMENT, INSERT_EVENT, INSERT_NAMES, SAME_DOCUMENT,
    UPDATE_CANONICAL, BatchRows, document_values, new_report, report_values, without_nones,
)

log = logging.getLogger(__name__)

ACTOR_ROLES = ("actor1", "actor2", "assoc_actor_1", "assoc_actor_2")
LEAD_CHARS = 600
NO_NAMES: tuple[frozenset[str], frozenset[str]] = (frozenset(), frozenset())

# Built once (building a statement and its cache key cost more than running it).
REPORT_ROWS = (select(EventRow.canonical_id, EventRow.data, EventRow.evidence_text, DocumentRow.doc_id, DocumentRow.title,
                      func.substr(DocumentRow.text, 1, 600))
               .join(DocumentRow, DocumentRow.id == EventRow.document_id)
               .where(EventRow.canonical_id.in_(bindparam("ids", expanding=True)))
               .order_by(EventRow.id))
TERM_COUNTS = select(TermStatRow.term, TermStatRow.df).where(TermStatRow.term.in_(bindparam("terms", expanding=True)))


class StoreError(ValueError):
    """A request the store cannot carry out (unknown id, bad field, bad filter)."""


@dataclass
class EventFilters:
    """Filters for list_events / iter_events; None means no filter."""

    country: str | None = None  # ISO alpha-2
    since: str | None = None  # YYYY-MM-DD, inclusive
    until: str | None = None
    event_type: str | None = None
    sub_event_type: str | None = None
    actor: str | None = None  # substring of actor1/actor2, case-insensitive
    bbox: tuple[float, float, float, float] | str | None = None  # west,south,east,north
    q: str | None = None  # words that must all appear in titles/evidence/places/actors
    min_sources: int | None = None
    status: str | None = None  # auto | reviewed | not_event | merged
    include_hidden: bool = False  # also merged and not-an-event ones

    @classmethod
    def of(cls, value: EventFilters | dict | None) -> EventFilters:
        if value is None:
            return cls()
        if isinstance(value, cls):
            return value
        known = {k: v for k, v in dict(value).items() if k in cls.__dataclass_fields__ and v not in (None, "")}
        return cls(**known)

    def parsed_bbox(self) -> tuple[float, float, float, float] | None:
        if self.bbox in (None, ""):
            return None
        parts = self.bbox.split(",") if isinstance(self.bbox, str) else list(self.bbox)
        try:
            west, south, east, north = (float(p) for p in parts)
        except (TypeError, ValueError):
            raise StoreError("bbox must be west,south,east,north (four numbers)") from None
        return west, south, east, north


@dataclass
class Page:
    items: list[dict[str, Any]]
    next: str | None

    def to_dict(self) -> dict[str, Any]:
        return {"items": self.items, "next": self.next}


@dataclass
class AddOutcome:
    """What add_result did: 'added', 'duplicate' (nothing changed) or 'error' (recorded)."""

    doc_id: str
    status: str
    event_ids: list[str] = field(default_factory=list)  # canonical event ids of the document's events
    error: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def event_ref(pk: int) -> str:
    return f"ev-{pk}"


def parse_event_ref(value: str | int) -> int:
    text = str(value).strip()
    if text.startswith("ev-"):
        text = text[3:]
    try:
        return int(text)
    except ValueError:
        raise StoreError(f"not an event id: {value!r}") from None


class Store:
    def __init__(self, url: str, link_options: LinkOptions | None = None, migrate: bool = True):
        self.url = db.resolve_url(url)
        self.engine = db.make_engine(self.url)
        if migrate:
            db.upgrade(self.engine)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        self.link_options = link_options or LinkOptions()
        self._cache = LinkCache()

    # ---- plumbing ----------------------------------------------------------------------------

    @contextmanager
    def session(self) -> Iterator[Session]:
        """One transaction: committed when the block ends, rolled back on error."""
        try:
            with self._sessions() as session:
                with session.begin():
                    yield session
        except BaseException:
            self._cache.clear()  # rolled back: ids it saw may be given to other rows
            raise

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    # ---- documents in ------------------------------------------------------------------------

    def find_document(self, document: Document) -> str | None:
        """The stored doc_id of this document (same text or same URL), or None."""
        with self._sessions() as session:
            row = self._existing(session, document)
            return row.doc_id if row else None

    def has_url(self, url: str) -> bool:
        """Whether a document from this URL is stored (to skip fetching it again)."""
        with self._sessions() as session:
            return session.scalar(select(DocumentRow.id).where(DocumentRow.url == url).limit(1)) is not None

    def _existing(self, session: Session, document: Document) -> DocumentRow | None:
        conditions = [DocumentRow.content_hash == document.content_hash]
        if document.url:
            conditions.append(DocumentRow.url == document.url)
        return session.scalars(select(DocumentRow).where(or_(*conditions)).limit(1)).first()

    def add_result(self, document: Document, result: DocumentResult, link: bool = True) -> AddOutcome:
        """Store one document and its extraction result, and link its events. Idempotent.

        The document, its events, claims and places and the linking are one
        transaction: after a crash either all of it is there or none.
        """
        try:
            return self._write_batch([(document, result)], link)[0]
        except IntegrityError:
            # Another writer stored the same document between our check and insert.
            existing = self.find_document(document)
            if existing:
                return AddOutcome(doc_id=existing, status="duplicate")
            raise

    def add_results(self, pairs: Iterable[tuple[Document, DocumentResult]], link: bool = True,
                    batch_size: int = 32) -> Iterator[AddOutcome]:
        """add_result for many documents, in order, `batch_size` documents to a transaction.

        Each outcome is yielded once its batch has committed. A crash loses at
        most the batch being written (a re-run skips what is stored and stores
        the rest). A batch that fails is rolled back and its documents stored
        one at a time: a document that still fails is recorded (store.errors())
        and comes back as an 'error' outcome; the others are stored.
        """
        batch: list[tuple[Document, DocumentResult]] = []
        for pair in pairs:
            batch.append(pair)
            if len(batch) >= batch_size:
                yield from self._store_batch(batch, link)
                batch = []
        if batch:
            yield from self._store_batch(batch, link)

    def _store_batch(self, pairs: list[tuple[Document, DocumentResult]], link: bool) -> list[AddOutcome]:
        if len(pairs) > 1:
            try:
                return self._write_batch(pairs, link)
            except Exception as exc:  # one bad document: find it by storing them one at a time
                log.info("a batch of %d documents failed (%s: %s); storing them one at a time", len(pairs),
                         type(exc).__name__, exc)
        return [self._add_alone(document, result, link) for document, result in pairs]

    def _add_alone(self, document: Document, result: DocumentResult, link: bool) -> AddOutcome:
        """add_result, a database problem recorded as this document's error rather than raised."""
        try:
            return self.add_result(document, result, link)
        except Exception as exc:
            log.warning("could not store %s: %s", document.id, exc)
            message = f"could not store: {type(exc).__name__}: {exc}"
            try:
                self.record_error(document, message)
            except Exception:
                pass
            return AddOutcome(doc_id=document.id, status="error", error=message)

    @contextmanager
    def _transaction(self) -> Iterator[Connection]:
        """A Core connection in one transaction (the ingest path: no ORM session)."""
        try:
            with self.engine.begin() as connection:
                yield connection
        except BaseException:
            self._cache.clear()  # rolled back: ids it saw may be given to other rows
            raise

    def _write_batch(self, pairs: list[tuple[Document, DocumentResult]], link: bool) -> list[AddOutcome]:
        """One transaction: each document in turn (stored and linked, or a duplicate, or an error recorded)."""
        later = BatchRows()
        with self._transaction() as connection:
            outcomes = [self._add(connection, document, result, link, later) for document, result in pairs]
            later.write(connection)
            self._add_actors(connection, later.actor_links)
            self._write_term_counts(connection)
        self._cache.commit(documents=later.documents)
        return outcomes

    def _add(self, connection: Connection, document: Document, result: DocumentResult, link: bool,
             later: BatchRows) -> AddOutcome:
        if result.error or document.error:
            message = result.error or document.error or "unknown error"
            later.add_error(document, message)
            return AddOutcome(doc_id=document.id, status="error", error=message)
        same = connection.execute(SAME_DOCUMENT, {"content_hash": document.content_hash, "url": document.url,
                                                  "doc_id": document.id}).all()
        existing = next((r for r in same if r.content_hash == document.content_hash or (document.url and r.url == document.url)), None)
        if existing is not None:
            ids = connection.scalars(DOCUMENT_CANONICAL_IDS, {"document_id": existing.id})
            return AddOutcome(doc_id=existing.doc_id, status="duplicate", event_ids=[event_ref(i) for i in ids if i])
        doc_id = document.id
        if same:  # same id, different text: keep both
            doc_id = f"{doc_id}~{document.content_hash[:8]}"
        values = document_values(document, result, doc_id)
        document_id = connection.execute(INSERT_DOCUMENT, without_nones(values)).inserted_primary_key[0]
        lead = f"{values['title'] or ''}\n{document.text[:LEAD_CHARS]}"
        reports = [new_report(document_id, position, event, document.text, lead) for position, event in enumerate(result.events)]
        names = person_names(document.text, result.entities)
        if names:
            connection.execute(INSERT_NAMES, [{"document_id": document_id, "name": name, "aged": aged}
                                              for name, aged in sorted(names.items())])
        self._cache.names[document_id] = (frozenset(n for n, aged in names.items() if aged), frozenset(names))
        # Each report's signature is of a text starting with the lead (writer.new_report), so it holds
        # all the lead's words when the lead is not cut: signing the lead again would add none.
        terms = signature_terms(make_signature(lead)) if not reports or len(lead) > SIGNATURE_CHARS else set()
        for report in reports:
            terms |= signature_terms(report.signature)
        self._count_terms(terms)
        touched: set[int] = set()
        for report in reports:
            # Linked before it is written, so it goes in with its canonical id (reports of the
            # document not yet written have none, so linking never sees them either way).
            features = self._report_features(report, values["published"])
            features.names, features.people = self._cache.names[document_id]
            if link and not report.background:
                touched.add(self._link(connection, report, features))
            report.id = connection.execute(INSERT_EVENT, report_values(report)).inserted_primary_key[0]
            self._cache.put_features(report.id, features)
        self._recompute_many(connection, sorted(touched))
        later.add_claims(document_id, result)
        later.add_places(document_id, result)
        later.add_actor_links(reports, ACTOR_ROLES)
        later.documents += 1
        return AddOutcome(doc_id=doc_id, status="added",
                          event_ids=[event_ref(r.canonical_id) for r in reports if r.canonical_id])

    def _add_actors(self, connection: Connection, links: list[tuple[int, str, str]]) -> None:
        """Actor rows (counted once per report naming them) and who-names-whom links, in three statements."""
        if not links:
            return
        counts: dict[str, int] = {}
        for _, _, name in links:
            counts[name] = counts.get(name, 0) + 1
        insert = self._dialect_insert()
        rows = [{"name": name, "n_reports": n} for name, n in sorted(counts.items())]
        if insert is not None:
            statement = insert(ActorRow)
            connection.execute(statement.on_conflict_do_update(
                index_elements=["name"], set_={"n_reports": ActorRow.n_reports + statement.excluded.n_reports}), rows)
        else:  # other databases: one name at a time
            for row in rows:
                if connection.scalar(select(ActorRow.id).where(ActorRow.name == row["name"])) is None:
                    connection.execute(ActorRow.__table__.insert(), [{**row, "n_reports": 0}])
                connection.execute(update(ActorRow).where(ActorRow.name == row["name"])
                                   .values(n_reports=ActorRow.n_reports + row["n_reports"]))
        ids = dict(connection.execute(select(ActorRow.name, ActorRow.id).where(ActorRow.name.in_(sorted(counts)))).all())
        connection.execute(EventActorRow.__table__.insert(),
                           [{"event_id": event_id, "actor_id": ids[name], "role": role} for event_id, role, name in links])

    def _dialect_insert(self):
        """The dialect's INSERT with ON CONFLICT (SQLite and PostgreSQL), or None."""
        if self.dialect == "postgresql":
            from sqlalchemy.dialects.postgresql import insert
        elif self.dialect == "sqlite":
            from sqlalchemy.dialects.sqlite import insert
        else:
            return None
        return insert

    def _count_terms(self, terms: set[str]) -> None:
        """One more document containing these words: counted in the cache now, written when the batch ends."""
        if self._dialect_insert() is None:
            return  # other databases: linking falls back to plain word overlap
        self._cache.count_terms({t[:MAX_TERM_CHARS] for t in terms})

    def _write_term_counts(self, connection: Connection) -> None:
        """The batch's word counts (upsert, on SQLite and PostgreSQL alike)."""
        rows = [{"term": term, "df": n} for term, n in sorted(self._cache.pending.items())]
        if not rows:
            return
        statement = self._dialect_insert()(TermStatRow)
        connection.execute(statement.on_conflict_do_update(
            index_elements=["term"], set_={"df": TermStatRow.df + statement.excluded.df}), rows)

    def _idf(self, session: Session | Connection, signatures: list[str]):
        """idf of the words of these signatures (linking.idf_function); counts the cache lacks are read first.

        Only signatures not seen since the cache was last cleared are looked at: most candidates
        of a report were candidates of earlier ones.
        """
        unknown = self._cache.unknown_signatures(signatures)
        if unknown:
            terms = {t[:MAX_TERM_CHARS] for s in unknown for t in _terms(s)} | {""}
            missing = self._cache.missing_terms(terms)
            if missing:
                self._cache.learn_df(dict(session.execute(TERM_COUNTS, {"terms": sorted(missing)}).all()), missing)
            self._cache.know_signatures(unknown)
        counts = self._cache.counts()
        return idf_function(counts, counts.get(""))

    def record_error(self, document: Document | str, message: str, url: str | None = None) -> None:
        """Remember a document that could not be ingested (reported by stats()['errors'])."""
        doc_id = document if isinstance(document, str) else document.id
        url = url or (None if isinstance(document, str) else document.url)
        with self.session() as session:
            session.add(IngestErrorRow(doc_id=doc_id, url=url, error=message[:4000]))

    # ---- linking -----------------------------------------------------------------------------

    @staticmethod
    def _report_features(row, published: str | None) -> ReportFeatures:
        """Linking features of a report: `row` is an EventRow or a row of _FEATURE_COLUMNS (same names)."""
        return ReportFeatures(
            event_type=row.event_type, sub_event_type=row.sub_event_type, event_date=row.event_date,
            time_precision=row.time_precision or 1, latitude=row.latitude, longitude=row.longitude,
            geo_precision=row.geo_precision, country_code=row.country_code, actor1=row.actor1,
            actor2=row.actor2, fatalities=row.fatalities or 0, injured=row.injured or 0, signature=row.signature or "",
            doc_key=row.document_id, location_name=row.location_name, published=published, main=row.position == 0,
        )

    def _features(self, session: Session, row: EventRow) -> ReportFeatures:
        features = self._report_features(row, row.document.published if row.document is not None else None)
        features.names, features.people = self._names(session, [row.document_id]).get(row.document_id, NO_NAMES)
        return features

    def _names(self, session: Session, document_ids: Iterable[int]) -> dict[int, tuple[frozenset[str], frozenset[str]]]:
        """(key people, all people) of these documents (linking.person_names), by document."""
        cache = self._cache.names
        wanted = set(document_ids)
        ids = sorted(wanted - cache.keys())
        aged: dict[int, set[str]] = {}
        people: dict[int, set[str]] = {}
        if ids:
            for document_id, name, with_age in session.execute(
                    select(DocumentNameRow.document_id, DocumentNameRow.name, DocumentNameRow.aged)
                    .where(DocumentNameRow.document_id.in_(ids))):
                people.setdefault(document_id, set()).add(name)
                if with_age:
                    aged.setdefault(document_id, set()).add(name)
            for document_id in ids:
                cache[document_id] = (frozenset(aged.get(document_id, ())), frozenset(people.get(document_id, ())))
        return {k: cache[k] for k in wanted if k in cache}

    _FEATURE_COLUMNS = (
        EventRow.event_type, EventRow.sub_event_type, EventRow.event_date, EventRow.time_precision,
        EventRow.latitude, EventRow.longitude, EventRow.geo_precision, EventRow.country_code, EventRow.actor1,
        EventRow.actor2, EventRow.fatalities, EventRow.signature, EventRow.document_id, EventRow.location_name,
        EventRow.position, EventRow.injured, DocumentRow.published,
    )

    def _candidate_ids(self, session: Session | Connection, report, features: ReportFeatures) -> list[int]:
        """Canonical events that could hold this report: near in date (or place, when undated), or naming its key people.

        The query narrows by date window and (when the report has coordinates)
        by a box wider than any distance gate; the gates decide the rest.
        (store/candidates.py builds each shape of the query once.)
        """
        options = self.link_options
        bounds: dict[str, tuple] = {}
        d = parse_iso_date(report.event_date)
        if d is not None:
            bounds = self._date_windows(report, features, d)
        elif report.latitude is not None and report.longitude is not None:
            # Undated: only nearby events (a dated report's window is narrow enough, and
            # far-apart places may still link on strong word overlap; see linking.pair_score).
            bounds = {"box": self._box(report, max(options.distance_km.values()))}
        statement = candidate_statement(tuple(bounds), bool(report.country_code), options.max_candidates)
        ids = list(session.scalars(statement, candidate_parameters(bounds, report.country_code)))
        if features.people:
            # Our key people named anywhere, or anyone we name whom another document gives an age.
            named = session.scalars(named_statement(options.max_candidates), {
                "names": sorted(features.names), "people": sorted(features.people), "document_id": report.document_id})
            ids = sorted(set(ids) | set(named), reverse=True)
        return ids

    def _date_windows(self, report, features: ReportFeatures, d) -> dict[str, tuple]:
        """Which canonical dates may take a report dated d: bounds of each condition that applies (candidates.CONDITIONS).

        Each precision's own window; beyond it, up to date_conflict_days, only
        where the date bridges of linking.pair_score could apply: this report's
        own uncertain date looking back, or the same place when it gives
        counts (key people are found by name instead).
        """
        import datetime as dt

        options = self.link_options
        own = report.time_precision or 1
        day = dt.timedelta(days=1)

        def between(before: int, after: int) -> tuple[str, str]:
            return (d - before * day).isoformat(), (d + after * day).isoformat()

        def window(precision: int) -> int:
            return options.date_window_days.get(max(own, precision), 1)

        wide = options.date_conflict_days
        bounds = {"w1": between(window(1), window(1)), "w2": between(window(2), window(2)),
                  "w3": between(window(3), window(3)), "undated": ()}
        published = parse_iso_date(features.published)
        if published is not None and 0 <= (published - d).days <= options.uncertain_date_days:
            # An uncertain date (a follow-up's) looks back for the incident it follows up.
            # A follow-up stored before its incident's first report is not found this way.
            bounds["back"] = between(wide, 0)
        # The same place: a report with the same counts may bridge dates there (either may be the later one).
        if report.fatalities or report.injured:
            if report.latitude is not None and report.longitude is not None:
                bounds["same_box"] = between(wide, wide) + self._box(report, options.same_place_km)
            if report.location_name:
                bounds["same_name"] = between(wide, wide) + (report.location_name,)
        return bounds

    @staticmethod
    def _box(report, km: float) -> tuple[float, float, float, float]:
        """(south, north, west, east) of a box of about `km` around the report's coordinates."""
        import math

        lat_span = km / 111.0 + 0.1
        lon_span = min(180.0, lat_span / max(math.cos(math.radians(report.latitude)), 0.05))
        return (report.latitude - lat_span, report.latitude + lat_span, report.longitude - lon_span, report.longitude + lon_span)

    def _candidates(self, session: Session, report: EventRow, features: ReportFeatures) -> dict[int, list[ReportFeatures]]:
        """Reports of the canonical events this report could belong to, by canonical id."""
        ids = self._candidate_ids(session, report, features)
        if not ids:
            return {}
        params: dict[str, Any] = {"ids": ids}
        if report.id is not None:  # re-linking a stored report (one being written is in no event)
            params["report_id"] = report.id
        members = session.execute(members_statement(report.id is not None), params).all()
        features = {m.id: self._cache.get_features(m.id, m.document_id, m.event_date) for m in members}
        self._load_features(session, [pk for pk, f in features.items() if f is None], features)
        names = self._names(session, {m.document_id for m in members})
        out: dict[int, list[ReportFeatures]] = {}
        for m in members:
            report_features = features[m.id]
            report_features.names, report_features.people = names.get(m.document_id, NO_NAMES)
            out.setdefault(m.canonical_id, []).append(report_features)
        return out

    def _load_features(self, session: Session, event_ids: list[int], into: dict[int, ReportFeatures]) -> None:
        """Features of reports not in the cache, read in chunks (and cached: they never change)."""
        for start in range(0, len(event_ids), 500):
            chunk = event_ids[start:start + 500]
            rows = session.execute(select(EventRow.id, *self._FEATURE_COLUMNS).join(DocumentRow, DocumentRow.id == EventRow.document_id)
                                   .where(EventRow.id.in_(chunk)))
            for row in rows:
                features = self._report_features(row, row.published)
                self._cache.put_features(row.id, features)
                into[row.id] = features

    def _match(self, session: Session | Connection, report, features: ReportFeatures | None = None) -> tuple[int | None, float]:
        """The best canonical event for a report (an EventRow, or a report being written with its features)."""
        if features is None:
            features = self._features(session, report)
        # Gates first (cheap); word statistics only for what passes them.
        candidates = {
            key: reports for key, reports in self._candidates(session, report, features).items()
            if gates_pass(features, reports, self.link_options)
        }
        if candidates:
            signatures = [features.signature] + [other.signature for reports in candidates.values() for other in reports]
            idf = _Memo(self._idf(session, signatures)).__getitem__  # each word's idf once, not once per report
            features.vector = tfidf_vector(features.signature, idf)
            for reports in candidates.values():
                for other in reports:
                    other.vector = tfidf_vector(other.signature, idf)
        return best_match(features, candidates, self.link_options)

    def _link(self, session: Session | Connection, report, features: ReportFeatures | None = None) -> int:
        """Attach a report to the best matching canonical event, or a new one; returns its id."""
        match, score = self._match(session, report, features)
        if match is None:
            match = session.execute(INSERT_CANONICAL, without_nones({
                "event_type": report.event_type, "sub_event_type": report.sub_event_type,
                "disorder_type": report.data.get("disorder_type", ""), "data": {}, "contested": [], "overrides": {},
                "status": "auto", "created_at": utcnow(), "updated_at": utcnow(),
            })).inserted_primary_key[0]
            score = None
        report.canonical_id = match
        report.link_score = round(score, 4) if score is not None else None
        return match

    def _report_rows(self, session: Session | Connection, canonical_ids: list[int]) -> dict[int, list]:
        """What recomputing reads of each canonical event's reports (plain columns: nothing here changes a report)."""
        out: dict[int, list] = {}
        for row in session.execute(REPORT_ROWS, {"ids": canonical_ids}):
            out.setdefault(row[0], []).append(tuple(row[1:]))
        return out

    def _recompute(self, session: Session, canonical_id: int) -> CanonicalEventRow | None:
        """Canonical values from its reports (and the reviewer's overrides)."""
        canonical = session.get(CanonicalEventRow, canonical_id)
        if canonical is None:
            return None
        rows = self._report_rows(session, [canonical_id]).get(canonical_id)
        if not rows:
            if canonical.status == "auto" and not canonical.overrides:
                session.delete(canonical)
            else:
                canonical.sources = 0
            return None
        for name, value in _canonical_values(canonical, rows).items():
            setattr(canonical, name, value)
        return canonical

    def _recompute_many(self, connection: Connection, canonical_ids: list[int]) -> None:
        """_recompute for canonical events that have reports, in three statements (the ingest path)."""
        if not canonical_ids:
            return
        rows = self._report_rows(connection, canonical_ids)
        values = [{"canonical_pk": current.id, **_canonical_values(current, rows[current.id])}
                  for current in connection.execute(CANONICAL_CURRENT, {"ids": canonical_ids})]
        connection.execute(UPDATE_CANONICAL, values)

    def relink(self, include_reviewed: bool = False) -> dict[str, int]:
        """Re-link every report that no reviewer pinned (after changing link options, say).

        Incremental: each report in turn leaves its canonical event and is
        linked again against everything else, so an event whose reports still
        belong together keeps its id. Reports a reviewer placed (merge, split,
        move) stay where they are, and events a reviewer touched keep their edits.
        First the people each document names are read again (see _refresh_names).
        """
        moved = 0
        with self.session() as session:
            renamed = self._refresh_names(session)
            statuses = ["auto", "reviewed"] if include_reviewed else ["auto"]
            free = list(session.scalars(
                select(EventRow).join(CanonicalEventRow, CanonicalEventRow.id == EventRow.canonical_id, isouter=True)
                .where(EventRow.link_locked.is_(False), EventRow.background.is_(False),
                       or_(EventRow.canonical_id.is_(None), CanonicalEventRow.status.in_(statuses)))
                .order_by(EventRow.id)
            ))
            for row in free:
                old = row.canonical_id
                row.canonical_id = None
                session.flush()
                empty = old is not None and session.scalar(select(func.count()).where(EventRow.canonical_id == old)) == 0
                match, score = self._match(session, row)
                if match is None and empty:
                    match, score = old, None  # alone before, alone now: keep its id
                if match is None:
                    match = self._link(session, row)
                else:
                    row.canonical_id = match
                    row.link_score = round(score, 4) if score is not None else None
                session.flush()
                self._recompute(session, match)
                if old is not None and old != match:
                    self._recompute(session, old)
                    moved += 1
        return {"reports": len(free), "moved": moved, "documents_renamed": renamed}

    def _refresh_names(self, session: Session) -> int:
        """Rewrite the stored people of documents whose names linking.person_names now reads otherwise.

        The names are stored once, at ingest; after a change to how names are
        read (name_key, aged_names, their word lists) relinking must compare the
        names the code reads now, or old and new documents would never share a key.
        Returns how many documents changed.
        """
        stored: dict[int, dict[str, bool]] = {}
        for document_id, name, aged in session.execute(
                select(DocumentNameRow.document_id, DocumentNameRow.name, DocumentNameRow.aged)):
            stored.setdefault(document_id, {})[name] = bool(aged)
        changed: dict[int, dict[str, bool]] = {}
        for document_id, text, extra in session.execute(
                select(DocumentRow.id, DocumentRow.text, DocumentRow.extra).execution_options(yield_per=500)):
            names = person_names(text, (extra or {}).get("entities") or [])
            if names != stored.get(document_id, {}):
                changed[document_id] = names
        ids = sorted(changed)  # written after the read, not while its cursor is open
        for start in range(0, len(ids), 500):
            chunk = ids[start:start + 500]
            session.execute(delete(DocumentNameRow).where(DocumentNameRow.document_id.in_(chunk)))
            rows = [{"document_id": i, "name": name, "aged": aged} for i in chunk for name, aged in sorted(changed[i].items())]
            if rows:
                session.execute(INSERT_NAMES, rows)
        if changed:
            self._cache.names.clear()
        return len(changed)

    # ---- events out --------------------------------------------------------------------------

    def _filtered(self, filters: EventFilters):
        query = select(CanonicalEventRow)
        if filters.status:
            query = query.where(CanonicalEventRow.status == filters.status)
        elif not filters.include_hidden:
            query = query.where(CanonicalEventRow.status.not_in(HIDDEN_STATUSES))
        if filters.country:
            query = query.where(func.upper(CanonicalEventRow.country_code) == filters.country.upper())
        if filters.since:
            query = query.where(CanonicalEventRow.event_date >= filters.since)
        if filters.until:
            query = query.where(CanonicalEventRow.event_date <= filters.until)
        if filters.event_type:
            query = query.where(CanonicalEventRow.event_type == filters.event_type)
        if filters.sub_event_type:
            query = query.where(CanonicalEventRow.sub_event_type == filters.sub_event_type)
        if filters.actor:
            pattern = f"%{filters.actor.lower()}%"
            query = query.where(or_(func.lower(CanonicalEventRow.actor1).like(pattern),
                                    func.lower(CanonicalEventRow.actor2).like(pattern)))
        bbox = filters.parsed_bbox()
        if bbox:
            west, south, east, north = bbox
            lon = CanonicalEventRow.longitude
            lon_ok = lon.between(west, east) if west <= east else or_(lon >= west, lon <= east)
            query = query.where(CanonicalEventRow.latitude.between(south, north), lon_ok)
        if filters.q:
            for word in filters.q.lower().split():
                query = query.where(CanonicalEventRow.search_text.like(f"%{word}%"))
        if filters.min_sources:
            query = query.where(CanonicalEventRow.sources >= int(filters.min_sources))
        return query

    def list_events(self, filters: EventFilters | dict | None = None, cursor: str | None = None, limit: int = 50) -> Page:
        """Canonical events, newest event date first, a page at a time.

        Each item is an Event dict plus `reports` [{doc_id, event_id}], `sources`,
        `contested` and `status`. Pass the returned `next` as `cursor` for the next page.
        """
        filters = EventFilters.of(filters)
        limit = max(1, min(int(limit), 1000))
        date_key = func.coalesce(CanonicalEventRow.event_date, "")
        query = self._filtered(filters)
        if cursor:
            last_date, last_id = _decode_cursor(cursor)
            query = query.where(or_(date_key < last_date, and_(date_key == last_date, CanonicalEventRow.id < last_id)))
        query = query.order_by(date_key.desc(), CanonicalEventRow.id.desc()).limit(limit + 1)
        with self._sessions() as session:
            rows = list(session.scalars(query))
            more = len(rows) > limit
            rows = rows[:limit]
            items = self._items(session, rows)
        next_cursor = _encode_cursor(rows[-1].event_date or "", rows[-1].id) if more and rows else None
        return Page(items=items, next=next_cursor)

    def iter_events(self, filters: EventFilters | dict | None = None, batch: int = 500) -> Iterator[dict[str, Any]]:
        """Every canonical event matching the filters (for exports), in pages of `batch`."""
        cursor = None
        while True:
            page = self.list_events(filters, cursor=cursor, limit=batch)
            yield from page.items
            if not page.next:
                return
            cursor = page.next

    def count_events(self, filters: EventFilters | dict | None = None) -> int:
        query = self._filtered(EventFilters.of(filters)).with_only_columns(func.count()).order_by(None)
        with self._sessions() as session:
            return int(session.scalar(query) or 0)

    def _items(self, session: Session, rows: list[CanonicalEventRow]) -> list[dict[str, Any]]:
        ids = [r.id for r in rows]
        reports: dict[int, list[dict[str, str]]] = {}
        if ids:
            for cid, doc_id, key in session.execute(
                select(EventRow.canonical_id, DocumentRow.doc_id, EventRow.event_key)
                .join(DocumentRow, DocumentRow.id == EventRow.document_id)
                .where(EventRow.canonical_id.in_(ids)).order_by(EventRow.id)
            ):
                reports.setdefault(cid, []).append({"doc_id": doc_id, "event_id": key})
        return [self._event_dict(r, reports.get(r.id, [])) for r in rows]

    @staticmethod
    def _event_dict(row: CanonicalEventRow, reports: list[dict[str, str]]) -> dict[str, Any]:
        data = dict(row.data or {})
        data["id"] = event_ref(row.id)
        data["reports"] = reports
        data["sources"] = row.sources
        data["contested"] = row.contested or []
        data["status"] = row.status
        if row.merged_into:
            data["merged_into"] = event_ref(row.merged_into)
        if row.overrides:
            data["overrides"] = row.overrides
        return data

    def get_event(self, event_id: str | int) -> dict[str, Any] | None:
        """One canonical event with everything behind it, or None.

        Adds to the list item: `report_details` (each report's document
        metadata, its own Event, link score and pinned flag, and `evidence`
        [{start, end, text}]), `documents` [{doc_id, title, url, source, date}],
        `claims` (the claims of those documents that report the event, each with
        `doc_id` and a store-wide `qualified_id`), and `history` (audit log).
        """
        pk = parse_event_ref(event_id)
        with self._sessions() as session:
            row = session.get(CanonicalEventRow, pk)
            if row is None:
                return None
            report_rows = session.execute(
                select(EventRow, DocumentRow).join(DocumentRow, DocumentRow.id == EventRow.document_id)
                .where(EventRow.canonical_id == pk).order_by(EventRow.id)
            ).all()
            item = self._event_dict(row, [{"doc_id": d.doc_id, "event_id": e.event_key} for e, d in report_rows])
            details, documents, claims = [], {}, []
            for event_row, doc in report_rows:
                spans = event_row.data.get("evidence") or []
                details.append({
                    "doc_id": doc.doc_id, "event_id": event_row.event_key, "title": doc.title, "url": doc.url,
                    "source": doc.source, "date": doc.published, "link_score": event_row.link_score,
                    "pinned": event_row.link_locked, "event": event_row.data,
                    "evidence": [{"start": s["start"], "end": s["end"], "text": doc.text[s["start"]:s["end"]]} for s in spans],
                })
                documents[doc.doc_id] = {"doc_id": doc.doc_id, "title": doc.title, "url": doc.url,
                                         "source": doc.source, "date": doc.published}
                for claim in session.scalars(select(ClaimRow).where(ClaimRow.document_id == doc.id).order_by(ClaimRow.position)):
                    if event_row.event_key in (claim.event_keys or []) or claim.claim_key in (event_row.data.get("claim_ids") or []):
                        claims.append({**claim.data, "doc_id": doc.doc_id, "qualified_id": f"{doc.doc_id}#{claim.claim_key}"})
            item["report_details"] = details
            item["documents"] = list(documents.values())
            item["claims"] = claims
            item["history"] = [_audit_dict(a) for a in session.scalars(
                select(AuditRow).where(AuditRow.canonical_id == pk).order_by(AuditRow.id))]
            return item

    def report_sources(self, event_id: str | int) -> list[str]:
        """The distinct outlets (document `source`, else the URL's host) that report an event."""
        from urllib.parse import urlparse

        pk = parse_event_ref(event_id)
        with self._sessions() as session:
            rows = session.execute(select(DocumentRow.source, DocumentRow.url).join(EventRow, EventRow.document_id == DocumentRow.id)
                                   .where(EventRow.canonical_id == pk).order_by(EventRow.id)).all()
        out: list[str] = []
        for source, url in rows:
            name = source or (urlparse(url).hostname if url else None)
            if name and name not in out:
                out.append(name)
        return out

    # ---- documents out -----------------------------------------------------------------------

    def get_document(self, doc_id: str) -> dict[str, Any] | None:
        """A stored document: its text and metadata, its DocumentResult fields, and where each event was linked."""
        with self._sessions() as session:
            row = session.scalar(
                select(DocumentRow).where(DocumentRow.doc_id == doc_id)
                .options(selectinload(DocumentRow.events), selectinload(DocumentRow.claims), selectinload(DocumentRow.places))
            )
            if row is None:
                return None
            out = _document_dict(row, with_text=True)
            # The people linking uses (aged: written with an age, a victim or suspect).
            out["people"] = [{"name": name, "aged": aged} for name, aged in session.execute(
                select(DocumentNameRow.name, DocumentNameRow.aged).where(DocumentNameRow.document_id == row.id)
                .order_by(DocumentNameRow.name))]
            return out

    def list_documents(self, cursor: str | None = None, limit: int = 50, q: str | None = None) -> Page:
        """Documents, most recently ingested first (no text; get_document has it)."""
        limit = max(1, min(int(limit), 1000))
        query = select(DocumentRow)
        if q:
            for word in q.lower().split():
                query = query.where(or_(func.lower(DocumentRow.title).like(f"%{word}%"), func.lower(DocumentRow.text).like(f"%{word}%")))
        if cursor:
            query = query.where(DocumentRow.id < _decode_cursor(cursor)[1])
        with self._sessions() as session:
            rows = list(session.scalars(query.order_by(DocumentRow.id.desc()).limit(limit + 1)))
            more = len(rows) > limit
            rows = rows[:limit]
            items = [{k: v for k, v in _document_dict(r, with_text=False).items() if k not in ("events", "claims", "places", "entities")}
                     | {"n_events": r.n_events, "n_claims": r.n_claims} for r in rows]
        return Page(items=items, next=_encode_cursor("", rows[-1].id) if more and rows else None)

    def has_documents(self) -> bool:
        with self._sessions() as session:
            return session.scalar(select(DocumentRow.id).limit(1)) is not None

    def stats(self) -> dict[str, Any]:
        """Counts for a dashboard header: documents, reports, events, sources, errors, date range."""
        with self._sessions() as session:
            count = lambda model, *where: int(session.scalar(select(func.count()).select_from(model).where(*where)) or 0)  # noqa: E731
            visible = CanonicalEventRow.status.not_in(HIDDEN_STATUSES)
            first, last = session.execute(select(func.min(CanonicalEventRow.event_date), func.max(CanonicalEventRow.event_date)).where(visible)).one()
            by_type = dict(session.execute(select(CanonicalEventRow.event_type, func.count()).where(visible).group_by(CanonicalEventRow.event_type)).all())
            by_country = dict(session.execute(
                select(CanonicalEventRow.country_code, func.count()).where(visible, CanonicalEventRow.country_code.is_not(None))
                .group_by(CanonicalEventRow.country_code).order_by(func.count().desc()).limit(20)).all())
            return {
                "documents": count(DocumentRow),
                "reports": count(EventRow),
                "events": count(CanonicalEventRow, visible),
                "multi_source_events": count(CanonicalEventRow, visible, CanonicalEventRow.sources > 1),
                "contested_events": count(CanonicalEventRow, visible, CanonicalEventRow.n_contested > 0),
                "not_events": count(CanonicalEventRow, CanonicalEventRow.status == "not_event"),
                "reviewed_events": count(CanonicalEventRow, CanonicalEventRow.status == "reviewed"),
                "claims": count(ClaimRow),
                "errors": count(IngestErrorRow),
                "fatalities": int(session.scalar(select(func.coalesce(func.sum(CanonicalEventRow.fatalities), 0)).where(visible)) or 0),
                "first_date": first, "last_date": last,
                "by_event_type": by_type, "by_country": by_country,
            }

    def errors(self, limit: int = 100) -> list[dict[str, Any]]:
        with self._sessions() as session:
            rows = session.scalars(select(IngestErrorRow).order_by(IngestErrorRow.id.desc()).limit(limit))
            return [{"doc_id": r.doc_id, "url": r.url, "error": r.error, "at": r.at.isoformat()} for r in rows]

    # ---- feeds (polemos watch) ---------------------------------------------------------------

    def feed_state(self, url: str) -> dict[str, Any]:
        with self._sessions() as session:
            row = session.scalar(select(FeedStateRow).where(FeedStateRow.url == url))
            if row is None:
                return {"url": url, "etag": None, "last_modified": None}
            return {"url": url, "etag": row.etag, "last_modified": row.last_modified,
                    "last_checked": row.last_checked.isoformat() if row.last_checked else None,
                    "last_status": row.last_status, "n_entries": row.n_entries}

    def save_feed_state(self, url: str, etag: str | None, last_modified: str | None, status: str, n_entries: int = 0) -> None:
        with self.session() as session:
            row = session.scalar(select(FeedStateRow).where(FeedStateRow.url == url))
            if row is None:
                row = FeedStateRow(url=url)
                session.add(row)
            row.etag, row.last_modified, row.last_status = etag, last_modified, status[:200]
            row.last_checked = utcnow()
            row.n_entries = (row.n_entries or 0) + n_entries

    # ---- review (the reviewer wins over automatic linking) -----------------------------------

    def _audit(self, session: Session, who: str, action: str, canonical_id: int | None, before, after, note: str | None) -> None:
        if not who or not str(who).strip():
            raise StoreError("a review action needs `who` (the reviewer)")
        session.add(AuditRow(who=str(who)[:200], action=action, canonical_id=canonical_id, before=before, after=after, note=note))

    def _get_canonical(self, session: Session, event_id: str | int) -> CanonicalEventRow:
        row = session.get(CanonicalEventRow, parse_event_ref(event_id))
        if row is None:
            raise StoreError(f"no such event: {event_id}")
        return row

    def _snapshot(self, session: Session, row: CanonicalEventRow) -> dict[str, Any]:
        reports = [f"{d}/{k}" for d, k in session.execute(
            select(DocumentRow.doc_id, EventRow.event_key).join(EventRow, EventRow.document_id == DocumentRow.id)
            .where(EventRow.canonical_id == row.id).order_by(EventRow.id))]
        data = row.data or {}
        return {"id": event_ref(row.id), "status": row.status, "overrides": dict(row.overrides or {}), "reports": reports,
                **{k: data.get(k) for k in ("event_type", "sub_event_type", "event_date", "fatalities", "injured", "arrested", "actor1", "actor2")},
                "location": (data.get("location") or {}).get("name")}

    def merge_events(self, target_id: str | int, other_ids: Iterable[str | int], who: str, note: str | None = None) -> dict[str, Any]:
        """Merge other canonical events into the target: their reports move and stay there."""
        with self.session() as session:
            target = self._get_canonical(session, target_id)
            others = [self._get_canonical(session, o) for o in other_ids]
            others = [o for o in others if o.id != target.id]
            if not others:
                raise StoreError("merge needs at least one other event")
            before = {"target": self._snapshot(session, target), "others": [self._snapshot(session, o) for o in others]}
            ids = [o.id for o in others]
            session.execute(update(EventRow).where(EventRow.canonical_id.in_(ids + [target.id])).values(link_locked=True))
            session.execute(update(EventRow).where(EventRow.canonical_id.in_(ids)).values(canonical_id=target.id))
            for other in others:
                other.status, other.merged_into, other.sources = "merged", target.id, 0
            target.status = "reviewed"
            session.flush()
            self._recompute(session, target.id)
            after = self._snapshot(session, target)
            self._audit(session, who, "merge", target.id, before, after, note)
            for other in others:
                self._audit(session, who, "merged_into", other.id, before["others"], {"merged_into": event_ref(target.id)}, note)
        return self.get_event(target.id)

    def split_event(self, event_id: str | int, reports: Iterable[dict[str, str] | tuple[str, str] | str], who: str, note: str | None = None) -> dict[str, Any]:
        """Move the given reports ({doc_id, event_id}, (doc_id, event_id) or "doc_id/event_id") out into a new event.

        Both events' reports are pinned: re-linking leaves them apart.
        """
        with self.session() as session:
            source = self._get_canonical(session, event_id)
            wanted = {_report_key(r) for r in reports}
            rows = session.execute(
                select(EventRow, DocumentRow.doc_id).join(DocumentRow, DocumentRow.id == EventRow.document_id)
                .where(EventRow.canonical_id == source.id)).all()
            moving = [row for row, doc_id in rows if (doc_id, row.event_key) in wanted]
            if not moving:
                raise StoreError("none of those reports belong to this event")
            if len(moving) == len(rows):
                raise StoreError("a split must leave at least one report behind")
            missing = wanted - {(d, r.event_key) for r, d in rows}
            if missing:
                raise StoreError(f"not reports of this event: {sorted(missing)}")
            before = self._snapshot(session, source)
            new = CanonicalEventRow(event_type=moving[0].event_type, sub_event_type=moving[0].sub_event_type,
                                    disorder_type=moving[0].data.get("disorder_type", ""), data={}, contested=[],
                                    overrides={}, status="reviewed")
            session.add(new)
            session.flush()
            for row, _ in rows:
                row.link_locked = True
            for row in moving:
                row.canonical_id = new.id
            source.status = "reviewed" if source.status == "auto" else source.status
            session.flush()
            self._recompute(session, source.id)
            self._recompute(session, new.id)
            self._audit(session, who, "split", source.id, before,
                        {"kept": self._snapshot(session, source), "new": self._snapshot(session, new)}, note)
            self._audit(session, who, "split_from", new.id, before, self._snapshot(session, new), note)
            new_id = new.id
        return self.get_event(new_id)

    EDITABLE_FIELDS = (
        "event_type", "sub_event_type", "disorder_type", "event_date", "time_precision", "actor1", "actor2",
        "assoc_actor_1", "assoc_actor_2", "fatalities", "injured", "arrested", "notes", "civilian_targeting",
        "location.name", "location.latitude", "location.longitude", "location.country", "location.country_code",
        "location.admin1", "location.admin2", "location.geo_precision",
    )

    def edit_event(self, event_id: str | int, field_name: str, value: Any, who: str, note: str | None = None) -> dict[str, Any]:
        """Set one field of a canonical event; the edit survives new reports and re-linking.

        `value` None removes an earlier edit (back to the computed value).
        """
        if field_name not in self.EDITABLE_FIELDS:
            raise StoreError(f"field {field_name!r} cannot be edited; editable: {', '.join(self.EDITABLE_FIELDS)}")
        value = _check_field_value(field_name, value)
        with self.session() as session:
            row = self._get_canonical(session, event_id)
            before = self._snapshot(session, row)
            overrides = dict(row.overrides or {})
            if value is None:
                overrides.pop(field_name, None)
            else:
                overrides[field_name] = value
                if field_name == "sub_event_type" and "event_type" not in overrides:
                    from polemos.model import SUB_EVENT_TYPES, disorder_type_for

                    overrides["event_type"] = SUB_EVENT_TYPES[value]
                    overrides["disorder_type"] = disorder_type_for(value)
            row.overrides = overrides
            if row.status == "auto":
                row.status = "reviewed"
            session.flush()
            self._recompute(session, row.id)
            self._audit(session, who, "edit", row.id, before, self._snapshot(session, row), note)
            pk = row.id
        return self.get_event(pk)

    def mark_not_event(self, event_id: str | int, who: str, not_event: bool = True, note: str | None = None) -> dict[str, Any]:
        """Hide an event from lists and exports (not a real event), or bring it back.

        Its reports are pinned to it, so later ingests do not recreate it.
        """
        with self.session() as session:
            row = self._get_canonical(session, event_id)
            before = self._snapshot(session, row)
            row.status = "not_event" if not_event else "reviewed"
            session.execute(update(EventRow).where(EventRow.canonical_id == row.id).values(link_locked=True))
            self._audit(session, who, "not_event" if not_event else "restore", row.id, before, self._snapshot(session, row), note)
            pk = row.id
        return self.get_event(pk)

    def move_report(self, doc_id: str, report_event_id: str, target_id: str | int, who: str, note: str | None = None) -> dict[str, Any]:
        """Put one document's event under another canonical event (pinned there)."""
        with self.session() as session:
            target = self._get_canonical(session, target_id)
            row = session.scalar(select(EventRow).join(DocumentRow, DocumentRow.id == EventRow.document_id)
                                 .where(DocumentRow.doc_id == doc_id, EventRow.event_key == report_event_id))
            if row is None:
                raise StoreError(f"no report {doc_id}/{report_event_id}")
            old = row.canonical_id
            before = self._snapshot(session, target)
            row.canonical_id, row.link_locked = target.id, True
            target.status = "reviewed" if target.status == "auto" else target.status
            session.flush()
            self._recompute(session, target.id)
            if old and old != target.id:
                self._recompute(session, old)
            self._audit(session, who, "move_report", target.id, before, self._snapshot(session, target),
                        note or f"{doc_id}/{report_event_id} from {event_ref(old) if old else 'none'}")
        return self.get_event(target.id)

    def audit_log(self, event_id: str | int | None = None, limit: int = 100) -> list[dict[str, Any]]:
        """Review actions, newest first (optionally of one event)."""
        query = select(AuditRow)
        if event_id is not None:
            query = query.where(AuditRow.canonical_id == parse_event_ref(event_id))
        with self._sessions() as session:
            return [_audit_dict(a) for a in session.scalars(query.order_by(AuditRow.id.desc()).limit(limit))]

    # ---- maintenance -------------------------------------------------------------------------

    def delete_document(self, doc_id: str, who: str) -> bool:
        """Remove a document and its reports (canonical events are recomputed)."""
        self._cache.clear()  # the ids of its rows may be given to new rows
        with self.session() as session:
            row = session.scalar(select(DocumentRow).where(DocumentRow.doc_id == doc_id))
            if row is None:
                return False
            touched = {e.canonical_id for e in row.events if e.canonical_id}
            event_ids = [e.id for e in row.events]
            if event_ids:
                session.execute(delete(EventActorRow).where(EventActorRow.event_id.in_(event_ids)))
            session.delete(row)
            session.flush()
            for cid in touched:
                self._recompute(session, cid)
            self._audit(session, who, "delete_document", None, {"doc_id": doc_id}, None, None)
            return True


@lru_cache(maxsize=100_000)
def _terms(signature: str) -> frozenset[str]:
    """signature_terms once per signature: a stored report is a candidate for many new ones."""
    return frozenset(signature_terms(signature))


class _Memo(dict):
    """f's values, each computed on first use."""

    def __init__(self, f):
        super().__init__()
        self.f = f

    def __missing__(self, key):
        value = self[key] = self.f(key)
        return value


def _canonical_values(current, rows: list[tuple]) -> dict[str, Any]:
    """A canonical event's columns from its reports' rows (Store._report_rows) and the reviewer's overrides.

    `current` is the canonical event as stored (an ORM row or a Core row): its
    id, overrides and the type fields kept when the reports give none.
    """
    reports = [{**data, "doc_id": doc_id} for data, _, doc_id, _, _ in rows]
    merged, _ = merge_reports(reports)
    if not merged.get("notes"):
        merged["notes"] = next((evidence for _, evidence, *_ in rows if evidence), "")[:1000] or None
    merged = apply_overrides(merged, current.overrides or {})
    merged["id"] = event_ref(current.id)
    loc = merged.get("location") or {}
    contested = merged.get("contested", [])
    texts = [f"{title or ''} {text[:600]}" for *_, title, text in rows[:20]] + [(evidence or "")[:600] for _, evidence, *_ in rows[:20]]
    texts += [loc.get("name") or "", loc.get("admin1") or "", merged.get("actor1") or "", merged.get("actor2") or ""]
    return {
        "event_type": merged.get("event_type") or current.event_type,
        "sub_event_type": merged.get("sub_event_type") or current.sub_event_type,
        "disorder_type": merged.get("disorder_type") or current.disorder_type,
        "event_date": merged.get("event_date"),
        "time_precision": merged.get("time_precision") or 1,
        "actor1": merged.get("actor1"), "actor2": merged.get("actor2"),
        "location_name": loc.get("name"), "country_code": loc.get("country_code"), "country": loc.get("country"),
        "admin1": loc.get("admin1"), "admin2": loc.get("admin2"),
        "latitude": loc.get("latitude"), "longitude": loc.get("longitude"), "geo_precision": loc.get("geo_precision"),
        "fatalities": int(merged.get("fatalities") or 0),
        "injured": int(merged.get("injured") or 0),
        "arrested": int(merged.get("arrested") or 0),
        "sources": len({doc_id for _, _, doc_id, _, _ in rows}),
        "contested": contested, "n_contested": len(contested),
        "confidence": float(merged.get("confidence") or 0.5),
        "data": merged,
        "search_text": " ".join(t for t in texts if t).lower()[:8000],
        "updated_at": utcnow(),
    }


def _report_key(value) -> tuple[str, str]:
    if isinstance(value, dict):
        return str(value["doc_id"]), str(value["event_id"])
    if isinstance(value, str):
        doc_id, _, key = value.rpartition("/")
        return doc_id, key
    doc_id, key = value
    return str(doc_id), str(key)


def _check_field_value(name: str, value: Any) -> Any:
    import datetime as dt

    from polemos.model import SUB_EVENT_TYPES, EVENT_TYPES

    if value is None:
        return None
    try:
        if name in ("fatalities", "injured", "arrested", "time_precision", "location.geo_precision"):
            value = int(value)
            if value < 0:
                raise ValueError
        elif name in ("location.latitude", "location.longitude"):
            value = float(value)
        elif name == "civilian_targeting":
            value = bool(value)
        elif name == "event_date":
            value = dt.date.fromisoformat(str(value)).isoformat()
        else:
            value = str(value)
    except (TypeError, ValueError):
        raise StoreError(f"bad value for {name}: {value!r}") from None
    if name == "event_type" and value not in EVENT_TYPES:
        raise StoreError(f"event_type must be one of {', '.join(EVENT_TYPES)}")
    if name == "sub_event_type" and value not in SUB_EVENT_TYPES:
        raise StoreError(f"unknown sub_event_type {value!r}")
    return value


def _audit_dict(row: AuditRow) -> dict[str, Any]:
    return {"id": row.id, "at": row.at.isoformat(), "who": row.who, "action": row.action,
            "event_id": event_ref(row.canonical_id) if row.canonical_id else None,
            "before": row.before, "after": row.after, "note": row.note}


def _document_dict(row: DocumentRow, with_text: bool) -> dict[str, Any]:
    out = {
        "id": row.doc_id, "doc_id": row.doc_id, "date": row.published, "title": row.title, "source": row.source,
        "url": row.url, "content_hash": row.content_hash, "ingested_at": row.ingested_at.isoformat() if row.ingested_at else None,
    }
    if with_text:
        out["text"] = row.text
        out["events"] = [{**e.data, "canonical_id": event_ref(e.canonical_id) if e.canonical_id else None,
                          "link_score": e.link_score, "pinned": e.link_locked} for e in row.events]
        out["claims"] = [c.data for c in row.claims]
        out["places"] = [{k: getattr(p, k) for k in ("text", "start", "end", "name", "latitude", "longitude", "geonameid",
                                                       "feature_code", "country_code", "admin1")} for p in row.places]
        out.update(row.extra or {})
    return out


def _encode_cursor(date: str, pk: int) -> str:
    return base64.urlsafe_b64encode(f"{date}|{pk}".encode()).decode().rstrip("=")


def _decode_cursor(cursor: str) -> tuple[str, int]:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        date, _, pk = raw.partition("|")
        return date, int(pk)
    except Exception:
        raise StoreError("bad cursor") from None
