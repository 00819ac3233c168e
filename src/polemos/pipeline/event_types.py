"""Event triggers and typing: which words signal an event, and which ACLED sub-event type it is.

The word lists live in data/event_lexicon.toml (families of trigger words and
context cues); this module matches them against a parsed Doc and holds the
rules that combine a clause's trigger families with its cues into one of
ACLED's 25 sub-event types.
"""

from __future__ import annotations

import tomllib
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

from spacy.tokens import Doc

from .components import data_path

def token_table(doc: Doc) -> tuple[list[str], list[str], list[str]]:
    """Lower-case forms, lower-case lemmas and coarse tags of a Doc's tokens, computed once per Doc
    from its arrays (creating spaCy Token objects for every lookup is what costs)."""
    cached = doc.user_data.get("polemos_token_table")
    if cached is not None and len(cached[0]) == len(doc):
        return cached
    from spacy.attrs import LEMMA, LOWER, POS

    strings = doc.vocab.strings
    arr = doc.to_array([LOWER, LEMMA, POS]) if len(doc) else []
    table = ([strings[int(r[0])] for r in arr], [strings[int(r[1])].lower() for r in arr],
             [strings[int(r[2])] for r in arr])
    doc.user_data["polemos_token_table"] = table
    return table


DEFAULT_POS = {"NOUN", "VERB", "PROPN", "ADJ", "ADV", "X", "NUM", "INTJ", "AUX"}


@dataclass
class Lexicon:
    """Single words and phrases, each mapped to the names (families or cues) they signal."""

    words: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    # word -> name -> allowed POS (None: any content word)
    word_pos: dict[tuple[str, str], set[str] | None] = field(default_factory=dict)
    phrases: dict[str, list[tuple[tuple[str, ...], str]]] = field(default_factory=lambda: defaultdict(list))

    def add(self, name: str, entry: dict) -> None:
        pos = set(entry["pos"]) if "pos" in entry else None
        for word in entry.get("words", []):
            word_pos = pos
            if "/" in word:  # 'fire/VERB': only that part of speech
                word, tag = word.split("/", 1)
                word_pos = {tag}
            word = word.lower()
            self.words[word].add(name)
            self.word_pos[(word, name)] = word_pos
        for phrase in entry.get("phrases", []):
            parts = tuple(phrase.lower().split())
            if len(parts) == 1:
                self.words[parts[0]].add(name)
                self.word_pos[(parts[0], name)] = None
            else:
                self.phrases[parts[0]].append((parts, name))

    def match(self, doc: Doc) -> list[tuple[int, int, str]]:
        """(start token, end token, name) for every word or phrase of the lexicon in doc."""
        hits: list[tuple[int, int, str]] = []
        lowers, lemmas, tags = token_table(doc)
        n = len(lowers)
        words, phrases = self.words, self.phrases
        for i in range(n):
            lower, lemma = lowers[i], lemmas[i]
            if lower not in words and lemma not in words and lower not in phrases and lemma not in phrases:
                continue
            pos = tags[i]
            for form in {lower, lemma}:
                for name in words.get(form, ()):
                    allowed = self.word_pos.get((form, name))
                    if allowed is None and pos not in DEFAULT_POS:
                        continue
                    if allowed is not None and pos not in allowed:
                        continue
                    hits.append((i, i + 1, name))
            for form in {lower, lemma}:
                for parts, name in self.phrases.get(form, ()):
                    end = i + len(parts)
                    if end <= n and all(p in (lowers[i + k], lemmas[i + k]) for k, p in enumerate(parts)):
                        hits.append((i, end, name))
        hits = sorted(set(hits))
        # a word inside a longer phrase counts only as part of it ('grenade launchers' is not 'grenade')
        phrases = [(s, e) for s, e, _ in hits if e - s > 1]
        return [h for h in hits if h[1] - h[0] > 1 or not any(s <= h[0] < e for s, e in phrases)]


@dataclass
class EventLexicon:
    families: Lexicon
    cues: Lexicon
    words: dict[str, frozenset[str]] = field(default_factory=dict)  # [words]: lists the typing rules read


# The family name of phrases whose words are no trigger ('according to', 'talks about', 'vital signs').
EXCLUDE = "exclude"


@lru_cache(maxsize=4)
def load_event_lexicon(name: str = "event_lexicon.toml") -> EventLexicon:
    data = tomllib.loads(data_path(name).read_text(encoding="utf-8"))
    families, cues = Lexicon(), Lexicon()
    for fam, entry in data.get("family", {}).items():
        families.add(fam, entry)
    for cue, entry in data.get("cue", {}).items():
        cues.add(cue, entry)
    if "exclude" in data:  # matched in the same pass as the triggers; events.py drops what they cover
        families.add(EXCLUDE, data["exclude"])
    words: dict[str, frozenset[str]] = defaultdict(frozenset)  # a list left out of the file is empty
    words.update((key, frozenset(w.lower() for w in listed)) for key, listed in data.get("words", {}).items())
    return EventLexicon(families, cues, words)


VIOLENT = {"clash", "offensive", "attack", "harm", "explosion", "airstrike", "shelling", "chemical", "impact"}
# Families that say on their own that something violent happened (not just a casualty word).
STRONG = VIOLENT - {"harm", "impact"}
# Which trigger of a clause names the event, best first.
FAMILY_RANK = ["chemical", "airstrike", "explosion", "shelling", "clash", "protest", "gathering", "riot", "mob", "sexual",
               "abduction", "territory", "transfer", "attack", "offensive", "disrupted", "arrest", "looting",
               "agreement", "hq", "change", "harm", "impact", "restriction", "displacement"]  # a curfew is mostly the setting
STRONG_DISRUPTED = {"defuse", "defused", "dismantle", "intercept", "thwart", "foil", "cache", "stash",
                    "shot down", "shoot down", "bomb disposal", "controlled explosion", "arms cache",
                    "weapons cache", "cache of weapons", "cache of arms", "defused a bomb",
                    "accidentally detonated", "accidentally activated", "premature explosion",
                    "prematurely exploded", "suspicious package", "suspicious packages", "disarm",
                    "cache of firearms", "stash of firearms", "stash of weapons", "neutralize", "neutralise"}
# Words that make an Agreement only with another agreement word ('signed a ceasefire', not 'vital signs').
WEAK_AGREEMENT = {"sign", "signs", "signed", "signing", "negotiate", "negotiates", "negotiated", "negotiating",
                  "talk", "talks", "talked"}
HQ_VERBS = {"set up", "establish", "established", "build", "built", "open", "opened", "construct", "erect",
            "create", "created", "new base", "new post", "new checkpoint", "observation post"}


@dataclass
class ClauseFacts:
    """What typing looks at: trigger families and words in a clause, cues in the clause and sentence."""

    families: set[str]
    trigger_words: set[str]
    cues: set[str]          # cues inside the clause
    sentence_cues: set[str]  # cues anywhere in the sentence
    agent_kind: str | None = None    # state | nonstate | protesters | civilians | None
    patient_kinds: set[str] = field(default_factory=set)
    has_place_object: bool = False
    sentence_families: set[str] = field(default_factory=set)
    anchor_families: set[str] = field(default_factory=set)  # families of the clause's own verb
    doc_families: set[str] = field(default_factory=set)
    during_protest: bool = False  # a protest word under 'during', 'at', 'amid' ('detained during protests')
    weapon_object: bool = False    # the clause acts on weapons ('seized weapons', 'defused a bomb')
    property_object: bool = False  # ... on things ('attacks on properties', 'shops were looted')
    air_agent: bool = False        # the actor is an aircraft or an air force
    agent_group: bool = False      # the agent is several people ('residents', 'a group of youths')
    named_armed_agent: bool = False  # the agent is a named armed group ('the Children of Fire initiative')
    goods_seized: bool = False     # the clause seizes things, not a place or weapons ('seized 2 tons of rice')
    drugs_seized: bool = False     # ... narcotics ('seized 40 kg of cocaine')
    population_moved: bool = False  # the clause's subject or object is a population ('300 refugees returned')
    doc_cues: set[str] = field(default_factory=set)


def _weapon_type(cues: set[str]) -> str | None:
    if "suicide" in cues:
        return "Suicide bomb"
    if "chemical" in cues:
        return "Chemical weapon"
    if "air" in cues:
        return "Air/drone strike"
    if "grenade" in cues:
        return "Grenade"
    if "ied" in cues:
        return "Remote explosive/landmine/IED"
    if "shelling" in cues:
        return "Shelling/artillery/missile attack"
    return None



def _territory_change(f, fam: set, sfam: set) -> str | None:
    """Which territory change a place taken or handed over is, when the text tells; else None."""
    if "transfer" in fam or "transfer" in sfam or (
            "transfer" in f.doc_families and not f.doc_families & {"clash", "harm", "offensive", "airstrike", "shelling"}):
        return "Non-violent transfer of territory"
    if f.agent_kind == "state":
        return "Government regains territory"
    if f.agent_kind == "nonstate":
        return "Non-state actor overtakes territory"
    return None


def classify(f: ClauseFacts) -> str | None:
    """ACLED sub-event type for a clause, or None when it reports no event ACLED codes."""
    fam, cues, sent = f.families, f.cues, f.sentence_cues
    words = load_event_lexicon().words
    armed_context = bool({"armed", "nonstate", "gun"} & cues)
    if "not_conflict" in sent and not ({"nonstate"} & sent or {"suicide", "grenade"} & cues):
        if not fam & {"protest", "riot", "arrest", "agreement", "abduction", "sexual"}:
            return None
    if "diplomatic" in sent and "agreement" not in fam:
        return None
    if "not_conflict" in f.doc_cues and fam <= {"harm", "impact", "looting"} and not f.agent_kind \
            and "nonstate" not in f.doc_cues:
        return None  # casualties of the disaster the report is about
    sfam = f.sentence_families
    if "clash" in fam and f.trigger_words & words["projectile"]:
        fam = fam - {"shelling"}  # 'projectiles ... in both directions of the frontline': an exchange
    if "dispersal" in cues | sent:
        cues, sent = cues | {"intervention"}, sent | {"intervention"}
    if "disease" in sent and fam & VIOLENT <= {"harm", "impact"} and not fam - VIOLENT and "nonstate" not in sent \
            and f.trigger_words <= words["death"]:
        return None  # died of an illness
    if "arrest" in f.anchor_families and "protest" not in f.anchor_families and "crime" not in sent \
            and not f.during_protest:
        return "Arrests"  # 'arrested an activist for organising a protest'
    if "chemical" in fam or ("chemical" in cues and fam & VIOLENT):
        return "Chemical weapon"
    if "suicide" in (cues | sent) and fam & {"explosion", "attack", "harm"} and "protest" not in fam:
        return "Suicide bomb"
    if "mob" in fam and "protest" not in fam and not ("riot" in fam and "demand" in cues | sent):
        return "Mob violence"  # (a mob that throws stones to demand rations is demonstrating)
    if "gathering" in fam and ("demand" in (cues | sent) or "protester" in cues or (
            f.trigger_words & words["blockade"] and f.agent_group and f.agent_kind not in ("state", "nonstate"))):
        fam = fam | {"protest"}  # 'residents blocked the road to the village': a blockade
    own = f.anchor_families
    if own & {"agreement"} and not fam & (STRONG - {"attack"}) and f.trigger_words - WEAK_AGREEMENT:
        return "Agreement"  # 'fighters surrendered to government forces in the face of an onslaught'
    if own & {"change"} and not own & VIOLENT and not fam & (STRONG | {"protest", "territory"}) \
            and cues & {"armed", "state", "nonstate"}:
        return "Change to group/activity"  # 'deployed troops ... based on a recent deal'
    protest = "protest" in fam or ("protester" in cues and fam & ({"harm", "riot", "arrest"} | VIOLENT)) or (
        ("dispersal" in sent or ("intervention" in cues and ("protester" in sent or sfam & {"gathering", "protest"})))
        and not _weapon_type(cues)
        and not fam & {"clash", "explosion", "airstrike", "shelling"})
    if protest:
        state_force = f.agent_kind == "state" or "state" in cues
        if fam & {"harm"} and "force" in cues and (state_force or "protesters" in f.patient_kinds):
            return "Excessive force against protesters"
        if (("harm" in sfam and "intervention" in sent and "state" in sent)
                or ("force" in cues and fam & {"attack", "impact", "harm"} and "state" in sent)
                or ("force" in cues and "intervention" in cues and "state" in sent)) \
                and "riot" not in fam and "violent_protest" not in cues:
            return "Excessive force against protesters"  # dispersed with tear gas and bullets; dozens injured
        if "riot" in fam or ("violent_protest" in (cues | sent) and "calm" not in f.doc_cues) or "mob" in fam:
            return "Violent demonstration"
        if "intervention" in cues or "intervention" in sent or ("arrest" in fam and "state" in sent):
            return "Protest with intervention"
        return "Peaceful protest"
    if "riot" in fam and not f.named_armed_agent:  # an organised armed group's arson is no riot
        demonstration = sent & {"protester", "demand"} or f.doc_families & {"protest", "gathering"} or any(
            w in words["rioting"] or "tyre" in w or "tire" in w for w in f.trigger_words)  # rioting, burning tyres
        if not demonstration and (f.patient_kinds or f.property_object):
            return "Mob violence"  # 'residents pelted stones at police': violence at someone, no demonstration
        return "Violent demonstration"
    if "sexual" in fam:
        return "Sexual violence"
    if "abduction" in fam:
        return "Abduction/forced disappearance"
    drugs = f.drugs_seized and not f.weapon_object  # (weapons seized with them: disrupted weapons use)
    if (f.goods_seized or drugs) and f.agent_kind == "state":
        # 'troops seized food stocks', 'police seized 40 kg of cocaine' (ACLED codes the state's drug seizures
        # so); a counterfeit or smuggling bust is no ACLED event, and no port taken
        return "Looting/property destruction" if drugs or not {"crime"} & (sent | f.doc_cues) else None
    if "territory" in fam and f.has_place_object and not f.trigger_words & STRONG_DISRUPTED:
        change = _territory_change(f, fam, sfam)
        if change:
            return change
    if "disrupted" in fam and fam & {"attack", "offensive"} and f.trigger_words & words["repelled"] and sfam & {"harm", "clash"}:
        return "Armed clash"  # 'forces thwarted an attack ..., killing a number of fighters': a battle
    if "disrupted" in fam and (f.trigger_words & STRONG_DISRUPTED or f.weapon_object) and "crime" not in sent \
            and not (f.air_agent and "disrupted" in fam and not f.trigger_words & STRONG_DISRUPTED):
        return "Disrupted weapons use"
    if f.air_agent and fam & (VIOLENT | {"looting", "disrupted"}):
        return "Air/drone strike"
    if "disrupted" in fam and not fam & (VIOLENT - {"attack"}) and cues & {"ied", "gun", "grenade", "shelling"} \
            and "crime" not in sent and not f.patient_kinds & {"civilians", "state", "nonstate"}:
        return "Disrupted weapons use"  # not 'found a boy suffering from a gunshot wound'
    if "territory" in fam and f.has_place_object:
        return _territory_change(f, fam, sfam) or (
            "Government regains territory" if "state" in cues and "nonstate" not in cues
            else "Non-state actor overtakes territory")
    if "transfer" in fam and f.has_place_object:
        return "Non-violent transfer of territory"
    if "looting" in fam and not fam & {"harm", "explosion", "airstrike", "shelling", "clash"} \
            and not _weapon_type(cues) and (f.property_object or not f.patient_kinds & {"civilians", "state", "nonstate"}):
        if "crime" in sent and not armed_context and f.agent_kind != "state":
            return None  # a robbery (not troops destroying a drug lab)
        return "Looting/property destruction"
    if fam & {"attack", "impact"} and not fam & (VIOLENT - {"attack", "impact"}) and f.property_object \
            and not _weapon_type(cues | sent) and "harm" not in sfam:
        return "Looting/property destruction"
    if fam & VIOLENT == {"impact"} and not _weapon_type(cues):
        fam = fam - {"impact"}
    if fam & VIOLENT:
        if "airstrike" in fam:
            return "Air/drone strike"
        if fam & {"clash", "offensive"}:
            # ground fighting 'supported by the air force', 'exchanged artillery': a battle
            cues, sent = cues - {"air"}, sent - {"air"}
            if "clash" in fam:
                cues, sent = cues - {"shelling"}, sent - {"shelling"}
        if "small_arms" in cues and "shelling" in cues and "shelling" not in fam and fam & {"attack", "impact", "harm"}:
            return "Armed clash"  # small arms with heavy weapons: an exchange, as ACLED codes it
        if "clash" in fam and f.agent_kind in (None, "civilians") and not f.patient_kinds & {"state", "nonstate"} \
                and not cues & {"armed", "nonstate", "state", "gun"} and cues & {"civilian", "communal"}:
            return "Mob violence"  # two groups of villagers or party supporters fighting
        if f.agent_kind == "civilians" and f.agent_group and fam & {"attack", "clash", "harm"} \
                and not _weapon_type(cues) and not f.trigger_words & words["gunfire"] and "small_arms" not in cues:
            return "Mob violence"  # 'residents pelted stones at police', 'five persons beat up a man'
        weapon = _weapon_type(cues) or (_weapon_type(sent) if fam & {"explosion", "harm", "attack"} else None)
        if weapon is None and "shelling" in fam:
            weapon = "Shelling/artillery/missile attack"
        if weapon is None and "clash" in fam:
            return "Armed clash"  # 'explosions and shots in both directions': an exchange, not shelling
        if weapon is None and "explosion" in fam and "small_arms" in cues and not f.patient_kinds:
            return "Armed clash"  # 'explosions and shots involving small arms', no one hit: fighting, no bomb
        if weapon is None and "explosion" in fam:
            # an explosion with no device named: a planted bomb when it hit people, else a shell
            weapon = "Remote explosive/landmine/IED" if ("harm" in fam or "civilian" in cues or f.patient_kinds) \
                else "Shelling/artillery/missile attack"
        if weapon:
            return weapon
        if "clash" in fam:
            return "Armed clash"
        civilian_target = "civilians" in f.patient_kinds or (
            "civilian" in cues and not f.patient_kinds & {"state", "nonstate"})
        armed_target = bool(f.patient_kinds & {"state", "nonstate"})
        if armed_target or (f.agent_kind in ("state", "nonstate") and not civilian_target and "offensive" in fam):
            return "Armed clash"
        if civilian_target:
            # a victim the report ties to a gang or drug trafficking was a party to gang violence, as ACLED codes it
            return "Armed clash" if "gang_tie" in f.doc_cues else "Attack"
        if "armed" in cues and not "civilian" in cues:
            return "Armed clash"
        if not f.patient_kinds and "small_arms" in cues and "civilian" not in cues:
            return "Armed clash"  # 'shots involving small arms': an exchange of fire, no one targeted
        return "Attack" if fam & {"harm", "attack"} else "Armed clash"
    if "looting" in fam:
        if "crime" in sent and not armed_context and f.agent_kind != "state":
            return None
        return "Looting/property destruction"
    if "arrest" in fam:
        if "crime" in sent:
            return None
        return "Arrests"
    if "hq" in fam and f.trigger_words & HQ_VERBS and cues & {"armed", "state"} \
            and ("change" not in fam or f.trigger_words & words["bases"]):  # not 'established fortifications'
        return "Headquarters or base established"
    if "agreement" in fam and (f.trigger_words - WEAK_AGREEMENT):
        return "Agreement"
    if "change" in fam and cues & {"armed", "state", "nonstate"}:
        return "Change to group/activity"
    if "restriction" in fam and (f.agent_kind == "state" or (f.agent_kind is None and "state" in cues)):
        return "Change to group/activity"  # 'the government declared a lockdown', 'the governor banned travel'
    if "disrupted" in fam and cues & {"ied", "grenade", "shelling"} and "crime" not in sent:
        return "Disrupted weapons use"
    if "displacement" in fam and f.population_moved and not sfam & VIOLENT:  # not those fleeing an attack told with it
        return "Other"  # '300 refugees returned home', 'villagers were displaced'
    return None
