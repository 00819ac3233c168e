"""polemos_casualties: killed, injured, arrested, abducted per event, by victim group.

Owner: casualties (issue 4). Reads doc._.events and doc._.event_spans; fills
each Event's `casualties`, `fatalities`, `injured` and `arrested`.

Two parts, usable on their own:

- `casualty_mentions(span)` finds every casualty mention in a spaCy Span (or
  Doc): a trigger ("killed", "died", "N dead", "detained", "the bodies of"),
  the victims it governs in the dependency parse (passive subject, object,
  subject of an intransitive, the noun a participle modifies, "left N
  injured"), how many they are (digits, number words, vague quantities,
  bounds), their group (civilians, police, ...) and flags that keep a mention
  out of the event's count (negated, aggregate over a period, background:
  another, earlier event).
- `combine_mentions(mentions)` turns one event's mentions into a
  `Casualties` record without counting the same people twice: the same
  deaths reported by a summary line and a detailed line count once (the
  largest consistent figure, per group and in total), never their sum.

The lexicons are in data/casualties.toml; docs/casualties.md explains the rules.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from polemos.model import Casualties, CasualtyCount, parse_iso_date

from .components import doc_text, read_text
from .dates import MONTHS
from .events import main_event_first

KINDS = ("killed", "injured", "arrested", "abducted", "shot")
REPORTED_KINDS = ("killed", "injured", "arrested", "abducted")
PLURAL_TAGS = {"NNS", "NNPS"}
PERSON_SUFFIXES = ("er", "or", "ist", "ian", "man", "men", "woman", "person")
NOUN_POS = {"NOUN", "PROPN", "PRON", "NUM"}
# Counts beyond this are not casualties of one event (years, phone numbers, ...).
MAX_COUNT = 100_000


# --------------------------------------------------------------------------- lexicon

@dataclass(frozen=True)
class KindLexicon:
    verbs: frozenset[str]
    phrasal: tuple[tuple[str, ...], ...]  # multi-word verbs: ("shoot", "dead")
    intransitive: frozenset[str]
    adjectives: frozenset[str]
    nouns: frozenset[str]


@dataclass(frozen=True)
class Lexicon:
    units: dict[str, int]
    multipliers: dict[str, int]
    exact: dict[str, int]
    vague: dict[str, tuple[int, int]]
    bounds: dict[str, tuple[str, ...]]  # more_than | at_least | at_most | below -> phrases
    kinds: dict[str, KindLexicon]
    fatal_modifiers: frozenset[str]
    need_person: frozenset[str]
    group_words: dict[str, str]  # lemma or "compound head" -> group key
    group_parents: dict[str, str]
    generic_groups: frozenset[str]
    generic_lemmas: frozenset[str]
    aggregate: tuple[re.Pattern, ...]
    background: frozenset[str]
    collectives: frozenset[str]  # names of bodies of people: "Taliban", "police"
    hospital_verbs: frozenset[str]
    conditions: frozenset[str]
    hospital_places: frozenset[str]
    in_hospital_places: frozenset[str]
    in_hospital_verbs: frozenset[str]
    wound_nouns: frozenset[str]
    wound_modifiers: frozenset[str]
    treated_verbs: frozenset[str]  # "two people were treated and released": hit, outcome told elsewhere
    survived_verbs: frozenset[str]  # "survived the shooting": hit and alive
    expected_verbs: frozenset[str]  # "the victim is expected to survive": hurt and alive
    left_with_causes: frozenset[str]  # "the shooting left two others with serious injuries": hurt
    coordinating_exact: frozenset[str]  # "both" before "X and Y" counts the pair, not a pair each
    aim_prepositions: frozenset[str]  # "shot at police": what was fired at, not who was hit
    clause_prepositions: frozenset[str]  # "charged after deputy was killed": the deputy is the subject
    dead_modifiers: frozenset[str]  # "brain dead": dead all the same
    distinct_markers: frozenset[str]
    not_distinct: frozenset[str]  # nouns an ordinal names no other incident with: "second-degree"
    headline_participles: dict[str, str]
    aim_targets: frozenset[str]  # "Man shot at car": what was aimed at, not where
    multiple_counts: dict[str, int]
    multiple_nouns: dict[str, str]
    fatal_adjectives: frozenset[str]
    fatal_nouns: frozenset[str]
    not_people: frozenset[str]
    additive: frozenset[str]
    other_people: frozenset[str]  # victim words that name other people than those counted: "two others"
    others_than_told: frozenset[str]  # "the other three victims": other than the people just told of
    ordinals: dict[str, int]  # "a fourth victim": at least four people were hit
    sidebar: re.Pattern  # a line that points to another story: "RELATED: ...", "[OTHER NEWS: ...]"
    roles: dict[str, str]  # head lemma -> role ("leader"): people of one group but not the same people
    death_nouns: frozenset[str] = frozenset()  # nouns that name one death: "a death", "the homicide"
    death_inquiries: frozenset[str] = frozenset()  # "a death investigation": the inquiry names one death
    attackers: frozenset[str] = frozenset()  # words for the one who did it: "gunman", "shooter"
    killing_then_suicide: frozenset[str] = frozenset()  # "murder-suicide": who killed himself killed others first
    turned_verbs: frozenset[str] = frozenset()  # "turned the gun on himself": a death by his own hand
    turned_weapons: frozenset[str] = frozenset()
    own_life_verbs: frozenset[str] = frozenset()  # "took his own life"
    early_reports: frozenset[str] = frozenset()  # "early reports said ...": not what the report confirms
    early_saying: frozenset[str] = frozenset()  # "Earlier, officials said ...": a figure told before this report's
    saying_verbs: frozenset[str] = frozenset()
    interval_units: frozenset[str] = frozenset()  # "10 days after": a time apart from the event told of
    comparing_verbs: frozenset[str] = frozenset()  # "came 10 days after": an event placed after another
    sexes: dict[str, str] = field(default_factory=dict)  # person word -> "male" | "female": "woman", "he"

    def number_word(self, word: str) -> bool:
        return word in self.units or word in self.multipliers

    @property
    def trigger_words(self) -> frozenset[str]:
        """Every word that can start a mention: tokens with none of these are skipped fast."""
        cached = self.__dict__.get("_trigger_words")
        if cached is None:
            words = set(self.headline_participles) | self.hospital_verbs | self.treated_verbs | self.survived_verbs \
                | self.expected_verbs | self.turned_verbs | self.own_life_verbs \
                | self.wound_nouns | {"condition", "victim"}
            words |= set(self.multiple_nouns) | self.fatal_nouns | DIE_FORMS | self.in_hospital_places
            for spec in self.kinds.values():
                words |= spec.verbs | spec.intransitive | spec.adjectives | spec.nouns
                words |= {phrase[0] for phrase in spec.phrasal}
            cached = frozenset(words)
            object.__setattr__(self, "_trigger_words", cached)
        return cached


@lru_cache(maxsize=1)
def load_lexicon(name: str = "casualties.toml") -> Lexicon:
    data = tomllib.loads(read_text(name))
    kinds = {}
    for kind, spec in data["kinds"].items():
        single = [v for v in spec.get("verbs", []) if " " not in v]
        multi = tuple(tuple(v.split()) for v in spec.get("verbs", []) if " " in v)
        kinds[kind] = KindLexicon(
            verbs=frozenset(single), phrasal=multi,
            intransitive=frozenset(spec.get("intransitive", [])),
            adjectives=frozenset(spec.get("adjectives", [])),
            nouns=frozenset(spec.get("nouns", [])),
        )
    group_words: dict[str, str] = {}
    # Later groups in the file do not override earlier ones, except that a
    # specific group wins over the generic one ("woman" -> women, not civilians).
    generic_groups = frozenset(data["generic"]["groups"])
    for group, words in data["groups"].items():
        for word in words:
            if word not in group_words or group_words[word] in generic_groups:
                group_words[word] = group
    bounds = data["bounds"]
    return Lexicon(
        units=dict(data["numbers"]["units"]),
        multipliers=dict(data["numbers"]["multipliers"]),
        exact=dict(data["numbers"]["exact"]),
        vague={k: (int(v[0]), int(v[1])) for k, v in data["vague"].items()},
        bounds={name: tuple(phrases) for name, phrases in bounds.items()},
        kinds=kinds,
        fatal_modifiers=frozenset(data["fatal_modifiers"]["words"]),
        need_person=frozenset(data["kinds_need_person"]["verbs"]),
        group_words=group_words,
        group_parents=dict(data["group_parents"]),
        generic_groups=generic_groups,
        generic_lemmas=frozenset(data["generic"]["lemmas"]),
        aggregate=tuple(re.compile(p, re.I) for p in data["aggregate"]["patterns"]),
        background=frozenset(data["background"]["governors"]),
        collectives=frozenset(data["collectives"]["words"]),
        hospital_verbs=frozenset(data["hospital"]["verbs"]),
        conditions=frozenset(data["hospital"]["conditions"]),
        hospital_places=frozenset(p.split()[-1] for p in data["hospital"]["places"]),
        in_hospital_places=frozenset(data["hospital"].get("in_places", [])),
        in_hospital_verbs=frozenset(data["hospital"].get("in_verbs", [])),
        wound_nouns=frozenset(data["hospital"]["wound_nouns"]),
        wound_modifiers=frozenset(data["hospital"]["wound_modifiers"]),
        treated_verbs=frozenset(data["hospital"]["treated_verbs"]),
        survived_verbs=frozenset(data["hospital"]["survived_verbs"]),
        expected_verbs=frozenset(data["hospital"]["expected_verbs"]),
        left_with_causes=frozenset(data["hospital"].get("left_with_causes", [])),
        coordinating_exact=frozenset(data["numbers"]["coordinating"]),
        aim_prepositions=frozenset(data["headlines"]["aim_prepositions"]),
        clause_prepositions=frozenset(data["headlines"]["clause_prepositions"]),
        dead_modifiers=frozenset(data["kinds"]["killed"]["adjective_modifiers"]),
        distinct_markers=frozenset(data["distinct"]["markers"]),
        not_distinct=frozenset(data["distinct"].get("not_after", [])),
        headline_participles=dict(data["headline_participles"]),
        aim_targets=frozenset(data["headlines"].get("aim_targets", [])),
        multiple_counts=dict(data["multiple_victims"]["counts"]),
        multiple_nouns=dict(data["multiple_victims"]["nouns"]),
        fatal_adjectives=frozenset(data["multiple_victims"]["fatal_adjectives"]),
        fatal_nouns=frozenset(data["multiple_victims"]["fatal_nouns"]),
        not_people=frozenset(data["not_people"]["words"]),
        additive=frozenset(data["additive"]["words"]),
        other_people=frozenset(data["additive"]["other_people"]),
        others_than_told=frozenset(data["additive"]["others_than_told"]),
        ordinals=dict(data["ordinals"]),
        roles={word: role for role, words in data.get("roles", {}).items() for word in words},
        attackers=frozenset(data.get("attackers", {}).get("words", [])),
        killing_then_suicide=frozenset(data.get("attackers", {}).get("killing_then_suicide", [])),
        turned_verbs=frozenset(data.get("attackers", {}).get("turned_verbs", [])),
        turned_weapons=frozenset(data.get("attackers", {}).get("turned_weapons", [])),
        own_life_verbs=frozenset(data.get("attackers", {}).get("own_life_verbs", [])),
        death_nouns=frozenset(data["multiple_victims"].get("death_nouns", [])),
        death_inquiries=frozenset(data["multiple_victims"].get("death_inquiries", [])),
        early_reports=frozenset(data["background"].get("early_reports", [])),
        early_saying=frozenset(data["background"].get("early_saying", [])),
        saying_verbs=frozenset(data["background"].get("saying_verbs", [])),
        interval_units=frozenset(data["background"].get("interval_units", [])),
        comparing_verbs=frozenset(data["background"].get("comparing_verbs", [])),
        sexes={word: sex for sex, words in data.get("people", {}).items() for word in words},
        sidebar=re.compile(r"^\W{0,3}(?:%s)\b\s*(?::|\n|$)" % "|".join(map(re.escape, data["sidebar"]["labels"])), re.I),
    )


# --------------------------------------------------------------------------- records

@dataclass(frozen=True)
class Person:
    """What a single victim phrase tells of the person: sex and name words (either may be
    unknown). Two victims who differ in one of them are two people ("a man ... a woman",
    "Major Howard ... Rob'Dasha Smith"). Ages are not used: on the gva dev set, victims told
    apart by age lost three unseen records and won none (one person's age told two ways)."""

    sex: str | None = None
    name: frozenset[str] = frozenset()

    @property
    def described(self) -> bool:
        return bool(self.sex or self.name)

    def merged(self, other: Person) -> Person:
        """One person told of twice: what either description tells."""
        return Person(sex=self.sex or other.sex, name=self.name | other.name)

    def other_than(self, other: Person) -> bool:
        """Whether the two cannot be one person."""
        return bool(self.sex and other.sex and self.sex != other.sex) \
            or bool(self.name and other.name and not self.name & other.name)


@dataclass
class Victims:
    """A counted group of people: one noun phrase, or coordinated ones summed."""

    low: int
    high: int
    groups: dict[str, int] = field(default_factory=dict)  # every group named
    specific: dict[str, int] = field(default_factory=dict)  # groups named by a side-telling noun
    generic: int = 0  # people counted without a side ("a man", "five people")
    start: int = 0
    end: int = 0
    vague: bool = False  # every part is a vague quantity ("several") or an unnumbered plural ("them")
    vague_keys: set[str] = field(default_factory=set)  # specific keys whose count is vague
    anaphoric: bool = True  # every part is a definite repeat ("the facilitator and his associates")
    plural_only: bool = False  # every part is an unnumbered plural
    names: list[frozenset[str]] = field(default_factory=list)  # named people: {"rob'dasha", "smith"}
    ordinal: int = 0  # "the fourth victim": at least this many people were hit
    people: list[Person] = field(default_factory=list)  # each single person of the phrase, as described


@dataclass
class CasualtyMention:
    kind: str  # killed | injured | arrested | abducted | shot (hit, outcome unknown)
    low: int
    high: int
    groups: dict[str, int]
    start: int  # character span of the victim phrase (or the trigger)
    end: int
    trigger_start: int
    trigger_end: int
    text: str
    negated: bool = False
    aggregate: bool = False  # a running total over a period ("300 since 2020")
    background: bool = False  # another event ("an attack that killed four")
    ambiguous: bool = False  # "wounded or killed": which is not said
    generic: int = 0
    specific: dict[str, int] = field(default_factory=dict)  # "group" or "group/role" -> count
    vague: bool = False  # every part is vague ("several", an unnumbered plural)
    vague_keys: set[str] = field(default_factory=set)  # specific keys whose count is vague
    plural_only: bool = False  # only unnumbered plurals ("insurgents were killed", "them")
    anaphoric: bool = False  # "the detained leader": refers back to people named before
    additive: bool = False  # "two others", "several additional insurgents": other people than those counted
    hypothetical: bool = False  # "to arrest a leader", "would kill": not reported as done
    more: bool = False  # "another man was shot", "two other people": more people of this kind than counted before
    others: bool = False  # "the other three victims": people other than those just told of
    names: list[frozenset[str]] = field(default_factory=list)  # the named victims, one set of name words each
    ordinal: int = 0  # "a fourth victim was also injured": at least four people hit in all
    reflexive: bool = False  # "killed himself": the victim is the one who did it
    attacker: bool = False  # the victim is named as the one who did it: "the gunman was also shot"
    agent: str = ""  # who did it, lower-cased: "gunman" in "the gunman killed himself"
    found_later: bool = False  # "Deputies later found another victim": one more than all counted before
    partitive: bool = False  # "one of them died": some of the people told of before
    gunman_pronoun: bool = False  # "a gunman killed three people before he was killed": he is the gunman
    with_attacker: bool = False  # "5 dead, including the gunman": the count holds the attacker
    people: list[Person] = field(default_factory=list)  # the single victims as described: "a 19-year-old man"

    @property
    def counts(self) -> bool:
        """Whether this mention counts towards its event's casualties."""
        return not (self.negated or self.aggregate or self.background or self.ambiguous or self.hypothetical)


# --------------------------------------------------------------------------- numbers

def _int_of_digits(text: str) -> int | None:
    cleaned = text.replace(",", "")
    if cleaned.isdigit():
        value = int(cleaned)
        return value if value <= MAX_COUNT else None
    return None


def words_to_int(words: list[str], lex: Lexicon) -> int | None:
    """'two hundred' -> 200, 'twenty-five' -> 25, '1,200' -> 1200; None if not a number."""
    total, current, seen = 0, 0, False
    for raw in words:
        for word in raw.lower().split("-"):
            if not word:
                continue
            digits = _int_of_digits(word)
            if digits is not None:
                current += digits
            elif word in lex.units:
                current += lex.units[word]
            elif word in lex.multipliers:
                current = max(current, 1) * lex.multipliers[word]
                if lex.multipliers[word] >= 1000:
                    total, current = total + current, 0
            elif word in ("a", "an", "and"):
                continue
            else:
                return None
            seen = True
    value = total + current
    return value if seen and value <= MAX_COUNT else None


def _is_number(tok: Token, lex: Lexicon) -> bool:
    low = tok.lower_
    if tok.like_num and low.replace(",", "").isdigit():
        return True
    return all(p in lex.units or p in lex.multipliers for p in low.split("-") if p) and bool(low.strip("-"))


def number_value(tok: Token, lex: Lexicon) -> int | None:
    """The value of a number token with its compound parts ('two' in 'two hundred')."""
    # only the number words right before it ("two hundred"), not a number across a comma ("Three dead, two")
    parts = []
    i = tok.i - 1
    while (i >= 0 and _is_number(tok.doc[i], lex) and tok.doc[i].head.i == tok.i and i > tok.i - 4
           and not (tok.doc[i].text[0].isdigit() and tok.text[0].isdigit())):  # "5 5 5" is no number
        parts.insert(0, tok.doc[i])
        i -= 1
    words = [c.text for c in parts] + [tok.text]
    # "hundred" on its own means one hundred; "a dozen" twelve
    return words_to_int(words, lex)


def _bound_before(tok: Token, lex: Lexicon) -> str | None:
    """'more_than' / 'at_least' / 'at_most' / 'below' when a bound phrase precedes the number."""
    start = max(tok.sent.start, tok.i - 4)
    before = " " + " ".join(t.lower_ for t in tok.doc[start:tok.i] if t.dep_ != "compound") + " "
    for name, phrases in lex.bounds.items():
        if any(before.endswith(f" {p} ") for p in phrases):
            return name
    return None


def _range_for(value: int, bound: str | None) -> tuple[int, int]:
    """(low, high) for a number under a bound; the low is the figure the words commit to."""
    if bound == "more_than":
        return value + 1, value + 1
    if bound == "below":
        return max(value - 1, 0), max(value - 1, 0)
    return value, value


# --------------------------------------------------------------------------- groups

def group_of(tok: Token, lex: Lexicon) -> tuple[str | None, bool]:
    """(group key, generic?) for a victim noun: compound pairs, compounds, the head, then adjectives.

    Generic means the noun names a person without telling their side ("a man",
    "five people"): such counts may be the same people as a specific group's.
    """
    lemma = tok.lemma_.lower()
    generic = lemma in lex.generic_lemmas or tok.lower_ in lex.generic_lemmas or tok.pos_ in ("PRON", "NUM")
    # not a possessor: "a police captain's grandson" is no police officer
    compounds = [c for c in tok.lefts if c.dep_ in ("compound", "nmod")]
    adjectives = [c for c in tok.lefts if c.dep_ == "amod"]
    for m in compounds + adjectives:
        pair = f"{m.lemma_.lower()} {lemma}"
        if pair in lex.group_words:
            return lex.group_words[pair], False
    for m in compounds:
        for key in (m.lemma_.lower(), m.lower_):
            if key in lex.group_words:
                return lex.group_words[key], False
    for key in (lemma, tok.lower_):
        if key in lex.group_words and not (generic and tok.pos_ == "PRON"):
            return lex.group_words[key], generic
    age = _age_of(tok)
    if age is not None:
        return ("children" if age < 18 else None), age >= 18
    for m in adjectives:
        for key in (m.lemma_.lower(), m.lower_):
            if key in lex.group_words:
                return lex.group_words[key], False
    return None, True


def _age_of(tok: Token) -> int | None:
    """The age in 'a 15-year-old', 'the 7-year-old boy' (the victim noun or the adjective 'old')."""
    olds = [tok] if tok.lower_ == "old" else [c for c in tok.lefts if c.lower_ == "old" or c.lower_.endswith("-old")]
    for old in olds:
        for t in old.subtree:
            if t.i > old.i:
                break  # not a number in a clause after it: "a 3-year-old who was shot by her 6-year-old brother"
            if t.like_num and t.text.isdigit():
                unit = t.doc[t.i + 1: t.i + 3].text.lower()
                return int(t.text) if "year" in unit else 0  # months, weeks, days old: a child
        match = re.match(r"(\d+)-(?:year|month|week|day)", old.text)
        if match:
            return int(match.group(1))
    return None


def _of_object(tok: Token) -> Token | None:
    """'dozens *of civilians*', '300 *of its nationals*', 'the bodies *of the two*'."""
    for child in tok.rights:
        if child.dep_ == "prep" and child.lower_ == "of":
            for obj in child.children:
                if obj.dep_ == "pobj":
                    return obj
    return None


# --------------------------------------------------------------------------- counting

# "killing someone" is one person; "anyone" and "everyone" give no count.
INDEFINITE_PRONOUNS = {"someone": (1, 1), "somebody": (1, 1), "another": (1, 1), "anyone": None, "anybody": None,
                       "everyone": None, "everybody": None}
REFLEXIVE_PRONOUNS = {"himself", "herself"}
PERSONAL_PRONOUNS = {"he", "she", "they", "i", "we", "you"}
SINGULAR_PRONOUNS = {"he", "him", "his", "she", "her", "himself", "herself", "it"}  # ("his": "took his own life")
PLURAL_PRONOUNS = {"they", "them", "themselves", "all", "these", "those", "others"}
NEGATORS = {"no", "none", "nobody", "neither", "nor", "never", "not", "without"}


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
    return any(c.dep_ == "det" and c.lower_ in ("a", "an", "the") for c in head.children)


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


def _vague_phrase(tok: Token, lex: Lexicon) -> str | None:
    """'a number of', 'unknown number of', 'a handful of', 'a few' as the victim head."""
    mods = " ".join(c.lower_ for c in tok.lefts if c.dep_ in ("det", "amod", "quantmod", "nummod"))
    phrase = f"{mods} {tok.lower_}".strip()
    with_of = f"{phrase} of" if _of_object(tok) is not None else phrase
    for key in lex.vague:
        if " " in key and (phrase.endswith(key) or with_of.endswith(key)):
            return key
    return None


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


# --------------------------------------------------------------------------- triggers

def _phrasal_kind(tok: Token, lex: Lexicon) -> str | None:
    """Multi-word verbs: 'gunned down', 'shot dead', 'taken into custody', 'taken hostage'."""
    lemma = tok.lemma_.lower()
    following = [t.lemma_.lower() for t in tok.doc[tok.i + 1: tok.i + 5]]
    # the verb's own particles and objects ("taken *into custody*", "shot him *dead*"), not a
    # word of another clause it governs ("were shot, leaving one person dead")
    children = {c.lemma_.lower() for c in tok.subtree if tok.i < c.i <= tok.i + 10 and _same_clause(c, tok)}
    for kind, spec in lex.kinds.items():
        for words in spec.phrasal:
            if words[0] != lemma:
                continue
            rest = list(words[1:])
            if following[: len(rest)] == rest or all(w in children for w in rest if w not in ("to", "into")):
                return kind
    return None


CLAUSE_DEPS = {"advcl", "ccomp", "xcomp", "conj", "relcl", "acl", "parataxis"}


def _same_clause(tok: Token, verb: Token) -> bool:
    """Whether `tok` hangs from `verb` without passing through another verb or clause."""
    while tok.i != verb.i:
        if tok.dep_ in CLAUSE_DEPS or (tok.head.i != verb.i and tok.head.pos_ in ("VERB", "AUX")) or tok.head.i == tok.i:
            return False
        tok = tok.head
    return True


def _to_hospital(verb: Token, lex: Lexicon) -> bool:
    for prep in verb.children:
        if prep.dep_ == "prep" and prep.lower_ in ("to", "into"):
            if any(o.dep_ == "pobj" and o.lemma_.lower() in lex.hospital_places for o in prep.children):
                return True
    return False


def _in_hospital_head(place: Token, lex: Lexicon) -> Token | None:
    """The word that "in (the) hospital" hangs from, when it says someone is there
    ("four remain in the hospital", "child in hospital"); None otherwise."""
    prep = place.head
    if place.dep_ != "pobj" or prep.lower_ != "in" or prep.dep_ != "prep":
        return None
    head = prep.head
    if head.pos_ in ("VERB", "AUX") and head.lemma_.lower() in lex.in_hospital_verbs:
        return head
    if head.pos_ in NOUN_POS and head.pos_ != "PROPN" or head.pos_ == "NUM":
        return head
    return None


# "9-month-old dies after ...": a headline verb the tagger may read as a plural noun
DIE_FORMS = frozenset({"dies", "died"})


def trigger_kind(tok: Token, lex: Lexicon) -> tuple[str, str] | None:
    """(kind, form) when the token reports casualties; form is verb | intransitive | adjective | noun."""
    lemma = tok.lemma_.lower()
    lower = tok.lower_
    phrasal = _phrasal_kind(tok, lex) if tok.pos_ in ("VERB", "AUX") else None
    if phrasal:
        return phrasal, "verb"
    if tok.pos_ == "VERB" and _own_death(tok, lex) is not None:
        return "killed", "own_death"  # "turned the gun on himself", "took his own life"
    if lower in lex.headline_participles and tok.i and _is_number(tok.doc[tok.i - 1], lex) and tok.pos_ != "VERB":
        return lex.headline_participles[lower], "headline"  # "4 shot in Gilpin Court"
    if lower in DIE_FORMS and tok.pos_ in ("NOUN", "PROPN") and tok.i and _is_person(tok.doc[tok.i - 1], lex):
        return "killed", "mistagged"
    if lower in lex.headline_participles and (tok.pos_ in ("NOUN", "PROPN") or tok.tag_ == "VBP") \
            and _after_bare_person(tok, lex):
        # "Teen girl shot, man arrested" ("shot" as a noun), "Two teens shot, one dies" (as a present)
        return lex.headline_participles[lower], "mistagged"
    if lemma in lex.multiple_nouns and any(c.lower_ in lex.multiple_counts for c in tok.lefts):
        return lex.multiple_nouns[lemma], "multiple"  # "a quadruple shooting"
    if lower in lex.fatal_nouns or lemma in lex.fatal_nouns:
        # "a fatal shooting"; in a title-case headline the adjective may hang from a name
        # between them ("Fatal Bourbon Street gunfight"): at least one dead
        if any(t.lower_ in lex.fatal_adjectives and t.dep_ in ("amod", "compound") for t in tok.doc[tok.left_edge.i: tok.i]):
            return "killed", "fatal"
    if tok.pos_ == "NOUN" and lex.multiple_nouns.get(lemma) == "shot" and _harmed_of(tok, lex) is not None:
        return "shot", "noun"  # "the shooting of a 3-year-old girl" (not "the murder of": often a charge's wording)
    if tok.pos_ == "NOUN" and _names_a_death(tok, lex):
        return "killed", "death"  # "a person of interest in a Sumter County death", "the homicide"
    if lemma == "condition" and tok.dep_ == "pobj" and tok.head.lower_ == "in" \
            and any(c.lower_ in lex.conditions for c in tok.lefts):
        return "injured", "condition"  # "left a 1-year-old girl in critical condition": hurt and alive
    if tok.pos_ == "VERB" and lemma in lex.hospital_verbs and _to_hospital(tok, lex):
        return "shot", "verb"  # "sent five people to the hospital"
    if tok.pos_ == "VERB" and lemma in lex.treated_verbs and _is_passive(tok) \
            and not any(c.lower_ in ("like", "as") for c in tok.children):
        return "shot", "verb"  # "they were treated and released": people hit (not "treated like a criminal")
    if tok.pos_ == "VERB" and lemma in lex.expected_verbs and tok.dep_ == "xcomp" and tok.head.lemma_ == "expect" \
            and not _child(tok, "dobj"):
        return "injured", "expected"  # "the other victim is expected to survive": hurt and alive
    if tok.pos_ == "VERB" and lemma in lex.survived_verbs and not _is_passive(tok) and tok.dep_ != "relcl" \
            and any(c.dep_ == "dobj" and c.lemma_.lower() in lex.fatal_nouns for c in tok.children):
        # "two teens survived the attack": hit and alive (not "a neighbour, who survived the
        # shooting, lives across the hall": a clause that only describes a witness by the event)
        return "injured", "intransitive"
    if lower in lex.in_hospital_places and _in_hospital_head(tok, lex) is not None:
        return "injured", "in_hospital"  # "left one child in the hospital": hurt and alive
    if lemma == "victim" and tok.tag_ in PLURAL_TAGS and any(c.dep_ == "nummod" for c in tok.children):
        return "shot", "victims"  # "the other three victims were ...": people hit
    if lemma in lex.wound_nouns and any(c.lemma_.lower() in lex.wound_modifiers for c in tok.lefts):
        return "shot", "wound"  # "two people with gunshot wounds"
    for kind, spec in lex.kinds.items():
        if tok.pos_ == "VERB" or (tok.tag_ in ("VBN", "VBD", "VBG") and lemma in spec.verbs):
            if lemma in spec.verbs:
                return _fatal_if_shot(tok, kind, lex), "verb"
            if lemma in spec.intransitive:
                return kind, "intransitive"
        if tok.pos_ == "ADJ" and (lower in spec.adjectives or lemma in spec.adjectives):
            return kind, "adjective"
        if tok.pos_ in ("NOUN", "PROPN") and lemma in spec.nouns:
            return kind, "noun"
    return None


def _own_death(verb: Token, lex: Lexicon) -> Token | None:
    """The one who died by his own hand in an idiom of it: 'himself' in 'turned the gun on
    himself', 'his' in 'took his own life'; None when the verb says no such thing."""
    lemma = verb.lemma_.lower()
    obj = _child(verb, "dobj")
    if obj is None:
        return None
    if lemma in lex.turned_verbs and obj.lemma_.lower() in lex.turned_weapons:
        on = [p for p in verb.children if p.dep_ == "prep" and p.lower_ == "on"]
        return next((o for p in on for o in p.children if o.dep_ == "pobj" and o.lower_ in REFLEXIVE_PRONOUNS), None)
    if lemma in lex.own_life_verbs and obj.lemma_.lower() == "life" and any(c.lower_ == "own" for c in obj.children):
        return _child(obj, "poss")
    return None


def _bare(tok: Token) -> bool:
    """No article or possessor: 'Man shot', not 'A man shot' nor 'his son'."""
    return not any(c.dep_ in ("det", "poss") for c in tok.children)


def _after_bare_person(tok: Token, lex: Lexicon) -> bool:
    """Right after a headline's bare person noun ('Teen girl shot'): no article, no possessor."""
    if not tok.i:
        return False
    before = tok.doc[tok.i - 1]
    person = before.pos_ in ("NOUN", "PROPN") or (before.pos_ == "ADJ" and _age_of(before) is not None)  # "17-year-old shot"
    # (not "A 17-year-old shot his brother", parsed as one noun phrase with an object)
    return person and _is_person(before, lex) and _bare(before) \
        and not any(c.dep_ in ("det", "poss", "dobj") for c in tok.children)


def _harmed_of(noun: Token, lex: Lexicon) -> Token | None:
    """The person after a harm noun's 'of': 'the shooting of a 3-year-old girl', 'the stabbing of
    a woman' (not 'the shooting of the video')."""
    person = _of_object(noun)
    return person if person is not None and _is_person(person, lex) else None


def _fatal_if_shot(tok: Token, kind: str, lex: Lexicon) -> str:
    """'shot dead', 'fatally stabbed', 'shot to death', 'mortally wounded' are killings
    ('4 shot, one fatally' is not)."""
    if kind not in ("shot", "injured"):
        return kind
    for child in tok.children:
        if child.dep_ in ("nsubj", "nsubjpass", "dobj", "conj", "advcl", "ccomp"):
            continue
        if child.lower_ in lex.fatal_modifiers or child.lemma_.lower() in lex.fatal_modifiers:
            return "killed"
        if child.dep_ == "prep" and child.lower_ == "to" and any(g.lemma_.lower() == "death" for g in child.children):
            return "killed"
    return kind


PASSIVE_CUES = {"auxpass", "nsubjpass"}
FOUND_VERBS = {"find", "discover", "recover", "retrieve", "identify", "pull", "dump", "exhume", "locate", "bury"}


def _is_passive(verb: Token) -> bool:
    if any(c.dep_ in PASSIVE_CUES for c in verb.children):
        return True
    # reduced passive: "teen killed in shooting", "40 injured", "insurgents killed"
    return verb.tag_ == "VBN" and not any(c.dep_ in ("aux", "dobj") for c in verb.children)


def _child(tok: Token, *deps: str) -> Token | None:
    for child in tok.children:
        if child.dep_ in deps:
            return child
    return None


def _subject(verb: Token, *deps: str) -> Token | None:
    """The subject nearest the verb: a dateline parsed as a second subject ('INDIANAPOLIS
    (PIX11) — A 9-month-old baby died') is farther away."""
    found = [c for c in verb.children if c.dep_ in deps]
    if len(found) > 1:  # people first: not 'a child ... since a shooting ... has died'
        lex = load_lexicon()
        found = [c for c in found if _is_person(c, lex) and c.ent_type_ not in ("GPE", "LOC", "FAC", "ORG")
                 and c.lower_ not in ("who", "that", "which")] or found
    return min(found, key=lambda c: abs(verb.i - c.i)) if found else None


def _victim_of_verb(verb: Token, form: str, _depth: int = 0) -> Token | None:
    if form == "intransitive":
        victim = _subject(verb, "nsubj", "nsubjpass")
    elif _is_passive(verb):
        victim = _subject_after_preposition(verb) or _subject(verb, "nsubjpass") or _subject(verb, "nsubj")
    else:
        victim = _child(verb, "dobj") or _shared_object(verb)
        if victim is not None and _times(victim):
            return None  # "Woman shot multiple times": how often, no object (a headline's subject may be)
        if victim is None:  # "arrested up to 40 protesters": object parsed under a particle
            for prt in verb.children:
                if prt.dep_ in ("prt", "prep"):
                    for sub in prt.subtree:
                        if sub.dep_ == "pobj" and sub.pos_ in NOUN_POS and sub.i < verb.i + 6 and prt.lower_ in ("up", "to"):
                            return sub
    if victim is not None and victim.lower_ in ("who", "that", "which") and verb.dep_ == "relcl":
        return verb.head  # "the other five victims who were injured"
    if victim is not None and victim.lower_ in ("who", "that") and verb.dep_ == "ccomp" and verb.head.dep_ == "relcl":
        return verb.head.head  # "a teen boy who police say was shot"
    if victim is not None:
        return victim
    # the participle modifies its victim: "the man killed", "5 wounded", "insurgents detained"
    # ("17-year-old killed in shooting": the age adjective; "the boy fatally shot", tagged as a past tense)
    if verb.dep_ in ("acl", "amod", "relcl") and (verb.head.pos_ in NOUN_POS or _age_of(verb.head) is not None) \
            and (verb.tag_ in ("VBN", "JJ") or (verb.dep_ == "acl" and verb.doc[verb.head.i + 1].text != ":")):
        return _counted_people_before(verb) or verb.head  # (not a headline's source: "Police: Woman hurt")
    # "left six others injured", "found him dead"
    # (not a clause of its own: "told outlets that Adrian Potts was killed")
    if verb.dep_ in ("oprd", "ccomp", "xcomp", "acomp") and verb.head.pos_ in ("VERB", "AUX") \
            and not (verb.dep_ == "ccomp" and any(c.dep_ in ("mark", "aux", "auxpass") for c in verb.children)):
        head = verb.head
        # "was found dead", "Four people found shot to death" (a headline's reduced passive)
        subject_is_victim = head.lemma_ in ("be", "remain", "lie") or head.lemma_.lower() in FOUND_VERBS
        found = _child(head, "dobj") or _child(head, "nsubjpass") or (_child(head, "nsubj") if subject_is_victim else None)
        if found is None and head.dep_ == "acl" and head.head.pos_ in NOUN_POS and head.lemma_.lower() in FOUND_VERBS:
            found = head.head  # "after 17-year-old boy found fatally shot in garage"
        return found
    # coordinated verbs share a subject: "was shot and killed", "were wounded or killed"
    if verb.dep_ == "conj" and _depth < 3:
        own = _child(verb, "nsubj")
        if own is not None and verb.tag_ in ("VBN", "VBD"):
            return own  # "left two men dead and a woman wounded"
        head = verb.head
        if head.pos_ in ("NOUN", "PROPN") and head.i < verb.i and verb.tag_ in ("VBN", "VBD") \
                and _bare(head):
            return head  # "Man, 45, shot and killed near park": the parser joins the verb to its subject
        if head.pos_ in ("VERB", "AUX", "ADJ"):
            if _is_passive(verb) or form == "intransitive":
                found = _child(head, "nsubjpass") or _child(head, "nsubj")
            else:
                found = _child(head, "dobj")
            if head.pos_ == "VERB" and (found is None or found.lower_ in ("who", "that", "which")):
                # the first verb's own victim: "a teen (who was) shot and killed by a friend"
                return _victim_of_verb(head, "verb", _depth + 1)
            return found
    return None


def _subject_after_preposition(verb: Token) -> Token | None:
    """'2 of 3 men charged after deputy was killed': the parser hangs the deputy on 'after' and
    takes the number for the subject; a bare noun right before the auxiliary, under a
    preposition that opens a clause, is the passive's own subject."""
    aux = next((c for c in verb.children if c.dep_ == "auxpass" and c.i < verb.i), None)
    if aux is None or aux.i == 0:
        return None
    noun = aux.doc[aux.i - 1]
    subject = _child(verb, "nsubjpass")
    if noun.dep_ != "pobj" or noun.pos_ not in ("NOUN", "PROPN") or subject is None or subject.i > noun.i:
        return None
    return noun if noun.head.lower_ in load_lexicon().clause_prepositions else None


def _shared_object(verb: Token) -> Token | None:
    """'Officers shot and killed a man': the object of the second verb is the first one's too
    (not 'Officers shot' with the officers as a headline's victims)."""
    for conj in verb.children:
        if conj.dep_ == "conj" and conj.pos_ == "VERB" and _child(conj, "nsubj", "nsubjpass") is None:
            found = _child(conj, "dobj")
            if found is not None:
                return found
    return None


def _counted_people_before(participle: Token) -> Token | None:
    """'One of the five people shot and killed Friday': the parser hangs the participle on 'One',
    but it tells of the five people just before it (counted, so not 'one of the people shot')."""
    people = _of_object(participle.head)
    if people is None or people.i != participle.i - 1 or people.tag_ != "NNS":
        return None
    return people if any(c.dep_ == "nummod" for c in people.children) else None


def _headline_subject(verb: Token, lex: Lexicon) -> Token | None:
    """'Teen wounded in drive-by shooting', 'Man shot in leg during robbery attempt': a headline's
    reduced passive parsed as an active past with no object; its bare subject (no article, a
    person word) is the victim (not 'A man shot at officers', 'Police shot in the air')."""
    if verb.tag_ not in ("VBD", "VBN") or any(c.dep_ in HEADLINE_BLOCKERS and not _times(c) for c in verb.children) \
            or any(_aimed_at(c, lex) for c in verb.children):
        return None
    subject = _child(verb, "nsubj") or _interjection_with_age(verb)
    if subject is None or subject.i > verb.i or not _bare(subject):
        return None
    lemma = subject.lemma_.lower()
    person_word = lemma in lex.generic_lemmas or lemma in lex.group_words or _age_of(subject) is not None
    noun = subject.pos_ in NOUN_POS or subject.dep_ == "intj"
    return subject if person_word and noun and lemma not in lex.collectives else None


def _interjection_with_age(verb: Token) -> Token | None:
    """'Boy, 6, wounded in drive-by shooting': the parser takes the headline's first word for an
    interjection; the age set off by commas after it shows it is a person, the subject."""
    word = _child(verb, "intj")
    doc = verb.doc
    if word is None or word.i + 3 >= len(doc) or word.i + 3 > verb.i:
        return None
    comma, age, comma2 = doc[word.i + 1], doc[word.i + 2], doc[word.i + 3]
    return word if comma.text == "," and comma2.text == "," and age.like_num else None


def _times(tok: Token) -> bool:
    """'Woman shot multiple times': how often, parsed as the object."""
    return tok.dep_ == "dobj" and tok.lower_ == "times"


def _aimed_at(prep: Token, lex: Lexicon) -> bool:
    """'Man shot at officers', 'Gunman fired into the crowd', 'Man shot at car': what was aimed
    at, a person or a vehicle (`[headlines] aim_targets`); not where it happened ('Teens shot at
    bus stop', 'Teen shot in leg at party')."""
    if prep.dep_ != "prep" or prep.lower_ not in lex.aim_prepositions:
        return False
    target = _child(prep, "pobj")
    return target is None or _is_person(target, lex) or target.lemma_.lower() in lex.aim_targets


# Children that make a past verb a full clause, not a headline's reduced passive.
HEADLINE_BLOCKERS = {"dobj", "aux", "auxpass", "prt", "dative", "ccomp", "xcomp", "attr", "oprd"}


def _controller(verb: Token) -> Token | None:
    """The understood subject of 'after being shot', 'was hospitalized after being stabbed'."""
    if not any(c.dep_ == "auxpass" for c in verb.children) or verb.dep_ not in ("pcomp", "advcl", "xcomp"):
        return None
    head = verb.head
    for _ in range(3):
        if head.pos_ in ("VERB", "AUX"):
            if head.dep_ == "acl" and head.head.pos_ in NOUN_POS and not _child(head, "nsubjpass", "nsubj"):
                return head.head  # a headline's participle: "police chief recovering after getting shot"
            return _child(head, "nsubjpass", "nsubj")
        head = head.head
    return None


def _victim_of_wound(wound: Token) -> Token | None:
    """'people *with gunshot wounds*', 'he suffered a gunshot wound', 'treated for gunshot wounds'."""
    head = wound.head
    with_wound = wound.dep_ == "pobj" and head.lower_ == "with"
    if wound.dep_ == "pobj" and head.dep_ == "prep":
        head = head.head
    if head.pos_ in NOUN_POS and head is not wound:
        return head
    if head.pos_ in ("VERB", "AUX"):
        # "Officers found two men with gunshot wounds", the parser hanging "with" on the
        # verb: the object has the wounds, not the subject
        found = _child(head, "dobj") if with_wound else None
        return found or _child(head, "nsubjpass", "nsubj") or _controller(head)
    return None


def _victim_of_adjective(adj: Token, lex: Lexicon) -> Token | None:
    subject = _child(adj, "nsubj", "nsubjpass", "meta", "nummod")
    if subject is not None and subject.lower_ in lex.dead_modifiers and subject.i == adj.i - 1:
        # "declared her brain dead": brain death is death; the victim is the brain's owner
        # or the verb's ("The boy was declared brain dead")
        subject = _child(subject, "poss")
        if subject is not None:
            return subject
    if subject is not None:
        return subject
    # "Officers found both dead": a pronoun count on the adjective is who died, not the finders
    # (not "shot them both dead": the verb's mention has them)
    count = next((c for c in adj.lefts if c.pos_ == "PRON" and c.lower_ in lex.exact), None)
    if count is not None and adj.head.lemma_.lower() in FOUND_VERBS:
        return count
    before = _number_before(adj, lex)
    if before is not None:
        return before
    if adj.dep_ in ("amod",) and adj.head.pos_ in NOUN_POS:
        return adj.head
    if adj.dep_ in ("acomp", "oprd", "xcomp", "ccomp", "advcl", "conj") and adj.head.pos_ in ("VERB", "AUX", "ADJ"):
        head = adj.head
        found = _child(head, "nsubjpass") or _child(head, "dobj") or _child(head, "nsubj")
        if found is None and head.dep_ == "conj" and head.head.pos_ in ("VERB", "AUX") \
                and head.lemma_.lower() in ("pronounce", "declare", *FOUND_VERBS):
            # a shared subject: "She was taken to hospital and was later pronounced dead"
            found = _child(head.head, "nsubjpass") or _child(head.head, "nsubj")
        return found
    return None


def _victim_of_noun(noun: Token, lex: Lexicon) -> Token | None:
    of = _of_object(noun)
    if of is not None:
        return of
    left = _left_with_injuries(noun, lex)
    if left is not None:
        return left
    if any(c.dep_ == "nummod" for c in noun.children):
        return noun  # "six deaths", "two bodies"
    if noun.lemma_.lower() in ("body", "corpse") and noun.dep_ in ("nsubjpass", "dobj") and noun.head.lemma_.lower() in FOUND_VERBS:
        return noun  # "a body was found"
    if noun.lemma_.lower() == "toll":  # "the death toll rose to 12", "a toll of 12"
        head = noun.head
        for tok in (list(head.subtree) if noun.dep_ in ("nsubj", "nsubjpass") else []):
            if tok.dep_ in ("pobj", "attr", "dobj") and _is_number(tok, lex) and tok.i > noun.i:
                return tok
    return None


def _left_with_injuries(noun: Token, lex: Lexicon) -> Token | None:
    """'The shooting left one man dead and two others with serious injuries': the people a
    shooting (`[hospital] left_with_causes`) left with injuries."""
    if noun.dep_ != "pobj" or noun.head.lower_ != "with" or noun.lemma_.lower() not in lex.kinds["injured"].nouns:
        return None
    person = noun.head.head
    if person.lemma_.lower() == "leave" and person.pos_ == "VERB":
        person = _child(person, "dobj") or person  # "Shooting leaves man with serious injuries": "with" on the verb
    verb = person
    while verb.dep_ == "conj" and verb.head.pos_ != "VERB":
        verb = verb.head  # "left a man dead and a woman with injuries"
    verb = verb.head
    if person.dep_ not in ("dobj", "conj") or verb.lemma_.lower() != "leave" or not _is_person(person, lex):
        return None
    cause = _child(verb, "nsubj")
    # (a headline's "Shooting leaves ..." may be tagged a verb, lemma "shoot")
    causes = lex.left_with_causes
    return person if cause is not None and (cause.lemma_.lower() in causes or cause.lower_ in causes) else None


# --------------------------------------------------------------------------- flags

def _clause_head(tok: Token) -> Token:
    head = _climb_to_clause(tok)
    # "has conducted four operations since October, which have eliminated ...": the
    # relative clause reads its period from the clause of the noun it describes, and a noun
    # under a preposition from the phrase above it ("a series of shootings that have left
    # three people dead")
    if head.dep_ == "relcl" and head.head.dep_ in ("dobj", "nsubj", "nsubjpass", "pobj", "attr"):
        head = head.head.head
        if head.dep_ == "prep":
            head = _climb_to_clause(head)
    return head


def _climb_to_clause(tok: Token) -> Token:
    head = tok
    while head.dep_ in ("conj", "xcomp", "oprd", "acomp", "amod", "acl", "nummod", "compound", "pobj", "prep") and head.head is not head:
        head = head.head
    return head


def _is_aggregate(trigger: Token, victim: Token | None, lex: Lexicon) -> bool:
    head = _clause_head(trigger)
    if (head.pos_ in NOUN_POS and head.dep_ in ("dobj", "nsubj", "nsubjpass", "attr")) or head.dep_ == "ccomp":
        head = head.head  # "During the same period this year, the city tallied 219 people shot"
    start = min(head.left_edge.i, victim.left_edge.i if victim is not None else head.left_edge.i)
    end = max(head.right_edge.i, victim.right_edge.i if victim is not None else head.right_edge.i)
    text = trigger.doc[start: end + 1].text
    return any(p.search(text) for p in lex.aggregate)


def _is_background(trigger: Token, lex: Lexicon) -> bool:
    if _after_an_interval(trigger, lex) or _an_interval_before(trigger, lex):
        return True
    return any(a.lemma_.lower() in lex.background or a.lower_ in lex.background for a in trigger.ancestors)


def _after_an_interval(trigger: Token, lex: Lexicon) -> bool:
    """'The attack came just 10 days after a gunman killed five police officers in Dallas': a clause
    set days, weeks or months apart from an event told of is another, earlier event. Only when what
    it is set apart from is a happening or a harm, not an arrest ('arrested him two days after a
    woman was shot' tells of the arrest's own incident)."""
    clause = _climb_to_clause(trigger)  # "was shot and killed", "left two dead": the first verb's clause
    if clause.dep_ == "advcl":
        word = next((c for c in clause.children if c.dep_ == "mark" and c.lower_ in ("after", "before")), None)
        units = list(clause.children) + (list(word.children) if word is not None else [])
    else:  # "came two weeks after a shooting that left two dead"
        event = next((a for a in clause.ancestors if a.dep_ == "pobj"), None) if clause.dep_ == "relcl" else None
        word = event.head if event is not None and event.head.lower_ in ("after", "before") else None
        units = list(word.children) if word is not None else []
    if word is None or not any(u.dep_ == "npadvmod" and u.lemma_.lower() in lex.interval_units for u in units):
        return False
    told = word.head if word.dep_ == "prep" else clause.head
    kind = trigger_kind(told, lex)
    return told.lemma_.lower() in lex.comparing_verbs or (kind is not None and kind[0] in HARM_KINDS)


def _an_interval_before(trigger: Token, lex: Lexicon) -> bool:
    """'Six months before that, a gunman killed 14 people': a clause dated a span of time before
    what was just told is another, earlier event (not 'two days before his birthday', nor 'two
    days earlier', which a follow-up report uses for its own shooting)."""
    clause = _climb_to_clause(trigger)
    return any(c.lower_ == "before" and c.dep_ == "prep"
               and any(o.dep_ == "pobj" and o.lower_ in ("that", "this") for o in c.children)
               and any(u.dep_ == "npadvmod" and u.lemma_.lower() in lex.interval_units for u in c.children)
               for c in clause.children)


def _is_negated(trigger: Token, victim: Token | None) -> bool:
    if any(c.dep_ == "neg" for c in trigger.children):
        return True
    head = _clause_head(trigger)
    if head is not trigger and any(c.dep_ == "neg" for c in head.children) and trigger.dep_ in ("xcomp", "oprd", "acomp"):
        return True
    if _kept_from(trigger):
        return True
    return victim is not None and victim.lower_ in ("nobody", "none", "no-one")


PREVENTING_VERBS = {"stop", "prevent", "keep", "save", "spare", "block"}


def _kept_from(trigger: Token) -> bool:
    """'the laptop in his backpack stopped a bullet from hitting him': the harm was prevented."""
    prep = trigger.head
    if trigger.dep_ != "pcomp" or prep.lower_ != "from":
        return False
    verb = prep.head.head if prep.head.dep_ == "dobj" else prep.head  # "kept a round (from striking)"
    return verb.lemma_.lower() in PREVENTING_VERBS


def _is_anaphoric(victim: Token, lex: Lexicon) -> bool:
    """A definite phrase with no number ('the detained leader', 'the suspects') names people again."""
    if _is_number(victim, lex) or victim.pos_ == "PRON":
        return victim.pos_ == "PRON" or any(c.lower_ == "the" for c in victim.lefts)
    lefts = list(victim.lefts)
    if any(_is_number(c, lex) or c.lower_ in lex.vague for c in lefts):
        return False
    return any(c.dep_ in ("det", "poss") and c.lower_ in ("the", "this", "that", "these", "those", "his", "her", "their") for c in lefts)


def _victim_words(victim: Token, lex: Lexicon) -> set[str]:
    """The victim word and its modifiers before it; after a bare number too ('three more')."""
    after = {c.lower_ for c in victim.rights if c.dep_ in ("amod", "advmod")} if _is_number(victim, lex) else set()
    return {victim.lower_} | {c.lower_ for c in victim.lefts} | after


def _is_additive(trigger: Token, victim: Token, lex: Lexicon) -> bool:
    words = _victim_words(victim, lex) | {c.lower_ for c in trigger.children if c.dep_ == "advmod"}
    return bool(words & lex.additive)


def _is_hypothetical(trigger: Token) -> bool:
    """'to arrest a leader', 'attempted to kill': an aim, not something reported as done."""
    if trigger.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in trigger.children):
        return True
    if any(c.dep_ == "advmod" and c.lower_ in ("nearly", "almost") for c in trigger.children):
        return True  # "the bullets that nearly killed his father": he lived
    if _in_condition(trigger):
        return True
    return any(c.dep_ == "aux" and c.lower_ in ("would", "could", "might", "will", "may", "should") for c in trigger.children)


CONDITIONAL_MARKERS = {"if", "unless"}


def _in_condition(trigger: Token) -> bool:
    """'If a child is shot and we don't speak up ...': a condition, not an event told. (Only
    an adverbial clause: in 'police are trying to determine if the man was shot by an officer',
    a clause of its own, the man was shot.)"""
    clause = trigger
    while clause.dep_ == "conj" and clause.head is not clause:
        clause = clause.head  # "if a man is shot and killed"
    return clause.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in CONDITIONAL_MARKERS for c in clause.children)


def _in_early_report(trigger: Token, lex: Lexicon) -> bool:
    """'Early reports said one person had died in the shooting, but that proved to be incorrect':
    what early or initial reports told, a later report takes back or leaves unconfirmed; so too
    what someone said before ('Earlier, the attorney general said 13 people had been killed',
    'Police initially said two men were shot'; not 'Earlier Sunday, police said': a time of day)."""
    for verb in trigger.ancestors:
        if verb.lemma_.lower() in lex.saying_verbs and any(
                c.dep_ == "advmod" and c.lower_ in lex.early_saying and not list(c.children) for c in verb.children):
            return True
        subject = _child(verb, "nsubj")
        if subject is not None and subject.lemma_.lower() == "report" \
                and any(c.dep_ == "amod" and c.lower_ in lex.early_reports for c in subject.children):
            return True
    return False


def _is_ambiguous(trigger: Token, kind: str, lex: Lexicon) -> bool:
    """'wounded or killed': the same people under two kinds joined by 'or'."""
    linked = [c for c in trigger.children if c.dep_ == "conj"] + ([trigger.head] if trigger.dep_ == "conj" else [])
    for other in linked:
        between = trigger.doc[min(trigger.i, other.i): max(trigger.i, other.i)]
        found = trigger_kind(other, lex)
        if found and found[0] != kind and any(t.lower_ in ("or", "and/or") for t in between):
            return True
    return False


def _is_person(tok: Token, lex: Lexicon) -> bool:
    """Whether a noun phrase head can stand for people (not weapons, vehicles, buildings)."""
    lemma = tok.lemma_.lower()
    if lemma in lex.group_words or tok.lower_ in lex.group_words or lemma in lex.generic_lemmas or lemma in lex.roles:
        return True
    if tok.ent_type_ in ("PERSON", "NORP") or tok.pos_ == "PRON" or _age_of(tok) is not None:
        return True
    if _is_number(tok, lex) or lemma in lex.vague or tok.lower_ in lex.vague or _vague_phrase(tok, lex):
        of = _of_object(tok)
        return of is None or _is_person(of, lex)
    if tok.pos_ == "PROPN":
        return tok.ent_type_ in ("PERSON", "") or tok.lower_ in _person_words(tok.doc) or _with_age_set_off(tok)
    if group_of(tok, lex)[0] is not None:
        return True
    # agent nouns name people ("rider", "cyclist", "pedestrian"), unless listed as things
    return tok.pos_ == "NOUN" and lemma.endswith(PERSON_SUFFIXES) and lemma not in lex.not_people


def _with_age_set_off(name: Token) -> bool:
    """'Marcus Hill, 22, was shot': a name with an age between commas is a person's, whatever
    the recogniser took it for (here an organisation)."""
    doc = name.doc
    for age in (c for c in name.children if c.dep_ == "appos" and c.text.isdigit() and 0 < int(c.text) < 110):
        if doc[age.i - 1].text == "," and age.i + 1 < len(doc) and doc[age.i + 1].text == ",":
            return True
    return False


_PERSON_WORDS: list = [None, frozenset()]  # (doc, words): the last document's person names


def _person_words(doc: Doc) -> frozenset[str]:
    """Words of the document's person names: 'Troyer' tagged as an organisation in one
    sentence is the 'Allen Troyer' of another."""
    if _PERSON_WORDS[0] is not doc:
        _PERSON_WORDS[0] = doc
        _PERSON_WORDS[1] = frozenset(t.lower_ for e in doc.ents if e.label_ == "PERSON" for t in e if t.pos_ == "PROPN")
    return _PERSON_WORDS[1]


def _needs_person(trigger: Token, victim: Token | None, lex: Lexicon) -> bool:
    if trigger.lemma_.lower() not in lex.need_person:
        return False
    return victim is None or not _is_person(victim, lex)


# --------------------------------------------------------------------------- find

def casualty_mentions(span: Span | Doc, lex: Lexicon | None = None) -> list[CasualtyMention]:
    """Every casualty mention whose trigger lies in `span`, in text order."""
    lex = lex or load_lexicon()
    mentions = []
    words = lex.trigger_words
    for tok in span:
        if tok.lower_ not in words and tok.lemma_.lower() not in words:
            continue
        found = trigger_kind(tok, lex)
        if found is None:
            continue
        mention = _mention_at(tok, found[0], found[1], lex)
        if mention is not None:
            mentions.append(mention)
    mentions.extend(_some_fatally(span, lex))
    doc = span.doc if isinstance(span, Span) else span
    _mark_sidebars(mentions, doc_text(doc), lex)
    mentions = sorted(mentions, key=lambda m: m.trigger_start)
    _others_than_the_dead(mentions, doc)
    _others_of_another_kind(mentions, doc)
    _hurt_then_died(mentions, doc)
    _coordinated_newcomers(mentions, doc)
    return _drop_shadowed(mentions)


HARM_KINDS = {"killed": "dead", "injured": "hurt", "shot": "hurt"}


def _coordinated_newcomers(mentions: list[CasualtyMention], doc: Doc) -> None:
    """'A 30-year-old man was killed and a 25-year-old man was shot': a clause joined to a harm
    clause, with its own indefinite single victim ('a ...'), tells one more person hit, as an
    ordinal victim does (at least both were hit). Only within one sentence: across sentences a
    report retells its victims with new indefinites ('A man was shot ... A man was taken to the
    hospital'), and ages told apart across sentences lost unseen records (cas8)."""
    by_trigger = {m.trigger_start: m for m in mentions if m.counts and m.kind in HARM_KINDS}
    for m in by_trigger.values():
        token = doc.char_span(m.trigger_start, m.trigger_end, alignment_mode="expand")
        if token is None or m.low != 1 or m.anaphoric or not m.text.lower().startswith(("a ", "an ")):
            continue
        verb = token[0]
        told = by_trigger.get(verb.head.idx) if verb.dep_ == "conj" else None
        if told is None or told.start == m.start or told.vague or told.anaphoric:
            continue  # ("was shot and killed": one victim, two verbs)
        m.ordinal = max(m.ordinal, max(told.ordinal, told.low) + 1)


def _others_than_the_dead(mentions: list[CasualtyMention], doc: Doc) -> None:
    """'Nora Osman was shot and killed ... The other three victims were an 18-year-old woman,
    ...', 'one man was killed and two others were shot': people hit who are other than the
    dead just told of are more people hit, not some of those dead (as a bare 'shot' would
    be): at least the dead and the others were hit, like an ordinal victim ('7 Shot, 3 Dead
    ... One victim was pronounced dead. The other six were rushed to the hospital' = 7 hit)."""
    last = None
    for i, m in enumerate(mentions):
        if m.kind == "shot" and (m.others or m.more) and m.counts and last is not None and last.kind == "killed" \
                and not _die_later_in_sentence(m, mentions[i + 1:], doc):
            m.ordinal = max(m.ordinal, last.low + m.low)
        if m.counts and m.kind in HARM_KINDS:
            last = m


def _die_later_in_sentence(mention: CasualtyMention, later: list[CasualtyMention], doc: Doc) -> bool:
    """'... but the two other victims - Edgar Sanchez Rios, 16, and Melanie Virgen - died':
    the others' own sentence says they died."""
    token = doc.char_span(mention.trigger_start, mention.trigger_end, alignment_mode="expand")
    if token is None:
        return False
    end = token.sent.end_char
    return any(o.kind == "killed" and o.counts and o.trigger_start < end for o in later)


def _others_of_another_kind(mentions: list[CasualtyMention], doc: Doc) -> None:
    """'killed one man and injured three others': the others are other than the dead,
    not more people hurt than those counted elsewhere."""
    for i, m in enumerate(mentions):
        if not m.additive or m.kind not in HARM_KINDS:
            continue
        token = doc.char_span(m.trigger_start, m.trigger_end, alignment_mode="expand")
        if token is None:
            continue
        sentence = token.sent
        if any(o.kind in HARM_KINDS and HARM_KINDS[o.kind] != HARM_KINDS[m.kind]
               and sentence.start_char <= o.trigger_start < m.trigger_start for o in mentions[:i]):
            m.additive = False


def _hurt_then_died(mentions: list[CasualtyMention], doc: Doc) -> None:
    """'A man was critically injured. He died at the hospital', 'Two men were wounded. One of
    them later died': a death in a later sentence told of people already told hurt is the
    death of some of them, so they were hit, and only those who did not die were wounded
    (kind "shot"). (Not within one sentence: in 'a man opened fire, wounding an officer,
    before he was shot and killed' he is the gunman.)"""
    for death in mentions:
        token = doc.char_span(death.trigger_start, death.trigger_end, alignment_mode="expand")
        if death.kind != "killed" or not death.counts or death.reflexive or death.attacker or token is None:
            continue
        earlier = [m for m in mentions if m.counts and m.kind in HARM_KINDS and m.trigger_start < token.sent.start_char]
        if death.partitive:
            told = next((m for m in reversed(earlier) if m.low > death.low), None)
            if told is not None and told.kind == "injured":
                told.kind = "shot"
        elif death.anaphoric and len(death.people) == 1:
            _one_hurt_then_died(death.people[0], earlier)


def _one_hurt_then_died(dead: Person, earlier: list[CasualtyMention]) -> None:
    """'He died': the person told of before whom he may be, unless a death told before
    may be his ('A man was killed and his friend wounded. He died at the scene')."""
    if any(m.kind == "killed" and not dead.other_than(p) for m in earlier for p in m.people):
        return
    for m in reversed(earlier):
        # (a phrase of several people may tell of him too: "a man and a woman were injured")
        if len(m.people) != m.low or all(p.other_than(dead) for p in m.people):
            continue
        if m.kind == "injured":
            m.kind = "shot"
        if not m.anaphoric:
            return  # the first telling of him ("A man was critically injured")


def _mark_sidebars(mentions: list[CasualtyMention], text: str, lex: Lexicon) -> None:
    """A line that links to another story ('STORY: Man, 20, dies after fall', '[OTHER NEWS:
    ...]', 'Related Coverage ...') reports another event: its casualties are background."""
    for m in mentions:
        line = text[text.rfind("\n", 0, m.trigger_start) + 1: m.trigger_start]
        if lex.sidebar.match(line):
            m.background = True


def _some_fatally(span: Span | Doc, lex: Lexicon) -> list[CasualtyMention]:
    """'Four people were shot, one fatally': the number before 'fatally' died."""
    out = []
    for tok in span:
        if tok.lower_ not in ("fatally", "mortally"):
            continue
        number, shot = _fatally_counted(tok, lex)
        if number is None or trigger_kind(shot, lex) is None:
            continue
        n = number_value(number, lex)
        if n is None:
            continue
        out.append(CasualtyMention(
            kind="killed", low=n, high=n, groups={}, generic=n, start=number.idx, end=tok.idx + len(tok.text),
            trigger_start=tok.idx, trigger_end=tok.idx + len(tok.text), text=doc_text(tok.doc)[number.idx:tok.idx + len(tok.text)],
            aggregate=_is_aggregate(shot, None, lex), background=_is_background(shot, lex),
        ))
    return out


def _fatally_counted(fatally: Token, lex: Lexicon) -> tuple[Token | None, Token | None]:
    """The number 'fatally' qualifies and the harm verb it counts from ('shot, one fatally').
    The parser may hang the number on the comma after the clause instead of its verb ('Two
    men were shot, one fatally, police said'): then the clause the comma ends is read."""
    number = fatally.head
    if not _is_number(number, lex):
        return None, None
    shot = number.head
    if trigger_kind(shot, lex) is None and number.dep_ == "appos":
        shot = shot.head  # "Three people were shot, two of them fatally"
    before = number.doc[number.i - 1] if number.i else number
    if trigger_kind(shot, lex) is None and before.text == "," and before.i:
        shot = number.doc[before.i - 1]
        for _ in range(3):  # "shot Saturday night, one fatally": up from "night" to "shot"
            if trigger_kind(shot, lex) is not None:
                break
            shot = shot.head
    return number, shot


def _mention_at(trigger: Token, kind: str, form: str, lex: Lexicon) -> CasualtyMention | None:
    # "1 dead, 5 wounded", "1 killed 3 injured" (a headline's participle tagged as a past tense)
    # (not with an object of its own: in "fired four shots - three hit him" the number counts shots)
    headline = _number_before(trigger, lex) if trigger.tag_ in ("VBN", "JJ", "VBD") and trigger.i \
        and _is_number(trigger.doc[trigger.i - 1], lex) and not _has_person_object(trigger, lex) else None
    if form in ("multiple", "fatal"):
        return _multiple_mention(trigger, kind, lex)
    if form == "death":
        return _one_death(trigger, lex)
    if form == "headline":
        headline = _person_with_family(trigger.doc[trigger.i - 1], lex) or trigger.doc[trigger.i - 1]
    if headline is not None:
        victim = headline  # "Three dead, two wounded"
    elif form == "mistagged":
        victim = trigger.doc[trigger.i - 1]
    elif form in ("verb", "intransitive"):
        victim = _victim_of_verb(trigger, form) or _controller(trigger) or _headline_subject(trigger, lex)
    elif form == "victims":
        victim = _partitive_number(trigger, lex) or trigger
    elif form == "wound":
        victim = _victim_of_wound(trigger)
    elif form == "own_death":
        victim = _own_death(trigger, lex)
    elif form == "in_hospital":
        head = _in_hospital_head(trigger, lex)
        victim = head if head.pos_ not in ("VERB", "AUX") else \
            (_child(head, "dobj") or _child(head, "nsubjpass") or _child(head, "nsubj"))
    elif form == "expected":
        victim = _child(trigger.head, "nsubjpass", "nsubj")
    elif form == "condition":
        verb = trigger.head.head  # condition <- in <- verb
        if verb.dep_ == "pobj" and verb.head.head.pos_ == "VERB":
            verb = verb.head.head  # "taken to a hospital in stable condition": condition <- in <- hospital <- to <- taken
        victim = (_child(verb, "dobj") or _child(verb, "nsubjpass") or _child(verb, "nsubj")) \
            if verb.pos_ in ("VERB", "AUX") else None
        if victim is None and verb.dep_ == "conj" and verb.pos_ == "VERB":
            victim = _victim_of_verb(verb, "verb")  # "was also shot and was taken to the hospital in stable condition"
    elif form == "adjective":
        victim = _victim_of_adjective(trigger, lex)
    else:
        victim = _victim_of_noun(trigger, lex)
    if victim is None and form in ("verb", "adjective"):
        victim = _number_before(trigger, lex)
    if victim is None or victim.i == trigger.i and form not in ("noun", "victims"):
        return None
    victim = _past_headline_source(victim)
    victim = _past_organisation_name(victim, lex)
    lo, hi = sorted((victim.i, trigger.i))
    if any("\n\n" in t.text or "\n\n" in t.whitespace_ for t in trigger.doc[lo:hi]):
        return None  # a title line run into the next paragraph by the parser
    if any(_is_title_separator(t) for t in trigger.doc[lo:hi]):
        # "shot mother - WCAX.COM Local News, Weather": the site's name is no victim
        victim = _victim_before_separator(trigger, lex)
        if victim is None:
            return None
    if form == "verb" and not _is_person(victim, lex):
        victim = _number_before_place(trigger, victim, lex) or victim
    if not _is_person(victim, lex) and not (form == "noun" and victim.i == trigger.i):
        return None  # "the house was shot", "a fatal shooting"
    if victim.i != trigger.i and trigger_kind(victim, lex) and not _is_number(victim, lex) and victim.lemma_.lower() not in ("body", "corpse", "victim"):
        return None  # "deaths were reported": the noun is a trigger of its own
    if _needs_person(trigger, victim, lex):
        return None
    victims = count_victims(victim, lex)
    if victims is None:
        return None
    _with_person_before(victims, victim, lex)
    gapped = _gapped_victims(trigger, victim)  # "... in the chest and another in the leg"
    victims.low, victims.high, victims.generic = victims.low + gapped, victims.high + gapped, victims.generic + gapped
    if kind == "killed" and form == "noun" and trigger.lemma_.lower() in ("body", "corpse") and victim.i == trigger.i:
        pass  # the bodies are the dead
    start, end = min(victims.start, trigger.idx), max(victims.end, trigger.idx + len(trigger.text))
    victim_words = _victim_words(victim, lex)
    return CasualtyMention(
        kind=kind, low=victims.low, high=max(victims.high, victims.low), groups=victims.groups,
        generic=victims.generic, specific=victims.specific, vague=victims.vague, vague_keys=victims.vague_keys,
        plural_only=victims.plural_only,
        start=victims.start, end=victims.end,
        trigger_start=trigger.idx, trigger_end=trigger.idx + len(trigger.text),
        text=doc_text(trigger.doc)[start:end],
        negated=_is_negated(trigger, victim) or (victims.low == 0 and victims.high == 0),
        aggregate=_is_aggregate(trigger, victim, lex) or _is_general_statement(trigger, victim),
        background=_is_background(trigger, lex) or _another_dated(trigger, victim, lex),
        ambiguous=_is_ambiguous(trigger, kind, lex),
        anaphoric=victims.anaphoric,
        additive=_is_additive(trigger, victim, lex),
        # ("is expected to survive" forecasts the outcome; the harm is reported)
        hypothetical=(form != "expected" and _is_hypothetical(trigger)) or _in_early_report(trigger, lex),
        more=bool(victim_words & lex.other_people) or _also_a_newcomer(trigger, victim, victims),
        others=bool(victim_words & lex.others_than_told),
        names=victims.names, ordinal=victims.ordinal, people=victims.people,
        reflexive=victim.lower_ in REFLEXIVE_PRONOUNS or form == "own_death",  # ("took *his* own life")
        # (not "the suspect in the airport shooting": a phrase on him names his own deed)
        attacker=(victims.low == 1 and victim.lemma_.lower() in lex.attackers and victim not in trigger.ancestors)
        or _suicide_after_killing(victim, lex),
        agent=_agent_of(trigger),
        found_later=_found_later(victim),
        partitive=_is_partitive(victim, lex),
        gunman_pronoun=_is_gunman_pronoun(trigger, victim, lex) or (kind == "killed" and _harmed_others(trigger, victim, lex)),
        with_attacker=_includes_the_attacker(trigger, victim, lex),
    )


def _number_before_place(verb: Token, obj: Token, lex: Lexicon) -> Token | None:
    """'Gunfire wounds two outside house party': the parser hangs the number right after the
    verb on the place noun it reads as the object; the number is who was hurt."""
    if obj.dep_ != "dobj" or obj.head != verb or verb.i + 1 >= len(verb.doc):
        return None
    number = verb.doc[verb.i + 1]
    return number if number.head == obj and number.dep_ == "nummod" and _is_number(number, lex) else None


def _also_a_newcomer(trigger: Token, victim: Token, victims: Victims) -> bool:
    """'A 24-year-old man was also shot': 'also' with a victim brought in by 'a'/'an' is one
    more person, not a retelling (that would say 'he' or 'the man')."""
    also = any(c.dep_ == "advmod" and c.lower_ == "also" for c in trigger.children)
    return also and victims.low == 1 and any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in victim.children)


def _gapped_victims(trigger: Token, victim: Token) -> int:
    """How many more people a gapped clause adds: "One victim was shot in the chest and another in
    the leg", "one in the arm and the other in the leg" (the parser joins "another" to "chest")."""
    def another(tok: Token) -> bool:
        dets = {c.lower_ for c in tok.children if c.dep_ == "det"}
        return tok.lower_ == "another" or "another" in dets or (tok.lower_ == "other" and "the" in dets)
    places = [obj for prep in trigger.children if prep.dep_ == "prep" for obj in prep.children if obj.dep_ == "pobj"]
    def own_place(tok: Token, obj: Token) -> bool:  # "another *in the leg*", wherever the parser hangs it
        return any(t.dep_ == "prep" and t.head in (trigger, obj, tok) for t in tok.doc[tok.i + 1: tok.sent.end])
    return sum(1 for obj in places for c in obj.children
               if c.dep_ == "conj" and c.i > victim.i and another(c) and own_place(c, obj))


def _is_gunman_pronoun(trigger: Token, victim: Token, lex: Lexicon) -> bool:
    """'A gunman killed three people before he was killed by police': a pronoun in a clause
    under 'before'/'after'/'when' of the attacker's own harm is the attacker."""
    clause = _climb_to_clause(trigger)
    if victim.lower_ not in SINGULAR_PRONOUNS or clause.dep_ != "advcl" \
            or not any(c.dep_ == "mark" and c.lower_ in ("before", "after", "when", "until") for c in clause.children):
        return False
    verb = clause.head
    while verb.dep_ == "conj" and _child(verb, "nsubj") is None:
        verb = verb.head  # "A gunman killed a bartender and wounded a patron before he was shot"
    subject, kind = _child(verb, "nsubj"), trigger_kind(clause.head, lex)
    return subject is not None and subject.lemma_.lower() in lex.attackers and kind is not None and kind[0] in HARM_KINDS


def _includes_the_attacker(trigger: Token, victim: Token, lex: Lexicon) -> bool:
    """'5 dead, including gunman', 'Seven people died, including the suspect', and a count
    told of a murder-suicide ('Three dead in apparent murder-suicide'): the attacker is one
    of those counted."""
    sentence = trigger.sent.text.lower()
    if any(term in sentence for term in lex.killing_then_suicide):
        return True
    for tok in (trigger, victim):
        for prep in (c for c in tok.children if c.dep_ == "prep" and c.lower_ == "including"):
            people = [o for o in prep.children if o.dep_ == "pobj"]
            people += [c for o in people for c in o.conjuncts]
            if any(o.lemma_.lower() in lex.attackers or o.lower_ in REFLEXIVE_PRONOUNS for o in people):
                return True
    return False


def _suicide_after_killing(victim: Token, lex: Lexicon) -> bool:
    """'her stepfather killed himself' in a report that calls it a murder-suicide: the one who
    killed himself is the attacker, whatever word names him."""
    if victim.lower_ not in REFLEXIVE_PRONOUNS:
        return False
    text = doc_text(victim.doc).lower()
    return any(term in text for term in lex.killing_then_suicide)


def _harmed_others(trigger: Token, victim: Token, lex: Lexicon) -> bool:
    """'A man who killed his wife was shot dead by police', 'a man shot and killed by deputies
    first shot his girlfriend': the one killed is, in the same sentence, the subject of
    another harm with people of its own as object, so he is the attacker (one more death,
    none of the people he hit). A single noun or name only; a pronoun is read above, and an
    attacker word ("police killed the gunman, who killed three officers") is a group of its own."""
    if victim.pos_ not in ("NOUN", "PROPN") or victim.tag_ in ("NNS", "NNPS") or victim.lemma_.lower() in lex.attackers:
        return False
    for verb in victim.sent:
        if verb.i == trigger.i or verb.pos_ != "VERB" or _agent_of(verb) != victim.lower_:
            continue
        kind = trigger_kind(verb, lex)
        obj = _child(verb, "dobj")
        if kind and kind[0] in HARM_KINDS and obj is not None and obj.i != victim.i \
                and obj.lower_ not in REFLEXIVE_PRONOUNS and (_is_person(obj, lex) or _is_number(obj, lex)):
            return True
    return False


def _is_partitive(victim: Token, lex: Lexicon) -> bool:
    """'one of them', 'two of the victims': a count out of people named before."""
    of = _of_object(victim)
    return of is not None and _is_number(victim, lex) and (of.pos_ == "PRON" or _is_anaphoric(of, lex))


def _partitive_number(whole: Token, lex: Lexicon) -> Token | None:
    """'six *of the seven victims* were peppered with bird shot': the number before 'of' counts
    the people hit; the victims after it are the whole group, some of them unhurt."""
    prep = whole.head
    if whole.dep_ == "pobj" and prep.lower_ == "of" and _is_number(prep.head, lex) and prep.head.i < whole.i:
        return prep.head
    return None


def _another_dated(trigger: Token, victim: Token, lex: Lexicon) -> bool:
    """'Last night, around 9 p.m., another man was gunned down on Pine Street': another
    victim whose clause gives its own day or hour is another incident's (a round-up of a
    weekend's shootings), not one more of the event's (nor the object of 'a man shot another man
    ... Wednesday': a man other than the shooter)."""
    if victim.dep_ not in ("nsubj", "nsubjpass") or not ({c.lower_ for c in victim.lefts} & lex.distinct_markers & lex.other_people):
        return False
    head = _clause_head(trigger)
    return any(t.ent_type_ in ("DATE", "TIME") for t in head.subtree if t.sent == trigger.sent)


def _found_later(victim: Token) -> bool:
    """'Deputies later found another adult male victim who was shot': more people than the
    report had counted, found after it (not 'another man was shot', which may repeat a summary)."""
    finder = victim.head
    return victim.dep_ in ("dobj", "nsubjpass") and finder.lemma_.lower() in FOUND_VERBS \
        and any(c.dep_ == "advmod" and c.lower_ == "later" for c in finder.children)


PRESENT_TAGS = {"VBP", "VBZ"}


def _is_general_statement(trigger: Token, victim: Token) -> bool:
    """'So many kids are getting killed in our community', 'Many others have been wounded':
    'many' in the present tense says how things are, not how many one event hit."""
    if not any(t.lower_ == "many" for t in (victim, *victim.lefts)):
        return False
    verbs = [trigger, *trigger.children] if trigger.pos_ in ("VERB", "AUX") else [trigger.head, *trigger.head.children]
    return any(v.tag_ in PRESENT_TAGS and (v is trigger or v is trigger.head or v.dep_ in ("aux", "auxpass"))
               for v in verbs)


TITLE_SEPARATORS = {"-", "|"}  # (not dashes: "KAUFMAN COUNTY (CBS 11) — A boy ...")


def _is_title_separator(tok: Token) -> bool:
    """' - ' or ' | ' between a headline and the site's name."""
    return tok.text in TITLE_SEPARATORS and bool(tok.whitespace_) and tok.i > 0 \
        and bool(tok.doc[tok.i - 1].whitespace_)


def _victim_before_separator(trigger: Token, lex: Lexicon) -> Token | None:
    """The person right after a headline's verb, before the site's name ('shot mother')."""
    doc = trigger.doc
    end = next((t.i for t in doc[trigger.i + 1:] if _is_title_separator(t) or "\n" in t.text), len(doc))
    people = [t for t in doc[trigger.i + 1:end] if t.pos_ in ("NOUN", "PROPN") and _is_person(t, lex)]
    return people[-1] if people else None


def _agent_of(verb: Token) -> str:
    """Who did it: the subject of the verb, of the verb it is coordinated with, or the noun
    a relative clause modifies ('a man who later shot himself')."""
    for _ in range(3):
        subject = _child(verb, "nsubj")
        if subject is not None and subject.lower_ not in ("who", "that"):
            return subject.lower_
        if verb.dep_ == "relcl":
            return verb.head.lower_
        if verb.dep_ == "pcomp" and verb.head.head.pos_ in ("VERB", "AUX"):
            verb = verb.head.head  # "killed his wife before killing himself": the one who killed her
            continue
        if verb.dep_ not in ("conj", "xcomp", "advcl"):
            break
        verb = verb.head
    return ""


def _has_person_object(verb: Token, lex: Lexicon) -> bool:
    """'three hit him': the verb's object is the victim (a number as object is a
    headline's next figure: '1 killed 3 injured')."""
    obj = _child(verb, "dobj")
    return obj is not None and not _is_number(obj, lex) and _is_person(obj, lex)


def _past_headline_source(victim: Token) -> Token:
    """'Police: 3-year-old girl dies' parses 'Police' as the subject; the victim is the apposition."""
    doc = victim.doc
    if victim.i + 1 < len(doc) and doc[victim.i + 1].text == ":":
        for child in victim.children:
            if child.dep_ == "appos":
                return child
    return victim


def _past_organisation_name(victim: Token, lex: Lexicon) -> Token:
    """'arrested an Islamic Movement of Uzbekistan leader' parses the name as the object;
    the person is the role noun after 'of'."""
    if victim.pos_ != "PROPN" or victim.ent_type_ == "PERSON":
        return victim
    of = _of_object(victim)
    if of is not None and of.pos_ == "NOUN" and of.lemma_.lower() in lex.roles:
        return of
    return victim


def _multiple_mention(trigger: Token, kind: str, lex: Lexicon) -> CasualtyMention:
    """'a quadruple shooting': four people; 'a fatal shooting': at least one dead (vague). No group."""
    words = {**lex.multiple_counts, **{a: 1 for a in lex.fatal_adjectives}}
    modifiers = [c for c in trigger.doc[trigger.left_edge.i: trigger.i] if c.lower_ in words]
    n = words[modifiers[0].lower_]
    vague = modifiers[0].lower_ in lex.fatal_adjectives
    start = min(c.idx for c in modifiers)
    end = trigger.idx + len(trigger.text)
    return CasualtyMention(
        kind=kind, low=n, high=n, groups={}, generic=n, start=start, end=end, vague=vague,
        trigger_start=trigger.idx, trigger_end=end, text=doc_text(trigger.doc)[start:end],
        aggregate=_is_aggregate(trigger, None, lex), background=_is_background(trigger, lex),
    )


def _names_a_death(noun: Token, lex: Lexicon) -> bool:
    """'a Sumter County death', 'the homicide': one death, victim unnamed (not 'death threats',
    'homicide detectives', 'no deaths', 'deaths'; nor 'the commander's death', 'his death':
    a death told of someone, read with its context elsewhere)."""
    compound = noun.dep_ == "compound" and noun.head.lemma_.lower() not in lex.death_inquiries
    return noun.lemma_.lower() in lex.death_nouns and noun.tag_ == "NN" and not compound \
        and _of_object(noun) is None and not any(c.dep_ in ("nummod", "poss") for c in noun.children) \
        and not any(c.lower_ in NEGATORS for c in noun.lefts)


def _one_death(noun: Token, lex: Lexicon) -> CasualtyMention:
    """At least one dead: a vague figure that any reported number overrides, as 'a fatal shooting'."""
    start, end = noun.idx, noun.idx + len(noun.text)
    return CasualtyMention(
        kind="killed", low=1, high=1, groups={}, generic=1, start=start, end=end, vague=True,
        trigger_start=start, trigger_end=end, text=noun.text,
        aggregate=_is_aggregate(noun, None, lex), background=_is_background(noun, lex),
        hypothetical=_is_hypothetical(noun),
    )


def _number_before(trigger: Token, lex: Lexicon) -> Token | None:
    """Headline style '1 dead, 5 wounded': the number right before the trigger."""
    if trigger.i == 0:
        return None
    prev = trigger.doc[trigger.i - 1]
    if _is_number(prev, lex) and prev.sent == trigger.sent:
        return _person_with_family(prev, lex) or prev
    if prev.pos_ == "NOUN" and trigger.i >= 2 and _is_number(trigger.doc[trigger.i - 2], lex):
        return prev  # "6 people dead"
    return None


def _person_with_family(number: Token, lex: Lexicon) -> Token | None:
    """'Father of 3 gunned down': the number counts his children; the victim is the father
    (not in 'One of 3 killed', where the number counts the dead)."""
    # read from the words, not the parse: "Mother of two shot" parses "two shot" as a noun
    doc = number.doc
    if number.i < 2 or doc[number.i - 1].lower_ != "of":
        return None
    person = doc[number.i - 2]
    if person.pos_ not in ("NOUN", "PROPN") or _is_number(person, lex) or not _is_person(person, lex):
        return None
    return person


def _drop_shadowed(mentions: list[CasualtyMention]) -> list[CasualtyMention]:
    """One victim phrase under two triggers of the same kind ('shot and killed') counts once."""
    seen: dict[tuple[str, int, int], CasualtyMention] = {}
    out = []
    for m in mentions:
        key = (m.kind, m.start, m.end)
        if key in seen:
            continue
        seen[key] = m
        out.append(m)
    # "shot" or "injured" mentions of the same people as a killing are not extra casualties
    # ("he was flown to hospital in critical condition, but died")
    killed_spans = {(m.start, m.end) for m in out if m.kind == "killed" and m.counts}
    return [m for m in out if not (m.kind in ("shot", "injured") and (m.start, m.end) in killed_spans)]


# --------------------------------------------------------------------------- combine

def _top_level_sum(groups: dict[str, int], lex: Lexicon) -> int:
    """Sum of the groups' counts, sub-groups folded into their parent (children ⊂ civilians)."""
    top: dict[str, int] = {}
    children: dict[str, int] = {}
    for group, n in groups.items():
        parent = lex.group_parents.get(group)
        if parent:
            children[parent] = children.get(parent, 0) + n
        else:
            top[group] = max(top.get(group, 0), n)
    for parent, n in children.items():
        top[parent] = max(top.get(parent, 0), n)
    return sum(top.values())


def _best(values: list[tuple[int, bool]]) -> int:
    """The largest exact figure; a vague one ("several") only when no exact figure is given."""
    exact = [n for n, vague in values if not vague]
    return max(exact) if exact else max((n for n, _ in values), default=0)


def _group_counts(mentions: list[CasualtyMention]) -> dict[str, tuple[int, bool]]:
    """Each group's (count, vague?) across mentions: per group (and role) the best figure, never a sum of reports.

    A group's leaders ("a Taliban leader") and its rank and file ("two
    insurgents") are different people and add up, unless one mention already
    lists both ("the commander and three additional insurgents"), or the rank
    and file are only a vague figure without a word that makes them other
    people ("detained a number of insurgents" may include the leader; "several
    additional insurgents" does not).
    """
    keyed: dict[str, list[tuple[int, bool]]] = {}
    additive: dict[str, bool] = {}
    listed: dict[str, int] = {}  # group -> largest total of a mention that lists several roles of it
    for m in mentions:
        if m.anaphoric:
            continue  # "the detained leader": people already counted
        per_group: dict[str, list[int]] = {}
        for key, n in m.specific.items():
            keyed.setdefault(key, []).append((n, key in m.vague_keys))
            additive[key] = additive.get(key, False) or m.additive
            per_group.setdefault(key.split("/")[0], []).append(n)
        for group, counts in per_group.items():
            if len(counts) > 1:
                listed[group] = max(listed.get(group, 0), sum(counts))
    best = {key: (_best(values), all(v for _, v in values)) for key, values in keyed.items()}
    groups: dict[str, tuple[int, bool]] = {}
    for group in dict.fromkeys(key.split("/")[0] for key in best):  # first-mention order, not a set's
        rank, rank_vague = best.get(group, (0, True))
        roles = [n for key, (n, _) in best.items() if key.startswith(group + "/")]
        vague = all(v for key, (_, v) in best.items() if key.split("/")[0] == group)
        if group in listed:
            count = max([rank, listed[group], *roles])
        elif rank and roles and rank_vague and not additive.get(group):
            count = max(rank, sum(roles))
        else:
            count = rank + sum(roles)
        groups[group] = (count, vague)
    return groups


def _combine_kind(mentions: list[CasualtyMention], lex: Lexicon) -> CasualtyCount:
    if not mentions:
        return CasualtyCount()
    if not all(m.plural_only for m in mentions):  # an unnumbered plural counts only when nothing else does
        mentions = [m for m in mentions if not m.plural_only]
    by_group = _group_counts(mentions)
    counted = {g: n for g, (n, _) in by_group.items()}
    group_sum = _top_level_sum(counted, lex)
    groups_vague = all(v for _, v in by_group.values())
    # a repeat ("the facilitator was captured") supplies a figure but never overrides a fuller one
    # a mention listing several groups counts its people too ("his wife and four daughters": 5)
    # (a repeat that counts two or more is exact: "killed his son and then shot himself ... Both
    # were pronounced dead", "his wife and her boyfriend")
    totals = [(m.low, m.vague or (m.anaphoric and m.low < 2)) for m in mentions
              if m.generic or not m.specific or m.anaphoric or len(m.specific) > 1]
    low = _best(totals + ([(group_sum, groups_vague)] if by_group else []))
    if all(vague for _, vague in totals) and (not by_group or groups_vague):
        # only vague figures and repeats: a repeat's exact figure says more than "numerous"
        # ("Numerous insurgents were killed ... killing the insurgent")
        repeats = [m.low for m in mentions if m.anaphoric and not m.vague]
        low = max(repeats) if repeats else low
    extra = [m.low for m in mentions if m.additive and m.generic and not m.specific and not m.vague]
    if extra:  # "captured a leader ... detained two others"
        low = max(low, group_sum + max(extra), max(extra))
    low = max(low, _with_more_people(mentions))
    high = max(low, max(m.high for m in mentions))
    return CasualtyCount(low=low, high=high, groups=_groups_in_mention_order(mentions, counted))


def _groups_in_mention_order(mentions: list[CasualtyMention], counted: dict[str, int]) -> dict[str, int]:
    """Each group's count, keyed in the order the text first names the groups, so the output
    never depends on the hash seed; groups named only generically take their largest figure."""
    order = dict.fromkeys(g for m in mentions for g in m.groups)
    order.update(dict.fromkeys(counted))
    groups = {g: counted[g] if g in counted else max(m.groups.get(g, 0) for m in mentions) for g in order}
    return {g: n for g, n in groups.items() if n > 0}


def _with_attacker(mentions: list[CasualtyMention], killed: CasualtyCount, lex: Lexicon) -> CasualtyCount:
    """'Four people were shot dead ... then the gunman killed himself': the attacker who
    killed himself is one more death than the victims counted. He is the attacker when
    named so ('gunman', 'suspect') or when he is also the one who killed the others
    ('Campbell killed a neighbor ... Campbell killed himself'); otherwise the one who
    killed himself may be the only victim ('a teen fatally shot himself')."""
    # (not the attacker himself: "the suspect was found dead", "5 dead, including the gunman")
    victims = [m for m in mentions if not (m.reflexive or m.gunman_pronoun or m.attacker or m.with_attacker)]
    agents = {m.agent for m in victims if m.agent and m.agent not in PERSONAL_PRONOUNS}
    attackers = [m for m in mentions if m.gunman_pronoun or m.reflexive and (m.agent in lex.attackers or m.agent in agents or m.attacker)]
    if not attackers or not victims and not any(m.gunman_pronoun for m in attackers):
        return killed  # (the gunman "before he was killed" is one more death even after victims only shot)
    low = _combine_kind(victims, lex).low + 1
    if low <= killed.low:
        return killed
    return CasualtyCount(low=low, high=max(low, killed.high), groups=killed.groups)


def _with_attacker_police_killed(mentions: list[CasualtyMention], killed: CasualtyCount, lex: Lexicon) -> CasualtyCount:
    """'A man killed a clerk. Police returned fire, killing the suspect': the attacker police
    killed is one more than the dead the report says another killed (not 'two died ...
    police killed the suspect': he may be one of the two, so only a killer's own count)."""
    # (the victims after the verb: "killed a clerk" names its killer; "two people died" names none)
    by_attacker = [m for m in mentions if m.kind == "killed" and m.agent and not _is_police_word(m.agent, lex)
                   and m.start > m.trigger_start and not (m.reflexive or m.gunman_pronoun or m.attacker or m.with_attacker)]
    if not by_attacker:
        return killed
    first = min(m.trigger_start for m in by_attacker)
    # (told after his killings, and with no group of its own: a dead "gunman" is counted by it)
    if not any(m.attacker and not m.reflexive and not m.groups and _is_police_word(m.agent, lex)
               and m.trigger_start > first for m in mentions):
        return killed
    # the largest single count: a long report's other killings, told apart, may add up wrongly
    low = max(m.low for m in by_attacker) + 1
    if low <= killed.low:
        return killed
    return CasualtyCount(low=low, high=max(low, killed.high), groups=killed.groups)


def _with_more_people(mentions: list[CasualtyMention]) -> int:
    """'A man was shot ... another man was shot': a victim-by-victim account adds up.
    Only a run that starts with one person counts ('Three people died ... another man
    was pronounced dead' may be a detail of the summary)."""
    best, run, told = 0, 0, 0
    for m in sorted(mentions, key=lambda m: m.trigger_start):
        if m.vague or m.anaphoric:
            continue
        if m.more and m.found_later:
            best = max(best, told + m.low)  # "four people were shot ... Deputies later found another"
        if m.more and run:
            run += m.low
            best = max(best, run)
        else:
            run = 1 if m.low == 1 else 0
        told = max(told, m.low)
    return best


def _people_told(mentions: list[CasualtyMention], apart_from: list[Person] = ()) -> list[Person]:
    """The people the mentions' single victims describe, apart from any of `apart_from`.

    A description goes to the one person told before that it may be, adding what it tells
    ('Major Howard', then 'He': one boy), or is a new person when it is other than all of
    them ('a man', 'a woman': two); one that may be several of them is left out ('a man', 'a
    woman', 'the victim')."""
    people: list[Person] = []
    for person in (p for m in mentions for p in m.people if p.described):
        if not all(person.other_than(a) for a in apart_from):
            continue  # may be one of those
        same = [i for i, known in enumerate(people) if not person.other_than(known)]
        if not same:
            people.append(person)
        elif len(same) == 1:
            people[same[0]] = people[same[0]].merged(person)
    return people


def _survivors(dead: list[CasualtyMention], hit: list[CasualtyMention], killed: int) -> int:
    """How many people hit are surely none of the dead: when every death is a described person
    ("Major Howard was shot and killed", "a 19-year-old man was killed"), each person hit who
    is other than all of them was wounded ("Rob'Dasha Smith was shot in the leg", "a
    21-year-old man was also shot", "a woman ... was also shot but survived"). When some death
    is not described, a person hit may be that death, so nobody is added."""
    told_dead = _people_told(dead)
    if len(told_dead) < killed:
        return 0
    # (not the attacker's own "shot himself": _with_attacker reads him)
    return len(_people_told([m for m in hit if not m.reflexive], apart_from=told_dead))


def _attacker_apart(mentions: list[CasualtyMention], lex: Lexicon) -> list[CasualtyMention]:
    """The mentions of an attacker wounded who is surely none of the other people hurt: 'The
    gunman was also shot', or a suspect hurt where the others hurt are officers ('an officer
    was shot ... the suspect was wounded'). Otherwise 'the suspect' may be the man shot by
    police the report told of, and a dead attacker is often counted already ('gunman' is a
    group of its own)."""
    attacker = [m for m in mentions if m.attacker and m.kind in ("injured", "shot")]
    others = [m for m in mentions if m.kind in ("killed", "injured", "shot") and not m.attacker and not m.reflexive]
    if not attacker or not others or any(m.attacker and m.kind == "killed" for m in mentions):
        return []  # ("police shot the gunman" when he died: the dead attacker, not a wounded one)
    also = any(m.additive for m in attacker)
    officers = all(set(m.groups) == {"police"} for m in others)
    return attacker if also or officers else []


def _added(a: CasualtyCount, b: CasualtyCount) -> CasualtyCount:
    groups = {g: a.groups.get(g, 0) + b.groups.get(g, 0) for g in {**a.groups, **b.groups}}
    return CasualtyCount(low=a.low + b.low, high=a.high + b.high, groups=groups)


def _is_police_word(word: str, lex: Lexicon) -> bool:
    """'police', 'deputies', 'officers': a word (lower-cased, maybe plural) for the police."""
    singular = re.sub(r"ies$", "y", word).removesuffix("s")
    return bool(word) and (lex.group_words.get(word) == "police" or lex.group_words.get(singular) == "police")


def _officers_hit_apart(dead: list[CasualtyMention], hit: list[CasualtyMention], lex: Lexicon) -> int:
    """'Officers fired back, killing him ... One officer was hit in the arm': when police killed
    the dead, or the dead are the attacker ('An officer was shot ... The suspect was killed'),
    and none of the dead is police, the officers hit are none of the dead."""
    by_police = any(_is_police_word(m.agent, lex) for m in dead)
    attacker_dead = bool(dead) and all(m.attacker for m in dead)
    if not (by_police or attacker_dead) or any("police" in m.groups for m in dead):
        return 0
    return max((m.low for m in hit if set(m.groups) == {"police"} and not m.vague), default=0)


def combine_mentions(mentions: Iterable[CasualtyMention], lex: Lexicon | None = None) -> Casualties:
    """One event's casualties from its mentions: the largest consistent figure, never a sum of
    reports; an attacker wounded who is none of his victims is one more ('the gunman was also shot')."""
    lex = lex or load_lexicon()
    mentions = [m for m in mentions if m.counts]
    apart = _attacker_apart(mentions, lex)
    result = _combine_mentions(mentions, lex)
    if apart:
        victims = _combine_mentions([m for m in mentions if all(m is not a for a in apart)], lex)
        wounded = _combine_mentions(apart, lex)
        result.killed = _added(victims.killed, wounded.killed)
        result.injured = _added(victims.injured, wounded.injured)
    return result


def _combine_mentions(mentions: list[CasualtyMention], lex: Lexicon) -> Casualties:
    """combine_mentions without the attacker rule, for mentions that all count."""
    by_kind: dict[str, list[CasualtyMention]] = {k: [] for k in KINDS}
    for m in mentions:
        by_kind[m.kind].append(m)
    # (the gunman killed "before he was killed" is none of his victims: _with_attacker adds him)
    dead_gunman = [m for m in by_kind["killed"] if m.gunman_pronoun]
    by_kind["killed"] = [m for m in by_kind["killed"] if not m.gunman_pronoun]
    result = Casualties(**{k: _combine_kind(by_kind[k], lex) for k in REPORTED_KINDS})
    shot = _combine_kind(by_kind["shot"], lex)
    hurt = by_kind["killed"] + by_kind["injured"] + by_kind["shot"]
    survivors = _survivors(by_kind["killed"], by_kind["injured"] + by_kind["shot"], result.killed.low)
    # "a fourth victim": at least four people hit in all
    survivors = max(survivors, _officers_hit_apart(by_kind["killed"], by_kind["injured"] + by_kind["shot"], lex))
    hit = max([m.ordinal for m in hurt] + [survivors + result.killed.low])
    if hit > shot.low:
        shot = CasualtyCount(low=hit, high=max(hit, shot.high), groups=shot.groups)
    # people shot whose death is not reported were wounded
    extra = shot.low - result.killed.low
    if extra > result.injured.low:
        groups = dict(result.injured.groups)
        for g, n in shot.groups.items():
            groups[g] = max(groups.get(g, 0), n - result.killed.groups.get(g, 0))
        result.injured = CasualtyCount(low=extra, high=max(result.injured.high, shot.high - result.killed.low, extra),
                                       groups={g: n for g, n in groups.items() if n > 0})
    # (after the wounded: the attacker's own "shot himself" is no wounded victim)
    result.killed = _with_attacker(by_kind["killed"] + dead_gunman, result.killed, lex)
    result.killed = _with_attacker_police_killed(by_kind["killed"], result.killed, lex)
    return result


# --------------------------------------------------------------------------- component

class CasualtyExtractor:
    """Fills each event's casualties from the spans the events component read it from."""

    def __init__(self, lexicon: Lexicon):
        self.lexicon = lexicon
        self._cache_doc: Doc | None = None
        self._cache: list[CasualtyMention] = []

    def __call__(self, doc: Doc) -> Doc:
        events = doc._.events or []
        spans = doc._.event_spans or {}
        claimed = [(s.start_char, s.end_char) for event in events for s in spans.get(event.id, [])]
        found = {event.id: self.find(doc, spans.get(event.id, []), claimed, event.trigger.start if event.trigger else None)
                 for event in events}
        main = next((e for e in events if not e.background), None)
        _mark_earlier_years(self._all_mentions(doc), doc, _year_of(main))
        _mark_other_months(self._all_mentions(doc), doc, main)
        if main is not None:
            have = found[main.id]
            found[main.id] = sorted(have + self.lead_mentions(doc, claimed, have) + self.follow_ups(doc, claimed, have),
                                    key=lambda m: m.trigger_start)
        distinct = {e.id for e in events
                    if any(_marks_another_incident(t, self.lexicon) for span in spans.get(e.id, []) for t in span)}
        self.set_annotations(doc, self.share_out(events, found, distinct))
        main_event_first(doc)
        return doc

    def find(self, doc: Doc, spans: list[Span], claimed: list[tuple[int, int]],
             trigger: int | None = None) -> list[CasualtyMention]:
        """Mentions in the event's clauses, and in the rest of their sentences where no
        event claims them ("captured a leader and detained two others" when the event
        was read from the second clause only); not those of a clause told as another
        incident than the one of the event's trigger (at char `trigger`)."""
        mentions: dict[int, CasualtyMention] = {}
        everything = self._all_mentions(doc)
        for span in spans:
            for m in everything:
                if span.start_char <= m.trigger_start < span.end_char \
                        and not _another_incident_clause(doc, m, trigger, self.lexicon):
                    mentions.setdefault(m.trigger_start, m)
        for sentence in {span.sent for span in spans if span.doc.has_annotation("DEP")}:
            for m in everything:
                if sentence.start_char <= m.trigger_start < sentence.end_char and \
                        not any(start <= m.trigger_start < end for start, end in claimed):
                    mentions.setdefault(m.trigger_start, m)
        return sorted(mentions.values(), key=lambda m: m.trigger_start)

    def _all_mentions(self, doc: Doc) -> list[CasualtyMention]:
        """The document's mentions, read once per document (events share sentences)."""
        if self._cache_doc is not doc:
            self._cache_doc, self._cache = doc, casualty_mentions(doc[:], self.lexicon)
        return self._cache

    def lead_mentions(self, doc: Doc, claimed: list[tuple[int, int]], have: list[CasualtyMention]) -> list[CasualtyMention]:
        """Casualties in the headline and lead that no event's clauses hold: a news lead
        sums up the main event ("7 Shot, 3 Dead after Stockton Drive-By")."""
        if not doc.has_annotation("DEP"):
            return []
        seen = {m.trigger_start for m in have}
        lead_end = next((s.end_char for s in doc.sents if s.end_char > LEAD_CHARS), len(doc_text(doc)))
        return [m for m in self._all_mentions(doc)
                if m.trigger_start < lead_end and m.trigger_start not in seen
                and not any(a <= m.trigger_start < b for a, b in claimed)
                and not _another_incident_clause(doc, m, None, self.lexicon)]

    def follow_ups(self, doc: Doc, claimed: list[tuple[int, int]], have: list[CasualtyMention]) -> list[CasualtyMention]:
        """Mentions that no event's clauses hold but that say how many people the main event's
        harm mention before them hit: the others than its dead ("Nora Osman was shot and
        killed ... The other three victims were ...": at least four hit, so three wounded), an
        ordinal victim ("... who all died in the incident. He said the fourth victim
        survived")."""
        seen = {m.trigger_start for m in have}
        everything = self._all_mentions(doc)
        out = []
        for i, m in enumerate(everything):
            if not (m.ordinal and m.counts) or m.trigger_start in seen \
                    or any(a <= m.trigger_start < b for a, b in claimed):
                continue
            told = next((o for o in reversed(everything[:i]) if o.counts and o.kind in HARM_KINDS), None)
            if told is not None and told.trigger_start in seen:
                out.append(m)
        return out

    def share_out(self, events: list, found: dict[str, list[CasualtyMention]],
                  distinct: set[str]) -> dict[str, list[CasualtyMention]]:
        """Give each casualty mention to one event, so the document's totals never count it twice.

        1. A mention read by several events goes to the event whose trigger is nearest.
        2. A summary that lists several groups ("four police officers and two
           civilians were killed") keeps only the groups no other event reports
           on its own ("four police officers were killed in another blast").
        """
        owner: dict[int, tuple[int, str]] = {}
        for event in events:
            anchor = event.trigger.start if event.trigger else None
            for m in found.get(event.id, []):
                distance = abs(m.trigger_start - anchor) if anchor is not None else 10**9
                if m.trigger_start not in owner or distance < owner[m.trigger_start][0]:
                    owner[m.trigger_start] = (distance, event.id)
        kept = {eid: [m for m in ms if owner[m.trigger_start][1] == eid] for eid, ms in found.items()}
        for eid, mentions in kept.items():
            # only another incident takes groups out of a summary; within one incident
            # a detail repeats the summary
            others = [m for other, ms in kept.items() if other != eid and (other in distinct or eid in distinct)
                      for m in ms if m.counts]
            kept[eid] = [_without_groups_reported_elsewhere(m, others) for m in mentions]
        return kept

    def set_annotations(self, doc: Doc, found: dict[str, list[CasualtyMention]]) -> None:
        events = list(doc._.events or [])
        if not any(found.get(e.id) for e in events):
            return
        combined = {e.id: combine_mentions(found.get(e.id, []), self.lexicon) for e in events}
        spans = doc._.event_spans or {}
        for incident in _incidents(events, spans, self.lexicon):
            pooled = combine_mentions([m for e in incident for m in found.get(e.id, [])], self.lexicon)
            _share_incident_totals(doc, incident, combined, pooled, self.lexicon)
        for event in events:
            casualties = combined[event.id]
            event.casualties = casualties
            event.fatalities = casualties.killed.low
            event.injured = casualties.injured.low
            event.arrested = casualties.arrested.low


YEAR = re.compile(r"^(?:19|20)\d\d$")


def _year_of(event) -> int | None:
    """The year the main event happened, where the dates component read one."""
    date = getattr(event, "event_date", None) if event is not None else None
    return int(date[:4]) if date and date[:4].isdigit() else None


def _mark_earlier_years(mentions: list[CasualtyMention], doc: Doc, year: int | None) -> None:
    """'In February 2015, an off-duty officer shot and wounded a man' in a report of a 2016
    shooting: a clause dated to an earlier year tells an earlier event (background)."""
    if year is None:
        return
    # the doc's few earlier years, found once, each asked whether it is in the clause's subtree:
    # walking every mention's subtree token by token took a quarter of this component's time
    earlier = [t for t in doc if t.ent_type_ == "DATE" and YEAR.match(t.text) and int(t.text) < year]
    if not earlier:
        return
    for m in mentions:
        span = doc.char_span(m.trigger_start, m.trigger_end, alignment_mode="expand")
        if span is None or not len(span):
            continue
        head = _clause_head(span[0])
        if any((t.i == head.i or head.is_ancestor(t)) and t.sent == span[0].sent for t in earlier):
            m.background = True


def _mark_other_months(mentions: list[CasualtyMention], doc: Doc, main) -> None:
    """'a 17-year-old who was shot and killed in April' in a report of a December shooting: a
    killing dated to a month outside the one from the main event to publication is an
    earlier event (background). Only after a killing told without such a date: in a follow-up
    ('charged in the April killing') the dated harm is the event itself."""
    date = parse_iso_date(getattr(main, "event_date", None)) if main is not None else None
    pub = doc._.pub_date or date
    if date is None:
        return
    window = {(date.month + k - 1) % 12 + 1 for k in range((pub.month - date.month) % 12 + 1)}
    told = False  # a harm told before (of any kind)
    for m in mentions:
        if not m.counts or m.kind not in HARM_KINDS:
            continue
        span = doc.char_span(m.trigger_start, m.trigger_end, alignment_mode="expand")
        head = _clause_head(span[0]) if span is not None and len(span) else None
        months = {_month_named(t, pub) for t in head.subtree
                  if t.sent == span[0].sent and t.ent_type_ == "DATE"} - {None} if head is not None else set()
        if months and not months & window and m.kind == "killed":
            m.background = told
        told = told or not m.background


def _month_named(tok: Token, pub) -> int | None:
    """The month a date word names: 'April', 'last month' (the one before publication)."""
    if tok.lower_ in MONTHS:
        return MONTHS[tok.lower_]
    if tok.lower_ == "month" and tok.i and tok.nbor(-1).lower_ == "last":
        return (pub.month - 2) % 12 + 1
    return None


def _incidents(events: list, spans: dict[str, list[Span]], lex: Lexicon) -> list[list]:
    """Group the events that may report the same people: those not marked as another
    incident ("another blast", "in a separate operation").

    Where the events are placed is not used: place names resolved to a namesake far
    away ('Weir Street' -> Weir, India; a Kabul dateline) split one incident more often
    than two places tell two incidents apart (isaf and gva dev sets)."""
    groups: list[list] = []
    for event in events:
        event_spans = spans.get(event.id, [])
        marked = event.background or any(_marks_another_incident(t, lex) for span in event_spans for t in span)
        for group in groups:
            if not marked and not group[0].background:
                group.append(event)
                break
        else:
            groups.append([event])
    return groups


def _another_incident_clause(doc: Doc, mention: CasualtyMention, trigger: int | None, lex: Lexicon) -> bool:
    """'A man was shot in the leg Tuesday. In a separate incident, a woman was killed': a clause
    that opens with 'elsewhere' or 'in a separate/another incident' tells another incident than
    the event's, unless the event's own trigger is in it (the event detector may read both into
    one event)."""
    span = doc.char_span(mention.trigger_start, mention.trigger_end, alignment_mode="expand")
    if span is None or not len(span):
        return False
    head = _clause_head(span[0])
    marked = any((c.dep_ == "advmod" and c.lower_ == "elsewhere")
                 or (c.dep_ == "prep" and any(o.dep_ == "pobj" and any(_marks_another_incident(x, lex) for x in o.children)
                                              for o in c.children))
                 for c in head.children)
    return marked and not (trigger is not None and any(t.idx == trigger for t in head.subtree))


def _marks_another_incident(tok: Token, lex: Lexicon) -> bool:
    """'another mine explosion', 'in a separate operation', 'elsewhere' (not 'a second suspect',
    'second-degree murder')."""
    if tok.lower_ not in lex.distinct_markers or tok.head.lemma_.lower() in lex.not_distinct:
        return False
    if tok.pos_ in ("ADV",) or tok.dep_ == "advmod":
        return True
    return tok.head.pos_ == "NOUN" and not _is_person(tok.head, lex)


# How far into a document its headline and lead run (characters).
LEAD_CHARS = 400

# Event types that report no casualties of their own: an incident's dead and
# wounded go to one of its violent events, not to the arrest that followed.
NO_HARM_TYPES = {"Arrests", "Agreement", "Peaceful protest", "Headquarters or base established",
                 "Non-violent transfer of territory", "Change to group/activity"}


# Event types that are violence against people.
VIOLENT_EVENT_TYPES = {"Battles", "Violence against civilians", "Explosions/Remote violence"}


def _names_harm(event, doc: Doc, lex: Lexicon) -> bool:
    """A violent event named by a word that means people were hit ('Police Investigate
    Shooting', 'a deadly stabbing'): it can carry its incident's casualties."""
    if event.event_type not in VIOLENT_EVENT_TYPES or event.sub_event_type == "Disrupted weapons use":
        return False
    words = lex.trigger_words | set(lex.multiple_nouns) | lex.fatal_nouns
    return _trigger_word(event, doc) in words or (event.trigger_text or "").lower() in words


def _trigger_word(event, doc: Doc) -> str:
    """The trigger's lemma, nouns in -ing folded to their verb ('shooting', 'shot' -> 'shoot')."""
    word = (event.trigger_text or "").lower()
    if event.trigger is not None:
        span = doc.char_span(event.trigger.start, event.trigger.end, alignment_mode="expand")
        if span is not None and len(span):
            word = span.root.lemma_.lower()
    return word[:-3] if word.endswith("ing") and len(word) > 5 else word


def _share_incident_totals(doc: Doc, incident: list, combined: dict[str, Casualties], pooled: Casualties,
                           lex: Lexicon) -> None:
    """Events of one incident share its casualties: a title, a summary and a detail line
    that the event detector made separate events are the same people. The incident's
    pooled figure goes to its most salient event that can carry it; the others keep
    only what is left of it (nothing, when the pooled figure covers theirs)."""
    for kind in REPORTED_KINDS:
        total: CasualtyCount = getattr(pooled, kind)
        if total.low == 0 and total.high == 0:
            # "struck the 14-year-old ... Stephen died": read together, nobody was only wounded
            for event in incident:
                setattr(combined[event.id], kind, CasualtyCount())
            continue
        holders = [e for e in incident if getattr(combined[e.id], kind).low or getattr(combined[e.id], kind).high]
        reporting = [e for e in incident if any(getattr(combined[e.id], k).high for k in REPORTED_KINDS)]
        reported_triggers = {_trigger_word(e, doc) for e in reporting}
        reported_types = {e.sub_event_type for e in reporting}
        # the most salient event that reports casualties, or that names the same happening
        # as one that does (same trigger: "Providence shooting" ... "a shooting sent five people
        # to hospital"; or same type)
        # (or a violent event named by a harm word: the shooting in a local news headline)
        can_carry = [e for e in incident
                     if (e in reporting or _trigger_word(e, doc) in reported_triggers
                         or e.sub_event_type in reported_types or _names_harm(e, doc, lex))
                     and (kind == "arrested" or e.sub_event_type not in NO_HARM_TYPES)]
        recipient = (can_carry or holders or reporting)[0]
        budget = total.low
        for event in [recipient] + [e for e in incident if e is not recipient]:
            count: CasualtyCount = total if event is recipient else getattr(combined[event.id], kind)
            low = min(count.low, budget)
            budget -= low
            groups = {g: min(n, low) for g, n in count.groups.items() if min(n, low) > 0}
            setattr(combined[event.id], kind, CasualtyCount(low=low, high=max(low, min(count.high, low) if event is not recipient else count.high), groups=groups))


def _without_groups_reported_elsewhere(mention: CasualtyMention, others: list[CasualtyMention]) -> CasualtyMention:
    """A summary's groups that another event reports on its own leave the summary."""
    if len(mention.specific) < 2 or not mention.counts:
        return mention
    moved = {
        key: n for key, n in mention.specific.items()
        if any(o.kind == mention.kind and o.specific.get(key) == n and len(o.specific) == 1 and not o.anaphoric
               for o in others)
    }
    if not moved or len(moved) == len(mention.specific):
        return mention
    removed = sum(moved.values())
    specific = {k: n for k, n in mention.specific.items() if k not in moved}
    groups = {g: n for g, n in mention.groups.items() if g not in {k.split("/")[0] for k in moved}}
    return replace(mention, low=max(mention.low - removed, 0), high=max(mention.high - removed, 0),
                   specific=specific, groups=groups)


@Language.factory("polemos_casualties")
def make_casualties(nlp: Language, name: str) -> CasualtyExtractor:
    return CasualtyExtractor(load_lexicon())


def document_casualties(doc: Doc) -> Casualties:
    """A whole document read as one event: every sentence's mentions combined.

    For scoring the extractor without event detection, and for callers that
    know a text reports a single incident.
    """
    return combine_mentions(casualty_mentions(doc[:]), load_lexicon())
