"""How many people a victim phrase stands for (`count_victims`): numbers and
their bounds, coordinated and listed victims ("a man and two women"),
apposition lists, named people, pronouns and unnumbered plurals.
"""

from __future__ import annotations

import re

from spacy.tokens import Token

from ..components import ARTICLES
from .flags import _is_anaphoric
from .groups import _age_of, _is_person, _of_object, _vague_phrase, _with_age_set_off, group_of
from .lexicon import INDEFINITE_PRONOUNS, NEGATORS, NOUN_POS, PLURAL_PRONOUNS, PLURAL_TAGS, SINGULAR_PRONOUNS, Lexicon
from .numbers import _bound_before, _is_number, _range_for, number_value
from .records import Person, Victims
from .triggers import _interjection_with_age, _left_with_injuries, trigger_kind


def count_victims(tok: Token, lex: Lexicon, _depth: int = 0) -> Victims | None:
    """How many people a victim phrase headed by `tok` stands for (coordination summed)."""
    # (names after the plural are counted with the rest of its list below: "his parents, Tom
    # and Mary Grant, and a family friend")
    listed = _apposition_list(tok, lex) if _depth == 0 and not _named_members(tok) else None
    if listed is not None:
        return listed
    parts = [tok] + _objects_listed_after(tok, lex)
    if _depth == 0:
        stack = list(parts)
        plural_names: set[Token] = set()  # the names a plural lists: counted by the plural
        while stack:
            head = stack.pop()
            plural_names.update(_named_members(head))
            for child in head.children:
                if child in plural_names:
                    # "his stepsons, Quinn and Tory Carlson, and his wife": the names are the
                    # plural's people; a noun hung on them is the next one of the list
                    stack.append(child)
                    continue
                countable = child.pos_ in NOUN_POS or child.lower_ in lex.vague or _is_number(child, lex)
                if not (child.dep_ == "conj" or _listed_name(head, child) or _plural_apposition(head, child)) \
                        or not countable or not _is_person(child, lex):
                    continue
                if child.pos_ == "PROPN" and child.ent_type_ != "PERSON" and child.lemma_.lower() not in lex.group_words:
                    continue  # "shot mother - WCAX.COM Local Vermont News, Weather"
                if any(g.dep_ in ("acl", "amod", "relcl") and trigger_kind(g, lex) for g in child.children) \
                        or _with_own_injuries(child, lex):
                    continue  # "one dead and 3 other people injured": the others have their own trigger
                if _shares_determiner(head, child, lex):
                    continue  # "a bomb maker and facilitator": one person, two roles
                if _headline_source(child):
                    continue  # "Teen Shoots Brother, 2 Cousins At Cookout: Police": who says so
                parts.append(child)
                stack.append(child)
    result: Victims | None = None
    for part in parts:
        one = _count_one(part, lex)
        if one is None:
            continue
        if named := _count_of_members(part):
            _count_as(one, named)
        if result is None:
            result = one
        else:
            _add_victims(result, one)
    return result


def _headline_source(tok: Token) -> bool:
    """The word after a colon that ends a headline line ('...: Police'): its source."""
    doc = tok.doc
    at_end = tok.i + 1 == len(doc) or "\n" in tok.whitespace_ or "\n" in doc[tok.i + 1].text
    return at_end and tok.i > 0 and doc[tok.i - 1].text == ":"


def _add_victims(result: Victims, one: Victims) -> None:
    """Sum `one` into `result`: the people of a list ('a man and two women')."""
    result.low += one.low
    result.high += one.high
    result.generic += one.generic
    result.vague = result.vague and one.vague
    result.anaphoric = result.anaphoric and one.anaphoric
    result.plural_only = result.plural_only and one.plural_only
    result.vague_keys |= one.vague_keys
    result.names += one.names
    result.people += one.people
    result.ordinal = max(result.ordinal, one.ordinal)
    for g, n in one.groups.items():
        result.groups[g] = result.groups.get(g, 0) + n
    for g, n in one.specific.items():
        result.specific[g] = result.specific.get(g, 0) + n
    result.start, result.end = min(result.start, one.start), max(result.end, one.end)


def _objects_listed_after(tok: Token, lex: Lexicon) -> list[Token]:
    """'killed a neighbor, Alan Price, his nephews, ...': the parser may hang the next people of
    a comma list on the verb as objects of their own; they are more of the victims."""
    if tok.dep_ != "dobj":
        return []
    # (not a name: "a neighbor, Alan Price" is one person)
    return [c for c in tok.head.rights if c.dep_ == "dobj" and c.i > tok.i and c.pos_ == "NOUN" and _is_person(c, lex)]


def _named_members(plural: Token) -> list[Token]:
    """'his stepsons, Quinn and Tory Carlson': the name words of the two or more people an
    unnumbered plural lists after a comma; they tell how many it stands for. Read from the
    words, not the tree: the parser hangs such names on the plural, on each other or on
    the next noun in many ways, and may take a lone first name for a place."""
    if plural.tag_ != "NNS" or any(c.dep_ == "nummod" for c in plural.children):
        return []
    doc, i = plural.doc, plural.i + 1
    if i >= len(doc) or doc[i].text != ",":
        return []
    names: list[list[Token]] = []
    for tok in doc[i + 1:]:
        if tok.pos_ == "PROPN":
            if not names or doc[tok.i - 1].pos_ != "PROPN":
                names.append([])
            names[-1].append(tok)
        elif not (tok.lower_ in (",", "and") or tok.like_num):  # (an age between commas: "Tim, 9, and Luke")
            break
    if len(names) < 2 or not any(t.ent_type_ == "PERSON" for name in names for t in name):
        return []
    return [t for name in names for t in name]


def _count_of_members(plural: Token) -> int:
    """How many people _named_members lists: one per run of name words."""
    members = _named_members(plural)
    return sum(1 for t in members if t.doc[t.i - 1] not in members)


def _plural_apposition(head: Token, appos: Token) -> bool:
    """'a coworker, Dale Whitt, his stepdaughters, ...': a plural hung on one person as an
    apposition cannot be that person; it is the next one of the list."""
    return appos.dep_ == "appos" and appos.tag_ == "NNS" and head.tag_ in ("NN", "NNP")


def _person_listed_before(victim: Token, lex: Lexicon) -> Token | None:
    """'Mother, 2 children shot in parked car', 'Father, 2 sons shot': a headline that opens with
    a bare person and a comma before the counted plural lists that person too (one person cannot
    be two children). Read from the words: the parser hangs the person on the plural as an
    apposition or on the verb. So does one before a bare single person: 'Man, woman shot'."""
    doc, first = victim.doc, victim.left_edge.i
    counted = first == victim.i - 1 and _is_number(doc[first], lex) and victim.tag_ in PLURAL_TAGS
    single = first == victim.i and victim.tag_ == "NN" and _is_person(victim, lex)
    if not (counted or single):
        return None
    if first < 2 or doc[first - 1].text != "," or doc[first - 2].i != doc[first - 2].sent.start:
        return None
    person = doc[first - 2]
    return person if person.tag_ in ("NN", "NNP") and _is_person(person, lex) else None


def _with_person_before(victims: Victims, victim: Token, lex: Lexicon) -> None:
    """Add the person a headline lists before the counted plural (`_person_listed_before`)."""
    person = _person_listed_before(victim, lex)
    one = _count_one(person, lex) if person is not None else None
    if one is not None and not one.vague:
        _add_victims(victims, one)


def _count_as(victims: Victims, n: int) -> None:
    """Set an unnumbered plural's count to the n people it names."""
    victims.low = victims.high = n
    victims.vague = victims.plural_only = False
    victims.groups = {g: n for g in victims.groups}
    victims.specific = {g: n for g in victims.specific}
    victims.vague_keys = set()
    if victims.generic:
        victims.generic = n


def _apposition_list(tok: Token, lex: Lexicon) -> Victims | None:
    """'The victims, a 17-year-old boy and an 18-year-old man, were shot': an unnumbered plural
    whose apposition lists its people counts them (two), not the plural's vague figure. The
    parser also hangs the list on 'victims' as a coordination ('The victims, two brothers and
    their cousin'): after a comma, a generic word's list is its apposition too."""
    if tok.tag_ not in PLURAL_TAGS or _count_from_modifiers(tok, lex)[1] != PLURAL:
        return None
    listing = next((c for c in tok.children if c.dep_ == "appos" and _is_person(c, lex)
                    and any(g.dep_ == "conj" and _is_person(g, lex) for g in c.children)), None)
    after_comma = tok.nbor(1) if tok.i + 1 < len(tok.doc) and tok.nbor(1).text == "," else None
    if listing is None and after_comma is not None and tok.lemma_.lower() in lex.generic_lemmas:
        listing = next((c for c in tok.children if c.dep_ == "conj" and c.left_edge.i == after_comma.i + 1
                        and _is_person(c, lex)), None)
    if listing is None:
        return None
    victims = count_victims(listing, lex, _depth=0)
    if victims is not None:
        victims.start = min(victims.start, tok.left_edge.idx)
        victims.anaphoric = False  # the list tells who they all are: an exact figure, not a repeat
    return victims


def _with_own_injuries(tok: Token, lex: Lexicon) -> bool:
    """'left a man dead and a woman with injuries': the woman's harm is her own."""
    return any(p.dep_ == "prep" and p.lower_ == "with" and any(o.dep_ == "pobj" and _left_with_injuries(o, lex) == tok
                                                                for o in p.children) for p in tok.children)


def _listed_name(head: Token, appos: Token) -> bool:
    """'John Smith, 23, Mary Jones, 19, and Tom Brown, 30': the parser hangs the second name on
    the first as an apposition; it is another person when the list goes on with 'and'."""
    return appos.dep_ == "appos" and head.ent_type_ == appos.ent_type_ == "PERSON" \
        and head.pos_ == appos.pos_ == "PROPN" and any(c.dep_ == "conj" and c.ent_type_ == "PERSON" for c in appos.children)


def _shares_determiner(head: Token, conj: Token, lex: Lexicon) -> bool:
    """A bare singular noun joined to 'a/the X' names the same person ('a manufacturer and facilitator')."""
    if conj.tag_ != "NN" or head.tag_ != "NN" or conj.lemma_.lower() not in lex.roles:
        return False  # "the man and woman" are two people; "a bomb maker and facilitator" one
    if any(c.dep_ in ("det", "nummod", "poss", "quantmod") for c in conj.children):
        return False
    return any(c.dep_ == "det" and c.lower_ in ARTICLES for c in head.children)


def _count_one(tok: Token, lex: Lexicon) -> Victims | None:
    lemma, low_text = tok.lemma_.lower(), tok.lower_
    span_start, span_end = tok.left_edge.idx, tok.idx + len(tok.text)
    value: tuple[int, int] | None = None
    group_tok = tok
    vague = False

    if _is_number(tok, lex):  # "1 dead", "300 of its nationals", "the two"
        n = number_value(tok, lex)
        if n is None or (1900 <= n <= 2100 and tok.text.isdigit()) or _is_age(tok):
            return None  # a year or a reference number, not a count
        value = _range_for(n, _bound_before(tok, lex))
        group_tok = _of_object(tok) or tok
    elif low_text in lex.vague or lemma in lex.vague or _vague_phrase(tok, lex):
        key = _vague_phrase(tok, lex) or (low_text if low_text in lex.vague else lemma)
        value, vague = lex.vague[key], True
        group_tok = _of_object(tok) or tok
        if tok.lower_ in ("number", "numbers") and group_tok is tok:
            return None
    elif low_text in lex.exact or lemma in lex.exact:
        n = lex.exact.get(low_text, lex.exact.get(lemma))
        value = (n, n)
        group_tok = _of_object(tok) or tok
    else:
        value, vague = _count_from_modifiers(tok, lex)
    if value is None:
        return None
    if any(c.lower_ in NEGATORS for c in tok.lefts if c.dep_ in ("det", "neg", "advmod")) or low_text in ("nobody", "none", "noone"):
        value = (0, 0)
    group, generic = group_of(group_tok, lex) if group_tok.pos_ != "NUM" else (None, True)
    victims = Victims(low=value[0], high=value[1], start=span_start, end=span_end, vague=bool(vague),
                      anaphoric=_is_anaphoric(tok, lex), plural_only=vague == PLURAL,
                      names=_person_names(tok, lex), ordinal=_ordinal_of(tok, lex))
    if value == (1, 1) and not vague:
        victims.people = [_person_of(tok, victims.names, lex)]
    if group:
        victims.groups[group] = value[0]
    if group and not generic:
        role = lex.roles.get(group_tok.lemma_.lower())
        key = f"{group}/{role}" if role else group
        victims.specific[key] = value[0]
        if vague:
            victims.vague_keys.add(key)
    else:
        victims.generic = value[0]
    return victims


def _person_names(tok: Token, lex: Lexicon) -> list[frozenset[str]]:
    """The name of a named victim ('Rob'Dasha Smith', 'the fourth victim, Tara Hendricks'),
    as the set of its name words, so that 'Smith' and 'Rob'Dasha Smith' are one person."""
    person = tok
    if tok.pos_ != "PROPN":
        person = next((c for c in tok.children if c.dep_ == "appos" and c.pos_ == "PROPN"), None)
    if person is None or person.lemma_.lower() in lex.group_words:
        return []
    if person.ent_type_ != "PERSON" and not _with_age_set_off(person):
        return []
    words = {c.lower_ for c in person.lefts if c.dep_ == "compound" and c.ent_type_ == person.ent_type_}
    return [frozenset(words | {person.lower_})]


def _person_of(tok: Token, names: list[frozenset[str]], lex: Lexicon) -> Person:
    """A single victim's sex and name, from the phrase or its apposition ("the victim, a
    31-year-old man")."""
    words = [tok] + [c for c in tok.children if c.dep_ == "appos"]
    sex = next((lex.sexes[w] for t in words for w in (t.lower_, t.lemma_.lower()) if w in lex.sexes), None)
    return Person(sex=sex, name=names[0] if names else frozenset())


def _ordinal_of(tok: Token, lex: Lexicon) -> int:
    """'a fourth victim', 'the second man': the victim's rank among the people hit."""
    if not (tok.lemma_.lower() in lex.generic_lemmas or _is_person(tok, lex)):
        return 0
    return max((lex.ordinals.get(c.lower_, 0) for c in tok.lefts if c.dep_ in ("amod", "nummod")), default=0)


def _is_age(tok: Token) -> bool:
    """'3' in '3-year-old', '15 years old', '16' in 'a 16 and 17-year-old': an age, not a count."""
    doc = tok.doc
    if tok.i + 2 < len(doc) and doc[tok.i + 1].lower_ in ("and", "or", "to") and doc[tok.i + 2].like_num:
        tok = doc[tok.i + 2]
    nxt = doc[tok.i + 1: tok.i + 3]
    return bool(re.search(r"-(?:year|month|week|day)", tok.lower_)) or any(
        t.lower_.strip("-") in ("year", "years", "yr", "yrs", "month", "months", "week", "weeks", "day", "days") for t in nxt)


# The vague grade of an unnumbered plural ("insurgents", "them"): the weakest evidence
# of a count, used only when nothing else says how many.
PLURAL = "plural"


def _count_from_modifiers(tok: Token, lex: Lexicon) -> tuple[tuple[int, int] | None, bool | str]:
    """A noun's count from its own modifiers: 'two insurgents', 'several civilians', 'a man'."""
    lefts = [c for c in tok.lefts if "\n" not in tok.doc[c.i:tok.i].text]  # not across a title line
    doc = tok.doc
    for child in lefts:  # "a 16 and 17-year-old": two ages, two people
        if child.like_num and child.i + 2 < tok.i and doc[child.i + 1].lower_ in ("and", "or") and _is_age(child):
            return (2, 2), False
    for child in lefts:
        if child.dep_ in ("nummod", "quantmod", "amod", "det", "compound") and _is_number(child, lex) and not _is_age(child):
            n = number_value(child, lex)
            if n is None:
                return None, False  # a number we cannot read (too large, malformed): no count
            return _range_for(n, _bound_before(child, lex)), False
    for child in tok.lefts:
        word = child.lower_
        if child.dep_ in ("amod", "det", "nummod", "quantmod", "advmod", "predet") and word in lex.vague:
            return lex.vague[word], True
        if word in lex.exact and child.dep_ in ("det", "predet", "amod", "nummod"):
            if word in lex.coordinating_exact and any(c.dep_ == "conj" for c in tok.children):
                continue  # "Both Flores and the female victim": the coordination says how many
            n = lex.exact[word]
            return (n, n), False
    lower = tok.lower_
    if lower in INDEFINITE_PRONOUNS:
        return INDEFINITE_PRONOUNS[lower], False
    if lower in SINGULAR_PRONOUNS:
        return ((1, 1), False) if lower != "it" else (None, False)
    if lower in PLURAL_PRONOUNS or tok.pos_ == "PRON":
        if lower in ("who", "which", "that", "what"):
            return None, False
        return lex.vague["plural"], PLURAL
    lemma = tok.lemma_.lower()
    if lemma in lex.collectives or tok.lower_ in lex.collectives:
        return lex.vague["plural"], PLURAL  # "the Taliban", "police": a body of people, count unknown
    if tok.pos_ == "PROPN":
        singular = tok.lower_[:-1] if tok.lower_.endswith("s") else None
        if tok.ent_type_ == "PERSON" and not any(w in lex.group_words for w in (tok.lower_, singular, lemma) if w):
            return (1, 1), False  # "the death of Marchbanks"
        if singular and (singular in lex.group_words or singular in lex.roles or lemma != tok.lower_):
            return lex.vague["plural"], PLURAL  # title case: "Two Insurgents Killed"
        return (1, 1), False
    if _age_of(tok) is not None and tok.pos_ == "ADJ":
        return (1, 1), False  # "the 15-year-old"
    if tok.pos_ != "NOUN" and _interjection_with_age(tok.head) != tok:  # ("Boy, 6, wounded")
        return None, False
    if tok.tag_ in PLURAL_TAGS:
        if lemma in ("people", "person") and not any(c.dep_ in ("det", "poss", "amod") for c in tok.lefts):
            return None, False  # "people are being killed": a general statement, not a count
        return lex.vague["plural"], PLURAL
    return (1, 1), False
