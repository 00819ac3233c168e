"""Casualty triggers and their victims: which word says someone was killed,
injured, arrested, abducted or shot (`trigger_kind`), and which token of the
dependency parse is the victim it governs (passive subject, object, subject of
an intransitive, the noun a participle or adjective modifies, "left N injured").
"""

from __future__ import annotations

from spacy.tokens import Token

from ..components import doc_text
from .groups import _age_of, _is_person, _of_object
from .lexicon import DIE_FORMS, NEGATORS, NOUN_POS, PLURAL_TAGS, REFLEXIVE_PRONOUNS, Lexicon, load_lexicon
from .numbers import _is_number


def _phrasal_kind(tok: Token, lex: Lexicon) -> str | None:
    """Multi-word verbs: 'gunned down', 'shot dead', 'taken into custody', 'taken hostage'."""
    lemma = tok.lemma_.lower()
    if lemma not in lex.phrasal_heads:
        return None  # (most verbs: spare reading the words after it)
    following = [t.lemma_.lower() for t in tok.doc[tok.i + 1: tok.i + 5]]
    children = None
    for kind, spec in lex.kinds.items():
        for words in spec.phrasal:
            if words[0] != lemma:
                continue
            rest = list(words[1:])
            if following[: len(rest)] == rest:
                return kind
            if children is None:
                # the verb's own particles and objects ("taken *into custody*", "shot him *dead*"), not a
                # word of another clause it governs ("were shot, leaving two men dead")
                children = {c.lemma_.lower() for c in tok.subtree if tok.i < c.i <= tok.i + 10 and _same_clause(c, tok)}
            if all(w in children for w in rest if w not in ("to", "into")):
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


def _treated_unhurt(treated: Token, lex: Lexicon) -> bool:
    """'Two people were treated for shock': cared for, but not hit."""
    return any(p.dep_ == "prep" and p.lower_ == "for" and any(
        o.dep_ == "pobj" and o.lemma_.lower() in lex.treated_not_hurt for o in p.children) for p in treated.children)


def trigger_kind(tok: Token, lex: Lexicon) -> tuple[str, str] | None:
    """(kind, form) when the token reports casualties; form is verb | intransitive | adjective | noun."""
    lemma = tok.lemma_.lower()
    lower = tok.lower_
    phrasal = _phrasal_kind(tok, lex) if tok.pos_ in ("VERB", "AUX") else None
    if phrasal:
        return phrasal, "verb"
    if tok.pos_ == "VERB" and _own_death(tok, lex) is not None:
        return "killed", "own_death"  # "turned the gun on himself", "took his own life"
    if tok.pos_ == "VERB" and (_dying_idiom(tok, lex) or _survival_denied(tok, lex)):
        return "killed", "intransitive"  # "passed away", "lost his life", "did not survive his injuries"
    if tok.pos_ == "VERB" and _lives_taken(tok, lex) is not None:
        return "killed", "lives_taken"  # "the shooting claimed the lives of three people"
    if lower in lex.headline_participles and tok.i and _is_number(tok.doc[tok.i - 1], lex) and tok.pos_ != "VERB":
        return lex.headline_participles[lower], "headline"  # "4 shot in Gilpin Court"
    if lower in lex.headline_verbs and _headline_verb_victim(tok, lex) is not None:
        return lex.headline_verbs[lower], "headline_verb"  # "Shooting kills 2, wounds 3"
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
            and not any(c.lower_ in ("like", "as") for c in tok.children) and not _treated_unhurt(tok, lex):
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


def _dying_idiom(verb: Token, lex: Lexicon) -> bool:
    """'passed away', 'lost his life', 'lost their lives': the verb's own particle or object
    completes an idiom of dying (not 'lost the love of his life')."""
    words = lex.dying_idioms.get(verb.lemma_.lower())
    return bool(words) and any(c.dep_ in ("prt", "advmod", "dobj") and c.lemma_.lower() in words for c in verb.children)


def _survival_denied(verb: Token, lex: Lexicon) -> bool:
    """'did not survive his injuries', 'she didn't survive': the subject died. Only with a
    harm as the object or none ('did not survive the budget cuts' is no death)."""
    if verb.lemma_.lower() not in lex.survived_verbs or not any(c.dep_ == "neg" for c in verb.children):
        return False
    obj = _child(verb, "dobj")
    return obj is None or obj.lemma_.lower() in lex.not_survived_objects


def _lives_taken(verb: Token, lex: Lexicon) -> Token | None:
    """The people after 'the life/lives of' when the verb takes them: 'claimed the lives of
    three people', 'took the life of a teenager'; None otherwise."""
    obj = _child(verb, "dobj")
    if verb.lemma_.lower() not in lex.life_taking_verbs or obj is None or obj.lemma_.lower() != "life":
        return None
    return _of_object(obj)


def _headline_verb_victim(verb: Token, lex: Lexicon) -> Token | None:
    """'Shooting wounds 3 outside bar', 'Gunfire wounds man near park': the count or bare person
    word right after a headline's present-tense verb (a line with no full stop) is its victim,
    however the parser tagged the verb ('wounds' as a plural noun) or hung the victim."""
    doc = verb.doc
    if verb.i + 1 >= len(doc) or "\n" in verb.whitespace_:
        return None
    after = doc[verb.i + 1]
    if _is_number(after, lex):
        noun = doc[after.i + 1] if after.i + 1 < len(doc) else None
        victim = noun if noun is not None and after.head == noun and _is_person(noun, lex) else after
    else:
        victim = after if after.pos_ in ("NOUN", "PROPN") and _bare(after) and _is_person(after, lex) else None
    return None if victim is None or _in_sentence_line(verb) else victim


def _in_sentence_line(tok: Token) -> bool:
    """Whether the line `tok` is on ends with a full stop (body text, not a headline)."""
    text = doc_text(tok.doc)
    end = text.find("\n", tok.idx)
    line = text[tok.idx: end if end >= 0 else len(text)].rstrip()
    return line.endswith((".", '."', ".\u201d"))


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
        if victim is None:
            # "Three men were shot and one of them, Luis Ortega, died" parsed with "shot" as a
            # clause of "died" (or both as clauses of "said"): the subject is joined to "shot"
            firsts = [c for c in verb.lefts if c.dep_ == "ccomp"]
            if verb.dep_ == "ccomp":
                firsts += [c for c in verb.head.children if c.dep_ == "ccomp" and c.i < verb.i]
            victim = next((s for c in firsts for s in [_subject_joined_to(c, verb)] if s), None)
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
            stray = _subject_joined_to(head, verb)
            if stray is not None:
                return stray
            if _is_passive(verb) or form == "intransitive":
                found = _child(head, "nsubjpass") or _child(head, "nsubj")
            else:
                found = _child(head, "dobj")
            if head.pos_ == "VERB" and (found is None or found.lower_ in ("who", "that", "which")):
                # the first verb's own victim: "a teen (who was) shot and killed by a friend"
                return _victim_of_verb(head, "verb", _depth + 1)
            return found
    return None


def _subject_joined_to(head: Token, verb: Token) -> Token | None:
    """'Three men were struck and one of them, Luis Ortega, 34, died': the parser joins the
    second clause's subject ("one") to the first verb; a noun or number between the two verbs
    that the first verb has as a conjunct is the second verb's subject."""
    lex = load_lexicon()
    by = [o for a in head.children if a.dep_ == "agent" for o in a.children if o.dep_ == "pobj"]
    return next((c for h in (head, *by) for c in h.children if c.dep_ == "conj" and head.i < c.i < verb.i
                 and c.pos_ in NOUN_POS and _is_person(c, lex)), None)


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


def _victim_of_wound(wound: Token, lex: Lexicon) -> Token | None:
    """'people *with gunshot wounds*', 'he suffered a gunshot wound', 'treated for gunshot wounds'."""
    head = wound.head
    with_wound = wound.dep_ == "pobj" and head.lower_ == "with"
    if wound.dep_ == "pobj" and head.dep_ == "prep":
        head = head.head
    if with_wound and head.lemma_.lower() in lex.hospital_places and head.dep_ == "pobj" and head.head.dep_ == "prep":
        # "a man arrived at a hospital with a gunshot wound": the parser hangs "with" on the
        # place; the one who came there has the wound
        return _child(head.head.head, "nsubj")
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
    if _suffered_in_shooting(noun, lex):
        return _victim_of_wound(noun, lex)  # "two teens suffered minor injuries in the shooting"
    if any(c.dep_ == "nummod" for c in noun.children):
        return noun  # "six deaths", "two bodies"
    if noun.lower_ == "dead" and _age_of(noun) is not None:
        return noun  # "leaving a 17-year-old dead", the adjective parsed as the noun an age modifies
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


def _suffered_in_shooting(noun: Token, lex: Lexicon) -> bool:
    """'Two teens suffered non-life-threatening injuries in the shooting', 'sustained gunshot
    injuries': injuries suffered from gunfire (not 'an officer suffered minor injuries in the
    struggle', a hurt GVA does not count)."""
    verb = noun.head
    if noun.dep_ != "dobj" or verb.lemma_.lower() not in lex.suffered_verbs \
            or noun.lemma_.lower() not in lex.kinds["injured"].nouns:
        return False
    causes = lex.left_with_causes | lex.wound_modifiers
    return any(t.lemma_.lower() in causes or t.lower_ in causes for t in verb.subtree if t.i != noun.i)


def _names_a_death(noun: Token, lex: Lexicon) -> bool:
    """'a Sumter County death', 'the homicide': one death, victim unnamed (not 'death threats',
    'homicide detectives', 'no deaths', 'deaths'; nor 'the commander's death', 'his death':
    a death told of someone, read with its context elsewhere)."""
    compound = noun.dep_ == "compound" and noun.head.lemma_.lower() not in lex.death_inquiries
    return noun.lemma_.lower() in lex.death_nouns and noun.tag_ == "NN" and not compound \
        and _of_object(noun) is None and not any(c.dep_ in ("nummod", "poss") for c in noun.children) \
        and not any(c.lower_ in NEGATORS or c.lower_ in lex.death_noun_negators for c in noun.lefts)


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
