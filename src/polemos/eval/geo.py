"""Geoparsing on GeoWebNews / GeoVirus (geo_gwn.jsonl, geo_geovirus.jsonl).

Modes (options.extra['mode']): 'resolve' resolves the gold spans
(`polemos geoparse` with "spans"); 'e2e' recognises toponyms itself and is
matched to gold by span overlap; 'both' (default) does both.

Resolution metrics, as in Gritta et al. (2018): accuracy within 161 km, the
area under the curve of log error (AUC, lower is better; an unresolved
toponym counts as the largest error on Earth), median and mean error in km,
and GeoNames id agreement where gold has an id. Broken down by GeoWebNews type.
"""

from __future__ import annotations

import math
import statistics
from collections import defaultdict
from typing import Any

from .common import Options, Report, haversine_km, mode_option, ratio

MAX_KM = 20039.0  # half the Earth's circumference: the error of an unresolved toponym


def evaluate(records: list[dict[str, Any]], options: Options) -> Report:
    mode = mode_option(options, "geo", ("both", "resolve", "e2e"))
    metrics: dict[str, float] = {}
    breakdown: dict[str, dict] = {}
    errors: list[dict[str, Any]] = []
    n_toponyms = sum(len(r.get("toponyms") or []) for r in records)
    for part, score_part in (("resolve", _resolution), ("e2e", _end_to_end)):
        if mode in (part, "both"):
            m, b, e = score_part(records, options)
            metrics.update(m)
            breakdown.update(b)
            errors.extend(e)
    return Report(task="geo", dataset="", n=n_toponyms, metrics=metrics, breakdown=breakdown, errors=errors,
                  notes=[f"mode={mode}; {len(records)} documents; e2e precision is a lower bound (gold keeps only toponyms with coordinates)"])


def _geoparse(records: list[dict[str, Any]], with_spans: bool) -> dict[str, dict[str, Any]]:
    from polemos.gazetteer.geoparse import geoparse_records
    from polemos.progress import track

    inputs = []
    for r in records:
        rec = {"id": r["id"], "text": r["text"]}
        if with_spans:
            rec["spans"] = [[t["start"], t["end"]] for t in r.get("toponyms") or []]
        inputs.append(rec)
    label = "resolving gold spans" if with_spans else "geoparsing"
    return {out["id"]: out for out in track(geoparse_records(inputs), total=len(inputs), description=label)}


def error_km(place: dict[str, Any] | None, gold: dict[str, Any]) -> float:
    if not place or place.get("latitude") is None or place.get("longitude") is None:
        return MAX_KM
    return haversine_km(place["latitude"], place["longitude"], gold["latitude"], gold["longitude"])


def summarise(errs: list[float]) -> dict[str, float]:
    if not errs:
        return {"n": 0}
    logs = sorted(math.log(e + 1) for e in errs)
    # Area under the sorted log-error curve, scaled to [0, 1] (Gritta et al.'s AUC).
    auc = sum((a + b) / 2 for a, b in zip(logs, logs[1:])) / ((len(logs) - 1) * math.log(MAX_KM)) if len(logs) > 1 else logs[0] / math.log(MAX_KM)
    return {
        "n": len(errs),
        "acc161": ratio(sum(e <= 161 for e in errs), len(errs)),
        "auc": round(auc, 4),
        "median_km": round(statistics.median(errs), 1),
        "mean_km": round(statistics.fmean(errs), 1),
    }


def _resolution(records, options):
    out = _geoparse(records, with_spans=True)
    errs: list[float] = []
    by_type: dict[str, list[float]] = defaultdict(list)
    gid_hits = gid_total = unresolved = 0
    mistakes = []
    for r in records:
        result = out.get(r["id"], {})
        places = result.get("places") or []
        for i, gold in enumerate(r.get("toponyms") or []):
            place = places[i] if i < len(places) else None
            e = error_km(place, gold)
            errs.append(e)
            by_type[gold.get("type") or "all"].append(e)
            if not place or place.get("latitude") is None:
                unresolved += 1
            if gold.get("geonameid"):
                gid_total += 1
                gid_hits += bool(place and place.get("geonameid") == gold["geonameid"])
            if e > 161 and len(mistakes) < max(options.show_errors, 0):
                mistakes.append({"id": r["id"], "text": gold["text"], "gold": [gold["latitude"], gold["longitude"]],
                                 "got": place and {k: place.get(k) for k in ("name", "feature_code", "country_code", "latitude", "longitude")},
                                 "km": round(e), "context": r["text"][max(0, gold["start"] - 60):gold["end"] + 40]})
    s = summarise(errs)
    metrics = {f"resolve_{k}": v for k, v in s.items() if k != "n"}
    metrics["resolve_n"] = s.get("n", 0)
    metrics["resolve_unresolved"] = unresolved
    metrics["resolve_geonameid_agreement"] = ratio(gid_hits, gid_total)
    breakdown = {"resolve by type": {t: summarise(v) for t, v in sorted(by_type.items())}} if len(by_type) > 1 else {}
    return metrics, breakdown, mistakes


def _end_to_end(records, options):
    out = _geoparse(records, with_spans=False)
    found = matched = predicted = 0
    errs: list[float] = []
    by_type: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    missed = []
    for r in records:
        places = (out.get(r["id"]) or {}).get("places") or []
        predicted += len(places)
        used = set()
        for gold in r.get("toponyms") or []:
            hit = next((i for i, p in enumerate(places) if p["start"] < gold["end"] and gold["start"] < p["end"]), None)
            t = gold.get("type") or "all"
            by_type[t][1] += 1
            if hit is None:
                if len(missed) < max(options.show_errors, 0):
                    missed.append({"id": r["id"], "missed": gold["text"], "context": r["text"][max(0, gold["start"] - 50):gold["end"] + 30]})
                continue
            found += 1
            by_type[t][0] += 1
            used.add(hit)
            errs.append(error_km(places[hit], gold))
        matched += len(used)
    total = sum(len(r.get("toponyms") or []) for r in records)
    s = summarise(errs)
    metrics = {
        "e2e_recall": ratio(found, total),
        "e2e_precision_lower_bound": ratio(matched, predicted),
        "e2e_acc161_of_matched": s.get("acc161", 0.0),
        "e2e_auc_of_matched": s.get("auc", 0.0),
    }
    breakdown = {"e2e recall by type": {t: {"recall": ratio(h, n), "n": n} for t, (h, n) in sorted(by_type.items())}} if len(by_type) > 1 else {}
    return metrics, breakdown, missed
