"""polemos_event_location: put each event where it happened.

Owner: geoparsing (issue 5). Reads doc._.places, doc._.events,
doc._.event_spans; sets each Event's location.

For each event, the places inside the clauses it was read from (else their
sentences) compete: the most specific place wins (a town over a district over
a province over a country), a locative word before it ('in', 'near', 'at')
counts, and so does closeness to the event's trigger. Places that stand for
actors (demonyms, metonyms such as 'Baku said', names inside organisation
names) never locate an event. When the event's sentence names no place, the
document's focus place stands in, with a coarser geo_precision.

geo_precision follows ACLED: 1 the town itself, 2 near a town or a part of a
region (a district, 'outside X'), 3 only a province, region or country known.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc, Span

from polemos.gazetteer.index import ADMIN1_CODES, ADMIN2_CODES, COUNTRY_CODES, TOWN_CODES
from polemos.model import Event, Location, Place

from .components import doc_text, read_text
from .toponyms import cues as toponym_cues

LOCATING_ROLES = ("place", None)


@lru_cache(maxsize=1)
def _cues() -> dict[str, frozenset[str]]:
    data = json.loads(read_text("event_location_cues.json"))
    return {k: frozenset(v) for k, v in data.items() if isinstance(v, list)}


def specificity(place: Place) -> float:
    code = place.feature_code
    if code in TOWN_CODES:
        return 4.0
    if code in ADMIN2_CODES:
        return 3.0
    if code in ADMIN1_CODES:
        return 2.0
    if code in COUNTRY_CODES:
        return 0.5
    if code is None:
        return 1.0 if place.latitude is not None else 0.0
    return 1.5  # regions, rivers, seas


def geo_precision(place: Place, text: str) -> int:
    code = place.feature_code
    before = text[max(0, place.start - 25):place.start].lower().split()
    near = bool(before) and (before[-1] in _cues()["near_words"] or (len(before) > 1 and before[-2] in _cues()["near_words"]))
    if code in TOWN_CODES:
        return 2 if near else 1
    if code in ADMIN2_CODES or code in ("RGN",) and place.country_code:
        return 2
    return 3


class EventLocator:
    def __call__(self, doc: Doc) -> Doc:
        found = self.find(doc)
        self.set_annotations(doc, found)
        return doc

    def find(self, doc: Doc) -> dict[str, tuple[int, int]]:
        """Event id -> (index of the place in doc._.places, geo_precision)."""
        places: list[Place] = list(doc._.places or [])
        events: list[Event] = list(doc._.events or [])
        if not events or not places:
            return {}
        spans_of: dict = doc._.event_spans or {}
        focus = focus_place(places)
        out: dict[str, tuple[int, int]] = {}
        for event in events:
            regions = self._regions(doc, event, spans_of.get(event.id) or [])
            trigger = event.trigger.start if event.trigger else (regions[0][0] if regions else 0)
            best = self._best_in(doc, places, regions, trigger)
            if best is None and regions:  # the clause names none: try its whole sentence
                sentences = [_sentence_of(doc, s, e) for s, e in regions]
                best = self._best_in(doc, places, [r for r in sentences if r], trigger)
            if best is not None:
                out[event.id] = (best, geo_precision(places[best], doc_text(doc)))
            elif focus is not None:
                p = places[focus]
                out[event.id] = (focus, max(2, geo_precision(p, doc_text(doc))) if p.feature_code in TOWN_CODES else 3)
        return out

    def _regions(self, doc: Doc, event: Event, spans: list[Span]) -> list[tuple[int, int]]:
        regions = [(s.start_char, s.end_char) for s in spans if isinstance(s, Span)]
        if not regions:
            regions = [(e.start, e.end) for e in event.evidence]
        return regions

    def _best_in(self, doc: Doc, places: list[Place], regions: list[tuple[int, int]], trigger: int) -> int | None:
        best, best_score = None, 0.0
        for i, p in enumerate(places):
            if p.role not in LOCATING_ROLES or p.latitude is None:
                continue
            if not any(s <= p.start and p.end <= e for s, e in regions):
                continue
            score = specificity(p)
            before = doc_text(doc)[max(0, p.start - 20):p.start].lower().split()
            if before and (before[-1] in _cues()["locative_words"] or (len(before) > 1 and before[-2] in _cues()["locative_words"] and before[-1] == "the")):
                score += 1.5
            if before and before[-1] in _cues()["origin_words"]:
                score -= 1.0  # 'from X', 'to X': where people came from or went, less often where it happened
            if _names_a_parent(doc_text(doc), places, i):
                score -= 3.0  # 'Y' in 'X, Y' / 'X (Y)' only says where X is
            score -= min(abs(p.start - trigger), 400) / 400.0
            score += (p.score or 1.0) - 1.0
            if score > best_score:
                best, best_score = i, score
        return best

    def set_annotations(self, doc: Doc, found: dict[str, tuple[int, int]]) -> None:
        places: list[Place] = list(doc._.places or [])
        for event in doc._.events or []:
            if event.id not in found:
                continue
            index, precision = found[event.id]
            event.location = to_location(places[index], precision, index)


def to_location(place: Place, precision: int, index: int | None = None) -> Location:
    return Location(
        name=place.name or place.text, latitude=place.latitude, longitude=place.longitude, geonameid=place.geonameid,
        country=place.country, country_code=place.country_code, admin1=place.admin1, admin2=place.admin2,
        geo_precision=precision, feature_code=place.feature_code, place_index=index,
    )


def focus_place(places: list[Place]) -> int | None:
    """The document's main place: the most specific place named most often (first mention wins ties)."""
    usable = [(i, p) for i, p in enumerate(places) if p.role in LOCATING_ROLES and p.latitude is not None]
    if not usable:
        return None
    counts = Counter((p.name, p.country_code) for _, p in usable)
    # Mentions of a country also vote for its places; the most specific well-attested place wins.
    country_votes = Counter(p.country_code for _, p in usable)
    best = max(usable, key=lambda ip: (specificity(ip[1]) * 0.6 + counts[(ip[1].name, ip[1].country_code)]
                                       + 0.3 * country_votes[ip[1].country_code], -ip[0]))
    return best[0]


def _names_a_parent(text: str, places: list[Place], i: int) -> bool:
    """Place i follows another place after a comma or an opening bracket ('Slavne, Donetsk')."""
    if i == 0:
        return False
    gap = text[places[i - 1].end:places[i].start]
    division = re.match(r"\s*([A-Za-z-]+)", gap)
    if division and division.group(1).lower() in toponym_cues()["admin_suffixes"]:
        gap = gap[division.end():]  # 'Bassa LGA, Plateau', 'Andar district, Ghazni'
    return bool(gap) and len(gap) <= 4 and gap.strip() in (",", "(", ", (") and places[i - 1].latitude is not None


def _sentence_of(doc: Doc, start: int, end: int) -> tuple[int, int] | None:
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    sent = span[0].sent
    return sent.start_char, sent.end_char


@Language.factory("polemos_event_location")
def make_event_location(nlp: Language, name: str) -> EventLocator:
    return EventLocator()
