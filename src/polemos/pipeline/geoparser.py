"""polemos_geoparser: resolve each toponym to a gazetteer entry.

Owner: geoparsing (issue 5). Reads doc._.toponyms (and each span's
span._.toponym reading), writes doc._.places: one Place per toponym, same
order, with null coordinates where no entry fits. The resolution itself
(population, feature type, country focus, 'X, Y' parents, proximity) is in
polemos.gazetteer.resolve, shared with `polemos geoparse`.
"""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc, Span

from polemos.gazetteer.build import read_tsv
from polemos.gazetteer.resolve import Mention, Resolver, to_place

from .components import doc_text


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
        chosen = self.resolver.resolve(mentions, actor_countries(doc), actor_areas(doc))
        doc._.places = [to_place(m, c, self.resolver.gaz) for m, c in zip(mentions, chosen)]


def actor_countries(doc: Doc) -> list[str]:
    """The country of each armed group or state force of one country that the document names
    (data/armed_groups.tsv), once per group: a vote for the document's country focus."""
    from .actors import find_mentions, load_actor_knowledge

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
    (data/actor_areas.tsv): which of several same-named villages a note that names no province means."""
    from .actors import find_mentions, load_actor_knowledge

    kb = load_actor_knowledge()
    named = {g.name for m in find_mentions(doc) if m.kind == "group" for g in kb.groups.get(m.value, [])}
    text = doc_text(doc)
    out: list[tuple[str, str]] = []
    for actor, patterns, areas in _area_table():
        if actor in named or any(p.search(text) for p in patterns):
            out.extend(a for a in areas if a not in out)
    return out


@lru_cache(maxsize=1)
def _area_table() -> list[tuple[str, list[re.Pattern], list[tuple[str, str]]]]:
    """(actor, patterns of its own aliases, its areas) per actor of data/actor_areas.tsv."""
    table: dict[str, tuple[list[re.Pattern], list[tuple[str, str]]]] = {}
    for row in read_tsv("actor_areas.tsv"):
        patterns, areas = table.setdefault(row["actor"], ([], []))
        aliases = [a for a in row["aliases"].split("|") if a]
        capitals = [a for a in aliases if a.isupper()]  # 'SMM' in capitals only, not the word 'smm'
        others = [a for a in aliases if not a.isupper()]
        if capitals:
            patterns.append(re.compile(r"\b(?:" + "|".join(map(re.escape, capitals)) + r")\b"))
        if others:
            patterns.append(re.compile(r"\b(?:" + "|".join(map(re.escape, others)) + r")\b", re.IGNORECASE))
        areas.extend((row["country"], a) for a in row["areas"].split("|") if a)
    return [(actor, patterns, areas) for actor, (patterns, areas) in table.items()]


def mention_of(span: Span) -> Mention:
    """The recogniser's reading of a toponym span, or a plain one for spans from elsewhere."""
    m = span._.toponym if Span.has_extension("toponym") else None
    if isinstance(m, Mention):
        return m
    return Mention(text=span.text, start=span.start_char, end=span.end_char)


@Language.factory("polemos_geoparser")
def make_geoparser(nlp: Language, name: str) -> Geoparser:
    return Geoparser()
