"""Gazetteer and geoparser performance: build time, load time, memory, look-ups per second,
and the geoparser's share of the pipeline's time.

    PYTHONPATH=src python bench/geo_bench.py [--build] [--docs ../shared/eval/dev/geo_gwn.jsonl] [--limit 100]

Targets (issue 5): load under 2 s, look-up memory under 500 MB, geoparsing
(polemos_toponyms + polemos_geoparser + polemos_event_location) under 10% of
the pipeline's time.
"""

from __future__ import annotations

import argparse
import json
import resource
import time
from collections import defaultdict


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--build", action="store_true", help="time a fresh build first (into $POLEMOS_HOME)")
    ap.add_argument("--docs", default="../shared/eval/dev/geo_gwn.jsonl")
    ap.add_argument("--limit", type=int, default=100)
    args = ap.parse_args()
    report: dict = {}
    if args.build:
        from polemos.gazetteer.build import build

        t0, c0 = time.time(), time.process_time()
        build(force=True)
        report["build_wall_s"] = round(time.time() - t0, 1)
        report["build_cpu_s"] = round(time.process_time() - c0, 1)
    before = rss_mb()
    t0 = time.time()
    from polemos.gazetteer.index import get_gazetteer

    gaz = get_gazetteer()  # the instance the pipeline will use
    report["load_s"] = round(time.time() - t0, 2)
    report["index_memory_mb"] = round(rss_mb() - before, 1)
    names = ["Baku", "Washington", "Aleppo", "Kharkiv", "Georgia", "Stepanakert", "Springfield", "Lagos", "Nowhere Ville"]
    n = 20_000
    t0 = time.time()
    for i in range(n):
        gaz.exact(names[i % len(names)])
    report["exact_lookups_per_s"] = int(n / (time.time() - t0))
    t0 = time.time()
    gaz.lookup("Khodzhaveskiy")
    report["first_fuzzy_lookup_s"] = round(time.time() - t0, 2)

    from polemos.pipeline import load_pipeline

    nlp = load_pipeline()
    texts = [json.loads(l)["text"] for l in open(args.docs, encoding="utf-8") if l.strip()][: args.limit]
    timings: dict[str, float] = defaultdict(float)
    for text in texts:
        doc = nlp.make_doc(text)
        for name, proc in nlp.pipeline:
            t0 = time.perf_counter()
            doc = proc(doc)
            timings[name] += time.perf_counter() - t0
    total = sum(timings.values())
    geo = sum(timings[k] for k in ("polemos_toponyms", "polemos_geoparser", "polemos_event_location"))
    report["docs"] = len(texts)
    report["pipeline_s"] = round(total, 2)
    report["geo_s"] = round(geo, 2)
    report["geo_share_of_pipeline"] = round(geo / total, 3) if total else 0.0
    report["by_component_s"] = {k: round(v, 2) for k, v in timings.items()}
    report["peak_rss_mb"] = round(rss_mb(), 1)
    print(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
