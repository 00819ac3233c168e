"""typing.jsonl: ACLED sub-event type of short news snippets (CASE 2021 task 2).

The prediction is the first new event's sub_event_type, or NONE when polemos
finds no event. Scores: accuracy, macro-F1 and weighted F1 over the 25
sub-event types plus NONE, with a breakdown by gold label and by CASE code.
"""

from __future__ import annotations

from collections import Counter

from .common import Options, Report, prf, ratio, run_extraction

NONE = "NONE"


def predicted_type(result) -> str:
    new = [e for e in result.events if not e.background]
    return new[0].sub_event_type if new else NONE


def f1_table(gold: list[str], pred: list[str]) -> dict[str, dict[str, float]]:
    labels = sorted(set(gold) | set(pred))
    table = {}
    for label in labels:
        tp = sum(1 for g, p in zip(gold, pred) if g == label and p == label)
        fp = sum(1 for g, p in zip(gold, pred) if g != label and p == label)
        fn = sum(1 for g, p in zip(gold, pred) if g == label and p != label)
        table[label] = {**prf(tp, fp, fn), "support": tp + fn}
    return table


def evaluate(records: list[dict], options: Options) -> Report:
    results = run_extraction(records, options, progress="typing")
    gold = [r.get("label") or NONE for r in records]
    pred = [predicted_type(res) for res in results]
    table = f1_table(gold, pred)
    gold_labels = [lab for lab in table if table[lab]["support"]]
    support = Counter(gold)
    macro = sum(table[l]["f1"] for l in gold_labels) / len(gold_labels) if gold_labels else 0.0
    weighted = sum(table[l]["f1"] * support[l] for l in gold_labels) / len(gold) if gold else 0.0
    by_case: dict[str, dict[str, float]] = {}
    for rec, p in zip(records, pred):
        row = by_case.setdefault(rec.get("case_label") or "?", {"n": 0, "correct": 0})
        row["n"] += 1
        row["correct"] += int(p == (rec.get("label") or NONE))
    for row in by_case.values():
        row["accuracy"] = ratio(int(row["correct"]), int(row["n"]))
    errors = [
        {"id": r.get("id"), "gold": g, "pred": p, "text": r.get("text", "")[:300]}
        for r, g, p in zip(records, gold, pred) if g != p
    ]
    return Report(
        task="typing", dataset="", n=len(records),
        metrics={
            "accuracy": ratio(sum(g == p for g, p in zip(gold, pred)), len(gold)),
            "macro_f1": round(macro, 4),
            "weighted_f1": round(weighted, 4),
            "predicted_none": ratio(pred.count(NONE), len(pred)),
        },
        breakdown={"label": {k: v for k, v in sorted(table.items())}, "case_label": by_case},
        errors=errors,
        notes=["prediction: first new event's sub_event_type, NONE when there is none; "
               "macro-F1 averages the labels present in gold"],
    )
