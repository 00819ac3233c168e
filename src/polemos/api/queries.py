"""Read queries the dashboard needs that the store's API does not offer (yet).

Each one is a small function over the store's own tables and its own filter
builder (`Store._filtered`), so the filters mean exactly what they mean in
`list_events`. If the store grows an equivalent, use it and delete the one
here: nothing else in the API reaches into the store's tables.
"""

from __future__ import annotations

from typing import Any

from dataclasses import replace

from sqlalchemy import and_, case, func, or_, select, update
from sqlalchemy.orm import defer

from polemos.model import EVENT_TYPES
from polemos.store import EventFilters, Page, Store, StoreError, event_ref, parse_event_ref
from polemos.store.core import _decode_cursor, _encode_cursor
from polemos.store.models import ActorRow, CanonicalEventRow, ClaimRow, DocumentRow, EventRow, PlaceRow

TYPE_INDEX = {name: i for i, name in enumerate(EVENT_TYPES)}

def _filtered(store: Store, filters: EventFilters | dict | None):
    """The store's filters, except that the country code is compared exactly (so its index is used).

    Country codes are stored as the pipeline writes them: ISO alpha-2, upper case.
    """
    filters = EventFilters.of(filters)
    query = store._filtered(replace(filters, country=None))
    if filters.country:
        query = query.where(CanonicalEventRow.country_code == filters.country.upper())
    return query


def list_events_page(store: Store, filters: EventFilters | dict | None, cursor: str | None, limit: int) -> Page:
    """`Store.list_events`, same order, items and cursors, in two steps that stay fast on large stores.

    First the ids of the page, ordered by (event_date, id) newest first with undated
    events last, which the store's (event_date, id) index answers without sorting;
    then only those rows, read whole. The store's own query sorts every matching
    row, JSON and all, before it keeps a page.
    """
    c = CanonicalEventRow
    limit = max(1, min(int(limit), 1000))
    query = _filtered(store, filters).with_only_columns(c.id, c.event_date)
    if cursor:
        last_date, last_id = _decode_cursor(cursor)
        if last_date:
            query = query.where(or_(c.event_date < last_date, and_(c.event_date == last_date, c.id < last_id),
                                    c.event_date.is_(None)))
        else:
            query = query.where(c.event_date.is_(None), c.id < last_id)
    # NULL dates sort last: SQLite puts NULL lowest already; PostgreSQL needs telling.
    date_order = c.event_date.desc() if store.dialect == "sqlite" else c.event_date.desc().nulls_last()
    query = query.order_by(date_order, c.id.desc()).limit(limit + 1)
    with store._sessions() as session:
        keys = session.execute(query).all()
        more = len(keys) > limit
        keys = keys[:limit]
        wanted = select(c).options(defer(c.search_text)).where(c.id.in_([k.id for k in keys]))
        by_id = {row.id: row for row in session.scalars(wanted)}
        rows = [by_id[k.id] for k in keys if k.id in by_id]
        items = [store._event_dict(row, reports) for row, reports in zip(rows, _reports_of(session, [r.id for r in rows]))]
    next_cursor = _encode_cursor(keys[-1].event_date or "", keys[-1].id) if more and keys else None
    return Page(items=items, next=next_cursor)


def _reports_of(session, canonical_ids: list[int]) -> list[list[dict[str, str]]]:
    """[{doc_id, event_id}] for each canonical event, in two indexed lookups.

    (The store's `_items` joins events to documents in one query, which
    PostgreSQL plans as a scan of every document on large stores.)
    """
    # Sorted here, not in SQL: an ORDER BY id lets PostgreSQL walk the whole primary key instead.
    found = sorted(tuple(r) for r in session.execute(
        select(EventRow.id, EventRow.canonical_id, EventRow.document_id, EventRow.event_key)
        .where(EventRow.canonical_id.in_(canonical_ids)))) if canonical_ids else []
    found = [(cid, doc, key) for _, cid, doc, key in found]
    doc_ids = {d for _, d, _ in found}
    names = {pk: name for pk, name in session.execute(
        select(DocumentRow.id, DocumentRow.doc_id).where(DocumentRow.id.in_(doc_ids)))} if doc_ids else {}
    by_event: dict[int, list[dict[str, str]]] = {}
    for cid, doc, key in found:
        by_event.setdefault(cid, []).append({"doc_id": names.get(doc, str(doc)), "event_id": key})
    return [by_event.get(cid, []) for cid in canonical_ids]


def map_points(store: Store, filters: EventFilters | dict | None, limit: int) -> dict[str, Any]:
    """Located events as compact rows [id, lat, lon, type index, fatalities, date], newest first."""
    c = CanonicalEventRow
    query = (
        _filtered(store, filters)
        .with_only_columns(c.id, c.latitude, c.longitude, c.event_type, c.fatalities, c.event_date)
        .where(c.latitude.is_not(None), c.longitude.is_not(None))
        .order_by(None)
    )
    count_query = query.with_only_columns(func.count()).order_by(None)
    with store._sessions() as session:
        rows = session.execute(query.order_by(c.event_date.desc(), c.id.desc()).limit(limit + 1)).all()
        truncated = len(rows) > limit
        total = int(session.scalar(count_query) or 0) if truncated else len(rows)
    points = [
        [event_ref(pk), round(lat, 5), round(lon, 5), TYPE_INDEX.get(etype, -1), fat or 0, date]
        for pk, lat, lon, etype, fat, date in rows[:limit]
    ]
    return {"points": points, "total": total, "truncated": truncated, "event_types": list(EVENT_TYPES)}


def event_stats(store: Store, filters: EventFilters | dict | None) -> dict[str, Any]:
    """Counts and fatalities of the filtered events: in total, by day, by type, by country."""
    c = CanonicalEventRow
    base = _filtered(store, filters).order_by(None)
    ids = base.with_only_columns(c.id).scalar_subquery()

    def grouped(*keys):
        return base.with_only_columns(*keys, func.count(), func.coalesce(func.sum(c.fatalities), 0)).group_by(*keys)

    # One pass by country, with a count and a fatality sum for each event type: the
    # country-first index answers it in order, and totals and per-type figures follow.
    per_type = []
    for name in EVENT_TYPES:
        is_type = c.event_type == name
        per_type += [func.sum(case((is_type, 1), else_=0)), func.sum(case((is_type, c.fatalities), else_=0))]
    by_country_query = base.with_only_columns(c.country_code, func.count(), func.coalesce(func.sum(c.fatalities), 0), *per_type).group_by(c.country_code)
    unfiltered = not any(v for k, v in vars(EventFilters.of(filters)).items() if k != "include_hidden")
    with store._sessions() as session:
        by_day = [{"date": d, "events": n, "fatalities": int(f or 0)}
                  for d, n, f in session.execute(grouped(c.event_date).order_by(c.event_date))]
        country_rows = session.execute(by_country_query).all()
        if unfiltered:
            # Every stored document with events: the same figure, without a pass over all reports.
            documents = session.scalar(select(func.count()).select_from(DocumentRow).where(DocumentRow.n_events > 0)) or 0
        else:
            documents = session.scalar(
                select(func.count(func.distinct(EventRow.document_id))).where(EventRow.canonical_id.in_(ids))) or 0
    by_country, type_events, type_deaths = [], [0] * len(EVENT_TYPES), [0] * len(EVENT_TYPES)
    for cc, n, f, *pairs in country_rows:
        by_country.append({"country_code": cc, "country": _country_name(cc), "events": int(n), "fatalities": int(f or 0)})
        for k in range(len(EVENT_TYPES)):
            type_events[k] += int(pairs[2 * k] or 0)
            type_deaths[k] += int(pairs[2 * k + 1] or 0)
    by_country.sort(key=lambda r: -r["events"])
    by_type = sorted(({"event_type": t, "events": type_events[k], "fatalities": type_deaths[k]}
                      for k, t in enumerate(EVENT_TYPES) if type_events[k]), key=lambda r: -r["events"])
    return {
        "totals": {"events": sum(r["events"] for r in by_country), "fatalities": sum(r["fatalities"] for r in by_country),
                   "documents": int(documents), "countries": sum(1 for r in by_country if r["country_code"])},
        "by_day": [r for r in by_day if r["date"]],
        "undated": next((r["events"] for r in by_day if not r["date"]), 0),
        "by_type": by_type,
        "by_country": by_country,
    }


def _country_name(code: str | None) -> str | None:
    import pycountry

    country = pycountry.countries.get(alpha_2=code) if code else None
    return getattr(country, "common_name", None) or getattr(country, "name", None) if country else code


def list_actors(store: Store, q: str | None, limit: int) -> list[dict[str, Any]]:
    """Normalised actor names, most reported first; `q` is a case-insensitive substring."""
    query = select(ActorRow.name, ActorRow.n_reports)
    if q:
        query = query.where(func.lower(ActorRow.name).like(f"%{_like(q.lower())}%", escape="\\"))
    with store._sessions() as session:
        rows = session.execute(query.order_by(ActorRow.n_reports.desc(), ActorRow.name).limit(limit)).all()
    return [{"name": name, "reports": n} for name, n in rows]


def list_claims(store: Store, speaker: str | None, doc_id: str | None, q: str | None, offset: int, limit: int) -> list[dict[str, Any]]:
    """Claims across documents, newest document first; filters are substrings (speaker, q) or exact (doc_id)."""
    query = select(ClaimRow, DocumentRow.doc_id).join(DocumentRow, DocumentRow.id == ClaimRow.document_id)
    if speaker:
        pattern = f"%{_like(speaker.lower())}%"
        query = query.where(func.lower(ClaimRow.speaker).like(pattern, escape="\\")
                            | func.lower(func.coalesce(ClaimRow.speaker_canonical, "")).like(pattern, escape="\\"))
    if doc_id:
        query = query.where(DocumentRow.doc_id == doc_id)
    if q:
        for word in q.lower().split():
            query = query.where(func.lower(ClaimRow.content).like(f"%{_like(word)}%", escape="\\"))
    query = query.order_by(DocumentRow.id.desc(), ClaimRow.position).offset(offset).limit(limit)
    with store._sessions() as session:
        return [{**claim.data, "doc_id": doc} for claim, doc in session.execute(query)]


def list_places(store: Store, doc_id: str | None, country: str | None, q: str | None, offset: int, limit: int) -> list[dict[str, Any]]:
    """Resolved and unresolved toponyms found in documents."""
    p = PlaceRow
    query = select(p, DocumentRow.doc_id).join(DocumentRow, DocumentRow.id == p.document_id)
    if doc_id:
        query = query.where(DocumentRow.doc_id == doc_id)
    if country:
        query = query.where(func.upper(p.country_code) == country.upper())
    if q:
        pattern = f"%{_like(q.lower())}%"
        query = query.where(func.lower(p.text).like(pattern, escape="\\") | func.lower(func.coalesce(p.name, "")).like(pattern, escape="\\"))
    query = query.order_by(DocumentRow.id.desc(), p.position).offset(offset).limit(limit)
    keys = ("text", "start", "end", "name", "latitude", "longitude", "geonameid", "feature_code", "country_code", "admin1")
    with store._sessions() as session:
        return [{**{k: getattr(row, k) for k in keys}, "doc_id": doc} for row, doc in session.execute(query)]


CONFIRMED_FIELDS = ("event_type", "sub_event_type", "disorder_type", "event_date", "actor1", "actor2", "fatalities", "injured", "arrested")


def confirm_event(store: Store, event_id: str, who: str, note: str | None = None) -> dict[str, Any]:
    """A reviewer says the event is right as it stands: its values and its reports are pinned.

    The current values become the reviewer's (overrides), so a later re-extraction
    or a new report cannot change them, and the reports stay linked as they are.
    """
    pk = parse_event_ref(event_id)
    with store.session() as session:
        row = session.get(CanonicalEventRow, pk)
        if row is None:
            raise StoreError(f"no such event: {event_id}")
        before = store._snapshot(session, row)
        data = row.data or {}
        overrides = {k: data.get(k) for k in CONFIRMED_FIELDS if data.get(k) is not None}
        overrides.update(row.overrides or {})  # earlier hand edits stay as they were
        row.overrides = overrides
        row.status = "reviewed"
        session.execute(update(EventRow).where(EventRow.canonical_id == pk).values(link_locked=True))
        session.flush()
        store._audit(session, who, "confirm", pk, before, store._snapshot(session, row), note)
    return store.get_event(pk)


def _like(text: str) -> str:
    """Escape LIKE wildcards so user text matches literally."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
