"""Links between claims and events: claim.event_ids, event.claim_ids, contested values, notes.

A claim reports an event when its content holds the event's trigger or most
of a clause the event was read from; or, more loosely, when it uses a word of
the trigger's class ('killed' for 'died') and gives one of the event's
figures, victim groups or its place. Where claims linked to one event
disagree (different figures for the same victims, rival accused parties, a
denial), the event carries the disagreement in `contested` instead of one
silently chosen value.
"""

from __future__ import annotations

import re
from collections import defaultdict
from datetime import date

from spacy.tokens import Doc, Span, Token

from polemos.model import Claim, Contested, ContestedValue, Event

from .dates import date_mentions
from .parties import claims_config, party_lexicon

SPAN_SHARE = 0.5
_UNITS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "dozen": 12,
}


def link_claims_to_events(doc: Doc, claims: list[Claim], accused: dict[str, str | None]) -> None:
    events: list[Event] = list(doc._.events or [])
    if not events:
        return  # with no claim the events still get their notes (below): the ACLED CSV needs them
    config = claims_config().get("links", {})
    classes = {name: set(words) for name, words in config.get("word_classes", {}).items()}
    fields = config.get("figure_fields", {})
    spans = doc._.event_spans or {}
    firm_links: dict[str, set[str]] = defaultdict(set)
    trigger_classes: dict[int, list[str]] = {}  # id(event) -> its trigger's word classes, worked out once
    for event in events:
        event.claim_ids = [c for c in event.claim_ids if c not in {x.id for x in claims}]
    for claim in claims:
        content = doc.char_span(claim.start, claim.end, alignment_mode="expand")
        if content is None:
            continue
        words = _content_words(content)
        strength = {e.id: _link_strength(doc, claim, content, e, spans.get(e.id) or [], classes, words, trigger_classes)
                    for e in events}
        weak = [e for e in events if strength[e.id] == WEAK]
        # A place or an actor's country alone singles out an event only when it is the
        # one such match and nothing firmer links the claim elsewhere.
        firm = [e for e in events if strength[e.id] in (STRONG, SPECIFIC)]
        linked = firm + (weak if len(weak) == 1 and not firm else [])
        for event in linked:
            if strength[event.id] in (STRONG, SPECIFIC):
                firm_links[event.id].add(claim.id)
            if event.id not in claim.event_ids:
                claim.event_ids.append(event.id)
            if claim.id not in event.claim_ids:
                event.claim_ids.append(claim.id)
    by_id = {c.id: c for c in claims}
    doc_id = doc._.document.id if doc._.document is not None else None
    for event in events:
        own = [by_id[c] for c in event.claim_ids if c in by_id]
        event.contested = _contested(doc, event, own, firm_links[event.id], accused, classes, fields, doc_id)
        if event.notes is None and not event.background:
            event.notes = acled_notes(doc, event, own)


# ---- which events a claim reports ----------------------------------------------------

def _holds_event(doc: Doc, claim: Claim, event: Event, clauses: list[Span]) -> bool:
    if event.trigger is not None:
        return claim.start <= event.trigger.start and event.trigger.end <= claim.end
    regions = [(s.start_char, s.end_char) for s in clauses] or [(t.start, t.end) for t in event.evidence]
    for start, end in regions:
        inter = min(end, claim.end) - max(start, claim.start)
        if inter > 0 and inter >= SPAN_SHARE * min(end - start, claim.end - claim.start):
            return True
    return False


STRONG, SPECIFIC, WEAK, NONE = 3, 2, 1, 0


def _link_strength(doc: Doc, claim: Claim, content: Span, event: Event, clauses: list[Span], classes,
                   words: set[str], trigger_classes: dict[int, list[str]]) -> int:
    """STRONG: holds the trigger or the event's clause; SPECIFIC: a word of the trigger's
    class with one of the event's figures or victim groups; WEAK: with its place or an
    actor's country; NONE."""
    if _holds_event(doc, claim, event, clauses):
        return STRONG
    return _mentions_event(doc, content, event, classes, words, trigger_classes)


def _content_words(content: Span) -> set[str]:
    """The lemmas and lower-cased words of a claim's content."""
    return {t.lemma_.lower() for t in content} | {t.lower_ for t in content}


def _mentions_event(doc: Doc, content: Span, event: Event, classes: dict[str, set[str]],
                    lemmas: set[str], trigger_classes: dict[int, list[str]]) -> int:
    if event.background:
        return NONE
    trigger_class = trigger_classes.get(id(event))
    if trigger_class is None:
        trigger_class = trigger_classes[id(event)] = _trigger_classes(doc, event, classes)
    if not trigger_class or not any(lemmas & classes[name] for name in trigger_class):
        return NONE
    figures = {n for n in (event.fatalities, event.injured, event.arrested) if n}
    for count in (event.casualties.killed, event.casualties.injured):
        figures.update(v for v in count.groups.values() if v)
    groups = {g.lower() for count in (event.casualties.killed, event.casualties.injured) for g in count.groups}
    numbers = {_number(t) for t in content if t.like_num} - {None}
    if figures & numbers:
        return SPECIFIC
    if groups and any(g.rstrip("s") in lemmas or g in lemmas for g in groups):
        return SPECIFIC
    place = (event.location.name if event.location else "") or ""
    if place and place.split(" (")[0].lower() in content.text.lower():
        return WEAK
    return WEAK if _actor_countries(event) & _countries_in(content) else NONE


def _actor_countries(event: Event) -> set[str]:
    """Countries the event's actors belong to: 'Military Forces of Azerbaijan' -> {Azerbaijan}."""
    lexicon = party_lexicon()
    found = set()
    for actor in (event.actor1, event.actor2):
        for word in (actor or "").replace("(", " ").replace(")", " ").split():
            if word[:1].isupper():
                country = lexicon.country(word)
                if country:
                    found.add(country)
    return found


def _countries_in(content: Span) -> set[str]:
    lexicon = party_lexicon()
    return {c for t in content if t.text[:1].isupper() and t.pos_ in ("PROPN", "ADJ") for c in [lexicon.country(t.text)] if c}


def _trigger_classes(doc: Doc, event: Event, classes: dict[str, set[str]]) -> list[str]:
    words: set[str] = set()
    if event.trigger is not None:
        span = doc.char_span(event.trigger.start, event.trigger.end, alignment_mode="expand")
        if span is not None:
            words |= {t.lemma_.lower() for t in span} | {t.lower_ for t in span}
    if event.trigger_text:
        words |= set(event.trigger_text.lower().split())
    found = [name for name, members in classes.items() if words & members]
    # Deaths report the deadly event whatever its trigger was.
    if event.fatalities and "death" not in found:
        found.append("death")
    return found


# ---- where claims disagree -----------------------------------------------------------

def _contested(doc: Doc, event: Event, claims: list[Claim], firm: set[str], accused: dict[str, str | None], classes, fields, doc_id) -> list[Contested]:
    if len(claims) < 2:
        return []
    contested: list[Contested] = []
    # Figures: the same victims ('police officers') counted differently by two claims
    # firmly linked to the event, one of them giving the event's own figure.
    own_figures = {"fatalities": event.fatalities, "injured": event.injured, "arrested": event.arrested}
    per_field: dict[tuple[str, str], dict[int, list[str]]] = defaultdict(lambda: defaultdict(list))
    for claim in claims:
        if claim.id not in firm:
            continue
        for field, group, number in _figures(doc, claim, classes, fields):
            if claim.id not in per_field[(field, group)][number]:
                per_field[(field, group)][number].append(claim.id)
    for (field, group), values in sorted(per_field.items()):
        if len(values) > 1 and own_figures.get(field) in values:
            contested.append(Contested(field=field, values=[
                ContestedValue(value=n, claim_ids=ids, doc_ids=[doc_id] if doc_id else []) for n, ids in sorted(values.items())
            ]))
    # Who did it: rival accusations, or an accusation the accused denies.
    blamed: dict[str, list[str]] = defaultdict(list)
    for claim in claims:
        target = accused.get(claim.id)
        if target and not claim.negated:
            blamed[target].append(claim.id)
    denials = [c for c in claims if c.negated and c.speaker_canonical]
    values = [ContestedValue(value=party, claim_ids=ids, doc_ids=[doc_id] if doc_id else []) for party, ids in blamed.items()]
    for denial in denials:
        if denial.speaker_canonical in blamed or not blamed:
            values.append(ContestedValue(value=f"not {denial.speaker_canonical}", claim_ids=[denial.id], doc_ids=[doc_id] if doc_id else []))
    if len(values) > 1:
        contested.append(Contested(field="actor1", values=values))
    return contested


def _figures(doc: Doc, claim: Claim, classes, fields) -> list[tuple[str, str, int]]:
    """(field, victim group, number) for each count the claim gives: 'four police officers ... killed'."""
    content = doc.char_span(claim.start, claim.end, alignment_mode="expand")
    if content is None:
        return []
    out = []
    for token in content:
        if not token.like_num or token.dep_ not in ("nummod", "nsubj", "nsubjpass", "dobj", "pobj", "quantmod", "compound"):
            continue
        number = _number(token)
        noun = token.head if token.dep_ in ("nummod", "quantmod", "compound") else token
        if number is None or noun.i < content.start or noun.i >= content.end:
            continue
        field = _field_near(noun, classes, fields)
        if field:
            out.append((field, noun.lemma_.lower(), number))
    return out


def _field_near(noun: Token, classes, fields) -> str | None:
    """The figure's field from the verb that governs its noun ('were killed', 'died', 'wounded')."""
    node = noun
    for _ in range(3):
        for name, field in fields.items():
            if node.lemma_.lower() in classes.get(name, ()):
                return field
        if node.head is node:
            break
        node = node.head
    return None


def _number(token: Token) -> int | None:
    text = token.lower_.replace(",", "")
    if text.isdigit():
        return int(text)
    return _UNITS.get(text)


# ---- ACLED-style notes ---------------------------------------------------------------

def acled_notes(doc: Doc, event: Event, claims: list[Claim]) -> str | None:
    """'On 19 September 2023, according to X, two civilians were killed ... .' in ACLED's manner."""
    lead = _date_phrase(event)
    source = _note_source(event, claims)
    own_text, own_start = _event_text(doc, event)
    if len(own_text.split()) < 6:
        own_text = ""  # a subtitle ('Mine blasts') describes no event
    held = source is not None and event.trigger is not None and source.start <= event.trigger.start < source.end
    if source is not None and (held or not own_text):
        body = _attributed(doc, source)
        source = None
    elif own_text:
        body = _sentence_body(own_text, bool(lead) and _common_start(doc, own_start))  # 'On 4 March, about 200 ...'
    else:
        return None
    notes = f"{lead}{body}." if lead else f"{body[:1].upper()}{body[1:]}."
    if source is not None:
        # The event was read from its own sentence; its sources follow, as ACLED cites them.
        told = _attributed(doc, source)
        notes += f" {told[:1].upper()}{told[1:]}."
    if lead and event.time_precision == 1:
        notes = _without_event_day(notes, event.event_date, doc._.pub_date)
    for item in event.contested:
        notes += f" {_disagreement(item, claims)}."
    if event.event_type in ("Protests", "Riots"):
        notes += f" [size={_crowd_size(doc, event) or 'no report'}]"
    return notes


_NOTE_WORDS = claims_config().get("notes", {})
_CROWD_NOUNS = set(_NOTE_WORDS.get("crowd_nouns", ()))
_CROWD_SIZES = set(_NOTE_WORDS.get("crowd_sizes", ()))
_HARMED = {w for name in ("death", "injury", "arrest") for w in claims_config()["links"]["word_classes"][name]}


def _crowd_size(doc: Doc, event: Event) -> str | None:
    """The crowd's size as the event's sentence gives it ('about 200', 'hundreds'), as ACLED notes it."""
    for span in _event_spans(doc, event):
        for token in span:
            if token.lemma_.lower() not in _CROWD_NOUNS or token.head.lemma_.lower() in _HARMED:
                continue  # '200 people were arrested' counts the arrested, not the crowd
            size = _size_of(token)
            if size:
                return size
    return None


def _size_of(noun: Token) -> str | None:
    """'about 200 protesters', 'hundreds of protesters', 'a crowd of 500': the words that size the noun."""
    for child in noun.children:
        if child.dep_ == "nummod":
            return " ".join(t.lower_ for t in child.subtree)
        if child.dep_ == "prep" and child.lower_ == "of":  # 'a crowd of 500'
            number = next((t for t in child.children if t.dep_ == "pobj" and t.like_num), None)
            if number is not None:
                return " ".join(t.lower_ for t in number.subtree)
    head = noun.head
    if noun.dep_ == "pobj" and head.lower_ == "of" and head.head.lower_ in _CROWD_SIZES:  # 'hundreds of'
        size = head.head
        return " ".join(t.lower_ for t in size.subtree if t.i < head.i)
    return None


# How a note names a contested figure: 'Reported fatalities differ: ...'.
_FIGURE_WORDS = {"fatalities": "fatalities", "injured": "injuries", "arrested": "arrests"}


def _disagreement(item: Contested, claims: list[Claim]) -> str:
    """Where the sources disagree, in words: who gives which figure, who blames whom, who denies it."""
    sourced = [(str(value.value), " and ".join(filter(None, (_speaker_of(claims, cid) for cid in value.claim_ids))))
               for value in item.values]
    if item.field == "actor1":
        parts = [f"{source or value[4:]} denied responsibility" if value.startswith("not ")
                 else f"{source} blamed {value}" if source else f"{value} was blamed"
                 for value, source in sourced]
        return f"Responsibility is contested: {'; '.join(parts)}"
    figures = [f"{value} according to {source}" if source else value for value, source in sourced]
    return f"Reported {_FIGURE_WORDS.get(item.field, item.field)} differ: {'; '.join(figures)}"


# A weekday or 'yesterday' is the date the note already opens with: 'On 19 September 2023,
# the army on Tuesday shelled ...' reads 'the army shelled ...'. Only a mention that resolves
# to the event's own day goes; one naming another day stays.
_DAY_WORD_BEFORE = re.compile(r"(?:\b(?:on|early|late)\s+)?$", re.I)


def _without_event_day(notes: str, event_date: str | None, pub_date) -> str:
    if not event_date or pub_date is None:
        return notes
    for m in reversed(date_mentions(notes, pub_date)):
        if m.explicit or m.precision != 1 or m.date is None or m.date.isoformat() != event_date:
            continue
        if notes[m.end:m.end + 2] in ("'s", "’s"):  # 'Tuesday's attack' names the attack
            continue
        start = _DAY_WORD_BEFORE.search(notes, 0, m.start).start()
        notes = notes[:start].rstrip(" ") + " " + notes[m.end:].lstrip(" ")
    return re.sub(r" +([,.;:])", r"\1", re.sub(r"  +", " ", notes)).replace(", ,", ",")


def _date_phrase(event: Event) -> str:
    if not event.event_date:
        return ""
    try:
        day = date.fromisoformat(event.event_date)
    except ValueError:
        return ""
    if event.time_precision == 3:
        return f"In {day:%B} {day.year}, "
    if event.time_precision == 2:
        return f"Around {day.day} {day:%B} {day.year}, "
    return f"On {day.day} {day:%B} {day.year}, "


def _event_text(doc: Doc, event: Event) -> tuple[str, int]:
    """The text of the clause the event was read from (else its first evidence sentence) and where it starts."""
    spans = _event_spans(doc, event)
    return (spans[0].text, spans[0].start_char) if spans else ("", 0)


def _event_spans(doc: Doc, event: Event) -> list[Span]:
    spans = (doc._.event_spans or {}).get(event.id) or []
    if spans or not event.evidence:
        return spans
    first = doc.char_span(event.evidence[0].start, event.evidence[0].end, alignment_mode="expand")
    return [first] if first is not None else []


def _sentence_body(text: str, lower_first: bool) -> str:
    """A clause to follow 'On <date>, according to X, ': no quote marks, no capital on a common word."""
    for mark in "“”«»\"":
        text = text.replace(mark, "")
    text = " ".join(text.split()).strip(" ,.;:")
    return text[:1].lower() + text[1:] if lower_first else text


def _common_start(doc: Doc, char: int) -> bool:
    """Whether the word at `char` is capitalised only because it starts a sentence."""
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    if span is None or len(span) == 0:  # the character is whitespace between tokens
        return False
    token = span[0]
    acronym = token.text.isupper() and len(token.text) > 1  # 'UN', 'ISIS'; not the article 'A'
    return token.pos_ not in ("PROPN", "PRON") and not acronym and token.ent_type_ in _COMMON_ENTITIES


# Entity labels of common words: 'Yesterday', 'Four' start a sentence, they name nothing.
_COMMON_ENTITIES = {"", "DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY", "PERCENT", "MONEY"}


# Cues a note writes as an action ('X accused Y of ...'): the accusations and requests
# of data/claims.toml.
_ACTION_CUES = set(claims_config()["cues"]["accusation"]) | set(claims_config()["cues"]["request"])


def _attributed(doc: Doc, claim: Claim) -> str:
    """'according to X, <content>' or, for an accusation or a request, 'X accused <content>'."""
    lemma = _cue_lemma(claim.cue)
    if not claim.speaker:
        return f"reportedly, {_sentence_body(claim.content, _common_start(doc, claim.start))}"  # no source named
    if lemma in _ACTION_CUES:
        verb = claim.cue.lower() if claim.cue.lower().endswith("ed") else _past(lemma)  # 'slammed', not 'slamed'
        return f"{_source_name(claim)} {verb} {_sentence_body(claim.content, False)}"
    return f"according to {_source_name(claim)}, {_sentence_body(claim.content, _common_start(doc, claim.start))}"


def _note_source(event: Event, claims: list[Claim]) -> Claim | None:
    """The claim a note quotes: one that holds the trigger, else a statement, else an accusation."""
    told = [c for c in claims if not c.negated]
    if event.trigger is not None:
        holding = [c for c in told if c.start <= event.trigger.start < c.end]
        if holding:
            return holding[0]
    statements = [c for c in told if _cue_lemma(c.cue) not in _ACTION_CUES]
    return (statements or told or [None])[0]


def _cue_lemma(cue: str) -> str:
    word = cue.lower().split()[0] if cue else ""
    if len(word) > 4 and word.endswith("ed") and word[-3] == word[-4] and word[:-3] in _ACTION_CUES:
        return word[:-3]  # 'slammed' -> 'slam'
    for suffix, repl in (("ied", "y"), ("ying", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", "")):
        if word.endswith(suffix) and (word[: -len(suffix)] + repl) in _ACTION_CUES:
            return word[: -len(suffix)] + repl
        if word.endswith(suffix) and (word[: -len(suffix)] + repl + "e") in _ACTION_CUES:
            return word[: -len(suffix)] + repl + "e"
    return word


def _past(lemma: str) -> str:
    if lemma.endswith("y"):
        return lemma[:-1] + "ied"
    return lemma + ("d" if lemma.endswith("e") else "ed")


def _source_name(claim: Claim) -> str:
    """How notes name a source: as written, unless that is a pronoun or a bare description."""
    written = claim.speaker
    if written.startswith("The ") and any(word[:1].islower() for word in written.split()[1:]):
        written = "t" + written[1:]  # 'the Israeli military', 'the health ministry'; 'The Guardian' stays
    named = any(ch.isupper() for ch in written) and written.lower() not in _PRONOUNS
    return written if named or not claim.speaker_canonical else claim.speaker_canonical


_PRONOUNS = {"it", "they", "he", "she", "we", "i"}


def _speaker_of(claims: list[Claim], claim_id: str) -> str:
    claim = next((c for c in claims if c.id == claim_id), None)
    return _source_name(claim) if claim and claim.speaker else ""
