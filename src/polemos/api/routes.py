"""The REST API under /api: events, documents, claims, places, actors, statistics, review.

Reads are open unless the server closes them (Settings.read_requires_token);
anything that changes data needs `Authorization: Bearer TOKEN`.
Bad input answers 4xx with a reason, never a traceback.
"""

from __future__ import annotations

import json
import threading
from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, HTTPException, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import Response

from polemos.model import Document, document_id
from polemos.store import Store, StoreError

from . import queries
from .auth import require_reader, require_writer
from .schemas import DocumentIn, ReviewIn
from .tokens import TokenInfo

router = APIRouter(prefix="/api", tags=["api"])
Reader = Annotated[TokenInfo | None, Depends(require_reader)]
Writer = Annotated[TokenInfo, Depends(require_writer)]

DATE = r"^\d{4}-\d{2}-\d{2}$"
BBOX = r"^\s*-?\d+(\.\d+)?\s*,\s*-?\d+(\.\d+)?\s*,\s*-?\d+(\.\d+)?\s*,\s*-?\d+(\.\d+)?\s*$"

# spaCy pipelines are not safe to call from several threads at once.
_pipeline_lock = threading.Lock()


def fast_json(data: Any) -> Response:
    """JSON straight from plain dicts: the store's records need no re-validation on the way out."""
    return Response(json.dumps(data, ensure_ascii=False, separators=(",", ":"), default=str), media_type="application/json")


def store_of(request: Request) -> Store:
    return request.app.state.store


class EventQuery:
    """The event filters of CONTRACT.md (plus actor and min_sources), as query parameters."""

    def __init__(
        self,
        country: Annotated[str | None, Query(pattern=r"^[A-Za-z]{2}$", description="ISO 3166-1 alpha-2")] = None,
        since: Annotated[str | None, Query(pattern=DATE, description="first event date, YYYY-MM-DD")] = None,
        until: Annotated[str | None, Query(pattern=DATE, description="last event date, YYYY-MM-DD")] = None,
        event_type: Annotated[str | None, Query(max_length=60)] = None,
        sub_event_type: Annotated[str | None, Query(max_length=60)] = None,
        bbox: Annotated[str | None, Query(pattern=BBOX, description="west,south,east,north")] = None,
        q: Annotated[str | None, Query(max_length=200, description="words that must all appear")] = None,
        actor: Annotated[str | None, Query(max_length=200, description="part of an actor's name")] = None,
        min_sources: Annotated[int | None, Query(ge=1, le=1000)] = None,
    ):
        self.filters = {k: v for k, v in dict(
            country=country, since=since, until=until, event_type=event_type, sub_event_type=sub_event_type,
            bbox=bbox, q=q, actor=actor, min_sources=min_sources).items() if v not in (None, "")}


def _bad(exc: Exception) -> HTTPException:
    return HTTPException(400, detail=str(exc))


def _event_or_404(store: Store, event_id: str) -> dict[str, Any]:
    try:
        event = store.get_event(event_id)
    except StoreError:
        event = None
    if event is None:
        raise HTTPException(404, detail=f"no such event: {event_id}")
    return event


# ---- events ------------------------------------------------------------------------------------

@router.get("/events", summary="Canonical events, newest first, a page at a time")
def list_events(request: Request, _: Reader, query: Annotated[EventQuery, Depends()],
                cursor: Annotated[str | None, Query(max_length=200)] = None,
                limit: Annotated[int, Query(ge=1, le=500)] = 100) -> dict:
    """`{"items": [Event + reports/sources/contested], "next": cursor-or-null}`; pass `next` back as `cursor`."""
    try:
        return fast_json(queries.list_events_page(store_of(request), query.filters, cursor, limit).to_dict())
    except StoreError as exc:
        raise _bad(exc)


@router.get("/events/{event_id}", summary="One event with its reports, documents, claims and history")
def get_event(request: Request, event_id: str, _: Reader) -> dict:
    return fast_json(_event_or_404(store_of(request), event_id))


@router.get("/events/{event_id}/audit", summary="The review actions on one event, newest first")
def event_audit(request: Request, event_id: str, _: Reader, limit: Annotated[int, Query(ge=1, le=1000)] = 100) -> dict:
    store = store_of(request)
    _event_or_404(store, event_id)
    return {"items": store.audit_log(event_id, limit=limit)}


@router.post("/events/{event_id}/review", summary="Confirm, edit, merge, split or reject an event")
def review_event(request: Request, event_id: str, review: ReviewIn, user: Writer) -> dict:
    """Each action is written to the audit log with the state before and after;
    reviewed values win over automatic ones on every later ingest."""
    store = store_of(request)
    _event_or_404(store, event_id)
    try:
        return apply_review(store, event_id, review, who=user.name)
    except StoreError as exc:
        raise _bad(exc)


def apply_review(store: Store, event_id: str, review: ReviewIn, who: str) -> dict[str, Any]:
    """Carry out one review action through the store; returns the event to show next."""
    if review.action == "confirm":
        return queries.confirm_event(store, event_id, who, review.note)
    if review.action == "not_event":
        return store.mark_not_event(event_id, who, note=review.note)
    if review.action == "merge":
        # The event named in `into` absorbs this one.
        return store.merge_events(review.into, [event_id], who, note=review.note)
    if review.action == "split":
        return store.split_event(event_id, review.reports, who, note=review.note)
    current = store.get_event(event_id) or {}
    event = current
    for name, value in _flatten(review.fields).items():
        if _current_value(current, name) != value:
            event = store.edit_event(event_id, name, value, who, note=review.note)
    return event


def _flatten(fields: dict[str, Any]) -> dict[str, Any]:
    """{"location": {"name": x}} -> {"location.name": x}, the store's field names."""
    flat: dict[str, Any] = {}
    for key, value in fields.items():
        if key == "location" and isinstance(value, dict):
            flat.update({f"location.{k}": v for k, v in value.items()})
        else:
            flat[key] = value
    return flat


def _current_value(event: dict[str, Any], name: str) -> Any:
    if name.startswith("location."):
        return (event.get("location") or {}).get(name.split(".", 1)[1])
    return event.get(name)


# ---- map and statistics ------------------------------------------------------------------------

@router.get("/map", summary="Located events as compact rows, for the map")
def map_points(request: Request, _: Reader, query: Annotated[EventQuery, Depends()],
               limit: Annotated[int | None, Query(ge=1, le=200_000)] = None) -> dict:
    """`points`: `[id, latitude, longitude, event type index, fatalities, date]`;
    the type index points into `event_types`. `truncated` says the limit cut the list."""
    cap = min(limit or request.app.state.settings.map_limit, request.app.state.settings.map_limit)
    try:
        return fast_json(queries.map_points(store_of(request), query.filters, cap))
    except StoreError as exc:
        raise _bad(exc)


@router.get("/stats", summary="Counts and fatalities by day, event type and country")
def stats(request: Request, _: Reader, query: Annotated[EventQuery, Depends()]) -> dict:
    try:
        return fast_json(queries.event_stats(store_of(request), query.filters))
    except StoreError as exc:
        raise _bad(exc)


@router.get("/summary", summary="Store-wide counts (documents, reports, events, claims, errors)")
def summary(request: Request, _: Reader) -> dict:
    return store_of(request).stats()


# ---- documents ---------------------------------------------------------------------------------

@router.get("/documents", summary="Stored documents, most recently ingested first")
def list_documents(request: Request, _: Reader,
                   q: Annotated[str | None, Query(max_length=200)] = None,
                   cursor: Annotated[str | None, Query(max_length=200)] = None,
                   limit: Annotated[int, Query(ge=1, le=500)] = 50) -> dict:
    try:
        return store_of(request).list_documents(cursor=cursor, limit=limit, q=q).to_dict()
    except StoreError as exc:
        raise _bad(exc)


@router.get("/documents/{doc_id}", summary="One document: its text, metadata, events, claims and places")
def get_document(request: Request, doc_id: str, _: Reader) -> dict:
    document = store_of(request).get_document(doc_id)
    if document is None:
        raise HTTPException(404, detail=f"no such document: {doc_id}")
    return document


@router.post("/documents", status_code=201, summary="Ingest one document")
async def post_document(request: Request, user: Writer, body: Annotated[DocumentIn, Body()]) -> dict:
    """Extract events from `text` (or the page at `url`) and store them.

    Answers with the document's id, whether it was `added` or a `duplicate`
    (same text or URL: nothing changes), and its events as stored.
    """
    settings = request.app.state.settings
    if body.text is not None and len(body.text) > settings.max_text_chars:
        raise HTTPException(413, detail=f"text too long: {len(body.text):,} characters, the limit is {settings.max_text_chars:,}")
    if not (body.text and body.text.strip()) and not settings.allow_url_fetch:
        raise HTTPException(400, detail="this server does not fetch URLs: send the text")
    return await run_in_threadpool(ingest_document, store_of(request), body, settings.max_text_chars)


def ingest_document(store: Store, body: DocumentIn, max_chars: int) -> dict[str, Any]:
    from polemos.pipeline import PipelineUnavailable, extract

    if body.text and body.text.strip():
        document = Document(id=body.id or document_id(body.text), text=body.text, date=body.date,
                            title=body.title, source=body.source, url=body.url)
    else:
        from polemos.ingest.sources import fetch_url, private_address_problem

        problem = private_address_problem(body.url)  # answered before any connection is tried
        if problem:
            raise HTTPException(422, detail=problem)
        fetched = fetch_url(body.url, public_only=True)
        if fetched.error:
            raise HTTPException(422, detail=fetched.error)
        if len(fetched.text) > max_chars:
            raise HTTPException(413, detail=f"the page's text is {len(fetched.text):,} characters, the limit is {max_chars:,}")
        document = fetched.model_copy(update={k: v for k, v in dict(
            id=body.id, date=body.date, title=body.title, source=body.source).items() if v is not None})
    existing = store.find_document(document)
    if existing is None:
        try:
            with _pipeline_lock:
                result = next(extract([document]))
        except PipelineUnavailable as exc:
            raise HTTPException(503, detail=str(exc))
        if result.error:
            store.record_error(document, result.error)
            raise HTTPException(422, detail=result.error)
        outcome = store.add_result(document, result)
        if outcome.status == "error":
            raise HTTPException(422, detail=outcome.error or "the document could not be stored")
        doc_id, status, event_ids = outcome.doc_id, outcome.status, outcome.event_ids
    else:
        doc_id, status = existing, "duplicate"
        stored = store.get_document(existing) or {}
        event_ids = [e["canonical_id"] for e in stored.get("events", []) if e.get("canonical_id")]
    events = [e for e in (store.get_event(i) for i in dict.fromkeys(event_ids)) if e is not None]
    for event in events:  # the full documents are one request away; keep the answer small
        for key in ("report_details", "documents", "history"):
            event.pop(key, None)
    return {"id": doc_id, "status": status, "events": events}


# ---- claims, places, actors, audit -------------------------------------------------------------

@router.get("/claims", summary="Attributed claims across documents")
def list_claims(request: Request, _: Reader,
                speaker: Annotated[str | None, Query(max_length=200)] = None,
                doc_id: Annotated[str | None, Query(max_length=300)] = None,
                q: Annotated[str | None, Query(max_length=200)] = None,
                offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
                limit: Annotated[int, Query(ge=1, le=500)] = 100) -> dict:
    items = queries.list_claims(store_of(request), speaker, doc_id, q, offset, limit)
    return {"items": items, "next_offset": offset + limit if len(items) == limit else None}


@router.get("/places", summary="Toponyms found in documents and where they resolve")
def list_places(request: Request, _: Reader,
                doc_id: Annotated[str | None, Query(max_length=300)] = None,
                country: Annotated[str | None, Query(pattern=r"^[A-Za-z]{2}$")] = None,
                q: Annotated[str | None, Query(max_length=200)] = None,
                offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
                limit: Annotated[int, Query(ge=1, le=500)] = 100) -> dict:
    items = queries.list_places(store_of(request), doc_id, country, q, offset, limit)
    return {"items": items, "next_offset": offset + limit if len(items) == limit else None}


@router.get("/actors", summary="Normalised actor names, most reported first")
def list_actors(request: Request, _: Reader,
                q: Annotated[str | None, Query(max_length=200)] = None,
                limit: Annotated[int, Query(ge=1, le=5000)] = 100) -> dict:
    return {"items": queries.list_actors(store_of(request), q, limit)}


@router.get("/audit", summary="Every review action, newest first")
def audit(request: Request, _: Reader, limit: Annotated[int, Query(ge=1, le=1000)] = 100) -> dict:
    return {"items": store_of(request).audit_log(limit=limit)}
