"""Resolve toponym mentions of one document to gazetteer places, with context.

Each candidate is scored by a population prior and its feature type, then by
the document's context: its country focus, an explicit parent (`Andar,
Ghazni` or `Andar district, Ghazni province`), an administrative suffix, and
closeness to the other places the document names. Pure Python: the spaCy
component and `polemos geoparse` both call `resolve_mentions`.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from polemos.model import Place

from .build import toponym_cues, bare_division_name
from .distance import haversine_km
from .index import (ADMIN1_CODES, ADMIN2_CODES, COUNTRY_CODES, LARGE_REGION_CODES, Candidate, Gazetteer,
                    get_gazetteer)
from .names import fold

# Words inside a facility's or organisation's name that are places somewhere but say nothing here.
GENERIC_WORDS = frozenset("""
north south east west northern southern eastern western central centre center middle upper lower new old
great little valley park lake river mount hill city town village county state national royal saint st
university college school academy hospital church street avenue road house hotel club centre market
international federal general high elementary union trade world golf village home court office
""".split())

@lru_cache(maxsize=1)
def institution_words() -> frozenset[str]:
    """'College', 'University': a city named last, after one ('Balliol College Oxford', 'University
    of Nairobi'), is where the institution is."""
    return frozenset(toponym_cues()["institution_words"])


@lru_cache(maxsize=1)
def street_words() -> frozenset[str]:
    """'Street', 'Ave.': a place named just before one inside a name is the street's namesake
    ('200 Georgia St.', 'Kingston Avenue'), not where the street is."""
    return frozenset(toponym_cues()["street_words"])


# Compass words: a name made only of these ('West', 'Southern', 'North-East') is a division's name
# in some countries (Cameroon's West, Bahrain's Southern) but in news mostly a direction or a bloc.
DIRECTION_WORDS = frozenset("""
north south east west northern southern eastern western central northeast northwest southeast southwest
north-east north-west south-east south-west northeastern northwestern southeastern southwestern
""".split())


def is_direction_name(name: str) -> bool:
    words = name.lower().replace("-", " ").split()
    if len(words) > 1 and words[-1] == "coast":
        words = words[:-1]  # 'West Coast', 'East Coast': a country's seaboard far more often than a division
    return bool(words) and all(w in DIRECTION_WORDS for w in words)


# Population-like prior for divisions, which the packaged data gives no population.
ADMIN1_PRIOR = 6.0
ADMIN2_PRIOR = 4.8
# what 'X town', 'X city' give a town reading of X (and a district of X that holds no town of its name)
TOWN_HINT = 2.0
COUNTRY_BONUS = 3.0
FOCUS_WEIGHT = 3.0
PARENT_BONUS = 5.0
# 'Dansadau (Maru LGA, Zamfara)', 'Miango (Bassa, Plateau)': a village inside a bracketed division of
# that name is the hierarchy such notes write, and outweighs the prior of a country elsewhere.
DIVISION_PARENT_BONUS = 3.0
# 'Benito Juarez, Nuevo Leon': when the parent's name is also a division, the village of that name
# that happens to lie near a namesake of the child is the weaker reading.
TOWN_PARENT_PENALTY = 3.0
# 'Georgia, Ohio, Pennsylvania': the items of a list share their level and country, so the
# state of Georgia, not the country, beside Ohio
SIBLING_BONUS = 2.0
# an item of a list of first-level divisions or countries ('Oregon, Idaho and Washington') is one too,
# not a namesake city elsewhere; enough to outweigh a large city's prior
LIST_BONUS = 4.0
LIST_JOINS = ("and", "or", ", and", ", or", "&")  # what stands between two items of a list: 'X and Y', 'X, or Y'
NEAR_KM = 250.0
# 'Bramley' in a Leeds story: of namesakes all within a few hundred km, the one beside the
# story's other places (a local story names places a town apart)
CLOSE_KM = 50.0
CLOSE_BONUS = 2.5
# 'near Mykolaivka' in a report whose other places are in Zaporizhzhia oblast: of same-named villages, the
# one in the first-level division the document's other places (or a division it names) are in.
ADMIN1_WEIGHT = 4.0
ADMIN1_MIN_SHARE = 0.5  # only a clear majority of the other places makes a division focus
# 'the OSCE SMM recorded explosions near Novoselivka': with no division focus from the places named, each
# division where an actor named operates (data/actor_areas.tsv) counts as this share of the places
ACTOR_AREA_SHARE = 1.0
# a name with a reading this large is a city's, which a division focus must not move ('Louisville');
# below it, a township of 74,000 (Shelby, Michigan) does not stop 'Shelby' in a Montana story
VILLAGE_NAME_MAX_POPULATION = 100_000
SEAT_KM = 10.0  # a district's point is its seat: a town this near it is in it
# of two readings otherwise alike (GeoNames gives Punjab's two Sahiwals one population), the town that
# is the seat of the district of its name (Sahiwal District): too small to outweigh anything else
SEAT_TIE = 0.01
SPELLING_VARIANT_SCORE = 90.0  # a candidate's fuzzy score from here up is a transliteration variant, not a near spelling
STRAY_TOWN_POPULATION = 50_000  # towns smaller than this must lie near the document's other places
STRAY_TOWN_KM = 300.0
DEMONYM_VOTE = 0.25  # how much a demonym counts towards the document's country focus
# How much a named armed group or state force tied to one country ('Houthi forces') counts towards
# the focus: who fights is a strong hint of where, when a place name exists in several countries.
ACTOR_VOTE = 1.0
# how far from their country's centre and capital armed groups still act (across its borders); a village
# named bare that lies farther is a namesake, where no place the document names is in another country
ACTOR_REACH_KM = 1500.0
EMBEDDED_CONTEXT = 0.5  # how much closeness to the document's other places counts for a place inside an organisation's name
# 'Nassau County' in a story that names Hempstead: the county (of two) that holds a town the story names
COUNTY_TOWN_BONUS = 2.0
NEIGHBOUR_CHARS = 200  # about a sentence: how far in the text an unknown name looks for a place beside it


@dataclass
class Mention:
    text: str
    start: int
    end: int
    name: str | None = None  # the name to look up when it differs from text ("Ghazni" of "Ghazni province")
    admin_hint: str | None = None  # 'admin' after a division word, 'town' after city/town/village, 'division' after 'the state of'
    parent: int | None = None  # index of a mention that names the enclosing place ("X, Y")
    bracketed: bool = False  # the parent is given in brackets ('X (Z, Y)'), as locators write it
    located_in: int | None = None  # index of the mention after 'in'/'at' ('X Hospital in Y'): where an unknown X is
    joined: int | None = None  # index of the mention after 'and'/'or' ('X and Y'): the next item of a list
    role: str = "place"  # place | demonym | metonym
    fuzzy: bool = False  # allow fuzzy look-up (capitalised word in location context)
    street: bool = False  # the text names a street after it ('Bourbon and Dauphine streets'): not the namesake town
    part: bool = False  # the text calls it a part of a town ('Campo Grande neighborhood'): in the town the text names
    facility: bool = False  # a site's word follows it ('the Lisboa school', 'Nairobi camp'): the site may be a namesake's
    forced: Candidate | None = None  # already resolved (demonyms)
    candidates: list[Candidate] = field(default_factory=list)

    @property
    def folded_name(self) -> str:
        """The name looked up, folded: what the mentions of one name share."""
        return fold(self.name or self.text)


def _prior(c: Candidate) -> float:
    if c.feature_code in COUNTRY_CODES:
        score = math.log10(c.population + 10) + COUNTRY_BONUS
    elif c.feature_code in ADMIN1_CODES:
        score = ADMIN1_PRIOR
    elif c.feature_code in ADMIN2_CODES:
        score = ADMIN2_PRIOR
    else:
        score = math.log10(c.population + 10)
        if c.feature_code == "PPLC":
            score += 1.0
    if c.alternate:
        score -= 0.7
    if c.fuzzy:
        score -= 1.0 + (100.0 - c.fuzzy) / 5.0
    return score


# A second-level division whose point lies this near a city of this size in its province is a district
# of that city (a quarter of Istanbul, of Kyiv), which news calls a town and ACLED codes as one.
URBAN_DISTRICT_KM = 10.0
CITY_POPULATION = 100_000


def cities_around(gaz: Gazetteer, district: Candidate | Place) -> list[Candidate]:
    """The cities of the district's first-level division within URBAN_DISTRICT_KM of its point."""
    return [t for t in gaz.towns_in(district.country_code, district.admin1, CITY_POPULATION)
            if _distance_km(t, district) <= URBAN_DISTRICT_KM]


@lru_cache(maxsize=100_000)
def _names_its_district(town: str, admin2: str) -> bool:
    """The town bears its district's name ('Sahiwal' of Sahiwal District): most often its seat."""
    key, district = fold(town), fold(admin2)
    return fold(bare_division_name(admin2)) == key or district.startswith(key + " ")  # 'Gediz Ilcesi'


def _is_point(c: Candidate) -> bool:
    return c.feature_code not in COUNTRY_CODES and c.feature_code not in LARGE_REGION_CODES


def _distance_km(a: Candidate | Place, b: Candidate | Place) -> float:
    return haversine_km(a.latitude, a.longitude, b.latitude, b.longitude)


def _same_named_town(c: Candidate, cands: list[Candidate]) -> bool:
    """A division that shares its name with a town of its country (Ghazni, Aleppo, Baku): one near its
    point, or one inside it (the build moves a division geocoded on its namesake city off it). A
    second-level division's namesake must lie inside it (`_in_district`)."""
    return any(o.is_town and o.country_code == c.country_code and (_distance_km(o, c) < 150 or _seat_of(o, c))
               and _in_district(o, c) for o in cands)


def _in_district(town: Candidate, division: Candidate) -> bool:
    """Whether the town lies in the division, when that is a second-level one (always true of a first-level
    division). Its own seat does; a village of its name in a neighbouring district does not, and then
    the bare name is the district: 'Kadikoy, Istanbul' is Istanbul's Kadikoy district, not a village of
    Silivri 60 km off. A division that does not say which towns it holds (a countrystatecity one, with
    no admin2) holds any; a town on the division's point is its seat, whatever district it is filed under."""
    if division.feature_code not in ADMIN2_CODES or not division.admin2 or town.admin2 == division.admin2:
        return True
    return _distance_km(town, division) < SEAT_KM


def _seat_of(town: Candidate, division: Candidate) -> bool:
    """A first-level division's namesake city inside it: its seat (Neuquén of Neuquén province), not a
    village that shares the name (Montana, Montana)."""
    return (division.feature_code in ADMIN1_CODES and town.population >= VILLAGE_NAME_MAX_POPULATION
            and town.admin1 is not None and town.admin1 == division.admin1)


class Resolver:
    def __init__(self, gazetteer: Gazetteer | None = None, fallback: bool = True):
        self.gaz = gazetteer or get_gazetteer()
        self.fallback = fallback

    def candidates(self, m: Mention) -> list[Candidate]:
        if m.forced is not None:
            return [m.forced]
        if m.street:
            return []  # left to the fallback: the place named beside it, or the story's focus
        name = (m.name or m.text).strip()
        found = self.gaz.lookup(name, fuzzy=m.fuzzy)
        if not found and name.lower().startswith("the "):
            found = self.gaz.lookup(name[4:], fuzzy=m.fuzzy)
        if not found:
            found = self._part_of_a_country(name)
        if _dotted_abbreviation(name):
            # 'Ind.', 'Ga.', 'Wash.': a news agency's abbreviation of a state or province, not India's
            # ISO code, the country Georgia or the capital
            found = [c for c in found if c.feature_code in ADMIN1_CODES and not c.alternate] or found
        if len(name) <= 3 and name.isupper():
            # an abbreviation ('SA', 'UK', 'DRC', 'NYC') stands for a country, a division, a region or
            # a city, not for a village that has it among its many names
            found = [c for c in found if c.is_country or c.feature_code in ADMIN1_CODES
                     or c.feature_code in LARGE_REGION_CODES or c.population >= 100_000]
        return found

    def _part_of_a_country(self, name: str) -> list[Candidate]:
        """'Northern Iraq', 'South Lebanon': a compass word before a country or a province the gazetteer
        knows names a part of it, which lies in it."""
        rest = _after_a_compass_word(name)
        if rest is None:
            return []
        return [c for c in self.gaz.lookup(rest, fuzzy=False) if not c.alternate and (c.is_country or c.feature_code in ADMIN1_CODES)]

    def base_scores(self, m: Mention) -> list[float]:
        scores = []
        for c in m.candidates:
            s = _prior(c)
            if c.feature_code in ADMIN1_CODES or c.feature_code in ADMIN2_CODES:
                if m.admin_hint in ("admin", "division"):
                    s += 3.0
                elif _same_named_town(c, m.candidates):
                    s -= 2.5  # a bare name is the town more often than its province
                elif m.admin_hint == "town" and c.feature_code in ADMIN2_CODES and cities_around(self.gaz, c):
                    s += TOWN_HINT  # 'Kadikoy town, Istanbul': a city's district holding no town of its name is that quarter
            elif m.admin_hint == "admin" and c.is_town:
                s += 1.0
            elif m.admin_hint == "division" and (c.is_town or c.is_country):
                s -= 3.0  # 'the province of Quebec', 'the state of Mexico': not the city, nor the country
            elif m.admin_hint == "town" and c.is_town:
                s += TOWN_HINT
            if c.is_town and c.admin2 and _names_its_district(c.name, c.admin2):
                s += SEAT_TIE  # the seat of its namesake district
            scores.append(s)
        return scores

    def resolve(self, mentions: list[Mention], actor_countries: list[str] | None = None,
                actor_areas: list[tuple[str, str]] | None = None) -> list[Candidate | None]:
        """actor_countries: the country (ISO2) of each armed group the document names, once per group;
        actor_areas: the (country, admin1) pairs where the actors named operate."""
        _streets_everywhere(mentions)
        for m in mentions:
            m.candidates = self.candidates(m)
        base = [self.base_scores(m) for m in mentions]
        first = [_argmax(s) for s in base]
        votes = self._focus_votes(mentions, base, first, actor_countries or [])
        focus = _shares(votes)
        chosen: list[Candidate | None] = []
        for i, m in enumerate(mentions):
            chosen.append(m.candidates[first[i]] if first[i] is not None else None)
        # Second pass: country focus, the parent, and closeness to the other points named.
        listed: set[int] = set()
        pinned = self._resolve_pairs(mentions, base, votes, listed)
        # closeness counts to the pairs' readings ('Paris, Texas' is no help to a Clarksville in France's
        # direction): the first picks elsewhere
        points = [c for c in (pinned.get(i, c) for i, c in enumerate(chosen)) if c is not None and _is_point(c)]
        held = _towns_named(mentions)
        states = _states_named(mentions, chosen)
        items = _list_items(mentions, chosen)
        final: list[Candidate | None] = []
        for i, m in enumerate(mentions):
            if i in pinned:
                final.append(pinned[i])
                continue
            if not m.candidates:
                final.append(None)
                continue
            parent = chosen[m.parent] if m.parent is not None and i not in listed else None
            best, best_score = None, -1e9
            # the context of a name is what the other names say: its own votes only echo its prior
            # ('Georgia' among Alaska, Hawaii and Florida is the state, not the country it votes for)
            context = _shares(votes, skip=m.folded_name)
            global_focus = 0.7 * max(context.values(), default=0.0)
            others = _radians([p for p in points if p is not chosen[i]]) if len(m.candidates) > 1 else []
            regions = _admin1_focus(mentions, chosen, i) if len(m.candidates) > 1 and _only_villages(m.candidates) else {}
            if not regions and len(m.candidates) > 1 and _only_villages(m.candidates) and actor_areas:
                # no division focus from the places named: where the actors named operate stands in
                regions = dict.fromkeys(actor_areas, ACTOR_AREA_SHARE)
            # a place inside an organisation's name ('Cambridge Analytica', 'the Venice Commission') is
            # mostly the well-known one, wherever the story is
            weight = EMBEDDED_CONTEXT if m.role == "embedded" else 1.0
            famous = _largest_town(m.candidates) if m.role == "embedded" else None
            for c, s in zip(m.candidates, base[i]):
                if famous is not None and c.is_town and c is not famous and _proximity(c, others) < CLOSE_BONUS:
                    continue  # of namesake towns, the one an organisation's name means is the largest, unless one is local
                if regions and c.admin1 and c.is_town:
                    s += ADMIN1_WEIGHT * regions.get((c.country_code, c.admin1), 0.0)
                # A feature of no one country (an ocean, a continent) is not out of focus anywhere.
                s += FOCUS_WEIGHT * (context.get(c.country_code, 0.0) if c.country_code else global_focus)
                if parent is not None and _inside(c, parent):
                    s += PARENT_BONUS
                elif parent is not None and _same_level(c, parent):
                    s += SIBLING_BONUS
                if famous is None and _listed_as(c, [chosen[j] for j in items[i]]) and not _same_named_town(c, m.candidates):
                    # 'Oregon, Idaho and Washington': the state, not the capital; not inside an organisation's
                    # name (the well-known place), nor a division's own namesake city ('Quebec'), the name's usual sense
                    s += LIST_BONUS
                if _is_point(c) and len(m.candidates) > 1:
                    s += weight * _proximity(c, others)
                if c.feature_code in ADMIN2_CODES and len(m.candidates) > 1 and _holds_a_town_named(c, held, m):
                    s += COUNTY_TOWN_BONUS
                if c.feature_code in ADMIN1_CODES and len(states.get(c.country_code, set()) - {m.folded_name}) >= 2 \
                        and (i in listed or any(o.is_country for o in m.candidates)):
                    # 'Georgia' in a story of Alaska, Hawaii and Florida: the state, not the country; 'Virginia,
                    # Washington, West Virginia': an item of a list of states is the state, not the capital
                    s += SIBLING_BONUS
                if s > best_score:
                    best, best_score = c, s
            final.append(best)
        self._follow_pinned(mentions, final, pinned, focus, votes)
        _follow_named_counties(mentions, final)
        _states_of_the_towns_named(mentions, final)
        _towns_beside_the_story(mentions, final)
        self._drop_direction_names(mentions, final, focus)
        self._drop_far_guesses(final, focus, _actors_country(votes),
                               _areas_country(actor_areas or []) or _people_country(mentions))
        self._drop_stray_towns(mentions, final, pinned)
        self._drop_foreign_villages(mentions, final, focus, votes)
        _drop_facility_namesakes_abroad(mentions, final)
        _drop_lone_namesakes(mentions, final)
        _towns_in_the_place_said(mentions, final)
        if self.fallback:
            self._fill_unresolved(mentions, final, focus)
        return final

    def _follow_pinned(self, mentions: list[Mention], final: list[Candidate | None], pinned: dict[int, Candidate],
                       focus: dict[str, float], votes: list[tuple[str, float, str]]) -> None:
        """One place per name in a document: a name that an 'X, Y' pair placed in the document's
        main country ('the city of Zabid ... (Zabid, Al Hudaydah)') is that place wherever it recurs. The
        main country is the one the other names point to: a name's own votes echo only its prior
        ('between Bani and Gorgadji (Bani, Seno)' is no Bāneh of Iran, twice)."""
        top = max(focus, key=focus.get) if focus else None
        placed = {}
        for i in sorted(pinned):
            name = mentions[i].folded_name
            context = _shares(votes, skip=name)
            if mentions[i].parent is not None and mentions[i].role != "demonym" \
                    and pinned[i].country_code in (top, max(context, key=context.get, default=None)):
                placed.setdefault(name, pinned[i])
        for i, c in enumerate(final):
            # a state that a dateline names by its abbreviation ('CAMP MURRAY, Wash.') is the one meant
            # where its full name recurs ('at home in Washington'), unless as a government
            if (c is not None and c.feature_code in ADMIN1_CODES and c.country_code == top and mentions[i].role == "place"
                    and _abbreviation_of(mentions[i].name or mentions[i].text, c.name)):
                placed.setdefault(fold(c.name), c)
        if not placed:
            return
        for i, m in enumerate(mentions):
            if i not in pinned and m.forced is None:
                c = placed.get(m.folded_name)
                if c is not None and (c.feature_code not in ADMIN1_CODES or m.role != "metonym"):
                    final[i] = c

    def _drop_direction_names(self, mentions: list[Mention], final: list[Candidate | None], focus: dict[str, float]) -> None:
        """'West', 'Southern': a division of that name only in a document about its country."""
        top = max(focus.items(), key=lambda kv: kv[1]) if focus else None
        for i, c in enumerate(final):
            if c is None or not c.country_code or not is_direction_name(mentions[i].name or mentions[i].text):
                continue
            if top is None or c.country_code != top[0] or top[1] < 0.5:
                final[i] = None

    def _drop_stray_towns(self, mentions: list[Mention], final: list[Candidate | None], pinned: dict[int, Candidate]) -> None:
        """A small town far from every other place the document names, in a country it names places
        of, is more likely a neighbourhood or village of that story the gazetteer lacks ('Periperi
        neighborhood' in a Salvador, Bahia story is not Piripiri, Piauí): leave it to the fallback,
        which takes the place named beside it."""
        known = [(i, c) for i, c in enumerate(final) if c is not None and c.feature_code is not None]  # no guesses
        points = [(i, c) for i, c in known if _is_point(c)]
        for i, c in enumerate(final):
            # a neighbourhood is in the story's town, whatever the size of a namesake elsewhere
            small = c is not None and (c.population < STRAY_TOWN_POPULATION or mentions[i].part)
            if c is None or not c.is_town or not small or i in pinned or mentions[i].parent is not None \
                    or mentions[i].role == "embedded":  # an organisation named after a town need not be near the story
                continue
            home = [o for j, o in points if j != i and o.country_code == c.country_code and o.name != c.name]
            if home and all(_distance_km(c, o) > STRAY_TOWN_KM for o in home):
                final[i] = None

    def _drop_foreign_villages(self, mentions: list[Mention], final: list[Candidate | None], focus: dict[str, float],
                               votes: list[tuple[str, float, str]] = ()) -> None:
        """In a document about one country, a village (or a district) of the same name elsewhere is
        more likely a place of that country the gazetteer lacks: leave it to the fallback. The
        document is about a country when a place it names lies there, or when the armed groups it
        names act there and the other names agree ('Hezbollah supporters blocked the road in X': a
        Lebanese village, whatever else X names; X's own vote only echoes its prior)."""
        if not focus:
            return
        top = _story_country(mentions, final, focus)
        actors = _actors_country(votes)
        for i, c in enumerate(final):
            home = top if top is not None else self._actors_home(mentions[i], c, actors, votes)
            if home is None or c is None or c.country_code == home:
                continue
            if _a_part_read_abroad(mentions[i], c):
                final[i] = None  # 'West Midlands' of an English story is no part of Zimbabwe's Midlands
            elif _is_local(c) and mentions[i].parent is None and _reads_as_a_village_abroad(mentions[i], c):
                final[i] = _reading_at_home(mentions[i], c, home, top)

    def _actors_home(self, m: Mention, c: Candidate | None, actors: str | None,
                     votes: list[tuple[str, float, str]]) -> str | None:
        """The country where the armed groups named act, when c lies beyond their reach and the
        document's other names point there too; else None."""
        if actors is None or c is None or not self._beyond_the_actors_reach(c, actors):
            return None
        return actors if _shares(votes, skip=m.folded_name).get(actors, 0.0) >= 0.6 else None

    def _beyond_the_actors_reach(self, c: Candidate, cc: str) -> bool:
        """Far from the country where the armed groups named act, centre and capital alike: groups
        also fight across a border (the PKK in northern Iraq, Hezbollah in Syria), not a continent away."""
        anchors = [a for a in (self.gaz.country(cc), self.gaz.capital(cc)) if a is not None]
        return bool(anchors) and all(_distance_km(c, a) > ACTOR_REACH_KM for a in anchors)

    def _drop_far_guesses(self, final: list[Candidate | None], focus: dict[str, float],
                          actors_country: str | None = None, people_country: str | None = None) -> None:
        """A near spelling far from everything else the document names, outside the country where
        the armed groups it names act, or beyond the reach of the people or monitors named ('Lebanese
        Army forces', the OSCE SMM), is more likely a different place that the gazetteer lacks: leave
        it to the fallback."""
        points = [c for c in final if c is not None and _is_point(c) and not c.fuzzy]
        top = max(focus, key=focus.get) if focus else None
        for i, c in enumerate(final):
            if c is None or not c.fuzzy or c.fuzzy > 95:
                continue
            others = [p for p in points if p is not c]
            # with nothing else named to be far from, the near spelling is the best reading there is,
            # unless who fights ('Lebanese Army forces', the OSCE SMM) says the place is in another country
            alone = not others and actors_country in (None, c.country_code) \
                and (people_country in (None, c.country_code) or not self._beyond_the_actors_reach(c, people_country))
            near = alone or any(_distance_km(c, p) < 300 for p in others)
            if not near and c.country_code != top:
                final[i] = None

    def _resolve_pairs(self, mentions: list[Mention], base: list[list[float]], votes: list[tuple[str, float, str]],
                       listed: set[int]) -> dict[int, Candidate]:
        """'Atlanta, Georgia': child and parent are chosen together, so that the parent contains the child.
        Children found to be items of a list rather than inside their 'parent' are added to listed. The
        country focus that counts is the one of the document's other names, where it names others: the
        pair's own votes echo only its prior ('Cordoba (Cordoba)' in a note that names Villa Maria is no
        pair of Spain's)."""
        pinned: dict[int, Candidate] = {}
        for i, m in enumerate(mentions):
            j = m.parent
            if j is None or not m.candidates or not mentions[j].candidates:
                continue
            best, best_score, best_inside = None, -1e9, False
            parent_is_division = any(_is_division(cp) for cp in mentions[j].candidates)
            context = _shares([v for v in votes if v[2] not in (m.folded_name, mentions[j].folded_name)])
            focus = context or _shares(votes)
            holders = _states_holding_the_town(m.candidates, mentions[j].candidates)
            # 'Long Island, New York': the state that holds it, not the city; unless the child may be a
            # state beside it ('La Libertad, Arequipa' may list two regions)
            only_holders = bool(holders) and not _siblings(m.candidates, holders[0])
            for cp, sp in zip(mentions[j].candidates, base[j]):
                if only_holders and cp not in holders:
                    continue
                sp += FOCUS_WEIGHT * focus.get(cp.country_code or "", 0.0)
                own_name_inside = any(not o.alternate and _inside(o, cp) for o in m.candidates)
                for cc, sc in zip(m.candidates, base[i]):
                    if cp in holders and (cc.is_country or cc.country_code != cp.country_code):
                        continue  # 'Cairo, Ill.' is no pair of Egypt's capital and a state
                    inside = _inside(cc, cp)
                    bonus = _parent_bonus(cp, cc, parent_is_division, m.bracketed) if inside else 0.0
                    if inside and cc.alternate and own_name_inside:
                        # '(Bokaro, Jharkhand)': the place of that name in the division, not a village that has
                        # it among its alternate names (Karo), whatever their sizes
                        bonus = min(bonus, PARENT_BONUS)
                    score = sp + sc + bonus
                    if score > best_score:
                        best, best_score, best_inside = (cc, cp), score, inside
            if best is None:
                continue
            child, parent = best
            if best_inside and child.population < 100_000 and _siblings(m.candidates, parent):
                listed.add(i)  # 'Georgia, Oklahoma, Pennsylvania': states in a list, not a village in a state
                continue
            if best_inside:
                pinned[i] = child
                pinned.setdefault(j, parent)
            elif (not _prominent(child) or 0 < child.fuzzy < SPELLING_VARIANT_SCORE or _state_parent(m.candidates, mentions[j])
                  or child.alternate and child.country_code != parent.country_code) \
                    and _is_container(parent) and not _in_a_list(mentions, j) and not _weaker_than_child(parent, m.candidates) \
                    and not _abroad_from_the_child(parent, m.candidates, context) \
                    and not _misplaced_by_the_note(m.candidates, parent):
                # No place of that name inside the parent: the gazetteer lacks it; the parent is
                # the best we know of where it is ('Andar district, Ghazni'). A fuzzy near spelling far
                # away is no evidence of a namesake, however large (an unknown village is not a city of a like name in another province),
                # nor is a city of that name in another state when the parent names a state ('Soledad, Sinaloa'),
                # nor a city abroad known by that name only as an alternate ('Bani, Seno' is no Bāneh of Iran).
                pinned[i] = as_guess(parent)
                pinned.setdefault(j, parent)
            # else a list ('Asia, Europe and Africa'), not a hierarchy: each on its own
        return pinned

    def _fill_unresolved(self, mentions: list[Mention], final: list[Candidate | None], focus: dict[str, float]) -> None:
        """Unresolved names (a school, a street, 'Sheikh X graveyard'): a known place named inside the
        name if it is prominent or near the document's other places, else the document's focus place."""
        points = [c for c in final if c is not None and _is_point(c)]
        home = _main_country(focus)
        todo = [i for i, m in enumerate(mentions) if final[i] is None and m.role != "demonym"]
        for i in todo:
            m = mentions[i]
            spelt_out = _spelt_out(m, final, self.gaz)
            if spelt_out is not None:
                final[i] = spelt_out
                continue
            located = final[m.located_in] if m.located_in is not None else None
            if located is not None and mentions[m.located_in].role in ("place", "metonym", "embedded"):
                if located.feature_code in COUNTRY_CODES:
                    # 'the Summit of the Americas in Peru': a venue of a country is likelier in its capital than at its centre
                    located = self.gaz.capital(located.country_code) or located
                final[i] = as_guess(located)  # 'Bambino Gesu Hospital in Rome': the text says where
                continue
            final[i] = self._inner_place(m, points, home, final[m.parent] if m.parent is not None else None)
        # a story that names no town of its own but divisions ('Louisiana'), streets and a town inside a
        # name ('the New Orleans Railways power house') is focused on that town, not a division's centre;
        # one that names no place below a country stays on its country ('British Embassy Tokyo')
        inner = [final[i] for i in todo if final[i] is not None and final[i].geonameid is not None and final[i].is_town]
        local = points and not any(p.is_town for p in points)
        anchor = _focus_point(points + inner if local else points) or _focus_country(self.gaz, focus)
        for i in todo:
            if final[i] is not None:
                continue
            neighbour = _neighbour_place(mentions, final, i)
            if neighbour is not None and not any(_distance_km(neighbour, p) < NEAR_KM for p in points if p is not neighbour):
                neighbour = None  # a lone town far from the rest is likelier a misreading than a good anchor
            if neighbour is not None or anchor is not None:
                final[i] = as_guess(neighbour or anchor)

    def _inner_place(self, m: Mention, points: list[Candidate], home: str | None = None,
                     parent: Candidate | None = None) -> Candidate | None:
        """home: the document's main country, if it has one; parent: the place the text gives as the
        name's parent ('Macuto Bay, Vargas state'), where a town of any size inside it is the name's."""
        words = [w for w in (m.name or m.text).replace("/", " ").split() if w[:1].isupper()]
        generic = GENERIC_WORDS
        best, best_score = None, -1e9
        for length in range(len(words) - 1, 0, -1):
            for k in range(len(words) - length + 1):
                if length == 1 and (words[k].lower().strip(".,'’") in generic or is_direction_name(words[k])):
                    continue  # 'Centre', 'Northwestern', 'Middle' inside a name say nothing of where it is
                if length == 1 and len(words[k]) <= 3 and not words[k].isupper():
                    continue  # 'Al', 'El', 'St': articles and abbreviations, not Alabama
                if k + length < len(words) and words[k + length].lower().rstrip(",") in street_words():
                    continue
                found = self.gaz.lookup(" ".join(words[k:k + length]), fuzzy=False)
                seat = _largest_town(found) if _ends_after_an_institution(words, k, length) else None
                for c in found:
                    # near the others named, or inside a division the document names ('New Orleans
                    # Railways ...' in a story that names Louisiana, whose centre is 230 km away)
                    near = _is_point(c) and (any(_near_named_place(c, p) for p in points)
                                             or parent is not None and _inside(c, parent))
                    if near and home and c.country_code != home and _is_local(c):
                        near = False  # 'Faubourg Marigny' in a US story: no French village beside Chartres
                    # a city inside a facility's name is far likelier its place when near the others named
                    # ('Kingston Avenue' in a Brooklyn story is not Kingston, Jamaica)
                    # a continent in a name ('SM Mall of Asia') places it no better than a city does
                    prominent = not c.alternate and (c.is_country or c.feature_code in ADMIN1_CODES
                                                     or c.feature_code in LARGE_REGION_CODES and c.feature_code != "CONT"
                                                     or ((c.population >= 100_000 or c.feature_code == "CONT") and not points))
                    if prominent and home and c.feature_code in ADMIN1_CODES and c.country_code != home:
                        prominent = False  # '200 Georgia St.' in a Vancouver story is no US state
                    if c is seat and c.population >= 100_000:
                        prominent = True  # 'Balliol College Oxford' in a story of Glasgow: the college is in Oxford
                    if not (near or prominent):
                        continue
                    score = _prior(c) + (3.0 if near else 0.0) + length
                    if score > best_score:
                        best, best_score = c, score
            if best is not None:
                return best
        return None

    def _focus_votes(self, mentions: list[Mention], base: list[list[float]], first: list[int | None],
                     actor_countries: list[str] = ()) -> list[tuple[str, float, str]]:
        """(country, weight, folded name) of each vote for the document's country focus: mentions
        point into a country (confident ones count more), and each armed group named votes for its
        country (name "")."""
        votes: list[tuple[str, float, str]] = []
        if not any(first_j is not None for first_j in first) and not any(m.role == "place" for m in mentions):
            # no place resolved nor named: the actors alone do not make a focus; an unknown village
            # named beside them ('Hezbollah members beat a journalist in X') is in their country
            actor_countries = []
        for cc in actor_countries:
            votes.append((cc, ACTOR_VOTE, ""))
        for m, scores, j in zip(mentions, base, first):
            if j is None:
                continue
            c = m.candidates[j]
            if not c.country_code or c.fuzzy or is_direction_name(m.name or m.text):
                continue  # a near spelling is a guess, 'West' most likely a direction: they do not vote
            margin = scores[j] - max((s for k, s in enumerate(scores) if k != j), default=0.0)
            weight = 1.0 if margin > 1.5 or len(scores) == 1 else 0.5
            if m.role in ("demonym", "embedded"):
                # 'Turkish forces shelled ...', 'the US dollar exchange rate': who acted or whose
                # currency, not where
                weight *= DEMONYM_VOTE
            elif c.feature_code in COUNTRY_CODES:
                weight *= 1.5
            votes.append((c.country_code, weight, m.folded_name))
        return votes


# A village or district this small abroad, with nothing else named in its country, is a namesake.
LONE_VILLAGE_POPULATION = 20_000


def _actors_country(votes: list[tuple[str, float, str]]) -> str | None:
    """The one country where the armed groups the document names act (their votes have no name):
    who fights is a hint of where. Foreign forces ('US-led coalition', 'Wagner') have no country in
    data/armed_groups.tsv, and a people named ('Russian forces') is no actor's vote."""
    return _the_one({cc for cc, _, name in votes if not name})


def _the_one(countries: set[str]) -> str | None:
    """The country of the set when it holds one, else None."""
    return next(iter(countries)) if len(countries) == 1 else None


def _areas_country(actor_areas: list[tuple[str, str]]) -> str | None:
    """The one country where the actors named operate (data/actor_areas.tsv: the OSCE SMM in Donetsk and
    Luhansk), else None."""
    return _the_one({cc for cc, _ in actor_areas})


def _people_country(mentions: list[Mention]) -> str | None:
    """The one country of the peoples named ('Lebanese Army forces', 'Turkish drones'): who acted."""
    return _the_one({m.forced.country_code for m in mentions if m.role == "demonym" and m.forced is not None})


def _drop_lone_namesakes(mentions: list[Mention], final: list[Candidate | None]) -> None:
    """A village whose country no other place the document names is in, where two or more names are
    places of another country ('near Dola, north of Amedi, Dahuk': no Dola of India),
    is a place of that country the gazetteer lacks: its other reading there, else none (the fallback).
    A people named ('Turkish drones') says who acted, not where."""
    names_of: dict[str, set[str]] = {}
    for m, c in zip(mentions, final):
        if c is not None and c.country_code and c.feature_code is not None and not c.fuzzy and m.role in ("place", "metonym"):
            names_of.setdefault(c.country_code, set()).add(m.folded_name)
    home = {cc for cc, names in names_of.items() if len(names) >= 2}
    if not home:
        return
    for i, c in enumerate(final):
        if c is None or not _is_local(c) or c.population >= LONE_VILLAGE_POPULATION or c.country_code in home:
            continue
        own = mentions[i].folded_name
        if names_of.get(c.country_code, set()) - {own}:
            continue
        others = [o for o in mentions[i].candidates if o.country_code in home]
        final[i] = max(others, key=_prior) if others else None


def _drop_facility_namesakes_abroad(mentions: list[Mention], final: list[Candidate | None]) -> None:
    """'outside the Medina school campus' in a note of Piura: a site named after a place known only by an
    alternate name or a near spelling, in a country where no other place the document names lies, is no
    sign the site is there (schools and camps bear the names of people and far places): leave it to the
    fallback, the place named beside it."""
    for i, (m, c) in enumerate(zip(mentions, final)):
        if not m.facility or c is None or m.forced is not None or not (c.alternate or c.fuzzy) or c.feature_code is None:
            continue
        others = {o.country_code for j, o in enumerate(final) if j != i and o is not None and o.country_code
                  and mentions[j].role in ("place", "metonym")}
        if others and c.country_code not in others:
            final[i] = None


def _towns_in_the_place_said(mentions: list[Mention], final: list[Candidate | None]) -> None:
    """'Cambridge in Massachusetts', 'Odessa in Texas': a town the text puts in a country or division
    is a reading of its name inside it; with none there, a town known by the name only as an
    alternate ('Peking in Illinois' is no Beijing) is a place the gazetteer lacks, left to the
    fallback, which puts it where the text says. A town of its own name stays ('the statue of St.
    Francis of Assisi in Rome': the statue is in Rome, Assisi is Assisi)."""
    for i, m in enumerate(mentions):
        c, j = final[i], m.located_in
        if c is None or j is None or not c.is_town or m.parent is not None or m.role == "demonym":
            continue
        where = final[j]
        if where is None or mentions[j].role == "demonym" or not _is_division_or_country(where) or _inside(c, where):
            continue
        inside = [o for o in m.candidates if o.is_town and _inside(o, where)]
        if inside:
            final[i] = max(inside, key=_prior)
        elif c.alternate:
            final[i] = None


def _is_division_or_country(c: Candidate) -> bool:
    return c.feature_code in COUNTRY_CODES or c.feature_code in ADMIN1_CODES or c.feature_code in ADMIN2_CODES


def _placed_in(mentions: list[Mention], final: list[Candidate | None], cc: str) -> bool:
    """Whether some place (not a demonym: 'Turkish forces shelled ...' says who, not where) is in country cc."""
    return any(c is not None and c.country_code == cc and m.role not in ("demonym", "embedded")
               for m, c in zip(mentions, final))


def _shares(votes: list[tuple[str, float, str]], skip: str | None = None) -> dict[str, float]:
    """Share of the votes (from _focus_votes) for each country, leaving out those of the name skip."""
    tally: Counter = Counter()
    for cc, weight, name in votes:
        if skip is None or name != skip:
            tally[cc] += weight
    total = sum(tally.values())
    return {cc: v / total for cc, v in tally.items()} if total else {}


def _story_country(mentions: list[Mention], final: list[Candidate | None], focus: dict[str, float]) -> str | None:
    """The one country a document is about: its focus's top country, when that holds at least 0.6
    of the focus and a place the document names lies there."""
    top, share = max(focus.items(), key=lambda kv: kv[1])
    return top if share >= 0.6 and _placed_in(mentions, final, top) else None


def _reads_as_a_village_abroad(m: Mention, c: Candidate) -> bool:
    """A village or district abroad ('Mangochi' in Idleb is no Malawian district), or a town abroad known
    here only by an alternate name ('Colonia' for Köln), unless the text says it is a city ('Quebec City')."""
    return c.population < 20_000 or bool(c.alternate and c.population < 2_000_000 and m.admin_hint != "town")


def _reading_at_home(m: Mention, c: Candidate, home: str, top: str | None) -> Candidate | None:
    """Another reading of the name that fits the document (the continent, a town at home), else none;
    with no place named at home (top None), a division abroad fits no better than its town."""
    others = [o for o in m.candidates if o is not c and (o.country_code == home or not _is_local(o))
              and (home == top or o.country_code in (home, None))]
    return max(others, key=_prior) if others else None


def _a_part_read_abroad(m: Mention, c: Candidate) -> bool:
    """c is the province of a compass-word name ('West Midlands' read as Midlands), which the gazetteer
    lacks in full: a reading found by dropping a word, no evidence against the document's country."""
    rest = _after_a_compass_word(m.name or m.text)
    return rest is not None and fold(c.name) == fold(rest) and not c.is_country


def _after_a_compass_word(name: str) -> str | None:
    """'Northern Iraq' -> 'Iraq', 'West Midlands' -> 'Midlands': the rest of a name that opens with a
    compass word, else None."""
    head, _, rest = name.partition(" ")
    return rest if rest and is_direction_name(head) else None


def _is_local(c: Candidate) -> bool:
    """A town or second-level division: a place that news abroad seldom names."""
    return c.is_town or c.feature_code in ADMIN2_CODES


def _ends_after_an_institution(words: list[str], k: int, length: int) -> bool:
    """words[k:k + length] end the name and follow an institution word: 'Balliol College Oxford'."""
    return k > 0 and k + length == len(words) and words[k - 1].lower().strip(".,") in institution_words()


def _largest_town(cands: list[Candidate]) -> Candidate | None:
    """The most populous town reading of a name ('Cambridge, England' of the Cambridges)."""
    return max((c for c in cands if c.is_town and not c.alternate), key=lambda c: c.population, default=None)


def _streets_everywhere(mentions: list[Mention]) -> None:
    """A name the document uses as a street's ('the Chartres/Franklin intersection') is the street
    where it recurs bare ('the area below Franklin'): a street story names its streets over and over,
    and read as towns they would pull its focus to their namesakes."""
    streets = {m.folded_name for m in mentions if m.street}
    for m in mentions:
        if m.forced is None and m.parent is None and m.admin_hint is None and m.folded_name in streets:
            m.street = True


def _towns_named(mentions: list[Mention]) -> dict[tuple[str, str, str], set[str]]:
    """(country, admin1, admin2) of every town reading of every mention -> the (folded) names that can be there."""
    held: dict[tuple[str, str, str], set[str]] = {}
    for m in mentions:
        for c in m.candidates:
            if c.is_town and c.admin2 and not c.alternate:
                held.setdefault((c.country_code, c.admin1, c.admin2), set()).add(m.folded_name)
    return held


# 'Nassau County ... the Nassau Herald': the bare name of a county the document names is that county
COUNTY_WORDS = ("county", "parish", "borough")


def _follow_named_counties(mentions: list[Mention], final: list[Candidate | None]) -> None:
    """A bare name ('Nassau') of a county that the document names in full ('Nassau County') is that
    county, not a namesake town far from it (Nassau, Bahamas)."""
    counties: dict[str, Candidate] = {}
    for m, c in zip(mentions, final):
        words = m.folded_name.split()
        if c is not None and c.feature_code in ADMIN2_CODES and len(words) > 1 and words[-1] in COUNTY_WORDS:
            counties.setdefault(" ".join(words[:-1]), c)
    if not counties:
        return
    for i, m in enumerate(mentions):
        county = counties.get(m.folded_name)
        c = final[i]
        if county is not None and m.forced is None and (c is None or _distance_km(c, county) > CLOSE_KM):
            final[i] = county


def _list_items(mentions: list[Mention], chosen: list[Candidate | None]) -> list[list[int]]:
    """For each mention, the other-named items of the list it is in ('X, Y and Z'): the mentions
    linked to it by commas (where no reading nests in the next) and by 'and'/'or'."""
    links: list[set[int]] = [set() for _ in mentions]
    for a, m in enumerate(mentions):
        for b in (m.joined, m.parent if m.parent is not None and not _nests(m, mentions[m.parent]) else None):
            if b is not None:
                links[a].add(b)
                links[b].add(a)
    items: list[list[int]] = []
    for a, m in enumerate(mentions):
        seen, todo = {a}, [a]
        while todo:
            for b in links[todo.pop()] - seen:
                seen.add(b)
                todo.append(b)
        own = m.folded_name
        items.append([b for b in sorted(seen) if chosen[b] is not None and mentions[b].folded_name != own])
    return items


def _listed_as(c: Candidate, others: list[Candidate]) -> bool:
    """Most of the other items of c's list are of c's level ('Idaho, New York and Maine'); a list
    that mixes cities and states ('Boston, Indiana and Washington', of teams) says nothing."""
    same = sum(_same_level(c, o) for o in others)
    return 2 * same > len(others)


def _nests(child: Mention, parent: Mention) -> bool:
    """Some reading of child lies inside some reading of parent ('Toronto, Ontario')."""
    return any(_inside(a, b) for a in child.candidates for b in parent.candidates)


def _states_named(mentions: list[Mention], chosen: list[Candidate | None]) -> dict[str, set[str]]:
    """Country -> the names of its first-level divisions that the document's first picks are."""
    named: dict[str, set[str]] = {}
    for m, c in zip(mentions, chosen):
        if c is not None and c.feature_code in ADMIN1_CODES and m.role != "demonym":
            named.setdefault(c.country_code, set()).add(m.folded_name)
    return named


def _states_of_the_towns_named(mentions: list[Mention], final: list[Candidate | None]) -> None:
    """'the Georgia Bureau of Investigation' in a story of Athens, Atlanta and Savannah: a name read as
    a country that is also a state of another country is that state when two other names the document
    uses are towns of it."""
    towns: dict[tuple[str, str], set[str]] = {}
    for m, c in zip(mentions, final):
        if c is not None and c.is_town and c.admin1 and c.feature_code is not None and m.role != "demonym":
            towns.setdefault((c.country_code, c.admin1), set()).add(m.folded_name)
    for i, (m, c) in enumerate(zip(mentions, final)):
        if c is None or not c.is_country or m.forced is not None:
            continue
        own = m.folded_name
        for o in m.candidates:
            if o.feature_code in ADMIN1_CODES and o.country_code != c.country_code and not o.alternate \
                    and len(towns.get((o.country_code, o.admin1), set()) - {own}) >= 2:
                final[i] = o
                break


def _towns_beside_the_story(mentions: list[Mention], final: list[Candidate | None]) -> None:
    """'visitors from Corvallis and Lebanon' in a story of Albany, Oregon: a country's name that is
    also a town within 50 km of two of the towns the document names is that town, as a local story
    names its neighbours. Not a government ('Lebanon said'), nor inside an organisation's name."""
    towns = [(m.folded_name, c) for m, c in zip(mentions, final)
             if c is not None and c.is_town and c.feature_code is not None]
    for i, (m, c) in enumerate(zip(mentions, final)):
        if c is None or not c.is_country or m.forced is not None or m.role != "place":
            continue
        own = m.folded_name
        beside = [o for o in m.candidates if o.is_town and not o.alternate
                  and len({name for name, t in towns if name != own and _distance_km(o, t) < CLOSE_KM}) >= 2]
        if beside:
            final[i] = max(beside, key=lambda o: o.population)


def _holds_a_town_named(c: Candidate, held: dict[tuple[str, str, str], set[str]], m: Mention) -> bool:
    """Second-level division c holds a town of another name that the document names (its own
    namesake town, 'Harib' in 'Harib (Harib, Marib)', says nothing)."""
    return bool(held.get((c.country_code, c.admin1, c.name), set()) - {m.folded_name})


def _only_villages(cands: list[Candidate]) -> bool:
    """Every reading of the name is a small town, village or district: no country, province, region
    or city ('Louisville' is the city in Kentucky whatever else a sports story names). A city known by
    the name only as an alternate (Melitopol, once Novooleksandrivka) does not make it a city's."""
    return not any(c.feature_code in COUNTRY_CODES or c.feature_code in ADMIN1_CODES or c.feature_code in LARGE_REGION_CODES
                   or c.population >= VILLAGE_NAME_MAX_POPULATION and not c.alternate for c in cands)


def _admin1_focus(mentions: list[Mention], chosen: list[Candidate | None], i: int) -> dict[tuple, float]:
    """Share of the document's other resolved places (other names than mention i's) in each
    first-level division; a division named counts as one of its places."""
    own = mentions[i].folded_name
    votes: Counter = Counter()
    for j, c in enumerate(chosen):
        if j == i or c is None or not c.admin1 or not c.country_code or c.fuzzy or mentions[j].role == "demonym":
            continue
        if c.feature_code in COUNTRY_CODES or c.feature_code in LARGE_REGION_CODES:
            continue
        if mentions[j].folded_name == own:
            continue
        votes[(c.country_code, c.admin1)] += 1.0
    total = sum(votes.values())
    # only a clear majority counts: places spread over several divisions say nothing of a village's
    return {k: v / total for k, v in votes.items() if v / total >= ADMIN1_MIN_SHARE} if total else {}


def _near_named_place(c: Candidate, p: Candidate) -> bool:
    """A place found inside a name is near the document's place p: within 150 km of it, or inside it
    when p is a division the document names ('New Orleans Railways ...' in a story that names
    Louisiana). A division's centre is no place named near, and a small town inside a division is
    more likely a namesake ('Lincoln Center' in a New York story that names Nebraska is no Lincoln, Nebraska)."""
    if p.feature_code in ADMIN1_CODES:
        return c.population >= STRAY_TOWN_POPULATION and _inside(c, p)
    return _distance_km(c, p) < 150


def _spelt_out(m: Mention, final: list[Candidate | None], gaz: Gazetteer) -> Candidate | None:
    """An unknown abbreviation ('SA', 'NZ') that is the initials of a country, division or region
    the document names, or of the country its places are in ('SA' among North West and Limpopo)."""
    text = (m.name or m.text).replace(".", "")
    if not (2 <= len(text) <= 4 and text.isalpha() and text.isupper()):
        return None
    named = [c for c in final if c is not None and c.feature_code is not None
             and (c.is_country or c.feature_code in ADMIN1_CODES or c.feature_code in LARGE_REGION_CODES)]
    countries = {c.country_code for c in final if c is not None and c.country_code}
    for c in named + [k for k in map(gaz.country, sorted(countries)) if k is not None]:
        words = c.name.replace("-", " ").split()
        if len(words) == len(text) and "".join(w[0] for w in words).upper() == text:
            return c
    return None


def _dotted_abbreviation(text: str) -> bool:
    """'Ind.', 'Ga.', 'Calif.': a capital, a few small letters and a dot, as datelines abbreviate states."""
    head = text[:-1]
    return text.endswith(".") and 2 <= len(head) <= 5 and head.isalpha() and head[0].isupper() and head[1:].islower()


def _abbreviation_of(text: str, name: str) -> bool:
    """'Wash.' of Washington, 'Calif.' of California: a dotted short form of the name."""
    head = text.rstrip(".")
    return text.endswith(".") and 2 <= len(head) < len(name) and fold(name).startswith(fold(head))


def _level(c: Candidate) -> str | None:
    if c.feature_code in COUNTRY_CODES:
        return "country"
    if c.feature_code in ADMIN1_CODES:
        return "admin1"
    return None


def _same_level(c: Candidate, other: Candidate) -> bool:
    """Two states of one country, or two countries: items of one list ('Georgia, Oklahoma')."""
    level = _level(c)
    return level is not None and level == _level(other) and (level == "country" or c.country_code == other.country_code)


def _siblings(child_candidates: list[Candidate], parent: Candidate) -> bool:
    """The child's name is also that of a place of the parent's level (a state beside a state of its
    country; Egypt's governorate of Cairo makes no list of 'Cairo, Ill.')."""
    return any(not c.alternate and _same_level(c, parent) for c in child_candidates)


def _in_a_list(mentions: list[Mention], j: int) -> bool:
    """Mention j (the Y of 'X, Y') is followed by ', Z' and lies in no Z: 'Saipan, Guam, Alaska,
    Hawaii' is a list, where 'Andar district, Ghazni province, Afghanistan' nests."""
    k = mentions[j].parent
    return k is not None and not _nests(mentions[j], mentions[k])


def _weaker_than_child(parent: Candidate, child_candidates: list[Candidate]) -> bool:
    """The parent's reading is only an alternate name or a near spelling ('La Nouvelle' of Port-La Nouvelle),
    in a country where the child, known by its own name, has no reading: no evidence that it holds the
    child ('Mahdia (La Nouvelle Ville)' is not in France)."""
    if not (parent.alternate or parent.fuzzy):
        return False
    own = [c for c in child_candidates if not c.alternate and not c.fuzzy]
    return bool(own) and all(c.country_code != parent.country_code for c in own)


def _abroad_from_the_child(parent: Candidate, child_candidates: list[Candidate], focus: dict[str, float]) -> bool:
    """'Shindand (Sabzevar) district, Herat': the parent's reading lies in a country where the child, known by its
    own name, has no reading, and the document's other names (context) point to a country where it has one: the
    parent is misread, not a sign that the gazetteer lacks a namesake of the child inside it."""
    home = max(focus, key=focus.get) if focus else None
    own = {c.country_code for c in child_candidates if not c.alternate and not c.fuzzy}
    return home in own and parent.country_code not in own


def _misplaced_by_the_note(child_candidates: list[Candidate], parent: Candidate) -> bool:
    """'Kepez, Istanbul', 'Tamu District, Rakhine State': the child, known by its own name, is a district or
    the town of its district's name in one other province of the parent's country, and nowhere else there:
    the province is the note's slip, not a sign that the gazetteer lacks a namesake inside it (a common name,
    'Soledad, Sinaloa', lies in many provinces: that one is a place the gazetteer lacks)."""
    if parent.feature_code not in ADMIN1_CODES and not (parent.is_town and fold(parent.name) == fold(parent.admin1 or "")):
        return False  # a province's namesake city stands for it ('Istanbul'); another town holds the child ('Caracoli, Malambo')
    own = [c for c in child_candidates if c.country_code == parent.country_code and not c.alternate and not c.fuzzy]
    return (len({c.admin1 for c in own}) == 1 and own[0].admin1 != parent.admin1
            and any(c.feature_code in ADMIN2_CODES or c.is_town and c.admin2 and _names_its_district(c.name, c.admin2)
                    for c in own))


def _state_parent(child_candidates: list[Candidate], parent: Mention) -> bool:
    """The Y of 'X, Y' is a first-level division's name in full, or initials of three letters or more of
    one division only ('AJK'), and X names no province or country: Y says which state X is in ('Soledad,
    Sinaloa'), where 'Kabul, Helmand' may be a list of provinces and 'TN' one of several states so
    abbreviated (two-letter codes are shared across countries: Tamil Nadu's and Tennessee's)."""
    written = parent.folded_name
    divisions = [c for c in parent.candidates if c.feature_code in ADMIN1_CODES and not c.alternate]
    initials = len(written) >= 3 and len(parent.candidates) == len(divisions) == 1
    named = initials or any(fold(c.name) == written for c in divisions)
    return named and not any(_level(c) is not None for c in child_candidates)


def _states_holding_the_town(child_candidates: list[Candidate], parent_candidates: list[Candidate]) -> list[Candidate]:
    """The parent's readings that are first-level divisions holding a town of the child's name: with
    them, 'Cairo, Ill.', 'Lebanon, Pa.', 'Peru, Ind.' name a place of that state's country, not a capital
    or a country elsewhere (nor a list of a country and a state)."""
    return [p for p in parent_candidates if p.feature_code in ADMIN1_CODES and not p.alternate
            and any(c.is_town and _inside(c, p) for c in child_candidates)]


def _is_division(c: Candidate) -> bool:
    return (c.feature_code in ADMIN1_CODES or c.feature_code in ADMIN2_CODES) and not c.alternate


def _parent_bonus(parent: Candidate, child: Candidate, name_is_division: bool, bracketed: bool) -> float:
    """What containing the child is worth for this reading of the parent ('X, Y' or 'X (Y)')."""
    if bracketed and (parent.feature_code in ADMIN1_CODES or parent.feature_code in ADMIN2_CODES) and not _prominent(child):
        # 'Dansadau (Maru LGA, Zamfara)': a bracket after a village is a locator, not a list
        return PARENT_BONUS + DIVISION_PARENT_BONUS
    if parent.is_town and name_is_division and parent.population < STRAY_TOWN_POPULATION:
        return PARENT_BONUS - TOWN_PARENT_PENALTY
    return PARENT_BONUS


def _prominent(c: Candidate) -> bool:
    return (c.feature_code in COUNTRY_CODES or c.feature_code in ADMIN1_CODES or c.feature_code in LARGE_REGION_CODES
            or c.population >= 100_000)


def _is_container(c: Candidate) -> bool:
    return c.feature_code in COUNTRY_CODES or c.feature_code in ADMIN1_CODES or c.feature_code in ADMIN2_CODES or c.is_town


def _focus_point(points: list[Candidate]) -> Candidate | None:
    """The town-level place with the most of the document's other places around it."""
    towns = [p for p in points if p.is_town] or [p for p in points if p.feature_code in ADMIN2_CODES | ADMIN1_CODES]
    if not towns:
        return None
    return max(towns, key=lambda t: sum(_distance_km(t, o) < 100 for o in points) + math.log10(t.population + 10) / 2)


def _neighbour_place(mentions: list[Mention], final: list[Candidate | None], i: int) -> Candidate | None:
    """The town or district named closest to mention i in the text, within a sentence's length: an
    unknown street, building or village is most often in or near the place named beside it
    ('Royal Street ... in Faubourg Marigny, New Orleans', 'the Serail in Tripoli')."""
    best, best_gap = None, NEIGHBOUR_CHARS + 1
    m = mentions[i]
    for j, c in enumerate(final):
        if j == i or c is None or c.geonameid is None and c.feature_code is None:
            continue  # unresolved, or itself a guess
        if not (c.is_town or c.feature_code in ADMIN2_CODES) or mentions[j].role not in ("place", "metonym"):
            continue
        gap = m.start - mentions[j].end if mentions[j].end <= m.start else mentions[j].start - m.end
        if 0 <= gap < best_gap:
            best, best_gap = c, gap
    return best


def _main_country(focus: dict[str, float]) -> str | None:
    """The country that at least half of the document's votes point into, if any."""
    if not focus:
        return None
    cc, share = max(focus.items(), key=lambda kv: kv[1])
    return cc if share >= 0.5 else None


def _focus_country(gaz: Gazetteer, focus: dict[str, float]) -> Candidate | None:
    cc = _main_country(focus)
    return gaz.country(cc) if cc else None


def as_guess(anchor: Candidate) -> Candidate:
    """The focus place standing in for an unknown one: same point, no identity of its own."""
    return Candidate(index=anchor.index, name=anchor.name, latitude=anchor.latitude, longitude=anchor.longitude,
                     geonameid=None, feature_code=None, country_code=anchor.country_code, admin1=anchor.admin1,
                     admin2=anchor.admin2, population=0, alternate=True, fuzzy=30.0)


def _argmax(scores: list[float]) -> int | None:
    return max(range(len(scores)), key=scores.__getitem__) if scores else None


def _inside(c: Candidate, parent: Candidate) -> bool:
    if c is parent or not c.country_code:
        return False
    if parent.feature_code in COUNTRY_CODES:
        return c.country_code == parent.country_code and c.feature_code not in COUNTRY_CODES
    if parent.feature_code in ADMIN1_CODES:
        if c.admin1 and c.feature_code not in ADMIN1_CODES:  # towns know their division: no guessing by distance
            return c.country_code == parent.country_code and c.admin1 == parent.admin1
        return c.country_code == parent.country_code and _distance_km(c, parent) < 150
    if parent.feature_code in ADMIN2_CODES:
        if c.feature_code in ADMIN2_CODES:
            return False  # districts do not nest: 'Cordoba (Cordoba)' is no district inside a namesake district beside it
        return c.country_code == parent.country_code and (c.admin2 == parent.name or _distance_km(c, parent) < 60)
    if c.admin1 and parent.admin1 and c.admin1 != parent.admin1:
        return False  # 'Kadikoy, Istanbul': not the Kadıköy of another province, however near
    return c.country_code == parent.country_code and _distance_km(c, parent) < 100


def _radians(points: list[Candidate]) -> list[tuple[float, float, float]]:
    """(latitude in radians, its cosine, longitude) of each point, for _proximity."""
    out = []
    for p in points:
        lat = math.radians(p.latitude)
        out.append((lat, math.cos(lat), p.longitude))
    return out


def _proximity(c: Candidate, points: list[tuple[float, float, float]]) -> float:
    """A bonus for a candidate near the other points named (from _radians); the arithmetic of _distance_km."""
    if not points:
        return 0.0
    p1 = math.radians(c.latitude)
    cos1, lon1 = math.cos(p1), c.longitude
    sin, asin, sqrt, radians = math.sin, math.asin, math.sqrt, math.radians
    bonus = 0.0
    for p2, cos2, lon2 in points:
        h = sin((p2 - p1) / 2) ** 2 + cos1 * cos2 * sin(radians(lon2 - lon1) / 2) ** 2
        d = 12742.0 * asin(min(1.0, sqrt(h)))
        if d < CLOSE_KM:
            return CLOSE_BONUS
        if d < NEAR_KM:
            bonus = 1.5
        elif d < 2 * NEAR_KM:
            bonus = max(bonus, 0.75)
    return bonus


def to_place(m: Mention, c: Candidate | None, gaz: Gazetteer) -> Place:
    """The contract's Place for a mention and its chosen candidate (or an unresolved one)."""
    if c is None:
        return Place(text=m.text, start=m.start, end=m.end, role=m.role)
    country = gaz.country(c.country_code) if c.country_code else None
    return Place(
        text=m.text, start=m.start, end=m.end, name=c.name, latitude=round(c.latitude, 5),
        longitude=round(c.longitude, 5), geonameid=c.geonameid, feature_code=c.feature_code,
        country_code=c.country_code, admin1=c.admin1, admin2=c.admin2,
        country=country.name if country else None, population=c.population or None, role=m.role,
        score=round(c.fuzzy / 100.0, 2) if c.fuzzy else 1.0,
    )


def resolve_mentions(mentions: list[Mention], gazetteer: Gazetteer | None = None) -> list[Place]:
    gaz = gazetteer or get_gazetteer()
    chosen = Resolver(gaz).resolve(mentions)
    return [to_place(m, c, gaz) for m, c in zip(mentions, chosen)]
