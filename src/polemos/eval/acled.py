"""acled.jsonl: ACLED events coded from their own notes.

Each gold record is matched to the best event polemos found in its text
(records that share a text describe several events of one report). Scored:
event_type, sub_event_type, disorder_type (exact); event_date (exact) and
time_precision; actor1/actor2 (normalised: ACLED's period tags such as
'(2019-)' are dropped and case ignored; a prediction also counts when it is the
gold actor's base name, e.g. 'Military Forces of Syria' for 'Military Forces
of Syria (2000-) Military Intelligence'); location within 25 km, country,
admin1, geo_precision; fatalities (exact and absolute error, leaving out
records whose fatalities ACLED split across events).
"""

from __future__ import annotations

import re
from collections import defaultdict

from .common import Options, Report, location_error, near_gold, norm_text, ratio, run_extraction

PERIOD = re.compile(r"\(\d{4}-(\d{4})?\)")


def norm_actor(name: str | None) -> str:
    return norm_text(PERIOD.sub(" ", name or ""))


def actor_match(pred: str | None, gold: str | None) -> bool:
    if not gold:
        return not pred
    if not pred:
        return False
    p, g = norm_actor(pred), norm_actor(gold)
    if p == g:
        return True
    base = norm_text(PERIOD.split(gold)[0]) if PERIOD.search(gold) else None
    return bool(base) and p == base


def _score(event, gold) -> float:
    # Place breaks ties only: a note that ACLED split into one event per front or town is matched
    # event by event to the one told at that place, never a wrong type to a right place.
    return (3 * (event.sub_event_type == gold["sub_event_type"]) + (event.event_type == gold["event_type"])
            + actor_match(event.actor1, gold.get("actor1")) + actor_match(event.actor2, gold.get("actor2"))
            + (event.event_date == gold.get("event_date")) + 0.5 * near_gold(event, gold))


# The gold place fields a location miss shows.
ACLED_PLACE_KEYS = ("location", "admin2", "admin1", "country", "geo_precision")


def evaluate(records: list[dict], options: Options) -> Report:
    results = run_extraction(records, options, progress="acled")
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])  # metric -> [hits, total]
    abs_err: list[int] = []
    by_type: dict[str, dict[str, float]] = {}
    errors = []

    def tally(name: str, hit: bool) -> None:
        counts[name][0] += int(hit)
        counts[name][1] += 1

    for rec, res in zip(records, results):
        gold = rec["gold"]
        events = [e for e in res.events if not e.background]
        tally("has_event", bool(events))
        event = max(events, key=lambda e: _score(e, gold)) if events else None
        sub_ok = bool(event and event.sub_event_type == gold["sub_event_type"])
        tally("event_type", bool(event and event.event_type == gold["event_type"]))
        tally("sub_event_type", sub_ok)
        tally("disorder_type", bool(event and event.disorder_type == gold.get("disorder_type")))
        tally("event_date", bool(event and event.event_date == gold.get("event_date")))
        tally("time_precision", bool(event and event.time_precision == gold.get("time_precision")))
        tally("actor1", bool(event and actor_match(event.actor1, gold.get("actor1"))))
        tally("actor2", bool(event and actor_match(event.actor2, gold.get("actor2"))))
        tally("inter1", bool(event and event.inter1 == gold.get("inter1")))
        loc = event.location if event else None
        if gold.get("latitude") is not None:
            near = near_gold(event, gold)
            tally("location_25km", near)
            if not near:
                errors.append(location_error(rec, event, ACLED_PLACE_KEYS))
        tally("country", bool(loc and norm_text(loc.country) == norm_text(gold.get("country"))))
        tally("admin1", bool(loc and norm_text(loc.admin1) == norm_text(gold.get("admin1"))))
        tally("geo_precision", bool(loc and loc.geo_precision == gold.get("geo_precision")))
        if not gold.get("fatalities_split"):
            fat = event.fatalities if event else 0
            tally("fatalities", fat == gold.get("fatalities", 0))
            abs_err.append(abs(fat - gold.get("fatalities", 0)))
        row = by_type.setdefault(gold["sub_event_type"], {"n": 0, "correct": 0})
        row["n"] += 1
        row["correct"] += int(sub_ok)
        if not sub_ok or (event and not actor_match(event.actor1, gold.get("actor1"))) or \
                (event and event.event_date != gold.get("event_date")):
            errors.append({
                "id": rec["id"], "gold": {k: gold.get(k) for k in ("sub_event_type", "event_date", "actor1", "actor2")},
                "pred": {"sub_event_type": event.sub_event_type, "event_date": event.event_date,
                         "actor1": event.actor1, "actor2": event.actor2} if event else None,
                "text": rec["text"][:300],
            })
    for row in by_type.values():
        row["accuracy"] = ratio(int(row["correct"]), int(row["n"]))
    metrics = {name: ratio(h, t) for name, (h, t) in counts.items()}
    metrics["fatalities_mae"] = round(sum(abs_err) / len(abs_err), 3) if abs_err else 0.0
    return Report(
        task="acled", dataset="", n=len(records), metrics=metrics,
        breakdown={"sub_event_type": dict(sorted(by_type.items(), key=lambda kv: -kv[1]["n"]))},
        errors=errors,
        notes=["each gold record is matched to its best event in the text's events",
               "actors: ACLED period tags dropped, case ignored; the base name before a period tag also counts",
               "fatalities leave out records with fatalities_split"],
    )
