"""Which reports describe the same real-world event.

A new report (one document's event) is compared with the canonical events
that could be the same event: a compatible type family, dates within their
precision, locations within a distance that depends on their precision, the
same country, no conflicting actors. Among those that pass these gates, the
one whose reports read most alike (weighted overlap of distinctive words of
the title, lead and evidence sentences; names weigh more) and agree on more
fields wins, if its score clears the threshold; otherwise the report starts a
new canonical event.

Everything here is pure (no database): the store hands in plain values.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from collections.abc import Callable
from functools import lru_cache

from polemos.gazetteer.distance import haversine_km
from polemos.model import parse_iso_date as _parse_iso_date

# Type families: reports of one event are often typed differently by different
# outlets (a shelling that killed civilians is "Explosions" to one and
# "Violence against civilians" to another), but never a protest and a battle.
TYPE_FAMILY = {
    "Battles": "violence",
    "Explosions/Remote violence": "violence",
    "Violence against civilians": "violence",
    "Protests": "demonstration",
    "Riots": "demonstration",
    "Strategic developments": "strategic",
}
# Arrests and looting are coded as strategic developments but are often the
# same incident as a riot or an attack seen from another side.
BRIDGING_SUB_TYPES = {"Arrests", "Looting/property destruction"}


@dataclass
class LinkOptions:
    # Days two dates may differ, by the coarser of their time precisions (ACLED: 1 day, 2 week, 3 month).
    date_window_days: dict[int, int] = field(default_factory=lambda: {1: 1, 2: 7, 3: 31})
    # Kilometres two locations may lie apart, by the coarser of their geo precisions.
    distance_km: dict[int, float] = field(default_factory=lambda: {1: 30.0, 2: 60.0, 3: 250.0})
    # A link needs score >= threshold, where score = text similarity (TF-IDF cosine)
    # plus bonuses for agreeing fields; and at least min_text of word overlap.
    threshold: float = 0.20
    min_text: float = 0.03
    # Without a date on one side the words alone must agree this much.
    undated_threshold: float = 0.30
    same_date_bonus: float = 0.12
    near_date_bonus: float = 0.06
    same_place_bonus: float = 0.12
    same_place_km: float = 10.0
    # Places that disagree still link when the words agree this much: geocoding
    # errors are common, and two reports naming the same victims and streets
    # are one event. Dates are never overridden.
    place_conflict_text: float = 0.20
    # ... and a place the geocoder put in another country ('Whitehaven' in England for the Memphis
    # neighbourhood, 'Augusta' as Augsburg) on more: only within each precision's date window.
    country_conflict_text: float = 0.30
    # Dates that disagree still link, within date_conflict_days, when the words
    # agree this much: follow-up reports (funerals, arrests, court hearings) and
    # relative dates resolved from a later publication date put one incident on
    # different days, but they name the same victims, suspects and streets.
    # Beyond date_conflict_days nothing overrides a date.
    date_conflict_text: float = 0.35
    date_conflict_days: int = 60
    # ... and within close_conflict_days (a weekday or 'yesterday' resolved a few days off, a
    # follow-up dated the day it was written) on weaker agreement.
    close_conflict_text: float = 0.20
    close_conflict_days: int = 7
    # Places that disagree but lie within regional_km (one state, one region: a suburb geocoded
    # to the nearby city, a victim's home town) still link on the same day on weaker agreement.
    regional_km: float = 250.0
    regional_place_text: float = 0.12
    # A canonical event's main report at a far-off place vetoes a new report unless they share
    # this much of their words (or the same day and counts): a misplaced report of the event must
    # not turn away its other reports, nor let in another incident at its wrong place.
    place_veto_text: float = 0.10
    # ... or this much for a main report within regional_km on a compatible date: a victim's home
    # town or the hospital's city as another outlet's place of the event.
    regional_veto_text: float = 0.05
    # A same-day or near-date pair more than distance_km[1] apart (or with a place unknown) gets this
    # much less of its date bonus: many shootings share a day within one state.
    far_date_discount: float = 0.03
    # A date this many days before (or on) its document's publication date may
    # have been resolved from a weekday ('on Saturday') or be the publication
    # date itself: uncertain enough for strong words to overrule.
    uncertain_date_days: int = 7
    max_candidates: int = 300
    # Reports whose documents name the same key person (a full name written with an
    # age: a victim or a suspect, see key_names) are one incident across any dates and
    # places extraction gives them (trials, funerals, arrests weeks or years later),
    # up to names_max_days apart; the words must still overlap (min_text).
    names_bonus: float = 0.25
    # Dates that disagree (within date_conflict_days, the later one uncertain as for
    # date_conflict_text) also link for reports of the same place giving the same non-zero
    # killed and injured, on weaker word agreement: a follow-up repeats the counts.
    same_counts_text: float = 0.15
    # Two documents' main events (each document's first) are more likely one event than a
    # main event and another article's side event (an earlier incident it recalls).
    main_bonus: float = 0.10
    names_max_days: int = 1100


@dataclass
class ReportFeatures:
    """What linking needs of one report."""

    event_type: str
    sub_event_type: str
    event_date: str | None
    time_precision: int
    latitude: float | None
    longitude: float | None
    geo_precision: int | None
    country_code: str | None
    actor1: str | None
    actor2: str | None
    fatalities: int
    signature: str  # from make_signature
    doc_key: int | None = None  # which document (reports of one document never merge with each other)
    location_name: str | None = None
    published: str | None = None  # the document's publication date
    vector: dict[str, float] | None = None  # TF-IDF of the signature (see tfidf_vector), when the store has statistics
    names: frozenset[str] = frozenset()  # the document's key people: full names written with an age (person_names)
    people: frozenset[str] = frozenset()  # every full name of a person the document writes (names among them)
    main: bool = False  # the document's first event (its headline event)
    injured: int = 0


# Reports are compared with hundreds of others: parse each date and signature once.
_date = lru_cache(maxsize=100_000)(_parse_iso_date)


# ---- words -----------------------------------------------------------------------------------

_WORD = re.compile(r"[A-Za-z][A-Za-z'’\-]+|\d{2,}")
_SENT_START = re.compile(r"(^|[.!?]\s+|\n)\s*$")


@lru_cache(maxsize=1)
def _stop_words() -> frozenset[str]:
    from spacy.lang.en.stop_words import STOP_WORDS

    extra = {
        "said", "says", "told", "according", "news", "police", "reported", "report", "reports", "update",
        "updated", "posted", "pm", "am", "est", "edt", "cdt", "pdt", "mst", "cst", "monday", "tuesday",
        "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february", "march", "april",
        "may", "june", "july", "august", "september", "october", "november", "december", "year", "years",
        "old", "people", "man", "woman", "men", "women", "killed", "shot", "shooting", "dead", "injured",
        "wounded", "attack", "city", "county", "state", "copyright", "rights", "reserved", "click",
        "share", "facebook", "twitter", "email", "comments", "video", "photo", "read", "more",
    }
    return frozenset(STOP_WORDS) | frozenset(extra)


# make_signature reads this much of a text.
SIGNATURE_CHARS = 2500


def make_signature(text: str, max_chars: int = SIGNATURE_CHARS) -> str:
    """Distinctive words of a report, lower-cased; names (capitalised mid-sentence) marked with '*'.

    Stored with the report so linking never re-reads documents.
    """
    stop = _stop_words()
    words: dict[str, bool] = {}
    text = text[:max_chars]
    for match in _WORD.finditer(text):
        raw = match.group(0).strip("'’-")
        word = raw.lower().replace("’", "'")
        if len(word) < 3 or word in stop:
            continue
        is_name = raw[:1].isupper() and not _SENT_START.search(text[max(0, match.start() - 3):match.start()])
        words[word] = words.get(word, False) or is_name or word.isdigit()
    return " ".join(f"{w}*" if name else w for w, name in words.items())


@lru_cache(maxsize=50_000)
def _weights(signature: str) -> dict[str, float]:
    """Weight of each word of a signature (names 3). Cached: callers must not change the dict."""
    out = {}
    for token in signature.split():
        if token.endswith("*"):
            out[token[:-1]] = 3.0
        else:
            out.setdefault(token, 1.0)
    return out


def signature_terms(signature: str) -> set[str]:
    return {t.rstrip("*") for t in signature.split()}


def tfidf_vector(signature: str, idf: Callable[[str], float]) -> dict[str, float]:
    """Unit-length TF-IDF vector of a signature (names weigh three times)."""
    weights = {t: w * idf(t) for t, w in _weights(signature).items()}
    norm = math.sqrt(sum(v * v for v in weights.values())) or 1.0
    return {t: v / norm for t, v in weights.items()}


def cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b[t] for t, v in a.items() if t in b)


def idf_function(df: dict[str, int], n_documents: int) -> Callable[[str], float]:
    """Smoothed inverse document frequency from the store's term statistics."""
    n = max(n_documents, 1)
    count, log = df.get, math.log  # bound once: called for every word of every candidate

    def idf(term: str) -> float:
        return log((n + 1) / (count(term, 0) + 1)) + 1.0

    return idf


def report_similarity(a: ReportFeatures, b: ReportFeatures) -> float:
    if a.vector is not None and b.vector is not None:
        return cosine(a.vector, b.vector)
    return text_similarity(a.signature, b.signature)


def text_similarity(a: str, b: str) -> float:
    """Weighted Jaccard of two signatures (0..1); shared names count three times."""
    wa, wb = _weights(a), _weights(b)
    if not wa or not wb:
        return 0.0
    shared = sum(max(wa[t], wb[t]) for t in wa.keys() & wb.keys())
    union = sum(wa.values()) + sum(wb.values()) - shared
    return shared / union if union else 0.0


# ---- key people -----------------------------------------------------------------------------

# A name followed by an age ("Jane Doe, 23," / "Jane Doe (23)") or after one ("a 23-year-old named
# Jane Doe"): news writes ages for victims and suspects, rarely for officials, reporters or witnesses,
# whose names recur across unrelated incidents.
_AGE_AFTER = re.compile(r"^['’]?s?\s*(?:,\s*(?:age\s*)?\d{1,2}\b|\(\d{1,2}\))")
_AGE_BEFORE = re.compile(r"\b\d{1,2}-year-old\s+(?:[a-z]+\s+){0,2}$")


def person_names(text: str, entities) -> dict[str, bool]:
    """Full names (two words or more) of the people a text names, lower-cased: True for those it gives an age.

    `entities`: the document's named entities (Entity objects or their dicts); only PERSON ones count.
    """
    out: dict[str, bool] = {}
    for ent in entities:
        get = ent.get if isinstance(ent, dict) else lambda k, e=ent: getattr(e, k, None)
        name = " ".join(str(get("text") or "").split())
        if get("label") != "PERSON" or len(name.split()) < 2:
            continue
        start, end = int(get("start") or 0), int(get("end") or 0)
        aged = bool(_AGE_AFTER.match(text[end:end + 12]) or _AGE_BEFORE.search(text[max(0, start - 40):start]))
        key = name_key(name)
        if key is None:
            continue
        out[key] = out.get(key, False) or aged
    for name in aged_names(text):
        key = name_key(name)
        if key is not None:
            out[key] = True
    return out


# Names written with an age that NER leaves out ('5-year-old Noelle Shawver', 'Major Howard, 3,'):
# capitalised words (on one line) right after 'N-year-old' or right before ', N,' / ' (N)', or set
# off by commas after it ('the 1-year-old girl, Malia Grant, died': closed by a comma, so
# 'a 25-year-old woman, Sheriff Ann Lee said' is not one).
_CAPITALISED = r"[A-Z][A-Za-z'’\-]+"
_NAME_WORDS = rf"{_CAPITALISED}(?: (?:[A-Z]\.|{_CAPITALISED})){{1,3}}(?:,? (?:Jr|Sr)\.?| II| III)?"
_AGED_NAME = re.compile(
    rf"\b\d{{1,2}}-year-old (?:[a-z]+ ){{0,2}}(?P<after>{_NAME_WORDS})(?P<next> [a-z]+)?"
    rf"|\b\d{{1,2}}-year-old(?: [a-z]+){{0,2}}, (?P<appositive>{_NAME_WORDS})(?=,)"
    rf"|(?P<before>{_NAME_WORDS})(?:,\s*(?:age\s*)?\d{{1,2}},|\s*\(\d{{1,2}}\))")


@lru_cache(maxsize=1)
def _name_words() -> dict[str, frozenset[str]]:
    import tomllib

    from polemos.pipeline.components import read_text

    return {key: frozenset(values) for key, values in tomllib.loads(read_text("person_names.toml")).items()}


def aged_names(text: str) -> list[str]:
    """Names the text writes with an age, found by their pattern alone (see _AGED_NAME), places left out."""
    words = _name_words()
    out = []
    for m in _AGED_NAME.finditer(text):
        name = m.group("after") or m.group("appositive") or m.group("before")
        while name.split(" ", 1)[0].lower() in _stop_words():  # a capitalised sentence opening: 'And Ramon Burnett, 5,'
            name = name.split(" ", 1)[1] if " " in name else ""
        if (m.group("next") or "").strip() in words["not_followed_by"]:
            continue
        if not name or name.split()[-1].lower().strip(".,") in words["not_last"]:
            continue
        out.append(name)
    return out


# Suffixes of a personal name that one outlet writes and another leaves out.
_NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
_NAME_TOKEN = re.compile(r"[a-z][a-z'’\-]*")


@lru_cache(maxsize=1)
def _titles() -> frozenset[str]:
    """Titles written before a name ('Superintendent', 'Det.'), shared with the claims component's speaker names."""
    from polemos.pipeline.parties import claims_config

    return frozenset(claims_config()["speakers"]["titles"])


@lru_cache(maxsize=50_000)
def name_key(name: str) -> str | None:
    """A person's name as first and last name, lower-cased; None when it is not a full name.

    Outlets write one victim as 'Christopher D. Head', 'Christopher Duran Head' and
    'Christopher Head', and NER spans take in titles ('Superintendent Michael Harrison'),
    trailing ages ('Tory Carlson,18') or places ('Travon Manuel of Lafayette'): only the
    first and last words of the name itself are compared.
    """
    name = re.split(r"[,(/\d]|\s+of\s+", name.lower(), maxsplit=1)[0]
    name = re.sub(r"['’]s\b", "", name)
    words = [w for w in (m.group(0).strip("'’-") for m in _NAME_TOKEN.finditer(name)) if w]
    titles = _titles()
    while words and words[0] in titles:
        words.pop(0)
    while words and words[-1] in _NAME_SUFFIXES:
        words.pop()
    if len(words) < 2 or len(words[0]) < 2 or len(words[-1]) < 2:
        return None
    return f"{words[0]} {words[-1]}".replace("'", "").replace("’", "")[:200]


def shares_names(a: ReportFeatures, b: ReportFeatures) -> bool:
    """A key person of one (named with an age) is named by the other: a victim or suspect both write about."""
    return bool((a.names and b.people and a.names & b.people) or (a.people and b.names and a.people & b.names))


def _named_match(a: ReportFeatures, b: ReportFeatures, options: LinkOptions) -> bool:
    """The same key person, the same country, dates not too far apart: one incident across dates and places."""
    if not shares_names(a, b):
        return False
    if countries_differ(a, b) and dates_compatible(a, b, options) is not True:
        return False  # a geocoder's wrong country is overruled by the name and the date together, not the name alone
    da, db = _date(a.event_date), _date(b.event_date)
    return da is None or db is None or abs((da - db).days) <= options.names_max_days


# ---- gates -----------------------------------------------------------------------------------

def dates_compatible(a: ReportFeatures, b: ReportFeatures, options: LinkOptions) -> bool | None:
    """True/False when both dates are known, None when one is missing."""
    da, db = _date(a.event_date), _date(b.event_date)
    if da is None or db is None:
        return None
    precision = max(a.time_precision or 1, b.time_precision or 1)
    if precision >= 3:
        return abs((da.year * 12 + da.month) - (db.year * 12 + db.month)) <= 1 and abs((da - db).days) <= options.date_window_days[3]
    return abs((da - db).days) <= options.date_window_days.get(precision, 1)


def dates_near(a: ReportFeatures, b: ReportFeatures, options: LinkOptions) -> bool:
    """Dates that disagree but may still be one event, if the words agree strongly.

    The later-dated report's date must be uncertain: on or up to a week before its
    own publication date (a date resolved from 'yesterday'/'on Saturday', or
    the publication date itself when the text gave none; a follow-up article
    about a funeral or an arrest gets such a date), with the earlier date
    before that publication, and both no more than date_conflict_days apart.
    Two dates written out in the text, days before publication, never link.
    """
    da, db = _date(a.event_date), _date(b.event_date)
    if da is None or db is None or abs((da - db).days) > options.date_conflict_days:
        return False
    later, earlier = (a, db) if da > db else (b, da)
    published = _date(later.published)
    if published is None:
        return False
    later_date = _date(later.event_date)
    return 0 <= (published - later_date).days <= options.uncertain_date_days and earlier <= published


def distance_between(a: ReportFeatures, b: ReportFeatures) -> float | None:
    if None in (a.latitude, a.longitude, b.latitude, b.longitude):
        return None
    return haversine_km(a.latitude, a.longitude, b.latitude, b.longitude)


def countries_differ(a: ReportFeatures, b: ReportFeatures) -> bool:
    return bool(a.country_code and b.country_code and a.country_code.upper() != b.country_code.upper())


def places_compatible(a: ReportFeatures, b: ReportFeatures, options: LinkOptions) -> bool | None:
    if countries_differ(a, b):
        return False
    km = distance_between(a, b)
    if km is None:
        return None
    precision = max(a.geo_precision or 3, b.geo_precision or 3)
    return km <= options.distance_km.get(precision, 250.0)


def types_compatible(a: ReportFeatures, b: ReportFeatures) -> bool:
    fa, fb = TYPE_FAMILY.get(a.event_type), TYPE_FAMILY.get(b.event_type)
    if fa == fb:
        return True
    return a.sub_event_type in BRIDGING_SUB_TYPES or b.sub_event_type in BRIDGING_SUB_TYPES


@lru_cache(maxsize=20_000)
def _norm_actor(name: str | None) -> str:
    return re.sub(r"\s*\(.*?\)", "", (name or "").lower()).strip()


def actors_compatible(a: ReportFeatures, b: ReportFeatures) -> bool:
    """Actors conflict only when both sides name both actors, swapped or different, with no overlap."""
    pa = {_norm_actor(a.actor1), _norm_actor(a.actor2)} - {""}
    pb = {_norm_actor(b.actor1), _norm_actor(b.actor2)} - {""}
    if len(pa) < 2 or len(pb) < 2:
        return True
    return bool(pa & pb)


# ---- scoring ---------------------------------------------------------------------------------

def pair_score(a: ReportFeatures, b: ReportFeatures, options: LinkOptions) -> float:
    """How likely two reports are the same event (0 when a gate fails or the words barely overlap).

    Text similarity (TF-IDF cosine of title, lead and evidence) plus bonuses
    for the same date and the same place: two reports that agree on when and
    where need fewer words in common than two that only share a date.
    """
    if a.doc_key is not None and a.doc_key == b.doc_key:
        return 0.0
    if not types_compatible(a, b) or not actors_compatible(a, b):
        return 0.0
    if _named_match(a, b, options):
        text = report_similarity(a, b)
        return min(text + options.names_bonus, 1.0) if text >= options.min_text else 0.0
    same_date = dates_compatible(a, b, options)
    same_place = places_compatible(a, b, options)
    text = report_similarity(a, b)
    if text < options.min_text:
        return 0.0
    if same_date is False:
        if countries_differ(a, b):
            return 0.0  # another country's place is overruled only within the date window
        if _same_counts_and_place(a, b, options) and text >= options.same_counts_text:
            return min(text + options.same_place_bonus + 0.04, 1.0)
        # Only strong word agreement within the bounded window overrules the dates.
        if text < _date_conflict_text(a, b, options) or not dates_near(a, b, options):
            return 0.0
        if same_place is False and text < max(_place_conflict_text(a, b, options), _date_conflict_text(a, b, options)):
            return 0.0
        return text
    if same_place is False:
        if text < _place_conflict_text(a, b, options):
            return 0.0
        same_place = None
    if same_date is None:
        # Without a date on one side, a match needs more words in common.
        return text if text >= options.undated_threshold else 0.0
    score = text + (options.same_date_bonus if a.event_date == b.event_date else options.near_date_bonus)
    km = distance_between(a, b) if same_place is not None else None
    if km is None or km > options.distance_km[1]:
        score -= options.far_date_discount  # one day, but a region apart: many shootings share a day in a state
    if km is not None and km <= options.same_place_km:
        score += options.same_place_bonus
    elif a.location_name and b.location_name and a.location_name.lower() == b.location_name.lower():
        score += options.same_place_bonus / 2
    if a.sub_event_type == b.sub_event_type:
        score += 0.03
    if a.fatalities and a.fatalities == b.fatalities:
        score += 0.04
    return min(score, 1.0)


def _main_bonus(a: ReportFeatures, b: ReportFeatures, options: LinkOptions) -> float:
    return options.main_bonus if a.main and b.main else 0.0


def best_match(report: ReportFeatures, candidates: dict[int, list[ReportFeatures]], options: LinkOptions) -> tuple[int | None, float]:
    """The canonical event (key of `candidates`) this report belongs to, and its score; (None, best) if none.

    A report must pass every gate against every report of the canonical event
    (so one far-off or misplaced report cannot be a bridge), and its score is
    the best against any of them.
    """
    best_key, best_score, best_rank = None, 0.0, 0.0
    for key, reports in candidates.items():
        # A key person shared with one report vouches for the event's dates and places.
        named = any(_named_match(report, o, options) for o in reports)
        if any(_conflict(report, o, options, named) for o in _gating_reports(reports)):
            continue
        score, rank = _event_score(report, reports, options)
        if score >= options.threshold and rank > best_rank:
            best_key, best_score, best_rank = key, score, rank
    return best_key, best_score


def _gating_reports(reports: list[ReportFeatures]) -> list[ReportFeatures]:
    """The reports of a canonical event a new report must agree with: its main events, if any."""
    mains = [o for o in reports if o.main]
    return mains or reports


def _event_score(report: ReportFeatures, reports: list[ReportFeatures], options: LinkOptions) -> tuple[float, float]:
    """(score, rank) of a canonical event for a report: its best pair score, and that plus the main-event bonus.

    The bonus only ranks events that clear the threshold on their own: it picks
    the other article's main event over a side event, never makes a link.
    """
    best = (0.0, 0.0)
    for other in reports:
        score = pair_score(report, other, options)
        best = max(best, (score, score + _main_bonus(report, other, options)), key=lambda pair: pair[1])
    return best


def gates_pass(report: ReportFeatures, reports: list[ReportFeatures], options: LinkOptions) -> bool:
    """Whether a canonical event with these reports may take the report: no hard gate against any of them.

    A key person shared with one of its reports vouches for the event's dates (see _named_match).
    """
    named = any(_named_match(report, o, options) for o in reports)
    return not any(hard_conflict(report, o, options) and not (named and not _type_or_actor_conflict(report, o))
                   for o in reports)


def _type_or_actor_conflict(a: ReportFeatures, b: ReportFeatures) -> bool:
    return (a.doc_key is not None and a.doc_key == b.doc_key) or not types_compatible(a, b) or not actors_compatible(a, b)


def _conflict(a: ReportFeatures, b: ReportFeatures, options: LinkOptions, named: bool) -> bool:
    """A gate keeps these two apart; `named`: the event shares a key person with `a` (dates and places may differ)."""
    if named:
        return _type_or_actor_conflict(a, b)
    return hard_conflict(a, b, options) or _place_conflict(a, b, options) or _date_conflict(a, b, options)


def _place_conflict(a: ReportFeatures, b: ReportFeatures, options: LinkOptions) -> bool:
    """Places too far apart, and too few words in common (or the same day and counts) to overrule them.

    The same day and the same non-zero killed and injured say one incident whatever the geocoder
    made of either place; a report that only shares a place with a misplaced report does not.
    """
    if places_compatible(a, b, options) is not False:
        return False
    veto = options.regional_veto_text if _regional(a, b, options) else options.place_veto_text
    return report_similarity(a, b) < veto and not _same_day_and_counts(a, b)


def _same_day_and_counts(a: ReportFeatures, b: ReportFeatures) -> bool:
    return (a.event_date is not None and a.event_date == b.event_date and bool(a.fatalities or a.injured)
            and (a.fatalities, a.injured) == (b.fatalities, b.injured))


def _date_conflict(a: ReportFeatures, b: ReportFeatures, options: LinkOptions) -> bool:
    """Dates outside the window, and too few words in common to overrule them."""
    if dates_compatible(a, b, options) is not False:
        return False
    text = report_similarity(a, b)
    if _same_counts_and_place(a, b, options):
        return text < options.same_counts_text
    return text < _date_conflict_text(a, b, options)


def _date_conflict_text(a: ReportFeatures, b: ReportFeatures, options: LinkOptions) -> float:
    """Word agreement that overrules dates that disagree: less for dates a few days apart."""
    da, db = _date(a.event_date), _date(b.event_date)
    close = da is not None and db is not None and abs((da - db).days) <= options.close_conflict_days
    return options.close_conflict_text if close else options.date_conflict_text


def _place_conflict_text(a: ReportFeatures, b: ReportFeatures, options: LinkOptions) -> float:
    """Word agreement that overrules places that disagree: less for reports of compatible dates from one region,
    more for places in different countries."""
    if countries_differ(a, b):
        return options.country_conflict_text
    return options.regional_place_text if _regional(a, b, options) else options.place_conflict_text


def _regional(a: ReportFeatures, b: ReportFeatures, options: LinkOptions) -> bool:
    """Places within regional_km (one state, one region) and compatible dates."""
    km = distance_between(a, b)
    return km is not None and km <= options.regional_km and dates_compatible(a, b, options) is True


def _same_counts_and_place(a: ReportFeatures, b: ReportFeatures, options: LinkOptions) -> bool:
    """The same non-zero killed and injured, at the same place, and the later date uncertain (see dates_near)."""
    if not (a.fatalities or a.injured) or (a.fatalities, a.injured) != (b.fatalities, b.injured):
        return False
    if not dates_near(a, b, options):
        return False
    km = distance_between(a, b)
    if km is not None and km <= options.same_place_km:
        return True
    return bool(a.location_name and b.location_name and a.location_name.lower() == b.location_name.lower())


def hard_conflict(a: ReportFeatures, b: ReportFeatures, options: LinkOptions) -> bool:
    """A gate (not just low similarity) keeps these two apart.

    A place conflict is not one, nor dates within date_conflict_days: strong
    word agreement may overrule those (see pair_score).
    """
    if _type_or_actor_conflict(a, b):
        return True
    if _named_match(a, b, options):
        return False  # a key person both name vouches for the dates
    return (dates_compatible(a, b, options) is False and not dates_near(a, b, options)
            and not _same_counts_and_place(a, b, options))
