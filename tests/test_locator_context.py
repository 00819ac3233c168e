"""What a note's own locators say of where a name is: its comma or bracket parent, the state or
country it names, a neighbourhood word, an armed group's name (issue 5)."""

from __future__ import annotations

import pytest

from test_geoparser import locate_event, places_of


def place(places, text, k=0):
    return [p for p in places if p.text == text][k]


def doc_before_toponyms(nlp, text):
    """The text run through the pipeline up to the toponym recogniser, for a test to set what NER read."""
    doc = nlp.make_doc(text)
    for name, proc in nlp.pipeline:
        if name == "polemos_toponyms":
            break
        doc = proc(doc)
    return doc


def test_a_word_of_a_one_country_armed_groups_name_is_no_scene(nlp):
    # 'Haram' is a place in Norway; in 'Boko Haram' it names the Nigerian group
    places = places_of(nlp, "Suspected Boko Haram fighters raided Gwoza, Borno, on Monday.")
    assert place(places, "Haram").role != "place"
    assert place(places, "Gwoza").country_code == "NG"


@pytest.mark.parametrize("text, division", [
    ("Two soldiers were wounded in a firefight with rebels in Sitangkai, Tawi-Tawi.", "Tawi-Tawi"),
    ("Two NPA rebels were killed in a clash with soldiers in Barangay Malaga, Guihulngan, Negros Oriental.", "Negros Oriental"),
])
def test_a_division_closing_a_comma_locator_is_a_place_whatever_ner_says(nlp, text, division):
    p = place(places_of(nlp, text), division)
    assert p.country_code == "PH" and p.feature_code == "ADM2"


def test_a_state_after_an_unknown_town_in_one_organisation_entity_is_a_place(nlp):
    # NER may read 'Tepuche, Sinaloa' as one organisation: the comma makes it a locator, not a name
    from spacy.tokens import Span

    doc = doc_before_toponyms(nlp, "In Tepuche, Sinaloa, two men were found dead.")
    doc.ents = [Span(doc, 1, 4, label="ORG")]
    doc = nlp.get_pipe("polemos_toponyms")(doc)
    sinaloa = [s for s in doc._.toponyms if s.text == "Sinaloa"]
    assert sinaloa and sinaloa[0]._.toponym.role == "place"


def test_a_state_named_in_full_holds_the_town_before_it(nlp):
    # no Soledad of Sinaloa in the gazetteer: not the Colombian city, nor a Soledad of another state
    soledad = place(places_of(nlp, "On Friday, in Soledad, Sinaloa, the bodies of two men were found."), "Soledad")
    assert soledad.country_code == "MX" and soledad.admin1 == "Sinaloa"


def test_a_bracket_read_only_as_an_alternate_name_abroad_does_not_hold_a_known_town(nlp):
    # 'La Nouvelle' is an alternate name of Port-La Nouvelle (France), no parent of Mahdia
    mahdia = place(places_of(nlp, "On Sunday, residents protested in Mahdia (La Nouvelle Ville) against water cuts."), "Mahdia")
    assert mahdia.country_code == "TN"


def test_a_neighbourhood_is_in_the_town_the_note_names_not_a_far_namesake_city(nlp):
    loc = locate_event(nlp, "In Rio de Janeiro, Rio de Janeiro, a man was shot dead in Campo Grande neighborhood.", "shot")
    assert loc.admin1 == "Rio de Janeiro"


def test_a_province_ner_reads_as_a_date_is_a_place(nlp):
    dahuk = place(places_of(nlp, "Turkish drones struck the outskirts of Dahuk, killing a PKK member."), "Dahuk")
    assert dahuk.country_code == "IQ"


def test_a_compass_word_before_a_country_names_a_part_of_it():
    from polemos.gazetteer.resolve import Mention, Resolver

    found = Resolver().candidates(Mention(text="Northern Iraq", start=0, end=13))
    assert found and all(c.country_code == "IQ" for c in found)


def test_a_village_abroad_is_no_namesake_where_the_other_names_are_of_one_country(nlp):
    # Dola is a village of India; Amedi and Dahuk are in Iraq, where the gazetteer lacks the village
    places = places_of(nlp, "Turkish drones struck a PKK vehicle near Dola, north of Amedi, Dahuk, killing two militants.")
    assert place(places, "Dola").country_code == "IQ"


def test_a_name_its_bracket_placed_is_that_place_where_it_recurs(nlp):
    # 'Bani' is also an alternate name of Bāneh (Iran), which its own two mentions made the focus
    places = places_of(nlp, "Militants ambushed a patrol between Bani and Gorgadji (Bani, Seno), killing two soldiers.")
    assert place(places, "Bani", 0).country_code == place(places, "Bani", 1).country_code == "BF"


def test_the_province_after_a_town_and_its_vicinity_only_says_where_the_town_is(nlp):
    loc = locate_event(nlp, "Government forces shelled Kafr Nabl and its surroundings in Idleb on Friday.", "shelled")
    assert loc.name.startswith("Kafr") and loc.geo_precision == 1


def test_a_known_village_read_as_a_people_before_a_division_word_is_a_place(nlp):
    # the tagger may read an Indian village it does not know as an adjective and NER as a people
    from spacy.tokens import Span

    doc = doc_before_toponyms(nlp, "Pakistani troops fired mortars at Indian posts in Tangdhar sector area (Kupwara district, J&K).")
    village = next(t for t in doc if t.text == "Tangdhar")
    village.pos_ = "ADJ"
    doc.ents = [e for e in doc.ents if not (e.start <= village.i < e.end)] + [Span(doc, village.i, village.i + 1, label="NORP")]
    doc = nlp.get_pipe("polemos_toponyms")(doc)
    found = [s for s in doc._.toponyms if s.text == "Tangdhar"]
    assert found and found[0]._.toponym.role == "place"
    assert [s._.toponym.role for s in doc._.toponyms if s.text == "Pakistani"] == ["demonym"]


def test_a_choice_of_districts_puts_the_event_at_the_province_holding_them(nlp):
    text = "Taliban fighters ambushed a police convoy in Kunduz province (either in Chahar Dara or Imam Sahib districts)."
    loc = locate_event(nlp, text, "ambushed")
    assert loc.feature_code == "ADM1" and loc.admin1 == "Kunduz" and loc.geo_precision == 3


def test_a_choice_of_actors_does_not_move_the_event_from_its_town(nlp):
    loc = locate_event(nlp, "Either militants or soldiers fired at a car in Kunduz city on Friday.", "fired")
    assert loc.feature_code == "PPL" and loc.name == "Kunduz"


def test_a_bracket_between_a_name_and_its_division_word_is_its_other_name(nlp):
    # 'Rabat' inside the bracket is no parent of Kushk (nor Morocco's capital): the district's other name
    places = places_of(nlp, "Taliban fighters overran a police post in Kushk (Rabat-e Sangi) district of Herat province.")
    kushk = place(places, "Kushk")
    assert kushk.country_code == "AF" and kushk.admin1 == "Herat"
    assert not any(p.country_code == "MA" for p in places)


def test_a_valley_is_no_hint_that_its_name_is_a_division(nlp):
    # 'valley' makes the name a place, but not the first-level division of that name (Trinidad's San Fernando)
    places = places_of(nlp, "Wildfires forced thousands to flee their homes in the San Fernando Valley on Sunday.")
    assert place(places, "San Fernando").feature_code not in ("ADM1", "ADM2")


def test_a_bracketed_town_after_no_place_is_a_place(nlp):
    # a newspaper's home town in brackets before its name: 'State' after it is no division word of an alias
    places = places_of(nlp, "The (Toledo) State Herald reported the closure on Monday.")
    assert any(p.text == "Toledo" for p in places)
