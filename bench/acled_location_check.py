"""Where polemos puts the event of an ACLED note, against ACLED's coordinates.

Runs the pipeline up to polemos_event_location with one stand-in event per note
(evidence: the note's first sentence, or the events component's first event when
it is installed) and reports the share within 25 km (and 50/100 km), by ACLED
geo_precision, and admin1 agreement.

    PYTHONPATH=src python bench/acled_location_check.py ../shared/eval/dev/acled.jsonl [--limit N]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict

from polemos.eval.common import haversine_km, norm_text
from polemos.model import Document, Event, TextSpan


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("gold")
    ap.add_argument("--limit", type=int)
    ap.add_argument("--show", type=int, default=0)
    args = ap.parse_args(argv)
    from polemos.pipeline import load_pipeline

    nlp = load_pipeline()
    records = [json.loads(l) for l in open(args.gold, encoding="utf-8") if l.strip()][: args.limit]
    hits = defaultdict(lambda: [0, 0])
    within = {25: 0, 50: 0, 100: 0}
    admin1 = located = 0
    shown = 0
    docs = nlp.pipe((nlp.make_doc(r["text"]) for r in records), disable=["polemos_event_location", "polemos_claims"])
    locator = nlp.get_pipe("polemos_event_location")
    for rec, doc in zip(records, docs):
        doc._.document = Document(id=rec["id"], text=rec["text"])
        if not doc._.events:
            first = next(iter(doc.sents))
            doc._.events = [Event(id="e1", event_type="Battles", sub_event_type="Armed clash", disorder_type="Political violence",
                                  evidence=[TextSpan(start=first.start_char, end=first.end_char)])]
            doc._.event_spans = {}
        locator(doc)
        gold = rec["gold"]
        loc = doc._.events[0].location
        hits[gold["geo_precision"]][1] += 1
        if loc is None or loc.latitude is None:
            continue
        located += 1
        km = haversine_km(loc.latitude, loc.longitude, gold["latitude"], gold["longitude"])
        for limit in within:
            within[limit] += km <= limit
        hits[gold["geo_precision"]][0] += km <= 25
        admin1 += norm_text(loc.admin1) == norm_text(gold["admin1"])
        if km > 25 and shown < args.show:
            shown += 1
            print(f"{km:7.0f} km  got {loc.name} ({loc.admin1}, {loc.country_code})  gold {gold['location']} ({gold['admin1']}, {gold['country']}) :: {rec['text'][:150]}", file=sys.stderr)
    n = len(records)
    print(json.dumps({
        "n": n, "located": round(located / n, 4),
        **{f"within_{k}km": round(v / n, 4) for k, v in within.items()},
        "admin1_agreement": round(admin1 / n, 4),
        "within_25km_by_geo_precision": {p: round(h / t, 4) for p, (h, t) in sorted(hits.items())},
    }, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
