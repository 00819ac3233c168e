"""Scoring polemos against the annotated dev sets (shared/eval/dev/README.md).

One module per task; each has `evaluate(records, options) -> Report`.
`polemos eval TASK GOLD.jsonl` runs one and prints a table.
"""

from __future__ import annotations

import importlib
from pathlib import Path

# task name -> module. A gold file's name picks its task when TASK is "auto".
TASKS = {
    "typing": "polemos.eval.typing",
    "acled": "polemos.eval.acled",
    "isaf": "polemos.eval.isaf",
    "gva": "polemos.eval.gva",
    "linking": "polemos.eval.linking",
    "geo": "polemos.eval.geo",
    "seed": "polemos.eval.seed",
    "event_location": "polemos.eval.event_location",
    "india_police": "polemos.eval.india_police",
    "wikievents": "polemos.eval.wikievents",
    "rams": "polemos.eval.rams",
}

FILE_TASKS = {
    "typing": "typing", "acled": "acled", "isaf": "isaf", "gva": "gva",
    "geo_gwn": "geo", "geo_geovirus": "geo", "seed": "seed",
    "event_location": "event_location", "india_police_sents": "india_police",
    "wikievents_dev": "wikievents", "wikievents_test": "wikievents",
    "rams_dev": "rams", "rams_test": "rams",
}


def task_for_file(path: str | Path) -> str | None:
    return FILE_TASKS.get(Path(path).stem)


def load_task(name: str):
    if name not in TASKS:
        raise KeyError(f"unknown eval task {name!r}; known: {', '.join(TASKS)}")
    return importlib.import_module(TASKS[name])
