"""The in-memory gazetteer index: loaded once, lazily, from the built file.

    from polemos.gazetteer.index import get_gazetteer
    gaz = get_gazetteer()            # builds the file first if it is missing
    for c in gaz.lookup("Khankendi"):
        print(c.name, c.latitude, c.longitude, c.feature_code)
"""

from __future__ import annotations

import logging
import marshal
import sqlite3
import threading
from array import array
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .build import VERSION, build, gazetteer_path
from .names import (article_for, article_forms, first_letters, fold, is_latin, skeleton, skeleton_rules, strip_adjectival, translit,
                    word_skeleton)

log = logging.getLogger(__name__)

# Feature codes by kind, for scoring and for geo_precision.
COUNTRY_CODES = frozenset({"PCLI", "PCLD", "PCLF", "PCLS", "PCLIX", "PCL", "TERR"})
ADMIN1_CODES = frozenset({"ADM1", "ADMD"})
ADMIN2_CODES = frozenset({"ADM2", "ADM3"})
TOWN_CODES = frozenset({"PPL", "PPLC", "PPLA", "PPLA2", "PPLX"})
LARGE_REGION_CODES = frozenset({"CONT", "RGN", "OCN", "SEA", "GULF", "DSRT", "PEN", "MTS", "STM", "STRT", "CHN", "CNL", "LK", "FRST", "ISL"})


@dataclass(slots=True)
class Candidate:
    index: int
    name: str
    latitude: float
    longitude: float
    geonameid: int | None
    feature_code: str
    country_code: str | None
    admin1: str | None
    admin2: str | None
    population: int
    alternate: bool  # matched an alternate name, not the main one
    fuzzy: float = 0.0  # 0 for an exact key, else the fuzzy score (0-100)

    @property
    def is_country(self) -> bool:
        return self.feature_code in COUNTRY_CODES

    @property
    def is_town(self) -> bool:
        return self.feature_code in TOWN_CODES


class GazetteerUnavailable(RuntimeError):
    pass


class Gazetteer:
    def __init__(self, index: dict, path: Path | None = None):
        self.path = path
        self.names: list[str] = index["name"]
        self.lat = _array("d", index["lat"])
        self.lon = _array("d", index["lon"])
        self.geonameid = _array("q", index["geonameid"])
        self.population = _array("q", index["population"])
        self.strings: list[str] = index["strings"]
        self.feature_code = _array("i", index["feature_code"])
        self.country_code = _array("i", index["country_code"])
        self.admin1 = _array("i", index["admin1"])
        self.admin2 = _array("i", index["admin2"])
        self.keys = SortedKeys(index["keys"], _array("I", index["keys_starts"]))
        self.ref_offsets = _array("I", index["refs_offsets"])
        self.ref_values = _array("I", index["refs"])
        self.tkeys = SortedKeys(index["tkeys"], _array("I", index["tkeys_starts"]))
        self.tkey_offsets = _array("I", index["tkey_targets_offsets"])
        self.tkey_targets = _array("I", index["tkey_targets"])
        self.admin1_seats: dict[str, int] = index.get("admin1_seats") or {}
        self._fuzzy_buckets: dict[str, list[str]] = {}
        self._skeleton_cache: dict[str, list[str]] = {}
        self._skeleton_db: sqlite3.Connection | None = None
        self._cache: dict[tuple[str, bool], list[Candidate]] = {}
        self._has_cache: dict[str, bool] = {}
        self._country_index: dict[str, int] | None = None
        self._capital_index: dict[str, int] | None = None
        self._towns_by_division: dict[tuple[str, str], list[int]] | None = None

    @classmethod
    def load(cls, path: Path | None = None, build_if_missing: bool = True) -> "Gazetteer":
        path = path or gazetteer_path()
        if not path.exists():
            if not build_if_missing:
                raise GazetteerUnavailable(f"no gazetteer at {path}; run: polemos gazetteer build")
            log.warning("building the gazetteer at %s (first use; takes under a minute)", path)
            try:
                build(path)
            except OSError as exc:  # an unwritable data folder: build where we can
                import tempfile

                path = Path(tempfile.gettempdir()) / path.name
                log.warning("cannot write the gazetteer there (%s); using %s", exc, path)
                build(path)
        try:
            con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
            try:
                row = con.execute("SELECT value FROM meta WHERE key='index'").fetchone()
            finally:
                con.close()
            index = marshal.loads(row[0])
        except (sqlite3.Error, TypeError, ValueError, EOFError) as exc:
            raise GazetteerUnavailable(f"gazetteer at {path} is unreadable ({exc}); run: polemos gazetteer build --force") from exc
        if index.get("version") != VERSION:
            log.warning("gazetteer at %s is version %s, not %s: rebuilding", path, index.get("version"), VERSION)
            build(path, force=True)
            return cls.load(path, build_if_missing=False)
        return cls(index, path)

    # ---- places ----------------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self.names)

    def candidate(self, index: int, alternate: bool = False, fuzzy: float = 0.0) -> Candidate:
        s = self.strings
        return Candidate(
            index=index, name=self.names[index], latitude=self.lat[index], longitude=self.lon[index],
            geonameid=self.geonameid[index] or None, feature_code=s[self.feature_code[index]],
            country_code=s[self.country_code[index]] or None, admin1=s[self.admin1[index]] or None,
            admin2=s[self.admin2[index]] or None, population=self.population[index], alternate=alternate, fuzzy=fuzzy,
        )

    def country(self, code: str | None) -> Candidate | None:
        """The country entry for an ISO alpha-2 code."""
        if self._country_index is None:
            country_features = {j for j, s in enumerate(self.strings) if s in COUNTRY_CODES}
            self._country_index = {
                self.strings[self.country_code[i]]: i for i, f in enumerate(self.feature_code) if f in country_features
            }
        i = self._country_index.get(code or "")
        return self.candidate(i) if i is not None else None

    def capital(self, code: str | None) -> Candidate | None:
        """The national capital (PPLC) of an ISO alpha-2 code, the largest where the data have several."""
        if self._capital_index is None:
            pplc = {j for j, s in enumerate(self.strings) if s == "PPLC"}
            index: dict[str, int] = {}
            for i, f in enumerate(self.feature_code):
                if f in pplc:
                    cc = self.strings[self.country_code[i]]
                    if cc not in index or self.population[i] > self.population[index[cc]]:
                        index[cc] = i
            self._capital_index = index
        i = self._capital_index.get(code or "")
        return self.candidate(i) if i is not None else None

    def towns_in(self, country_code: str | None, admin1: str | None, min_population: int = 0) -> list[Candidate]:
        """The towns (by main name) of a first-level division, for looking a name up inside it; with
        min_population, only those that large (checked before building a Candidate for each of thousands)."""
        if self._towns_by_division is None:
            towns = {j for j, s in enumerate(self.strings) if s in TOWN_CODES}
            by: dict[tuple[str, str], list[int]] = {}
            for i, f in enumerate(self.feature_code):
                if f in towns:
                    by.setdefault((self.strings[self.country_code[i]], self.strings[self.admin1[i]]), []).append(i)
            self._towns_by_division = by
        pop = self.population
        return [self.candidate(i) for i in self._towns_by_division.get((country_code or "", admin1 or ""), [])
                if not min_population or pop[i] >= min_population]

    def admin1_seat(self, country_code: str | None, admin1: str | None) -> Candidate | None:
        """The town standing for a first-level division: its capital as far as the data tell
        (the national capital, else the town of the division's name, else its largest town)."""
        i = self.admin1_seats.get(f"{country_code}\t{admin1}")
        return self.candidate(i) if i is not None else None

    # ---- look-ups --------------------------------------------------------------------------

    def _find(self, keys: "SortedKeys", key: str) -> int:
        return keys.find(key)

    def refs(self, key: str) -> tuple[int, ...]:
        """Place refs (index*2 + 1 if by an alternate name) of a folded key."""
        i = self._find(self.keys, key)
        if i < 0:
            return ()
        return tuple(self.ref_values[self.ref_offsets[i]:self.ref_offsets[i + 1]])

    def translit_keys(self, tkey: str) -> list[str]:
        """The folded keys whose transliteration key is `tkey`."""
        i = self._find(self.tkeys, tkey)
        if i < 0:
            return []
        return [self.keys[j] for j in self.tkey_targets[self.tkey_offsets[i]:self.tkey_offsets[i + 1]]]

    def has(self, name: str) -> bool:
        found = self._has_cache.get(name)
        if found is None:
            key = fold(name)
            # A name of several words may be known by a transliteration variant (Ras al Khaimah).
            found = (self._find(self.keys, key) >= 0 or bool(self.variants(name))
                     or any(self._find(self.keys, k) >= 0 for k in self._particle_keys(name))
                     or bool(self.article_variants(name)))
            if len(self._has_cache) > 100_000:
                self._has_cache.clear()
            self._has_cache[name] = found
        return found

    def exact(self, name: str) -> list[Candidate]:
        """Places one of whose names folds to the same key as `name`."""
        return [self.candidate(ref >> 1, bool(ref & 1)) for ref in self.refs(fold(name))]

    def transliterated(self, name: str) -> list[Candidate]:
        """Places whose name is a transliteration variant of `name` (kh/x, dzh/j, -iy/-y, ...)."""
        key = fold(name)
        if not is_latin(key):
            return []
        out = []
        for k in self.translit_keys(translit(key)):
            out.extend(self.candidate(ref >> 1, True, fuzzy=95.0) for ref in self.refs(k))
        return out

    def variants(self, name: str) -> list[Candidate]:
        """Places whose name has the same consonant skeleton as `name` (Tell Kalakh / Tall Kalkh,
        Ras al Khaimah / Ra's al Khaymah): vowels, article forms and letter groups aside (names.skeleton),
        and still a near spelling once transliterated, so that no two unrelated names meet."""
        key = fold(name)
        skel = skeleton(key) if is_latin(key) else ""
        if not skel or _not_romanised(name):
            return []
        tkey = translit(key)
        letters = first_letters(key)
        starts = letters + tuple(f"{a} {letter}" for a in article_forms() for letter in letters)
        places = {ref >> 1 for k in self._skeleton_keys(skel)
                  if k.startswith(starts) and _near_spelling(tkey, translit(k)) for ref in self.refs(k)}
        return [self.candidate(i, True, fuzzy=90.0) for i in sorted(places)]

    def with_article(self, name: str) -> list[Candidate]:
        """Places stored with the Arabic article that `name` (one word) is written without: 'Taybah'
        is GeoNames's 'At Taybah', 'Qusayr' its 'Al Qusayr'. Only the article as the name's first letter
        assimilates it (at-T, ash-Sh, ar-R) or 'al'/'el' (names.article_for), so no other name is met."""
        key = fold(name)
        if " " in key or len(key) < 4 or not is_latin(key) or _not_romanised(name):
            return []
        places = {ref >> 1 for article in article_for(key) for ref in self.refs(f"{article} {key}")}
        return [self.candidate(i, True, fuzzy=90.0) for i in sorted(places)]

    def article_variants(self, name: str) -> list[Candidate]:
        """Places stored as the Arabic article and one word that `name` (an article and one word) spells
        with other vowels: 'Al Hamdiyah' is GeoNames's 'Al Ḩamīdīyah'. `variants` leaves such names out
        (one word's skeleton meets too many: 'hamda' has that of 'hamdiyah'); here the stored name must also
        have the article (in a form the word takes: names.article_for), the word's first letter and its
        consonant skeleton, and the two words, as written (translit folds 'hamdiyah' to 'hamdia', near
        'hamda'), must be near spellings (transliteration.toml article_word_ratio)."""
        words = fold(name).split()
        if len(words) != 2 or words[0] not in article_forms() or len(words[1]) < 4 or not words[1].isascii() \
                or not words[1].isalpha() or _not_romanised(name):
            return []
        word = words[1]
        skel = word_skeleton(word)
        places: set[int] = set()
        for article in {words[0], *article_for(word)}:
            prefix = f"{article} {word[0]}"
            for k in self.keys.slice(*self.keys.prefix_range(prefix)):
                rest = k[len(article) + 1:]
                if " " not in rest and abs(len(rest) - len(word)) <= 3 and word_skeleton(rest) == skel \
                        and _near_spelling(word, rest, "article_word_ratio"):
                    places.update(ref >> 1 for ref in self.refs(k))
        return [self.candidate(i, True, fuzzy=90.0) for i in sorted(places)]

    def with_particle(self, name: str) -> list[Candidate]:
        """Places whose name is `name` (two or three words) with a Spanish or Portuguese particle between
        two of its words: 'Soledad Doblado' is Soledad de Doblado (data/transliteration.toml)."""
        places = {ref >> 1 for k in self._particle_keys(name) for ref in self.refs(k)}
        return [self.candidate(i, True, fuzzy=90.0) for i in sorted(places)]

    def _particle_keys(self, name: str) -> list[str]:
        """`name` (two or three words) with each dropped particle put back between two of its words;
        only after words some key starts with (most names have none: one look-up, not one a particle)."""
        words = fold(name).split()
        if not 2 <= len(words) <= 3 or not all(len(w) >= 3 and w.isalpha() and w.isascii() for w in words):
            return []
        return [" ".join([*words[:gap], particle, *words[gap:]])
                for gap in range(1, len(words)) if self.keys.has_prefix(" ".join(words[:gap]) + " ")
                for particle in skeleton_rules()["dropped_particles"]]

    def _skeleton_keys(self, skel: str) -> list[str]:
        """The name keys with consonant skeleton `skel`, from the file's table (built with the gazetteer)."""
        found = self._skeleton_cache.get(skel)
        if found is None:
            if self._skeleton_db is None:
                if self.path is None:
                    return []
                self._skeleton_db = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False)
            rows = self._skeleton_db.execute("SELECT key FROM skeletons WHERE skel = ?", (skel,)).fetchall()
            found = self._skeleton_cache[skel] = [k for (k,) in rows]
        return found

    def fuzzy(self, name: str, cutoff: float = 85.0, limit: int = 5) -> list[Candidate]:
        """Near spellings (rapidfuzz), among names sharing the first two letters; for unknown words only."""
        key = fold(name)
        if len(key) < 5 or not is_latin(key):
            return []
        stem = strip_adjectival(translit(key))
        choices = self._bucket(stem[:2])
        out: list[Candidate] = []
        seen: set[int] = set()
        for tkey, score in _best_stem_matches(stem, choices, cutoff, limit):
            for k in self._folded_for(tkey):
                for ref in self.refs(k):
                    if ref >> 1 not in seen:
                        seen.add(ref >> 1)
                        out.append(self.candidate(ref >> 1, True, fuzzy=float(score)))
        return out

    def lookup(self, name: str, fuzzy: bool = True) -> list[Candidate]:
        """Candidates for a name: exact, else transliteration variants, else (optionally) fuzzy.

        Results are cached per (name, fuzzy): treat them as read-only.
        """
        cache_key = (name, fuzzy)
        found = self._cache.get(cache_key)
        if found is None:
            found = self._lookup(name, fuzzy)
            if len(self._cache) > 50_000:
                self._cache.clear()
            self._cache[cache_key] = found
        return found

    def _lookup(self, name: str, fuzzy: bool) -> list[Candidate]:
        found = self.exact(name)
        if not found:
            found = self.transliterated(name)
        if not found:
            found = self.variants(name)
        if not found:
            found = self.with_particle(name) or self.with_article(name) or self.article_variants(name)
        if not found and fuzzy:
            found = self.fuzzy(name)
        return found

    def _folded_for(self, tkey: str) -> list[str]:
        keys = self.translit_keys(tkey)
        if self._find(self.keys, tkey) >= 0:
            keys.append(tkey)
        return keys

    def _bucket(self, prefix: str) -> list[str]:
        """Single-word Latin keys (folded and transliterated) starting with `prefix` (two letters), sorted.

        Built per prefix on first fuzzy use: both key lists are sorted, so a prefix is one contiguous
        range of each, found by bisection instead of scanning a million keys.
        """
        bucket = self._fuzzy_buckets.get(prefix)
        if bucket is None:
            found: set[str] = set()
            if len(prefix) == 2 and prefix.isascii():
                for source in (self.keys, self.tkeys):
                    for k in source.slice(*source.prefix_range(prefix)):
                        if " " not in k and len(k) >= 4 and k.isascii():
                            found.add(k)
            bucket = self._fuzzy_buckets[prefix] = sorted(found)
        return bucket


class SortedKeys:
    """Sorted strings kept as one newline-joined string plus start offsets: loads at once, bisects fast."""

    # every STRIDE-th key, split out on the first look-up: bisect (in C) over them first leaves a
    # Python bisection over STRIDE keys instead of a million (a third of a look-up's time)
    STRIDE = 64

    def __init__(self, blob: str, starts: array):
        self.blob = blob
        self.starts = starts
        self.n = len(starts)
        self._sample: list[str] | None = None

    def __len__(self) -> int:
        return self.n

    def __getitem__(self, i: int) -> str:
        end = self.starts[i + 1] - 1 if i + 1 < self.n else len(self.blob)
        return self.blob[self.starts[i]:end]

    def slice(self, start: int, stop: int) -> list[str]:
        """Keys start..stop-1, split out of the blob at once."""
        if start >= stop:
            return []
        end = self.starts[stop] - 1 if stop < self.n else len(self.blob)
        return self.blob[self.starts[start]:end].split("\n")

    def __iter__(self):
        return iter(self.blob.split("\n")) if self.blob else iter(())

    def lower_bound(self, key: str) -> int:
        """Index of the first key >= `key`."""
        if self._sample is None:
            self._sample = [self[i] for i in range(0, self.n, self.STRIDE)]
        # sample[j - 1] < key <= sample[j]: the first key >= `key` is after key STRIDE*(j-1), at STRIDE*j at the latest
        j = bisect_left(self._sample, key)
        lo, hi = (self.STRIDE * (j - 1) + 1 if j else 0), min(self.STRIDE * j, self.n)
        while lo < hi:
            mid = (lo + hi) // 2
            if self[mid] < key:
                lo = mid + 1
            else:
                hi = mid
        return lo

    def prefix_range(self, prefix: str) -> tuple[int, int]:
        """(start, stop) of the keys that start with `prefix`."""
        lo = self.lower_bound(prefix)
        hi = lo
        step = 1
        while hi + step <= self.n and self[hi + step - 1].startswith(prefix):  # gallop, then bisect
            hi += step
            step *= 2
        top = min(self.n, hi + step)
        while hi < top:
            mid = (hi + top) // 2
            if self[mid].startswith(prefix):
                hi = mid + 1
            else:
                top = mid
        return lo, hi

    def has_prefix(self, prefix: str) -> bool:
        """Whether some key starts with `prefix`."""
        lo = self.lower_bound(prefix)
        return lo < self.n and self[lo].startswith(prefix)

    def find(self, key: str) -> int:
        """Index of `key`, or -1."""
        lo = self.lower_bound(key)
        return lo if lo < self.n and self[lo] == key else -1


def _not_romanised(name: str) -> bool:
    """An acronym (LGA) or an English word (city, district, the) is not a romanised name's part."""
    generic = _generic_words()
    return any((len(w) > 1 and w.isupper()) or w.lower() in generic for w in name.split())


@lru_cache(maxsize=1)
def _generic_words() -> frozenset[str]:
    from .build import _division_suffixes, toponym_cues

    return _division_suffixes() | frozenset(toponym_cues()["town_words"]) | frozenset(skeleton_rules()["english_words"])


def _near_spelling(a: str, b: str, rule: str = "near_ratio") -> bool:
    """Two keys close enough (rapidfuzz ratio at least transliteration.toml's `rule`) to be spellings of
    one name: transliterated keys by near_ratio, two folded words after an article by article_word_ratio."""
    from rapidfuzz import fuzz

    return fuzz.ratio(a, b) >= skeleton_rules()[rule]


def _stem_ratio(a: str, b: str, **kwargs) -> float:
    """Similarity of a stem to a name, forgiving a name that runs on past the stem (-vend after -ve)."""
    from rapidfuzz import fuzz

    score = fuzz.ratio(a, b, **kwargs)
    if len(b) > len(a) >= 5 and b.startswith(a[:4]):
        score = max(score, fuzz.ratio(a, b[: len(a) + 1]) - 5)
    return score


def _best_stem_matches(stem: str, choices: list[str], cutoff: float, limit: int) -> list[tuple[str, float]]:
    """The `limit` choices (sorted) scoring best by _stem_ratio, at least `cutoff`; ties in choice order.

    The same as process.extract(stem, choices, scorer=_stem_ratio, ...), but fuzz.ratio runs natively
    over the whole bucket and the Python part of _stem_ratio only over the choices it can raise: those
    that start with the stem's first four letters, one contiguous run of the sorted choices.
    """
    from rapidfuzz import fuzz, process

    scores = {i: score for _, score, i in process.extract(
        stem, choices, scorer=fuzz.ratio, limit=None, score_cutoff=cutoff)}
    if len(stem) >= 5:
        head = stem[:4]
        i = bisect_left(choices, head)
        while i < len(choices) and choices[i].startswith(head):
            b = choices[i]
            if len(b) > len(stem):
                score = max(scores.get(i, 0.0), fuzz.ratio(stem, b[: len(stem) + 1]) - 5)
                if score >= cutoff:
                    scores[i] = score
            i += 1
    best = sorted(scores.items(), key=lambda item: (-item[1], item[0]))[:limit]
    return [(choices[i], score) for i, score in best]


def _array(code: str, data: bytes) -> array:
    out = array(code)
    out.frombytes(data)
    return out


_lock = threading.Lock()
_instance: Gazetteer | None = None


def get_gazetteer() -> Gazetteer:
    """The process's gazetteer, loaded on first use (and built first if missing)."""
    global _instance
    if _instance is None:
        with _lock:
            if _instance is None:
                _instance = Gazetteer.load()
    return _instance
