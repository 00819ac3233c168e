"""The records a casualty mention is made of: `Person` (one named or described
victim), `Victims` (how many a victim phrase stands for, and its group) and
`CasualtyMention` (one trigger with its victims and the flags that keep it
out of an event's count).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Token


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
    harmed_first: bool = False  # "shot by police after he stabbed a woman": none of the people he hit
    people: list[Person] = field(default_factory=list)  # the single victims as described: "a 19-year-old man"

    @property
    def counts(self) -> bool:
        """Whether this mention counts towards its event's casualties."""
        return not (self.negated or self.aggregate or self.background or self.ambiguous or self.hypothetical)

    def trigger_token(self, doc: Doc) -> Token | None:
        """The (first) token of this mention's trigger in `doc`."""
        span = doc.char_span(self.trigger_start, self.trigger_end, alignment_mode="expand")
        return span[0] if span is not None and len(span) else None
