"""Flags on a mention that keep it out of the event's count: negated,
hypothetical, conditional, aggregate over a period, background (another,
earlier event), an early report, additive ("two more"), ambiguous triggers.
"""

from __future__ import annotations

from spacy.tokens import Token

from ..components import doc_text
from .groups import _is_person
from .lexicon import HARM_KINDS, NOUN_POS, Lexicon
from .numbers import _is_number
from .triggers import _child, trigger_kind


def _in_clause(tok: Token, tokens: list[Token]) -> list[Token]:
    """Those of `tokens` in the clause of `tok` and its sentence: asking each of a document's few
    dates whether it is there is cheaper than walking every mention's clause."""
    head = _clause_head(tok)
    return [t for t in tokens if (t.i == head.i or head.is_ancestor(t)) and t.sent == tok.sent]


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
    doc = trigger.doc
    text = doc_text(doc)[doc[start].idx: doc[end].idx + len(doc[end].text)]  # (a Span's .text joins its tokens)
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


def _needs_person(trigger: Token, victim: Token | None, lex: Lexicon) -> bool:
    if trigger.lemma_.lower() not in lex.need_person:
        return False
    return victim is None or not _is_person(victim, lex)
