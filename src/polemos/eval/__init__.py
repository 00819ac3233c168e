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
    "claims": "polemos.eval.seed",  # the seed's scorer on a file of claim annotations only
    "event_location": "polemos.eval.event_location",
    "india_police": "polemos.eval.india_police",
    "wikievents": "polemos.eval.wikievents",
    "rams": "polemos.eval.rams",
}

FILE_TASKS = {
    "typing": "typing", "acled": "acled", "isaf": "isaf", "gva": "gva",
    "geo_gwn": "geo", "geo_geovirus": "geo", "seed": "seed",
    "claims_gold": "claims", "claims_check": "claims", "claims_blind": "claims", "claims_gva": "claims",
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


def load_gold(module, path: str | Path, limit: int | None = None) -> list:
    """A task's gold records; a module may define `load(path, limit)` when its unit is not a line."""
    from .common import load_records

    loader = getattr(module, "load", None)
    return loader(path, limit) if loader else load_records(path, limit)


def run_task(task: str, gold: str | Path, options):
    """Load the task's module and gold file, score, and name the dataset after the file.

    With `options.half`, the half is taken of the whole file and `limit` then cuts it.
    """
    from .common import GoldFileError, take_half

    module = load_task(task)
    half = getattr(options, "half", None)
    try:
        records = load_gold(module, gold, None if half else options.limit)
        if half:
            records = take_half(records, half)[: options.limit or None]
        report = module.evaluate(records, options)
    except KeyError as exc:  # a record without a field the task reads: the wrong file, or a broken one
        raise GoldFileError(f"{gold}: a record has no {exc} field; is it a {task} gold file?") from None
    report.dataset = Path(gold).name + (f" ({half} half)" if half else "")
    return report


def gold_files(folder: str | Path) -> list[tuple[str, Path]]:
    """(task, file) for every dev-set file in a folder that some task scores, in TASKS order."""
    folder = Path(folder)
    found = [(FILE_TASKS[p.stem], p) for p in sorted(folder.iterdir()) if p.is_file() and p.stem in FILE_TASKS]
    order = list(TASKS)
    return sorted(found, key=lambda item: (order.index(item[0]), item[1].name))


def run_all(folder: str | Path, options, on_report=None) -> list[dict]:
    """Run every task whose gold file is in `folder`.

    Returns one entry per file: {"task", "dataset", "status", "seconds", "report"}.
    status is "ok", "not available" (the task's module is not there yet) or
    "failed: …" (the task raised; the other tasks still run).
    """
    import logging
    import time

    log = logging.getLogger(__name__)
    entries = []
    for task, path in gold_files(folder):
        started = time.perf_counter()
        entry = {"task": task, "dataset": path.name, "status": "ok", "report": None}
        try:
            entry["report"] = run_task(task, path, options)
        except ModuleNotFoundError as exc:
            if not (exc.name or "").startswith(TASKS[task]):
                entry["status"] = f"failed: {type(exc).__name__}: {exc}"
            else:
                entry["status"] = "not available"
        except Exception as exc:  # one broken task must not stop the others
            log.warning("eval %s on %s failed: %s", task, path.name, exc, exc_info=log.isEnabledFor(logging.DEBUG))
            entry["status"] = f"failed: {type(exc).__name__}: {exc}"
        entry["seconds"] = round(time.perf_counter() - started, 1)
        entries.append(entry)
        if on_report:
            on_report(entry)
    return entries
