"""Shape store records for the event page: highlighted article text, claims by speaker.

Nothing here produces HTML: the templates escape every piece of text, so an
article that contains markup is shown as text, never run.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Iterable


@dataclass(frozen=True)
class Segment:
    text: str
    evidence: bool = False
    claim: bool = False


def _clamp_spans(spans: Iterable[tuple[int, int]], length: int) -> list[tuple[int, int]]:
    clean = []
    for start, end in spans:
        try:
            start, end = max(0, int(start)), min(length, int(end))
        except (TypeError, ValueError):
            continue
        if start < end:
            clean.append((start, end))
    return clean


def highlight(text: str, evidence: Iterable[tuple[int, int]], claims: Iterable[tuple[int, int]] = ()) -> list[Segment]:
    """Cut `text` at every span boundary; each piece knows if it is evidence and/or a claim."""
    if not text:
        return []
    ev = _clamp_spans(evidence, len(text))
    cl = _clamp_spans(claims, len(text))
    cuts = sorted({0, len(text), *(p for span in ev + cl for p in span)})
    segments: list[Segment] = []
    for start, end in zip(cuts, cuts[1:]):
        in_ev = any(s <= start and end <= e for s, e in ev)
        in_cl = any(s <= start and end <= e for s, e in cl)
        if segments and segments[-1].evidence == in_ev and segments[-1].claim == in_cl:
            segments[-1] = Segment(segments[-1].text + text[start:end], in_ev, in_cl)
        else:
            segments.append(Segment(text[start:end], in_ev, in_cl))
    return segments


def group_by_speaker(claims: list[dict[str, Any]], doc_titles: dict[str, str]) -> list[dict[str, Any]]:
    """Claims grouped under their speaker (canonical party first), largest group first."""
    groups: dict[str, dict[str, Any]] = {}
    for claim in claims:
        speaker = claim.get("speaker") or "unknown"
        key = (claim.get("speaker_canonical") or speaker).casefold()
        group = groups.setdefault(key, {"speaker": speaker, "canonical": claim.get("speaker_canonical"), "claims": []})
        group["claims"].append({**claim, "doc_title": doc_titles.get(claim.get("doc_id", ""), "")})
    return sorted(groups.values(), key=lambda g: (-len(g["claims"]), g["speaker"].casefold()))


def location_text(location: dict[str, Any] | None) -> str | None:
    if not location:
        return None
    parts = [location.get("name"), location.get("admin1"), location.get("country")]
    seen: list[str] = []
    for part in parts:
        if part and part not in seen:
            seen.append(part)
    where = ", ".join(seen)
    lat, lon = location.get("latitude"), location.get("longitude")
    if lat is not None and lon is not None:
        where += f" ({lat:.4f}, {lon:.4f})"
    precision = location.get("geo_precision")
    if precision:
        where += f" · precision {precision}"
    return where


def casualty_text(casualties: dict[str, Any] | None) -> str | None:
    """'killed 4–6 (civilians 2, police 2); injured 12' from the breakdown, or None."""
    if not casualties:
        return None
    parts = []
    for kind in ("killed", "injured", "arrested", "abducted"):
        count = casualties.get(kind) or {}
        low, high = count.get("low", 0), count.get("high", 0)
        if not (low or high):
            continue
        figure = f"{low}" if low == high or not high else f"{low}–{high}"
        groups = ", ".join(f"{g} {n}" for g, n in (count.get("groups") or {}).items())
        parts.append(f"{kind} {figure}" + (f" ({groups})" if groups else ""))
    return "; ".join(parts) or None


def change_text(before: Any, after: Any) -> str:
    """A short before → after of the fields a review action changed."""
    if isinstance(before, dict) and isinstance(after, dict):
        # `overrides` restates the edited fields themselves: leave it out.
        keys = [k for k in after if k != "overrides" and before.get(k) != after.get(k)] or [k for k in after if k != "overrides"]
        lines = [f"{k}: {_short(before.get(k))} → {_short(after.get(k))}" for k in keys[:12]]
        return "\n".join(lines)
    if after is None and before is None:
        return ""
    return f"{_short(before)} → {_short(after)}"


def _short(value: Any, limit: int = 80) -> str:
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= limit else text[: limit - 1] + "…"
