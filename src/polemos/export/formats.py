"""Writers for extraction results: jsonl, json, acled-csv, geojson.

Each writer takes an iterable of DocumentResult and a text stream and writes
as it goes (jsonl and acled-csv stream; json and geojson close the document at
the end).
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import json
from collections.abc import Iterable, Iterator
from typing import Any, TextIO

from polemos.model import DocumentResult, Event

ACLED_COLUMNS = [
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3",
    "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
    "fatalities", "tags", "timestamp",
]


def write_jsonl(results: Iterable[DocumentResult], out: TextIO) -> Iterator[DocumentResult]:
    for result in results:
        out.write(json.dumps(result.to_dict(), ensure_ascii=False) + "\n")
        out.flush()
        yield result


def write_json(results: Iterable[DocumentResult], out: TextIO) -> Iterator[DocumentResult]:
    """Pretty JSON: one object for one document, a list for several."""
    items = []
    for result in results:
        items.append(result.to_dict())
        yield result
    json.dump(items[0] if len(items) == 1 else items, out, ensure_ascii=False, indent=2)
    out.write("\n")


def write_acled_csv(results: Iterable[DocumentResult], out: TextIO) -> Iterator[DocumentResult]:
    writer = csv.DictWriter(out, fieldnames=ACLED_COLUMNS, extrasaction="ignore")
    writer.writeheader()
    for result in results:
        for n, event in enumerate(e for e in result.events if not e.background):
            writer.writerow(acled_row(event, result, n))
        yield result


def write_geojson(results: Iterable[DocumentResult], out: TextIO) -> Iterator[DocumentResult]:
    features = []
    for result in results:
        for event in result.events:
            feature = event_feature(event, {"doc_id": result.id, "source": result.source, "url": result.url})
            if feature:
                features.append(feature)
        yield result
    json.dump({"type": "FeatureCollection", "features": features}, out, ensure_ascii=False)
    out.write("\n")


FORMATS = {
    "jsonl": write_jsonl,
    "json": write_json,
    "acled-csv": write_acled_csv,
    "geojson": write_geojson,
}


def write_results(results: Iterable[DocumentResult], out: TextIO, fmt: str) -> Iterator[DocumentResult]:
    """Write results in `fmt`, yielding each result once written (for progress and exit codes)."""
    return FORMATS[fmt](results, out)


def event_feature(event: Event, extra: dict[str, Any] | None = None) -> dict[str, Any] | None:
    """A GeoJSON Feature for an event with coordinates, else None."""
    loc = event.location
    if loc is None or loc.latitude is None or loc.longitude is None:
        return None
    props = event.to_dict()
    props.pop("location", None)
    props.update({f"location_{k}": v for k, v in loc.to_dict().items()})
    props.update(extra or {})
    return {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [loc.longitude, loc.latitude]},
        "properties": props,
    }


def acled_row(event: Event, result: DocumentResult | None = None, n: int = 0, source: str | None = None) -> dict[str, Any]:
    """One ACLED export row for an event (columns in ACLED_COLUMNS)."""
    from polemos.export.acled import country_info, interaction_code

    loc = event.location
    info = country_info(loc.country_code if loc else None)
    year = event.event_date[:4] if event.event_date else ""
    return {
        "event_id_cnty": f"{info.get('iso3', 'XXX')}{_stable_number(result.id if result else '', event.id)}{n}",
        "event_date": event.event_date or "",
        "year": year,
        "time_precision": event.time_precision,
        "disorder_type": event.disorder_type,
        "event_type": event.event_type,
        "sub_event_type": event.sub_event_type,
        "actor1": event.actor1 or "",
        "assoc_actor_1": event.assoc_actor_1 or "",
        "inter1": event.inter1 if event.inter1 is not None else "",
        "actor2": event.actor2 or "",
        "assoc_actor_2": event.assoc_actor_2 or "",
        "inter2": event.inter2 if event.inter2 is not None else 0,
        "interaction": interaction_code(event.inter1, event.inter2),
        "civilian_targeting": "Civilian targeting" if event.civilian_targeting else "",
        "iso": info.get("numeric", ""),
        "region": info.get("region", ""),
        "country": (loc.country if loc else None) or info.get("name", ""),
        "admin1": (loc.admin1 if loc else None) or "",
        "admin2": (loc.admin2 if loc else None) or "",
        "admin3": "",
        "location": loc.name if loc else "",
        "latitude": f"{loc.latitude:.4f}" if loc and loc.latitude is not None else "",
        "longitude": f"{loc.longitude:.4f}" if loc and loc.longitude is not None else "",
        "geo_precision": loc.geo_precision if loc else "",
        "source": source or (result.source if result else None) or "",
        "source_scale": "",
        "notes": event.notes or "",
        "fatalities": event.fatalities,
        "tags": "",
        "timestamp": int(dt.datetime.now(dt.timezone.utc).timestamp()),
    }


def _stable_number(doc_id: str, event_id: str) -> int:
    """A six-digit number for a document's event, the same in every run.

    Not hash(): Python salts string hashes per process, so ids changed from one export to the next.
    """
    digest = hashlib.blake2b(f"{doc_id}\x1f{event_id}".encode("utf-8", "surrogatepass"), digest_size=8).digest()
    return int.from_bytes(digest, "big") % 10**6
