"""Cross-source linking rules (store/linking.py) on report features as the store builds them."""

from __future__ import annotations

from dataclasses import replace

from polemos.store.linking import (
    LinkOptions, ReportFeatures, aged_names, best_match, make_signature, name_key, pair_score, person_names,
    report_similarity, signature_terms,
)

HAMILTON = (40.2171, -74.7429)  # Trenton, NJ
FLINT = (43.0125, -83.6875)  # Flint, MI: 800 km off


def features(text: str, *, date: str = "2016-03-05", place=HAMILTON, killed: int = 0, injured: int = 0,
             doc: int, main: bool = True, published: str | None = None) -> ReportFeatures:
    lat, lon = place
    return ReportFeatures(
        event_type="Violence against civilians", sub_event_type="Attack", event_date=date, time_precision=1,
        latitude=lat, longitude=lon, geo_precision=1, country_code="US", actor1=None, actor2=None,
        fatalities=killed, injured=injured, signature=make_signature(text), doc_key=doc, main=main,
        published=published or date,
    )


def test_name_key_reads_one_person_written_several_ways():
    assert name_key("Christopher D. Head") == name_key("Christopher Duran Head") == name_key("Christopher Head")
    assert name_key("Superintendent Michael Harrison") == "michael harrison"
    assert name_key("Tory Carlson,18") == "tory carlson"
    assert name_key("John W. Hambaugh III") == "john hambaugh"
    assert name_key("Travon Manuel of Lafayette") == "travon manuel"
    assert name_key("De’Shaun Swanson") == name_key("DeShaun Swanson") == "deshaun swanson"
    assert name_key("Sheriff Smith") is None  # a title and a surname: not a full name
    assert name_key("Smith") is None


def test_aged_names_finds_victims_ner_misses_but_not_places_or_descriptions():
    text = ("Police charged the couple in the death of 5-year-old Lena Morrow on Tuesday. "
            "And Darnell Price, 19, was arrested Friday. A 20-year-old West Haven man was also hurt, "
            "as was a 16-year-old Central High student. Marisol Ortega (34) died at the scene.")
    assert aged_names(text) == ["Lena Morrow", "Darnell Price", "Marisol Ortega"]
    people = person_names(text, [])  # no NER entities at all
    assert people == {"lena morrow": True, "darnell price": True, "marisol ortega": True}


def test_aged_names_finds_a_name_set_off_by_commas_after_the_age_but_not_a_speaker():
    text = ("The 1-year-old girl, Malia Grant, died after being shot two weeks ago as she rode in a car "
            "with her parents. A 25-year-old woman, Sheriff Ann Lee said, was treated and released.")
    assert aged_names(text) == ["Malia Grant"]


def test_a_side_event_far_off_does_not_keep_a_report_from_the_event_it_belongs_to():
    options = LinkOptions()
    lead = "Gunfire on Hamilton Avenue in Trenton killed Marcus Delaney and wounded two outside a corner store."
    first_main = features(lead, killed=1, injured=2, doc=1)
    # The same document's side event, in another state with few words of the shooting's: an
    # earlier case it recalls, or a relative's home town.
    first_side = features("His brother was robbed in Flint last spring.", place=FLINT, doc=1, main=False)
    follow = features("Marcus Delaney was killed and two wounded in gunfire on Hamilton Avenue in Trenton, police said.",
                      killed=1, injured=2, doc=2)
    assert best_match(follow, {7: [first_main, first_side]}, options)[0] == 7
    # Were the far-off report the event's main one, it would keep the report out.
    assert best_match(follow, {7: [replace(first_side, main=True), first_main]}, options)[0] is None


def test_same_day_far_apart_needs_more_words_than_same_day_same_town():
    options = LinkOptions()
    a = features("A man was shot on Elm Street late Saturday and taken to a hospital.", injured=1, doc=1)
    near = features("A man was shot on Elm Street Saturday night, police said.", injured=1, doc=2)
    far = features("A man was shot on Elm Street Saturday night, police said.", injured=1, doc=3,
                   place=(40.9, -74.2))  # 80 km off: another town's Elm Street
    assert pair_score(a, near, options) > pair_score(a, far, options)
    assert pair_score(a, near, options) - pair_score(a, far, options) >= options.far_date_discount


NEW_ORLEANS = (29.95, -90.07)
BATON_ROUGE = (30.45, -91.19)  # 120 km off: a victim's home town


def test_a_main_report_a_region_away_vetoes_only_reports_with_almost_no_words_in_common():
    options = LinkOptions()
    scene = features("Gunfire on Bourbon Street in New Orleans killed one man and wounded nine early Sunday; "
                     "police sought two shooters.", killed=1, injured=9, place=NEW_ORLEANS, doc=1)
    # The victim's home-town outlet places the event in Baton Rouge.
    home = features("A Baton Rouge boxer was among the wounded in the Bourbon Street crossfire; his family said "
                    "he was shot in the hand and chest.", killed=1, injured=9, place=BATON_ROUGE, doc=2)
    follow = features("The Baton Rouge boxer wounded in the Bourbon crossfire was released from the hospital after "
                      "surgery to repair his wrist and lungs; his family said he was shot in the hand and chest.",
                      injured=1, place=BATON_ROUGE, doc=3)
    assert 0.05 <= report_similarity(follow, scene) < options.place_veto_text  # few words of the scene's report
    assert best_match(follow, {7: [scene, home]}, options)[0] == 7
    # The scene's report 800 km off (not one region) keeps it out.
    assert best_match(follow, {7: [replace(scene, latitude=FLINT[0], longitude=FLINT[1]), home]}, options)[0] is None


def test_a_report_signature_holds_every_word_of_its_lead():
    # Store._add counts the lead's words through the report's signature, whose text starts with the lead.
    lead = ("Man killed in South Memphis shooting\nMEMPHIS, Tenn. - A 34-year-old man was shot and killed "
            "Saturday night on Elvis Presley Boulevard, Memphis Police said. Officers found Darnell Hayes-")
    evidence = "Officers found Darnell Hayes suffering from a gunshot wound near Winchester Road."
    lead_terms = signature_terms(make_signature(lead))
    report_terms = signature_terms(make_signature(f"{lead}\n{evidence}\nMemphis"))
    assert {"memphis", "elvis", "presley", "boulevard", "darnell", "hayes"} <= lead_terms
    assert lead_terms <= report_terms
