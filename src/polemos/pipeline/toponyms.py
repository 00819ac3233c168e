"""polemos_toponyms: find the place names in a document.

Owner: geoparsing (issue 5). Writes doc._.toponyms (Spans, text order); each
Span carries its reading in span._.toponym (a polemos.gazetteer.resolve.Mention:
role, administrative suffix, parent place, whether fuzzy look-up is allowed).

The small NER model misses or mislabels many conflict toponyms, so three
sources are merged: NER's GPE/LOC/FAC entities, gazetteer matches of
proper-noun token runs (accepted on context: a locative word before, a
division word after, or a prominent place), and demonyms (`Armenian-backed`)
mapped to their country with role 'demonym'. Unknown capitalised words in
location context (`in the X district`) get a fuzzy, transliteration-aware
look-up. Word lists are in data/toponym_cues.json and data/demonyms.tsv.
"""

from __future__ import annotations

from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from polemos.gazetteer.build import toponym_cues, read_tsv
from polemos.gazetteer.names import article_forms, fold
from polemos.gazetteer.index import LARGE_REGION_CODES
from polemos.gazetteer.resolve import LIST_JOINS, Mention, is_direction_name

from .components import ARTICLES, doc_text

PLACE_LABELS = ("GPE", "LOC", "FAC")
MAX_TOKENS = 5
# NER's labels for a bare village name it does not know ('near Hnutove' as a work of art)
MISREAD_VILLAGE_LABELS = frozenset({"ORG", "NORP", "WORK_OF_ART", "PRODUCT"})
ROMANCE_CONNECTORS = frozenset({"de", "del", "la", "las", "los", "do", "da", "dos", "das"})
# 'wa' (and) and the Arabic article as it is written before some letters ('Dhi as Sufal', 'Suq ash Shuyukh')
CONNECTORS = frozenset({"of", "de", "del", "la", "le", "el", "al", "los", "las", "upon", "on", "du", "des", "da", "do", "dos", "van", "von", "am", "an", "bin",
                        "wa", "ash", "ad", "adh", "ar", "as", "at", "ath", "az"})

if not Span.has_extension("toponym"):
    Span.set_extension("toponym", default=None)


@lru_cache(maxsize=1)
def cues() -> dict[str, frozenset[str]]:
    """The word lists of data/toponym_cues.json, as sets."""
    return {k: frozenset(v) for k, v in toponym_cues().items() if isinstance(v, list)}


@lru_cache(maxsize=None)
def cue_union(*names: str) -> frozenset[str]:
    """The union of several cue lists, built once: the tests below run for every token."""
    return frozenset().union(*(cues()[name] for name in names))


def compound_regions() -> dict[str, str]:
    """'asia-pacific' -> 'North Pacific Ocean' (data/toponym_cues.json compound_regions)."""
    return toponym_cues()["compound_regions"]


def _compound_region(span: Span) -> str | None:
    """'the Asia-Pacific region': the ocean after a continent and a hyphen is the part of it by that
    continent (the North Pacific), not the whole ocean's centre south of the equator."""
    doc, k = span.doc, span.start
    if k < 2 or doc[k - 1].text not in ("-", "–"):
        return None
    return compound_regions().get(f"{doc[k - 2].lower_}-{span.text.lower()}")


def _cue_words() -> frozenset[str]:
    """Words that, after a place, say what it is rather than going on with a name (_names_an_organisation,
    _continues_a_name)."""
    return cue_union("not_places", "admin_suffixes", "town_words", "street_words")


@lru_cache(maxsize=1)
def demonyms() -> dict[str, str]:
    """Adjective (as written) -> country code or regions.tsv name; plurals derived."""
    table: dict[str, str] = {}
    for row in read_tsv("demonyms.tsv"):
        adj, place = row["adjective"], row["place"]
        if not adj or not place:
            continue
        table[adj] = place
        if adj.endswith(("an", "i", "d", "b", "k", "z")):  # nouns of people: Armenians, Iraqis, Kurds, Uzbeks
            table.setdefault(adj + "s", place)
    return table


class ToponymRecognizer:
    def __init__(self, nlp: Language):
        self.nlp = nlp
        self._gaz = None

    @property
    def gaz(self):
        if self._gaz is None:
            from polemos.gazetteer.index import get_gazetteer

            self._gaz = get_gazetteer()
        return self._gaz

    def __call__(self, doc: Doc) -> Doc:
        found = self.find(doc)
        self.set_annotations(doc, found)
        return doc

    # ---- find --------------------------------------------------------------------------------

    def find(self, doc: Doc) -> list[tuple[Span, Mention]]:
        taken = [False] * len(doc)
        out: list[tuple[Span, Mention]] = []
        # spaCy makes a new Token object at every doc[k] and every pass over the doc: make them once
        tokens = list(doc)

        def add(span: Span, mention: Mention) -> None:
            if any(taken[span.start:span.end]):
                return
            for k in range(span.start, span.end):
                taken[k] = True
            out.append((span, mention))

        for span, m in self._demonyms(doc, tokens):
            add(span, m)
        for span in [*self._neighbourhoods(doc, tokens), *self._longer_unknown_names(doc, tokens)]:
            for k in range(span.start, span.end):
                taken[k] = True  # its words are no places of their own: the town named beside it says where
        ents = list(doc.ents)
        runs = list(self._gazetteer_runs(doc, ents, tokens))
        for span, m in runs:  # known names of several words first: NER splits 'Baja California'
            if len(span) > 1:
                add(span, m)
        for ent in ents:
            if ent.label_ in PLACE_LABELS:
                for part in _comma_parts(ent):
                    found = self._from_entity(doc, part)
                    if found:
                        add(*found)
        for span, m in runs:
            add(span, m)
        out.sort(key=lambda pair: pair[0].start)
        ends = {span.end for span, _ in out}
        out = [(span, m) for span, m in out if not self._in_an_alias_bracket(doc, span, ends)]
        self._link_parents(doc, out)
        for span, m in out:
            if m.role == "place" and self._is_metonym(doc, span):
                m.role = "metonym"
            elif m.role == "place" and (self._names_a_currency(doc, span) or self._names_an_organisation(doc, span)
                                        or _inside_a_group_name(doc, span, self.gaz)):
                m.role = "embedded"
        return out

    def _mention(self, span: Span, name: str | None = None, **kw) -> Mention:
        if kw.get("admin_hint") is None and len(span) > 1 and span[-1].lower_ in cues()["town_words"]:
            kw["admin_hint"] = "town"  # a known name ending in 'City' ('Quebec City') is the city, not the province
        if kw.get("admin_hint") is None:
            kw["admin_hint"] = _prefix_hint(span) or self._hint_after_a_bracket(span)
        if name is None and span.start > 0 and span.doc[span.start - 1].lower_ == "the" and self._the_region(span.text):
            name = "the " + span.text
        name = name or self._compass_part(span) or _compound_region(span)
        after = span.doc[span.end].lower_ if span.end < len(span.doc) else ""
        return Mention(text=span.text, start=span.start_char, end=span.end_char, name=name,
                       part=after in cues()["part_words"], facility=after in cues()["facility_words"], **kw)

    def _hint_after_a_bracket(self, span: Span) -> str | None:
        """'Shindand (Sabzevar) district': a division word after the bracket that follows the name,
        which gives its other name, says what the name is."""
        doc = span.doc
        if span.end >= len(doc) or doc[span.end].text != "(":
            return None
        close = next((k for k in range(span.end + 1, min(span.end + 10, len(doc))) if doc[k].text == ")"), None)
        if close is None or close + 1 >= len(doc) or any(t.text == "," for t in doc[span.end:close]):
            return None  # 'Dansadau (Maru LGA, Zamfara)': a bracket with a comma is a locator, not another name
        return "admin" if self._suffix_hint(doc[close + 1]) == "admin" else None

    def _compass_part(self, span: Span) -> str | None:
        """'the north Atlantic', 'east Africa': a lower-case compass word before a sea or region that
        has a part of that name (the North Atlantic Ocean) names the part, written small."""
        if span.start == 0 or not span.doc[span.start - 1].is_lower or not is_direction_name(span.doc[span.start - 1].text):
            return None
        name = f"{span.doc[span.start - 1].text.capitalize()} {span.text}"
        return name if any(c.feature_code in LARGE_REGION_CODES for c in self.gaz.lookup(name, fuzzy=False)) else None

    def _from_entity(self, doc: Doc, ent: Span) -> tuple[Span, Mention] | None:
        """An NER place entity, trimmed of 'the', a possessive and a division word."""
        start, end = ent.start, ent.end
        while start < end and doc[start].lower_ in ("the", "a"):
            start += 1
        while end > start and doc[end - 1].text in ("'s", "’s", "'", "’"):
            end -= 1
        if start >= end or (end - start == 1 and _opens_a_longer_name(doc, start)):
            return None
        hint = None
        last = doc[end - 1].lower_
        if self.gaz.has(doc[start:end].text):
            last = ""  # 'Mexico City', 'Kansas City': the whole name is known
        if end - start > 1 and last in cues()["feature_words"]:
            end -= 1
            hint = "feature"
        elif end - start > 1 and last in cues()["admin_suffixes"]:
            end -= 1
            hint = "admin"
        elif end - start > 1 and last in cues()["town_words"]:
            end -= 1
            hint = "town"
        elif end < len(doc):
            hint = self._suffix_hint(doc[end])
        span = doc[start:end]
        known = self.gaz.has(span.text)
        if hint is None and known and end < len(doc):
            hint = self._office_hint(doc[end])
        if ent.label_ == "FAC" and not known:
            return None
        after_comma = start > 0 and doc[start - 1].text == ","
        if len(span.text) <= 3 and span.text.isupper() and not self._is_big_place(span.text, after_comma):
            return None  # an abbreviation: only those of countries and unions (US, UK, EU) are places
        fuzzy = not known and (hint is not None or self._locative_before(doc, start))
        return span, self._mention(span, admin_hint=hint, fuzzy=fuzzy)

    def _the_region(self, name: str) -> bool:
        """'the West' is a region's name (the Western world), where 'West' is Cameroon's division;
        'the Valley' is no more Anguilla's capital than 'Valley' is."""
        return any(c.feature_code in LARGE_REGION_CODES for c in self.gaz.lookup("the " + name, fuzzy=False))

    def _is_big_place(self, name: str, after_comma: bool = False) -> bool:
        """Short capitals that name places: countries and unions (US, UK, EU); states' postal
        codes only after a comma ('Gainesville, VA')."""
        codes = ("RGN", "CONT", "ADM1") if after_comma else ("RGN", "CONT")
        return any(c.is_country or c.feature_code in codes for c in self.gaz.lookup(name, fuzzy=False))

    @staticmethod
    def _suffix_word_hint(word: str) -> str | None:
        if word in cues()["feature_words"]:
            return "feature"  # 'the X Valley': a place, not a hint that it is the division X
        if word in cues()["admin_suffixes"]:
            return "admin"
        if word in cues()["town_words"]:
            return "town"
        return None

    def _suffix_hint(self, token: Token) -> str | None:
        word = token.lower_
        hint = self._suffix_word_hint(word)
        if hint is not None:
            return hint
        if len(word) >= 7 and token.is_lower:
            from rapidfuzz import fuzz

            if any(fuzz.ratio(word, s) >= 85 for s in cues()["fuzzy_suffixes"]):
                return "admin"  # a misspelt division word ('distinct' for 'district')
        return None

    @staticmethod
    def _office_hint(token: Token) -> str | None:
        """'a New York court', 'Texas lawmakers': a division's institution names the division. Only for
        known names: unlike a division word, it does not make an unknown word a place."""
        return "admin" if token.lower_ in cues()["division_office_words"] else None

    def _locative_before(self, doc: Doc, start: int) -> bool:
        k = start - 1
        if k >= 0 and doc[k].lower_ == "the":
            k -= 1
        if k >= 1 and doc[k].lower_ == "of" and doc[k - 1].lower_ in cue_union("locative_before", "place_nouns_before"):
            return True  # 'the city of Jenin', 'the village of Beita', '30km east of Dori', 'outskirts of X'
        return k >= 0 and doc[k].lower_ in cue_union("locative_before", "place_nouns_before")

    def _strong_context(self, doc: Doc, start: int, end: int) -> bool:
        k = start - 1
        if k >= 0 and doc[k].lower_ == "the":
            k -= 1
        if k >= 1 and doc[k].lower_ == "of" and doc[k - 1].lower_ in cues()["place_nouns_before"]:
            k -= 1  # 'the countryside of Jisr al Shughur', 'the village of X': as strong as 'village X'
        elif k >= 1 and doc[k].lower_ == "of" and is_direction_name(doc[k - 1].text):
            return True  # '25km south of Dori': a distance and bearing from a place
        elif k >= 1 and _names_an_origin(doc[k - 1].lower_, doc[k].lower_):
            return True  # 'a man from Dael', 'three residents of Dael': where people live or come from
        before = k >= 0 and doc[k].lower_ in cue_union("strong_locative", "place_nouns_before")
        after = end < len(doc) and self._suffix_hint(doc[end]) is not None
        # 'X, Y' or 'X (Y)' with Y a known place: 'Raghwan (Marib)', the way notes give a district's province
        comma_parent = end + 1 < len(doc) and doc[end].text in (",", "(") and self.gaz.has(doc[end + 1].text) and doc[end + 1].is_title
        return before or after or comma_parent or _opens_a_locator(doc, doc[start:end])

    def _demonyms(self, doc: Doc, tokens: list[Token]):
        table = demonyms()
        text = doc_text(doc)
        i, n = 0, len(tokens)
        while i < n:
            tok = tokens[i]
            if tok.is_title or tok.is_upper:
                two = text[tok.idx:tokens[i + 1].idx + len(tokens[i + 1].text)] if i + 1 < n else None
                if two and two in table:
                    span = doc[i:i + 2]
                elif tok.text in table and not (two and tokens[i + 1].is_title and self.gaz.has(two)):
                    span = doc[i:i + 1]  # but 'Western Sahara', 'Indian Ocean': the longer name is the place
                else:
                    i += 1
                    continue
                target = table[span.text]
                cand = self._demonym_target(target)
                if cand is not None:
                    m = self._mention(span, role="demonym", forced=cand)
                    yield span, m
                i = span.end
                continue
            i += 1

    def _neighbourhoods(self, doc: Doc, tokens: list[Token]):
        """'Colonia Obrera', 'Barangay Talisay': a neighbourhood word and the capitalised name after
        it, unless the whole is a place the gazetteer knows ('Vila Real')."""
        words = cues()["neighbourhood_words"]
        for tok in tokens:
            if tok.lower_ not in words or not _capitalised(tok):
                continue
            end = tok.i + 1
            while end < len(doc) and end - tok.i <= MAX_TOKENS and (_capitalised(tokens[end]) or tokens[end].lower_ in CONNECTORS):
                end += 1
            while end > tok.i + 1 and not _capitalised(tokens[end - 1]):
                end -= 1  # not ending on 'de'
            if end > tok.i + 1 and not self.gaz.has(doc[tok.i:end].text):
                yield doc[tok.i:end]

    def _region_of_institution(self, words: list[str]):
        """'European Commission', 'European Central Bank': a name the gazetteer lacks that opens with
        the adjective of a continent or world region is an institution of that region, and sits at
        its point (a country's adjective does not do: a 'British International School' is in Cairo)."""
        if len(words) < 2 or words[0] not in demonyms() or is_direction_name(words[0]) or self.gaz.has(" ".join(words)):
            return None  # 'Western Trust' is a health board of the west of a province, not of the Western world
        cand = self._demonym_target(demonyms()[words[0]])
        return cand if cand is not None and not cand.country_code else None

    def _demonym_target(self, target: str):
        if len(target) == 2 and target.isupper():
            return self.gaz.country(target)
        if len(target) > 3 and target[2] == "-" and target[:2].isupper():  # CC-Division
            found = [c for c in self.gaz.exact(target[3:]) if c.country_code == target[:2] and not c.alternate]
            return max(found, key=lambda c: c.population, default=None)
        found = [c for c in self.gaz.exact(target) if not c.alternate]
        return max(found, key=lambda c: c.population) if found else None

    def _gazetteer_runs(self, doc: Doc, ents: list[Span], tokens: list[Token]):
        """Proper-noun runs that the gazetteer knows, accepted on context."""
        ent_of = {}
        for ent in ents:
            for k in range(ent.start, ent.end):
                ent_of[k] = ent
        not_places = cues()["not_places"]
        titles = cues()["person_titles"]
        text = doc_text(doc)
        capitalised = [_capitalised(t) for t in tokens]
        # tokens a multi-word name may hold: capitalised words, connectors ('of', 'de'), '-' and "'"
        in_name = [c or t.lower_ in CONNECTORS or t.text in ("-", "'") for t, c in zip(tokens, capitalised)]
        i, n = 0, len(doc)
        while i < n:
            tok = tokens[i]
            # a word that is no place alone ('White', 'Saint', 'New') opens only a prominent longer name:
            # 'the White House', 'the Saint Lucia National Trust', which NER reads as organisations
            opener = tok.lower_ in not_places and not tok.is_upper
            # 'As Salif', 'At Taff': inside a sentence, a capitalised Arabic article ('As', 'At', 'An'
            # are English words too) opens the name it is stored with, however small the place
            article = opener and tok.lower_ in article_forms() and not tok.is_sent_start
            if not capitalised[i] or opener and tok.lower_ in ARTICLES and not article:
                i += 1
                continue
            match = None
            run = 0  # how many tokens from i can be in a name
            while run < MAX_TOKENS and i + run < n and in_name[i + run]:
                run += 1
            for length in range(run, 1 if opener else 0, -1):
                last = tokens[i + length - 1]
                if not capitalised[i + length - 1]:
                    continue
                name = text[tok.idx:last.idx + len(last.text)]
                if self.gaz.has(name) and (not opener or article or _prominent(self.gaz.lookup(name, fuzzy=False))):
                    match = doc[i:i + length]
                    break
            if match is None and opener:
                i += 1
                continue
            if match is None:
                hint = self._suffix_hint(tokens[i + 1]) if i + 1 < n else None
                if hint and tok.pos_ == "PROPN" and tok.lower_ not in not_places and len(tok) >= 5 and not self.gaz.has(tok.text):
                    span = doc[i:i + 1]
                    yield span, self._mention(span, admin_hint=hint, fuzzy=True)
                i += 1
                continue
            if len(match) == 1 and _opens_a_longer_name(tokens, match.start):
                i = match.end
                # 'Hassan' of 'Bir Hassan' is no name of the place alone; the word after an article is
                # ('Al-Rashid District': the district's name as news drops the article)
                while tok.lower_ not in article_forms() and i < n and in_name[i]:
                    i += 1
                continue
            ent = ent_of.get(match.start)
            if ent is not None and ent.end < match.end:
                ent = None  # 'Busra ash Sham' split by NER into a people and an organisation: its label is of a part
            if self._accept(doc, match, ent, titles, ents):
                hint = (self._suffix_hint(tokens[match.end]) or self._office_hint(tokens[match.end])) if match.end < n else None
                role = "embedded" if self._inside_a_name(ent, match) else "place"
                yield match, self._mention(match, admin_hint=hint, role=role)
            i = match.end

    def _longer_unknown_names(self, doc: Doc, tokens: list[Token]):
        """'in San Pedro de Totoltepec village', 'in San Miguel Allende, Guanajuato': a name word
        that opens many names ('San'), in place context, then capitalised words and connectors that
        the gazetteer knows only the start of ('San Pedro'): a longer name it lacks, which names no
        place (its start, and near spellings of it, are other saints' villages)."""
        openers = cues()["name_openers"]
        for tok in tokens:
            if tok.lower_ not in openers or not _capitalised(tok) or not self._locative_before(doc, tok.i):
                continue
            end = tok.i + 1
            while end < len(doc) and end - tok.i < MAX_TOKENS and self._continues_a_name(tokens[end]):
                end += 1
            while end > tok.i + 1 and not _capitalised(tokens[end - 1]):
                end -= 1
            run = doc[tok.i:end]
            known = [k for k in range(tok.i + 2, end) if self.gaz.has(doc[tok.i:k].text)]
            if known and not self.gaz.has(run.text):
                yield run

    def _continues_a_name(self, tok: Token) -> bool:
        """A word that can go on a Spanish or Portuguese place name ('de', 'los', 'Totoltepec'), not
        a day ('in San Antonio on Friday') nor a division, town or street word ('San Diego County')."""
        if tok.lower_ in ROMANCE_CONNECTORS:
            return True
        return _capitalised(tok) and tok.lower_ not in _cue_words()

    def _accept(self, doc: Doc, span: Span, ent: Span | None, titles: frozenset[str], ents: list[Span]) -> bool:
        if span.start > 0 and doc[span.start - 1].lower_.rstrip(".") in titles:
            return False
        # a postal code or state abbreviation as a parent: 'Gainesville, VA', 'Pratapgarh (UP)'
        after_comma = span.start > 0 and doc[span.start - 1].text in (",", "(")
        if len(span.text) <= 3 and span.text.isupper() and not self._is_big_place(span.text, after_comma):
            return False
        if is_direction_name(span.text):
            return False  # 'Southern', 'West': a place only when NER says so (then _from_entity takes it)
        cands = self.gaz.lookup(span.text, fuzzy=False)
        if len(span.text) <= 3 and not span.text.isupper():
            # a short word in lower or title case is not a code: 'Al', 'Ar' (Arabic articles) and
            # 'No' are not Alabama, Arkansas or a division whose code is NO
            cands = [c for c in cands if fold(c.name) == fold(span.text)]
        if not cands:
            return False
        prominent = _prominent(cands)
        sizeable = prominent or any(c.population >= 5_000 or c.feature_code in ("ADM1", "ADM2") for c in cands)
        # a hyphen joins the words of one name ('Gorom-Gorom', 'Tin-Akoff'), as a connector does
        all_propn = all(t.pos_ == "PROPN" or t.lower_ in CONNECTORS or t.text == "-" for t in span)
        # 'Bokkos LGA', 'Chak district': NER reads a division as a person or an organisation
        division_after = span.end < len(doc) and self._suffix_hint(doc[span.end]) == "admin"
        # 'Suffolk County Times': a division's whole name, word included, says as much
        division_after = division_after or (len(span) > 1 and self._suffix_hint(span[-1]) == "admin")
        # 'Kurram District' read as a person's name: the division word is inside the entity
        whole_division = ent is not None and (ent.start, ent.end) == (span.start, span.end) and self._suffix_hint(span[-1]) == "admin"
        if ent is not None and ent.label_ == "PERSON" and division_after and (ent.end == span.end + 1 or whole_division):
            return sizeable or self._strong_context(doc, span.start, span.end)
        if ent is not None and ent.label_ == "PERSON":
            # NER often calls a lone town a person ('the capital X'): overrule it on place context, or
            # for a town of some size whose name never appears in a longer person's name here.
            if ent.end - ent.start > span.end - span.start:
                return False
            if self._strong_context(doc, span.start, span.end) or _closes_a_locator(doc, span) or _ends_a_comma_locator(doc, span, cands):
                return True
            town = any(not c.alternate and c.population >= 10_000 for c in cands)
            return (town or prominent) and not self._in_person_name(ents, span.text)
        if ent is not None and ent.label_ in ("ORG", "NORP", "WORK_OF_ART", "EVENT", "PRODUCT", "LAW", "LANGUAGE"):
            if len(span.text) <= 2 and not self._is_big_place(span.text):
                return False
            if self._bare_name_in_place_context(doc, span, ent, all_propn) or _ends_a_comma_locator(doc, span, cands):
                return True
            if all_propn and (_opens_a_locator(doc, span) or _closes_a_locator(doc, span)):
                return True  # 'Tasmakat-Kelbo (Dori, Seno)' read as one organisation: the village's district and province
            return prominent or (sizeable and all_propn and (self._locative_before(doc, span.start) or division_after))
        if ent is not None and ent.label_ in ("DATE", "TIME", "MONEY", "CARDINAL", "ORDINAL", "QUANTITY", "PERCENT") \
                and not _misread_as_a_date(ent):
            return False
        if prominent:
            return True
        if span.start == 0 or doc[span.start].is_sent_start:
            # sentence-initial capitals say little: a proper noun naming a town of some size
            return all_propn and sizeable
        if all_propn and (sizeable or self._locative_before(doc, span.start)):
            return True
        return self._strong_context(doc, span.start, span.end)

    def _bare_name_in_place_context(self, doc: Doc, span: Span, ent: Span, all_propn: bool) -> bool:
        """'near Zolote, Luhansk', 'in Marjayoun', 'near Vodiane': NER reads a village it does not
        know as an organisation, a people or a work's title; when the entity is the known name alone, after
        'near'/'in'/'at' or before ', Province', it is the village, however small."""
        if (ent.start, ent.end) != (span.start, span.end) or ent.label_ not in MISREAD_VILLAGE_LABELS:
            return False
        if not all_propn and not self._village_read_as_a_people(doc, span):
            return False
        return self._strong_context(doc, span.start, span.end)

    def _village_read_as_a_people(self, doc: Doc, span: Span) -> bool:
        """'in Mendhar sector area': NER and the tagger read a village they do not know as a people's
        adjective; one capitalised word that is no demonym, with a division word after it, is the village."""
        return (len(span) == 1 and span[0].is_title and span.text not in demonyms()
                and span.end < len(doc) and self._suffix_hint(doc[span.end]) == "admin")

    def _inside_a_name(self, ent: Span | None, match: Span) -> bool:
        """A place inside an organisation's or a work's name ('Bank of England'), not an entity that
        is only places, division words and punctuation ('Fundacion, Magdalena department')."""
        if ent is None or ent.label_ not in ("ORG", "WORK_OF_ART", "EVENT", "PRODUCT", "FAC"):
            return False
        if match.start > ent.start and ent.doc[match.start - 1].text == ",":
            return False  # 'Tepuche, Sinaloa' read as one organisation: a name's comma parent, as notes write it
        if _opens_a_locator(ent.doc, match) or _closes_a_locator(ent.doc, match):
            return False  # 'Tasmakat-Kelbo (Dori, Seno)': a village and its locator, not an organisation's name
        c = cues()
        for t in list(ent[: match.start - ent.start]) + list(ent[match.end - ent.start:]):
            if not t.is_alpha or t.lower_ in c["admin_suffixes"] or t.lower_ in c["town_words"] or t.lower_ in CONNECTORS:
                continue
            if t.is_title and self.gaz.has(t.text):
                continue
            return True
        return False

    def _in_person_name(self, ents: list[Span], text: str) -> bool:
        # the doc's entities as find() read them once: each doc.ents makes every Span anew
        return any(e.label_ == "PERSON" and len(e) > 1 and text in e.text.split() for e in ents)

    def _link_parents(self, doc: Doc, found: list[tuple[Span, Mention]]) -> None:
        """'X, Y' and 'X district, Y province': Y names the place that contains X."""
        for k in range(len(found) - 1):
            span, m = found[k]
            nxt, _ = found[k + 1]
            if nxt.start - span.end > 5:  # more than 'X (Z Z district, Y' between them
                continue
            between = doc[span.end:nxt.start]
            words = [t for t in between if t.text not in (",", "(")]
            has_sep = any(t.text in (",", "(") for t in between)
            if has_sep and len(between) <= 3 and all(self._suffix_hint(t) for t in words):
                m.parent = k + 1  # 'X, Y', 'X district, Y', 'X (Y)', 'X sector area (Y)'
                m.bracketed = m.bracketed or any(t.text == "(" for t in between)
                # 'X (Z, Y)': Z is in Y, and X in Z
                if k + 2 < len(found) and doc[nxt.end:found[k + 2][0].start].text.strip() == ",":
                    found[k + 1][1].parent = found[k + 1][1].parent if found[k + 1][1].parent is not None else k + 2
                    found[k + 1][1].bracketed = m.bracketed
            elif self._unknown_division_between(between):
                m.parent = k + 1  # 'Dansadau (Maru LGA, Zamfara)': Maru is unknown, but X is still in Y
                m.bracketed = between[0].text == "("
            elif len(between) == 1 and between[0].lower_ in ("in", "at"):
                m.located_in = k + 1  # 'the Kings Theatre in Portsmouth': where X is, should X be unknown
            elif between.text.strip() in LIST_JOINS:
                m.joined = k + 1  # 'Idaho and Maine': the next item of a list

    def _in_an_alias_bracket(self, doc: Doc, span: Span, place_ends: set[int], reach: int = 6) -> bool:
        """'Shindand (Sabzevar) district': a bracket right after a place's name (place_ends: where the
        found names end) and before a division word gives the division's other name, not a place that
        holds it ('X (Y)' alone does). Its words are no places: read as one, the alias put Shindand in
        Iran's Sabzevar. 'The (Springfield) State Journal-Register' follows no place."""
        opening = _bracket_end(doc, span.start - 1, -1, reach)
        closing = _bracket_end(doc, span.end, 1, reach)
        if opening is None or closing is None or closing + 1 >= len(doc) or opening not in place_ends:
            return False
        return self._suffix_hint(doc[closing + 1]) == "admin"

    def _unknown_division_between(self, between: Span) -> bool:
        """'( Rafi LGA ,' or ', Nirkh district ,': a division the gazetteer lacks, named by proper
        nouns and a division word, between a place and the larger place that contains both."""
        tokens = list(between)
        if len(tokens) < 4 or tokens[0].text not in (",", "(") or tokens[-1].text != ",":
            return False
        if self._suffix_hint(tokens[-2]) != "admin":
            return False
        return all(_capitalised(t) or t.text in ("-", "'") for t in tokens[1:-2])

    def _names_a_currency(self, doc: Doc, span: Span) -> bool:
        """'the high US dollar exchange rate': the country qualifies a currency, it is no scene."""
        return span.end < len(doc) and doc[span.end].lower_ in cues()["currency_after"]

    def _is_metonym(self, doc: Doc, span: Span) -> bool:
        """A place standing for its government or people: 'Baku said', "Moscow's forces"."""
        head = span.root
        if head.dep_ in ("nsubj", "nsubjpass") and head.head.lemma_.lower() in cues()["metonym_verbs"]:
            return True
        if span.end < len(doc) and doc[span.end].text in ("'s", "’s") and span.end + 1 < len(doc):
            return doc[span.end + 1].lower_ in cues()["metonym_nouns_after"]
        return False

    def reading_of(self, doc: Doc, start: int, end: int) -> Mention | None:
        """The reading of a span given from outside (`polemos geoparse` with spans)."""
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None or not len(span):
            return None
        text = doc_text(doc)[start:end]
        target = demonyms().get(text)
        if target:
            cand = self._demonym_target(target)
            if cand is not None:
                return Mention(text=text, start=start, end=end, role="demonym", forced=cand)
        name, hint = None, None
        words = text.split()
        region = self._region_of_institution(words)
        if region is not None:
            return Mention(text=text, start=start, end=end, forced=region)
        if doc_text(doc)[max(0, start - 4):start].lower() == "the " and self._the_region(text):
            name = "the " + text
        elif len(words) > 1 and words[-1].lower() in cue_union("admin_suffixes", "town_words") and not self.gaz.has(text):
            name = " ".join(words[:-1])
            hint = self._suffix_word_hint(words[-1].lower())
        elif len(words) > 1 and words[-1].lower() in cues()["town_words"]:
            hint = "town"  # a known name ending in 'City' ('Quebec City') is the city, not the province
        elif span.end < len(doc):
            hint = self._suffix_hint(doc[span.end]) or self._office_hint(doc[span.end])
        hint = hint or _prefix_hint(span)
        role = "metonym" if self._is_metonym(doc, span) else "embedded" if self._names_an_organisation(doc, span) else "place"
        name = name or self._compass_part(span) or _compound_region(span)
        facility = span.end < len(doc) and doc[span.end].lower_ in cues()["facility_words"]
        return Mention(text=text, start=start, end=end, name=name, admin_hint=hint, role=role, fuzzy=True, facility=facility)

    def _names_an_organisation(self, doc: Doc, span: Span) -> bool:
        """'Cambridge Analytica', 'the Venice Commission': a capitalised word that is no place, nor a
        division, town, street or other cue word, goes on with the name: the place is inside an
        organisation's name (which NER may have read as the place alone)."""
        if span.end >= len(doc):
            return False
        t = doc[span.end]
        if not (t.is_alpha and t.is_title) or t.lower_ in _cue_words():
            return False
        return t.ent_type_ not in ("DATE", "TIME", "PERSON", "GPE", "LOC", "NORP") and not self.gaz.has(t.text)

    # ---- set annotations ---------------------------------------------------------------------

    def set_annotations(self, doc: Doc, found: list[tuple[Span, Mention]]) -> None:
        spans = []
        for span, m in found:
            span._.toponym = m
            spans.append(span)
        doc._.toponyms = spans


PROMINENT_CODES = ("ADM1", "CONT", "RGN", "SEA", "OCN", "GULF", "PEN", "MTS", "STM")


def _names_an_origin(noun: str, preposition: str) -> bool:
    """'man from', 'residents of': a word for people and the preposition that names where they are from."""
    if preposition == "from":
        return noun in cues()["origin_nouns_before"]
    return preposition == "of" and noun in cues()["origin_of_nouns"]


def _prominent(cands: list) -> bool:
    """A reading news names without context: a country, a province, a region or sea, a city of 100k+
    (or a landmark of data/regions.tsv, weighted as one)."""
    return any((not c.alternate and (c.is_country or c.feature_code in PROMINENT_CODES)) or c.population >= 100_000
               for c in cands)


def _inside_a_group_name(doc: Doc, span: Span, gaz) -> bool:
    """'Boko Haram fighters': a word of a one-country armed group's name (data/armed_groups.tsv) that is a
    place only outside that country names the group, not where it acted (unlike 'Kachin' of the Kachin
    Independence Army, the state the group is of)."""
    from .actors import find_mentions, load_actor_knowledge

    groups = load_actor_knowledge().groups
    for a in find_mentions(doc):
        if a.kind != "group" or not (a.start <= span.start and span.end <= a.end and a.end - a.start > len(span)):
            continue
        countries = {g.country for g in groups.get(a.value, [])}
        if len(countries) == 1 and None not in countries:
            return all(c.country_code not in countries for c in gaz.lookup(span.text, fuzzy=False))
    return False


def _bracket_end(doc: Doc, k: int, step: int, reach: int) -> int | None:
    """From token k on, going by step: the index of the bracket ('(' going back, ')' going on) that
    encloses it within reach tokens, with no comma, stop or other bracket before it."""
    want, other = ("(", ")") if step < 0 else (")", "(")
    for _ in range(reach):
        if k < 0 or k >= len(doc) or doc[k].text in (other, ",", ".", ";"):
            return None
        if doc[k].text == want:
            return k
        k += step
    return None


def _closes_a_locator(doc: Doc, span: Span, reach: int = 6) -> bool:
    """'Dioula (Dioula, Yagha)': the last item of a bracket list after a name is the division it lies
    in, as notes give it, however NER reads it (a person's name is not written so)."""
    if span.end >= len(doc) or doc[span.end].text != ")" or span.start < 3 or doc[span.start - 1].text != ",":
        return False
    for k in range(span.start - 2, max(span.start - 2 - reach, 0), -1):
        if doc[k].text == ")":
            return False
        if doc[k].text == "(":
            return k > 0 and _names_a_place(doc[k - 1])
    return False


def _opens_a_longer_name(tokens: Doc | list[Token], k: int) -> bool:
    """'Bir Hassan', 'Abu Talib', 'Bir al Abd', 'Al-Rashid': a common word or a word that opens many
    names (data/toponym_cues.json opening_words, and the Arabic article: 'Al' is also Norway's Ål) that a
    capitalised word goes on from, over up to two connectors ('at', 'al', '-'), is the start of a longer
    name the gazetteer lacks (a known one has matched whole before), not the town it also names alone."""
    if tokens[k].lower_ not in cues()["opening_words"] and tokens[k].lower_ not in article_forms():
        return False
    j = k + 1
    while j < len(tokens) and j - k <= 2 and (tokens[j].lower_ in CONNECTORS or tokens[j].text == "-"):
        j += 1
    return j < len(tokens) and tokens[j].is_title and tokens[j].is_alpha and tokens[j].lower_ not in _cue_words()


def _misread_as_a_date(ent: Span) -> bool:
    """'the outskirts of Dahuk' read as a date: a date or time entity with no number and no date word
    (a month, a day; data/toponym_cues.json not_places) is a proper noun NER did not know."""
    return ent.label_ in ("DATE", "TIME") and not any(t.like_num or t.lower_ in cues()["not_places"] for t in ent)


def _ends_a_comma_locator(doc: Doc, span: Span, cands: list) -> bool:
    """'in Sitangkai, Tawi-Tawi', 'in Malaga, Guihulngan, Negros Oriental': a known division that closes a
    comma list of names after a locative word is the division the first lies in, as notes give it,
    however NER reads it (a person or an organisation is not named so)."""
    if span.start < 3 or doc[span.start - 1].text != "," or not _capitalised(doc[span.start - 2]):
        return False
    if span.end < len(doc) and not doc[span.end].is_punct:
        return False  # 'in Kabul, Smith said'
    if not any(not c.alternate and c.feature_code in ("ADM1", "ADM2") for c in cands):
        return False
    k = span.start - 2
    while k > 0 and span.start - k <= MAX_LOCATOR_TOKENS and (_capitalised(doc[k]) or doc[k].text in (",", "-")
                                                            or doc[k].lower_ in CONNECTORS):
        k -= 1
    return doc[k].lower_ in cue_union("strong_locative", "locative_before")


# How many tokens a comma list of names ('Barangay Malaga, Guihulngan, Negros') may run back to its locative word.
MAX_LOCATOR_TOKENS = 10


def _names_a_place(tok: Token) -> bool:
    """The word before a locator bracket: the end of a name ('Dioula (') or a town or division word
    after one ('Gobolo village (')."""
    return _capitalised(tok) or tok.lower_ in cue_union("admin_suffixes", "town_words")


def _opens_a_locator(doc: Doc, span: Span, reach: int = 6) -> bool:
    """'Gobolo village (Wanle Weyn, Lower Shabelle)': the first item of a bracket list after a
    name, followed by a comma (a division word may come between), is the district or town the named
    place lies in, as notes give it, however NER reads it."""
    if span.start < 2 or doc[span.start - 1].text != "(":
        return False
    if not _names_a_place(doc[span.start - 2]):
        return False
    k = span.end
    if k < len(doc) and doc[k].lower_ in cues()["admin_suffixes"]:
        k += 1
    if k >= len(doc) or doc[k].text != ",":
        return False
    return any(t.text == ")" for t in doc[k + 1:k + 1 + reach])


def _prefix_hint(span: Span) -> str | None:
    """'the state of Washington', 'the province of Alberta', 'the city of Hays': a division or town
    word before 'of' says which reading of the name is meant. Written small after 'the', the division
    word rules out the name's towns and countries ('division': the state, not the capital, nor Mexico
    the country); capitalised it may be part of a country's style ('the State of Qatar': 'admin', a
    mere hint). In 'the Tigray region of Ethiopia' the word belongs to the name before it."""
    doc, k = span.doc, span.start
    if k < 3 or doc[k - 1].lower_ != "of":
        return None
    word = doc[k - 2]
    if doc[k - 3].lower_ != "the" and not word.is_title:
        return None
    if word.lower_ in cues()["town_words"]:
        return "town"
    if word.lower_ in cues()["division_words_before"]:
        return "admin" if word.is_title else "division"
    return None


def _comma_parts(ent: Span) -> list[Span]:
    """'Lebu, Biobio' as one entity is two places, the second containing the first: its parts
    between commas (each a Span labelled as the entity)."""
    parts, start = [], ent.start
    for tok in ent:
        if tok.text == ",":
            if tok.i > start:
                parts.append(Span(ent.doc, start, tok.i, label=ent.label_))
            start = tok.i + 1
    if len(parts) == 0:
        return [ent]
    if start < ent.end:
        parts.append(Span(ent.doc, start, ent.end, label=ent.label_))
    return parts


def names_a_street(doc: Doc, span: Span) -> bool:
    """The span is a street's name: a street word follows it ('Desire Street' given as 'Desire'), also
    after another name ('Bourbon and Dauphine streets', 'the Chartres/Franklin intersection'), or a
    street is said to be called it ('the avenue was renamed Jefferson')."""
    if _street_called(doc, span):
        return True
    k = span.end
    if k + 2 < len(doc) and doc[k].lower_ in ("and", "&", "/") and _capitalised(doc[k + 1]):
        k += 2
    if k >= len(doc) or doc[k].lower_ not in cues()["street_words"]:
        return False
    if span.start > 0 and doc[span.start - 1].text in ("-", "–"):
        return False  # 'the Kabul-Jalalabad highway' runs between two places, named for neither alone
    # 'St' before a name is a saint ('Dublin St Patrick's'), not a street
    return not (doc[k].lower_ in ("st", "st.") and k + 1 < len(doc) and _capitalised(doc[k + 1]))


def _street_called(doc: Doc, span: Span) -> bool:
    """'the street was later called Lafayette and then Almonaster': the span follows a naming verb
    (over other names of the list) whose clause, before the verb, has a street word as its subject."""
    c = cues()
    k = span.start - 1
    while k >= 0 and (doc[k].lower_ in c["name_list_links"] or _capitalised(doc[k])) and doc[k].lower_ not in c["naming_verbs"]:
        k -= 1
    if k < 0 or doc[k].lower_ not in c["naming_verbs"]:
        return False
    clause = doc[doc[k].sent.start:k] if doc.has_annotation("SENT_START") else doc[max(0, k - 8):k]
    return any(t.lower_ in c["street_words"] and not _capitalised(t) for t in clause)


def _capitalised(tok: Token) -> bool:
    text = tok.text
    # '&' for initials such as 'J&K' (Jammu and Kashmir)
    return bool(text) and text[0].isupper() and (tok.is_alpha or "-" in text or "'" in text or "." in text or "&" in text)


@Language.factory("polemos_toponyms")
def make_toponyms(nlp: Language, name: str) -> ToponymRecognizer:
    return ToponymRecognizer(nlp)
