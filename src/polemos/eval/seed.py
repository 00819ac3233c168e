"""Score hand-annotated articles in the seed's format (shared/eval/dev/seed.json).

A record is {"id", "text", "date", "gold": {...}} where gold may hold any of:

- `claims`: [{speaker, speaker_canonical, kind, cue, content, start, end}]
- `events`: [{event_type, sub_event_type (a string or a list of acceptable
  values), event_date, location {latitude, longitude}, fatalities,
  casualty_groups}]
- `background_not_events`: what must not come out as a new event
- `notes`: free text; "Places that must resolve: A, B (region), C (written D)."

Everything present is scored; a file of claim annotations only scores claims.

Claim matching (documented in docs/claims.md): a predicted claim matches a
gold claim when their content spans overlap with a Jaccard index of at least
0.5 (characters; word sets when a gold span has no offsets) and the speaker is
right: the normalised speaker or speaker_canonical of one equals the
normalised speaker or speaker_canonical of the other, or one normalised
speaker contains the other as whole words with at least two words or a proper
name. Normalised: lower case, straight apostrophes, no leading article, no
possessive 's, punctuation as spaces. Pairs are matched one to one, best
overlap first.
"""

from __future__ import annotations

import re
from typing import Any

from polemos.model import DocumentResult

from .common import Options, Report, haversine_km, prf, ratio, run_extraction

CONTENT_JACCARD = 0.5
LOCATION_KM = 50.0
_ARTICLES = ("the ", "a ", "an ")


def evaluate(records: list[dict[str, Any]], options: Options) -> Report:
    results = run_extraction(records, options, progress="seed")
    tally = _Tally()
    for record, result in zip(records, results):
        gold = record.get("gold") or {}
        if result.error:
            tally.errors.append({"id": record.get("id"), "error": result.error})
        if "claims" in gold:
            _score_claims(record, gold["claims"], result, tally)
        if "events" in gold:
            _score_events(record, gold, result, tally)
        places = _must_resolve(gold.get("notes") or "")
        if places:
            _score_places(record, places, result, tally)
    return tally.report(len(records))


# ---- claims ---------------------------------------------------------------------------

def _score_claims(record: dict, gold_claims: list[dict], result: DocumentResult, tally: "_Tally") -> None:
    text = record.get("text", "")
    predicted = [c.to_dict() for c in result.claims]
    pairs = []
    for gi, g in enumerate(gold_claims):
        for pi, p in enumerate(predicted):
            overlap = content_overlap(text, g, p)
            if overlap >= CONTENT_JACCARD:
                pairs.append((overlap, gi, pi))
    pairs.sort(reverse=True)
    content_match: dict[int, int] = {}
    taken: set[int] = set()
    for overlap, gi, pi in pairs:
        if gi in content_match or pi in taken:
            continue
        # Prefer a pair whose speaker is right when a gold claim has several candidates.
        better = [pj for ov, gj, pj in pairs if gj == gi and pj not in taken and ov >= CONTENT_JACCARD and speaker_matches(gold_claims[gi], predicted[pj])]
        choice = pi if (not better or pi in better) else better[0]
        content_match[gi] = choice
        taken.add(choice)
    full = 0
    for gi, g in enumerate(gold_claims):
        pi = content_match.get(gi)
        if pi is None:
            tally.add_error("claim missed", record, gold=_brief(g))
            continue
        p = predicted[pi]
        tally.counts["claim_content_tp"] += 1
        right_speaker = speaker_matches(g, p)
        tally.counts["speaker_right"] += right_speaker
        tally.counts["canonical_right"] += _norm(g.get("speaker_canonical")) == _norm(p.get("speaker_canonical"))
        tally.counts["kind_right"] += g.get("kind") == p.get("kind")
        tally.counts["cue_right"] += _norm(g.get("cue")) == _norm(p.get("cue"))
        tally.counts["span_exact"] += (g.get("start"), g.get("end")) == (p.get("start"), p.get("end"))
        if right_speaker:
            full += 1
        else:
            tally.add_error("wrong speaker", record, gold=_brief(g), predicted=_brief(p))
        if _norm(g.get("speaker_canonical")) != _norm(p.get("speaker_canonical")) and right_speaker:
            tally.add_error("wrong canonical", record, gold=_brief(g), predicted=_brief(p))
    for pi, p in enumerate(predicted):
        if pi not in taken:
            tally.add_error("claim not in gold", record, predicted=_brief(p))
    tally.counts["claim_tp"] += full
    tally.counts["claim_fp"] += len(predicted) - full
    tally.counts["claim_fn"] += len(gold_claims) - full
    tally.counts["claim_content_fp"] += len(predicted) - len(content_match)
    tally.counts["claim_content_fn"] += len(gold_claims) - len(content_match)
    tally.counts["gold_claims"] += len(gold_claims)
    tally.counts["predicted_claims"] += len(predicted)


def content_overlap(text: str, gold: dict, predicted: dict) -> float:
    """Jaccard index of the two content spans (characters, or words when offsets are missing)."""
    gs, ge = gold.get("start"), gold.get("end")
    ps, pe = predicted.get("start"), predicted.get("end")
    if None not in (gs, ge, ps, pe) and text[gs:ge] == gold.get("content", text[gs:ge]):
        inter = max(0, min(ge, pe) - max(gs, ps))
        union = max(ge, pe) - min(gs, ps)
        return inter / union if union else 0.0
    a, b = set(_words(gold.get("content"))), set(_words(predicted.get("content")))
    return len(a & b) / len(a | b) if a | b else 0.0


def speaker_matches(gold: dict, predicted: dict) -> bool:
    gold_names = {_norm(gold.get("speaker")), _norm(gold.get("speaker_canonical"))} - {""}
    pred_names = {_norm(predicted.get("speaker")), _norm(predicted.get("speaker_canonical"))} - {""}
    if gold_names & pred_names or not gold_names and not pred_names:
        return True  # the same name, or both unattributed ('it was reported that ...')
    g, p = _norm(gold.get("speaker")), _norm(predicted.get("speaker"))
    if not g or not p:
        return False
    shorter, longer = sorted((g, p), key=len)
    proper = any(w[:1].isupper() for w in _shorter_original(gold, predicted, shorter).split())
    return f" {shorter} " in f" {longer} " and (len(shorter.split()) >= 2 or proper)


def _shorter_original(gold: dict, predicted: dict, shorter: str) -> str:
    for value in (gold.get("speaker"), predicted.get("speaker")):
        if _norm(value) == shorter:
            return _strip_articles(value or "")
    return ""


def _norm(value: str | None) -> str:
    text = (value or "").replace("’", "'").replace("‘", "'").strip().lower()
    text = _strip_articles(text)
    text = re.sub(r"'s\b", "", text)
    return " ".join(re.sub(r"[^\w]+", " ", text).split())


def _strip_articles(text: str) -> str:
    for article in _ARTICLES:
        if text.lower().startswith(article):
            return text[len(article) :]
    return text


def _words(text: str | None) -> list[str]:
    return re.findall(r"\w+", (text or "").lower())


def _brief(claim: dict) -> dict:
    return {k: claim.get(k) for k in ("speaker", "speaker_canonical", "kind", "cue", "content", "start", "end")}


# ---- events ---------------------------------------------------------------------------

def _alternatives(value: Any) -> list:
    return value if isinstance(value, list) else [value]


def _score_events(record: dict, gold: dict, result: DocumentResult, tally: "_Tally") -> None:
    gold_events = gold.get("events") or []
    new = [e for e in result.events if not e.background]
    tally.counts["gold_events"] += len(gold_events)
    tally.counts["new_events"] += len(new)
    tally.counts["background_flagged"] += sum(1 for e in result.events if e.background)
    used: set[int] = set()
    for g in gold_events:
        best, best_score = None, 0.0
        for i, e in enumerate(new):
            if i in used:
                continue
            score = _event_score(g, e)
            if score > best_score:
                best, best_score = i, score
        if best is None:
            tally.add_error("event missed", record, gold={k: g.get(k) for k in ("id", "sub_event_type", "note")})
            continue
        used.add(best)
        e = new[best]
        tally.counts["events_matched"] += 1
        tally.counts["sub_event_right"] += e.sub_event_type in _alternatives(g.get("sub_event_type"))
        tally.counts["event_type_right"] += e.event_type in _alternatives(g.get("event_type"))
        tally.counts["date_right"] += g.get("event_date") is None or e.event_date == g.get("event_date")
        tally.counts["fatalities_right"] += e.fatalities == g.get("fatalities", 0)
        km = _distance(g, e)
        if km is not None:
            tally.counts["located"] += 1
            tally.counts["location_within_50km"] += km <= LOCATION_KM
    for i, e in enumerate(new):
        if i not in used:
            tally.add_error("event not in gold (background?)", record,
                            predicted={"id": e.id, "sub_event_type": e.sub_event_type, "date": e.event_date, "trigger": e.trigger_text})
    tally.counts["extra_events"] += len(new) - len(used)
    # Casualties: totals over the new events, so counting a death twice shows.
    gold_total = sum(g.get("fatalities", 0) or 0 for g in gold_events)
    pred_total = sum(e.fatalities for e in new)
    tally.counts["fatalities_gold"] += gold_total
    tally.counts["fatalities_predicted"] += pred_total
    tally.counts["fatalities_total_right"] += gold_total == pred_total
    gold_groups: dict[str, int] = {}
    for g in gold_events:
        for group, n in (g.get("casualty_groups") or {}).items():
            gold_groups[group] = gold_groups.get(group, 0) + n
    pred_groups: dict[str, int] = {}
    for e in new:
        for group, n in e.casualties.killed.groups.items():
            pred_groups[group] = pred_groups.get(group, 0) + n
    for group, n in gold_groups.items():
        tally.counts["groups_gold"] += 1
        tally.counts["groups_right"] += pred_groups.get(group, 0) == n
        if pred_groups.get(group, 0) != n:
            tally.add_error("killed group", record, group=group, gold=n, predicted=pred_groups.get(group, 0))
    tally.counts["docs_with_events"] += 1


def _event_score(gold: dict, event) -> float:
    score = 0.0
    if event.sub_event_type in _alternatives(gold.get("sub_event_type")):
        score += 2
    elif event.event_type in _alternatives(gold.get("event_type")):
        score += 1
    else:
        return 0.0
    if gold.get("event_date") and event.event_date == gold.get("event_date"):
        score += 0.5
    km = _distance(gold, event)
    if km is not None:
        score += max(0.0, 1 - km / 200)
    if gold.get("fatalities") is not None and event.fatalities == gold.get("fatalities"):
        score += 0.5
    return score


def _distance(gold: dict, event) -> float | None:
    loc = gold.get("location") or {}
    if loc.get("latitude") is None or event.location is None or event.location.latitude is None:
        return None
    return haversine_km(loc["latitude"], loc["longitude"], event.location.latitude, event.location.longitude)


# ---- places ---------------------------------------------------------------------------

def _must_resolve(notes: str) -> list[tuple[str, list[str]]]:
    """'Places that must resolve: A, B (region), C (written D).' -> [(A, [A]), (C, [C, D]), ...]."""
    match = re.search(r"places that must resolve:\s*(.+?)(?:\.\s|\.?$)", notes, re.I | re.S)
    if not match:
        return []
    items, depth, current = [], 0, ""
    for ch in match.group(1):
        depth += ch == "("
        depth -= ch == ")"
        if ch == "," and depth == 0:
            items.append(current)
            current = ""
        else:
            current += ch
    items.append(current)
    places = []
    for item in items:
        name = re.sub(r"\(.*?\)", "", item).strip().rstrip(".")
        written = re.findall(r"written\s+([^)]+)", item)
        if name:
            places.append((name, [name] + [w.strip() for w in written]))
    return places


def _score_places(record: dict, places: list[tuple[str, list[str]]], result: DocumentResult, tally: "_Tally") -> None:
    for name, forms in places:
        keys = {f.lower() for f in forms}
        ok = any(
            p.latitude is not None and (p.text.lower() in keys or (p.name or "").lower() in keys
                                        or any(k in p.text.lower() or p.text.lower() in k for k in keys))
            for p in result.places
        )
        tally.counts["places_gold"] += 1
        tally.counts["places_resolved"] += ok
        if not ok:
            tally.add_error("place not resolved", record, place=name)


# ---- the report -----------------------------------------------------------------------

class _Tally:
    def __init__(self) -> None:
        from collections import Counter

        self.counts: Counter = Counter()
        self.errors: list[dict] = []

    def add_error(self, kind: str, record: dict, **details: Any) -> None:
        self.errors.append({"kind": kind, "id": record.get("id"), **details})

    def report(self, n: int) -> Report:
        c = self.counts
        metrics: dict[str, float] = {}
        if c["gold_claims"] or c["predicted_claims"]:
            claims = prf(c["claim_tp"], c["claim_fp"], c["claim_fn"])
            content = prf(c["claim_content_tp"], c["claim_content_fp"], c["claim_content_fn"])
            matched = c["claim_content_tp"]
            metrics.update({
                "claims_precision": claims["precision"], "claims_recall": claims["recall"], "claims_f1": claims["f1"],
                "claims_found_right_speaker": c["claim_tp"], "claims_gold": c["gold_claims"], "claims_predicted": c["predicted_claims"],
                "content_f1": content["f1"],
                "speaker_accuracy": ratio(c["speaker_right"], matched),
                "canonical_accuracy": ratio(c["canonical_right"], matched),
                "kind_accuracy": ratio(c["kind_right"], matched),
                "cue_accuracy": ratio(c["cue_right"], matched),
                "span_exact": ratio(c["span_exact"], matched),
            })
        if c["docs_with_events"]:
            metrics.update({
                "events_gold": c["gold_events"], "events_new_predicted": c["new_events"],
                "events_matched": c["events_matched"], "events_extra": c["extra_events"],
                "events_background_flagged": c["background_flagged"],
                "sub_event_accuracy": ratio(c["sub_event_right"], c["events_matched"]),
                "event_date_accuracy": ratio(c["date_right"], c["events_matched"]),
                "location_within_50km": ratio(c["location_within_50km"], c["events_matched"]),
                "event_fatalities_exact": ratio(c["fatalities_right"], c["events_matched"]),
                "fatalities_gold_total": c["fatalities_gold"], "fatalities_predicted_total": c["fatalities_predicted"],
                "killed_groups_right": ratio(c["groups_right"], c["groups_gold"]),
            })
        if c["places_gold"]:
            metrics["places_resolved"] = ratio(c["places_resolved"], c["places_gold"])
        notes = [
            "claims: content Jaccard >= 0.5 and speaker right (normalised speaker or speaker_canonical, see docs/claims.md)",
            "speaker/canonical/kind/cue accuracy are over gold claims whose content was found",
        ]
        return Report(task="seed", dataset="", n=n, metrics=metrics, errors=self.errors, notes=notes)
