"""india_police_sents.jsonl: police actions in Times of India articles, scored per sentence.

The set labels every sentence of 1,257 articles. We rebuild each article by
joining its sentences in id order (remembering where each sentence lies),
extract the article, and label a sentence by the events whose evidence
overlaps it and whose `actor1` is a police force (the name contains
"Police"):

- KILL: the event has `fatalities` > 0
- ARREST: `arrested` > 0 or `sub_event_type` is `Arrests`
- FORCE: violence by police: `Excessive force against protesters`, `Attack`, or `injured` > 0
- ANY_ACTION: any such event

FAIL (police failing to act) has no counterpart in polemos output and is left
out. Per-label precision, recall and F1 over sentences.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Any

from polemos.model import DocumentResult, Event

from .common import Options, Report, event_overlaps, join_with_offsets, load_records, prf, run_extraction

TASK = "india_police"
LABELS = ("KILL", "ARREST", "FORCE", "ANY_ACTION")
FORCE_TYPES = frozenset({"Excessive force against protesters", "Attack"})


def load(path: str | Path, limit: int | None = None) -> list[dict[str, Any]]:
    """Sentence records of the first `limit` articles (not sentences: an article is the unit)."""
    records = load_records(path)
    if not limit:
        return records
    keep = set(list(dict.fromkeys(r["doc_id"] for r in records))[:limit])
    return [r for r in records if r["doc_id"] in keep]


def articles(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One record per article: its text, date, and each sentence's span and gold labels."""
    by_doc: dict[Any, list[dict[str, Any]]] = defaultdict(list)
    for rec in records:
        by_doc[rec["doc_id"]].append(rec)
    out = []
    for doc_id, sents in by_doc.items():
        sents.sort(key=sentence_number)
        text, spans = join_with_offsets(s["text"] for s in sents)
        out.append({
            "id": f"india_police-{doc_id}", "text": text, "date": sents[0].get("date"),
            "spans": spans, "sentences": sents,
        })
    return out


def sentence_number(record: dict[str, Any]) -> int:
    return int(str(record["id"]).rsplit("-", 1)[1])


def evaluate(records: list[dict[str, Any]], options: Options) -> Report:
    docs = articles(records)
    results = run_extraction(docs, options, progress="india_police")
    return score(records, results)


def score(records: list[dict[str, Any]], results: list[DocumentResult]) -> Report:
    """Score per-article results (in the order `articles(records)` gives) against the sentence labels."""
    docs = articles(records)
    counts = {label: [0, 0, 0] for label in LABELS}  # tp, fp, fn
    errors: list[dict[str, Any]] = []
    for doc, result in zip(docs, results, strict=True):
        police = [e for e in result.events if is_police(e.actor1)]
        for sent, (start, end) in zip(doc["sentences"], doc["spans"]):
            predicted = set()
            for event in police:
                if event_overlaps(event, start, end):
                    predicted |= event_labels(event)
            gold = set(sent.get("labels") or []) & set(LABELS)
            for label in LABELS:
                tp_fp_fn = counts[label]
                if label in predicted and label in gold:
                    tp_fp_fn[0] += 1
                elif label in predicted:
                    tp_fp_fn[1] += 1
                elif label in gold:
                    tp_fp_fn[2] += 1
            if predicted != gold:
                errors.append({"id": sent["id"], "text": sent["text"], "gold": sorted(gold), "predicted": sorted(predicted)})
    breakdown = {label: {**prf(*counts[label]), "gold": counts[label][0] + counts[label][2]} for label in LABELS}
    metrics: dict[str, float] = {}
    for label in LABELS:
        for name in ("precision", "recall", "f1"):
            metrics[f"{label}_{name}"] = breakdown[label][name]
    metrics["macro_f1"] = round(sum(breakdown[label]["f1"] for label in LABELS) / len(LABELS), 4)
    return Report(
        task=TASK, dataset="india_police_sents", n=len(records), metrics=metrics,
        breakdown={"label": breakdown}, errors=errors,
        headline=["ANY_ACTION_f1", "ARREST_f1", "KILL_f1", "FORCE_f1"],
        notes=[f"{len(docs)} articles; FAIL is not scored (no counterpart in the output)"],
    )


def is_police(actor: str | None) -> bool:
    return actor is not None and "police" in actor.lower()


def event_labels(event: Event) -> set[str]:
    """The labels one police event gives the sentences it was read from."""
    labels = {"ANY_ACTION"}
    if event.fatalities > 0:
        labels.add("KILL")
    if event.arrested > 0 or event.sub_event_type == "Arrests":
        labels.add("ARREST")
    if event.sub_event_type in FORCE_TYPES or event.injured > 0:
        labels.add("FORCE")
    return labels
