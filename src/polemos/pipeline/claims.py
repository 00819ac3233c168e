"""polemos_claims: attributed statements, and their links to events.

Owner: casualties and claims (issue 4). Reads doc._.events and
doc._.event_spans; writes doc._.claims, each Event's claim_ids, contested
values and ACLED-style notes. See docs/claims.md.

find: reporting cues from the dependency parse (a verb of saying and its
ccomp/object, a participle 'accusing ...' that takes the main clause's
subject, 'according to X'), quotations paired with a nearby cue, and quotes
that run on from an attributed one. set_annotations: speakers resolved to the
party they stand for, claim ids in text order, links to events.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from polemos.model import Claim

from .claim_links import link_claims_to_events
from .components import doc_text
from .parties import claims_config, party_lexicon
from .quotes import Quote, find_quotes

CLOSING_MARKS = set("”»’\"›」“")
OPENING_MARKS = set("“«‘\"‹「„")
SUBJECTS = ("nsubj", "nsubjpass", "csubj")
# Dependents of a speaker noun that are not part of how the speaker is named.
SPEAKER_CUT = ("relcl", "punct", "cc", "advcl", "prep_cut")
# Dependents of a cue that carry what was said, when it has no clausal complement.
OBJECT_DEPS = ("dobj", "xcomp", "oprd", "dative", "attr")


@dataclass
class Found:
    """A claim before ids and speaker resolution."""

    kind: str
    cue: str
    start: int  # content span (characters)
    end: int
    speaker: Span | None
    cue_token: Token | None = None
    negated: bool = False
    target: Span | None = None  # whom an accusation names
    speaker_canonical: str | None = None
    inherited_from: "Found | None" = None
    extra: dict = field(default_factory=dict)


class ClaimExtractor:
    def __init__(self, config: dict) -> None:
        cues = config["cues"]
        self.findings = set(cues["findings"])
        self.speech = set(cues["speech"]) | self.findings
        self.denial = set(cues["denial"])
        self.accusation = set(cues["accusation"])
        self.request = set(cues["request"])
        self.phrasal = set(cues.get("phrasal", []))
        # what a phrasal cue can start with ('point' of 'point out'): most words start none, and
        # _cue_lemma then need not read their children
        self.phrasal_starts = {p[:i] for p in self.phrasal for i, ch in enumerate(p) if ch == " "}
        self.speech |= self.phrasal
        self.questions = set(cues.get("questions", []))
        self.characterisation = set(cues.get("characterisation", []))
        self.expressing = set(cues.get("expressing", []))
        self.expressed_nouns = set(cues.get("expressed_nouns", []))
        self.quoting = set(cues.get("quoting", []))
        self.contact = set(cues.get("contact", []))
        self.counting = set(cues.get("counting", []))
        self.fact_nouns = set(cues.get("fact_nouns", []))
        self.cue_lemmas = self.speech | self.denial | self.accusation | self.request | self.expressing | self.counting
        self.content_preps = set(cues["content_preps"])
        self.not_cues = set(cues["phrasal_not_cues"])
        self.declining = set(cues["declining"])
        self.object_control = set(cues["object_control"])
        self.passive_reporting = set(cues["passive_reporting"])
        self.continuing = set(cues["continuing"])
        self.needs_prep = set(cues["needs_prep"])
        self.according = [tuple(w) for w in cues["according"]]
        self.statement_nouns = set(cues["statement_nouns"])
        self.denial_objects = set(cues["denial_objects"])
        self.trailing = set(cues.get("trailing", []))
        self.quote_pairs = config["quotes"]["pairs"]
        self.min_words = int(config["quotes"].get("min_words_standalone", 3))
        speakers = config["speakers"]
        self.pronouns = set(speakers["pronouns"])
        self.not_speakers = set(speakers["not_speakers"])
        self.personal = set(speakers["personal"])
        self.first_person = set(speakers["first_person"])
        self.descriptions = set(speakers["descriptions"])
        self.person_titles = set(speakers["person_titles"])
        self.titles = set(speakers["titles"])
        self.state_bodies = set(speakers["state_bodies"])
        self.media = set(speakers["media"])
        self.anonymous = set(speakers["anonymous"])
        self.body_words = set(speakers["body_words"])
        self.leaders = {name: country for country, names in config.get("leaders", {}).items() for name in names}
        self.media_compounds = set(speakers["media_compounds"])
        self.parties = party_lexicon()

    # ---- spaCy entry point ------------------------------------------------------------

    def __call__(self, doc: Doc) -> Doc:
        found = self.find(doc)
        self.set_annotations(doc, found)
        return doc

    def find(self, doc: Doc) -> list[Found]:
        quotes = find_quotes(_text(doc), self.quote_pairs)
        quoted = _quoted_chars(quotes)
        found: list[Found] = []
        used_quotes: set[Quote] = set()
        for sent in doc.sents:
            if _is_headline(sent):
                continue
            for token in sent:
                if _inside(token.idx, quoted):
                    claim = self._nested(token, quotes)
                else:
                    claim = self._from_cue(token, quotes, used_quotes) or self._from_according(token, quotes, used_quotes)
                if claim is not None and not _duplicate(found, claim):
                    found.append(claim)
            claim = self._from_trailing(sent, quoted, found)
            if claim is not None:
                found.append(claim)
        found.extend(self._from_quotes(doc, quotes, used_quotes, found))
        found.extend(_from_open_paragraphs(doc, quotes, used_quotes, found))
        found = _drop_sourced_passives(found)
        for f in found:
            f.start = _after_dateline(_text(doc), f.start, f.end)
            if f.cue.lower() != "according to" and f.kind == "indirect":
                f.end = _before_according(_text(doc), f.start, f.end)
        found.sort(key=lambda f: (f.start, f.end))
        return found

    def set_annotations(self, doc: Doc, found: list[Found]) -> None:
        self.resolve_speakers(doc, found)
        claims = []
        for i, f in enumerate(found, start=1):
            speaker_text = f.speaker.text if f.speaker is not None else (f.inherited_from.speaker.text if f.inherited_from and f.inherited_from.speaker is not None else "")
            speaker_span = f.speaker if f.speaker is not None else None
            claims.append(
                Claim(
                    id=f"c{i}",
                    speaker=_clean_speaker(speaker_text),
                    speaker_canonical=f.speaker_canonical,
                    kind=f.kind,
                    cue=f.cue,
                    content=_text(doc)[f.start : f.end],
                    start=f.start,
                    end=f.end,
                    speaker_start=speaker_span.start_char if speaker_span is not None else None,
                    speaker_end=speaker_span.end_char if speaker_span is not None else None,
                    negated=f.negated,
                )
            )
        doc._.claims = claims
        targets = {c.id: self._canonical_of(f.target) for c, f in zip(claims, found) if f.target is not None}
        link_claims_to_events(doc, claims, targets)

    # ---- find: cues of the dependency parse ---------------------------------------------

    def _cue_lemma(self, token: Token) -> str:
        """The cue's lemma, with its particle for a phrasal cue ('pointed out' -> 'point out')."""
        lemma = token.lemma_.lower()
        if lemma not in self.phrasal_starts:
            return lemma
        for child in token.children:
            if child.dep_ == "prt" and f"{lemma} {child.lower_}" in self.phrasal:
                return f"{lemma} {child.lower_}"
        return lemma

    def _from_cue(self, token: Token, quotes: list[Quote], used: set[Quote]) -> Found | None:
        lemma = self._cue_lemma(token)
        if lemma not in self.cue_lemmas or token.pos_ not in ("VERB", "AUX"):
            return None
        if token.dep_ == "amod" or token.tag_ == "VBN" and not any(c.dep_ in ("aux", "nsubj", "nsubjpass", "auxpass") for c in token.children):
            return None  # "Asked to point him out, Elliott ...": the subject is the one asked
        if any(c.dep_ in ("prt", "advmod") and f"{lemma} {c.lower_}" in self.not_cues for c in token.children):
            return None  # 'called the mother back for questioning': a summons, not a request
        if _in_question(token):
            return None  # 'Do you believe there is a diplomatic solution?'
        if token.i + 1 < len(token.doc) and token.doc[token.i + 1].text == ":" and any(
                c.dep_ in ("dobj", "ccomp") and c.i < token.i and c.tag_ in ("WP", "WDT") for c in token.children):
            return None  # 'Read more: What Lavrov said: ...': a link's title, not a statement
        speaker = self._speaker_of(token)
        if speaker is None:
            return self._unattributed(token, quotes, used)
        if lemma in self.findings and speaker.root.lower_ in self.first_person:
            return None  # 'I think early voting makes sense': an opinion in the writer's or speaker's own voice
        content = self._content_of(token, lemma)
        if content is None:
            return None
        start, end = content
        # '…bad,” according to Russia's Sputnik': the source phrase is not what was said, and
        # without it the content may be the quotation alone.
        end = _before_according(_text(token.doc), start, end)
        kind, start, end = self._quote_kind(_text(token.doc), start, end, quotes, used)
        if kind == "indirect" and end <= token.idx:
            kind, start, end = self._quote_before_cue(_text(token.doc), start, end, quotes, used)
        if speaker.start_char < end and speaker.end_char > start and kind == "direct":
            # '"Well, you killed them, Donald," said fill-in host, Eric Bolling': the name inside
            # the quotation is a vocative; the speaker is the cue's other subject.
            other = [c for c in token.children if c.dep_ in SUBJECTS and not (start <= c.idx < end)]
            if not other:
                return None
            speaker = self._speaker_span(other[0])
        elif speaker.start_char < end and speaker.end_char > start and start < token.idx < end:
            # 'an announcement which insiders said was a direct response ...': the relative
            # pronoun opens the clause, but what was said comes after the cue.
            start = token.idx + len(token.text)
            while start < end and _text(token.doc)[start].isspace():
                start += 1
        if kind == "indirect" and _alpha_words(_text(token.doc)[start:end]) < 2:
            return None
        if kind == "indirect" and lemma not in self.denial and _alpha_words(_text(token.doc)[start:end]) <= 3 and (
                lambda last: last is not None and last.lemma_.lower() in self.speech)(_last_token(token.doc, end)):
            # '"...," Trump said, Politico reported': the outlet cites the quote, no new words;
            # but 'Mali denied the report' is a denial of what was reported
            return None
        return Found(
            kind=kind, cue=token.text, start=start, end=end, speaker=speaker, cue_token=token,
            negated=lemma in self.denial or any(c.dep_ == "neg" for c in token.children),
            target=self._accused(token) if lemma in self.accusation else None,
        )

    def _nested(self, token: Token, quotes: list[Quote]) -> Found | None:
        """A report inside a quotation: '"[Hughes] stated that the shooting was accidental,"
        notes the report'. The quoted speaker's own words ('we said', 'I told them') are
        part of the quote; a third party's statement is a claim of its own, indirect
        unless it quotes in turn."""
        if token.lemma_.lower() not in self.cue_lemmas and token.lower_ != self.according[0][0]:
            return None
        enclosing = [q for q in quotes if q.start < token.idx < q.end]
        inner = [q for q in quotes if q not in enclosing]
        claim = self._from_cue(token, inner, set()) or self._from_according(token, inner, set())
        if claim is None or claim.speaker is None or claim.speaker.root.lower_ in self.first_person:
            return None
        if claim.negated and token.lemma_.lower() not in self.denial:
            return None  # '"… did not say ‘Weinstein raped me.’"': what nobody said is no claim
        if claim.cue_token is not None and claim.cue_token.i == token.i and not any(c.dep_ == "ccomp" for c in token.children):
            return None  # '"They did not announce the reason," ...': only a reported clause counts
        return claim

    def _unattributed(self, token: Token, quotes: list[Quote], used: set[Quote]) -> Found | None:
        """Passive reporting with no source named: 'It was reported that ...', 'The commander
        is said to have fled ...'. The claim has no speaker; with a subject and an
        infinitive the content is the whole clause (its parts are not contiguous)."""
        if token.lemma_.lower() not in self.passive_reporting or any(c.dep_ == "agent" for c in token.children):
            return None
        subject = next((c for c in token.children if c.dep_ == "nsubjpass"), None)
        if subject is None or not any(c.dep_ == "auxpass" for c in token.children):
            return None
        if subject.lower_ == "it":
            clause = next((c for c in token.children if c.dep_ == "ccomp"), None)
            span = _trim(token.doc, clause.left_edge.i, clause.right_edge.i + 1) if clause is not None else None
        else:
            infinitive = next((c for c in token.children if c.dep_ in ("xcomp", "oprd", "acomp") and c.i > token.i), None)
            end = max(infinitive.right_edge.i, token.right_edge.i) + 1 if infinitive is not None else 0
            span = _trim(token.doc, subject.left_edge.i, end) if infinitive is not None else None
        if span is None or _alpha_words(_text(token.doc)[span[0]:span[1]]) < 3:
            return None
        kind, start, end = self._quote_kind(_text(token.doc), span[0], span[1], quotes, used)
        return Found(kind=kind, cue=token.text, start=start, end=end, speaker=None, cue_token=token)

    def _speaker_of(self, token: Token) -> Span | None:
        """Who says it: the cue's subject, or the subject of the clause it hangs from."""
        seen = 0
        verb = token
        gerund = False  # climbed from 'despite explaining ...', 'after saying ...'
        while verb is not None and seen < 4:
            if verb is not token and verb.lemma_.lower() in self.contact and token.dep_ == "advcl" and token.head.i == verb.i \
                    and _subject(verb) is not None and _subject(verb).dep_ == "nsubj":
                return self._speaker_span(_subject(verb))  # 'reported Yulia had phoned her cousin, saying ...': Yulia says
            if verb is not token and verb.dep_ == "ccomp" and verb.head.lemma_.lower() in self.cue_lemmas:
                if gerund:
                    return None  # 'said the party was targeted despite explaining that ...': part of what he said
                # Climbed into what another cue reports ("Moscow said its missiles hit X and
                # denied ..."): the speaker is that cue's.
                verb = verb.head
                seen += 1
                continue
            subject = _subject(verb)
            if subject is not None:
                # 'she’s called a prostitute' (the parser's nsubj beside an auxpass) is passive too
                passive = subject.dep_ == "nsubjpass" or verb.tag_ == "VBN" and any(c.dep_ == "auxpass" for c in verb.children)
                if passive and not _active_conjunct(token, verb):
                    return self._agent(verb)
                if subject.lower_ in ("which", "who", "that") and verb.dep_ == "relcl" and (
                        subject.lower_ != "who" or self._cue_lemma(token) not in self.request or self._characterised(token)):
                    # 'Najib, who denies any wrongdoing'; but '…, who asked not to be named' asks
                    # for nothing said
                    return self._speaker_span(verb.head)
                if subject.lower_ in self.not_speakers:
                    return None
                return self._speaker_span(subject)
            if verb.dep_ == "acl":
                # "a statement saying ..." -> whoever issued the statement, else the statement.
                noun = verb.head
                if noun.lemma_.lower() in self.statement_nouns and noun.head is not noun and _subject(noun.head) is not None:
                    verb = noun.head
                    seen += 1
                    continue
                return self._speaker_span(noun, leave_out=verb)
            quoting = verb.head.head if verb.dep_ == "pcomp" and verb.head.lower_ == "as" else verb.head
            if verb.lemma_ == "say" and quoting.lemma_ in self.quoting:
                # "X was quoted as saying ...", "they quoted her as saying ...": the one quoted
                quoted = next((c for c in quoting.children if c.dep_ == "dobj"), None) or _subject(quoting)
                return self._speaker_span(quoted) if quoted is not None else None
            if verb.dep_ == "advmod" and verb.pos_ == "ADJ" and verb.head is not verb:
                verb = verb.head  # 'nor offered a timetable, other than to say ...'
                seen += 1
                continue
            if verb.dep_ in ("advcl", "xcomp", "conj", "pcomp", "ccomp") and verb.head is not verb:
                if verb.dep_ == "ccomp" and verb.head.lemma_.lower() in self.cue_lemmas:
                    return None  # the complement of another cue: not a claim of its own
                if verb.dep_ == "xcomp" and verb.head.lemma_.lower() in self.object_control and any(
                        c.dep_ in ("dobj", "dative") for c in verb.head.children):
                    return None  # 'the judge asked him to confirm ...': the one asked would speak
                gerund = gerund or verb.dep_ == "pcomp"
                verb = verb.head if verb.dep_ != "pcomp" else verb.head.head
                seen += 1
                continue
            return None
        return None

    def _agent(self, verb: Token) -> Span | None:
        for child in verb.children:
            if child.dep_ == "agent":
                for grand in child.children:
                    if grand.dep_ == "pobj":
                        return self._speaker_span(grand)
        return None

    def _speaker_span(self, head: Token, leave_out: Token | None = None) -> Span:
        """The noun phrase naming the speaker, without relative clauses set off by commas."""
        tokens = [head]
        for child in head.children:
            if child.dep_ in ("relcl", "punct", "cc") or (child.dep_ in ("appos", "acl") and (_comma_before(child) or _dash_before(child))):
                continue
            if leave_out is not None and child.i >= leave_out.i:
                continue
            tokens.extend(child.subtree)
        start = min(t.i for t in tokens)
        end = max(t.i for t in tokens) + 1
        span = head.doc[start:end]
        opened = [t.i for t in span if t.text == "("]
        if opened and not any(t.text == ")" for t in span) and opened[0] > span.start:
            span = head.doc[span.start : opened[0]]  # 'Andrew Cuomo (D' -> 'Andrew Cuomo'
        while len(span) > 1 and (span[-1].is_punct or span[-1].is_space):
            span = span[:-1]
        while len(span) > 1 and (span[0].is_punct or span[0].is_space):
            span = span[1:]
        sidebar = _sidebar_at(head.doc, span.start_char, span.end_char)
        if sidebar is not None:
            return sidebar
        dateline = _DATELINE.match(_text(head.doc), span.start_char, span.end_char)
        if dateline and dateline.end() < head.idx:
            # 'BEIRUT (AP) — A Kurdish militia spokesman says': the dateline names no one
            later = [t for t in span if t.idx >= dateline.end()]
            if later:
                span = head.doc[later[0].i : span.end]
        return span

    def _content_of(self, token: Token, lemma: str) -> tuple[int, int] | None:
        doc = token.doc
        children = list(token.children)
        if lemma == "tell" and any(c.dep_ == "xcomp" for c in children):
            return None  # 'told the boy to put the gun back': an order, not a statement
        if lemma in self.expressing:
            return self._expressed(token)
        if lemma in self.counting and lemma not in self.speech:
            return self._counted(token)
        if lemma in self.characterisation:
            named = self._characterised(token)
            if named is not None:
                return named
        clauses = [c for c in children if c.dep_ == "ccomp" and not c.is_punct and not self._reporter_clause(c)]
        if self._reporter_clause(token):
            # '..., Kamayev said he wanted to write a book, the Sunday Times said': the trailing
            # cue reports all that precedes it in its sentence.
            head = token.head
            return _trim(doc, head.left_edge.i, _subject(token).left_edge.i)
        if self._may_leave_open(token, lemma):
            clauses = [c for c in clauses if not _open_question(c)]
        if lemma in self.findings:
            # 'the report found that ...', 'police believe the fire was set': a finite clause
            # only ('found him lying in the street' reports nothing), and not as a modifier
            # ('has records showing he bought ...' is the speaker's statement).
            clauses = [c for c in clauses if _finite(c) and c.i > token.i and not self._reduced_passive(c)]
            if not clauses or token.dep_ in ("acl", "relcl", "amod"):
                return None
            if token.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in ("because", "since", "as") for c in token.children):
                return None  # 'kept the body because he believed she could be brought back': a motive
        if not clauses:
            clauses = self._clause_under_statement(token)
        if clauses:
            clause = min(clauses, key=lambda c: abs(c.i - token.i))
            # a caller's participle stays in the report ('reported Yulia had phoned her cousin, saying ...')
            end = _clause_end(clause, self.cue_lemmas if clause.lemma_.lower() not in self.contact else frozenset(), self.continuing)
            if clause.i > token.i and end == clause.right_edge.i + 1:
                end = max(end, self._conjoined_clause_end(token, end))
                end = max(end, _split_complement_end(token, end))
            # 'reported, citing police sources, that ...': what precedes 'that' is the reporter's
            start = next((c.i for c in clause.children if c.dep_ == "mark" and c.lower_ == "that" and c.i > clause.left_edge.i), clause.left_edge.i)
            if clause.i < token.i:
                # 'In other words, execute him, Mr. Trump implied': a fronted complement keeps
                # what opens the sentence before it
                start = min([start] + [c.left_edge.i for c in children if c.i < clause.left_edge.i and c.dep_ in ("prep", "advmod")])
            return _trim(doc, start, end)
        if token.dep_ == "parataxis" and token.head.i < token.i:
            # "The attack killed five, the ministry said." parsed with 'said' under 'killed'.
            head = token.head
            return _trim(doc, head.left_edge.i, token.left_edge.i)
        if lemma == "tell" or lemma in self.speech and lemma not in ("warn", "claim", "report", "confirm", "announce", "admit", "acknowledge", "allege", "deny", "reveal", "predict", "promise", "pledge", "vow", "threaten", "estimate", "reiterate", "stress", "emphasize", "emphasise", "note", "mention"):
            return None
        right = [c for c in children if c.i > token.i and (c.dep_ in OBJECT_DEPS or c.dep_ == "prep" and c.lower_ in self.content_preps
                                                          or lemma in self.request and _infinitive_clause(c))]
        if lemma in self.needs_prep and not _has_prep(right, self.content_preps):
            return None
        if lemma in self.denial and lemma != "deny" and not any(
            c.dep_ in ("xcomp", "ccomp") or c.lemma_.lower() in self.denial_objects for c in right
        ):
            return None
        if not right:
            return None
        return _trim(doc, min(c.left_edge.i for c in right), max(c.right_edge.i for c in right) + 1)

    def _characterised(self, token: Token) -> tuple[int, int] | None:
        """'calling it a diversion from the main campaign', 'called China a pillar of ...',
        'described the raid as a massacre': the object and what it is called."""
        obj = next((c for c in token.children if c.dep_ == "dobj" and c.i > token.i), None)
        if obj is None:
            return None
        # a proper noun is a name given ('called the Tianjin No. 2 Detention Centre' is a phone call)
        named = [c for c in token.children if c.i > obj.i and (c.dep_ in ("oprd", "ccomp") and c.pos_ != "PROPN" or c.dep_ == "prep" and c.lower_ == "as")]
        named += [c for c in obj.children if c.dep_ == "prep" and c.lower_ == "as"]
        if not named or any(_quoted_term(c) for c in named):
            return None  # 'calls the invasion a “special military operation”': a name in quotes
        # What the parser hangs on the cue after the object is still the characterisation
        # ('by Turkey and allied Syrian militia forces', 'allied' read as a verb), but not a
        # second predicate ('... and has annexed four regions', '... and vowed revenge').
        tail = [c for c in token.children if c.i > obj.i and c.dep_ not in ("cc", "punct") and not self._second_predicate(c)]
        return _trim(token.doc, obj.left_edge.i, max(c.right_edge.i for c in named + tail) + 1)

    def _counted(self, token: Token) -> tuple[int, int] | None:
        """'The Bureau recorded 65 to 105 civilian deaths': a count is a claim; 'recorded a
        video' is none. A clause after the verb ('documented that ...') is handled as findings are."""
        clause = next((c for c in token.children if c.dep_ == "ccomp" and c.i > token.i and _finite(c)), None)
        if clause is not None:
            return _trim(token.doc, clause.left_edge.i, _clause_end(clause, self.cue_lemmas, self.continuing))
        obj = next((c for c in token.children if c.dep_ == "dobj" and c.i > token.i), None)
        if obj is None or token.dep_ in ("acl", "amod", "relcl") or not any(t.like_num for t in obj.subtree if t.i <= obj.i):
            return None
        return _trim(token.doc, obj.left_edge.i, obj.right_edge.i + 1)

    def _second_predicate(self, conj: Token) -> bool:
        return conj.dep_ == "conj" and conj.pos_ in ("VERB", "AUX") and (
            conj.lemma_.lower() in self.cue_lemmas or any(c.dep_ in ("aux", "auxpass", "nsubj", "nsubjpass") for c in conj.children))

    def _expressed(self, token: Token) -> tuple[int, int] | None:
        """'expressing his belief that the outcomes will contribute to ...': the clause of the
        belief, hope or concern expressed; 'expressed concern over the attacks' states nothing."""
        for noun in token.children:
            if noun.dep_ != "dobj" or noun.lemma_.lower() not in self.expressed_nouns:
                continue
            for clause in noun.children:
                if clause.dep_ in ("acl", "ccomp") and any(g.dep_ == "mark" and g.lower_ == "that" for g in clause.children):
                    return _trim(token.doc, clause.left_edge.i, _clause_end(clause, self.cue_lemmas, self.continuing))
        return None

    def _reporter_clause(self, clause: Token) -> bool:
        """A cue that the parser hangs as the complement of an earlier cue but that reports it:
        'Kamayev said he wanted ..., the Sunday Times said in a front-page article', '"...,"
        Trump said, Politico reported'. It has its own subject, says nothing of its own and
        is set off by a comma after the earlier cue's words."""
        head = clause.head
        return (clause.dep_ == "ccomp" and clause.i > head.i and head.lemma_.lower() in self.cue_lemmas
                and clause.lemma_.lower() in self.speech and _subject(clause) is not None
                and _subject(clause).i < clause.i and (_comma_before(clause) or clause.left_edge.text == ",")
                and not any(c.dep_ in ("ccomp", "dobj", "xcomp") for c in clause.children))

    def _may_leave_open(self, token: Token, lemma: str) -> bool:
        """Where an embedded question is what follows: a denied or declined statement ('did not
        say whether', 'declined to say how many') or a finding ('trying to determine what').
        After a plain 'said' a wh-clause is mostly a statement ('said when officers came, ...')."""
        return lemma in self.findings or lemma in self.questions or any(c.dep_ == "neg" for c in token.children) or (
            token.dep_ == "xcomp" and token.head.lemma_.lower() in self.declining)

    def _reduced_passive(self, clause: Token) -> bool:
        """'found screws and batteries believed to be from the device': the parser reads a
        finite clause, but 'believed to be' with no auxiliary modifies the noun."""
        return clause.lemma_.lower() in self.passive_reporting and clause.tag_ in ("VBD", "VBN") and any(
            c.dep_ == "xcomp" for c in clause.children) and not any(c.dep_ in ("aux", "auxpass") for c in clause.children)

    def _conjoined_clause_end(self, token: Token, end: int) -> int:
        """'The family says the boys are brothers, and their mother was inside': the parser
        hangs the second clause on the cue, but it is still what the family says. A
        conjunct with its own subject that is no cue of its own ('and added that ...')
        continues the complement."""
        for child in token.children:
            if child.dep_ == "conj" and child.i >= end and child.lemma_.lower() not in self.cue_lemmas \
                    and _subject(child) is not None and _subject(child).dep_ in ("nsubj", "nsubjpass") \
                    and all(t.dep_ in ("cc", "punct") or t.is_space for t in token.doc[end : child.left_edge.i]):
                return child.right_edge.i + 1
        return end

    def _clause_under_statement(self, token: Token) -> list[Token]:
        """'X claimed in a statement that ...': the parser hangs the clause on 'statement'."""
        nouns = self.statement_nouns | self.fact_nouns
        objects = [c for c in token.children if c.dep_ == "dobj" and c.i > token.i]
        for prep in [p for p in token.children if p.dep_ == "prep" and p.i > token.i] + objects:
            for noun in [prep] if prep.dep_ == "dobj" else prep.children:
                if noun.dep_ in ("pobj", "dobj") and noun.lemma_.lower() in nouns:
                    return [c for c in noun.children if c.dep_ in ("acl", "ccomp", "relcl") and c.i > noun.i
                            and any(g.dep_ in ("nsubj", "nsubjpass") and g.lower_ not in ("which", "that") for g in c.children)
                            and any(g.dep_ == "mark" and g.lower_ == "that" for g in c.children)]
        return []

    def _accused(self, token: Token) -> Span | None:
        for child in token.children:
            if child.dep_ == "dobj":
                return token.doc[child.left_edge.i : child.i + 1]
        return None

    def _quote_kind(self, text: str, start: int, end: int, quotes: list[Quote], used: set[Quote]) -> tuple[str, int, int]:
        """direct when the content lies within one quotation (then the content is all of it)."""
        core_start, core_end = _strip_marks(text, start, end)
        for quote in quotes:
            inner_start, inner_end = quote.inner
            if quote.start <= core_start and core_end <= quote.end and core_start < core_end:
                used.add(quote)
                return "direct", inner_start, inner_end
        # Indirect: a quotation the content opens or ends inside takes its closing mark.
        for quote in quotes:
            if quote.start >= start and quote.start < end < quote.end:
                end = quote.end
        return "indirect", start, end

    def _quote_before_cue(self, text: str, start: int, end: int, quotes: list[Quote], used: set[Quote]) -> tuple[str, int, int]:
        """'Their vehicle hit «a mine ...,» a statement said': the cue attributes the quote beside it."""
        for quote in quotes:
            inner_start, inner_end = quote.inner
            if start < quote.start and quote.end >= end and quote.start < end and _alpha_words(text[inner_start:inner_end]) >= self.min_words:
                used.add(quote)
                return "direct", inner_start, inner_end
        return "indirect", start, end

    # ---- find: a trailing wire attribution ----------------------------------------------

    def _from_trailing(self, sent: Span, quoted: list[tuple[int, int]], found: list[Found]) -> Found | None:
        """'..., reports AFP.', '..., informs MT.', '..., RIA Novosti informs.': the sentence
        closes on a source and a reporting verb after a comma or dash, which the parser
        often reads as a sentence of its own; what precedes the comma is the claim."""
        tail = _trailing_tokens(sent)
        if tail is None or any(_inside(t.idx, quoted) for t in sent):
            return None
        if any(f.cue_token is not None and f.cue_token.i >= tail.start - 1 and f.cue_token.i < tail.end for f in found):
            return None  # the parse already read the attribution
        cue, source = self._trailing_cue(tail)
        if cue is None:
            return None
        content = _trim(sent.doc, sent.start, tail.start - 1)
        clause = sent.doc[sent.start : tail.start - 1]
        if content is None or _alpha_words(_text(sent.doc)[content[0] : content[1]]) < 3 or not any(
                t.pos_ in ("VERB", "AUX") for t in clause):
            return None
        return Found(kind="indirect", cue=cue.text, start=content[0], end=content[1], speaker=source, cue_token=cue)

    def _trailing_cue(self, tail: Span) -> tuple[Token | None, Span | None]:
        """The cue and the source of a trailing attribution: 'reports AFP' or 'AFP reports'."""
        for cue, source, first in ((tail[0], tail[1:], True), (tail[-1], tail[:-1], False)):
            if cue.lemma_.lower() not in self.trailing and cue.lower_.rstrip("s") not in self.trailing:
                continue
            if not len(source) or not _noun_phrase(source):
                continue
            # the tagger may read 'informs' in 'informs MT' as a plural noun; a named source
            # after it still makes it a verb ('police reports' in a list does not)
            if cue.tag_ in ("VBZ", "VBD", "VBP") or first and cue.tag_ == "NNS" and any(t.pos_ == "PROPN" for t in source):
                return cue, source
        return None, None

    # ---- find: 'according to X' ---------------------------------------------------------

    def _from_according(self, token: Token, quotes: list[Quote], used: set[Quote]) -> Found | None:
        for words in self.according:
            if token.lower_ != words[0]:
                continue
            tail = token.doc[token.i : token.i + len(words)]
            if [t.lower_ for t in tail] != list(words):
                continue
            pobj = next((t for t in tail[-1].children if t.dep_ == "pobj"), None)
            if pobj is None:
                pobj = next((t for t in token.children if t.dep_ == "pobj"), None)
            if pobj is None:
                continue
            phrase = token.doc[min(token.i, token.left_edge.i) : max(token.right_edge.i, pobj.right_edge.i) + 1]
            sent = token.sent
            head = token.head if token.head.pos_ in ("VERB", "AUX") else sent.root
            if not any(t.is_alpha for t in token.doc[phrase.end : sent.end]):
                head = sent.root  # '…, according to three U.S. officials.' closes the sentence: all of it
            lo, hi = head.left_edge.i, head.right_edge.i + 1
            lo, hi = max(lo, sent.start), min(hi, sent.end)
            if phrase.start - lo >= hi - phrase.end:
                content = _trim(token.doc, lo, phrase.start)
            else:
                content = _trim(token.doc, phrase.end, hi)
            if content is None:
                continue
            start, end = content
            if _alpha_words(_text(token.doc)[start:end]) < 3:
                continue
            kind, start, end = self._quote_kind(_text(token.doc), start, end, quotes, used)
            return Found(kind=kind, cue=" ".join(t.text for t in tail), start=start, end=end,
                         speaker=self._speaker_span(pobj), cue_token=token)
        return None

    # ---- find: quotations with a cue beside them ----------------------------------------

    def _from_quotes(self, doc: Doc, quotes: list[Quote], used: set[Quote], found: list[Found]) -> list[Found]:
        extra: list[Found] = []
        outer = [q for q in quotes if not any(o.start < q.start and q.end <= o.end for o in quotes)]
        for quote in outer:
            if quote in used or any(f.start <= quote.start < f.end for f in found):
                continue
            inner_start, inner_end = quote.inner
            if _alpha_words(_text(doc)[inner_start:inner_end]) < self.min_words:
                # A short quotation is a statement only when it opens its sentence and a
                # cue follows it ('"Yes, sir," Rahimi said'); elsewhere a scare quote.
                cue = self._cue_after(doc, quote) if _opens_sentence(doc, quote) else None
                if cue is not None:
                    extra.append(Found(kind="direct", cue=cue[0].text, start=inner_start, end=inner_end,
                                       speaker=cue[1], cue_token=cue[0]))
                    used.add(quote)
                continue
            cue = self._cue_after(doc, quote) or self._cue_before(doc, quote)
            if cue is not None:
                token, speaker = cue
                extra.append(Found(kind="direct", cue=token.text, start=inner_start, end=inner_end,
                                   speaker=speaker, cue_token=token))
                used.add(quote)
                continue
            previous = _previous_direct(found + extra, quote, doc)
            if previous is not None and _whole_sentences(doc, quote):
                extra.append(Found(kind="direct", cue=previous.cue, start=inner_start, end=inner_end,
                                   speaker=None, cue_token=previous.cue_token, inherited_from=previous))
                used.add(quote)
        return extra

    def _cue_after(self, doc: Doc, quote: Quote) -> tuple[Token, Span] | None:
        """'"...," the minister said' / '"...," said the minister'."""
        after = doc.char_span(quote.end, quote.end, alignment_mode="expand")
        i = _token_at(doc, quote.end)
        if i is None:
            return None
        near = 0
        for token in doc[i:]:
            if _in_sidebar(doc, token.idx):
                continue  # '"…," House Speaker Paul Ryan Paul RyanRepublicans … MORE (R-Wis.) said'
            near += 1
            if near > 10 or token.is_sent_start and token.i > i and not _in_sidebar(doc, token.idx - 2):
                break
            if self._cue_lemma(token) in self.cue_lemmas and token.pos_ in ("VERB", "AUX"):
                speaker = self._speaker_of(token)
                if speaker is None:
                    speaker = _sidebar_at(doc, quote.end, token.idx)  # the parser lost the subject in a sidebar
                if speaker is not None and not (speaker.start_char < quote.end and speaker.end_char > quote.start):
                    return token, speaker
            if token.text in OPENING_MARKS:
                break
        del after
        return None

    def _cue_before(self, doc: Doc, quote: Quote) -> tuple[Token, Span] | None:
        """'The minister said: "..."' / 'he said, "..."'."""
        i = _token_at(doc, quote.start)
        if i is None or i < 2:
            return None
        j = i - 1
        while j >= 0 and doc[j].is_space:
            j -= 1
        if j < 0 or doc[j].text not in (":", ",", "—", "-"):
            return None
        for token in reversed(doc[max(0, j - 12) : j]):
            if self._cue_lemma(token) in self.cue_lemmas and token.pos_ in ("VERB", "AUX"):
                speaker = self._speaker_of(token)
                if speaker is not None:
                    return token, speaker
            if token.text in CLOSING_MARKS or token.text in (".", "!", "?"):
                break
        return None

    # ---- set_annotations: who the speakers stand for ------------------------------------

    def resolve_speakers(self, doc: Doc, found: list[Found]) -> None:
        # Quotes that inherit a speaker come after every speaker is resolved (a
        # paragraph's open quote can precede the attribution it takes).
        ordered = sorted(found, key=lambda f: (f.inherited_from is not None, f.speaker.start_char if f.speaker is not None else f.start))
        earlier: list[Found] = []
        for f in ordered:
            if f.inherited_from is not None:
                source = f.inherited_from
                f.speaker = source.speaker
                f.speaker_canonical, f.extra["party_kind"] = source.speaker_canonical, source.extra.get("party_kind")
                continue
            f.speaker_canonical, f.extra["party_kind"] = self._resolve(f.speaker, earlier, found)
            earlier.append(f)

    def _canonical_of(self, span: Span | None) -> str | None:
        return self._resolve(span, [], [])[0] if span is not None else None

    def _resolve(self, speaker: Span | None, earlier: list[Found], found: list[Found]) -> tuple[str | None, str | None]:
        """(canonical name, kind): kind is 'party' (a state or a known group), 'person', 'org' or None."""
        if speaker is None:
            return None, None
        root = speaker.root
        head_lower = root.lower_
        whole = self.parties.phrase(speaker.text)
        if whole:
            return whole, "party"
        if root.lemma_.lower() in self.anonymous or head_lower in self.anonymous:
            return None, None  # 'Interfax's source in Moscow' is nobody's voice we can name
        named = _person_in_apposition(root)
        if named is not None and root.ent_type_ != "PERSON":
            # 'A spokesman for the army, Lt. Col. Richard Hecht, said': the person speaks
            return self._person_name(named, named.root, earlier), "person"
        trailing = self._trailing_name(speaker)
        if trailing is not None:
            return trailing, "person"
        if root.ent_type_ == "PERSON" and (root.pos_ == "PROPN" or root.text[:1].isupper()) or root.text[:1].isupper() and (
                self._known_person(root.text, earlier) or _surname_of_person_before(speaker)):
            return self._person_name(speaker, root, earlier), "person"
        full = self._full_name_before(speaker, earlier)
        if full is not None:
            return full, "person"
        same = self._same_title_as_person(speaker, earlier)
        if same is not None:
            return same, "person"
        lemmas = {t.lemma_.lower() for t in speaker}
        if "separatist" in lemmas:
            for t in speaker:
                country = self.parties.country(t.text) if t.text[:1].isupper() else None
                if country and country in self.parties.separatists:
                    return self.parties.separatists[country], "party"
        if self._is_medium(speaker):
            return self._medium_name(speaker), "org"
        titled = self._titled_name(speaker)
        if titled is not None and len(titled) == 1:
            # only when it is the surname or first name of a person written in full before
            name = self._person_name(titled, titled.root, earlier)
            if " " in name:
                return name, "person"
        org = _entity_at(root, "ORG")
        if org is not None and len(org) > 1 and not any(t.lemma_.lower() in self.state_bodies for t in org):
            return _strip_article(org.text), "org"
        named = self._party_in(speaker)
        if named:
            return named, "party"
        represented = self._represented(root)
        if represented is not None:
            name, kind = self._resolve(represented, earlier, found)
            if name:
                return name, kind
        if len(speaker) == 1 and head_lower in self.pronouns:
            return self._antecedent(speaker, earlier, found, pronoun=True)
        if (root.lemma_.lower() in self.descriptions or head_lower in self.descriptions) and _bare(speaker):
            return self._antecedent(speaker, earlier, found, pronoun=False)
        if self._unnamed_body(speaker):
            name, kind = self._antecedent(speaker, earlier, found, pronoun=False)
            if name:
                return name, kind
        if root.ent_type_ in ("ORG", "NORP", "GPE"):
            ent = _entity_at(root)
            if ent is not None:
                return _strip_article(ent.text), "org"
        if root.pos_ == "PROPN" and all(t.pos_ in ("PROPN", "PUNCT", "DET", "PART") or t.text[:1].isupper() for t in speaker):
            return _strip_article(speaker.text), "org"  # a name the NER missed
        return None, None

    def _represented(self, root: Token) -> Span | None:
        """'a spokesperson for the People's Defence Force' -> 'the People's Defence Force'."""
        if root.lemma_.lower() not in self.descriptions and root.lemma_.lower() not in self.person_titles:
            return None
        for child in root.children:
            if child.dep_ == "prep" and child.lower_ in ("for", "of"):
                pobj = next((g for g in child.children if g.dep_ == "pobj"), None)
                if pobj is not None:
                    return self._speaker_span(pobj)
        return None

    def _full_name_before(self, speaker: Span, earlier: list[Found]) -> str | None:
        """'Biswas says ...' after 'Police officer Nilanjan Biswas says ...', 'Kamayev said'
        after 'Nikita Kamayev, former head of ...': a bare capitalised name that ends a
        longer name written before it, whatever the NER made of either, is that person."""
        if len(speaker) != 1 or speaker.root.pos_ != "PROPN" or not speaker.root.text[:1].isupper():
            return None
        word = speaker.root.text
        if self.parties.phrase(word) or self.parties.country(word):
            return None
        for f in reversed(earlier):
            known = f.speaker_canonical or ""
            if known.endswith(" " + word) and len(known.split()) <= 4 and f.extra.get("party_kind") in ("person", "org"):
                if all(w[:1].isupper() for w in known.split()):
                    return known
        doc = speaker.doc
        for t in doc[: speaker.start]:
            if t.text != word or t.i == 0:
                continue
            first = self._name_start(t, 0)
            if first < t.i:
                return _text(doc)[doc[first].idx : t.idx + len(t.text)]
            last = self._name_end(t, speaker.start)
            if last > t.i:  # a first name: 'Najib' after 'Prime Minister Najib Razak'
                return _text(doc)[t.idx : doc[last].idx + len(doc[last].text)]
        return None

    def _name_end(self, first: Token, highest: int, most: int = 3) -> int:
        """The last token of a person's name that begins with `first` ('Najib Razak'): name
        words after it, one of them marked a person by the NER."""
        doc = first.doc
        last = first.i
        while last + 1 < highest and last + 1 - first.i < most and self._name_word(doc[last + 1]):
            last += 1
        if not any(doc[i].ent_type_ == "PERSON" for i in range(first.i, last + 1)):
            return first.i
        return last

    def _same_title_as_person(self, speaker: Span, earlier: list[Found]) -> str | None:
        """'the spokeswoman said' after 'Foreign Ministry Spokeswoman Maria Zakharova said',
        'Venezuela’s minister' after 'Venezuela’s Ecological Mining Minister Victor Cano': a
        description whose head word is the title of a person who spoke before is that person."""
        root = speaker.root
        lemma = root.lemma_.lower()
        if lemma not in self.person_titles and lemma not in self.descriptions or any(
                t.ent_type_ == "PERSON" for t in speaker):
            return None
        if any(t.pos_ == "PROPN" and t.i != root.i and not (self.parties.phrase(t.text) or self.parties.country(t.text)) for t in speaker):
            return None
        for f in reversed(earlier):
            if f.extra.get("party_kind") != "person" or f.speaker is None or not f.speaker_canonical:
                continue
            if any(t.lemma_.lower() == lemma or t.lower_ == root.lower_ for t in f.speaker if t.i != f.speaker.root.i or len(f.speaker) == 1):
                return f.speaker_canonical
        if lemma in self.person_titles:
            return self._titled_person_named_before(speaker)
        return None

    def _titled_person_named_before(self, speaker: Span) -> str | None:
        """'The Russian Minister said' after '... during Minister Sergey Shoyu's visit': the
        last person named before with that title written just before the name."""
        lemma = speaker.root.lemma_.lower()
        doc = speaker.doc
        for e in reversed(_entities(doc)):
            if e.label_ != "PERSON" or e.end > speaker.start or e.start == 0 or len(e) < 2:
                continue
            title = doc[e.start - 1]
            if title.lemma_.lower() == lemma or title.lower_.rstrip("s") == lemma:
                return _strip_possessive(e.text)
        return None

    def _unnamed_body(self, speaker: Span) -> bool:
        """'The Foreign Ministry', 'the Ministry of Foreign Affairs': a state body written with
        capitals, in generic words only (`[speakers] body_words`), naming no state; like 'the
        ministry' it is the state's the text is about. 'The National Unity Government' is not."""
        root = speaker.root
        if root.lemma_.lower() not in self.state_bodies or root.pos_ != "PROPN":
            return False
        for t in speaker:
            if t.i == root.i or t.pos_ == "DET":
                continue
            if not t.text[:1].isupper() and t.lower_ not in ("of", "and", "&"):
                return False  # 'the ethics committee' (lower case) is no body's name
            if t.lower_ not in self.body_words:
                return False
        return True

    def _is_medium(self, speaker: Span) -> bool:
        """'Russia's Sputnik news service', 'Israeli media': a news outlet, by its head word;
        'the state news agency' qualifies, 'the US Central Command' and 'the Defense Security
        Cooperation Agency' (a state body the NER calls an organisation) do not."""
        root = speaker.root
        if root.lemma_.lower() not in self.media and root.lower_ not in self.media and not any(
                c.dep_ == "compound" and c.lower_ in self.media_compounds for c in root.children):
            return False
        return root.ent_type_ != "ORG" or root.pos_ != "PROPN"

    def _medium_name(self, speaker: Span) -> str | None:
        """The outlet a medium's phrase names ('Sputnik'), or None ('Russian state TV', or
        'Russian state TV and Interfax', two sources)."""
        if any(t.dep_ == "cc" for t in speaker):
            return None
        for t in speaker:
            if t.ent_type_ == "ORG" and t.text[:1].isupper():
                ent = _entity_at(t, "ORG")
                if ent is not None and not self.parties.phrase(ent.text):
                    return _strip_article(_strip_possessive(ent.text))
        return None

    def _titled_name(self, speaker: Span) -> Span | None:
        """'Outgoing PM Cerar' (which the NER calls an organisation): titles, then one to
        three capitalised words that name no party, are a person."""
        words = [t for t in speaker if not t.is_punct]
        titles = 0
        while titles < len(words) and words[titles].lower_.rstrip(".") in self.titles:
            titles += 1
        name = words[titles:]
        if not titles or not 1 <= len(name) <= 3 or name[-1].i != speaker.root.i:
            return None
        if not all(t.pos_ == "PROPN" and t.text[:1].isupper() and not (self.parties.phrase(t.text) or self.parties.country(t.text)) for t in name):
            return None
        return speaker.doc[name[0].i : name[-1].i + 1]

    def _name_word(self, token: Token) -> bool:
        """A word that can be part of a person's name: capitalised, a proper noun, no title,
        no party ('Vietnam' in '... of Vietnam Nguyen Phu Trong' is not)."""
        return token.pos_ == "PROPN" and token.text[:1].isupper() and not token.text.isupper() \
            and token.lower_.rstrip(".") not in self.titles \
            and not (self.parties.phrase(token.text) or self.parties.country(token.text))

    def _name_start(self, last: Token, lowest: int, most: int = 4, in_speaker: bool = False) -> int:
        """The first token of the run of name words that ends at `last`, going no further
        left than `lowest` ('Dmitry Peskov' where the NER marked only 'Peskov'). Outside a
        speaker a sentence's first word is no part of it (it is capitalised anyway)."""
        first = last.i
        doc = last.doc
        while first > lowest and last.i - first < most - 1 and self._name_word(doc[first - 1]) \
                and (in_speaker or not doc[first - 1].is_sent_start) \
                and doc[first - 1].ent_type_ not in ("ORG", "GPE", "NORP", "LOC", "FAC"):
            first -= 1
        return first

    def _trailing_name(self, speaker: Span) -> str | None:
        """'General Secretary of the Communist Party of Vietnam Nguyen Phu Trong': a title
        phrase that ends in a name of two to four words the NER did not mark; that person."""
        root, last = speaker.root, speaker[-1]
        if last.i == root.i or root.lower_.rstrip(".") not in self.titles and root.lemma_.lower() not in self.person_titles:
            return None
        if not self._name_word(last) or last.ent_type_ in ("ORG", "GPE", "NORP", "LOC", "FAC"):
            return None
        first = self._name_start(last, speaker.start, in_speaker=True)
        if last.i - first < 1 or first <= speaker.start:
            return None
        return _text(speaker.doc)[speaker.doc[first].idx : last.idx + len(last.text)]

    def _known_person(self, word: str, earlier: list[Found]) -> bool:
        """'Yulia' (which the NER calls a place) after 'Yulia Skripal' spoke: a first name or
        surname of a person who spoke before."""
        if self.parties.phrase(word) or self.parties.country(word):
            return False
        return any(f.extra.get("party_kind") == "person" and _part_of_name(word, f.speaker_canonical or "") for f in earlier)

    def _party_in(self, speaker: Span) -> str | None:
        """A party named inside the phrase: 'Baku's security services', 'the Russian foreign ministry'."""
        tokens = list(speaker)
        for t in tokens[:-2]:
            # 'the Houthi-run health ministry': who runs it, not where it is.
            if speaker.doc[t.i + 1].text == "-" and speaker.doc[t.i + 2].lower_ in ("run", "led", "controlled"):
                name = self.parties.phrase(t.text) or self.parties.phrase(t.text + "s") or self.parties.country(t.text)
                if name:
                    return name
        for n in (3, 2):
            for k in range(len(tokens) - n + 1):
                name = self.parties.phrase(speaker[k : k + n].text)
                if name:
                    return name
        if speaker.root.lemma_.lower() in self.state_bodies:
            # 'the Trump administration': the government a leader heads
            for t in tokens:
                if t.text[:1].isupper() and t.i != speaker.root.i and t.lower_ in self.leaders:
                    return self.leaders[t.lower_]
        for t in tokens:
            if not t.text[:1].isupper() or t.is_sent_start and t.pos_ not in ("PROPN", "ADJ"):
                continue
            org = _entity_at(t, "ORG")
            if org is not None and len(org) > 1 and not any(w.lemma_.lower() in self.state_bodies for w in org):
                continue  # 'Agence France Presse' names no state
            if t.ent_type_ in ("GPE", "NORP", "ORG", "LOC") or t.pos_ in ("PROPN", "ADJ"):
                name = self.parties.phrase(t.text) or self.parties.country(t.text)
                if name:
                    return name
        return None

    def _person_name(self, speaker: Span, root: Token, earlier: list[Found]) -> str:
        ent = _entity_at(root, "PERSON")
        words = [t for t in (ent if ent is not None else [root]) if not _in_sidebar(root.doc, t.idx)] or [root]
        while len(words) > 1 and words[0].lower_.rstrip(".") in self.titles:
            words = words[1:]
        if len(words) == 1 and speaker.start <= words[0].i < speaker.end:
            # the NER marked only the surname of 'Dmitry Peskov'
            first = self._name_start(words[0], speaker.start, in_speaker=True)
            words = list(root.doc[first : words[0].i + 1])
        name = _strip_possessive(_text(root.doc)[words[0].idx : words[-1].idx + len(words[-1].text)])
        if " " not in name:
            # a surname, or a first name ('Mahathir' after 'Mahathir Mohamad', 'Yulia' after
            # 'Yulia Skripal'), of a longer name written before
            for f in reversed(earlier):
                known = f.speaker_canonical or ""
                if f.extra.get("party_kind") == "person" and _part_of_name(name, known):
                    return known
            for e in _entities(root.doc):
                if e.label_ == "PERSON" and e.end_char <= speaker.start_char and _part_of_name(name, _strip_possessive(e.text)):
                    return _strip_possessive(e.text)
            return self._full_name_before(root.doc[root.i : root.i + 1], earlier) or name
        return name

    def _antecedent(self, speaker: Span, earlier: list[Found], found: list[Found], pronoun: bool) -> tuple[str | None, str | None]:
        """The party a pronoun or a description ('it', 'the statement') stands for.

        'it', 'they' and descriptions take the nearest state or group named before
        them in their sentence, else the last such speaker (descriptions only a
        state or a known group: 'police said' stays unresolved). 'he'/'she' take a
        person named before them in their sentence, else the last person who spoke,
        unless an unnamed person ('a spokeswoman') spoke since.
        """
        personal = pronoun and speaker.root.lower_ in self.personal
        doc = speaker.doc
        blocked = [(f.start, f.end) for f in found]
        for t in reversed(doc[speaker.sent.start : speaker.start]):
            if any(s <= t.idx < e for s, e in blocked):
                continue
            if personal:
                if t.ent_type_ == "PERSON":
                    ent = _entity_at(t)
                    if ent is not None:
                        return _strip_possessive(ent.text), "person"
                continue
            if t.text[:1].isupper() and t.ent_type_ in ("GPE", "NORP", "ORG"):
                name = self.parties.phrase(t.text) or self.parties.country(t.text)
                if name:
                    return name, "party"
        if personal:
            for f in reversed(earlier):
                if f.extra.get("party_kind") == "person":
                    return f.speaker_canonical, "person"
                if f.speaker is not None and f.speaker.root.tag_ == "NN" and f.speaker.root.lower_ not in self.descriptions \
                        and f.speaker.root.lemma_.lower() not in self.statement_nouns and not self._is_medium(f.speaker):
                    return None, None  # 'a spokeswoman said ... She added': someone unnamed
            # No person has spoken yet: the last person named in the two sentences before
            # ('The Commissioner, Mr. Olafimihan Adeoye, disclosed this ... He said ...').
            first = speaker.sent.start
            for _ in range(2):
                if first > 0:
                    first = doc[first - 1].sent.start
            names = [e for e in _entities(doc) if e.label_ == "PERSON" and first <= e.start and e.end <= speaker.sent.start
                     and not any(s <= e.start_char < e_ for s, e_ in blocked)]
            if names:
                # the name in full where it was written so before ('Mahathir' -> 'Mahathir Mohamad')
                return self._person_name(names[-1], names[-1].root, earlier), "person"
            return None, None
        wanted = ("party", "org") if pronoun else ("party",)
        state_only = not pronoun and speaker.root.lemma_.lower() in self.state_bodies
        states = set(self.parties.countries.values())
        for f in reversed(earlier):
            if f.speaker_canonical and f.extra.get("party_kind") in wanted:
                if state_only and f.speaker_canonical not in states:
                    continue  # 'the government' is no rebel group's
                return f.speaker_canonical, f.extra.get("party_kind")
        # No party has spoken yet: the country named just before ('... in northern
        # Burkina Faso. The army announced ...', 'Ethiopian forces ... The government said').
        first = speaker.sent.start
        for _ in range(4):
            if first > 0:
                first = doc[first - 1].sent.start
        for t in reversed(doc[first : speaker.sent.start]):
            if t.ent_type_ == "GPE":
                ent = _entity_at(t, "GPE")
                name = self.parties.countries.get(_strip_article(ent.text).lower()) if ent is not None else None
            elif t.ent_type_ == "NORP" and t.text[:1].isupper():
                name = self.parties.demonym(t.text)
            else:
                name = None
            if name:
                return name, "party"
        return None, None


# ---- small helpers -------------------------------------------------------------------

_text = doc_text


def _part_of_name(word: str, name: str) -> bool:
    """'Biswas' of 'Nilanjan Biswas', 'Mahathir' of 'Mahathir Mohamad' (a name of two to four words)."""
    parts = name.split()
    return 2 <= len(parts) <= 4 and (parts[-1] == word or parts[0] == word) and all(p[:1].isupper() for p in parts)


def _bare(speaker: Span) -> bool:
    """'the statement', 'a defence ministry spokesman': a description with no name or 'for X' in it."""
    return not any(t.pos_ == "PROPN" or t.dep_ in ("prep", "poss", "relcl", "acl") for t in speaker)


def _entities(doc: Doc) -> tuple[Span, ...]:
    cached = doc.user_data.get("polemos_ents")
    if cached is None:
        cached = doc.user_data["polemos_ents"] = tuple(doc.ents)
    return cached


def _in_question(token: Token) -> bool:
    """The cue is in a direct question: its sentence opens with an auxiliary or a wh-word
    and ends with a question mark."""
    words = [t for t in token.sent if not t.is_space and t.text not in OPENING_MARKS and t.text not in CLOSING_MARKS]
    return bool(words) and words[-1].text == "?" and (words[0].pos_ == "AUX" or words[0].tag_ in ("WP", "WRB", "WDT"))


def _active_conjunct(token: Token, verb: Token) -> bool:
    """'The charges are connected to each grandson, and accuse the woman of ...': an active
    cue conjoined to a passive verb shares its subject as the one who speaks."""
    return token.dep_ == "conj" and token.head.i == verb.i and not any(c.dep_ == "auxpass" for c in token.children)


def _person_in_apposition(root: Token) -> Span | None:
    """The name set off by commas after a description: 'a spokesman for the army, Lt. Col.
    Richard Hecht,' -> 'Lt. Col. Richard Hecht'."""
    for child in root.children:
        if child.dep_ == "appos" and child.ent_type_ == "PERSON" and _comma_before(child):
            return root.doc[child.left_edge.i : child.right_edge.i + 1]
    return None


def _surname_of_person_before(speaker: Span) -> bool:
    """'Hughes' after 'his girlfriend Larriana Hughes': the NER tags the bare surname an
    organisation, but a person of that name was named before."""
    if len(speaker) != 1 or speaker.root.pos_ != "PROPN":
        return False
    suffix = " " + speaker.root.text
    return any(e.label_ == "PERSON" and e.end_char <= speaker.start_char and e.text.endswith(suffix) for e in _entities(speaker.doc))


def _entity_at(token: Token, label: str | None = None) -> Span | None:
    """The named entity a token is part of (optionally of one label), from its IOB tags."""
    if not token.ent_type_ or label and token.ent_type_ != label:
        return None
    doc = token.doc
    start = token.i
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    end = token.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return doc[start:end]


def _token_starts(doc: Doc) -> list[int]:
    cached = doc.user_data.get("polemos_token_starts")
    if cached is None:
        cached = doc.user_data["polemos_token_starts"] = [t.idx for t in doc]
    return cached


def _subject(verb: Token) -> Token | None:
    """The verb's subject; of two (a misparse: 'During the visit - the first stop on his trip -
    the two nations announced'), the one nearest before the verb."""
    subjects = [c for c in verb.children if c.dep_ in SUBJECTS and not c.is_punct]
    before = [c for c in subjects if c.i < verb.i]
    return before[-1] if before else (subjects[0] if subjects else None)


def _clause_end(clause: Token, cues: set[str] = frozenset(), continuing: set[str] = frozenset()) -> int:
    """End of a complement clause, before a trailing absolute construction (', with X blaming Y')
    or a trailing cue participle that makes a claim of its own (', accusing Hamas of ...')."""
    end = clause.right_edge.i + 1
    for child in clause.children:
        if child.i > clause.i and child.dep_ in ("advcl", "xcomp", "conj") and child.lemma_.lower() in cues and (
                _comma_before(child) or child.dep_ == "conj" and _subject(child) is None and child.lemma_.lower() in continuing):
            # ', accusing Hamas of ...'; 'and added that ...' (the parser's conjunct of the clause)
            end = min(end, _before_conjunction(clause.doc, child.left_edge.i))
        if child.i > clause.i and child.dep_ == "prep" and child.lower_ == "with" and _comma_before(child):
            if any(g.dep_ == "pcomp" or any(h.dep_ == "nsubj" for h in g.children) for g in child.children):
                end = min(end, child.left_edge.i)
    return end


def _last_token(doc: Doc, end: int) -> Token | None:
    i = _token_at(doc, max(0, end - 1))
    return doc[i] if i is not None and i < len(doc) else None


def _split_complement_end(token: Token, end: int) -> int:
    """The parser breaks a complement in two and hangs both parts on the cue: 'added that
    Russia is concerned over the US and its allies’ [ccomp] attempts to prolong ...',
    'said the weapons included Dane guns, pistols (...), [dep] automatic rifles ...'. A
    later ccomp or dep of the cue that follows the complement with at most punctuation
    between is still part of it."""
    doc = token.doc
    for child in sorted(token.children, key=lambda c: c.i):
        if child.i < end or child.dep_ not in ("ccomp", "dep") or child.is_punct:
            continue
        if child.left_edge.i == end and not doc[end].is_punct:
            end = child.right_edge.i + 1
    return end


def _open_question(clause: Token) -> bool:
    """'did not say whether anyone was hurt', 'trying to determine what led to it': an
    embedded question asserts nothing."""
    first = clause.left_edge
    if first.lower_ in ("whether", "if") and first.dep_ == "mark":
        return True
    if first.tag_ not in ("WP", "WRB", "WDT", "WP$") or first.lower_ == "that":
        return False
    while first.i != clause.i and first.head.i != first.i:
        if first.dep_ in ("advcl", "csubj"):
            # 'said when the doctors came, he woke up' (a time clause inside a statement);
            # 'said what they think is that ...' (a pseudo-cleft states)
            return False
        first = first.head
    return first.i == clause.i


def _quoted_term(predicate: Token) -> bool:
    """'a “special military operation”': the predicate, past its determiner, is a quotation
    (the parser may hang the closing mark elsewhere)."""
    words = [t for t in predicate.subtree if t.dep_ != "det"]
    if not words or words[0].text not in OPENING_MARKS:
        return False
    doc = predicate.doc
    after = words[-1].i + 1
    return words[-1].text in CLOSING_MARKS or after < len(doc) and doc[after].text in CLOSING_MARKS


def _finite(clause: Token) -> bool:
    return clause.tag_ in ("VBD", "VBZ", "VBP", "MD") or any(
        c.dep_ in ("aux", "auxpass") and c.tag_ != "TO" or c.dep_ == "mark" and c.lower_ == "that" for c in clause.children)


def _before_conjunction(doc: Doc, i: int) -> int:
    """Token index where a trailing conjunct starts, with its 'and'/'but' and comma."""
    while i > 0 and (doc[i - 1].dep_ == "cc" or doc[i - 1].is_punct and doc[i - 1].text == "," or doc[i - 1].is_space):
        i -= 1
    return i


_DATELINE = re.compile(r"[A-Z][A-Z.,' ]{2,40}(?:\s*\([^)]{1,30}\))?\s*(?:—|–|--|-|\ufffd)\s*")


# Scraped pages glue link lists into the sentence after a name, the name written twice,
# the second copy glued to the first link, the list closed by 'MORE': 'Secretary of State
# John Kerry John KerryTillerson: … Kerry: New Iran sanctions may be dangerous MORE on
# Thursday formally labeled …'.
_SIDEBAR_NAME = re.compile(r"\b([A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,3}) (\1)(?=[A-Z])")
_SIDEBAR_END = re.compile(r"\bMORE\b")


def _sidebars(doc: Doc) -> list[tuple[int, int, int]]:
    """(end of the name written first, start of the sidebar, end of the sidebar), in text order."""
    cached = doc.user_data.get("polemos_sidebars")
    if cached is None:
        text = _text(doc)
        cached = []
        for match in _SIDEBAR_NAME.finditer(text):
            end = _SIDEBAR_END.search(text, match.end(), match.end() + 600)
            if end is not None:
                cached.append((match.end(1), match.start(2), end.end()))
        doc.user_data["polemos_sidebars"] = cached
    return cached


def _in_sidebar(doc: Doc, char: int) -> bool:
    return any(start <= char < end for _, start, end in _sidebars(doc))


def _sidebar_at(doc: Doc, start: int, end: int) -> Span | None:
    """The name before a sidebar, for a speaker the parser found inside or across it."""
    for name_end, side_start, side_end in _sidebars(doc):
        if start < side_end and end > side_start:
            last = _token_at(doc, name_end - 1)
            if last is None:
                return None
            first = last
            while first > 0 and not doc[first - 1].is_sent_start and (doc[first - 1].pos_ == "PROPN" or doc[first - 1].lower_ in ("of", "for")) \
                    and doc[first - 1].text not in OPENING_MARKS | CLOSING_MARKS:
                first -= 1
            while doc[first].lower_ in ("of", "for") and first < last:
                first += 1
            return doc[first : last + 1]
    return None


_ACCORDING = re.compile(r",[”\"’»]?\s+according to\b", re.I)


def _before_according(text: str, start: int, end: int) -> int:
    """'he wants all troops out within six months, according to three U.S. officials':
    the 'according to' phrase is another claim's source, not part of this content."""
    match = _ACCORDING.search(text, start, end)
    return match.start() if match and match.start() - start > 20 else end


def _after_dateline(text: str, start: int, end: int) -> int:
    """Content never starts with a dateline: 'INDIANAPOLIS (AP) — A baby died' -> 'A baby died'."""
    match = _DATELINE.match(text, start, end)
    return match.end() if match and match.end() < end else start


def _quoted_chars(quotes: list[Quote]) -> list[tuple[int, int]]:
    return [(q.start, q.end) for q in quotes if _is_outer(q, quotes)]


def _is_outer(quote: Quote, quotes: list[Quote]) -> bool:
    return not any(o.start < quote.start and quote.end <= o.end for o in quotes)


def _inside(char: int, spans: list[tuple[int, int]]) -> bool:
    """Whether `char` is strictly inside one of the sorted, non-overlapping spans."""
    i = bisect.bisect_left(spans, (char, char)) - 1
    return i >= 0 and spans[i][0] < char < spans[i][1]


def _comma_before(token: Token) -> bool:
    i = token.left_edge.i
    return i > 0 and token.doc[i - 1].text == ","


def _dash_before(token: Token) -> bool:
    """'three U.S. officials – a finale that would come ...': an apposition set off by a dash."""
    i = token.left_edge.i
    return i > 0 and token.doc[i - 1].text in ("–", "—", "--")


def _has_prep(children: list[Token], preps: set[str]) -> bool:
    for c in children:
        if c.dep_ == "prep" and c.lower_ in preps:
            return True
        if c.dep_ == "dobj" and any(g.dep_ == "prep" and g.lower_ in preps for g in c.children):
            return True
        if c.dep_ in ("xcomp", "ccomp") or _infinitive_clause(c):
            return True
    return False


def _infinitive_clause(tok: Token) -> bool:
    """'implored high-profile figures to stop ...': the parser may hang the request's
    infinitive as an adverbial clause; it is the request's content all the same."""
    return tok.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)


def _trim(doc: Doc, lo: int, hi: int) -> tuple[int, int] | None:
    """Character span of tokens lo..hi without the leading 'that' and edge punctuation.

    A closing quote mark stays (with the punctuation before it) when its opening
    mark is inside the span.
    """
    while lo < hi and (doc[lo].is_space or doc[lo].is_punct and doc[lo].text not in OPENING_MARKS or doc[lo].lower_ == "that" and (
            doc[lo].dep_ == "mark" or lo + 1 < hi and doc[lo + 1].dep_ in ("nsubj", "nsubjpass", "expl"))):
        lo += 1
    while hi > lo and (doc[hi - 1].is_space or doc[hi - 1].is_punct and doc[hi - 1].text not in CLOSING_MARKS):
        hi -= 1
    if hi <= lo:
        return None
    start, end = doc[lo].idx, doc[hi - 1].idx + len(doc[hi - 1].text)
    text = _text(doc)
    if doc[hi - 1].text in CLOSING_MARKS and not any(ch in OPENING_MARKS for ch in text[start : end - 1]):
        end = doc[hi - 1].idx
        while end > start and (text[end - 1] in ",.;: " or text[end - 1].isspace()):
            end -= 1
    if text[start] in OPENING_MARKS and not any(ch in CLOSING_MARKS for ch in text[start + 1 : end]):
        start += 1
    return (start, end) if end > start else None


def _strip_marks(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and (text[start] in OPENING_MARKS or not text[start].isalnum()):
        start += 1
    while end > start and (text[end - 1] in CLOSING_MARKS or not text[end - 1].isalnum()):
        end -= 1
    return start, end


def _alpha_words(text: str) -> int:
    return sum(1 for w in text.split() if any(ch.isalpha() for ch in w))


def _is_headline(sent: Span) -> bool:
    """A title line: no closing punctuation and most words capitalised."""
    last = sent[-1]
    while last.is_space and last.i > sent.start:
        last = sent.doc[last.i - 1]
    if last.text[-1:] in ".!?\"”»'’:" or last.is_space:
        return False
    if sent.end != len(sent.doc) and not sent.doc[sent.end - 1].is_space and "\n" not in sent.doc[sent.end - 1].whitespace_:
        return False
    words = [t for t in sent if t.is_alpha and len(t.text) > 3]
    return len(words) >= 2 and sum(t.text[0].isupper() for t in words) >= 0.75 * len(words)


def _duplicate(found: list[Found], claim: Found) -> bool:
    """The same content from the same source ('Trump has signaled that X, according to
    officials' gives X twice, from two sources: both stay)."""
    def source(f: Found) -> str:
        return f.speaker.text if f.speaker is not None else ""
    return any(f.start == claim.start and f.end == claim.end and source(f) == source(claim) for f in found)


def _trailing_tokens(sent: Span) -> Span | None:
    """The last two to six words of a sentence after its last comma or dash, closing
    punctuation left out ('..., reports AFP.' -> 'reports AFP')."""
    end = sent.end
    while end > sent.start and (sent.doc[end - 1].is_punct or sent.doc[end - 1].is_space):
        end -= 1
    for i in range(end - 1, max(sent.start, end - 7), -1):
        if sent.doc[i].text == "," or sent.doc[i].text in ("-", "–", "—") and sent.doc[i - 1].whitespace_:
            # a dash set off by spaces only ('pro-Houthi media reports' has none)
            return sent.doc[i + 1 : end] if 2 <= end - i - 1 <= 6 and i > sent.start else None
    return None


def _noun_phrase(span: Span) -> bool:
    """A name or noun phrase only ('the Kyiv Independent', 'RIA Novosti'), no verb in it."""
    return span[-1].pos_ in ("PROPN", "NOUN") and all(
        t.pos_ in ("PROPN", "NOUN", "DET", "ADJ", "PART", "NUM") or t.text in ("'s", "’s", "-") for t in span)


def _token_at(doc: Doc, char: int) -> int | None:
    """Index of the token at or just after character `char`."""
    starts = _token_starts(doc)
    i = bisect.bisect_right(starts, char) - 1
    if i >= 0 and char < starts[i] + len(doc[i].text):
        return i
    return i + 1 if i + 1 < len(starts) else None


def _previous_direct(found: list[Found], quote: Quote, doc: Doc) -> Found | None:
    """The claim in the sentence just before this quote (or in its own sentence):
    'Smith said the army would respond. "We will not stand by."'"""
    before = [f for f in found if f.end <= quote.start and f.speaker is not None or f.inherited_from is not None and f.end <= quote.start]
    if not before:
        return None
    last = max(before, key=lambda f: f.end)
    here = doc.char_span(quote.start, quote.end, alignment_mode="expand")
    there = doc.char_span(last.start, last.end, alignment_mode="expand")
    if here is None or there is None:
        return None
    sents = list(doc[there.end - 1 : here.start + 1].sents) if here.start >= there.end else [here[0].sent]
    # The quote opens in the same sentence or the next one: nothing else stands between.
    return last if len(sents) <= 2 else None


def _from_open_paragraphs(doc: Doc, quotes: list[Quote], used: set[Quote], found: list[Found]) -> list[Found]:
    """A quotation over paragraphs: each paragraph but the last opens a mark and leaves it
    open; the attribution comes with the last ('“The village was destroyed.\n\n“Nobody came
    to help,” said Omar Haddad'). An open paragraph takes the speaker of the quotation that
    opens the next one, working back from the last."""
    text = _text(doc)
    extra: list[Found] = []
    for quote in sorted((q for q in quotes if not q.closed and q not in used), key=lambda q: -q.start):
        after = quote.end
        while after < len(text) and text[after].isspace():
            after += 1
        nxt = next((f for f in found + extra if f.kind == "direct" and f.start == after + 1), None)
        if nxt is None or after >= len(text) or text[after] not in OPENING_MARKS:
            continue
        inner_start, inner_end = quote.inner
        source = nxt.inherited_from or nxt
        extra.append(Found(kind="direct", cue=nxt.cue, start=inner_start, end=inner_end,
                           speaker=None, cue_token=nxt.cue_token, inherited_from=source))
        used.add(quote)
    return extra


def _drop_sourced_passives(found: list[Found]) -> list[Found]:
    """'It is alleged that X, according to prosecutors': the passive has a source after all,
    so the unattributed claim of the same content goes."""
    attributed = [f for f in found if f.speaker is not None or f.inherited_from is not None]

    def sourced(f: Found) -> bool:
        return any(min(f.end, a.end) - max(f.start, a.start) >= 0.5 * (f.end - f.start) for a in attributed)

    return [f for f in found if f.speaker is not None or f.inherited_from is not None or not sourced(f)]


def _opens_sentence(doc: Doc, quote: Quote) -> bool:
    span = doc.char_span(quote.start, quote.end, alignment_mode="expand")
    return span is not None and not any(t.is_alpha for t in doc[span[0].sent.start : span.start])


def _whole_sentences(doc: Doc, quote: Quote) -> bool:
    """The quotation fills its sentence(s): nothing but punctuation outside it."""
    span = doc.char_span(quote.start, quote.end, alignment_mode="expand")
    if span is None:
        return False
    first, last = span[0].sent, span[-1].sent
    outside = [t for t in doc[first.start : span.start] if t.is_alpha] + [t for t in doc[span.end : last.end] if t.is_alpha]
    return not outside


def _clean_speaker(text: str) -> str:
    return " ".join(text.split())


def _strip_article(text: str) -> str:
    for article in ("the ", "The ", "a ", "A ", "an ", "An "):
        if text.startswith(article):
            return _strip_possessive(text[len(article) :])
    return _strip_possessive(text)


def _strip_possessive(text: str) -> str:
    for suffix in ("'s", "’s", "'", "’"):
        if text.endswith(suffix):
            return text[: -len(suffix)]
    return text


@Language.factory("polemos_claims")
def make_claims(nlp: Language, name: str) -> ClaimExtractor:
    return ClaimExtractor(claims_config())
