"""A canonical event's values from its reports.

- counts (fatalities, injured, arrested): ACLED's rule across sources, the
  most conservative reported figure (the lowest non-zero one; 0 only when no
  source reports any);
- type, date, actors: the value most reports give (ties: the more confident,
  then the earliest report); the most precise date and location win over
  vaguer ones;
- where reports disagree the field goes into `contested`, with each value
  and the claims and documents behind it.

Pure functions over plain dicts (Event.to_dict() plus `doc_id`).
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from polemos.model import disorder_type_for

COUNT_FIELDS = ("fatalities", "injured", "arrested")
VOTED_FIELDS = ("event_type", "sub_event_type", "actor1", "actor2", "assoc_actor_1", "assoc_actor_2")
CONTESTED_FIELDS = ("event_type", "sub_event_type", "event_date", "actor1", "actor2", "location", *COUNT_FIELDS)


def qualified_claim_id(doc_id: str, claim_id: str) -> str:
    """Claim ids are unique within a document; across the store they are `doc_id#claim_id`."""
    return f"{doc_id}#{claim_id}"


def _vote(values: list[tuple[Any, float, int]]) -> Any:
    """The most common value; ties go to the higher total confidence, then the earliest report."""
    present = [(v, c, i) for v, c, i in values if v not in (None, "")]
    if not present:
        return None
    counts = Counter(v for v, _, _ in present)
    confidence: dict[Any, float] = {}
    first: dict[Any, int] = {}
    for v, c, i in present:
        confidence[v] = confidence.get(v, 0.0) + c
        first.setdefault(v, i)
    return max(counts, key=lambda v: (counts[v], confidence[v], -first[v]))


def _location_key(loc: dict | None) -> str | None:
    return (loc or {}).get("name") or None


def merge_reports(reports: list[dict[str, Any]]) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """(merged Event dict, contested list) from report dicts (each an Event dict plus `doc_id`)."""
    if not reports:
        raise ValueError("a canonical event needs at least one report")
    primary = max(reports, key=lambda r: (r.get("confidence", 0.5), -reports.index(r)))
    merged: dict[str, Any] = {k: v for k, v in primary.items() if k not in ("doc_id", "id", "contested")}
    indexed = [(r, r.get("confidence", 0.5), i) for i, r in enumerate(reports)]

    for name in VOTED_FIELDS:
        merged[name] = _vote([(r.get(name), c, i) for r, c, i in indexed])
    if merged.get("sub_event_type"):
        from polemos.model import SUB_EVENT_TYPES

        event_type = SUB_EVENT_TYPES.get(merged["sub_event_type"])
        if event_type and event_type != merged.get("event_type"):
            # Keep type and sub-type consistent: the sub-type decides.
            merged["event_type"] = event_type
        try:
            merged["disorder_type"] = disorder_type_for(merged["sub_event_type"])
        except KeyError:
            pass

    # Date: the most precise reports vote.
    dated = [(r, c, i) for r, c, i in indexed if r.get("event_date")]
    if dated:
        best_precision = min(r.get("time_precision", 1) or 1 for r, _, _ in dated)
        merged["event_date"] = _vote([(r["event_date"], c, i) for r, c, i in dated if (r.get("time_precision", 1) or 1) == best_precision])
        merged["time_precision"] = best_precision
    # Location: the most precise located reports vote by place name.
    located = [(r, c, i) for r, c, i in indexed if r.get("location")]
    if located:
        best = min(r["location"].get("geo_precision", 3) or 3 for r, _, _ in located)
        pool = [(r, c, i) for r, c, i in located if (r["location"].get("geo_precision", 3) or 3) == best]
        name = _vote([(_location_key(r["location"]), c, i) for r, c, i in pool])
        merged["location"] = next(r["location"] for r, _, _ in pool if _location_key(r["location"]) == name)

    for name in COUNT_FIELDS:
        reported = [r.get(name, 0) or 0 for r in reports if (r.get(name, 0) or 0) > 0]
        merged[name] = min(reported) if reported else 0
    merged["casualties"] = _conservative_casualties(reports, merged)
    merged["claim_ids"] = sorted({qualified_claim_id(r["doc_id"], c) for r in reports for c in r.get("claim_ids", [])})
    merged["confidence"] = round(1.0 - _product(1.0 - min(max(r.get("confidence", 0.5), 0.0), 0.99) for r in reports), 4)
    merged["background"] = all(r.get("background", False) for r in reports)
    merged["civilian_targeting"] = any(r.get("civilian_targeting", False) for r in reports)
    contested = find_contested(reports)
    merged["contested"] = contested
    return merged, contested


def _product(values) -> float:
    out = 1.0
    for v in values:
        out *= v
    return out


def _conservative_casualties(reports: list[dict], merged: dict) -> dict:
    """The casualty breakdown of the report whose killed count is the conservative one."""
    target = merged.get("fatalities", 0)
    for r in reports:
        if (r.get("fatalities", 0) or 0) == target and r.get("casualties"):
            return r["casualties"]
    return reports[0].get("casualties") or {}


def _field_value(report: dict, name: str) -> Any:
    if name == "location":
        return _location_key(report.get("location"))
    value = report.get(name)
    if name in COUNT_FIELDS and not value:
        return None  # "none reported" is not a disagreement
    return value


def find_contested(reports: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Fields on which reports give different values, with who says what."""
    out = []
    for name in CONTESTED_FIELDS:
        values: dict[Any, dict[str, list[str]]] = {}
        for r in reports:
            value = _field_value(r, name)
            if value in (None, ""):
                continue
            entry = values.setdefault(value, {"claim_ids": [], "doc_ids": []})
            entry["claim_ids"].extend(qualified_claim_id(r["doc_id"], c) for c in r.get("claim_ids", []))
            if r["doc_id"] not in entry["doc_ids"]:
                entry["doc_ids"].append(r["doc_id"])
        if len(values) > 1:
            out.append({
                "field": name,
                "values": [{"value": v, "claim_ids": sorted(set(e["claim_ids"])), "doc_ids": e["doc_ids"]} for v, e in values.items()],
            })
    return out


def apply_overrides(merged: dict[str, Any], overrides: dict[str, Any]) -> dict[str, Any]:
    """A reviewer's edits win over computed values; an edited field is no longer contested."""
    if not overrides:
        return merged
    out = dict(merged)
    for name, value in overrides.items():
        if name.startswith("location.") and isinstance(out.get("location"), dict):
            out["location"] = {**out["location"], name.split(".", 1)[1]: value}
        else:
            out[name] = value
    edited = {n.split(".", 1)[0] for n in overrides}
    out["contested"] = [c for c in out.get("contested", []) if c["field"] not in edited]
    return out
