"""polemos_events: detect new events, type them (ACLED), name actors, date them.

Owner: event extraction (issue 3). Writes doc._.events and doc._.event_spans.

How (docs/events.md has the long version):
1. find: the trigger and cue lexicons (data/event_lexicon.toml) are matched
   once over the Doc; each trigger is grouped with the others of its clause
   (the verb it hangs from), and the clause is typed by event_types.classify.
2. Each clause is checked for background (background.py): history,
   statistics, ongoing conditions and unreal mentions (threats, plans,
   denials) are dropped; allegations only confirm events already found.
3. Actors come from the clause's agent and patient slots (actors.py); the
   date from a date expression in the clause or sentence, else the
   document's lead date, else the publication date (dates.py).
4. Mentions of one event (a summary line and its detail, a later 'the
   attack') are merged; events are ordered by their first mention, new before
   background, the violence before what followed from it.
5. Once the casualties component has counted each event's dead and wounded,
   main_event_first puts the report's main event first: the new event that
   hurt the most people (events[0] is what a consumer takes for the story).
"""

from __future__ import annotations

import datetime as dt
import tomllib
from collections import Counter
from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from polemos.model import SUB_EVENT_TYPES, Event, TextSpan, disorder_type_for

from .actors import Actor, DocActors
from .background import status as background_status
from .components import doc_text, read_text
from .dates import MONTHS, date_mentions, is_page_stamp, years_in
from .event_types import EXCLUDE, FAMILY_RANK, STRONG, STRONG_DISRUPTED, VIOLENT, ClauseFacts, classify, load_event_lexicon

LEAD_CHARS = 400  # how far a report's headline and lead run
STOP_CLIMB = {"conj", "ccomp", "parataxis", "ROOT"}
PATIENT_PREPS = {"on", "against", "at", "targeting", "upon", "with", "into"}
DISTINCT_MARKERS = {"another", "second", "separate", "third", "other", "also"}
INTRANSITIVE_HARM = {"die", "perish", "death", "dead"}
VICTIM_SUBJECT = {"suffer", "sustain"}  # verbs whose subject is hurt ('policemen suffered casualties')
MODIFIER_DEPS = {"compound", "amod", "poss", "nmod"}
ATTACK_NOUNS = {"attack", "assault", "ambush", "raid", "offensive", "incursion"}
EXPLOSIONS = {k for k, v in SUB_EVENT_TYPES.items() if v == "Explosions/Remote violence"}
POLITICAL_VIOLENCE = EXPLOSIONS | {"Armed clash", "Attack", "Government regains territory",
                                   "Non-state actor overtakes territory"}


@dataclass
class Candidate:
    """One clause that reports an event."""

    sub_event_type: str
    sentence: Span
    clause: Span
    trigger: Token
    families: set[str]
    status: str
    actor1: Actor | None = None
    actor2: Actor | None = None
    victims: set[str] = field(default_factory=set)
    date: dt.date | None = None
    precision: int = 1
    explicit_date: bool = False
    own_date: bool = False  # the date was written in this mention's sentence
    later_step_date: bool = False  # ... and it dates a later step or the report ('police said Monday')
    distinct: bool = False
    weak: bool = False
    actor1_read: bool = False  # actor1 was read from the text, not filled in by a type default
    actor2_read: bool = False
    support: int = 0
    sentence_harm: bool = False  # the sentence also tells of killing or hurting ('arrested after he shot ...')


@dataclass
class Merged:
    first: Candidate
    mentions: list[Candidate]
    victims: set[str]
    actor2: Actor | None = None


def _anchor(token: Token) -> Token:
    """The verb whose clause a trigger belongs to: climb past nouns, participles and
    subordinate clauses, stopping at a clause of its own (conj, ccomp, root)."""
    node = token
    for _ in range(8):
        if node.pos_ in ("VERB", "AUX") and node.dep_ in STOP_CLIMB:
            return node
        if node.pos_ == "VERB" and node.dep_ == "advcl" and any(
                c.dep_ == "mark" and c.lower_ in ("when", "after", "before", "while", "as", "because", "since")
                for c in node.children):
            return node  # 'no arrests were made after shops were looted': a clause of its own
        if node.head.i == node.i:
            return node
        node = node.head
    return node


def _clause_span(anchor: Token, sentence: Span) -> Span:
    keep = [anchor]
    stack = [c for c in anchor.children]
    while stack:
        t = stack.pop()
        if t.dep_ in ("conj", "ccomp", "parataxis") and t.pos_ in ("VERB", "AUX"):
            continue
        if t.dep_ == "cc" and t.head.i == anchor.i:
            continue
        if t.dep_ == "advcl" and t.head.i == anchor.i and any(c.dep_ == "mark" for c in t.children):
            continue
        keep.append(t)
        stack.extend(t.children)
    start = max(min(t.i for t in keep), sentence.start)
    end = min(max(t.i for t in keep) + 1, sentence.end)
    # trailing punctuation adds nothing
    while end - 1 > start and sentence.doc[end - 1].is_punct:
        end -= 1
    return sentence.doc[start:end]


@dataclass
class _Scope:
    text: str


def _background_scope(anchor: Token, main: Token, sentence: Span) -> _Scope:
    """The clause without subordinate clauses that hold other verbs ('three years after fighting a war')."""
    skip: set[int] = set()
    # a token's subtree holds main when the token is main or one of main's heads (cheaper to walk up)
    holds_main = {main.i} | {a.i for a in main.ancestors}
    subtree = list(anchor.subtree)
    # relative and adverbial clauses: 'a company, which closed down years ago, ...', '... to return
    # home since they had run out of money'
    for t in subtree:
        if t.dep_ in ("relcl", "acl", "appos", "advcl") and t.i not in holds_main:
            skip.update(x.i for x in t.subtree)
    for child in anchor.children:
        if child.dep_ in ("prep", "advcl", "npadvmod", "advmod", "conj") and child.i not in holds_main:
            sub = list(child.subtree)
            if any(t.pos_ == "VERB" for t in sub):
                skip.update(t.i for t in sub)
    keep = [t for t in subtree if t.i not in skip and sentence.start <= t.i < sentence.end]
    return _Scope("".join(t.text_with_ws for t in keep) if keep else sentence.text)


def _stray_subject(verb: Token, actors: DocActors, context: str) -> Actor | None:
    """The armed party just before an active verb the parser left without a subject (after a long
    place phrase: '..., Rakhine State, Myanmar troops from battalion 377 detained ...')."""
    head = verb.head if verb.dep_ == "conj" else verb
    # a bare participle with no auxiliary ('..., Myanmar military from LIB 538 torched ...') is a past
    # tense the tagger misread
    bare_participle = head.tag_ == "VBN" and not any(c.dep_ in ("aux", "auxpass") for c in head.children)
    if head.pos_ != "VERB" or (head.tag_ not in ("VBD", "VBZ", "VBP") and not bare_participle) or any(
            c.dep_ in ("nsubj", "nsubjpass", "auxpass", "expl") for c in head.children):
        return None
    sent_start = head.sent.start
    for i in range(head.i - 1, max(sent_start, head.i - 7) - 1, -1):
        t = verb.doc[i]
        if t.pos_ in ("VERB", "AUX") or t.is_punct:
            return None
        mention = actors.by_token.get(t.i)
        if t.pos_ in ("NOUN", "PROPN") and mention is not None and mention.kind in ("role", "group") \
                and not (MODIFIER_DEPS & {t.dep_, t.head.dep_ if t.dep_ == "conj" else ""}):  # not 'police uniforms'
            while t.dep_ == "conj" and t.head.i < t.i and getattr(actors.by_token.get(t.head.i), "kind", None) in (
                    "role", "group"):
                t = t.head  # 'Myanmar military and AA clashed': the first of the parties
            found = actors.actor_for(t, context)
            if found is not None and found.kind in ("state", "nonstate"):
                return found
    return None


def _inherit_attackers(candidates: list[Candidate]) -> None:
    """A violent mention nobody is named for ('One person was injured') right after one with a named
    armed actor ('a truck was attacked by suspected Islamist militants') has that actor: the report
    goes on about the same attackers."""
    for n, cand in enumerate(candidates):
        if cand.actor1_read or cand.sub_event_type not in POLITICAL_VIOLENCE or (
                cand.actor1 is not None and not cand.actor1.name.startswith("Unidentified")):
            continue
        for prev in reversed(candidates[:n]):
            if prev.sentence.start < cand.sentence.start and prev.sentence.end < cand.sentence.start - 1:
                break  # only the sentence before
            if prev.actor1_read and prev.actor1.kind in ("state", "nonstate") and \
                    (prev.sub_event_type in POLITICAL_VIOLENCE or prev.sub_event_type == "Looting/property destruction") \
                    and not prev.actor1.name.startswith("Unidentified"):
                cand.actor1 = prev.actor1
                break


def _heading(token: Token, anchor: Token) -> bool:
    """Whether a noun is a heading set off by a colon before the clause ('Movement of forces: On 2
    May, HTS brought reinforcements'), which the parser may take for a subject."""
    if token.i >= anchor.i:
        return False
    return any(t.text == ":" for t in token.doc[token.right_edge.i + 1:anchor.i])


def _acting_force(trigger: Token, actors: DocActors) -> Actor | None:
    """The state force that acts, as the subject of a verb, in the sentence of a clash nobody is named
    for or in the sentence before, nearest first."""
    sent = trigger.sent
    start = sent.start
    if start > 0:
        start = trigger.doc[start - 1].sent.start
    for i in range(trigger.i - 1, start - 1, -1):
        t = trigger.doc[i]
        mention = actors.by_token.get(i)
        if t.dep_ == "nsubj" and t.head.pos_ == "VERB" and mention is not None and mention.kind in ("role", "group"):
            found = actors.actor_for(t)
            if found is not None and found.kind == "state" and found.inter == 1:
                return found
    return None


def _coordinated_verbs(verb: Token) -> list[Token]:
    """The verbs coordinated after this one ('were killed, wounded, and taken hostage')."""
    out: list[Token] = []
    stack = [c for c in verb.children if c.dep_ == "conj" and c.pos_ == "VERB"]
    while stack and len(out) < 6:
        c = stack.pop(0)
        out.append(c)
        stack.extend(x for x in c.children if x.dep_ == "conj" and x.pos_ == "VERB")
    return out


def _elided_noun(token: Token) -> Token:
    """'2 policemen were killed and 3 were wounded': a bare number stands for the noun of the
    clause it is coordinated with."""
    if token.pos_ != "NUM" or token.dep_ not in ("nsubj", "nsubjpass") or token.head.dep_ != "conj":
        return token
    for c in token.head.head.children:
        if c.dep_ == token.dep_ and c.pos_ in ("NOUN", "PROPN"):
            return c
    return token


def _conjuncts(token: Token) -> list[Token]:
    out = [token]
    for c in token.children:
        if c.dep_ == "conj" and c.pos_ in ("NOUN", "PROPN", "PRON"):
            out.extend(_conjuncts(c))
    return out


def _slots(anchor: Token, triggers: list[Token], violent: set[int] = frozenset()) -> tuple[list[Token], list[Token]]:
    """Agent and patient nouns of a clause. `violent`: the triggers that name violence, whose
    modifiers name who did it ('a Taliban attack'); other trigger nouns' modifiers do so only
    when the noun is the subject ('an army convoy' struck by a bomb is no agent)."""
    agents: list[Token] = []
    patients: list[Token] = []
    # 'two died', 'policemen suffered casualties': the subject is the victim
    intransitive = (anchor.lemma_.lower() in INTRANSITIVE_HARM and not any(c.dep_ == "dobj" for c in anchor.children)) \
        or anchor.lemma_.lower() in VICTIM_SUBJECT
    heads = [anchor] + [t for t in triggers if t.i != anchor.i]
    for head in heads:
        for c in head.children:
            if c.dep_ == "nsubj":
                (patients if intransitive else agents).extend(_conjuncts(c))
            elif c.dep_ in ("nsubjpass", "dobj"):
                patients.extend(_conjuncts(c))
            elif c.dep_ == "agent":
                agents.extend(g for p in c.children if p.dep_ == "pobj" for g in _conjuncts(p))
            elif c.dep_ == "prep" and c.lower_ in PATIENT_PREPS | {"between", "among", "of", "by"}:
                for p in c.children:
                    if p.dep_ != "pobj":
                        continue
                    if c.lower_ == "between":
                        both = _conjuncts(p)
                        agents.extend(both[:1])
                        patients.extend(both[1:])
                    elif c.lower_ == "by" and head.pos_ in ("NOUN", "PROPN"):
                        agents.extend(_conjuncts(p))
                    elif c.lower_ == "of" and head.pos_ in ("NOUN", "PROPN"):
                        patients.extend(_conjuncts(p))
                    elif c.lower_ in PATIENT_PREPS:
                        patients.extend(_conjuncts(p))
            elif c.dep_ in ("compound", "amod", "poss") and head.pos_ in ("NOUN", "PROPN") and head.i != anchor.i \
                    and (head.i in violent or head.dep_ in ("nsubj", "nsubjpass")):
                agents.append(c)
            elif c.dep_ in ("advcl", "xcomp") and c.pos_ == "VERB" and c.tag_ == "VBG":
                patients.extend(g for d in c.children if d.dep_ == "dobj" for g in _conjuncts(d))
    # 'forces repelled an attack by Taliban militants': the attacker is who the trigger noun names
    trigger_ids = {t.i for t in triggers}
    by_agents = [g for t in triggers if t.pos_ == "NOUN" for c in t.children if c.dep_ == "prep" and c.lower_ == "by"
                 for p in c.children if p.dep_ == "pobj" for g in _conjuncts(p)]
    if by_agents and (anchor.i not in trigger_ids or not agents):
        # 'forces repelled an attack by Taliban militants', 'policemen were killed following attacks
        # by Taliban militants': the attacker is who the trigger noun names
        agents = by_agents + [a for a in agents if a not in by_agents]
    if not agents:  # '1 shepherd was killed and 1 was wounded by Afghan forces': the agent is shared
        siblings = _coordinated_verbs(anchor)
        for c in siblings:
            agents.extend(g for d in c.children if d.dep_ == "agent" for p in d.children if p.dep_ == "pobj"
                          for g in _conjuncts(p))
        if anchor.dep_ in ("conj", "ccomp") and anchor.head.pos_ == "VERB" and anchor.tag_ == "VBN":
            # '3 soldiers were killed, 1 was wounded, and 1 was taken hostage following an attack by
            # Taliban militants' (the first verb parsed as the second's complement): the cause is shared
            siblings += [anchor.head] + [v for v in _coordinated_verbs(anchor.head) if v.i != anchor.i and v not in siblings]
        for c in siblings:
            # '... and 3 were wounded following attacks by Taliban militants'
            agents.extend(g for d in c.children if d.dep_ == "prep" for n in d.children
                          if n.dep_ == "pobj" and n.lemma_.lower() in ATTACK_NOUNS
                          for b in n.children if b.dep_ == "prep" and b.lower_ == "by"
                          for p in b.children if p.dep_ == "pobj" for g in _conjuncts(p))
    if not patients:  # 'killed and wounded scores of terrorists': the object is shared
        for c in anchor.children:
            if c.dep_ == "conj" and c.pos_ == "VERB":
                patients.extend(g for d in c.children if d.dep_ == "dobj" for g in _conjuncts(d))
    patients = [_elided_noun(t) for t in patients]
    if not agents and anchor.dep_ == "acl" and anchor.tag_ == "VBD" and anchor.head.pos_ in ("NOUN", "PROPN"):
        # 'IS militants killed a soldier' parsed as 'IS [is] militants [who] killed': a past-tense verb
        # hung on a noun is that noun's predicate (a participle, 'militants killed in a raid', is not)
        agents.extend(_conjuncts(anchor.head))
    if not agents and anchor.dep_ in ("xcomp", "advcl", "conj", "relcl", "acl"):
        for c in anchor.head.children:
            if c.dep_ == "nsubj":
                agents.extend(_conjuncts(c))
    return agents, patients


class EventExtractor:
    def __init__(self, keep_background: bool = False):
        self.lexicon = load_event_lexicon()
        self._gun_words = {w for w, names in self.lexicon.cues.words.items() if "gun" in names}
        self._bomb_words = {w for w, names in self.lexicon.cues.words.items() if names & {"ied", "grenade", "shelling"}}
        self.keep_background = keep_background

    def __call__(self, doc: Doc) -> Doc:
        try:
            events, spans = self.find(doc)
        except Exception as exc:  # a bad parse must not lose the document
            if doc._.warnings is not None:
                doc._.warnings.append(f"event extraction failed: {type(exc).__name__}: {exc}")
            events, spans = [], {}
        self.set_annotations(doc, events, spans)
        return doc

    # ------------------------------------------------------------------ find

    def find(self, doc: Doc) -> tuple[list[Event], dict[str, list[Span]]]:
        trigger_hits = self._true_triggers(doc, self.lexicon.families.match(doc))
        if not trigger_hits:
            return [], {}
        cue_hits = self.lexicon.cues.match(doc)
        cues_at: dict[int, set[str]] = {}
        for s, e, name in cue_hits:
            for i in range(s, e):
                cues_at.setdefault(i, set()).add(name)
        for i, names in cues_at.items():
            # what people protested about is not what they did ('demanding the arrest of people who set
            # fire to crops', 'protest against the police crackdown')
            if "intervention" in names and _protested_about(doc[i]):
                names = cues_at[i] = names - {"intervention"}
            if "violent_protest" in names and (_protested_about(doc[i], PROTESTED_ABOUT - {"after"})
                                               or _blocks_with(doc[i])):
                cues_at[i] = names - {"violent_protest"}  # not 'rallied after nights of street violence'
        places = doc._.places or []
        place_countries = Counter(p.country_code for p in places if getattr(p, "country_code", None))
        actors = DocActors(doc, place_countries, places)
        self._actors = actors
        self._text = doc_text(doc)  # Doc.text is rebuilt from its tokens on every access
        self._sentence_cue_cache: dict[int, set[str]] = {}
        ref_year = self._reference_year(doc)
        lead = self._lead_date(doc)

        # group trigger tokens by clause anchor
        groups: dict[int, list[tuple[Token, str, str]]] = {}
        self._sentence_families: dict[int, set[str]] = {}
        # a disaster or accident the report is about is named in its headline or lead, not in a
        # sidebar ('Kansas wildfire update') or an aside ('an argument spilled onto the street')
        lead_end = next((s.end for s in doc.sents if s.end_char > LEAD_CHARS), len(doc))
        self._doc_cues: set[str] = {name for s, _, name in cue_hits if name != "not_conflict" or s < lead_end}
        self._doc_families: set[str] = {name for _, _, name in trigger_hits}
        for s, e, fam in trigger_hits:
            hit = doc[s:e]
            token = hit.root
            self._sentence_families.setdefault(token.sent.start, set()).add(fam)
            words = hit.text.lower()
            groups.setdefault(_anchor(token).i, []).append((token, fam, words))
        candidates: list[Candidate] = []
        for anchor_i, hits in sorted(groups.items(), key=lambda kv: min(h[0].i for h in kv[1])):
            cand = self._candidate(doc, doc[anchor_i], hits, cues_at, actors, ref_year, lead)
            if cand is not None:
                candidates.append(cand)
        candidates = self._protest_interventions(candidates, cues_at)
        _inherit_attackers(candidates)
        merged = self._merge(candidates)
        return self._to_events(doc, merged)

    def _true_triggers(self, doc: Doc, hits: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
        """Drop trigger words that name no event here: a month ('March 7', 'in May'), or a word
        inside an excluded phrase ('according to', 'talks about', 'vital signs')."""
        if not hits:
            return hits
        excluded: set[int] = set()
        for s, e, fam in hits:
            if fam == EXCLUDE:
                excluded.update(range(s, e))
        hits = [h for h in hits if h[2] != EXCLUDE]
        kept = [h for h in hits if not (excluded.intersection(range(h[0], h[1])) or
                                        (h[1] - h[0] == 1 and _is_month(doc[h[0]])))]
        return [(s, e, "harm") if fam == "explosion" and self._gun_went_off(doc[s]) else (s, e, fam)
                for s, e, fam in kept]

    def _gun_went_off(self, verb: Token) -> bool:
        """'the gun went off': a shot, not an explosion."""
        if verb.lemma_.lower() != "go":
            return False
        for c in verb.children:
            if c.dep_ in ("nsubj", "nsubjpass"):
                if c.lower_ in self._gun_words:
                    return True
                if c.lower_ == "it":  # 'was handling the gun when it went off'
                    before = [t.lower_ for t in verb.sent if t.i < verb.i]
                    return any(w in self._gun_words for w in before) and not any(w in self._bomb_words for w in before)
        return False

    def _protest_interventions(self, candidates: list[Candidate], cues_at) -> list[Candidate]:
        """Police dispersing or arresting demonstrators in another sentence of the report make the
        protest a 'Protest with intervention' (ACLED codes those arrests with the protest)."""
        protests = [c for c in candidates if c.sub_event_type == "Peaceful protest"]
        if not protests:
            return candidates
        doc = protests[0].sentence.doc
        violent = [c for c in candidates if c.sub_event_type == "Looting/property destruction"
                   and not (c.actor1 and c.actor1.kind == "state") and not _protested_about(c.trigger)]
        if violent and "calm" not in self._doc_cues:  # 'Chairs were burnt and property destroyed.'
            for c in protests:
                c.sub_event_type = "Violent demonstration"
                self._actors.focus(c.sentence)
                if c.actor1 is None or c.actor1.kind == "protesters":
                    c.actor1 = self._actors.default("rioters")
            return [c for c in candidates if c not in violent]
        arrests = [c for c in candidates if c.sub_event_type == "Arrests" and any(
            "state" in cues_at.get(t.i, set()) for t in c.sentence)]
        def about_protest(i: int) -> bool:  # the sentence speaks of police or demonstrators
            sent = doc[i].sent
            return any(cues_at.get(j, set()) & {"state", "protester", "dispersal"} for j in range(sent.start, sent.end))

        intervened = bool(arrests) or any(
            names & {"intervention", "dispersal"} and about_protest(i)
            for i, names in cues_at.items() if names & {"intervention", "dispersal"})
        if not intervened:
            return candidates
        for c in protests:
            c.sub_event_type = "Protest with intervention"
            if c.actor2 is None or c.actor2.kind != "state":
                self._actors.focus(c.sentence)
                c.actor2 = self._actors.default("police")  # who intervenes, unless the text names them
        for a in arrests:
            protests[0].support += 1
        return [c for c in candidates if c.sub_event_type != "Arrests"]

    def _reference_year(self, doc: Doc) -> int | None:
        if doc._.pub_date:
            return doc._.pub_date.year
        years = [y for y, _, _ in years_in(self._text) if y <= dt.date.today().year]
        return max(years) if years else None

    def _lead_date(self, doc: Doc):
        """The first explicit date of the document's opening (ACLED notes: 'On 3 May 2020, ...'),
        or the first date expression of the first sentences resolved against the publication date."""
        base = doc._.pub_date
        # a dateline or dated title is the release's own date: the lead is what follows it
        self._header_end = doc._.dateline[1] if doc._.dateline else 0
        head = self._text[self._header_end:self._header_end + 400]
        for m in date_mentions(head, base):
            if m.date is not None and (base is None or m.date <= base + dt.timedelta(days=1)):
                return m
        return None

    def _candidate(self, doc, anchor, hits, cues_at, actors: DocActors, ref_year, lead) -> Candidate | None:
        sentence = anchor.sent
        actors.focus(sentence)
        clause = _clause_span(anchor, sentence)
        if any(fam in ("protest", "gathering") for _, fam, _ in hits):
            # violence a protest is about is not the protest's ('following the death of a shopkeeper
            # after police beating, traders staged a protest'; 'families of people killed by ... protested')
            hits = [h for h in hits if h[1] in ("protest", "gathering") or h[0].i == anchor.i
                    or not (_protested_about(h[0]) or _describes_noun(h[0], anchor))] or hits
        if len({fam for _, fam, _ in hits}) > 1:  # 'forces deployed to prevent protests': none took place
            hits = [h for h in hits if h[1] not in ("protest", "gathering") or not _prevented(h[0])] or hits
        families = {fam for _, fam, _ in hits}
        words = {w for _, _, w in hits} | {t.lemma_.lower() for t, _, _ in hits}
        clause_cues = set().union(*(
            cues_at.get(i, set()) for i in range(clause.start, clause.end)))
        sentence_cues = self._sentence_cue_cache.get(sentence.start)
        if sentence_cues is None:
            sentence_cues = set().union(*(
                cues_at.get(i, set()) for i in range(sentence.start, sentence.end)))
            self._sentence_cue_cache[sentence.start] = sentence_cues
        triggers = [t for t, _, _ in hits]
        agents, patients = _slots(anchor, triggers, {t.i for t, fam, _ in hits if fam in VIOLENT | {"offensive"}})
        context = "agreement" if "agreement" in families else ("arrest" if "arrest" in families else (
            "government" if "restriction" in families else "violence"))  # 'Chad declared a curfew': its government
        agents = [_resolve_pronoun(t, anchor) for t in agents if not _heading(t, anchor)]
        agent_actors = [a for a in (actors.actor_for(t, context) for t in agents) if a]
        if not agent_actors:  # 'an IED planted by an unknown armed group exploded'
            by = [p for t in clause if t.dep_ == "agent" or (t.dep_ == "prep" and t.lower_ == "by" and t.head.pos_ == "NOUN")
                  for p in t.children if p.dep_ == "pobj"]
            agent_actors = [a for a in (actors.actor_for(t, context) for t in by) if a and a.kind != "civilians"]
        if not agent_actors and not agents:
            stray = _stray_subject(anchor, actors, context)
            agent_actors = [stray] if stray else []
        patient_of = [(t, actors.actor_for(t, context)) for t in patients]
        patient_actors = [a for _, a in patient_of if a]
        has_place_object = any(
            t.ent_type_ in ("GPE", "LOC", "FAC") or "territory_object" in cues_at.get(t.i, set())
            for p in patients for t in p.subtree) or any(
            p.pos_ == "PROPN" and p.dep_ == "dobj" and actors.actor_for(p) is None for p in patients) or any(
            c.dep_ == "prep" and c.lower_ == "of" for t in triggers for c in t.children
            if any("territory_object" in cues_at.get(x.i, set()) or x.ent_type_ in ("GPE", "LOC") for x in c.subtree))
        facts = ClauseFacts(
            families=families, trigger_words=words, cues=clause_cues, sentence_cues=sentence_cues,
            agent_kind=agent_actors[0].kind if agent_actors else None,
            patient_kinds={a.kind for a in patient_actors} | (
                # an armed party the actor lists do not name ('the convoy', 'a checkpoint')
                {"state"} if any(a is None and "armed" in cues_at.get(t.i, set()) and t.dep_ in ("dobj", "nsubjpass", "pobj")
                                  for t, a in patient_of) else set()),
            doc_cues=self._doc_cues,
            doc_families=self._doc_families,
            has_place_object=has_place_object,
            sentence_families=self._sentence_families.get(sentence.start, set()),
            anchor_families={fam for t, fam, _ in hits if t.i == anchor.i},
            during_protest=any(fam == "protest" and any(a.lower_ in ("during", "at", "amid", "in", "after")
                                                        for a in list(t.ancestors)[:3]) for t, fam, _ in hits),
            weapon_object=_objects_have(patients, cues_at, WEAPON_CUES)
            or any(t.lower_ in ("weapons", "arms", "ammunition", "explosives", "munitions", "ammunitions", "mines", "depot")
                   for p in patients for t in p.subtree),
            property_object=_objects_have(patients, cues_at, {"property"}),
            air_agent=_objects_have(agents, cues_at, {"air"}),
            agent_group=bool(agents) and (_several(agents[0]) or any(  # 'Tarija, a group of residents blocked'
                c.dep_ == "appos" and _several(c) for c in agents[0].children)),
            named_armed_agent=bool(agent_actors) and agent_actors[0].kind == "nonstate"
            and agent_actors[0].inter in (2, 3) and not agent_actors[0].name.startswith("Unidentified"),
            goods_seized=_seizes_goods(hits, cues_at, actors),
            drugs_seized=_seizes_drugs(hits, clause),
            population_moved="displacement" in families and _moves_a_population(hits, agents + patients),
        )
        sub = classify(facts)
        if sub is None:
            return None
        rank = {t.i: min(FAMILY_RANK.index(f) for tt, f, _ in hits if tt.i == t.i) for t in triggers}
        main = min(triggers, key=lambda t: (_depth(t, anchor) > 1, rank[t.i], _depth(t, anchor), abs(t.i - anchor.i)))
        state = self._status(main, anchor, clause, sentence, ref_year)
        if state in ("background", "unreal") and not self.keep_background:
            return None
        cand = Candidate(sub, sentence, clause, main, families, state)
        cand.sentence_harm = "harm" in self._sentence_families.get(sentence.start, ())
        if SUB_EVENT_TYPES[sub] != "Battles":
            cand.victims = {a.kind if a.kind != "state" else a.name for a in patient_actors}
        self._set_actors(cand, agent_actors, patient_actors, actors, clause_cues)
        self._set_date(cand, doc, lead)
        cand.distinct = any(t.lower_ in DISTINCT_MARKERS for t in clause)
        cand.weak = not (families & (STRONG | {"protest", "riot", "mob", "arrest", "abduction", "sexual", "agreement",
                                              "territory", "transfer", "disrupted", "looting", "hq", "change",
                                              "displacement"})) \
            and not [a for a in agent_actors if a.kind != "civilians"] and not _has_weapon(clause_cues)
        cand.support = len(families) + len(clause_cues & {"air", "shelling", "ied", "suicide", "grenade", "chemical",
                                                           "gun", "armed", "civilian", "protester"})
        return cand

    def _status(self, main: Token, anchor: Token, clause: Span, sentence: Span, ref_year) -> str:
        """Background status, read from the clause (without its subordinate events) and from
        the coordination it belongs to ('have been wounded or killed ... since 2020')."""
        scope = _background_scope(anchor, main, sentence)
        state = background_status(main, anchor, scope, ref_year)
        top = anchor
        while top.dep_ == "conj" and top.head.i != top.i:
            top = top.head
        alternatives = any(c.dep_ == "cc" and c.lower_ in ("or", "and/or") for c in list(top.children) + list(anchor.children))
        if state == "new" and alternatives:
            coordinated = sentence.doc[top.left_edge.i:max(t.i for t in top.subtree) + 1]
            if background_status(main, anchor, coordinated, ref_year) == "background":
                return "background"
        return state

    def _set_actors(self, cand: Candidate, agents: list[Actor], patients: list[Actor], actors: DocActors, cues) -> None:
        sub = cand.sub_event_type
        event_type = SUB_EVENT_TYPES[sub]
        # 'men suspected to be Al Shabaab militants threw ...' (parsed as two subjects): the armed one
        a1 = next((a for a in agents if a.kind != "civilians"), agents[0]) if agents else None
        a2 = next((p for p in patients if a1 is None or p.name != a1.name), None)
        if event_type == "Battles" and (a2 is None or a2.kind == "civilians"):
            # 'Myanmar military and AA clashed': the other side is the second subject
            a2 = next((a for a in agents if a1 is not None and a.name != a1.name and a.kind != "civilians"), a2)
        read = a1
        if event_type == "Protests":
            if sub == "Excessive force against protesters":
                a1 = a1 if a1 and a1.kind == "state" else actors.default("police")
                a2 = actors.default("protesters")
            else:
                a1 = a1 if a1 and a1.kind == "nonstate" and a1.inter in (2, 3, 4) else actors.default("protesters")
                a2 = a2 if sub == "Protest with intervention" and a2 and a2.kind == "state" else (
                    actors.default("police") if sub == "Protest with intervention" else None)
        elif event_type == "Riots":
            a1 = actors.default("rioters")
            if sub == "Mob violence" and (a2 is None or a2.kind == "rioters"):
                a2 = actors.default("civilians")
        elif sub == "Attack" or sub in ("Abduction/forced disappearance", "Sexual violence"):
            if a1 is None or a1.kind == "civilians":
                a1 = actors.default("unidentified")
            if a2 is None:
                a2 = actors.default("civilians")
        elif sub == "Arrests":
            if a1 is None:
                a1 = actors.default("police")
        elif sub == "Looting/property destruction" and (a1 is None or a1.kind != "state"):
            a1 = a1 or actors.default("unidentified")  # 'a house was set on fire': by someone unnamed
            a2 = a2 or actors.default("civilians")  # whose property it was, as ACLED codes it
        elif event_type == "Battles" and a1 is None:
            force = _acting_force(cand.trigger, actors) if sub == "Armed clash" else None
            other = next((p for p in patients if p.kind in ("state", "nonstate") and a2 is not None
                          and p.name != a2.name and not p.name.startswith("Unidentified")), None)
            if other is not None and a2.kind in ("state", "nonstate"):
                # '12 Taliban militants were killed during clashes with ANDSF forces': the side named
                # with the clash fought the side that took the losses
                a1 = other
            elif force is not None:
                # 'Military Police officers went to the community ... A shoot-out broke out': the force
                # the report follows is one side, the other unnamed
                a1 = force
                a2 = a2 if a2 is not None and a2.kind != "civilians" and a2.name != force.name else actors.default("unidentified")
            else:
                a1 = actors.default("unidentified")  # a shoot-out by unnamed parties
        elif event_type == "Explosions/Remote violence" and a1 is None and _says_unknown(cand.clause):
            a1 = actors.default("unidentified")  # 'an unidentified IED exploded'
        elif a1 is not None and a1.kind == "civilians" and sub in POLITICAL_VIOLENCE:
            # civilians in the subject slot of a violent clause are its victims ('two civilians died')
            a2, a1 = a2 or a1, None
        unnamed = a1 is None or a1.name.startswith("Unidentified")
        if unnamed and event_type in ("Battles", "Explosions/Remote violence", "Violence against civilians"):
            claimant = actors.claimant()  # 'Al Shabaab claimed responsibility'
            parties = actors.front_line_parties() if sub != "Attack" and not _says_unknown(cand.clause) else None
            if claimant is not None:
                a1 = claimant
            elif parties and read is None:
                a1 = parties[0]  # fire across a front line, attributed to no one
                if sub == "Armed clash" and (a2 is None or a2.kind == "civilians"):
                    a2 = parties[1]
            elif a1 is None and event_type == "Explosions/Remote violence":
                a1 = actors.default("unidentified")  # ACLED names an unknown bomber so
        if sub == "Change to group/activity" and a2 is not None and a2.kind == "state":
            a2 = None  # 'HTS brought military reinforcements': their own forces, not a second party
        if a1 is not None and a2 is not None and a1.name == a2.name and event_type != "Battles":
            a2 = None
        cand.actor1, cand.actor2 = a1, a2
        cand.actor1_read = a1 is not None and a1 is read
        cand.actor2_read = a2 is not None and any(a2 is p for p in patients + agents)

    def _set_date(self, cand: Candidate, doc: Doc, lead) -> None:
        base = doc._.pub_date
        sent = cand.sentence
        mentions = [m for m in date_mentions(self._text[sent.start_char:sent.end_char], base)
                    if m.date is not None and sent.start_char + m.start >= self._header_end
                    and not is_page_stamp(self._text, sent.start_char + m.start)]  # a sentence cut inside one
        if mentions:
            def distance(m):
                s = sent.start_char + m.start
                inside = cand.clause.start_char <= s < cand.clause.end_char
                return (not inside, abs(s - cand.trigger.idx))
            text = self._text

            def reporting_today(m) -> bool:  # 'confirmed today the arrest ... Friday': today is the report's day
                written = text[sent.start_char + m.start:sent.start_char + m.end].lower()
                return written in ("today", "this morning") and len(mentions) > 1

            def later_step(m) -> bool:
                return _date_verb(doc, sent.start_char + m.start, sent.start_char + m.end) in LATER_STEP_VERBS

            best = min(mentions, key=lambda m: (reporting_today(m), later_step(m)) + distance(m))
            cand.date, cand.precision, cand.explicit_date = best.date, best.precision, best.explicit
            cand.own_date = True
            cand.later_step_date = later_step(best)
        elif lead is not None:
            cand.date, cand.precision = lead.date, lead.precision
        elif base is not None:
            # nothing written: the report's own day, as ACLED codes an undated recent event, but only
            # to within a few days (time_precision 2)
            cand.date, cand.precision = base, 2

    # ------------------------------------------------------------------ merge

    def _merge(self, candidates: list[Candidate]) -> list[Merged]:
        merged: list[Merged] = []
        for cand in candidates:
            target = None
            if cand.status == "new" or cand.status == "allegation":
                target = self._merge_target(cand, merged)
            if target is not None:
                target.mentions.append(cand)
                if cand.status != "new":
                    continue
                if cand.victims and target.victims and cand.victims < target.victims:
                    target.victims = set(cand.victims)  # a detail narrows a summary
                    target.actor2 = cand.actor2 or target.actor2
                elif cand.victims:
                    target.victims |= cand.victims
                continue
            if cand.status == "allegation":
                continue  # an allegation only confirms an event reported as such
            merged.append(Merged(cand, [cand], set(cand.victims), cand.actor2))
        return merged

    def _merge_target(self, cand: Candidate, merged: list[Merged]) -> Merged | None:
        for m in reversed(merged) if cand.weak else merged:
            first = m.first
            same_type = first.sub_event_type == cand.sub_event_type
            compatible = same_type or (
                cand.sub_event_type in POLITICAL_VIOLENCE and first.sub_event_type in POLITICAL_VIOLENCE
                and (cand.weak or cand.status == "allegation" or (_is_headline(first) and len(m.mentions) == 1)))
            if not compatible:
                continue
            if any(c.sentence == cand.sentence and c.clause != cand.clause for c in m.mentions) and \
                    cand.victims and m.victims and not (cand.victims <= m.victims):
                continue
            if cand.distinct and cand.victims and not (cand.victims <= m.victims):
                continue
            if cand.victims and m.victims and not (cand.victims <= m.victims or m.victims <= cand.victims):
                continue
            if cand.explicit_date and first.explicit_date and cand.date != first.date:
                continue
            # another actor is another event, unless it is a party the event already names ('X and
            # AA clashed as AA attacked trucks')
            if cand.actor1_read and any(c.actor1_read for c in m.mentions) and \
                    cand.actor1.name not in {c.actor1.name for c in m.mentions if c.actor1_read} | {
                        c.actor2.name for c in m.mentions if c.actor2_read and c.actor2} \
                    and cand.actor1.kind != "civilians" and not cand.weak:
                continue
            if SUB_EVENT_TYPES[cand.sub_event_type] in ("Protests", "Riots", "Strategic developments") \
                    and cand.sentence == first.sentence and cand.clause != first.clause and not same_type:
                continue
            return m
        return None

    # ------------------------------------------------------------------ output

    def _to_events(self, doc: Doc, merged: list[Merged]) -> tuple[list[Event], dict[str, list[Span]]]:
        events: list[Event] = []
        spans: dict[str, list[Span]] = {}
        harmful = any(_harmful(m) for m in merged)
        occurred = self._occurrence_date(doc)
        hurt = any("harm" in c.families for m in merged for c in m.mentions)
        ordered = sorted(merged, key=lambda m: (m.first.status != "new", harmful and _follow_up(m),
                                                hurt and m.first.sub_event_type in QUIET_TYPES, m.first.trigger.i))
        for n, m in enumerate(ordered, start=1):
            first = m.first
            # the best-informed mention: actors and an explicit date where any mention has them
            actor1 = next((c.actor1 for c in m.mentions if c.actor1_read and c.actor1.kind != "civilians"
                           and (SUB_EVENT_TYPES[c.sub_event_type] == SUB_EVENT_TYPES[first.sub_event_type])),
                          None) or first.actor1
            # not a default from a bare casualty line ('Neither fatalities nor injuries were reported')
            actor2 = m.actor2 or next((c.actor2 for c in m.mentions if c.actor2 and (c.actor2_read or not c.weak)), None)
            dated = _dating_mention(m)
            date, precision = _refined_date(dated, merged)
            if (not dated.own_date or dated.later_step_date) and occurred is not None:
                date, precision = occurred.date, occurred.precision
            sub = first.sub_event_type
            if _is_headline(first) and len(m.mentions) > 1 and not m.mentions[1].weak:
                sub = m.mentions[1].sub_event_type  # the lead says more than its headline ('Police: teen shot')
            eid = f"e{n}"
            sentences = []
            for c in m.mentions:
                if c.sentence not in sentences:
                    sentences.append(c.sentence)
            confidence = min(0.95, 0.45 + 0.07 * first.support + 0.05 * (len(m.mentions) - 1)
                             + (0.1 if actor1 else 0.0) - (0.15 if first.weak else 0.0))
            civilian_targeting = bool(actor2 and actor2.kind == "civilians"
                                      and SUB_EVENT_TYPES[sub] in ("Violence against civilians", "Explosions/Remote violence"))
            event = Event(
                id=eid, event_type=SUB_EVENT_TYPES[sub], sub_event_type=sub, disorder_type=disorder_type_for(sub),
                event_date=date.isoformat() if date else None, time_precision=precision,
                actor1=actor1.name if actor1 else None, actor2=actor2.name if actor2 else None,
                inter1=actor1.inter if actor1 else None, inter2=actor2.inter if actor2 else (0 if actor1 else None),
                evidence=[TextSpan(start=s.start_char, end=s.end_char) for s in sentences],
                confidence=round(max(0.05, confidence), 2), background=first.status != "new",
                trigger=TextSpan(start=first.trigger.idx, end=first.trigger.idx + len(first.trigger.text)),
                trigger_text=first.trigger.text, civilian_targeting=civilian_targeting,
            )
            events.append(event)
            spans[eid] = [c.clause for c in m.mentions]
        return events, spans

    def _occurrence_date(self, doc: Doc):
        """The first date the report gives for when something happened ('the shooting happened
        just before 9 p.m. Monday'), a day or a week, not after the report's own day."""
        base = doc._.pub_date
        for sent in doc.sents:
            if sent.end_char <= self._header_end:
                continue
            for m in date_mentions(self._text[sent.start_char:sent.end_char], base):
                if m.date is None or m.precision > 2 or (base is not None and m.date > base):
                    continue
                if _date_verb(doc, sent.start_char + m.start, sent.start_char + m.end) in OCCURRENCE_VERBS:
                    return m
        return None

    def set_annotations(self, doc: Doc, events: list[Event], spans: dict[str, list[Span]]) -> None:
        doc._.events = events
        doc._.event_spans = spans


DATE_CUES = tomllib.loads(read_text("date_cues.toml"))
LATER_STEP_VERBS = frozenset(DATE_CUES["later_steps"])
OCCURRENCE_VERBS = frozenset(DATE_CUES["occurrence"])

# Event types that a report of violence is about.
MAIN_EVENT_TYPES = {"Battles", "Explosions/Remote violence", "Violence against civilians"}


def _dating_mention(m: Merged) -> Candidate:
    """The mention whose date is the event's: an explicit date wins, then one written beside any
    mention (a headline has none of its own); a date of the incident before one of a later step
    ('charged Tuesday in the shooting ... The boy was shot Sunday')."""
    for later_step in (False, True):
        for has_date in (lambda c: c.explicit_date, lambda c: c.own_date):
            found = next((c for c in m.mentions if has_date(c) and c.later_step_date == later_step), None)
            if found is not None:
                return found
    return m.first


def _refined_date(dated: Candidate, merged: list[Merged]) -> tuple[dt.date | None, int]:
    """A week or a month ('a shooting last month', 'last week') made a day by the first day-precise
    date of the incident the report gives later within that window ('... on Aug. 28')."""
    if dated.date is None or dated.precision == 1:
        return dated.date, dated.precision
    for m in merged:
        for c in m.mentions:
            if c.status == "new" and c.own_date and c.precision == 1 and not c.later_step_date \
                    and c.date and _within(c.date, dated.date, dated.precision):
                return c.date, 1
    return dated.date, dated.precision


def _within(day: dt.date, vague: dt.date, precision: int) -> bool:
    if precision == 3:  # a month: its own days
        return (day.year, day.month) == (vague.year, vague.month)
    return abs((day - vague).days) <= 6  # a week


def _date_verb(doc: Doc, start: int, end: int) -> str | None:
    """The lemma of the verb a date expression hangs from ('police said Monday' -> 'say')."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return None
    token = span.root
    for _ in range(4):
        if token.pos_ in ("VERB", "AUX") or token.head is token:
            break
        token = token.head
    return token.lemma_.lower() if token.pos_ in ("VERB", "AUX") else None


def _harmful(m: Merged) -> bool:
    """Political violence that killed or hurt someone ('shot and killed', 'wounded')."""
    return SUB_EVENT_TYPES[m.first.sub_event_type] in MAIN_EVENT_TYPES and any("harm" in c.families for c in m.mentions)


# Events that are not what a report is about when it also tells of people killed or hurt
# (a rally or a group's announcement in a page's other stories, "Two dead, two injured in
# murder/suicide" the headline).
QUIET_TYPES = {"Peaceful protest", "Agreement", "Change to group/activity", "Headquarters or base established"}


def _follow_up(m: Merged) -> bool:
    """An event that follows from a violent one and is not what the report is about when it
    also tells of the violence: an arrest 'in the fatal shooting' / 'after he shot', or the
    police finding or recovering the gun (not defusing a bomb: that is news of its own)."""
    sub = m.first.sub_event_type
    if sub == "Arrests":
        return any(c.sentence_harm for c in m.mentions)
    if sub == "Disrupted weapons use":
        return not any(_strong_disrupted(c) for c in m.mentions)
    return False


def _strong_disrupted(c: Candidate) -> bool:
    return any(t.lower_ in STRONG_DISRUPTED or t.lemma_.lower() in STRONG_DISRUPTED for t in c.clause)


def _is_headline(c: Candidate) -> bool:
    """Whether a mention is the document's title: its first sentence, on a line of its own."""
    sent = c.sentence
    if sent.start != 0:
        return False
    doc = sent.doc
    edge = [doc[sent.end - 1]] + ([doc[sent.end]] if sent.end < len(doc) else [])
    return any(t.is_space and "\n" in t.text for t in edge)


def _is_month(token: Token) -> bool:
    """'March' (and 'May') as a month: a date entity, or beside a day or year ('March 7', '7 March')."""
    if token.lower_.rstrip(".") not in MONTHS:
        return False
    if token.ent_type_ in ("DATE", "TIME"):
        return True
    doc = token.doc
    return any(0 <= j < len(doc) and doc[j].like_num for j in (token.i - 1, token.i + 1))


def _depth(token: Token, anchor: Token) -> int:
    depth = 0
    while token.i != anchor.i and token.head.i != token.i and depth < 12:
        token = token.head
        depth += 1
    return depth


def _resolve_pronoun(token: Token, anchor: Token) -> Token:
    """'Baku said it was using ...': a pronoun subject of a reported clause is the speaker."""
    if token.pos_ != "PRON" or token.lower_ not in ("it", "they", "we"):
        return token
    head = anchor.head if anchor.dep_ == "ccomp" else None
    if head is not None:
        for c in head.children:
            if c.dep_ == "nsubj" and c.pos_ in ("PROPN", "NOUN"):
                return c
    return token


PROTESTED_ABOUT = {"against", "over", "demanding", "demand", "demanded", "release", "condemning", "denouncing",
                   "protesting", "protest", "about", "after", "decry", "denounce", "condemn", "oppose", "criticise",
                   "criticize", "plan", "possible", "threat", "following"}


def _describes_noun(token: Token, anchor: Token) -> bool:
    """Whether a word sits in a clause that describes a noun ('people killed by ...', 'a man who was shot')."""
    node = token
    for _ in range(6):
        if node.i == anchor.i or node.head.i == node.i:
            return False
        if node.dep_ in ("acl", "relcl"):
            return True
        node = node.head
    return False


def _protested_about(token: Token, words: set[str] = PROTESTED_ABOUT) -> bool:
    """Whether a word names what people protested about ('against the arrest of ...')."""
    node = token
    for _ in range(5):
        if node.head.i == node.i:
            return False
        node = node.head
        if node.lower_ in words:
            return True
    return False


def _prevented(token: Token) -> bool:
    """Whether a word is what someone prevented or banned ('to prevent protests')."""
    return token.dep_ in ("dobj", "nsubjpass") and token.head.lemma_.lower() in load_event_lexicon().words["prevent"]


def _blocks_with(token: Token) -> bool:
    """Whether a word names what a road or entrance was blocked with ('blocked the road using stones'):
    a barricade, no violence."""
    via = token.head
    if via.lower_ != "with" and via.lemma_.lower() != "use":
        return False
    verb = next((a for a in list(via.ancestors)[:4] if a.pos_ == "VERB"), None)  # the parser may hang it on a noun
    return verb is not None and verb.lemma_.lower() in load_event_lexicon().words["blockade"]


def _objects_have(tokens: list[Token], cues_at, names: set[str]) -> bool:
    """Whether any of these nouns (or their modifiers) carries one of these cues."""
    for t in tokens:
        for x in [t] + [c for c in t.children if c.dep_ in ("compound", "amod", "nmod", "poss")] + \
                [g for c in t.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.subtree]:
            if cues_at.get(x.i, set()) & names:
                return True
    return False


WEAPON_CUES = {"gun", "ied", "shelling", "grenade", "chemical"}


def _seizes_goods(hits, cues_at, actors: DocActors) -> bool:
    """Whether a clause seizes things ('seized food stocks', 'fuel was confiscated'),
    not a place, people or weapons."""
    seizure = load_event_lexicon().words["seizure"]
    objects = [o for t, _, w in hits if w in seizure for o in t.children if o.dep_ in ("dobj", "nsubjpass")]
    for o in objects:
        things = [o] + [p for c in o.children if c.dep_ == "prep" and c.lower_ == "of"
                        for p in c.children if p.dep_ == "pobj"]  # '2 tons of rice'
        if not any(x.ent_type_ in ("GPE", "LOC", "FAC") or cues_at.get(x.i, set()) & (WEAPON_CUES | {"territory_object"})
                   or actors.actor_for(x) is not None for x in things):
            return True
    return False


def _seizes_drugs(hits, clause: Span) -> bool:
    """Whether a clause seizes narcotics ('seized at the border crossing 40 kg of cocaine'): the drug named
    anywhere below the seizing verb, as parsers often hang the haul on a place before it. Not a smuggling
    bust ('arrested the smugglers and seized the hashish'): ordinary crime."""
    lexicon = load_event_lexicon().words
    seizure, narcotics = lexicon["seizure"], lexicon["narcotics"]
    seizing = [t for t, _, w in hits if w in seizure]
    if not seizing or any(t.lower_ in lexicon["smuggling"] for t in clause.sent):
        return False  # (most clauses seize nothing: the sentence is read only for those that do)
    return any(x.lower_ in narcotics or x.lemma_.lower() in narcotics
               for t in seizing for x in t.subtree if clause.start <= x.i < clause.end)


def _moves_a_population(hits, slots: list[Token]) -> bool:
    """Whether a displacement word's subject or object is a population ('villagers were displaced', and
    '300 refugees returned from Chad' parsed as refugees who returned), not a suspect fleeing the scene."""
    populations = load_event_lexicon().words["populations"]
    words = [t for t, fam, _ in hits if fam == "displacement"]
    moved = slots + [c for t in words for c in t.children if c.dep_ in ("nsubj", "nsubjpass", "dobj")] + [
        t.head for t in words if t.dep_ in ("acl", "relcl")]
    return any(t.lower_ in populations for t in moved)


def _says_unknown(clause: Span) -> bool:
    """'an unidentified IED', 'shells fired by an unknown party': the text says the perpetrator is unknown."""
    return any(t.lower_ in ("unidentified", "unknown") and t.head.lower_ not in ("weapons", "weapon", "calibre", "caliber")
               for t in clause)


def _several(token: Token) -> bool:
    """Whether a noun names several people ('residents', 'a group of youths', 'two groups')."""
    return token.tag_ in ("NNS", "NNPS") or token.lower_ in ("group", "crowd", "mob", "gang")


def _has_weapon(cues: set[str]) -> bool:
    return bool(cues & {"air", "shelling", "ied", "suicide", "grenade", "chemical"})


def main_event_first(doc: Doc) -> None:
    """Put the report's main event first and number the events in that order (e1, e2, ...): a
    new event that hurt more people than the detector's first and that the report tells in more
    sentences ('a man was hurt in a fight ... In a separate incident, gunmen killed three', with
    the shooting's details after). A short text's first event stays first even when a later one
    counts more dead ('a woman was raped ... her attackers killed her son'): it is what the text
    leads with. Run once casualties are counted and before claims link to events by id."""
    events = list(doc._.events or [])
    new = [e for e in events if not e.background]
    if len(new) < 2:
        return
    first = new[0]
    main = max(new, key=_people_hurt)  # the first of the most hurt
    if _people_hurt(main) <= _people_hurt(first) or len(main.evidence) <= len(first.evidence):
        return
    ordered = [main] + [e for e in events if e is not main]
    spans = doc._.event_spans or {}
    renamed = {}
    for n, event in enumerate(ordered, start=1):
        renamed[f"e{n}"] = spans.get(event.id, [])
        event.id = f"e{n}"
    doc._.events, doc._.event_spans = ordered, renamed


def _people_hurt(event: Event) -> int:
    return event.fatalities + event.injured


@Language.factory("polemos_events", default_config={"keep_background": False})
def make_events(nlp: Language, name: str, keep_background: bool) -> EventExtractor:
    return EventExtractor(keep_background=keep_background)
