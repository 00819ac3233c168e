"""Test data for the API and dashboard: the example article with its gold annotations.

The store, API and browser tests need a document whose events are right and
located, whatever state the extraction components are in. The example
article's gold annotations (shared/eval/dev/seed.json) give exactly that;
this module turns them into a real DocumentResult: each gold event gets as
evidence the sentences that share most words with its annotator's note, and
each claim is linked to the events whose evidence it overlaps.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from polemos.model import Claim, Document, DocumentResult, Event, Location, TextSpan, disorder_type_for

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "karabakh.json"
SEED = ROOT.parent / "shared" / "eval" / "dev" / "seed.json"
WORD = re.compile(r"\w{4,}")


def _first(value):
    return value[0] if isinstance(value, list) else value


def _sentences(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for match in re.finditer(r"(?<=[.!?»])\s+|\n\n+", text):
        if text[start:match.start()].strip():
            spans.append((start, match.start()))
        start = match.end()
    if text[start:].strip():
        spans.append((start, len(text)))
    return spans


def _best_sentence(text: str, sentences: list[tuple[int, int]], note: str) -> tuple[int, int]:
    words = {w.lower() for w in WORD.findall(note)}
    return max(sentences, key=lambda s: len(words & {w.lower() for w in WORD.findall(text[s[0]:s[1]])}))


def example_document() -> Document:
    record = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    return Document(id=record["id"], text=record["text"], date=record.get("date"), title=record.get("title"),
                    source=record.get("source"), url=record.get("url"))


def gold_result(document: Document) -> DocumentResult:
    if not SEED.exists():
        pytest.skip(f"gold annotations not available at {SEED}")
    gold = json.loads(SEED.read_text(encoding="utf-8"))
    if gold["text"] != document.text:
        pytest.skip("the gold annotations are for another version of the example text")
    text = document.text
    sentences = _sentences(text)
    events = []
    for item in gold["gold"]["events"]:
        sub = _first(item["sub_event_type"])
        loc = item.get("location")
        start, end = _best_sentence(text, sentences, item.get("note", ""))
        events.append(Event(
            id=item["id"], event_type=_first(item["event_type"]), sub_event_type=sub,
            disorder_type=disorder_type_for(sub), event_date=item.get("event_date"),
            time_precision=_first(item.get("time_precision", 1)), actor1=item.get("actor1"), actor2=item.get("actor2"),
            location=Location(name=loc["name"], latitude=loc["latitude"], longitude=loc["longitude"],
                              country_code=loc["country_code"], country=_country_name(loc["country_code"]),
                              geo_precision=_first(loc["geo_precision"])) if loc else None,
            fatalities=item.get("fatalities", 0), evidence=[TextSpan(start=start, end=end)], confidence=0.9,
        ))
    claims = []
    for item in gold["gold"]["claims"]:
        linked = [e.id for e in events if any(s.start < item["end"] and item["start"] < s.end for s in e.evidence)]
        claims.append(Claim(id=item["id"], speaker=item["speaker"], speaker_canonical=item.get("speaker_canonical"),
                            kind=item["kind"], cue=item["cue"], content=item["content"], start=item["start"],
                            end=item["end"], event_ids=linked))
    for event in events:
        event.claim_ids = [c.id for c in claims if event.id in c.event_ids]
    return DocumentResult(id=document.id, date=document.date, events=events, claims=claims,
                          title=document.title, source=document.source, url=document.url)


def _country_name(code: str | None) -> str | None:
    import pycountry

    country = pycountry.countries.get(alpha_2=code) if code else None
    return country.name if country else None
