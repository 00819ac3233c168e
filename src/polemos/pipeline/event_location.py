"""polemos_event_location: put each event where it happened.

Owner: geoparsing (issue 5). Reads doc._.places, doc._.events,
doc._.event_spans; sets each Event's location.

For each event, the places inside the clauses it was read from (else their
sentences) compete: the most specific place wins (a town over a district over
a province over a country), a locative word before it ('in', 'near', 'at')
counts, and so does closeness to the event's trigger; a place that only says
where another is ('X, Y', 'X in Y', "Y's X"), one far from all the others of its
clauses, and a street named after a place ('Jhelum road') count against. Places
that stand for actors (demonyms, metonyms such as 'Baku said', names inside
organisation names, a country qualifying a noun: 'U.S. troops') never locate an
event. When the event's sentence names no place, the document's focus place
stands in: in a short note (which names its scene once) as precisely as the
place is named, in a longer story more coarsely.

geo_precision follows ACLED: 1 the town itself, or a village the gazetteer lacks
named plainly (put at its district or province, or a division chosen right after
such a name: ACLED's gazetteer has the village), 2 near a town or a part of a
region (a district, 'outside X', 'the area of X', 'X area', 'the X front',
'between A and B', one end of an 'A-B road', 'in Y district, X' with Y unknown),
3 only a province, region or country known; a province-level event is put at the
province's seat, as ACLED puts it at the provincial capital, and so is an unknown
village put in its province. An unknown name put in a division is first tried
as a near spelling of a town lying in that division.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc, Span

from polemos.gazetteer.distance import haversine_km
from polemos.gazetteer.index import (ADMIN1_CODES, ADMIN2_CODES, COUNTRY_CODES, LARGE_REGION_CODES, TOWN_CODES,
                                     Candidate, GazetteerUnavailable, get_gazetteer)
from polemos.gazetteer.names import fold, translit
from polemos.gazetteer.resolve import cities_around
from polemos.model import Event, Location, Place

from .components import NOTE_CHARS, doc_text, read_text
from .geoparser import actor_areas, actor_countries
from .toponyms import cues as toponym_cues

LOCATING_ROLES = ("place", None)
GUESS_SPECIFICITY = 2.5


@lru_cache(maxsize=1)
def _cues() -> dict[str, frozenset[str]]:
    data = json.loads(read_text("event_location_cues.json"))
    return {k: frozenset(v) for k, v in data.items() if isinstance(v, list)}


def specificity(place: Place) -> float:
    code = place.feature_code
    if code is None and place.latitude is not None:
        # a place the gazetteer lacks, put at the town or district named beside it ('Dhirwah area
        # (Mukayras, Al Bayda)'): as near the event as that district, nearer than a province
        return GUESS_SPECIFICITY
    if code in TOWN_CODES:
        return 4.0
    if code in ADMIN2_CODES:
        return 3.0
    if code in ADMIN1_CODES:
        return 2.0
    if code in COUNTRY_CODES:
        return 0.5
    if code is None:
        return 0.0
    return 1.5  # regions, rivers, seas


def geo_precision(place: Place, text: str) -> int:
    code = place.feature_code
    before = text[max(0, place.start - 25):place.start].lower().split()
    near = _named_near(place, text)
    if code in TOWN_CODES:
        return 2 if near or _names_its_division(place, text) or _after_a_district(before) or _around_it(text, place.start, place.end) else 1
    if (code in ADMIN1_CODES or code in ADMIN2_CODES) and _called_a_city(place, text):
        return 1  # 'the city of Zabid', 'Homs city': the division's seat, where the gazetteer has no town of that name
    if code in ADMIN2_CODES or code in ("RGN",) and place.country_code or code in ADMIN1_CODES and _after_a_district(before):
        return 2
    if code is None and place.latitude is not None:
        # a place the gazetteer lacks, put at the town or district named beside it: ACLED, whose gazetteer
        # has the village, codes it as the village, unless the note puts the event only near it or around it
        return 2 if near or _names_its_division(place, text) or _around_it(text, place.start, place.end) else 1
    return 3


def _called_a_city(place: Place, text: str) -> bool:
    """'the city of X', 'X city', 'X town' (data: city_words)."""
    after = text[place.end:place.end + 12].lower().split()[:1]
    before = text[max(0, place.start - 15):place.start].lower().split()[-2:]
    city_words = _cues()["city_words"]
    return bool(after) and after[0].strip(".,;:()") in city_words or len(before) == 2 and before[0] in city_words and before[1] == "of"


# How a country's name hangs on the noun after it when it qualifies it ('U.S. troops', 'a US-led
# coalition', 'Turkey backed factions'), in spaCy's dependency labels.
QUALIFIER_DEPS = ("compound", "nmod", "npadvmod")


def _qualifies_a_noun(doc: Doc, place: Place) -> bool:
    """A country named before a noun it qualifies says whose the troops or the coalition are, not where the
    event was: it stands for an actor, as a demonym does. Its possessive ('Pakistan's largest city') is
    left alone: that is often a place."""
    if place.feature_code not in COUNTRY_CODES or place.role not in LOCATING_ROLES:
        return False
    span = doc.char_span(place.start, place.end, alignment_mode="expand")
    if span is None or not len(span):
        return False
    root = span.root
    return root.dep_ in QUALIFIER_DEPS and root.head.i > root.i


def _without_qualifiers(doc: Doc, places: list[Place]) -> list[Place]:
    """The places, a country qualifying a noun ('U.S. troops') read as the actor it stands for."""
    return [p.model_copy(update={"role": "metonym"}) if _qualifies_a_noun(doc, p) else p for p in places]


def _closes_a_name_with_in(place: Place, text: str) -> bool:
    """'outside the Ministry of Health in Kyiv': a place NER read as the end of an organisation's name,
    after 'in' or 'at', says where the organisation is, and so where its event was. The place must end
    the name: in 'a shooting at Springfield High School' it opens a facility's name, which is no place."""
    before = text[max(0, place.start - 4):place.start].lower().split()
    after = text[place.end:place.end + 30].split()
    ends_the_name = not after or not after[0][:1].isupper()
    return place.role == "embedded" and before[-1:] in (["in"], ["at"]) and ends_the_name


def _named_near(place: Place, text: str) -> bool:
    return _near_before(text, place.start)


def _near_before(text: str, start: int) -> bool:
    """The name at start is named near: 'near X', 'outside X', 'the area of X', 'near the town of X'."""
    before = text[max(0, start - 40):start].lower().split()
    if len(before) > 3 and before[-1] == "of" and before[-2] in toponym_cues()["town_words"] and before[-3] == "the":
        before = before[:-3]  # 'the town of X' is X
    return bool(before) and (before[-1] in _cues()["near_words"] or (len(before) > 1 and before[-2] in _cues()["near_words"])
                             or " ".join(before[-2:]) in _cues()["near_phrases"])


def _around_it(text: str, start: int, end: int) -> bool:
    """'the Uluk area', 'on the Afes front', 'between A and B', 'the A-B road': a name (text[start:end])
    followed by a word for an area around it (data: area_words), one end of a stretch or of a road between
    two places puts the event around the place, not in it (geo_precision 2)."""
    after = text[end:end + 20].lower().split()[:1]
    if after and after[0].strip(".,;:()") in _cues()["area_words"]:
        return True
    clause = re.split(r"[.;:()]", text[max(0, start - BETWEEN_REACH):start])[-1]
    return bool(re.search(r"\bbetween\b", clause, re.IGNORECASE)) or _ends_a_road(text, start, end)


def _ends_a_road(text: str, start: int, end: int) -> bool:
    """'the Damascus-Homs highway', 'the Ambala-Chandigarh road': the place is one end of a road
    named after two places (data: toponym_cues street_words)."""
    streets = toponym_cues()["street_words"]
    if start > 0 and text[start - 1] == "-":
        after = text[end:end + 15].lower().split()[:1]
        return bool(after) and after[0].strip(".,;:") in streets
    rest = re.match(r"-[A-Z][\w'’]*(?: [A-Z][\w'’]*)* (\w+)", text[end:end + 40])
    return bool(rest) and rest.group(1).lower() in streets


# how far back from a place 'between' may open the stretch it ends ('between Balcad and X')
BETWEEN_REACH = 40


# A name the toponym recogniser did not read, right before a division that says where it is: 'in Mandali in
# Diyala province', 'in Badiraguato, Sinaloa', 'the village of Diapaga (Tansarga, Tapoa)'. A word, maybe 'the',
# capitalised words (with Arabic articles inside: 'Bir al Abd'), maybe a town or area word, then ',', '(' or 'in'.
_UNREAD_NAME = re.compile(r"\b(\w+)\s+(?:the\s+)?([A-Z][\w'’-]*(?:\s+(?:al|el|as|ad|ar|at|ash|de|del|la)?\s*[A-Z][\w'’-]*)*)"
                          r"(?:\s+([a-z]+))?\s*(?:,|\(|\bin)\s*$")


def _after_an_unread_name(place: Place, places: list[Place], text: str, precision: int) -> int:
    """precision, or that of the village it names for a division put after a name no place was read in
    ('in Mandali, Diyala province'): the note names a place in the division, which ACLED codes as that
    place (1), or near it (2) when named near it or as an area ('the Ar Rutbah desert in Anbar province').
    The name must follow a locative word ('in', 'at', 'of', data: locative_words) or 'and' ('Manini and
    Komo in Chikun LGA'): 'the Taliban in Kunduz' names who, not where."""
    if place.feature_code not in ADMIN1_CODES and place.feature_code not in ADMIN2_CODES:
        return precision
    m = _UNREAD_NAME.search(text[max(0, place.start - 60):place.start])
    if m is None or not (m.group(1).lower() in _cues()["locative_words"] or m.group(1).lower() == "and"):
        return precision
    word = m.group(3)
    if word and word not in toponym_cues()["town_words"] and word not in _cues()["area_words"]:
        return precision  # 'Azra district, Logar' (_after_a_district), 'Zabid city in western Yemen'
    name_start = place.start - len(text[max(0, place.start - 60):place.start]) + m.start(2)
    if any(q.feature_code is not None and q.start < name_start + len(m.group(2)) and name_start < q.end for q in places):
        return precision  # the name was read as a known place or an actor (a guess is a name the gazetteer lacks)
    return 2 if _near_before(text, name_start) or _around_it(text, name_start, name_start + len(m.group(2))) else 1


def _urban_precision(place: Place, places: list[Place], text: str, precision: int) -> int:
    """precision, or 1 for a district (or a place put at one) inside a city, unless it says 'near': ACLED
    codes an event in a city's district at the city's precision (a district of Kyiv, of Istanbul);
    resolve.cities_around says which districts are a city's."""
    district = place if place.feature_code in ADMIN2_CODES else _division_of_guess(place, places, ADMIN2_CODES)
    if precision != 2 or district is None or _named_near(place, text):
        return precision
    try:
        cities = cities_around(get_gazetteer(), district)
    except GazetteerUnavailable:
        return precision
    inside_a_city = any(not _around(district, t) for t in cities)
    return 1 if inside_a_city else precision


def _around(district: Place, town: Candidate) -> bool:
    """'Harris County' holding Houston, 'Jalandhar' district, 'Amphoe Mueang Chiang Mai': a district that
    holds the city or is named after it is the country around the city, not a district of it."""
    own = fold(district.name or district.text)
    return town.admin2 == district.admin2 or fold(town.name) in own or own in fold(town.name)


def _after_a_district(before: list[str]) -> bool:
    """'in Kharwar district, Logar': the place after the comma only says where a district the gazetteer
    lacks lies, so the event is known to that district, not to the place. before: the words before it."""
    return bool(before) and before[-1].endswith(",") and before[-1].rstrip(",") in _cues()["district_words"]


def _after_a_bearing(before: list[str]) -> bool:
    """'west of X' (X a reference point), not 'the west of X' (a part of X). before: the words before X."""
    return (len(before) > 1 and before[-1] == "of" and before[-2] in _cues()["bearing_words"]
            and (len(before) < 3 or before[-3] != "the"))


# How far before a bearing ('Arhab district north of') the place it is said of may end.
BEARING_REACH = 25


def _place_before(places: list[Place], i: int, text: str) -> bool:
    """A place read just before place i's bearing ('Arhab district north of X'): the event was there, X
    is only its reference point. With none ('the village of Q west of X', Q a village no place was
    read in), X is the nearest place the note gives."""
    if i == 0:
        return False
    bearing = re.search(r"\S+\s+of\s*$", text[:places[i].start])
    gap = text[places[i - 1].end:bearing.start() if bearing else places[i].start]
    return places[i - 1].latitude is not None and len(gap) <= BEARING_REACH and not re.search(r"[.;:()]", gap)


_BRACKETED_ALIAS = re.compile(r"^\s*\([^(),.;]{1,40}\)")


def _names_its_division(place: Place, text: str) -> bool:
    """'in Adraskan district', 'the Uri sector': a town's name followed by a division's word names the
    area around the town, which ACLED codes as near the town (geo_precision 2); so does one after the
    district's other name in brackets ('in Shindand (Sabzevar) district')."""
    rest = _BRACKETED_ALIAS.sub("", text[place.end:place.end + 60], count=1)
    after = [w.strip(".,;:()") for w in rest[:30].lower().split()[:2]]
    if not after or after[0] not in toponym_cues()["admin_suffixes"]:
        return False
    return len(after) < 2 or after[1] not in _cues()["seat_words"]  # 'Gulran district center' is the town


class EventLocator:
    def __call__(self, doc: Doc) -> Doc:
        places = list(doc._.places or [])
        if len(doc_text(doc)) <= NOTE_CHARS:  # in a long story a guess is as often a person ('Grant' as Gantt)
            places = with_variants(places)
        places = with_namesakes_inside(places, doc_text(doc))
        found = self.find(doc, places)
        self.set_annotations(doc, found, places)
        if len(doc_text(doc)) <= NOTE_CHARS:
            at_actors_area(doc, [e for e in doc._.events or [] if e.location is None])
            one_event_per_site(doc, self.find_sites(doc, places, found), places)
        return doc

    def find(self, doc: Doc, places: list[Place] | None = None) -> dict[str, tuple[int, int]]:
        """Event id -> (index of the place in places (default doc._.places), geo_precision)."""
        places = list(doc._.places or []) if places is None else places
        events: list[Event] = list(doc._.events or [])
        if not events or not places:
            return {}
        places = _without_qualifiers(doc, places)
        spans_of: dict = doc._.event_spans or {}
        home = note_country(places, actor_countries(doc)) if len(doc_text(doc)) <= NOTE_CHARS else None
        focus = focus_place(places, home)
        if focus is None:  # the note's country has no place of its own to stand in: any place will
            focus = focus_place(places)
        out: dict[str, tuple[int, int]] = {}
        for event in events:
            regions = self._regions(doc, event, spans_of.get(event.id) or [])
            trigger = event.trigger.start if event.trigger else (regions[0][0] if regions else 0)
            best = self._best_in(doc, places, regions, trigger, home)
            if best is None and regions:  # the clause names none: try its whole sentence
                sentences = [_sentence_of(doc, s, e) for s, e in regions]
                best = self._best_in(doc, places, [r for r in sentences if r], trigger, home)
            if best is not None:
                out[event.id] = (best, _precision(places, best, doc_text(doc)))
            elif focus is not None:
                out[event.id] = (focus, _focus_precision(places[focus], doc_text(doc)))
        return out

    def find_sites(self, doc: Doc, places: list[Place], found: dict[str, tuple[int, int]]) -> dict[str, list[tuple[int, int]]]:
        """Event id -> (place index, geo_precision) of each further site its clauses list beside the one it
        was put at ('clashes on the Raghwan (Marib) and Zabid (Al Hudaydah) fronts'): ACLED codes
        one event a site, each at its own place. Sites at one point make one."""
        text = doc_text(doc)
        places = _without_qualifiers(doc, places)
        home = note_country(places, actor_countries(doc))
        spans_of: dict = doc._.event_spans or {}
        out: dict[str, list[tuple[int, int]]] = {}
        for event in doc._.events or []:
            if event.id not in found or event.background:
                continue
            regions = self._regions(doc, event, spans_of.get(event.id) or [])
            trigger = event.trigger.start if event.trigger else 0
            points = {_point(places[found[event.id][0]])}
            for site in listed_sites(text, places, regions, home):
                best = self._best_in(doc, places, [site], trigger, home)
                if best is not None and _point(places[best]) not in points:
                    points.add(_point(places[best]))
                    out.setdefault(event.id, []).append((best, _precision(places, best, text)))
        return out

    def _regions(self, doc: Doc, event: Event, spans: list[Span]) -> list[tuple[int, int]]:
        regions = [(s.start_char, s.end_char) for s in spans if isinstance(s, Span)]
        if not regions:
            regions = [(e.start, e.end) for e in event.evidence]
        return regions

    def _best_in(self, doc: Doc, places: list[Place], regions: list[tuple[int, int]], trigger: int,
                 home: str | None = None) -> int | None:
        """home: the note's country (note_country), whose places alone can locate its events."""
        text = doc_text(doc)
        best, best_score = None, 0.0
        neighbours = [q for q in places if _in_regions(q, regions) and not _abroad(q, home)]
        for i, p in enumerate(places):
            if not (p.role in LOCATING_ROLES or _closes_a_name_with_in(p, text)) or p.latitude is None:
                continue
            if _abroad(p, home):
                continue  # 'Astara' (Iran) in a note of Lankaran and Masally, Azerbaijan: a namesake abroad
            if not _in_regions(p, regions):
                continue
            score = specificity(p)
            before = text[max(0, p.start - 20):p.start].lower().split()
            if before and (before[-1] in _cues()["locative_words"] or (len(before) > 1 and before[-2] in _cues()["locative_words"] and before[-1] == "the")):
                score += 1.5
            if before and before[-1] in _cues()["origin_words"]:
                score -= 1.0  # 'from X', 'to X': where people came from or went, less often where it happened
            if _after_a_bearing(before) and _place_before(places, i, text):
                score -= BEARING_PENALTY  # 'Arhab district north of Sanaa city': Sanaa is where it was not
            if _names_a_parent(text, places, i, home) or _owns_the_next(text, places, i):
                score -= 3.0  # 'Y' in 'X, Y' / 'X (Y)' / 'X in Y' / "Y's X" only says where X is
            if _isolated(p, neighbours):
                score -= ISOLATED_PENALTY
            if _outside_the_district_named(p, neighbours):
                score -= OUTSIDE_DISTRICT_PENALTY
            if _names_a_street(text, p):
                score -= STREET_PENALTY
            if _one_of_alternatives(text, p):
                score -= ALTERNATIVE_PENALTY
            score -= min(abs(p.start - trigger), 400) / 400.0
            score += (p.score or 1.0) - 1.0
            if score > best_score:
                best, best_score = i, score
        return best

    def set_annotations(self, doc: Doc, found: dict[str, tuple[int, int]], places: list[Place] | None = None) -> None:
        places = list(doc._.places or []) if places is None else places
        for event in doc._.events or []:
            if event.id not in found:
                continue
            index, precision = found[event.id]
            event.location = to_location(places[index], precision, index)
            _at_province_seat(event.location, _division_of_guess(places[index], places, ADMIN1_CODES) is not None)


def _precision(places: list[Place], best: int, text: str) -> int:
    precision = _after_an_unread_name(places[best], places, text, geo_precision(places[best], text))
    return _urban_precision(places[best], places, text, precision)


def _point(place: Place) -> tuple:
    return round(place.latitude, 3), round(place.longitude, 3)


# What ends one listed site and opens the next: ')' closing the last one's division and/or ',', 'and',
# 'as well as', maybe 'in', 'at', 'on', 'the', and maybe a name no place was read in whose division opens
# in brackets, maybe with its district no place was read in either ('A (X, Y), Wadi B (Z, Y) and C (C, Y)').
# A bare ',' does not: 'Lysychansk, Luhansk'.
_SITE_NAME = r"[A-Z][\w'’-]*(?:\s+(?:al|el|as|ad|ar|at|ash|de|del|la)?\s*[A-Z][\w'’-]*)*"
_SITE_BREAK = re.compile(rf"^\)?\s*(?:,\s*)?(?:(?:and|as well as)\s+)?(?:(?:in|at|on|the)\s+)*(?:{_SITE_NAME}\s*\(\s*(?:{_SITE_NAME}\s*,\s*)?)?$")


def listed_sites(text: str, places: list[Place], regions: list[tuple[int, int]], home: str | None) -> list[tuple[int, int]]:
    """The stretches of text naming each site a list in the regions names ('the Raghwan (Marib), Zabid
    (Al Hudaydah) and Bayhan fronts'): a site is a place with the places that only say where it is. None unless
    there are two or more; none in a stretch between two places ('between A and B (C, D)'), which is one site."""
    usable = [i for i, p in enumerate(places) if _in_regions(p, regions) and p.latitude is not None
              and p.role in LOCATING_ROLES and not _abroad(p, home)]
    sites: list[list[int]] = []
    for i in usable:
        gap = text[places[sites[-1][-1]].end:places[i].start] if sites else ""
        new_site = not sites or (_SITE_BREAK.match(gap) is not None and (")" in gap or re.search(r"\band\b|\bas well as\b", gap))
                                 and not _names_a_parent(text, places, i, home))
        if new_site:
            sites.append([i])
        else:
            sites[-1].append(i)
    if len(sites) < 2 or any(_around_it(text, places[s[0]].start, places[s[0]].end) and "between" in
                             text[max(0, places[s[0]].start - BETWEEN_REACH):places[s[0]].start].lower() for s in sites):
        return []
    return [(places[s[0]].start, places[s[-1]].end) for s in sites]


def one_event_per_site(doc: Doc, sites: dict[str, list[tuple[int, int]]], places: list[Place]) -> None:
    """Each event with further sites (EventLocator.find_sites) is followed by a copy put at each: the same
    type, actors and date, told of another place. The note's toll stays with the first, the copies counting
    none, so that a sum over events counts the dead once. The events are then numbered in order."""
    if not sites:
        return
    spans_of: dict = doc._.event_spans or {}
    events, spans = [], {}
    for event in doc._.events or []:
        copies = [event]
        for index, precision in sites.get(event.id, []):
            copy = event.model_copy(deep=True, update={"fatalities": 0, "injured": 0, "arrested": 0})
            copy.casualties = type(event.casualties)()
            copy.location = to_location(places[index], precision, index)
            _at_province_seat(copy.location, _division_of_guess(places[index], places, ADMIN1_CODES) is not None)
            copies.append(copy)
        for copy in copies:
            spans[f"e{len(events) + 1}"] = spans_of.get(event.id, [])
            copy.id = f"e{len(events) + 1}"
            events.append(copy)
    doc._.events, doc._.event_spans = events, spans


def at_actors_area(doc: Doc, events: list[Event]) -> None:
    """'the OSCE SMM observed 57 explosions near Semyhiria', a village the gazetteer lacks, in a note
    that names no other place: the events are put at the seat of the main division where the note's
    actors operate (the first data/actor_areas.tsv lists for them; geo_precision 3), as ACLED codes
    an event known only to its province."""
    if not events:
        return
    areas = actor_areas(doc)
    if not areas:
        return
    country_code, admin1 = areas[0]
    try:
        country = get_gazetteer().country(country_code)
    except GazetteerUnavailable:
        return
    province = Location(name=admin1, country=country.name if country else None, country_code=country_code,
                        admin1=admin1, geo_precision=3, feature_code="ADM1")
    if not _at_province_seat(province):
        return  # no seat known: the events stay unplaced rather than at no point
    for event in events:
        event.location = province.model_copy()


def _focus_precision(place: Place, text: str) -> int:
    """geo_precision of an event put at the document's focus place. In a note (ACLED's notes name the
    scene once, at the start: 'On 4 May, in X, Y, ... Two men died.') the focus place is where all of it
    happened, as precise as where it is named; in a longer story the focus is only the story's main place."""
    own = geo_precision(place, text)
    if len(text) <= NOTE_CHARS:
        return own
    return max(2, own) if place.feature_code in TOWN_CODES else 3


def to_location(place: Place, precision: int, index: int | None = None) -> Location:
    return Location(
        name=place.name or place.text, latitude=place.latitude, longitude=place.longitude, geonameid=place.geonameid,
        country=place.country, country_code=place.country_code, admin1=place.admin1, admin2=place.admin2,
        geo_precision=precision, feature_code=place.feature_code, place_index=index,
    )


def _at_province_seat(location: Location, guessed: bool = False) -> bool:
    """An event known only to a province goes to the province's seat, not the middle of its map:
    ACLED codes such events at the provincial capital (geo_precision 3), and the centroid of a
    large province can lie 100 km and more from any town. So does an unknown village put in its
    province (guessed): the seat is likelier near it than the province's centre. Whether it was moved."""
    if location.feature_code not in ADMIN1_CODES and not guessed:
        return False
    try:
        seat = get_gazetteer().admin1_seat(location.country_code, location.admin1)
    except GazetteerUnavailable:
        return False
    if seat is None:
        return False
    location.latitude, location.longitude = round(seat.latitude, 5), round(seat.longitude, 5)
    return True


def _division_of_guess(place: Place, places: list[Place], codes: frozenset[str]) -> Place | None:
    """The division (of `codes`) named in the note at whose point a guess stands: a guess is a place
    the gazetteer lacks (no feature code), put where the division it was named in is."""
    if place.feature_code is not None or place.latitude is None:
        return None
    return next((p for p in places if p.feature_code in codes
                 and (p.latitude, p.longitude) == (place.latitude, place.longitude)), None)


# How like the text a place's name must be (rapidfuzz, 0-100) to be read as its spelling variant, and how
# near the division the guess stands in it must lie, by the division's level. Not beside a town:
# 'Chechen rebels ... near Grozny' would read 'Chechen' as the village Chechen-Aul.
VARIANT_SCORE = 85.0
VARIANT_KM = {"province": 150.0, "district": 60.0}


def _variant_beside(place: Place, places: list[Place]) -> Candidate | None:
    """A name the gazetteer lacks ('Bhojipura, Bareilly') read as a near spelling of a town inside the place
    it was put beside: a misspelling is likelier than an unknown village only where a town of nearly
    that name lies, and looking only there keeps far lookalikes out."""
    anchor = _division_of_guess(place, places, ADMIN1_CODES | ADMIN2_CODES)
    if anchor is None:
        return None
    try:
        found = get_gazetteer().fuzzy(place.text, cutoff=VARIANT_SCORE, limit=10) + _spelt_alike_in(place.text, anchor)
    except GazetteerUnavailable:
        return None
    radius = VARIANT_KM["province" if anchor.feature_code in ADMIN1_CODES else "district"]
    near = [c for c in found if c.feature_code in TOWN_CODES and c.country_code == anchor.country_code
            and haversine_km(c.latitude, c.longitude, anchor.latitude, anchor.longitude) < radius]
    return max(near, key=lambda c: (c.fuzzy, c.population), default=None)


def _spelt_alike_in(text: str, division: Place) -> list[Candidate]:
    """The towns of the division whose names, spaces and hyphens aside, are near spellings of `text`
    ('Mirpurkhas' for Mirpur Khas): the gazetteer's fuzzy search looks at the whole world and keeps
    only its best few, which a name of that division may not be among."""
    from rapidfuzz import fuzz

    key = _compact(text)
    if len(key) < 5:
        return []
    out = []
    for c in get_gazetteer().towns_in(division.country_code, division.admin1):
        score = fuzz.ratio(key, _compact(c.name))
        if score >= VARIANT_SCORE:
            c.fuzzy = score
            out.append(c)
    return out


def _compact(name: str) -> str:
    return translit(fold(name)).replace(" ", "").replace("-", "")


def with_variants(places: list[Place]) -> list[Place]:
    """The places, each guess that is a near spelling of a town of its division read as that town
    (_variant_beside): the town then competes as the place it is, not as a guess."""
    out = []
    for p in places:
        c = _variant_beside(p, places)
        out.append(p if c is None else p.model_copy(update=dict(
            name=c.name, latitude=round(c.latitude, 5), longitude=round(c.longitude, 5), geonameid=c.geonameid,
            feature_code=c.feature_code, admin2=c.admin2,
            population=c.population or None, score=round(c.fuzzy / 100.0, 2))))
    return out


def with_namesakes_inside(places: list[Place], text: str) -> list[Place]:
    """The places, each town read outside the division named right after it ('Santa Maria, Bulacan' read
    as the Santa Maria of the next province) read as its namesake inside that division, where the
    gazetteer has one: the note says which of the namesakes it means."""
    out = list(places)
    for i in range(len(places) - 1):
        c = _namesake_inside(places[i], places[i + 1], text)
        if c is not None:
            out[i] = places[i].model_copy(update=dict(
                name=c.name, latitude=round(c.latitude, 5), longitude=round(c.longitude, 5), geonameid=c.geonameid,
                feature_code=c.feature_code, admin1=c.admin1, admin2=c.admin2, population=c.population or None))
    return out


def _namesake_inside(town: Place, division: Place, text: str) -> Candidate | None:
    """The largest town of town's name inside division, if town, named just before it (', ' or ' ('),
    lies outside it. A town bearing its district's name stands for the district. Only main names count:
    a town known also by the name (an old name, a quarter's) is no surer than the town the resolver chose."""
    if town.feature_code not in TOWN_CODES or town.latitude is None or town.country_code != division.country_code:
        return None
    if text[town.end:division.start].strip() not in (",", "(") or division.role not in LOCATING_ROLES:
        return None
    if division.feature_code in ADMIN1_CODES:
        level = "admin1"
    elif division.admin2 and (division.feature_code in ADMIN2_CODES or division.name and fold(division.name) in fold(division.admin2)):
        level = "admin2"
    else:
        return None
    if not getattr(division, level) or getattr(town, level) == getattr(division, level):
        return None
    try:
        found = get_gazetteer().lookup(town.text, fuzzy=False)
    except GazetteerUnavailable:
        return None
    inside = [c for c in found if c.feature_code in TOWN_CODES and c.country_code == town.country_code
              and getattr(c, level) == getattr(division, level) and not c.alternate]
    return max(inside, key=lambda c: c.population, default=None)


def focus_place(places: list[Place], home: str | None = None) -> int | None:
    """The document's main place: the most specific place named most often (first mention wins ties),
    in the note's country (home) when it has one."""
    usable = [(i, p) for i, p in enumerate(places) if p.role in LOCATING_ROLES and p.latitude is not None
              and not _abroad(p, home)]
    if not usable:
        return None
    counts = Counter((p.name, p.country_code) for _, p in usable)
    # Mentions of a country also vote for its places; the most specific well-attested place wins.
    country_votes = Counter(p.country_code for _, p in usable)
    best = max(usable, key=lambda ip: (specificity(ip[1]) * 0.6 + counts[(ip[1].name, ip[1].country_code)]
                                       + 0.3 * country_votes[ip[1].country_code], -ip[0]))
    return best[0]


# How much a demonym ('Sri Lankan police') or a country's name counts towards the note's country,
# against a place's 1: who acted is a hint of where, but forces act abroad ('Turkish forces shelled
# Tall Refaat', 'Turkey backed factions').
DEMONYM_COUNTRY_VOTE = 0.5
# A division or a country named says more of where a note is than a town of that name abroad does
# ('Akkar' against 'el Aioun', a town in Morocco).
DIVISION_COUNTRY_VOTE = 1.5


def note_country(places: list[Place], actors: list[str] = ()) -> str | None:
    """The one country that the note's places point into more than into any other, if there is one.
    Each mention of a place votes, a country or a people once; guesses (places the gazetteer lacks,
    put beside another) do not; each armed group of one country named (actors: their ISO2 codes,
    geoparser.actor_countries) votes as a place ('Taliban militants ... in Islamabad area of
    Alishing district, Laghman')."""
    votes: Counter = Counter(actors)
    peoples: set[str] = set()
    for p in places:
        if not p.country_code or p.latitude is None:
            continue
        if p.role == "demonym" or p.feature_code in COUNTRY_CODES:
            # 'Turkey backed factions': a country named is often an actor; and a people named again
            # and again ('Palestinians from the Burj al Barajneh camp in Beirut') says who, not where
            if p.country_code not in peoples:
                peoples.add(p.country_code)
                votes[p.country_code] += DEMONYM_COUNTRY_VOTE
        elif p.role in LOCATING_ROLES and p.feature_code is not None:
            divisional = p.feature_code in ADMIN1_CODES or p.feature_code in ADMIN2_CODES
            votes[p.country_code] += DIVISION_COUNTRY_VOTE if divisional else 1.0
    ranked = votes.most_common(2)
    if not ranked or (len(ranked) > 1 and ranked[1][1] >= ranked[0][1]):
        return None
    return ranked[0][0]


def _abroad(place: Place, home: str | None) -> bool:
    return bool(home) and bool(place.country_code) and place.country_code != home


def _names_a_parent(text: str, places: list[Place], i: int, home: str | None = None) -> bool:
    """Place i follows another place after a comma or an opening bracket ('Kurakhove, Donetsk'), or
    after 'in'/'of' when it contains that place ('Menbij in Aleppo', 'the Palu district of Elazig').
    A child put abroad (outside home) is no better known than an unknown one: the parent is where it is."""
    if i == 0:
        return False
    child, gap_start = places[i - 1], places[i - 1].end
    if _wider(child, places[i]):
        # 'Bayt al Faqih district in western Yemen (Al Hudaydah)': the brackets say where the place before the country is
        if i < 2 or child.start - places[i - 2].end > COUNTRY_ASIDE_CHARS:
            return False
        child = places[i - 2]
    if _abroad(child, home):
        return False
    gap = text[gap_start:places[i].start]
    division = re.match(r"\s*([A-Za-z-]+)", gap)
    if division and division.group(1).lower() in toponym_cues()["admin_suffixes"]:
        gap = gap[division.end():]  # 'Bassa LGA, Plateau', 'Andar district, Ghazni'
    if child.latitude is None or not gap:
        return False
    if len(gap) > 8:
        # 'Kafr Nabl and its surroundings in Idleb': words of the same phrase, then 'in' the place that holds it
        # ('Jhelum road in Lahore' is a street of Lahore, which is where it was)
        return _qualified_then_in(gap) and _contains(places[i], child) and not _names_a_street(text, child)
    if gap.strip() in (",", "(", ", ("):
        return True
    return gap.strip().lower() in ("in", "of", "in the", "of the") and _contains(places[i], child)


_POSSESSIVE_GAP = re.compile(r"^['’]s\s+(?:[a-z-]+\s+)?$")


# How far from the town that owns it ("Miami's Little Havana") a place may lie: not a namesake elsewhere.
OWNED_KM = 50.0


def _owns_the_next(text: str, places: list[Place], i: int) -> bool:
    """Place i owns the place right after it, which lies in it: "Miami's Little Havana neighborhood",
    "China's southern Guangdong province". The possessor only says where the other is."""
    if i + 1 >= len(places):
        return False
    here, after = places[i], places[i + 1]
    if not _POSSESSIVE_GAP.match(text[here.end:after.start]) or after.latitude is None or after.role not in LOCATING_ROLES:
        return False
    if here.feature_code in COUNTRY_CODES:
        return here.country_code == after.country_code
    near = here.feature_code not in TOWN_CODES or haversine_km(here.latitude, here.longitude, after.latitude, after.longitude) <= OWNED_KM
    return _same_division(here, after) and near


# How long the words between a place and the 'in Y' that holds it may run ('and its vicinity in').
QUALIFIER_CHARS = 30


def _qualified_then_in(gap: str) -> bool:
    """The gap is lower-case words of one phrase, without punctuation, ending in 'in' or 'in the'."""
    words = gap.split()
    if len(gap) > QUALIFIER_CHARS or not words or any(not w.isalpha() or not w.islower() for w in words):
        return False
    return words[-1] == "in" or words[-2:] == ["in", "the"]


# How far before a country ('X district in western Yemen (Y)') the place its bracket describes may end.
COUNTRY_ASIDE_CHARS = 25


def _wider(child: Place, parent: Place) -> bool:
    """A country before a division ('in western Yemen (Zabid, Al Hudaydah)'): the brackets say where the
    town named before the country is, not where the country is."""
    return child.feature_code in COUNTRY_CODES and parent.feature_code not in COUNTRY_CODES


def _contains(parent: Place, child: Place) -> bool:
    """The parent is the child's province or district, or a larger town of its province."""
    if child.feature_code is None:
        return False  # a guess put at its neighbour ('the North Zone of Rio de Janeiro') is no child of it
    if parent.country_code != child.country_code or not child.admin1 or parent.admin1 != child.admin1:
        return False
    if parent.feature_code in ADMIN1_CODES:
        return child.feature_code not in ADMIN1_CODES
    if parent.feature_code in ADMIN2_CODES:
        return child.admin2 == parent.admin2 and child.feature_code not in ADMIN2_CODES
    return parent.feature_code in TOWN_CODES and child.feature_code not in ADMIN1_CODES and (parent.population or 0) > (child.population or 0)


# How much a place after a bearing ('west of X') loses: more than the locative 'of' gave it.
BEARING_PENALTY = 3.0
# How much a place far from all the others in the event's clauses loses: a same-named village in
# another province ('Colonia' in a note about a Mexican city) more often than the event's place.
ISOLATED_PENALTY = 2.0
ISOLATED_KM = 150.0
# 'on Jhelum road', 'in Bolivar square': a street or square named after a place is not that place. More
# than a locative and a town's rank over a district give: a capital's namesake street in another city
# ('in Capital Street, in the north of the city (X district, Y)') lost to the district at 2.5.
STREET_PENALTY = 4.0


# 'in Balkh province (either in X or Y districts)': either place loses more than a locative and a
# district's rank over a province give, so that the province named beside them wins.
ALTERNATIVE_PENALTY = 3.0
# how far back from a place the word opening the choice may stand ('either in A, B or C')
ALTERNATIVE_REACH = 60


def _one_of_alternatives(text: str, place: Place) -> bool:
    """The place is one of a choice the note leaves open: 'either (in) A or (in) B'. The words opening
    the choice (data: alternative_words) stand before it in the same clause."""
    before = text[max(0, place.start - ALTERNATIVE_REACH):place.start]
    return bool(_alternative_pattern().search(before))


@lru_cache(maxsize=1)
def _alternative_pattern() -> re.Pattern:
    opener = "|".join(map(re.escape, sorted(_cues()["alternative_words"])))
    lead = r"(?:(?:in|at|near|the)\s+)*"
    # A right after the opener, or B after an 'or' with no clause break since the opener
    return re.compile(rf"\b(?:{opener})\s+{lead}(?:[^.;:()]*\bor\s+{lead})?$", re.IGNORECASE)


def _isolated(place: Place, neighbours: list[Place]) -> bool:
    """The place lies over ISOLATED_KM from every other point place of its clauses (there being
    some) and in another first-level division than each."""
    others = [q for q in neighbours if q is not place and q.latitude is not None and q.role in LOCATING_ROLES
              and q.feature_code not in COUNTRY_CODES and q.feature_code not in LARGE_REGION_CODES
              and (q.name, q.country_code) != (place.name, place.country_code)]
    if not others or place.feature_code in COUNTRY_CODES or place.feature_code in LARGE_REGION_CODES:
        return False
    return not any(_same_division(place, q) or haversine_km(place.latitude, place.longitude, q.latitude, q.longitude) <= ISOLATED_KM
                   for q in others)


# A town of the province, but outside the district its clauses name and this far from the district's seat
# ('in X municipality, Y, residents of Z village', Z read as a namesake in another municipality), loses
# this much: the district is where the event was.
OUTSIDE_DISTRICT_PENALTY = 2.0
OUTSIDE_DISTRICT_KM = 25.0


def _outside_the_district_named(place: Place, neighbours: list[Place]) -> bool:
    if place.feature_code not in TOWN_CODES or not place.admin2:
        return False
    return any(q.feature_code in ADMIN2_CODES and q.role in LOCATING_ROLES and _same_division(place, q)
               and q.admin2 != place.admin2
               and haversine_km(place.latitude, place.longitude, q.latitude, q.longitude) > OUTSIDE_DISTRICT_KM
               for q in neighbours)


def _same_division(a: Place, b: Place) -> bool:
    return bool(a.admin1) and (a.country_code, a.admin1) == (b.country_code, b.admin1)


def _names_a_street(text: str, place: Place) -> bool:
    """'Jhelum road', 'Bolivar square'; not 'the Ambala-Chandigarh road', which runs between two places."""
    after = text[place.end:place.end + 15].lower().split()
    between = place.start > 0 and text[place.start - 1] == "-"
    return bool(after) and after[0].strip(".,;") in toponym_cues()["street_words"] and not between


def _in_regions(place: Place, regions: list[tuple[int, int]]) -> bool:
    return any(s <= place.start and place.end <= e for s, e in regions)


def _sentence_of(doc: Doc, start: int, end: int) -> tuple[int, int] | None:
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    sent = span[0].sent
    return sent.start_char, sent.end_char


@Language.factory("polemos_event_location")
def make_event_location(nlp: Language, name: str) -> EventLocator:
    return EventLocator()
