"""gva.jsonl: US local news about one shooting each (Gun Violence Archive incidents).

Scored on `events[0]`, the main event (shared/eval/README.md): `fatalities`
vs `killed` and `injured` vs `injured` (exact, "at least", mean absolute
error, and both right together); `event_date` vs the incident date;
`location` within 25 km of the incident; `location.admin1` vs `state`;
`location.admin2` or `name` vs `city_or_county`.

`--mode doc` scores the counts read from the whole text, without event
detection (see casualty_scoring.py).
"""

from __future__ import annotations

from collections import defaultdict

from .casualty_scoring import CountTally, bucket, document_casualties, mode_of
from .common import HALVES, Options, Report, location_error, near_gold, norm_text, ratio, run_extraction


def _city_match(location, gold_city: str | None) -> bool:
    if not location or not gold_city:
        return False
    gold = norm_text(gold_city.split("(")[0]).replace("saint ", "st ").replace("st. ", "st ")
    for value in (location.admin2, location.name):
        pred = norm_text(value).replace("saint ", "st ").replace("st. ", "st ").replace(" county", "")
        if pred and (pred in gold or gold.replace(" county", "") in pred):
            return True
    return False


def evaluate(records: list[dict], options: Options) -> Report:
    mode = mode_of(options, "gva")
    tally = CountTally()
    hits: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    by_bucket: dict[str, dict[str, float]] = {}
    errors = []
    if mode == "doc":
        counts = [(c.killed.low, c.injured.low, None) for c in document_casualties(records, options)]
    else:
        results = run_extraction(records, options, progress="gva")
        counts = []
        for res in results:
            events = [e for e in res.events if not e.background]
            first = events[0] if events else None
            counts.append((first.fatalities if first else 0, first.injured if first else 0, first))

    halves: dict[str, dict[str, float]] = {}
    for index, (rec, (killed, injured, event)) in enumerate(zip(records, counts)):
        gold = rec["gold"]
        if options.half is None:  # the whole file: figures for the read (even) and unseen (odd) halves too
            _half_row(halves, HALVES[index % 2], killed == gold["killed"], injured == gold["injured"])
        tally.add("killed", killed, gold["killed"])
        tally.add("injured", injured, gold["injured"])
        _tally(hits, "killed_and_injured", killed == gold["killed"] and injured == gold["injured"])
        key = f"killed {bucket(gold['killed'])}, injured {bucket(gold['injured'])}"
        row = by_bucket.setdefault(key, {"n": 0, "killed_exact": 0, "injured_exact": 0})
        row["n"] += 1
        row["killed_exact"] += int(killed == gold["killed"])
        row["injured_exact"] += int(injured == gold["injured"])
        if mode != "doc":
            _tally(hits, "has_event", event is not None)
            _tally(hits, "date", bool(event and event.event_date == gold.get("date")))
            loc = event.location if event else None
            near = near_gold(event, gold)
            _tally(hits, "location_25km", near)
            if not near and gold.get("latitude") is not None:
                errors.append({**location_error(rec, event, ("city_or_county", "state")), "index": index})
            _tally(hits, "state", bool(loc and norm_text(loc.admin1) == norm_text(gold.get("state"))))
            _tally(hits, "city_or_county", _city_match(loc, gold.get("city_or_county")))
        if killed != gold["killed"] or injured != gold["injured"]:
            errors.append({"id": rec["id"], "index": index, "gold": {"killed": gold["killed"], "injured": gold["injured"]},
                           "pred": {"killed": killed, "injured": injured}, "text": rec["text"][:300]})

    metrics = tally.metrics()
    metrics.update({name: ratio(h, t) for name, (h, t) in hits.items()})
    for row in [*by_bucket.values(), *halves.values()]:
        n = int(row["n"])
        row["killed_exact"] = ratio(int(row["killed_exact"]), n)
        row["injured_exact"] = ratio(int(row["injured_exact"]), n)
    return Report(
        task="gva", dataset="", n=len(records), metrics=metrics,
        breakdown={"gold counts": dict(sorted(by_bucket.items(), key=lambda kv: -kv[1]["n"])),
                   **({"half": halves} if halves else {})},
        errors=errors,
        notes=["mode: doc; counts read from the whole text, no event detection" if mode == "doc"
               else "mode: events; counts, date and place of events[0] (the main event)"],
    )


def _half_row(halves: dict[str, dict[str, float]], half: str, killed_ok: bool, injured_ok: bool) -> None:
    row = halves.setdefault(half, {"n": 0, "killed_exact": 0, "injured_exact": 0})
    row["n"] += 1
    row["killed_exact"] += int(killed_ok)
    row["injured_exact"] += int(injured_ok)


def _tally(hits: dict[str, list[int]], name: str, hit: bool) -> None:
    hits[name][0] += int(hit)
    hits[name][1] += 1
