"""Cross-document linking on gva.jsonl: do articles about one incident end up in one canonical event?

Every record is extracted and ingested into a fresh temporary SQLite store
(the real ingest path: add_results and incremental linking, in input order).
Two documents are predicted linked when some canonical event has reports from
both; they are truly linked when they share `gold.incident_id`. Scored as
pairwise precision, recall and F1 over document pairs.

Modes (`--mode`):
- `pipeline` (default): events as polemos extracts them.
- `oracle`: one event per article built from the gold date, place and
  counts, plus the article's own text as evidence: the linker alone, with
  perfect extraction.
- `text`: like oracle but with no date and no place: text similarity alone.
"""

from __future__ import annotations

import itertools
import tempfile
from collections import defaultdict
from pathlib import Path
from typing import Any

from polemos.model import Casualties, CasualtyCount, Document, DocumentResult, Event, Location, TextSpan

from .common import Options, Report, mode_option, prf, run_extraction


def _documents(records: list[dict[str, Any]]) -> list[Document]:
    docs = []
    for i, rec in enumerate(records):
        text = rec["text"]
        title = text.split("\n", 1)[0].strip()[:300] or None
        docs.append(Document(id=str(rec.get("id", f"rec-{i}")), text=text, date=rec.get("date"), title=title))
    return docs


def _gold_result(doc: Document, gold: dict[str, Any], with_fields: bool) -> DocumentResult:
    body_start = doc.text.find("\n\n") + 2 if "\n\n" in doc.text else 0
    end = min(len(doc.text), body_start + 400)
    location = None
    if with_fields and gold.get("latitude") is not None:
        location = Location(name=gold.get("city_or_county") or "?", latitude=gold["latitude"], longitude=gold["longitude"],
                            country="United States", country_code="US", admin1=gold.get("state"), geo_precision=1)
    killed, injured = int(gold.get("killed") or 0), int(gold.get("injured") or 0)
    event = Event(
        id="e1", event_type="Violence against civilians", sub_event_type="Attack", disorder_type="Political violence",
        event_date=gold.get("date") if with_fields else None, location=location,
        fatalities=killed if with_fields else 0, injured=injured if with_fields else 0,
        casualties=Casualties(killed=CasualtyCount(low=killed, high=killed), injured=CasualtyCount(low=injured, high=injured)),
        evidence=[TextSpan(start=body_start, end=end)], confidence=0.9,
    )
    return DocumentResult(id=doc.id, date=doc.date, events=[event], title=doc.title)


def evaluate(records: list[dict[str, Any]], options: Options) -> Report:
    from polemos.store import open_store

    mode = mode_option(options, "linking", ("pipeline", "oracle", "text"))
    docs = _documents(records)
    if mode == "pipeline":
        results = run_extraction(records, options, progress="extracting")
        results = [r.model_copy(update={"title": d.title}) for r, d in zip(results, docs)]
    else:
        results = [_gold_result(d, rec.get("gold") or {}, with_fields=(mode == "oracle")) for d, rec in zip(docs, records)]

    return score_results(records, docs, results, mode, options)


def score_results(records: list[dict[str, Any]], docs: list[Document], results: list[DocumentResult], mode: str,
                  options: Options, link_options=None) -> Report:
    """Ingest (document, result) pairs into a fresh store and score the links against gold incidents."""
    from polemos.store import open_store

    with tempfile.TemporaryDirectory(prefix="polemos-linking-") as tmp:
        store = open_store(f"sqlite:///{Path(tmp) / 'linking.db'}", link_options=link_options)
        doc_ids = {}
        for doc, outcome in zip(docs, store.add_results(zip(docs, results))):
            doc_ids[outcome.doc_id] = doc.id
        clusters: dict[str, set[str]] = defaultdict(set)
        for item in store.iter_events({"include_hidden": False}):
            for rep in item["reports"]:
                clusters[item["id"]].add(doc_ids.get(rep["doc_id"], rep["doc_id"]))
        stats = store.stats()
        store.close()

    predicted: set[tuple[str, str]] = set()
    for members in clusters.values():
        predicted.update(itertools.combinations(sorted(members), 2))
    by_incident: dict[str, list[str]] = defaultdict(list)
    for doc, rec in zip(docs, records):
        by_incident[str((rec.get("gold") or {}).get("incident_id"))].append(doc.id)
    gold: set[tuple[str, str]] = set()
    for members in by_incident.values():
        gold.update(itertools.combinations(sorted(members), 2))

    tp = len(predicted & gold)
    metrics = {f"pair_{k}": v for k, v in prf(tp, len(predicted - gold), len(gold - predicted)).items()}
    with_events = sum(1 for r in results if r.events)
    metrics.update({
        "gold_pairs": len(gold), "predicted_pairs": len(predicted), "true_pairs": tp,
        "documents": len(docs), "documents_with_events": with_events,
        "canonical_events": stats["events"], "multi_source_events": stats["multi_source_events"],
        "gold_incidents": len(by_incident),
    })
    report = Report(task="linking", dataset="", n=len(records), metrics=metrics)
    report.notes.append(f"mode: {mode}")
    if with_events < len(docs):
        report.notes.append(f"{len(docs) - with_events} documents had no event to link")
    titles = {d.id: d.title for d in docs}
    incident = {d.id: str((rec.get("gold") or {}).get("incident_id")) for d, rec in zip(docs, records)}
    for a, b in sorted(predicted - gold)[: max(options.show_errors, 0)]:
        report.errors.append({"kind": "false link", "a": a, "b": b, "a_title": titles[a], "b_title": titles[b],
                              "a_incident": incident[a], "b_incident": incident[b]})
    for a, b in sorted(gold - predicted)[: max(options.show_errors, 0)]:
        report.errors.append({"kind": "missed link", "a": a, "b": b, "a_title": titles[a], "b_title": titles[b]})
    return report
