"""The polemos store: documents, their events, claims and places, and canonical events.

    from polemos.store import open_store

    store = open_store("sqlite:///events.db")      # or postgresql://..., or None for $POLEMOS_DB / the default file
    outcome = store.add_result(document, result)    # Document + DocumentResult -> AddOutcome(doc_id, status, event_ids)
    page = store.list_events({"country": "AZ", "since": "2023-09-01"}, cursor=None, limit=50)
    page.items, page.next                           # Event dicts + reports/sources/contested/status; next cursor or None
    store.get_event("ev-12")                        # + report_details, documents, claims (with source sentences), history
    store.get_document("doc-1")                     # text, metadata, events (with canonical_id), claims, places
    store.stats()                                   # counts for a dashboard header

Stable API (the HTTP API and the dashboard build on it):

- `open_store(url=None, link_options=None) -> Store`. `url` is an SQLAlchemy
  URL (`sqlite:///path.db`, `postgresql://user@host/db`) or a bare path to an
  SQLite file; None means `$POLEMOS_DB`, else `polemos.db` in the user's data
  folder. The schema is created or upgraded (Alembic) on open. SQLite runs
  in WAL mode: readers never block the writer.
- Writing: `add_result(document, result, link=True) -> AddOutcome`
  (`status` is `added`, `duplicate` or `error`; the same text or the same URL
  is a duplicate and changes nothing), one transaction;
  `add_results(pairs, link=True, batch_size=32) -> Iterator[AddOutcome]`
  (the same for many (document, result) pairs, in order, `batch_size` to a
  transaction, each outcome yielded once committed: a crash loses at most the
  batch being written; a document that fails is recorded and comes back as
  `error`, the rest of its batch is stored); `find_document(document) -> doc_id | None`
  (check before extracting, to skip work); `record_error(document, message)`;
  `delete_document(doc_id, who)`; `relink()` (re-link every report no
  reviewer pinned).
- Reading: `list_events(filters, cursor, limit) -> Page(items, next)`,
  `iter_events(filters)`, `count_events(filters)`, `get_event(id)`,
  `get_document(doc_id)`, `list_documents(cursor, limit, q)`, `stats()`,
  `errors(limit)`, `audit_log(event_id=None, limit)`.
  Filters (`EventFilters` or a dict): `country` (ISO alpha-2), `since`,
  `until` (YYYY-MM-DD), `event_type`, `sub_event_type`, `actor` (substring),
  `bbox` ("west,south,east,north"), `q` (words in titles, evidence, places,
  actors), `min_sources`, `status`, `include_hidden`. Bad filters or unknown
  ids raise `StoreError` (a ValueError: answer 400/404, never 500).
- Event ids are strings `ev-<n>`; `get_event` also accepts the number.
  A list item is an Event (contract fields, `claim_ids` as `doc_id#claim_id`)
  plus `reports` [{doc_id, event_id}], `sources` (distinct documents),
  `contested` [{field, values: [{value, claim_ids, doc_ids}]}], `status`
  (`auto`, `reviewed`, `not_event`, `merged`), and `overrides` (reviewer edits)
  and `merged_into` when set.
- Review (each needs `who`, writes the audit log with the state before and
  after, and wins over automatic linking on every later ingest or relink):
  `merge_events(target_id, other_ids, who, note=None)`,
  `split_event(event_id, reports, who, note=None)` (reports as
  {doc_id, event_id} dicts; returns the new event),
  `edit_event(event_id, field, value, who, note=None)` (fields in
  `Store.EDITABLE_FIELDS`, e.g. `fatalities`, `event_date`,
  `location.name`; value None undoes the edit),
  `mark_not_event(event_id, who, not_event=True, note=None)`,
  `move_report(doc_id, event_id, target_id, who, note=None)`.
  Each returns the changed event as `get_event` does.

How linking decides is in `polemos.store.linking`; how a canonical event's
values come from its reports (ACLED's conservative fatalities, `contested`)
in `polemos.store.canonical`. docs/store.md has the schema and the views.
"""

from __future__ import annotations

from .core import AddOutcome, EventFilters, Page, Store, StoreError, event_ref, parse_event_ref
from .db import default_url, resolve_url
from .linking import LinkOptions

__all__ = [
    "AddOutcome", "EventFilters", "LinkOptions", "Page", "Store", "StoreError",
    "default_url", "event_ref", "open_store", "parse_event_ref", "resolve_url",
]


def open_store(url: str | None = None, link_options: LinkOptions | None = None) -> Store:
    """Open (and create or upgrade) the store at `url` (see the module docs for defaults)."""
    return Store(url, link_options=link_options)
