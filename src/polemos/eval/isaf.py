"""isaf.jsonl: ISAF press releases (Afghanistan 2009-2013) with their operations' key facts.

Scored (shared/eval/README.md): `events[0].event_date` vs `start_date`;
`location.admin1` (lower-cased, spaces to `_`, common spellings folded) vs
`province`; the document's total `fatalities` vs `min_killed` and total
`arrested` vs `min_captured` (exact, "at least", mean absolute error), summed
over its new (non-background) events; the event-type flags (airstrike,
detention, insurgentskilled, captureandkill, civiliancasualty: precision,
recall, F1 over documents); `target_group` vs `actor2`.

`--mode doc` scores the casualty counts read from the whole text, without
event detection (see casualty_scoring.py).
"""

from __future__ import annotations

import re
from collections import defaultdict

from polemos.model import Casualties, DocumentResult

from .casualty_scoring import CountTally, bucket, document_casualties, mode_of
from .common import Options, Report, norm_text, prf, ratio, run_extraction

# How gazetteers and the source spell some provinces differently.
PROVINCE_SPELLINGS = {
    "paktia": "paktya", "daykundi": "day_kundi", "daikundi": "day_kundi", "dai_kundi": "day_kundi",
    "sar-e_pol": "sar_e_pul", "sar-e_pul": "sar_e_pul", "sari_pul": "sar_e_pul", "sar-e-pul": "sar_e_pul",
    "oruzgan": "uruzgan", "orozgan": "uruzgan", "urozgan": "uruzgan", "maidan_wardak": "wardak",
    "wardag": "wardak", "nimruz": "nimroz", "jawzjan": "jowzjan", "panjshayr": "panjshir", "panjsher": "panjshir",
    "kunar": "kunar", "konar": "kunar", "nangrahar": "nangarhar", "helmund": "helmand", "logar": "logar",
    "bamian": "bamyan", "samangān": "samangan", "kondoz": "kunduz", "kunduz": "kunduz", "lowgar": "logar",
    "nuristan": "nuristan", "nurestan": "nuristan", "herat": "herat", "hirat": "herat", "kandahar": "kandahar",
    "qandahar": "kandahar", "zabol": "zabul", "ghazni": "ghazni", "paktika": "paktika", "khowst": "khost",
    "parvan": "parwan", "kapisa": "kapisa", "laghman": "laghman", "badghis": "badghis", "faryab": "faryab",
}
TARGET_NAMES = {
    "taliban": ["taliban"], "haqqani": ["haqqani"], "aq": ["qaeda", "qaida"], "hig": ["hezb", "hizb", "gulbuddin", "hig"],
    "imu": ["islamic movement of uzbekistan", "imu"], "let": ["lashkar", "let"], "ttp": ["tehrik", "ttp"],
    "iju": ["islamic jihad union", "iju"], "criminals": ["criminal"], "judq": ["judq"], "hik": ["hik"],
}
FLAGS = ("airstrike", "detention", "insurgentskilled", "captureandkill", "civiliancasualty")
CIVILIAN_GROUPS = {"civilians", "children", "women", "journalists", "aid_workers"}


def norm_province(name: str | None) -> str:
    key = norm_text(name).replace(" province", "").replace(" ", "_")
    key = re.sub(r"^(?:wilayat-e_|velayat-e_)", "", key)
    return PROVINCE_SPELLINGS.get(key, key)


def _totals(result: DocumentResult) -> tuple[int, int, bool]:
    events = [e for e in result.events if not e.background]
    killed = sum(e.fatalities for e in events)
    arrested = sum(e.arrested for e in events)
    civilians = any(  # civilians among the dead or wounded, or an event with casualties against civilians
        CIVILIAN_GROUPS & (set(e.casualties.killed.groups) | set(e.casualties.injured.groups))
        or ("civilian" in (e.actor2 or "").lower() and (e.fatalities or e.injured))
        for e in events
    )
    return killed, arrested, civilians


def _doc_totals(casualties: Casualties) -> tuple[int, int, bool]:
    civilians = bool(CIVILIAN_GROUPS & (set(casualties.killed.groups) | set(casualties.injured.groups)))
    return casualties.killed.low, casualties.arrested.low, civilians


def _predicted_flags(killed: int, arrested: int, civilians: bool, result: DocumentResult | None) -> set[str]:
    """The source labels each release with one type (detention, insurgentskilled,
    captureandkill, airstrike, civiliancasualty), so the prediction is one label too."""
    if civilians:
        return {"civiliancasualty"}
    if result is not None and any(e.sub_event_type == "Air/drone strike" for e in result.events if not e.background):
        return {"airstrike"}
    if killed > 0 and arrested > 0:
        return {"captureandkill"}
    if killed > 0:
        return {"insurgentskilled"}
    if arrested > 0:
        return {"detention"}
    return set()


def evaluate(records: list[dict], options: Options) -> Report:
    mode = mode_of(options, "isaf")
    if mode == "doc":
        results: list[DocumentResult | None] = [None] * len(records)
        totals = [_doc_totals(c) for c in document_casualties(records, options)]
    else:
        results = list(run_extraction(records, options, progress="isaf"))
        totals = [_totals(r) for r in results]
    tally = CountTally()
    hits: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    flag_counts = {f: [0, 0, 0] for f in FLAGS}  # tp, fp, fn
    by_bucket: dict[str, dict[str, float]] = {}
    errors = []

    for rec, result, (killed, arrested, civilians) in zip(records, results, totals):
        gold = rec["gold"]
        tally.add("killed", killed, gold["min_killed"])
        tally.add("captured", arrested, gold["min_captured"])
        for name, pred, true in (("killed", killed, gold["min_killed"]), ("captured", arrested, gold["min_captured"])):
            row = by_bucket.setdefault(f"{name} {bucket(true)}", {"n": 0, "exact": 0})
            row["n"] += 1
            row["exact"] += int(pred == true)
        if result is not None:
            events = [e for e in result.events if not e.background]
            first = events[0] if events else None
            _tally(hits, "has_event", bool(first))
            _tally(hits, "date", bool(first and first.event_date == gold.get("start_date")))
            provinces = {norm_province(p) for p in gold.get("province") or [] if p}
            if provinces:
                _tally(hits, "province", bool(first and first.location and norm_province(first.location.admin1) in provinces))
                _tally(hits, "province_any_event", any(e.location and norm_province(e.location.admin1) in provinces for e in events))
            targets = [t for t in gold.get("target_group") or [] if t]
            if targets:
                actors = " ".join((e.actor2 or "") + " " + (e.assoc_actor_2 or "") for e in events).lower()
                _tally(hits, "target_group", any(any(n in actors for n in TARGET_NAMES.get(t, [t])) for t in targets))
        gold_flags = set(gold.get("event_type") or [])
        pred_flags = _predicted_flags(killed, arrested, civilians, result)
        for flag in FLAGS:
            if flag in pred_flags and flag in gold_flags:
                flag_counts[flag][0] += 1
            elif flag in pred_flags:
                flag_counts[flag][1] += 1
            elif flag in gold_flags:
                flag_counts[flag][2] += 1
        if killed != gold["min_killed"] or arrested != gold["min_captured"]:
            errors.append({"id": rec["id"], "gold": {"killed": gold["min_killed"], "captured": gold["min_captured"]},
                           "pred": {"killed": killed, "captured": arrested}, "text": rec["text"][:400]})

    metrics = tally.metrics()
    metrics.update({name: ratio(h, t) for name, (h, t) in hits.items()})
    flags = {flag: prf(*counts) for flag, counts in flag_counts.items()}
    for row in by_bucket.values():
        row["exact"] = ratio(int(row["exact"]), int(row["n"]))
    return Report(
        task="isaf", dataset="", n=len(records), metrics=metrics,
        breakdown={"event-type flags": flags, "count bucket": dict(sorted(by_bucket.items()))},
        errors=errors,
        notes=[f"mode: {mode}; killed/captured are totals over the document's new events"
               if mode != "doc" else "mode: doc; counts read from the whole text, no event detection",
               "province: events[0].location.admin1, spellings folded (Paktia = paktya, ...)",
               "event-type flags: one label a release, as the source gives (civiliancasualty, airstrike, "
               "captureandkill, insurgentskilled, detention, in that order)"],
    )


def _tally(hits: dict[str, list[int]], name: str, hit: bool) -> None:
    hits[name][0] += int(hit)
    hits[name][1] += 1
