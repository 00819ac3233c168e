"""Test data for the API and dashboard: the example article as polemos reads it.

The store, API and browser tests fill their store from the real pipeline's
result for the bundled example, so they check the dashboard against what a
user would really see.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from polemos.model import Document, DocumentResult

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "karabakh.json"


def example_document() -> Document:
    record = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    return Document(id=record["id"], text=record["text"], date=record.get("date"), title=record.get("title"),
                    source=record.get("source"), url=record.get("url"))


@lru_cache(maxsize=1)
def _example_result() -> DocumentResult:
    from polemos.pipeline import extract

    return next(extract([example_document()]))


def example_result(document: Document | None = None) -> DocumentResult:
    """The pipeline's result for the example (extracted once per test session)."""
    return _example_result().model_copy(deep=True)
