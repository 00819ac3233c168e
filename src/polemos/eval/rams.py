"""rams_{dev,test}.jsonl: RAMS 1.0 event arguments, scored on conflict, death, injury and arrest types.

Each example is a five-sentence window with one trigger and its arguments,
given as inclusive token spans. The text is the tokens joined by single
spaces; token spans become character offsets into it. Scoring is shared with
WikiEvents (`polemos.eval.arguments`); roles are read from the role name
(`evt089arg01victim` -> victim -> actor2).
"""

from __future__ import annotations

from typing import Any

from polemos.model import DocumentResult

from . import arguments
from .arguments import Trigger
from .common import Options, Report, join_with_offsets, run_extraction

TASK = "rams"


def tokens_and_text(record: dict[str, Any]) -> tuple[list[str], str, list[tuple[int, int]]]:
    tokens = [tok for sentence in record["sentences"] for tok in sentence]
    text, offsets = join_with_offsets(tokens, " ")
    return tokens, text, offsets


def triggers(record: dict[str, Any]) -> list[Trigger]:
    tokens, _, offsets = tokens_and_text(record)

    def span_text(span) -> str:
        return " ".join(tokens[span[0]:span[1] + 1])

    found = []
    for start, end, types in record.get("evt_triggers") or []:
        event_type = types[0][0] if types else ""
        if arguments.family(event_type) is None:
            continue
        args: dict[str, list[str]] = {}
        for trig, arg, role in record.get("gold_evt_links") or []:
            slot = arguments.role_slot(role)
            if slot and list(trig) == [start, end]:
                args.setdefault(slot, []).append(span_text(arg))
        found.append(Trigger(
            start=offsets[start][0], end=offsets[end][1], text=span_text((start, end)),
            event_type=event_type, args=args,
        ))
    return found


def documents(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{"id": r["doc_key"], "text": tokens_and_text(r)[1], "date": None} for r in records]


def evaluate(records: list[dict[str, Any]], options: Options) -> Report:
    results = run_extraction(documents(records), options, progress=TASK)
    return score(records, results)


def score(records: list[dict[str, Any]], results: list[DocumentResult]) -> Report:
    pairs = [(r["doc_key"], triggers(r)) for r in records]
    return arguments.score(TASK, "rams", pairs, results)
