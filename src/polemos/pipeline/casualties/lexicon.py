"""Word lists of polemos_casualties: the lexicons read from data/casualties.toml
(`Lexicon`, one `KindLexicon` per kind of harm, `load_lexicon`) and the closed
word classes the other modules share (kinds, pronouns, negators, POS tags).
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache

from ..components import read_text


KINDS = ("killed", "injured", "arrested", "abducted", "shot")
REPORTED_KINDS = ("killed", "injured", "arrested", "abducted")
PLURAL_TAGS = {"NNS", "NNPS"}
PERSON_SUFFIXES = ("er", "or", "ist", "ian", "man", "men", "woman", "person")
NOUN_POS = {"NOUN", "PROPN", "PRON", "NUM"}
# Counts beyond this are not casualties of one event (years, phone numbers, ...).
MAX_COUNT = 100_000

# "killing someone" is one person; "anyone" and "everyone" give no count.
INDEFINITE_PRONOUNS = {"someone": (1, 1), "somebody": (1, 1), "another": (1, 1), "anyone": None, "anybody": None,
                       "everyone": None, "everybody": None}
REFLEXIVE_PRONOUNS = {"himself", "herself"}
PERSONAL_PRONOUNS = {"he", "she", "they", "i", "we", "you"}
SINGULAR_PRONOUNS = {"he", "him", "his", "she", "her", "himself", "herself", "it"}  # ("his": "took his own life")
PLURAL_PRONOUNS = {"they", "them", "themselves", "all", "these", "those", "others"}
NEGATORS = {"no", "none", "nobody", "neither", "nor", "never", "not", "without"}

# "9-month-old dies after ...": a headline verb the tagger may read as a plural noun
DIE_FORMS = frozenset({"dies", "died"})

HARM_KINDS = {"killed": "dead", "injured": "hurt", "shot": "hurt"}


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
    treated_not_hurt: frozenset[str]  # "treated for shock": no one hit
    survived_verbs: frozenset[str]  # "survived the shooting": hit and alive
    expected_verbs: frozenset[str]  # "the victim is expected to survive": hurt and alive
    left_with_causes: frozenset[str]  # "the shooting left two others with serious injuries": hurt
    suffered_verbs: frozenset[str]  # "two teens suffered minor injuries": hurt
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
    death_noun_negators: frozenset[str] = frozenset()  # "an attempted suicide": no death
    attackers: frozenset[str] = frozenset()  # words for the one who did it: "gunman", "shooter"
    killing_then_suicide: frozenset[str] = frozenset()  # "murder-suicide": who killed himself killed others first
    turned_verbs: frozenset[str] = frozenset()  # "turned the gun on himself": a death by his own hand
    turned_weapons: frozenset[str] = frozenset()
    own_life_verbs: frozenset[str] = frozenset()  # "took his own life"
    dying_idioms: dict[str, frozenset[str]] = field(default_factory=dict)  # "pass" -> {"away"}: the subject died
    life_taking_verbs: frozenset[str] = frozenset()  # "claimed the lives of three people"
    not_survived_objects: frozenset[str] = frozenset()  # "did not survive his injuries": the subject died
    word_prefixes: frozenset[str] = frozenset()  # "ex" of "ex-wife", split off by the tokenizer
    early_reports: frozenset[str] = frozenset()  # "early reports said ...": not what the report confirms
    early_saying: frozenset[str] = frozenset()  # "Earlier, officials said ...": a figure told before this report's
    saying_verbs: frozenset[str] = frozenset()
    interval_units: frozenset[str] = frozenset()  # "10 days after": a time apart from the event told of
    comparing_verbs: frozenset[str] = frozenset()  # "came 10 days after": an event placed after another
    sexes: dict[str, str] = field(default_factory=dict)  # person word -> "male" | "female": "woman", "he"
    headline_verbs: dict[str, str] = field(default_factory=dict)  # "Shooting wounds 3": a headline's present -> kind

    def number_word(self, word: str) -> bool:
        return word in self.units or word in self.multipliers

    @property
    def trigger_words(self) -> frozenset[str]:
        """Every word that can start a mention: tokens with none of these are skipped fast."""
        cached = self.__dict__.get("_trigger_words")
        if cached is None:
            words = set(self.headline_participles) | set(self.headline_verbs) | self.hospital_verbs \
                | self.treated_verbs | self.survived_verbs | self.expected_verbs | self.turned_verbs | self.own_life_verbs \
                | set(self.dying_idioms) | self.life_taking_verbs | self.death_nouns \
                | self.wound_nouns | {"condition", "victim"}
            words |= set(self.multiple_nouns) | self.fatal_nouns | DIE_FORMS | self.in_hospital_places
            for spec in self.kinds.values():
                words |= spec.verbs | spec.intransitive | spec.adjectives | spec.nouns
            cached = frozenset(words | self.phrasal_heads)
            object.__setattr__(self, "_trigger_words", cached)
        return cached

    @property
    def phrasal_heads(self) -> frozenset[str]:
        """The first words of the multi-word verbs ('shoot' of 'shoot dead')."""
        cached = self.__dict__.get("_phrasal_heads")
        if cached is None:
            cached = frozenset(phrase[0] for spec in self.kinds.values() for phrase in spec.phrasal)
            object.__setattr__(self, "_phrasal_heads", cached)
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
        treated_not_hurt=frozenset(data["hospital"].get("treated_not_hurt", [])),
        survived_verbs=frozenset(data["hospital"]["survived_verbs"]),
        expected_verbs=frozenset(data["hospital"]["expected_verbs"]),
        left_with_causes=frozenset(data["hospital"].get("left_with_causes", [])),
        suffered_verbs=frozenset(data["hospital"].get("suffered_verbs", [])),
        coordinating_exact=frozenset(data["numbers"]["coordinating"]),
        aim_prepositions=frozenset(data["headlines"]["aim_prepositions"]),
        clause_prepositions=frozenset(data["headlines"]["clause_prepositions"]),
        dead_modifiers=frozenset(data["kinds"]["killed"]["adjective_modifiers"]),
        distinct_markers=frozenset(data["distinct"]["markers"]),
        not_distinct=frozenset(data["distinct"].get("not_after", [])),
        headline_participles=dict(data["headline_participles"]),
        headline_verbs=dict(data.get("headline_verbs", {})),
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
        dying_idioms=_idioms(data["kinds"]["killed"].get("intransitive_idioms", [])),
        life_taking_verbs=frozenset(data["kinds"]["killed"].get("life_taking_verbs", [])),
        not_survived_objects=frozenset(data["hospital"].get("not_survived_objects", [])),
        word_prefixes=frozenset(data.get("prefixes", {}).get("words", [])),
        death_nouns=frozenset(data["multiple_victims"].get("death_nouns", [])),
        death_inquiries=frozenset(data["multiple_victims"].get("death_inquiries", [])),
        death_noun_negators=frozenset(data["multiple_victims"].get("death_noun_negators", [])),
        early_reports=frozenset(data["background"].get("early_reports", [])),
        early_saying=frozenset(data["background"].get("early_saying", [])),
        saying_verbs=frozenset(data["background"].get("saying_verbs", [])),
        interval_units=frozenset(data["background"].get("interval_units", [])),
        comparing_verbs=frozenset(data["background"].get("comparing_verbs", [])),
        sexes={word: sex for sex, words in data.get("people", {}).items() for word in words},
        sidebar=re.compile(r"^\W{0,3}(?:%s)\b\s*(?::|\n|$)" % "|".join(map(re.escape, data["sidebar"]["labels"])), re.I),
    )


def _idioms(phrases: list[str]) -> dict[str, frozenset[str]]:
    """"pass away", "lose life" as verb lemma -> the words one of which completes it."""
    idioms: dict[str, set[str]] = {}
    for phrase in phrases:
        verb, word = phrase.split(maxsplit=1)
        idioms.setdefault(verb, set()).add(word)
    return {verb: frozenset(words) for verb, words in idioms.items()}
