"""polemos_geoparser: resolve each toponym to a gazetteer entry.

Owner: geoparsing (issue 5). Reads doc._.toponyms (and each span's
span._.toponym reading), writes doc._.places: one Place per toponym, same
order, with null coordinates where no entry fits. The resolution itself
(population, feature type, country focus, 'X, Y' parents, proximity) is in
polemos.gazetteer.resolve, shared with `polemos geoparse`; the areas where the
note's actors operate (data/actor_areas.tsv) are read here, and only when needed.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc, Span

from polemos.gazetteer.build import read_tsv
from polemos.gazetteer.index import ADMIN1_CODES, Candidate, Gazetteer
from polemos.gazetteer.resolve import Mention, Resolver, as_guess, to_place

from .actors import PhraseTable, add_alias, find_aliases, find_mentions, load_actor_knowledge, sort_phrases
from .components import NOTE_CHARS, doc_text


class Geoparser:
    def __init__(self) -> None:
        self._resolver: Resolver | None = None

    @property
    def resolver(self) -> Resolver:
        if self._resolver is None:
            self._resolver = Resolver()
        return self._resolver

    def __call__(self, doc: Doc) -> Doc:
        mentions = self.find(doc)
        self.set_annotations(doc, mentions)
        return doc

    def find(self, doc: Doc) -> list[Mention]:
        return [mention_of(span) for span in doc._.toponyms or []]

    def set_annotations(self, doc: Doc, mentions: list[Mention]) -> None:
        if not mentions:
            doc._.places = []
            return
        areas = LazyList(lambda: actor_areas(doc))  # a scan of the tokens: only when a name needs it
        chosen = self.resolver.resolve(mentions, actor_countries(doc), areas)
        if len(doc_text(doc)) <= NOTE_CHARS:  # a note names its scene's village; a long story names many
            away_from_actor_areas(mentions, chosen, areas, self.resolver.gaz)
        doc._.places = [to_place(m, c, self.resolver.gaz) for m, c in zip(mentions, chosen)]


def actor_countries(doc: Doc) -> list[str]:
    """The country of each armed group or state force of one country that the document names
    (data/armed_groups.tsv), once per group: a vote for the document's country focus."""
    kb = load_actor_knowledge()
    seen: dict[str, str] = {}
    for m in find_mentions(doc):
        if m.kind != "group":
            continue
        groups = kb.groups.get(m.value, [])
        countries = {g.country for g in groups}
        if len(countries) == 1 and None not in countries:
            seen.setdefault(groups[0].name, countries.pop())
    return list(seen.values())


def actor_areas(doc: Doc) -> list[tuple[str, str]]:
    """The (country, first-level division) pairs where the actors the document names operate
    (data/actor_areas.tsv): which of several same-named villages a note that names no province means.
    An actor is named by an alias of its armed group (data/armed_groups.tsv) or by one of its own
    aliases, found the same way. Computed once per Doc: the geoparser and the event locator both read them."""
    cached = doc.user_data.get("polemos_actor_areas")
    if cached is not None:
        return list(cached)
    kb = load_actor_knowledge()
    aliases, table = _area_table()
    named = {g.name for m in find_mentions(doc) if m.kind == "group" for g in kb.groups.get(m.value, [])}
    named.update(m.value for m in find_aliases(doc, aliases))
    out: list[tuple[str, str]] = []
    for actor, areas in table.items():
        if actor in named:
            out.extend(a for a in areas if a not in out)
    doc.user_data["polemos_actor_areas"] = tuple(out)
    return out


class LazyList:
    """A list computed on first use: the resolver reads the actors' areas only for a name of several
    villages or of one village known only outside them, and most documents have neither."""

    def __init__(self, compute: Callable[[], list]) -> None:
        self._compute = compute
        self._items: list | None = None

    def _get(self) -> list:
        if self._items is None:
            self._items = self._compute()
        return self._items

    def __iter__(self) -> Iterator:
        return iter(self._get())

    def __len__(self) -> int:
        return len(self._get())

    def __bool__(self) -> bool:
        return bool(self._get())


# A reading this small of a name the note gives no province for is a namesake, not a town it would
# name bare however far from where its actors operate.
AREA_VILLAGE_POPULATION = 20_000


def away_from_actor_areas(mentions: list[Mention], chosen: list[Candidate | None], areas: Iterable[tuple[str, str]],
                          gaz: Gazetteer) -> None:
    """'the OSCE SMM observed explosions near Kruta Balka', whose only Kruta Balka in the gazetteer lies
    in Poltava oblast: in a note whose one place below a country is a village named bare, every
    reading of which lies outside the divisions where the note's actors operate, the village is one
    of those divisions' that the gazetteer lacks. It is put at the seat of the actors' main division
    in that country (the first one data/actor_areas.tsv lists), as a guess."""
    for i, c in enumerate(chosen):
        if not _a_bare_village(mentions[i], c) or _other_places_named(mentions, chosen, i):
            continue
        own = [a for cc, a in areas if cc == c.country_code]
        if not own or any(o.country_code == c.country_code and o.admin1 in own for o in mentions[i].candidates):
            continue
        seat = gaz.admin1_seat(c.country_code, own[0])
        if seat is not None:
            chosen[i] = as_guess(seat)


def _other_places_named(mentions: list[Mention], chosen: list[Candidate | None], i: int) -> bool:
    """The note names a place below a country under another name than mention i's."""
    own = mentions[i].folded_name
    return any(c is not None and not c.is_country and m.folded_name != own
               for j, (m, c) in enumerate(zip(mentions, chosen)) if j != i and m.role in ("place", "metonym"))


def _a_bare_village(m: Mention, c: Candidate | None) -> bool:
    """A village read from a name of its own, no parent given, nothing larger among its readings."""
    return (c is not None and c.is_town and not c.fuzzy and m.role == "place" and m.parent is None
            and all(o.population < AREA_VILLAGE_POPULATION for o in m.candidates if o.is_town)
            and not any(o.feature_code in ADMIN1_CODES or o.is_country for o in m.candidates))


@lru_cache(maxsize=1)
def _area_table() -> tuple[PhraseTable, dict[str, list[tuple[str, str]]]]:
    """The own aliases of the actors of data/actor_areas.tsv (kind 'actor', value the actor), and
    each actor's areas in the order listed."""
    aliases: PhraseTable = defaultdict(list)
    table: dict[str, list[tuple[str, str]]] = {}
    for row in read_tsv("actor_areas.tsv"):
        for alias in filter(None, row["aliases"].split("|")):
            add_alias(aliases, alias, "actor", row["actor"])
        table.setdefault(row["actor"], []).extend((row["country"], a) for a in row["areas"].split("|") if a)
    sort_phrases(aliases)
    return aliases, table


def mention_of(span: Span) -> Mention:
    """The recogniser's reading of a toponym span, or a plain one for spans from elsewhere."""
    m = span._.toponym if Span.has_extension("toponym") else None
    if isinstance(m, Mention):
        return m
    return Mention(text=span.text, start=span.start_char, end=span.end_char)


@Language.factory("polemos_geoparser")
def make_geoparser(nlp: Language, name: str) -> Geoparser:
    return Geoparser()
