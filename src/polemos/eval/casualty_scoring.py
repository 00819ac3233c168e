"""What the casualty-count evals (isaf, gva) share: count tallies and a document-level mode.

`--mode doc` scores the casualty extractor on its own: every sentence of the
document is read as one event (polemos.pipeline.casualties.document_casualties),
so its figures do not depend on event detection. The default mode scores the
pipeline's events, as the dev README says.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from polemos.model import Casualties

from .common import Options, mode_option, ratio


class CountTally:
    """Exact-match rate, 'at least' rate (prediction >= gold) and mean absolute error per count."""

    def __init__(self) -> None:
        self.rows: dict[str, list[tuple[int, int]]] = defaultdict(list)

    def add(self, name: str, pred: int, gold: int) -> None:
        self.rows[name].append((pred, gold))

    def metrics(self) -> dict[str, float]:
        out: dict[str, float] = {}
        for name, pairs in self.rows.items():
            n = len(pairs)
            out[f"{name}_exact"] = ratio(sum(p == g for p, g in pairs), n)
            out[f"{name}_at_least"] = ratio(sum(p >= g for p, g in pairs), n)
            out[f"{name}_mae"] = round(sum(abs(p - g) for p, g in pairs) / n, 3) if n else 0.0
            out[f"{name}_nonzero_exact"] = ratio(sum(p == g for p, g in pairs if g > 0), sum(g > 0 for _, g in pairs))
        return out


def bucket(n: int) -> str:
    return "0" if n == 0 else "1" if n == 1 else "2-5" if n <= 5 else "6+"


def document_casualties(records: list[dict[str, Any]], options: Options) -> list[Casualties]:
    """Each record's casualties read from its whole text, with no event detection."""
    from polemos.pipeline import load_pipeline
    from polemos.pipeline.casualties import document_casualties as read
    from polemos.progress import track

    nlp = load_pipeline()
    base = [name for name in nlp.pipe_names if not name.startswith("polemos_")]
    texts = (rec["text"] for rec in records)
    with nlp.select_pipes(enable=base):
        docs = nlp.pipe(texts, batch_size=options.batch_size)
        return [read(doc) for doc in track(docs, total=len(records), description="casualties")]


def mode_of(options: Options, task: str) -> str:
    return mode_option(options, task, ("events", "doc"))
