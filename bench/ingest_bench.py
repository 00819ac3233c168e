"""Ingest throughput, store size and store overhead on 10,000 documents.

    PYTHONPATH=src python bench/ingest_bench.py [--n 10000] [--extract-sample 500] [--db sqlite:///path.db]

Documents: ACLED notes and GVA articles from ../shared/eval/dev, repeated
with variations (a suffix sentence, dates shifted by 40 days a round) until
there are --n of them. Three measurements:

1. store alone: Store.add_results (as `polemos ingest` stores, --batch-size
   documents a transaction; 1: a transaction per document) for every document
   with one event built from the record's gold fields (type, date, place,
   actors, counts), so linking does real work; documents per second and
   milliseconds per document;
2. extraction alone: the polemos pipeline on a sample of the same texts;
3. overhead: store time per document / extraction time per document
   (target < 10%), and the store's size per 1,000 documents.
A re-ingest of every document measures the duplicate check.

Times are wall clock and CPU time (this process's user + system,
time.process_time: less moved by other load on a shared machine; the
database server's own CPU is not in it for PostgreSQL).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEV = Path(os.environ.get("POLEMOS_DEV", ROOT.parent / "shared" / "eval" / "dev"))
sys.path.insert(0, str(ROOT / "src"))

from polemos.model import (  # noqa: E402
    Casualties, CasualtyCount, Document, DocumentResult, Event, Location, SUB_EVENT_TYPES, TextSpan, disorder_type_for,
)


def _shift(date: str | None, days: int) -> str | None:
    if not date:
        return None
    return (dt.date.fromisoformat(date) + dt.timedelta(days=days)).isoformat()


def _alpha2(country: str | None) -> str | None:
    """ISO alpha-2 of an ACLED country name, as the pipeline's geoparser gives every located event.

    (Without it every event of the same weeks in all 87 countries was a linking candidate,
    which pipeline output never makes.)
    """
    try:
        import pycountry

        return pycountry.countries.lookup(country).alpha_2 if country else None
    except (ImportError, LookupError):
        return None


def _event(gold: dict, kind: str, text: str, shift: int) -> Event | None:
    if kind == "acled":
        sub = gold.get("sub_event_type")
        if sub not in SUB_EVENT_TYPES:
            return None
        loc = Location(name=gold.get("location") or "?", latitude=gold.get("latitude"), longitude=gold.get("longitude"),
                       country=gold.get("country"), country_code=_alpha2(gold.get("country")), admin1=gold.get("admin1"),
                       admin2=gold.get("admin2"), geo_precision=gold.get("geo_precision") or 1)
        killed = int(gold.get("fatalities") or 0)
        return Event(id="e1", event_type=SUB_EVENT_TYPES[sub], sub_event_type=sub, disorder_type=disorder_type_for(sub),
                     event_date=_shift(gold.get("event_date"), shift), time_precision=gold.get("time_precision") or 1,
                     actor1=gold.get("actor1"), actor2=gold.get("actor2"), location=loc, fatalities=killed,
                     casualties=Casualties(killed=CasualtyCount(low=killed, high=killed)),
                     evidence=[TextSpan(start=0, end=min(len(text), 300))], confidence=0.8)
    loc = Location(name=gold.get("city_or_county") or "?", latitude=gold.get("latitude"), longitude=gold.get("longitude"),
                   country="United States", country_code="US", admin1=gold.get("state"), geo_precision=1)
    killed, injured = int(gold.get("killed") or 0), int(gold.get("injured") or 0)
    return Event(id="e1", event_type="Violence against civilians", sub_event_type="Attack", disorder_type="Political violence",
                 event_date=_shift(gold.get("date"), shift), location=loc, fatalities=killed, injured=injured,
                 casualties=Casualties(killed=CasualtyCount(low=killed, high=killed)),
                 evidence=[TextSpan(start=0, end=min(len(text), 400))], confidence=0.8)


def corpus(n: int) -> list[tuple[Document, DocumentResult]]:
    base = []
    for name, kind in (("acled.jsonl", "acled"), ("gva.jsonl", "gva")):
        for line in (DEV / name).read_text(encoding="utf-8").splitlines():
            base.append((json.loads(line), kind))
    out = []
    round_ = 0
    while len(out) < n:
        for rec, kind in base:
            if len(out) >= n:
                break
            text = rec["text"] if round_ == 0 else f"{rec['text']}\n\n(Variant {round_} of this report.)"
            doc_id = rec["id"] if round_ == 0 else f"{rec['id']}-v{round_}"
            date = _shift(rec.get("date"), 40 * round_)
            doc = Document(id=doc_id, text=text, date=date, title=text.split("\n", 1)[0][:200], source=kind)
            event = _event(rec.get("gold") or {}, kind, text, 40 * round_)
            result = DocumentResult(id=doc_id, date=date, events=[event] if event else [])
            out.append((doc, result))
        round_ += 1
    return out


def file_size(url: str) -> int | None:
    if not url.startswith("sqlite:///"):
        return None
    path = Path(url[len("sqlite:///"):])
    return sum(p.stat().st_size for p in path.parent.glob(path.name + "*"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=10_000)
    parser.add_argument("--extract-sample", type=int, default=500, help="documents to time the pipeline on (0: skip)")
    parser.add_argument("--db", default=None, help="SQLAlchemy URL (default: a temporary SQLite file)")
    parser.add_argument("--batch-size", type=int, default=32, help="documents per store transaction (as ingest's --batch-size)")
    parser.add_argument("--json", type=Path, default=None, help="write the figures here")
    args = parser.parse_args()

    from polemos.store import open_store

    pairs = corpus(args.n)
    tmp = tempfile.TemporaryDirectory(prefix="polemos-bench-")
    url = args.db or f"sqlite:///{Path(tmp.name) / 'bench.db'}"
    store = open_store(url)
    figures: dict = {"documents": len(pairs), "db": store.dialect}

    t0, cpu0 = time.perf_counter(), time.process_time()
    statuses: dict[str, int] = {}
    for outcome in store.add_results(pairs, batch_size=args.batch_size):
        statuses[outcome.status] = statuses.get(outcome.status, 0) + 1
    store_s, store_cpu = time.perf_counter() - t0, time.process_time() - cpu0
    figures.update({
        "batch_size": args.batch_size, "store_seconds": round(store_s, 2), "store_docs_per_s": round(len(pairs) / store_s, 1),
        "store_ms_per_doc": round(1000 * store_s / len(pairs), 2),
        "store_cpu_ms_per_doc": round(1000 * store_cpu / len(pairs), 2), "outcomes": statuses,
    })
    stats = store.stats()
    figures.update({"canonical_events": stats["events"], "multi_source_events": stats["multi_source_events"]})

    t0 = time.perf_counter()
    again = sum(store.find_document(doc) is not None for doc, _ in pairs)
    figures["duplicate_check_ms_per_doc"] = round(1000 * (time.perf_counter() - t0) / len(pairs), 3)
    figures["duplicates_found"] = again

    store.close()
    if store.dialect == "sqlite":
        import sqlite3

        path = url[len("sqlite:///"):]
        with sqlite3.connect(path) as con:
            con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        size = file_size(url)
        text_bytes = sum(len(doc.text.encode()) for doc, _ in pairs)
        figures["store_mb"] = round(size / 1e6, 2)
        figures["store_mb_per_1000_docs"] = round(size / 1e6 / len(pairs) * 1000, 2)
        figures["text_mb_per_1000_docs"] = round(text_bytes / 1e6 / len(pairs) * 1000, 2)

    if args.extract_sample:
        from polemos.pipeline import extract, load_pipeline

        load_pipeline()
        sample = [doc for doc, _ in pairs[: args.extract_sample // 2]] + [doc for doc, _ in pairs if doc.source == "gva"][: args.extract_sample // 2]
        t0, cpu0 = time.perf_counter(), time.process_time()
        results = list(extract(sample, batch_size=32))
        extract_s, extract_cpu = time.perf_counter() - t0, time.process_time() - cpu0
        per_doc = extract_s / len(sample)
        figures.update({
            "extract_sample": len(sample), "extract_ms_per_doc": round(1000 * per_doc, 2),
            "extract_cpu_ms_per_doc": round(1000 * extract_cpu / len(sample), 2),
            "extract_events_per_doc": round(sum(len(r.events) for r in results) / len(sample), 2),
            "store_overhead_vs_extraction": round((store_s / len(pairs)) / per_doc, 4),
            "store_overhead_vs_extraction_cpu": round((store_cpu / len(pairs)) / (extract_cpu / len(sample)), 4),
            "end_to_end_docs_per_s_estimate": round(1 / (per_doc + store_s / len(pairs)), 1),
        })
    print(json.dumps(figures, indent=2))
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2), encoding="utf-8")
    tmp.cleanup()


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    main()
