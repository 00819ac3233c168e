"""What every eval task shares: reading gold, running extraction, metrics, the report."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from polemos.gazetteer.distance import haversine_km  # noqa: F401  (eval tasks import it from here)
from polemos.model import Document, DocumentResult, Event


@dataclass
class Options:
    limit: int | None = None
    batch_size: int = 32
    show_errors: int = 0
    # "even" or "odd": score only the records at even (0, 2, ...) or odd indices of the gold file.
    half: str | None = None
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
    # The few metric names a one-line summary shows (`polemos eval all`); empty: the first three.
    headline: list[str] = field(default_factory=list)

    def headline_metrics(self) -> dict[str, float]:
        names = [m for m in self.headline if m in self.metrics] or list(self.metrics)[:3]
        return {name: self.metrics[name] for name in names}

    def to_dict(self) -> dict[str, Any]:
        return {
            "task": self.task, "dataset": self.dataset, "n": self.n, "metrics": self.metrics,
            "headline": list(self.headline_metrics()),
            "breakdown": self.breakdown, "errors": self.errors, "notes": self.notes,
        }


class EvalInputError(ValueError):
    """What the user gave an eval cannot be scored: a broken gold file, an unknown --mode."""


class GoldFileError(EvalInputError):
    """A gold file that cannot be scored as it is (not UTF-8, a line that is not a JSON object)."""


def mode_option(options: Options, task: str, modes: tuple[str, ...]) -> str:
    """The task's --mode (its first mode when none is given); an unknown one is an EvalInputError."""
    mode = (options.extra or {}).get("mode") or modes[0]
    if mode not in modes:
        raise EvalInputError(f"{task} --mode must be one of {', '.join(modes)}, not {mode!r}")
    return mode


def load_records(path: str | Path, limit: int | None = None) -> list[dict[str, Any]]:
    """Gold records from a .jsonl (one a line) or a .json (one object or a list).

    A broken line stops the load with its line number rather than being skipped:
    skipping would shift every later record between the even and odd halves.
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise GoldFileError(f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    if path.suffix == ".json":
        data = _parsed_json(text, f"{path}")
        records = data if isinstance(data, list) else [data]
    else:  # not splitlines: texts hold U+2028
        records = [_parsed_json(line, f"{path} line {n}")
                   for n, line in enumerate(text.split("\n"), start=1) if line.strip()]
    for n, record in enumerate(records, start=1):
        if not isinstance(record, dict):
            raise GoldFileError(f"{path}: record {n} is a JSON {type(record).__name__}, not an object")
    return records[:limit] if limit else records


def _parsed_json(text: str, where: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise GoldFileError(f"{where}: not valid JSON ({exc.msg}, column {exc.colno})") from None


HALVES = ("even", "odd")


def take_half(records: list, half: str | None) -> list:
    """The records at even (0, 2, 4, ...) or odd indices; all of them when `half` is None.

    The dev sets are read on their even half only; the odd half is the unseen check.
    """
    if half is None:
        return records
    if half not in HALVES:
        raise ValueError(f"unknown half {half!r}; use one of {', '.join(HALVES)}")
    return records[HALVES.index(half)::2]


def to_documents(records: Iterable[dict[str, Any]], text_key: str = "text") -> Iterator[Document]:
    for i, rec in enumerate(records):
        yield Document(id=str(rec.get("id", f"rec-{i}")), text=rec[text_key], date=rec.get("date"))


def run_extraction(records: list[dict[str, Any]], options: Options, progress: str = "extracting") -> list[DocumentResult]:
    """Extract every record's text (batched), in order, with a progress bar on a terminal."""
    from polemos.pipeline import extract
    from polemos.progress import track

    return list(track(extract(to_documents(records), batch_size=options.batch_size), total=len(records), description=progress))


def near_gold(event: Event | None, gold: dict[str, Any], km: float = 25.0) -> bool:
    """The event's place lies within km of the gold point."""
    loc = event.location if event else None
    return bool(loc and loc.latitude is not None and gold.get("latitude") is not None and
                haversine_km(loc.latitude, loc.longitude, gold["latitude"], gold["longitude"]) <= km)


def location_error(rec: dict[str, Any], event: Event | None, gold_keys: tuple[str, ...]) -> dict[str, Any]:
    """A location miss for the errors list: the gold place (gold_keys of rec["gold"]) beside where polemos
    put the event (pred None: no event found; location None: an event with no place), and how far apart."""
    gold = rec["gold"]
    pred = None if event is None else {"location": None}
    loc = event.location if event else None
    if loc is not None:
        km = (round(haversine_km(loc.latitude, loc.longitude, gold["latitude"], gold["longitude"]))
              if loc.latitude is not None else None)
        pred = {"location": loc.name, "admin1": loc.admin1, "country": loc.country,
                "geo_precision": loc.geo_precision, "km": km}
    return {"id": rec["id"], "field": "location", "gold": {k: gold.get(k) for k in gold_keys},
            "pred": pred, "text": rec["text"][:400]}


def prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}


def ratio(hits: int, total: int) -> float:
    return round(hits / total, 4) if total else 0.0


def norm_text(value: str | None) -> str:
    return " ".join((value or "").lower().replace("_", " ").split())


# ---- spans -----------------------------------------------------------------------------------

def overlaps(start: int, end: int, other_start: int, other_end: int) -> bool:
    """Whether two character spans [start, end) share at least one character."""
    return start < other_end and other_start < end


def event_overlaps(event: Event, start: int, end: int) -> bool:
    """Whether any of the event's evidence spans overlaps [start, end)."""
    return any(overlaps(span.start, span.end, start, end) for span in event.evidence)


def events_at(result: DocumentResult, start: int, end: int) -> list[Event]:
    """The events read from text that overlaps [start, end), best first.

    An event whose own trigger overlaps the span beats one whose evidence only
    does; among the rest, the event with the tightest evidence comes first.
    """
    found = [e for e in result.events if event_overlaps(e, start, end)]

    def rank(event: Event) -> tuple[int, int]:
        on_trigger = event.trigger is not None and overlaps(event.trigger.start, event.trigger.end, start, end)
        width = min((s.end - s.start for s in event.evidence if overlaps(s.start, s.end, start, end)), default=0)
        return (0 if on_trigger else 1, width)

    return sorted(found, key=rank)


def join_with_offsets(pieces: Iterable[str], sep: str = " ") -> tuple[str, list[tuple[int, int]]]:
    """Join texts into one, with each piece's (start, end) in the result.

    `sep` goes between two pieces unless the first already ends in whitespace.
    """
    parts: list[str] = []
    spans: list[tuple[int, int]] = []
    pos = 0
    for piece in pieces:
        if parts and not parts[-1][-1:].isspace():
            parts.append(sep)
            pos += len(sep)
        spans.append((pos, pos + len(piece)))
        parts.append(piece)
        pos += len(piece)
    return "".join(parts), spans


# ---- matching names ------------------------------------------------------------------------

_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_STOP = frozenset("a an the of in on at and or to for by from with s".split())


def words(value: str | None) -> list[str]:
    """Lower-cased content words, a trailing plural 's' dropped ('soldiers' -> 'soldier')."""
    out = []
    for w in _WORD.findall((value or "").lower()):
        if w in _STOP:
            continue
        out.append(w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith("ss") else w)
    return out


def head_word(value: str | None) -> str | None:
    """The head of a noun phrase, approximated as its last content word."""
    found = words(value)
    return found[-1] if found else None


def same_word(a: str, b: str) -> bool:
    """Equal, or one a short extension of the other ('russia'/'russian', 'kurd'/'kurdish')."""
    if a == b:
        return True
    short, long_ = sorted((a, b), key=len)
    return len(short) >= 4 and long_.startswith(short) and len(long_) - len(short) <= 3


def head_match(predicted: str | None, gold: str | None) -> bool:
    """Whether the gold phrase's head word is among the predicted words, or the other way round."""
    pred_words, gold_words = words(predicted), words(gold)
    if not pred_words or not gold_words:
        return False
    return any(same_word(gold_words[-1], w) for w in pred_words) or any(same_word(pred_words[-1], w) for w in gold_words)


def contains_either(a: str | None, b: str | None) -> bool:
    """Case-insensitive containment one way or the other (normalised spacing)."""
    x, y = norm_text(a), norm_text(b)
    return bool(x and y) and (x in y or y in x)
