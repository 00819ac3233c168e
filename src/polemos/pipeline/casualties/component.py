"""The spaCy component `polemos_casualties` (`CasualtyExtractor`): assigns each
event of doc._.events its mentions (by incident, with background checks:
earlier years, other months, another incident's clause) and fills its
`casualties`, `fatalities`, `injured` and `arrested`; `document_casualties`
reads a whole document as one event.
"""

from __future__ import annotations

import re
from dataclasses import replace

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from polemos.model import Casualties, CasualtyCount, parse_iso_date

from ..components import doc_text
from ..dates import MONTHS
from ..events import main_event_first
from .combine import combine_mentions
from .flags import _clause_head, _in_clause
from .groups import _is_person
from .lexicon import HARM_KINDS, REPORTED_KINDS, Lexicon, load_lexicon
from .mentions import casualty_mentions
from .records import CasualtyMention


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
        distinct = {e.id for e in events if _told_as_another_incident(spans.get(e.id, []), self.lexicon)}
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
        tok = m.trigger_token(doc)
        if tok is not None and _in_clause(tok, earlier):
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
    dated = [t for t in doc if t.ent_type_ == "DATE" and _month_named(t, pub) is not None]
    if not dated:
        return
    told = False  # a harm told before (of any kind)
    for m in mentions:
        if not m.counts or m.kind not in HARM_KINDS:
            continue
        tok = m.trigger_token(doc) if m.kind == "killed" else None
        months = {_month_named(t, pub) for t in _in_clause(tok, dated)} if tok is not None else set()
        if months and not months & window:
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
        marked = event.background or _told_as_another_incident(event_spans, lex)
        for group in groups:
            if not marked and not group[0].background:
                group.append(event)
                break
        else:
            groups.append([event])
    return groups


def _another_incident_clause(doc: Doc, mention: CasualtyMention, trigger: int | None, lex: Lexicon) -> bool:
    """'A man was shot in the leg Tuesday. In a separate incident, a woman was killed': a clause
    that opens with a marker of another incident (data: distinct markers), as an adverb
    ('elsewhere') or in a phrase ('in a separate/another incident'), tells another incident than
    the event's, unless the event's own trigger is in it (the event detector may read both into
    one event)."""
    tok = mention.trigger_token(doc)
    if tok is None:
        return False
    head = _clause_head(tok)
    if head.dep_ in ("dobj", "nsubj", "nsubjpass") and head.head.pos_ in ("VERB", "AUX"):
        head = head.head  # "Another shooting left two people hurt": "hurt" describes the object
    marked = any((c.dep_ == "advmod" and _marks_another_incident(c, lex))
                 or (c.dep_ == "prep" and any(o.dep_ == "pobj" and _names_another_incident(o, lex) for o in c.children))
                 or (c.dep_ in ("dobj", "nsubj") and _names_another_incident(c, lex, ordinals=False))
                 for c in head.children)
    return marked and not (trigger is not None and any(t.idx == trigger for t in head.subtree))


def _told_as_another_incident(spans: list[Span], lex: Lexicon) -> bool:
    """Whether a word of the event's spans marks another incident. The text is searched for the
    marker words first: most spans hold none, and reading a Span's tokens builds every Token."""
    if not spans:
        return False
    text = doc_text(spans[0].doc)
    return any(any(w in text[span.start_char:span.end_char].lower() for w in lex.distinct_markers)
               and any(_marks_another_incident(t, lex) for t in span) for span in spans)


def _names_another_incident(noun: Token, lex: Lexicon, ordinals: bool = True) -> bool:
    """'in a separate incident', 'investigating an unrelated shooting that injured two teens';
    without `ordinals`, not 'the third shooting this week left a man wounded' (often the
    report's own shooting, counted among others)."""
    return any(_marks_another_incident(x, lex) and (ordinals or x.lower_ not in lex.ordinals) for x in noun.children)


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
