"""Event-argument scoring shared by WikiEvents and RAMS.

Both sets mark event triggers with typed arguments. For the triggers of
violent-conflict types we find the polemos event read from the trigger's text
(its evidence overlaps the trigger) and compare three slots:

- `actor1` with the acting party (attacker, killer, injurer, agent, jailer, demonstrator, …),
- `actor2` with the party acted on (victim, target, detainee),
- `location.name` with the place,

by head word (the last content word of the gold argument among the predicted
words, or the other way round: 'Russian' matches 'Military Forces of Russia').
Actors are also matched by kind, through the project's own actor lexicon
(`data/actor_roles.toml`, when present): gold 'soldiers' names the kind whose
normalised name is 'Military Forces of {country}', so it matches 'Military
Forces of Russia'. A gold argument that is only a pronoun ('he', 'who') cannot
be matched by a normalised name; a slot whose gold arguments are all pronouns
is left out.
A slot is a true positive when polemos fills it and the value matches one of
the gold arguments of that kind, a false positive when it fills it otherwise,
and a false negative when gold has an argument of that kind and polemos gives
no matching value. Only events matched to a scored trigger count for
precision: polemos events elsewhere in the text may be true events the scored
types leave out.

Both modules turn their own format into `Trigger` lists and call `score`.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from polemos.model import DocumentResult, Event

from .common import Report, events_at, head_match, norm_text, prf, ratio, words

SLOTS = ("actor1", "actor2", "place")

# Role name (lower case, as the sets spell it after any numbering) -> the polemos slot it fills.
ROLE_SLOTS = {
    "attacker": "actor1", "killer": "actor1", "injurer": "actor1", "agent": "actor1",
    "jailer": "actor1", "demonstrator": "actor1", "yielder": "actor1", "surrenderer": "actor1",
    "retreater": "actor1",
    "victim": "actor2", "target": "actor2", "detainee": "actor2",
    "place": "place",
}

# Scored event-type families (lower-case prefixes) and the polemos events that count as the same kind.
FAMILIES = {
    "conflict.attack": "attack",
    "conflict.demonstrate": "demonstrate",
    "conflict.yield": "yield",
    "life.die": "harm",
    "life.injure": "harm",
    "justice.arrestjaildetain": "arrest",
}
# Subtypes inside those families that are not violence (RAMS: illness, natural death).
EXCLUDED = ("life.die.nonviolentdeath", "life.injure.illnessdegradation")


@dataclass
class Trigger:
    start: int  # character offsets into the document text
    end: int
    text: str
    event_type: str
    args: dict[str, list[str]] = field(default_factory=dict)  # slot -> gold argument texts


def family(event_type: str) -> str | None:
    """The scored family of a gold event type, or None when the type is not scored."""
    key = event_type.lower()
    if key.startswith(EXCLUDED):
        return None
    for prefix, name in FAMILIES.items():
        if key.startswith(prefix):
            return name
    return None


def role_slot(role: str) -> str | None:
    """The slot a gold role fills: 'Attacker' -> actor1, 'evt089arg01victim' -> actor2."""
    name = re.sub(r"^evt\d+arg\d+", "", role.lower())
    return ROLE_SLOTS.get(name)


def same_kind(fam: str, event: Event) -> bool:
    """Whether a polemos event is of the kind the gold trigger's family describes."""
    violent = "Political violence" in event.disorder_type
    if fam == "attack":
        return violent
    if fam == "demonstrate":
        return event.event_type in ("Protests", "Riots")
    if fam == "harm":
        return violent or event.fatalities > 0 or event.injured > 0
    if fam == "arrest":
        return event.sub_event_type == "Arrests" or event.arrested > 0
    if fam == "yield":
        return event.event_type in ("Battles", "Strategic developments")
    return False


PRONOUNS = frozenset(
    "i me we us you he him she her it they them who whom which that this these those his hers its their theirs "
    "himself herself themselves itself someone somebody anyone".split()
)


def is_pronoun(text: str) -> bool:
    tokens = norm_text(text).split()
    return bool(tokens) and all(t in PRONOUNS for t in tokens)


@lru_cache(maxsize=1)
def actor_kinds() -> tuple[dict[str, re.Pattern], list[tuple[str, re.Pattern]]]:
    """From the actor lexicon: word -> pattern of its normalised name, and (phrase, pattern) pairs."""
    from polemos.pipeline.components import data_path

    path = data_path("actor_roles.toml")
    if not path.is_file():
        return {}, []
    try:
        roles = tomllib.loads(path.read_text(encoding="utf-8")).get("role", {})
    except (tomllib.TOMLDecodeError, OSError):
        return {}, []
    by_word: dict[str, re.Pattern] = {}
    by_phrase: list[tuple[str, re.Pattern]] = []
    for role in roles.values():
        name = role.get("name")
        if not isinstance(name, str):
            continue
        pattern = re.compile(re.escape(name).replace(re.escape("{country}"), ".+"), re.I)
        for word in role.get("words", []):
            by_word.setdefault(word.lower(), pattern)
        for phrase in role.get("phrases", []):
            by_phrase.append((norm_text(phrase), pattern))
    return by_word, by_phrase


def kind_match(predicted: str, gold: str) -> bool:
    """Whether the gold mention names the kind of actor the predicted normalised name is."""
    by_word, by_phrase = actor_kinds()
    text = norm_text(gold)
    for phrase, pattern in by_phrase:
        if phrase in text and pattern.fullmatch(predicted):
            return True
    raw = text.split()
    head = raw[-1] if raw else ""
    pattern = by_word.get(head) or by_word.get((words(gold) or [""])[-1])
    return pattern is not None and pattern.fullmatch(predicted) is not None


def value_matches(slot: str, predicted: str, gold: str) -> bool:
    if head_match(predicted, gold):
        return True
    return slot != "place" and kind_match(predicted, gold)


def slot_value(event: Event, slot: str) -> str | None:
    if slot == "place":
        return event.location.name if event.location else None
    return getattr(event, slot)


def score(task: str, dataset: str, documents: list[tuple[str, list[Trigger]]], results: list[DocumentResult]) -> Report:
    """Score results against (doc id, triggers) pairs, in the same order."""
    counts = {slot: [0, 0, 0] for slot in SLOTS}  # tp, fp, fn
    by_family: dict[str, list[int]] = {}  # family -> [triggers, matched, same kind]
    n_triggers = matched = kind_ok = 0
    errors: list[dict[str, Any]] = []
    for (doc_id, triggers), result in zip(documents, results, strict=True):
        for trig in triggers:
            fam = family(trig.event_type) or "other"
            tally = by_family.setdefault(fam, [0, 0, 0])
            n_triggers += 1
            tally[0] += 1
            found = events_at(result, trig.start, trig.end)
            event = found[0] if found else None
            if event is not None:
                matched += 1
                tally[1] += 1
                if same_kind(fam, event):
                    kind_ok += 1
                    tally[2] += 1
            wrong = {}
            for slot in SLOTS:
                given = trig.args.get(slot) or []
                gold = [g for g in given if not is_pronoun(g)]
                if given and not gold:
                    continue  # only pronouns: nothing a normalised name could match
                value = slot_value(event, slot) if event is not None else None
                hit = value is not None and any(value_matches(slot, value, g) for g in gold)
                if hit:
                    counts[slot][0] += 1
                else:
                    if value is not None:
                        counts[slot][1] += 1
                    if gold:
                        counts[slot][2] += 1
                    if value is not None or gold:
                        wrong[slot] = {"gold": gold, "predicted": value}
            if event is None or wrong:
                errors.append({
                    "doc": doc_id, "trigger": trig.text, "type": trig.event_type,
                    "event": event.sub_event_type if event else None, "slots": wrong,
                })
    total = [sum(c[i] for c in counts.values()) for i in range(3)]
    overall = prf(*total)
    metrics = {
        "arg_precision": overall["precision"], "arg_recall": overall["recall"], "arg_f1": overall["f1"],
        "trigger_recall": ratio(matched, n_triggers),
        "event_recall": ratio(kind_ok, n_triggers),
        "n_triggers": n_triggers,
    }
    for slot in SLOTS:
        metrics[f"{slot}_f1"] = prf(*counts[slot])["f1"]
    breakdown = {
        "slot": {slot: {**prf(*counts[slot]), "gold": counts[slot][0] + counts[slot][2]} for slot in SLOTS},
        "family": {
            fam: {"triggers": t[0], "trigger_recall": ratio(t[1], t[0]), "event_recall": ratio(t[2], t[0])}
            for fam, t in sorted(by_family.items())
        },
    }
    return Report(
        task=task, dataset=dataset, n=len(documents), metrics=metrics, breakdown=breakdown, errors=errors,
        headline=["arg_f1", "trigger_recall", "event_recall"],
        notes=["trigger_recall: a polemos event's evidence overlaps the trigger; event_recall: and it is of a matching kind"],
    )
