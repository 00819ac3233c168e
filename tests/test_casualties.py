"""polemos_casualties on real sentences: number forms, kinds, victim groups, double counting, aggregates."""

from __future__ import annotations

import pytest

from polemos.pipeline.casualties import (
    casualty_mentions,
    combine_mentions,
    load_lexicon,
    words_to_int,
)


@pytest.fixture(scope="module")
def parse():
    import spacy

    from polemos.pipeline import BASE_MODEL

    nlp = spacy.load(BASE_MODEL)
    return nlp


def counts(parse, text: str) -> dict[str, tuple[int, dict[str, int]]]:
    result = combine_mentions(casualty_mentions(parse(text)))
    return {
        kind: (getattr(result, kind).low, getattr(result, kind).groups)
        for kind in ("killed", "injured", "arrested", "abducted")
        if getattr(result, kind).low
    }


def test_number_words():
    lex = load_lexicon()
    assert words_to_int(["two", "hundred"], lex) == 200
    assert words_to_int(["twenty-five"], lex) == 25
    assert words_to_int(["1,200"], lex) == 1200
    assert words_to_int(["a", "dozen"], lex) == 12
    assert words_to_int(["three", "thousand", "and", "five"], lex) == 3005
    assert words_to_int(["several"], lex) is None


@pytest.mark.parametrize("text, kind, low", [
    ("Seven people died and two hundred were hurt.", "injured", 200),
    ("Seven people died and two hundred were hurt.", "killed", 7),
    ("Gunmen stormed the village, killing him and abducting a dozen women.", "abducted", 12),
    ("Police arrested up to 40 protesters in the capital.", "arrested", 40),
    ("Dozens of civilians were killed and at least 40 injured in the attack.", "killed", 12),
    ("Dozens of civilians were killed and at least 40 injured in the attack.", "injured", 40),
    ("An airstrike killed more than 30 insurgents in Helmand province.", "killed", 31),
    ("1 dead, 5 wounded in Chicago shootings", "killed", 1),
    ("1 dead, 5 wounded in Chicago shootings", "injured", 5),
    ("The shooting left two men dead and a woman wounded.", "killed", 2),
    ("The shooting left two men dead and a woman wounded.", "injured", 1),
    ("The bodies of the two were found on Monday.", "killed", 2),
    ("Three people were taken into custody after the raid.", "arrested", 3),
    ("The death toll rose to 12 on Sunday.", "killed", 12),
])
def test_number_forms_and_kinds(parse, text, kind, low):
    assert counts(parse, text)[kind][0] == low


@pytest.mark.parametrize("text, low", [
    ("A coalition security force detained several suspected insurgents in Logar province Tuesday.", 3),
    ("A coalition security force detained numerous suspected insurgents during an operation.", 4),
    ("An Afghan and coalition force detained a number of insurgents during a security operation.", 3),
    ("The security force detained a few suspected insurgents for further questioning.", 3),
    ("The force detained multiple suspected insurgents.", 3),
])
def test_vague_quantities_have_documented_minimums(parse, text, low):
    assert counts(parse, text)["arrested"][0] == low


def test_victim_groups(parse):
    result = counts(parse, "Gunmen kidnapped three aid workers and shot dead a police officer.")
    assert result["abducted"] == (3, {"aid_workers": 3})
    assert result["killed"] == (1, {"police": 1})
    assert counts(parse, "A 7-year-old boy was shot multiple times.")["injured"] == (1, {"children": 1})
    assert counts(parse, "Two protesters were killed when soldiers opened fire.")["killed"] == (2, {"protesters": 2})


def test_subgroups_are_not_added_to_their_group(parse):
    text = "Five civilians, including two children, were killed when a mortar round hit their house."
    assert counts(parse, text)["killed"][0] == 5


def test_summary_and_detail_are_not_added(parse):
    text = ("Four police officers and two civilians were killed in mine blasts on Tuesday. "
            "Two civilians had died in the district and four police officers were killed in another mine explosion.")
    assert counts(parse, text)["killed"] == (6, {"police": 4, "civilians": 2})


def test_leader_and_rank_and_file_add_up(parse):
    text = ("An Afghan and coalition security force captured a Taliban leader in Kandahar. "
            "The force also detained two suspected insurgents.")
    assert counts(parse, text)["arrested"][0] == 3
    listed = ("The security force detained four suspected insurgents. "
              "The commander and three additional suspected insurgents were detained.")
    assert counts(parse, listed)["arrested"][0] == 4


def test_exact_figure_beats_vague_one(parse):
    text = "Several insurgents were killed in the operation. The security force returned fire, killing one insurgent."
    assert counts(parse, text)["killed"][0] == 1


def test_aggregates_over_periods_are_not_counted(parse):
    text = "Azerbaijan said Tuesday more than 300 of its nationals have been wounded or killed by mines since 2020."
    mentions = casualty_mentions(parse(text))
    assert mentions and all(m.aggregate for m in mentions)
    assert counts(parse, text) == {}
    assert counts(parse, "Over the last three decades, hundreds of people have been killed by landmines.") == {}


def test_negated_and_background_mentions_are_not_counted(parse):
    assert counts(parse, "No one was injured in the attack.") == {}
    text = "The commander is linked to an improvised explosive device attack that killed four US soldiers."
    assert counts(parse, text) == {}
    assert counts(parse, "The force searched the compound to arrest a Taliban leader.") == {}


def test_pronouns_and_names(parse):
    assert counts(parse, "Gunmen stormed the house, killing him.")["killed"][0] == 1
    assert counts(parse, "The security force returned fire, killing Fayez Jan and one additional insurgent.")["killed"][0] == 2
    assert counts(parse, "The 15-year-old, identified as Antonio Womack, was pronounced dead at the scene.")["killed"] == (1, {"children": 1})


def test_shot_is_injured_unless_killed(parse):
    assert counts(parse, "A man was shot in the leg outside a bar on Friday.") == {"injured": (1, {})}
    assert counts(parse, "The man was shot and killed outside his home.") == {"killed": (1, {})}
    text = "Police ID teen killed in shooting that left 6 others injured."
    assert counts(parse, text) == {"killed": (1, {"children": 1}), "injured": (6, {})}


def test_seed_mine_blasts_split_over_two_events(example_result):
    blasts = [e for e in example_result.events if e.fatalities and not e.background]
    assert sum(e.fatalities for e in blasts) == 6
    groups = sorted(tuple(e.casualties.killed.groups.items()) for e in blasts)
    assert groups == [(("civilians", 2),), (("police", 4),)]


@pytest.mark.parametrize("text, kind, low", [
    ("RPD: 4 shot in Gilpin Court", "injured", 4),
    ("7 Shot, 3 Dead after Stockton Drive-By", "injured", 4),
    ("7 Shot, 3 Dead after Stockton Drive-By", "killed", 3),
    ("Police Investigate Quadruple Shooting In Fairhill", "injured", 4),
    ("Suspects in Pelzer triple homicide case to go before judge", "killed", 3),
    ("Teen charged in fatal shooting of a high school student", "killed", 1),
    ("A shooting in the capital late Tuesday night sent five people to the hospital.", "injured", 5),
])
def test_headline_forms(parse, text, kind, low):
    assert counts(parse, text)[kind][0] == low


def test_exact_figure_overrides_fatal_adjective(parse):
    assert counts(parse, "Two people were killed in a fatal shooting on Main Street.")["killed"][0] == 2


def test_things_are_not_victims(parse):
    assert counts(parse, "The house was shot several times overnight.") == {}
    assert counts(parse, "Police said 17 search warrants have been written and executed.") == {}
    text = "Man shot mother - WCAX.COM Local Vermont News, Weather"
    assert counts(parse, text) == {"injured": (1, {"civilians": 1})}


def test_one_person_with_two_roles(parse):
    assert counts(parse, "The force detained a Taliban bomb manufacturer and facilitator.")["arrested"][0] == 1
    assert counts(parse, "The force detained a Taliban leader and a facilitator.")["arrested"][0] == 2
    assert counts(parse, "The man and woman were shot outside the bar.")["injured"][0] == 2


def test_malformed_numbers_give_no_count(parse):
    assert counts(parse, "More than 99999999999 people were arrested.") == {}
    assert counts(parse, "2020 killed in the region.") == {}
    assert counts(parse, "dead dead, 5 5 5 wounded")["injured"][0] == 5


def test_some_of_those_shot_died(parse):
    assert counts(parse, "Seven people were shot, one fatally, on Sunday night.") == {"killed": (1, {}), "injured": (6, {})}
    assert counts(parse, "People are being killed in this city every week.") == {}


def test_condition_means_hurt_and_alive(parse):
    text = "A drive-by shooting left a 1-year-old girl in critical condition."
    assert counts(parse, text) == {"injured": (1, {"children": 1})}
    assert counts(parse, "The man was shot and killed; his wife is in serious condition.")["injured"][0] == 1


def test_unnumbered_plural_is_the_weakest_figure(parse):
    text = "Insurgents Captured in Kandahar\n\nThe security force captured a Taliban facilitator on Monday."
    assert counts(parse, text)["arrested"][0] == 1
    assert counts(parse, "Insurgents were killed in the strike.")["killed"][0] == 2
