"""The linking candidate queries, built once per shape: each report only binds new values.

Building the SQLAlchemy expression of the candidate query for every report
(a dozen conditions, a UNION) and generating its cache key cost more than
running it. A report's query differs from another's only in which conditions
apply (dated or not, an uncertain date, counts at a place, a country), so
each combination is built once, with bound parameters, and reused.

Conditions by name; a condition `n` takes parameters `n_0`, `n_1`, ... in
the order of the bounds Store._date_windows gives (dates as ISO strings,
boxes as latitude then longitude bounds):

- `w1`, `w2`, `w3`: canonical events of time precision 1, 2, 3+ within that
  precision's date window;
- `undated`: canonical events without a date (no parameters);
- `back`: any date in the window an uncertain date looks back over;
- `same_box`, `same_name`: the same-counts bridges, a wide date window at
  the same place (a box; the same place name);
- `box`: for an undated report, canonical events near it or not located.

Migration 0005 indexes what the date windows read (date, precision, country,
status, place name), so they are answered from the index alone.
"""

from __future__ import annotations

from functools import lru_cache

from sqlalchemy import and_, bindparam, func, or_, select, union

from .models import CanonicalEventRow, DocumentNameRow, EventRow

C = CanonicalEventRow
HIDDEN_STATUSES = ("merged", "not_event")
# Conditions each in a SELECT of their own, UNIONed with the rest: for an OR of date
# windows and places SQLite scans the whole table, while each SELECT alone uses an index.
BRIDGES = ("same_box", "same_name")
# The precision windows, which also look abroad (see _abroad), for a tenth of the limit.
WINDOWS = ("w1", "w2", "w3")
ABROAD_SHARE = 10


def _between(column, name: str, first: int):
    return column.between(bindparam(f"{name}_{first}"), bindparam(f"{name}_{first + 1}"))


CONDITIONS = {
    "w1": lambda n: and_(C.time_precision <= 1, _between(C.event_date, n, 0)),
    "w2": lambda n: and_(C.time_precision == 2, _between(C.event_date, n, 0)),
    "w3": lambda n: and_(C.time_precision >= 3, _between(C.event_date, n, 0)),
    "undated": lambda n: C.event_date.is_(None),
    "back": lambda n: _between(C.event_date, n, 0),
    "same_box": lambda n: and_(_between(C.event_date, n, 0), _between(C.latitude, n, 2), _between(C.longitude, n, 4)),
    "same_name": lambda n: and_(_between(C.event_date, n, 0), C.location_name == bindparam(f"{n}_2")),
    "box": lambda n: or_(and_(_between(C.latitude, n, 0), _between(C.longitude, n, 2)), C.latitude.is_(None)),
}


@lru_cache(maxsize=256)
def candidate_statement(names: tuple[str, ...], with_country: bool, limit: int):
    """Ids of visible canonical events meeting any of the named conditions (and the country), newest first.

    Bind `country` (upper case) when with_country, and each condition's bounds.
    """
    base = select(C.id).where(C.status.not_in(HIDDEN_STATUSES))
    if with_country:
        base = base.where(or_(C.country_code.is_(None), func.upper(C.country_code) == bindparam("country")))
    own = [CONDITIONS[n](n) for n in names if n not in BRIDGES]
    query = base.where(or_(*own)) if own else base
    bridges = [base.where(CONDITIONS[n](n)) for n in names if n in BRIDGES]
    windows = [CONDITIONS[n](n) for n in names if n in WINDOWS]
    if with_country and windows:
        bridges.append(_abroad(windows, limit))
    if bridges:
        query = union(query, *bridges).subquery().select()
    # Newest first by `id + 0`, not `id`: for ORDER BY id LIMIT n SQLite walks the whole table
    # by id, matching each row, instead of reading the date windows from their index and
    # sorting the few hundred ids found (the same order either way).
    return query.order_by((query.selected_columns.id + 0).desc()).limit(limit)


def _abroad(windows: list, limit: int):
    """Canonical events of other countries within the report's own date windows, newest first, a share of
    the limit of their own (so they never crowd out the report's country): a geocoder's wrong country
    (linking.countries_differ) is overruled within the window on strong word agreement."""
    abroad = (select(C.id).where(C.status.not_in(HIDDEN_STATUSES), func.upper(C.country_code) != bindparam("country"),
                                 or_(*windows))
              .order_by((C.id + 0).desc()).limit(max(limit // ABROAD_SHARE, 1)).subquery())
    return select(abroad.c.id)


def candidate_parameters(bounds: dict[str, tuple], country: str | None) -> dict:
    params = {f"{name}_{i}": value for name, values in bounds.items() for i, value in enumerate(values)}
    if country:
        params["country"] = country.upper()
    return params


@lru_cache(maxsize=4)
def named_statement(limit: int):
    """Canonical events (visible) with a report from another document naming one of our key people,
    or one of the people we name whom that document gives an age. Bind `names`, `people`, `document_id`."""
    shared = or_(DocumentNameRow.name.in_(bindparam("names", expanding=True)),
                 and_(DocumentNameRow.name.in_(bindparam("people", expanding=True)), DocumentNameRow.aged.is_(True)))
    return (select(EventRow.canonical_id).join(DocumentNameRow, DocumentNameRow.document_id == EventRow.document_id)
            .join(C, C.id == EventRow.canonical_id)
            .where(shared, EventRow.document_id != bindparam("document_id"), C.status.not_in(HIDDEN_STATUSES))
            .distinct().limit(limit))



def members_statement(exclude_report: bool):
    """(id, canonical_id, document_id, event_date) of the reports of canonical events `ids`, by canonical id then id.

    (A fixed order: PostgreSQL's own order broke score ties unlike SQLite's.) Bind
    `ids`, and `report_id` when exclude_report (a stored report being re-linked).
    """
    return _MEMBERS_BUT if exclude_report else _MEMBERS


# The ids as a list, not the candidate query as a subquery: inside IN (...) SQLite
# plans that query as a scan of the whole table by id.
_MEMBERS = (select(EventRow.id, EventRow.canonical_id, EventRow.document_id, EventRow.event_date)
            .where(EventRow.canonical_id.in_(bindparam("ids", expanding=True)))
            .order_by(EventRow.canonical_id, EventRow.id))
_MEMBERS_BUT = _MEMBERS.where(EventRow.id != bindparam("report_id"))
