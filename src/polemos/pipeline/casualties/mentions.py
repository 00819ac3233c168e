"""Finding casualty mentions (`casualty_mentions`): every trigger of a span with
its victims, count, group and flags, then the passes over a document's
mentions that link them (hurt then died, others than the dead, sidebars,
mentions shadowed by a fuller one).
"""

from __future__ import annotations

from spacy.attrs import LEMMA, LOWER
from spacy.tokens import Doc, Span, Token

from ..components import doc_text
from .counting import _with_person_before, count_victims
from .flags import (
    _clause_head,
    _climb_to_clause,
    _in_early_report,
    _is_additive,
    _is_aggregate,
    _is_ambiguous,
    _is_anaphoric,
    _is_background,
    _is_hypothetical,
    _is_negated,
    _needs_person,
    _victim_words,
)
from .groups import _is_person, _of_object
from .lexicon import HARM_KINDS, REFLEXIVE_PRONOUNS, SINGULAR_PRONOUNS, Lexicon, load_lexicon
from .numbers import _is_number, number_value
from .records import CasualtyMention, Person, Victims
from .triggers import (
    FOUND_VERBS,
    _child,
    _controller,
    _headline_subject,
    _headline_verb_victim,
    _in_hospital_head,
    _lives_taken,
    _number_before,
    _own_death,
    _person_with_family,
    _survival_denied,
    _victim_of_adjective,
    _victim_of_noun,
    _victim_of_verb,
    _victim_of_wound,
    trigger_kind,
)


def casualty_mentions(span: Span | Doc, lex: Lexicon | None = None) -> list[CasualtyMention]:
    """Every casualty mention whose trigger lies in `span`, in text order."""
    lex = lex or load_lexicon()
    mentions = []
    for tok in _maybe_triggers(span, lex.trigger_words):
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


def _maybe_triggers(span: Span | Doc, words: frozenset[str]) -> list[Token]:
    """The tokens of `span` whose lowercase form or lowercased lemma is one of `words`, read from
    the Doc's arrays of string ids: building every Token to ask it is the slow part."""
    doc = span.doc if isinstance(span, Span) else span
    start, end = (span.start, span.end) if isinstance(span, Span) else (0, len(doc))
    strings = doc.vocab.strings
    word_ids = {strings[w] for w in words}
    lemma_hit: dict[int, bool] = {}
    found = []
    for i, (lower, lemma) in enumerate(doc.to_array([LOWER, LEMMA])[start:end].tolist(), start):
        if lower not in word_ids:
            hit = lemma_hit.get(lemma)
            if hit is None:
                hit = lemma_hit[lemma] = strings[lemma].lower() in words
            if not hit:
                continue
        found.append(doc[i])
    return found


def _coordinated_newcomers(mentions: list[CasualtyMention], doc: Doc) -> None:
    """'A 30-year-old man was killed and a 25-year-old man was shot': a clause joined to a harm
    clause, with its own indefinite single victim ('a ...'), tells one more person hit, as an
    ordinal victim does (at least both were hit). Only within one sentence: across sentences a
    report retells its victims with new indefinites ('A man was shot ... A man was taken to the
    hospital'), and ages told apart across sentences lost unseen records (cas8)."""
    by_trigger = {m.trigger_start: m for m in mentions if m.counts and m.kind in HARM_KINDS}
    for m in by_trigger.values():
        verb = m.trigger_token(doc)
        if verb is None or m.low != 1 or m.anaphoric or not m.text.lower().startswith(("a ", "an ")):
            continue
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
    token = mention.trigger_token(doc)
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
        token = m.trigger_token(doc)
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
        token = death.trigger_token(doc)
        if death.kind != "killed" or not death.counts or death.reflexive or death.attacker or token is None:
            continue
        sentence_start = token.sent.start_char  # (read once: each token.sent builds a Span)
        earlier = [m for m in mentions if m.counts and m.kind in HARM_KINDS and m.trigger_start < sentence_start]
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
    first, last = (span[0], span[-1]) if len(span) else (None, None)
    text = doc_text(first.doc)[first.idx:last.idx + len(last.text)].lower() if first is not None else ""
    if "fatally" not in text and "mortally" not in text:
        return out  # (most documents: spare building every Token)
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
    elif form == "headline_verb":
        victim = _headline_verb_victim(trigger, lex)
    elif form in ("verb", "intransitive"):
        victim = _victim_of_verb(trigger, form) or _controller(trigger) or _headline_subject(trigger, lex)
    elif form == "victims":
        victim = _partitive_number(trigger, lex) or trigger
    elif form == "wound":
        victim = _victim_of_wound(trigger, lex)
    elif form == "own_death":
        victim = _own_death(trigger, lex)
    elif form == "lives_taken":
        victim = _lives_taken(trigger, lex)
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
    victim = _past_word_prefix(victim, lex)
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
    himself = _then_himself(trigger, victim)  # "killed his wife, then himself"
    gapped = _gapped_victims(trigger, victim) + int(himself)  # "... in the chest and another in the leg"
    victims.low, victims.high, victims.generic = victims.low + gapped, victims.high + gapped, victims.generic + gapped
    if kind == "killed" and form == "noun" and trigger.lemma_.lower() in ("body", "corpse") and victim.i == trigger.i:
        pass  # the bodies are the dead
    start, end = min(victims.start, trigger.idx), max(victims.end, trigger.idx + len(trigger.text))
    victim_words = _victim_words(victim, lex)
    # ("Man shot by police after stabbing officer": the attacker, none of those he hit)
    after_own_harm = kind in ("injured", "shot", "killed") and _hit_after_own_harm(trigger, victim, lex)
    hit_first = after_own_harm and kind != "killed"
    return CasualtyMention(
        kind=kind, low=victims.low, high=max(victims.high, victims.low), groups=victims.groups,
        generic=victims.generic, specific=victims.specific, vague=victims.vague, vague_keys=victims.vague_keys,
        plural_only=victims.plural_only,
        start=victims.start, end=victims.end,
        trigger_start=trigger.idx, trigger_end=trigger.idx + len(trigger.text),
        text=doc_text(trigger.doc)[start:end],
        # ("did not survive" is a death, not a negated one)
        negated=(not _survival_denied(trigger, lex) and _is_negated(trigger, victim)) or (victims.low == 0 and victims.high == 0),
        aggregate=_is_aggregate(trigger, victim, lex) or _is_general_statement(trigger, victim),
        background=_is_background(trigger, lex) or _another_dated(trigger, victim, lex),
        ambiguous=_is_ambiguous(trigger, kind, lex),
        anaphoric=victims.anaphoric and not _also_a_newcomer(trigger, victim, victims),
        additive=_is_additive(trigger, victim, lex),
        # ("is expected to survive" forecasts the outcome; the harm is reported)
        hypothetical=(form != "expected" and _is_hypothetical(trigger)) or _in_early_report(trigger, lex),
        more=bool(victim_words & lex.other_people) or _also_a_newcomer(trigger, victim, victims)
        or (kind == "killed" and _one_more_by_rank(victim, victims)),
        others=bool(victim_words & lex.others_than_told),
        names=victims.names, ordinal=victims.ordinal, people=victims.people,
        reflexive=victim.lower_ in REFLEXIVE_PRONOUNS or form == "own_death",  # ("took *his* own life")
        # (not "the suspect in the airport shooting": a phrase on him names his own deed)
        attacker=(victims.low == 1 and victim.lemma_.lower() in lex.attackers and victim not in trigger.ancestors)
        or _suicide_after_killing(victim, lex) or hit_first,
        agent=_agent_of(trigger),
        found_later=_found_later(victim),
        partitive=_is_partitive(victim, lex),
        gunman_pronoun=_is_gunman_pronoun(trigger, victim, lex)
        or (kind == "killed" and (_harmed_others(trigger, victim, lex) or after_own_harm)),
        with_attacker=himself or _includes_the_attacker(trigger, victim, lex),
        harmed_first=hit_first,
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
    return also and victims.low == 1 and (_indefinite(victim) or any(_kin_of_told(c, victim) for c in victim.children))


def _kin_of_told(possessor: Token, victim: Token) -> bool:
    """'His girlfriend was also shot': someone named by their tie to a person told of, hit too,
    is one more person (the person told of would not be 'also' hit)."""
    return possessor.dep_ == "poss" and possessor.lower_ in ("his", "her", "their") and victim.pos_ == "NOUN"


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


def _one_more_by_rank(victim: Token, victims: Victims) -> bool:
    """'One man was killed ... A second man died at the hospital': an indefinite ordinal victim
    is one more death, like 'another man' (not 'the second victim', which may be one of those
    told of before)."""
    return victims.ordinal >= 2 and _indefinite(victim)


def _indefinite(victim: Token) -> bool:
    """Whether the victim phrase opens with 'a'/'an': someone not told of before."""
    return any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in victim.children)


def _then_himself(trigger: Token, victim: Token) -> bool:
    """'killed his wife, then himself', 'shot her husband and then herself': the one who did it
    is one more victim, told by a reflexive the parser hangs on the verb after its object."""
    return victim.lower_ not in REFLEXIVE_PRONOUNS and any(
        c.lower_ in REFLEXIVE_PRONOUNS and c.i > victim.i and c.dep_ in ("conj", "npadvmod", "dobj", "appos", "dep", "advmod")
        for c in trigger.children)


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
    sent = trigger.sent
    sentence = doc_text(trigger.doc)[sent.start_char:sent.end_char].lower()
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


def _hit_after_own_harm(trigger: Token, victim: Token, lex: Lexicon) -> bool:
    """'The suspect was fatally shot by police after he killed a clerk', 'Man shot by police
    after stabbing officer': the one hit is the 'he'/'she' (or the understood subject of a
    gerund) of a clause under 'after'/'when' on his own harm that harms people of its own, so
    he is the attacker, none of the people he hit. A single noun or name."""
    if victim.pos_ not in ("NOUN", "PROPN") or victim.tag_ in ("NNS", "NNPS"):
        return False
    verbs = [trigger, *trigger.conjuncts]  # ("was shot and killed by officers after he ...")
    return any(_harms_people(clause, lex) for v in verbs for clause in _own_harm_clauses(v))


def _own_harm_clauses(verb: Token) -> list[Token]:
    """The verbs of 'after he killed a clerk' (a clause with its own 'he'/'she') and of 'after
    stabbing officer' (a gerund whose subject is the one the verb tells of)."""
    clauses = [c for c in verb.children if c.dep_ == "advcl" and (s := _child(c, "nsubj")) is not None
               and s.lower_ in ("he", "she") and any(m.dep_ == "mark" and m.lower_ in ("after", "when") for m in c.children)]
    clauses += [g for p in verb.children if p.dep_ == "prep" and p.lower_ in ("after", "when")
                for g in p.children if g.dep_ == "pcomp" and g.tag_ == "VBG" and _child(g, "nsubj") is None]
    return clauses


def _harms_people(verb: Token, lex: Lexicon) -> bool:
    """A harm verb with a person or a number as its object (not a reflexive)."""
    kind, obj = trigger_kind(verb, lex), _child(verb, "dobj")
    return bool(kind and kind[0] in HARM_KINDS) and obj is not None and obj.lower_ not in REFLEXIVE_PRONOUNS \
        and (_is_person(obj, lex) or _is_number(obj, lex))


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


def _past_word_prefix(victim: Token, lex: Lexicon) -> Token:
    """'killed his ex-wife' is parsed with "ex" for the object (the tokenizer splits it off with
    its hyphen): the person is the noun after the hyphen."""
    doc = victim.doc
    if victim.lower_ not in lex.word_prefixes or victim.i + 2 >= len(doc) or doc[victim.i + 1].text != "-":
        return victim
    word = doc[victim.i + 2]
    return word if word.pos_ == "NOUN" else victim


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


def _one_death(noun: Token, lex: Lexicon) -> CasualtyMention:
    """At least one dead: a vague figure that any reported number overrides, as 'a fatal shooting'."""
    start, end = noun.idx, noun.idx + len(noun.text)
    return CasualtyMention(
        kind="killed", low=1, high=1, groups={}, generic=1, start=start, end=end, vague=True,
        trigger_start=start, trigger_end=end, text=noun.text,
        aggregate=_is_aggregate(noun, None, lex), background=_is_background(noun, lex),
        hypothetical=_is_hypothetical(noun),
    )


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
