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

Modules, each importing only those above it:

- `lexicon`: data/casualties.toml as a `Lexicon`; the shared word classes.
- `records`: `Person`, `Victims`, `CasualtyMention`.
- `numbers`: digits, number words, bounds ("at least").
- `groups`: a victim word's group and age; whether it names people.
- `triggers`: the words of harm (`trigger_kind`) and the victim each governs.
- `flags`: negated, hypothetical, aggregate, background, ... mentions.
- `counting`: how many people a victim phrase stands for (`count_victims`).
- `mentions`: `casualty_mentions` and the passes that link a document's mentions.
- `combine`: `combine_mentions`, one event's record without double counting.
- `component`: the spaCy component and `document_casualties`.

The lexicons are in data/casualties.toml; docs/casualties.md explains the rules.
"""

from __future__ import annotations

from .combine import combine_mentions
from .component import CasualtyExtractor, document_casualties, make_casualties
from .counting import count_victims
from .groups import _age_of, group_of  # noqa: F401 (_age_of: tests)
from .lexicon import KINDS, REPORTED_KINDS, KindLexicon, Lexicon, load_lexicon
from .mentions import casualty_mentions
from .numbers import number_value, words_to_int
from .records import CasualtyMention, Person, Victims
from .triggers import trigger_kind

__all__ = [
    "KINDS",
    "REPORTED_KINDS",
    "CasualtyExtractor",
    "CasualtyMention",
    "KindLexicon",
    "Lexicon",
    "Person",
    "Victims",
    "casualty_mentions",
    "combine_mentions",
    "count_victims",
    "document_casualties",
    "group_of",
    "load_lexicon",
    "make_casualties",
    "number_value",
    "trigger_kind",
    "words_to_int",
]
