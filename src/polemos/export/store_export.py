"""Canonical events from the store as jsonl, ACLED CSV, GeoJSON or Parquet.

jsonl: one canonical event a line, an Event plus `reports`, `sources` and
`contested` (shared/spec/CONTRACT.md, "The store"). ACLED CSV and GeoJSON
rows come from polemos.export.formats (acled_row, event_feature), so an
exported event reads the same as an extracted one. Writers stream: the
store is read a page at a time.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from typing import IO, Any

from polemos.model import Event

from .formats import ACLED_COLUMNS, acled_row, event_feature

STORE_FORMATS = ("jsonl", "acled-csv", "geojson", "parquet")
BINARY_FORMATS = {"parquet"}
STORE_KEYS = ("reports", "sources", "contested", "status", "overrides", "merged_into", "report_sources")


def as_event(item: dict[str, Any]) -> Event:
    """The contract Event inside a store item (the store's own keys set aside)."""
    fields = Event.model_fields
    return Event.model_validate({k: v for k, v in item.items() if k in fields})


def write_jsonl(items: Iterable[dict], out: IO[str]) -> Iterator[dict]:
    for item in items:
        out.write(json.dumps(item, ensure_ascii=False) + "\n")
        yield item


def write_acled_csv(items: Iterable[dict], out: IO[str], sources: dict[str, str] | None = None) -> Iterator[dict]:
    writer = csv.DictWriter(out, fieldnames=ACLED_COLUMNS, extrasaction="ignore")
    writer.writeheader()
    for item in items:
        event = as_event(item)
        row = acled_row(event, source=item.get("report_sources") or None)
        # A stable id: the country's ISO3 code and the store's event number.
        iso3 = row["event_id_cnty"][:3]
        row["event_id_cnty"] = f"{iso3}{item['id'].removeprefix('ev-')}"
        writer.writerow(row)
        yield item


def write_geojson(items: Iterable[dict], out: IO[str]) -> Iterator[dict]:
    out.write('{"type": "FeatureCollection", "features": [')
    first = True
    for item in items:
        feature = event_feature(as_event(item), {
            "sources": item.get("sources", 0), "reports": item.get("reports", []),
            "contested_fields": [c["field"] for c in item.get("contested", [])], "status": item.get("status"),
        })
        if feature:
            out.write(("" if first else ",\n") + json.dumps(feature, ensure_ascii=False))
            first = False
        yield item
    out.write("]}\n")


PARQUET_COLUMNS = (
    ("id", "string"), ("event_date", "string"), ("time_precision", "int32"), ("event_type", "string"),
    ("sub_event_type", "string"), ("disorder_type", "string"), ("actor1", "string"), ("actor2", "string"),
    ("assoc_actor_1", "string"), ("assoc_actor_2", "string"), ("location", "string"), ("country", "string"),
    ("country_code", "string"), ("admin1", "string"), ("admin2", "string"), ("latitude", "float64"),
    ("longitude", "float64"), ("geo_precision", "int32"), ("fatalities", "int32"), ("injured", "int32"),
    ("arrested", "int32"), ("sources", "int32"), ("status", "string"), ("confidence", "float64"),
    ("notes", "string"), ("claim_ids", "list<string>"), ("reports", "string"), ("contested", "string"),
)


def _parquet_row(item: dict) -> dict[str, Any]:
    loc = item.get("location") or {}
    row = {name: item.get(name) for name, _ in PARQUET_COLUMNS}
    row.update({
        "location": loc.get("name"), "country": loc.get("country"), "country_code": loc.get("country_code"),
        "admin1": loc.get("admin1"), "admin2": loc.get("admin2"), "latitude": loc.get("latitude"),
        "longitude": loc.get("longitude"), "geo_precision": loc.get("geo_precision"),
        "claim_ids": list(item.get("claim_ids") or []),
        # Nested lists stay JSON text: one flat table that every tool reads.
        "reports": json.dumps(item.get("reports") or [], ensure_ascii=False),
        "contested": json.dumps(item.get("contested") or [], ensure_ascii=False),
    })
    return row


def parquet_schema():
    import pyarrow as pa

    types = {"string": pa.string(), "int32": pa.int32(), "float64": pa.float64(), "list<string>": pa.list_(pa.string())}
    return pa.schema([(name, types[kind]) for name, kind in PARQUET_COLUMNS])


def write_parquet(items: Iterable[dict], out: IO[bytes], batch: int = 5000) -> Iterator[dict]:
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = parquet_schema()
    with pq.ParquetWriter(out, schema) as writer:
        rows: list[dict] = []
        for item in items:
            rows.append(_parquet_row(item))
            if len(rows) >= batch:
                writer.write_table(pa.Table.from_pylist(rows, schema=schema))
                rows = []
            yield item
        if rows:
            writer.write_table(pa.Table.from_pylist(rows, schema=schema))


def export_events(store, fmt: str, out: IO, filters=None) -> int:
    """Write the store's canonical events (matching filters) in `fmt`; returns how many."""
    items = store.iter_events(filters)
    if fmt == "acled-csv":
        items = _with_sources(store, items)
    writer = {"jsonl": write_jsonl, "acled-csv": write_acled_csv, "geojson": write_geojson, "parquet": write_parquet}[fmt]
    return sum(1 for _ in writer(items, out))


def _with_sources(store, items: Iterable[dict]) -> Iterator[dict]:
    """Add the reporting outlets (ACLED's `source` column) to each item."""
    for item in items:
        item["report_sources"] = "; ".join(store.report_sources(item["id"]))
        yield item
