"""What every eval task shares: reading gold, running extraction, metrics, the report."""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from polemos.model import Document, DocumentResult


@dataclass
class Options:
    limit: int | None = None
    batch_size: int = 32
    show_errors: int = 0
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class Report:
    task: str
    dataset: str
    n: int
    metrics: dict[str, float]
    breakdown: dict[str, dict[str, float]] = field(default_factory=dict)
    errors: list[dict[str, Any]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "task": self.task, "dataset": self.dataset, "n": self.n, "metrics": self.metrics,
            "breakdown": self.breakdown, "errors": self.errors, "notes": self.notes,
        }


def load_records(path: str | Path, limit: int | None = None) -> list[dict[str, Any]]:
    """Gold records from a .jsonl (one a line) or a .json (one object or a list)."""
    path = Path(path)
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".json":
        data = json.loads(text)
        records = data if isinstance(data, list) else [data]
    else:
        records = [json.loads(line) for line in text.split("\n") if line.strip()]  # not splitlines: texts hold U+2028
    return records[:limit] if limit else records


def to_documents(records: Iterable[dict[str, Any]], text_key: str = "text") -> Iterator[Document]:
    for i, rec in enumerate(records):
        yield Document(id=str(rec.get("id", f"rec-{i}")), text=rec[text_key], date=rec.get("date"))


def run_extraction(records: list[dict[str, Any]], options: Options, progress: str = "extracting") -> list[DocumentResult]:
    """Extract every record's text (batched), in order, with a progress bar on a terminal."""
    from polemos.pipeline import extract
    from polemos.progress import track

    return list(track(extract(to_documents(records), batch_size=options.batch_size), total=len(records), description=progress))


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    r = 6371.0088
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * r * math.asin(min(1.0, math.sqrt(a)))


def prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}


def ratio(hits: int, total: int) -> float:
    return round(hits / total, 4) if total else 0.0


def norm_text(value: str | None) -> str:
    return " ".join((value or "").lower().replace("_", " ").split())
