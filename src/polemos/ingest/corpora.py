"""Bulk corpora as streams of Documents: .jsonl, .csv and .parquet, read a batch at a time.

A corpus can be far larger than memory; nothing here reads a whole file.
Columns are found by name: the text in `text` (or `notes`, `body`,
`content`, `article`), the id in `id` (or `doc_id`, `event_id_cnty`), and
`date`, `title`, `source`, `url` when present. A row without text becomes a
failed Document with the row number, and the stream goes on.
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterator
from pathlib import Path

from polemos.model import Document

from .sources import _failed, decode_text, record_document

CORPUS_SUFFIXES = {".jsonl", ".ndjson", ".csv", ".tsv", ".parquet"}
TEXT_COLUMNS = ("text", "notes", "body", "content", "article", "full_text")
ID_COLUMNS = ("id", "doc_id", "event_id_cnty", "uid")
DATE_COLUMNS = ("date", "published", "publication_date", "pub_date")


def is_corpus(path: Path) -> bool:
    return path.suffix.lower() in CORPUS_SUFFIXES


def _normalise(row: dict) -> dict:
    """Map a row's columns onto a Document record's fields."""
    lower = {str(k).lower().strip(): v for k, v in row.items()}
    out = dict(lower)
    for names, key in ((TEXT_COLUMNS, "text"), (ID_COLUMNS, "id"), (DATE_COLUMNS, "date")):
        for name in names:
            value = lower.get(name)
            if value not in (None, ""):
                out[key] = value if key != "id" else str(value)
                break
    if out.get("date") is not None and not isinstance(out["date"], str):
        out["date"] = str(out["date"])  # dates and timestamps from parquet
    return out


def read_corpus(path: Path, batch_rows: int = 1000) -> Iterator[Document]:
    """Documents of one corpus file, streamed."""
    suffix = path.suffix.lower()
    try:
        if suffix in (".jsonl", ".ndjson"):
            yield from _jsonl(path)
        elif suffix in (".csv", ".tsv"):
            yield from _csv(path, delimiter="\t" if suffix == ".tsv" else ",")
        elif suffix == ".parquet":
            yield from _parquet(path, batch_rows)
    except OSError as exc:
        yield _failed(str(path), f"cannot read {path}: {exc.strerror or exc}")
    except Exception as exc:  # a corrupt file: say so, keep what was read
        yield _failed(str(path), f"{path}: cannot read further ({type(exc).__name__}: {exc})")


def _jsonl(path: Path) -> Iterator[Document]:
    with path.open("rb") as fh:
        for lineno, raw in enumerate(fh, start=1):
            if not raw.strip():
                continue
            where = f"{path} line {lineno}"
            try:
                record = json.loads(decode_text(raw))
            except json.JSONDecodeError as exc:
                yield _failed(where, f"{where}: not valid JSON ({exc.msg})", doc_id=f"{path.stem}-line-{lineno}")
                continue
            if isinstance(record, dict):
                record = _normalise(record)
            yield record_document(record, fallback_id=f"{path.stem}-line-{lineno}", where=where)


def _csv(path: Path, delimiter: str) -> Iterator[Document]:
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
    with path.open(encoding="utf-8-sig", errors="replace", newline="") as fh:
        for n, row in enumerate(csv.DictReader(fh, delimiter=delimiter), start=1):
            where = f"{path} row {n}"
            yield record_document(_normalise(row), fallback_id=f"{path.stem}-row-{n}", where=where)


def _parquet(path: Path, batch_rows: int) -> Iterator[Document]:
    import pyarrow.parquet as pq

    n = 0
    for batch in pq.ParquetFile(path).iter_batches(batch_size=batch_rows):
        for row in batch.to_pylist():
            n += 1
            yield record_document(_normalise(row), fallback_id=f"{path.stem}-row-{n}", where=f"{path} row {n}")


def count_rows(path: Path) -> int | None:
    """How many documents a corpus holds (for a progress bar), cheaply; None when unknown."""
    suffix = path.suffix.lower()
    try:
        if suffix == ".parquet":
            import pyarrow.parquet as pq

            return pq.ParquetFile(path).metadata.num_rows
        if suffix in (".jsonl", ".ndjson"):
            with path.open("rb") as fh:
                return sum(1 for line in fh if line.strip())
    except Exception:
        return None
    return None
