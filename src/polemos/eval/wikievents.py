"""wikievents_{dev,test}.jsonl: WikiEvents event arguments (KAIROS ontology), scored on conflict types.

The copied records keep their own format: `sentences` hold tokens with
character offsets into the article, while the record's `text` runs the
sentences together without spaces. We rebuild the article with each sentence
at its own offsets (gaps filled with spaces), so the token offsets hold, and
score the triggers of conflict, death, injury and arrest types with
`polemos.eval.arguments` (see there for the slots and the matching).
"""

from __future__ import annotations

from typing import Any

from polemos.model import DocumentResult

from . import arguments
from .arguments import Trigger
from .common import Options, Report, run_extraction

TASK = "wikievents"


def article_text(record: dict[str, Any]) -> str:
    """The article with every sentence at the offsets its tokens give."""
    text = ""
    for tokens, sentence in record["sentences"]:
        start = tokens[0][1]
        text = text[:start].ljust(start) + sentence
    return text


def token_offsets(record: dict[str, Any]) -> list[tuple[int, int]]:
    return [(start, end) for tokens, _ in record["sentences"] for _, start, end in tokens]


def triggers(record: dict[str, Any]) -> list[Trigger]:
    """The scored triggers of one document, with their arguments sorted into polemos slots."""
    offsets = token_offsets(record)
    entities = {m["id"]: m for m in record.get("entity_mentions") or []}
    found = []
    for mention in record.get("event_mentions") or []:
        if arguments.family(mention["event_type"]) is None:
            continue
        trig = mention["trigger"]
        args: dict[str, list[str]] = {}
        for arg in mention.get("arguments") or []:
            slot = arguments.role_slot(arg["role"])
            if slot:
                text = arg.get("text") or entities.get(arg.get("entity_id"), {}).get("text", "")
                args.setdefault(slot, []).append(text)
        found.append(Trigger(
            start=offsets[trig["start"]][0], end=offsets[trig["end"] - 1][1], text=trig["text"],
            event_type=mention["event_type"], args=args,
        ))
    return found


def documents(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{"id": r["doc_id"], "text": article_text(r), "date": None} for r in records]


def evaluate(records: list[dict[str, Any]], options: Options) -> Report:
    results = run_extraction(documents(records), options, progress=TASK)
    return score(records, results)


def score(records: list[dict[str, Any]], results: list[DocumentResult]) -> Report:
    pairs = [(r["doc_id"], triggers(r)) for r in records]
    return arguments.score(TASK, "wikievents", pairs, results)
