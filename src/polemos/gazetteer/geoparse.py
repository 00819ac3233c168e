"""`polemos geoparse`: toponyms of documents, or resolution of given spans.

A .jsonl line with "spans": [[start, end], ...] gets exactly those spans
resolved, in order, one Place each (null coordinates when unresolved). Other
inputs go through the toponym recogniser first. The document is tokenised and
tagged by the spaCy model either way, because resolution reads context
(division words, 'X, Y' parents, demonyms, metonymy).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from polemos.model import Document


def geoparse_inputs(inputs: Iterable[str]) -> Iterator[dict[str, Any]]:
    """One result dict per input document: {id, places: [...]} or {id, error}."""
    yield from geoparse_records(_records(inputs))


def geoparse_records(records: Iterable[dict[str, Any]], batch_size: int = 32) -> Iterator[dict[str, Any]]:
    """Records ({id, text, spans?}) in, results out, in order."""
    from polemos.pipeline import load_pipeline

    nlp = load_pipeline()
    batch: list[dict[str, Any]] = []
    for record in records:
        batch.append(record)
        if len(batch) >= batch_size:
            yield from _run_batch(nlp, batch)
            batch = []
    if batch:
        yield from _run_batch(nlp, batch)


def _run_batch(nlp, batch: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    ok = [r for r in batch if "error" not in r]
    names = ["polemos_toponyms", "polemos_geoparser"]
    disable = [n for n in nlp.pipe_names if n.startswith("polemos_") and n not in names]
    results: dict[int, dict[str, Any]] = {}
    docs = nlp.pipe((nlp.make_doc(r["text"]) for r in ok), disable=disable)
    for record, doc in zip(ok, docs):
        try:
            results[id(record)] = _result(nlp, record, doc)
        except Exception as exc:  # one bad document never stops the run
            results[id(record)] = {"id": record["id"], "error": f"geoparsing failed: {type(exc).__name__}: {exc}"}
    for record in batch:
        yield results.get(id(record)) or {"id": record["id"], "error": record.get("error", "not processed")}


def _result(nlp, record: dict[str, Any], doc) -> dict[str, Any]:
    spans = record.get("spans")
    if spans is None:
        places = doc._.places or []
    else:
        places = resolve_spans(nlp, doc, spans)
    return {"id": record["id"], "places": [p.to_dict() for p in places]}


def resolve_spans(nlp, doc, spans: list[list[int]]):
    """Exactly the given character spans, resolved in order with the document as context.

    A recognised toponym that no given span covers but that names a given span's parent
    ('Gainesville, Va.' when only 'Gainesville' is asked for) is resolved alongside, as context;
    it is not returned. Other recognised toponyms stay out: a false alarm would sway the focus."""
    from polemos.gazetteer.resolve import Mention, to_place
    from polemos.pipeline.geoparser import mention_of
    from polemos.pipeline.toponyms import names_a_street

    recogniser = nlp.get_pipe("polemos_toponyms")
    geoparser = nlp.get_pipe("polemos_geoparser")
    recognised = [mention_of(s) for s in doc._.toponyms or []]
    found = {(m.start, m.end): m for m in recognised}
    mentions: list[Mention] = []
    for start, end in spans:
        text = doc.text[start:end]
        m = found.get((start, end))
        if m is None:
            m = recogniser.reading_of(doc, start, end) or Mention(text=text, start=start, end=end)
        span = doc.char_span(start, end, alignment_mode="expand")
        street = m.forced is None and span is not None and names_a_street(doc, span)
        mentions.append(Mention(text=text, start=start, end=end, name=m.name, admin_hint=m.admin_hint, role=m.role,
                                fuzzy=True, forced=m.forced, street=street))
    ends = {e for _, e in spans}
    parents = [Mention(text=m.text, start=m.start, end=m.end, name=m.name, admin_hint=m.admin_hint, role=m.role,
                       fuzzy=m.fuzzy, forced=m.forced)
               for m in recognised if not any(m.start < e and s < m.end for s, e in spans)
               and any(e <= m.start and doc.text[e:m.start].strip() in (",", "(") for e in ends)]
    together = mentions + parents
    _link_adjacent(doc.text, together)
    chosen = geoparser.resolver.resolve(together)
    return [to_place(m, c, geoparser.resolver.gaz) for m, c in zip(mentions, chosen)]


def _link_adjacent(text: str, mentions: list) -> None:
    """'X, Y' and 'X (Y' among the mentions: Y is X's parent; 'X in Y', 'X at Y': Y locates X; 'X and Y': Y is
    the next item of X's list."""
    from polemos.gazetteer.resolve import LIST_JOINS

    order = sorted(range(len(mentions)), key=lambda i: mentions[i].start)
    for a, b in zip(order, order[1:]):
        between = text[mentions[a].end:mentions[b].start].strip()
        if between in (",", "("):
            mentions[a].parent = b
        elif between in ("in", "at", "in the", "at the"):  # 'the Embassy of Armenia in the Holy See'
            mentions[a].located_in = b
        elif between in LIST_JOINS:
            mentions[a].joined = b


def _records(inputs: Iterable[str]) -> Iterator[dict[str, Any]]:
    """Raw records: .jsonl lines keep their 'spans'; other inputs become Documents via ingest."""
    from polemos.ingest.sources import read_inputs

    for item in inputs:
        path = Path(item)
        if item == "-" or (path.suffix.lower() in (".jsonl", ".ndjson") and path.is_file()):
            data = sys.stdin.buffer.read() if item == "-" else path.read_bytes()
            text = data.decode("utf-8-sig", errors="replace")
            if item == "-" and not text.lstrip().startswith("{"):
                yield _from_document(Document(id="stdin", text=text))
                continue
            for lineno, line in enumerate(text.splitlines(), start=1):
                if line.strip():
                    yield _parse_line(line, lineno)
        else:
            for doc in read_inputs([item]):
                yield _from_document(doc)


def _from_document(doc: Document) -> dict[str, Any]:
    from polemos.pipeline import precheck  # the pipeline's own limits: empty, too long for the parser

    problem = precheck(doc)
    if problem:
        return {"id": doc.id, "error": problem}
    return {"id": doc.id, "text": doc.text}


def _parse_line(line: str, lineno: int) -> dict[str, Any]:
    fallback = f"line-{lineno}"
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        return {"id": fallback, "error": f"line {lineno}: not valid JSON ({exc.msg})"}
    if not isinstance(record, dict):
        return {"id": fallback, "error": f"line {lineno}: expected a JSON object"}
    rid = str(record.get("id") or fallback)
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        return {"id": rid, "error": f"line {lineno}: no 'text' field (a non-empty string is required)"}
    out = _from_document(Document(id=rid, text=text))
    if "error" in out:
        return {"id": rid, "error": f"line {lineno}: {out['error']}"}
    spans = record.get("spans")
    if spans is not None:
        problem = _check_spans(spans, len(text))
        if problem:
            return {"id": rid, "error": f"line {lineno}: {problem}"}
        out["spans"] = [[int(s), int(e)] for s, e in spans]
    return out


def _check_spans(spans: Any, n: int) -> str | None:
    if not isinstance(spans, list):
        return "'spans' must be a list of [start, end] pairs"
    for s in spans:
        if not (isinstance(s, (list, tuple)) and len(s) == 2 and all(isinstance(v, int) for v in s)):
            return f"bad span {s!r}: expected [start, end] integers"
        if not 0 <= s[0] < s[1] <= n:
            return f"span {s!r} is outside the text (length {n})"
    return None
