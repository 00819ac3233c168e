"""event_location.jsonl: does polemos put the marked event where the sentence says it happened?

Each record is one sentence with an event verb marked and the span naming
where that event took place (or null). We take the event whose evidence covers
the verb (else the first event) and check its location:

- located records: correct when `location.name` and a gold location contain
  one another (case-insensitive), or a place found on a gold location's span
  resolves to the same point as the event's location;
- unlocated records (gold `location` null): correct when the event has no
  location, or its location comes from no place named in this sentence.

Accuracy is reported for the two kinds separately (they pull in opposite
directions: always guessing a place helps one and hurts the other).
"""

from __future__ import annotations

import re
from typing import Any

from polemos.model import DocumentResult, Event, Location, Place

from .common import Options, Report, contains_either, events_at, haversine_km, norm_text, ratio, run_extraction

TASK = "event_location"
SAME_POINT_KM = 1.0


def evaluate(records: list[dict[str, Any]], options: Options) -> Report:
    results = run_extraction(records, options, progress="event_location")
    return score(records, results)


def score(records: list[dict[str, Any]], results: list[DocumentResult]) -> Report:
    tallies = {"located": [0, 0], "unlocated": [0, 0]}  # kind -> [correct, total]
    with_event = verb_event = 0
    errors: list[dict[str, Any]] = []
    for record, result in zip(records, results, strict=True):
        event, on_verb = event_for_verb(result, record["verb"])
        with_event += event is not None
        verb_event += on_verb
        location = event.location if event is not None else None
        kind = "located" if record.get("location") else "unlocated"
        if kind == "located":
            correct = location_matches(location, record, result.places)
        else:
            correct = location is None or not from_sentence(location, result.places, record["text"])
        tallies[kind][0] += correct
        tallies[kind][1] += 1
        if not correct:
            errors.append({
                "id": record["id"], "text": record["text"], "verb": record["verb"]["text"],
                "gold": [loc["text"] for loc in record.get("locations") or []],
                "predicted": location.name if location else None,
                "event": event.sub_event_type if event else None, "error": result.error,
            })
    n = len(records)
    correct_all = tallies["located"][0] + tallies["unlocated"][0]
    metrics = {
        "accuracy_located": ratio(*tallies["located"]),
        "accuracy_unlocated": ratio(*tallies["unlocated"]),
        "accuracy": ratio(correct_all, n),
        "n_located": tallies["located"][1],
        "n_unlocated": tallies["unlocated"][1],
        "event_found": ratio(with_event, n),
        "event_on_verb": ratio(verb_event, n),
    }
    return Report(
        task=TASK, dataset="event_location", n=n, metrics=metrics, errors=errors,
        headline=["accuracy_located", "accuracy_unlocated", "event_found"],
        notes=["event_found: share of sentences with any event; event_on_verb: with an event whose evidence covers the verb"],
    )


def event_for_verb(result: DocumentResult, verb: dict[str, Any]) -> tuple[Event | None, bool]:
    """The event read from the verb's text, else the document's first event; and whether it was the verb's."""
    found = events_at(result, verb["start"], verb["end"])
    if found:
        return found[0], True
    return (result.events[0] if result.events else None), False


def location_matches(location: Location | None, record: dict[str, Any], places: list[Place]) -> bool:
    if location is None:
        return False
    gold = record.get("locations") or [record["location"]]
    if any(contains_either(location.name, g["text"]) for g in gold):
        return True
    return any(
        place.start < g["end"] and g["start"] < place.end and same_point(location, place)
        for place in places for g in gold
    )


def from_sentence(location: Location, places: list[Place], text: str) -> bool:
    """Whether the location was read from a place named in this sentence."""
    if location.place_index is not None and 0 <= location.place_index < len(places):
        return True
    if any(same_point(location, place) for place in places):
        return True
    name = norm_text(location.name)
    return bool(name) and re.search(rf"(?<!\w){re.escape(name)}(?!\w)", norm_text(text)) is not None


def same_point(location: Location, place: Place) -> bool:
    if location.geonameid is not None and location.geonameid == place.geonameid:
        return True
    if None in (location.latitude, location.longitude, place.latitude, place.longitude):
        return False
    return haversine_km(location.latitude, location.longitude, place.latitude, place.longitude) <= SAME_POINT_KM
