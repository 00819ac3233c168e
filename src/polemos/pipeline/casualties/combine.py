"""Combining one event's mentions into a `Casualties` record
(`combine_mentions`) without counting the same people twice: the largest
consistent figure per group and in total, never the sum of a summary line and
a detailed line; the attacker and survivors apart.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from polemos.model import Casualties, CasualtyCount

from .lexicon import KINDS, PERSONAL_PRONOUNS, REPORTED_KINDS, Lexicon, load_lexicon
from .records import CasualtyMention, Person


def _top_level_sum(groups: dict[str, int], lex: Lexicon) -> int:
    """Sum of the groups' counts, sub-groups folded into their parent (children ⊂ civilians)."""
    top: dict[str, int] = {}
    children: dict[str, int] = {}
    for group, n in groups.items():
        parent = lex.group_parents.get(group)
        if parent:
            children[parent] = children.get(parent, 0) + n
        else:
            top[group] = max(top.get(group, 0), n)
    for parent, n in children.items():
        top[parent] = max(top.get(parent, 0), n)
    return sum(top.values())


def _best(values: list[tuple[int, bool]]) -> int:
    """The largest exact figure; a vague one ("several") only when no exact figure is given."""
    exact = [n for n, vague in values if not vague]
    return max(exact) if exact else max((n for n, _ in values), default=0)


def _group_counts(mentions: list[CasualtyMention]) -> dict[str, tuple[int, bool]]:
    """Each group's (count, vague?) across mentions: per group (and role) the best figure, never a sum of reports.

    A group's leaders ("a Taliban leader") and its rank and file ("two
    insurgents") are different people and add up, unless one mention already
    lists both ("the commander and three additional insurgents"), or the rank
    and file are only a vague figure without a word that makes them other
    people ("detained a number of insurgents" may include the leader; "several
    additional insurgents" does not).
    """
    keyed: dict[str, list[tuple[int, bool]]] = {}
    additive: dict[str, bool] = {}
    listed: dict[str, int] = {}  # group -> largest total of a mention that lists several roles of it
    for m in mentions:
        if m.anaphoric:
            continue  # "the detained leader": people already counted
        per_group: dict[str, list[int]] = {}
        for key, n in m.specific.items():
            keyed.setdefault(key, []).append((n, key in m.vague_keys))
            additive[key] = additive.get(key, False) or m.additive
            per_group.setdefault(key.split("/")[0], []).append(n)
        for group, counts in per_group.items():
            if len(counts) > 1:
                listed[group] = max(listed.get(group, 0), sum(counts))
    best = {key: (_best(values), all(v for _, v in values)) for key, values in keyed.items()}
    groups: dict[str, tuple[int, bool]] = {}
    for group in dict.fromkeys(key.split("/")[0] for key in best):  # first-mention order, not a set's
        rank, rank_vague = best.get(group, (0, True))
        roles = [n for key, (n, _) in best.items() if key.startswith(group + "/")]
        vague = all(v for key, (_, v) in best.items() if key.split("/")[0] == group)
        if group in listed:
            count = max([rank, listed[group], *roles])
        elif rank and roles and rank_vague and not additive.get(group):
            count = max(rank, sum(roles))
        else:
            count = rank + sum(roles)
        groups[group] = (count, vague)
    return groups


def _combine_kind(mentions: list[CasualtyMention], lex: Lexicon) -> CasualtyCount:
    if not mentions:
        return CasualtyCount()
    if not all(m.plural_only for m in mentions):  # an unnumbered plural counts only when nothing else does
        mentions = [m for m in mentions if not m.plural_only]
    by_group = _group_counts(mentions)
    counted = {g: n for g, (n, _) in by_group.items()}
    group_sum = _top_level_sum(counted, lex)
    groups_vague = all(v for _, v in by_group.values())
    # a repeat ("the facilitator was captured") supplies a figure but never overrides a fuller one
    # a mention listing several groups counts its people too ("his wife and four daughters": 5)
    # (a repeat that counts two or more is exact: "killed his son and then shot himself ... Both
    # were pronounced dead", "his wife and her boyfriend")
    totals = [(m.low, m.vague or (m.anaphoric and m.low < 2)) for m in mentions
              if m.generic or not m.specific or m.anaphoric or len(m.specific) > 1]
    low = _best(totals + ([(group_sum, groups_vague)] if by_group else []))
    if all(vague for _, vague in totals) and (not by_group or groups_vague):
        # only vague figures and repeats: a repeat's exact figure says more than "numerous"
        # ("Numerous insurgents were killed ... killing the insurgent")
        repeats = [m.low for m in mentions if m.anaphoric and not m.vague]
        low = max(repeats) if repeats else low
    extra = [m.low for m in mentions if m.additive and m.generic and not m.specific and not m.vague]
    if extra:  # "captured a leader ... detained two others"
        low = max(low, group_sum + max(extra), max(extra))
    low = max(low, _with_more_people(mentions))
    high = max(low, max(m.high for m in mentions))
    return CasualtyCount(low=low, high=high, groups=_groups_in_mention_order(mentions, counted))


def _groups_in_mention_order(mentions: list[CasualtyMention], counted: dict[str, int]) -> dict[str, int]:
    """Each group's count, keyed in the order the text first names the groups, so the output
    never depends on the hash seed; groups named only generically take their largest figure."""
    order = dict.fromkeys(g for m in mentions for g in m.groups)
    order.update(dict.fromkeys(counted))
    groups = {g: counted[g] if g in counted else max(m.groups.get(g, 0) for m in mentions) for g in order}
    return {g: n for g, n in groups.items() if n > 0}


def _with_attacker(mentions: list[CasualtyMention], killed: CasualtyCount, lex: Lexicon) -> CasualtyCount:
    """'Four people were shot dead ... then the gunman killed himself': the attacker who
    killed himself is one more death than the victims counted. He is the attacker when
    named so ('gunman', 'suspect') or when he is also the one who killed the others
    ('Campbell killed a neighbor ... Campbell killed himself'); otherwise the one who
    killed himself may be the only victim ('a teen fatally shot himself')."""
    # (not the attacker himself: "the suspect was found dead", "5 dead, including the gunman")
    victims = [m for m in mentions if not (m.reflexive or m.gunman_pronoun or m.attacker or m.with_attacker)]
    agents = {m.agent for m in victims if m.agent and m.agent not in PERSONAL_PRONOUNS}
    attackers = [m for m in mentions if m.gunman_pronoun or m.reflexive and (m.agent in lex.attackers or m.agent in agents or m.attacker)]
    if not attackers or not victims and not any(m.gunman_pronoun for m in attackers):
        return killed  # (the gunman "before he was killed" is one more death even after victims only shot)
    low = _combine_kind(victims, lex).low + 1
    if low <= killed.low:
        return killed
    return CasualtyCount(low=low, high=max(low, killed.high), groups=killed.groups)


def _with_attacker_police_killed(mentions: list[CasualtyMention], killed: CasualtyCount, lex: Lexicon) -> CasualtyCount:
    """'A man killed a clerk. Police returned fire, killing the suspect': the attacker police
    killed is one more than the dead the report says another killed (not 'two died ...
    police killed the suspect': he may be one of the two, so only a killer's own count)."""
    # (the victims after the verb: "killed a clerk" names its killer; "two people died" names none)
    by_attacker = [m for m in mentions if m.kind == "killed" and m.agent and not _is_police_word(m.agent, lex)
                   and m.start > m.trigger_start and not (m.reflexive or m.gunman_pronoun or m.attacker or m.with_attacker)]
    if not by_attacker:
        return killed
    first = min(m.trigger_start for m in by_attacker)
    # (told after his killings, and with no group of its own: a dead "gunman" is counted by it)
    if not any(m.attacker and not m.reflexive and not m.groups and _is_police_word(m.agent, lex)
               and m.trigger_start > first for m in mentions):
        return killed
    # the largest single count: a long report's other killings, told apart, may add up wrongly
    low = max(m.low for m in by_attacker) + 1
    if low <= killed.low:
        return killed
    return CasualtyCount(low=low, high=max(low, killed.high), groups=killed.groups)


def _with_more_people(mentions: list[CasualtyMention]) -> int:
    """'A man was shot ... another man was shot': a victim-by-victim account adds up.
    Only a run that starts with one person counts ('Three people died ... another man
    was pronounced dead' may be a detail of the summary)."""
    best, run, told = 0, 0, 0
    for m in sorted(mentions, key=lambda m: m.trigger_start):
        if m.vague or m.anaphoric:
            continue
        if m.more and m.found_later:
            best = max(best, told + m.low)  # "four people were shot ... Deputies later found another"
        if m.more and run:
            run += m.low
            best = max(best, run)
        else:
            run = 1 if m.low == 1 else 0
        told = max(told, m.low)
    return best


def _people_told(mentions: list[CasualtyMention], apart_from: list[Person] = ()) -> list[Person]:
    """The people the mentions' single victims describe, apart from any of `apart_from`.

    A description goes to the one person told before that it may be, adding what it tells
    ('Major Howard', then 'He': one boy), or is a new person when it is other than all of
    them ('a man', 'a woman': two); one that may be several of them is left out ('a man', 'a
    woman', 'the victim')."""
    people: list[Person] = []
    for person in (p for m in mentions for p in m.people if p.described):
        if not all(person.other_than(a) for a in apart_from):
            continue  # may be one of those
        same = [i for i, known in enumerate(people) if not person.other_than(known)]
        if not same:
            people.append(person)
        elif len(same) == 1:
            people[same[0]] = people[same[0]].merged(person)
    return people


def _survivors(dead: list[CasualtyMention], hit: list[CasualtyMention], killed: int) -> int:
    """How many people hit are surely none of the dead: when every death is a described person
    ("Major Howard was shot and killed", "a 19-year-old man was killed"), each person hit who
    is other than all of them was wounded ("Rob'Dasha Smith was shot in the leg", "a
    21-year-old man was also shot", "a woman ... was also shot but survived"). When some death
    is not described, a person hit may be that death, so nobody is added."""
    told_dead = _people_told(dead)
    if len(told_dead) < killed:
        return 0
    # (not the attacker's own "shot himself": _with_attacker reads him)
    return len(_people_told([m for m in hit if not m.reflexive], apart_from=told_dead))


def _attacker_apart(mentions: list[CasualtyMention], lex: Lexicon) -> list[CasualtyMention]:
    """The mentions of an attacker wounded who is surely none of the other people hurt: 'The
    gunman was also shot', or a suspect hurt where the others hurt are officers ('an officer
    was shot ... the suspect was wounded') or police shot him ('killing two people. Officers
    shot the gunman'). Otherwise 'the suspect' may be the man shot by
    police the report told of, and a dead attacker is often counted already ('gunman' is a
    group of its own)."""
    attacker = [m for m in mentions if m.attacker and m.kind in ("injured", "shot")]
    others = [m for m in mentions if m.kind in ("killed", "injured", "shot") and not m.attacker and not m.reflexive]
    if not attacker or not others or any(m.attacker and m.kind == "killed" for m in mentions):
        return []  # ("police shot the gunman" when he died: the dead attacker, not a wounded one)
    also = any(m.additive for m in attacker)
    officers = all(set(m.groups) == {"police"} for m in others)
    # ("killing two people. Officers shot the gunman": the police hit him alive, and the
    # others told of are dead; a count of people hit may hold him: "Two people were shot")
    by_police = any(_is_police_word(m.agent, lex) for m in attacker) and all(m.kind == "killed" for m in others)
    harmed_first = any(m.harmed_first for m in attacker)  # ("shot by police after stabbing officer")
    return attacker if also or officers or by_police or harmed_first else []


def _added(a: CasualtyCount, b: CasualtyCount) -> CasualtyCount:
    groups = {g: a.groups.get(g, 0) + b.groups.get(g, 0) for g in {**a.groups, **b.groups}}
    return CasualtyCount(low=a.low + b.low, high=a.high + b.high, groups=groups)


def _is_police_word(word: str, lex: Lexicon) -> bool:
    """'police', 'deputies', 'officers': a word (lower-cased, maybe plural) for the police."""
    singular = re.sub(r"ies$", "y", word).removesuffix("s")
    return bool(word) and (lex.group_words.get(word) == "police" or lex.group_words.get(singular) == "police")


def _officers_hit_apart(dead: list[CasualtyMention], hit: list[CasualtyMention], lex: Lexicon) -> int:
    """'Officers fired back, killing him ... One officer was hit in the arm': when police killed
    the dead, or the dead are the attacker ('An officer was shot ... The suspect was killed'),
    and none of the dead is police, the officers hit are none of the dead."""
    by_police = any(_is_police_word(m.agent, lex) for m in dead)
    attacker_dead = bool(dead) and all(m.attacker for m in dead)
    if not (by_police or attacker_dead) or any("police" in m.groups for m in dead):
        return 0
    return max((m.low for m in hit if set(m.groups) == {"police"} and not m.vague), default=0)


def combine_mentions(mentions: Iterable[CasualtyMention], lex: Lexicon | None = None) -> Casualties:
    """One event's casualties from its mentions: the largest consistent figure, never a sum of
    reports; an attacker wounded who is none of his victims is one more ('the gunman was also shot')."""
    lex = lex or load_lexicon()
    mentions = [m for m in mentions if m.counts]
    apart = _attacker_apart(mentions, lex)
    result = _combine_mentions(mentions, lex)
    if apart:
        victims = _combine_mentions([m for m in mentions if all(m is not a for a in apart)], lex)
        wounded = _combine_mentions(apart, lex)
        result.killed = _added(victims.killed, wounded.killed)
        result.injured = _added(victims.injured, wounded.injured)
    return result


def _combine_mentions(mentions: list[CasualtyMention], lex: Lexicon) -> Casualties:
    """combine_mentions without the attacker rule, for mentions that all count."""
    by_kind: dict[str, list[CasualtyMention]] = {k: [] for k in KINDS}
    for m in mentions:
        by_kind[m.kind].append(m)
    # (the gunman killed "before he was killed" is none of his victims: _with_attacker adds him)
    dead_gunman = [m for m in by_kind["killed"] if m.gunman_pronoun]
    by_kind["killed"] = [m for m in by_kind["killed"] if not m.gunman_pronoun]
    result = Casualties(**{k: _combine_kind(by_kind[k], lex) for k in REPORTED_KINDS})
    shot = _combine_kind(by_kind["shot"], lex)
    hurt = by_kind["killed"] + by_kind["injured"] + by_kind["shot"]
    survivors = _survivors(by_kind["killed"], by_kind["injured"] + by_kind["shot"], result.killed.low)
    # "a fourth victim": at least four people hit in all
    survivors = max(survivors, _officers_hit_apart(by_kind["killed"], by_kind["injured"] + by_kind["shot"], lex))
    hit = max([m.ordinal for m in hurt] + [survivors + result.killed.low])
    # "A man was wounded ... Another man was also shot": a run of people hit goes across
    # the two kinds that tell a person hit (shot, wounded), not only within one
    hit = max(hit, _with_more_people(by_kind["injured"] + by_kind["shot"]))
    if hit > shot.low:
        shot = CasualtyCount(low=hit, high=max(hit, shot.high), groups=shot.groups)
    # people shot whose death is not reported were wounded
    extra = shot.low - result.killed.low
    if extra > result.injured.low:
        groups = dict(result.injured.groups)
        for g, n in shot.groups.items():
            groups[g] = max(groups.get(g, 0), n - result.killed.groups.get(g, 0))
        result.injured = CasualtyCount(low=extra, high=max(result.injured.high, shot.high - result.killed.low, extra),
                                       groups={g: n for g, n in groups.items() if n > 0})
    # (after the wounded: the attacker's own "shot himself" is no wounded victim)
    result.killed = _with_attacker(by_kind["killed"] + dead_gunman, result.killed, lex)
    result.killed = _with_attacker_police_killed(by_kind["killed"], result.killed, lex)
    return result
