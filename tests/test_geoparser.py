"""Toponym recognition, resolution with context, event location and `polemos geoparse`."""

from __future__ import annotations

import json
from collections import defaultdict

import pytest

from conftest import jsonl


def places_of(nlp, text):
    return list(nlp(text)._.places)


def test_example_places_resolve(example_result):
    by_text = {}
    for p in example_result.places:
        by_text.setdefault(p.text, p)
    expected = {"Baku": "AZ", "Armenia": "AM", "Azerbaijan": "AZ", "Russia": "RU", "Turkey": "TR", "Moscow": "RU",
                "Shusha": "AZ", "Nagorno-Karabakh": "AZ"}
    for text, cc in expected.items():
        assert text in by_text and by_text[text].country_code == cc, text
    town = [p for p in example_result.places if p.text.startswith("Khodzhave")]
    assert town and abs(town[0].latitude - 39.79) < 0.1 and abs(town[0].longitude - 47.11) < 0.1
    capital = [p for p in example_result.places if p.text == "Stepanakert"]
    assert capital and capital[0].latitude == pytest.approx(39.8177, abs=0.05)


def test_demonyms_and_metonyms(nlp):
    places = places_of(nlp, "Baku said Armenian-backed forces shelled the village of Shusha.")
    roles = {p.text: p.role for p in places}
    assert roles["Baku"] == "metonym"
    assert roles["Armenian"] == "demonym"
    assert roles["Shusha"] == "place"
    assert next(p for p in places if p.text == "Armenian").country_code == "AM"


def test_hierarchy_and_country_focus(nlp):
    places = places_of(nlp, "Gunmen attacked a checkpoint in Andar district, Ghazni province, Afghanistan.")
    ghazni = next(p for p in places if p.text.startswith("Ghazni"))
    assert ghazni.country_code == "AF"
    georgia = places_of(nlp, "Protesters gathered in Atlanta, Georgia, on Sunday.")
    assert next(p for p in georgia if p.text == "Georgia").country_code == "US"
    tbilisi = places_of(nlp, "Russian troops crossed into Georgia near Tbilisi.")
    assert next(p for p in tbilisi if p.text == "Georgia").country_code == "GE"


def locate_event(nlp, text: str, trigger: str, within: str | None = None):
    """The location polemos_event_location gives one event read from the whole text (or the part
    `within` of it) at `trigger`."""
    from polemos.model import Event, TextSpan

    doc = nlp.make_doc(text)
    for name, proc in nlp.pipeline:
        if name == "polemos_event_location":
            break
        doc = proc(doc)
    start = text.index(trigger)
    first = text.index(within) if within else 0
    doc._.events = [Event(id="e1", event_type="Explosions/Remote violence", sub_event_type="Remote explosive/landmine/IED",
                          disorder_type="Political violence", evidence=[TextSpan(start=first, end=first + len(within or text))],
                          trigger=TextSpan(start=start, end=start + len(trigger)))]
    doc._.event_spans = {}
    doc = nlp.get_pipe("polemos_event_location")(doc)
    return doc._.events[0].location


def test_event_location_picks_the_place_of_the_event(nlp):
    text = ("Officials in Kabul said on Monday that a roadside bomb killed three soldiers near Lashkar Gah "
            "in Helmand province.")
    loc = locate_event(nlp, text, "killed")
    assert loc is not None and loc.name.startswith("Lashkar")
    assert loc.country_code == "AF" and loc.geo_precision == 2  # 'near' a town


def test_event_in_a_named_district_is_at_the_district(nlp):
    loc = locate_event(nlp, "Security forces clashed with Taliban fighters in Nad Ali district of Helmand on Tuesday.", "clashed")
    assert loc.feature_code == "ADM2" and loc.admin1 == "Helmand" and loc.admin2
    assert loc.geo_precision == 2
    assert loc.latitude == pytest.approx(31.64, abs=0.1) and loc.longitude == pytest.approx(64.24, abs=0.1)


def test_a_county_locates_a_us_event(nlp):
    loc = locate_event(nlp, "A man was shot and killed in Harris County, Texas, on Sunday night.", "shot")
    assert loc.feature_code == "ADM2" and loc.admin1 == "Texas" and loc.geo_precision == 2
    assert loc.latitude == pytest.approx(29.8, abs=0.3)  # Houston, not Harris County, Georgia


def test_province_only_event_is_at_the_provincial_seat(nlp):
    loc = locate_event(nlp, "Gunmen attacked a police checkpoint in Anbar province, killing two officers.", "attacked")
    assert loc.feature_code == "ADM1" and loc.geo_precision == 3
    assert loc.latitude == pytest.approx(33.42, abs=0.05) and loc.longitude == pytest.approx(43.31, abs=0.05)  # Ramadi


def test_the_area_of_a_town_is_near_the_town(nlp):
    # ACLED codes 'in the area of X' as around X (geo_precision 2), as it does 'near X'
    loc = locate_event(nlp, "Rebels fired mortars at army positions in the area of Lysychansk, Luhansk.", "fired")
    assert loc.name == "Lysychansk" and loc.geo_precision == 2


@pytest.mark.parametrize("text", [
    "Taliban fighters attacked a police checkpoint in Mir Ali Shah district, Farah.",
    "Taliban fighters attacked a police checkpoint in Mir Ali Shah district, Farah province.",
])


def test_a_place_after_an_unknown_district_is_known_to_district_level(nlp, text):
    # a district name not read as a place (here a person's name): Farah, town or province, only says where it lies
    loc = locate_event(nlp, text, "attacked")
    assert loc.admin1 == "Farah" and loc.geo_precision == 2


def test_an_event_of_a_later_sentence_of_a_note_is_at_its_town(nlp):
    # the note names its scene once, at its start: the deaths told after it happened in that town
    text = "On 4 June 2021, in Tulancingo, Hidalgo, armed men fired at traders in a market. A woman was injured."
    loc = locate_event(nlp, text, "injured", within="A woman was injured.")
    assert loc.name == "Tulancingo" and loc.geo_precision == 1


def test_an_event_of_a_later_sentence_of_a_note_is_at_its_district(nlp):
    text = "On 4 June 2021, in Harris County, Texas, a gunman fired at a crowd outside a bar. A woman was injured."
    loc = locate_event(nlp, text, "injured", within="A woman was injured.")
    assert loc.feature_code == "ADM2" and loc.geo_precision == 2  # district level, as if named in its sentence


def test_town_in_its_province_is_the_event_place_not_the_province(nlp):
    loc = locate_event(nlp, "Turkish forces shelled Tall Rifat in Aleppo with artillery.", "shelled")
    assert loc.name.startswith("Tall Rif") and loc.geo_precision == 1


def test_street_named_after_a_town_is_not_the_event_place(nlp):
    loc = locate_event(nlp, "Police dispersed a protest on Murree road in Rawalpindi.", "dispersed")
    assert loc.name == "Rawalpindi"


@pytest.mark.parametrize("text, precision", [
    # ACLED, whose gazetteer has the village, codes the event at the village the note names (1) ...
    ("Militants attacked the village of Dhirwah (Mukayras, Al Bayda), killing three.", 1),
    # ... and near it when the note puts the event only around it (2)
    ("Militants attacked positions near Dhirwah (Mukayras, Al Bayda), killing three.", 2),
    ("Militants attacked positions in the Dhirwah area (Mukayras, Al Bayda), killing three.", 2),
    ("Militants attacked a convoy between Hamra and Dhirwah (Mukayras, Al Bayda), killing three.", 2),
])


def test_unknown_village_is_put_at_its_bracketed_district(nlp, text, precision):
    loc = locate_event(nlp, text, "attacked")
    assert loc.admin2 == "Mukayras" and loc.admin1 == "Al Bayda" and loc.geo_precision == precision


def test_unknown_village_in_a_province_is_at_the_provincial_seat(nlp):
    loc = locate_event(nlp, "Gunmen killed two farmers in Khirbat Umlaq (Anbar), according to local sources.", "killed")
    assert loc.feature_code is None and loc.admin1 == "Anbar" and loc.geo_precision == 1  # ACLED knows the village
    assert loc.latitude == pytest.approx(33.42, abs=0.05) and loc.longitude == pytest.approx(43.31, abs=0.05)  # Ramadi


@pytest.mark.parametrize("text, precision", [
    ("Gunmen killed two shepherds in Qaryat Zbeir in Kirkuk province.", 1),  # a village of Kirkuk, not Kirkuk at large
    ("Soldiers repelled an attack in the Wadi Zbeir desert in Anbar province.", 2),  # around a place of Anbar
    ("Soldiers killed two Taliban in Kunduz province.", 3),  # 'Taliban' names who, not where
])


def test_a_province_after_a_name_it_holds_is_known_as_that_place(nlp, text, precision):
    loc = locate_event(nlp, text, text.split()[1])
    assert loc.feature_code == "ADM1" and loc.geo_precision == precision


def test_unknown_spelling_is_read_as_a_town_near_its_named_province(nlp):
    loc = locate_event(nlp, "Unknown gunmen shot dead a shopkeeper in Tarmiyah (Diyala).", "shot")
    assert loc.feature_code == "PPL" and loc.latitude == pytest.approx(33.67, abs=0.05)  # the town, not Diyala's centre


def test_joined_spelling_is_read_as_the_town_of_its_province(nlp):
    text = "Members of the Bhatti clan clashed with rivals in Tandoallahyar town (Tandoallahyar, Sindh)."
    loc = locate_event(nlp, text, "clashed")
    assert loc.name == "Tando Allahyar" and loc.feature_code == "PPL"  # not a guess at Sindh's seat


@pytest.mark.parametrize("text, precision", [
    ("Taliban militants attacked a checkpoint in Aqcha district, Jowzjan.", 2),  # the district around the town
    ("Gunmen shot dead two policemen in Aqcha district center, Jowzjan.", 1),  # the town itself
])


def test_a_town_named_as_its_district_is_near_the_town(nlp, text, precision):
    loc = locate_event(nlp, text, text.split()[2])
    assert loc.name == "Aqcha" and loc.geo_precision == precision


@pytest.mark.parametrize("text, trigger, town", [
    ("Settlers threw stones at Palestinian farmers near the town of Huwara, wounding two.", "threw", "Huwara"),
    ("Traders blocked the Peshawar-Torkham highway to protest against new customs duties.", "blocked", "Peshawar"),
    ("Truck drivers blocked the Lahore-Sheikhupura road, demanding lower fuel prices.", "blocked", "Lahore"),
    ("Regime forces shelled villages in the Saraqib countryside.", "shelled", "Saraqib"),
    ("Two shepherds were found dead in the Palmyra desert.", "found", "Tadmur"),
])


def test_an_event_around_a_town_is_near_it(nlp, text, trigger, town):
    # ACLED codes an event near a town, on a road from it or in the area around it at geo_precision 2
    loc = locate_event(nlp, text, trigger)
    assert loc.name == town and loc.geo_precision == 2


def test_a_province_called_a_city_is_its_seat_town(nlp):
    # ACLED codes 'X city' as the town (geo_precision 1), though the gazetteer reads X as the province
    loc = locate_event(nlp, "A car bomb exploded in a market in Ar-Raqqa city, killing five.", "exploded")
    assert loc.feature_code == "ADM1" and loc.geo_precision == 1


@pytest.mark.parametrize("text, trigger, where", [
    ("Militants ambushed a U.S. army convoy on Tuesday.", "ambushed", None),  # whose convoy, not where
    ("Insurgents shot down a U.S. army helicopter in northern Iraq on Friday.", "shot", "Iraq"),
])


def test_a_country_qualifying_a_noun_is_no_scene(nlp, text, trigger, where):
    loc = locate_event(nlp, text, trigger)
    assert (loc.name if loc else None) == where


@pytest.mark.parametrize("text, trigger, where", [
    ("Thousands of Cuban exiles marched in Miami's Little Havana neighborhood on Sunday.", "marched", "Little Havana"),
    ("Farmers demonstrated against a land seizure in China's southern Guangdong province.", "demonstrated", "Guangdong"),
])


def test_a_possessor_place_only_says_where_the_next_is(nlp, text, trigger, where):
    assert locate_event(nlp, text, trigger).name == where


def test_a_town_after_a_bearing_is_a_reference_point(nlp):
    from polemos.pipeline.event_location import _after_a_bearing

    text = "Coalition air raids were reported on Majzar district west of Marib city with no casualties."
    loc = locate_event(nlp, text, "raids")
    assert loc.name == "Majzar" and loc.feature_code == "ADM2"  # the district, not the town it lies west of
    assert _after_a_bearing("district west of".split()) and not _after_a_bearing("in the west of".split())  # a part of X


def test_bracketed_district_after_a_country_is_the_event_place(nlp):
    text = "Pro-Houthi forces shelled homes in Bayt Marwan in western Yemen (Hays, Al Hudaydah), wounding a child."
    loc = locate_event(nlp, text, "shelled")
    assert loc.name == "Hays" and loc.admin1 == "Al Hudaydah" and loc.geo_precision == 2  # not Yemen at large


def test_geoparse_cli_refuses_a_document_too_long_and_goes_on(cli, tmp_path):
    # a text over the parser's limit raised inside spaCy and ended the whole run
    (tmp_path / "a_long.txt").write_text("Shelling hit Donetsk overnight. " * 40_000)
    (tmp_path / "b_short.txt").write_text("Shelling hit Donetsk overnight.")
    (tmp_path / "c_long.jsonl").write_text(json.dumps({"id": "c", "text": "Kharkiv. " * 120_000, "spans": [[0, 7]]}) + "\n")
    result = cli("geoparse", str(tmp_path))
    out = {o["id"]: o for o in jsonl(result.stdout)}
    assert "too long" in out["a_long"]["error"] and "too long" in out["c"]["error"]
    assert [p["text"] for p in out["b_short"]["places"]] == ["Donetsk"]


def test_geoparse_cli_resolves_given_spans_in_order(cli, tmp_path):
    text = "Shelling hit Donetsk and Kharkiv while Moscow denied it."
    spans = [[text.index("Kharkiv"), text.index("Kharkiv") + 7], [text.index("Donetsk"), text.index("Donetsk") + 7],
             [0, 8]]
    path = tmp_path / "in.jsonl"
    path.write_text(json.dumps({"id": "d1", "text": text, "spans": spans}) + "\n" + "not json\n", encoding="utf-8")
    result = cli("geoparse", str(path))
    out = jsonl(result.stdout)
    assert [o["id"] for o in out] == ["d1", "line-2"] and "error" in out[1]
    places = out[0]["places"]
    assert [p["text"] for p in places] == ["Kharkiv", "Donetsk", "Shelling"]
    assert places[0]["country_code"] == "UA" and places[1]["country_code"] == "UA"


def test_geoparse_without_spans_finds_toponyms(cli, tmp_path):
    path = tmp_path / "doc.txt"
    path.write_text("Clashes erupted in Aleppo and Idlib, Syria.", encoding="utf-8")
    out = jsonl(cli("geoparse", str(path)).stdout)
    texts = {p["text"]: p for p in out[0]["places"]}
    assert {"Aleppo", "Idlib", "Syria"} <= set(texts)
    assert texts["Aleppo"]["country_code"] == "SY"


def resolve_given(nlp, text, names):
    """Resolve the given names of text; a (name, n) pair is the n-th occurrence of name (from 0)."""
    from polemos.gazetteer.geoparse import resolve_spans

    spans = []
    for name in names:
        name, n = name if isinstance(name, tuple) else (name, 0)
        start = -1
        for _ in range(n + 1):
            start = text.index(name, start + 1)
        spans.append([start, start + len(name)])
    return resolve_spans(nlp, nlp(text), spans)


def near(place, lat, lon, km):
    from polemos.gazetteer.distance import haversine_km

    return place.latitude is not None and haversine_km(place.latitude, place.longitude, lat, lon) <= km


def test_short_title_case_words_are_not_postal_codes(nlp):
    places = places_of(nlp, "On 2 May 2020, heavy artillery fire was reported in Al Shok road in Al Farnaj (Tripoli). "
                            "No casualties reported.")
    assert not [p for p in places if p.country_code in ("US", "GW")]  # not Alabama, not a division coded 'NO'


def test_compass_names_are_not_foreign_divisions(nlp):
    places = places_of(nlp, "The governments of two dozen Western countries expelled Russian diplomats, "
                            "deepening the crisis between Russia and the West.")
    assert not [p for p in places if p.country_code in ("AS", "CM")]  # American Samoa's 'Western', Cameroon's 'West'


def test_abbreviation_is_a_country_not_a_village(nlp):
    text = "SA holds unparalleled reserves of platinum, most of them in Limpopo and the North West provinces."
    sa = resolve_given(nlp, text, ["SA", "Limpopo"])[0]
    assert sa.country_code != "CY"  # not Siá, whose alternate names include 'SA'


def test_a_name_pinned_by_its_parent_keeps_that_place(nlp):
    places = places_of(nlp, "On 6 May 2020, pro-Houthi forces fired at residential neighbourhoods in the city of Hays "
                            "in western Yemen (Hays, Al Hudaydah).")
    assert [p.country_code for p in places if p.text == "Hays"] == ["YE", "YE"]


def test_demonyms_do_not_move_unknown_villages_abroad(nlp):
    places = places_of(nlp, "Movement of forces: On 2 May 2020, Russian military police conducted a patrol in the "
                            "vicinity of Abu Rasin in the northern countryside of Al-Hasakeh.")
    village = next(p for p in places if p.text == "Abu Rasin")
    assert village.country_code == "SY"  # who patrolled (Russian) says little of where


def test_unknown_building_takes_the_town_named_beside_it(nlp):
    text = ("Alfie was moved to Alder Hey Children's Hospital in Liverpool after a week at a clinic in Manchester, "
            "his parents said.")
    hospital = resolve_given(nlp, text, ["Alder Hey Children's Hospital", "Liverpool", "Manchester"])[0]
    assert near(hospital, 53.41, -2.98, 20)


def test_city_inside_a_street_name_must_be_near_the_story(nlp):
    text = "Thieves were caught on camera on Hampton Avenue in the St. Louis Hills area, police in St. Louis said."
    avenue = resolve_given(nlp, text, ["Hampton Avenue", "St. Louis"])[0]
    assert near(avenue, 38.63, -90.2, 50)  # not Hampton, Virginia


def test_town_inside_its_province_by_admin1(nlp):
    text = "Students held a demonstration outside the district administration in Kadikoy, Istanbul, on Friday."
    kadikoy = next(p for p in places_of(nlp, text) if p.text == "Kadikoy")
    assert kadikoy.admin1 == "Istanbul"  # not the Kadıköy villages of Yalova or Aydın


def test_given_span_reads_its_recognised_parent(nlp):
    text = "8024 Turtle Creek Cir., Gainesville, Va. There will be 70 townhouses ranging from $520,000."
    gainesville = resolve_given(nlp, text, ["Gainesville"])[0]
    assert near(gainesville, 38.8, -77.6, 30)  # Virginia, not Florida


def test_small_town_far_from_the_story_is_left_to_the_fallback(nlp):
    text = ("On 28 April 2020, in Governador Valadares, Minas Gerais, a man was injured in a drive-by shooting in "
            "Jardim do Trevo neighborhood by armed men in a car.")
    jardim = next(p for p in places_of(nlp, text) if p.text.startswith("Jardim"))
    assert near(jardim, -18.85, -41.95, 30)  # the neighbourhood is in the city, not Jardim in Ceará


def test_village_in_a_bracketed_division_of_a_neighbour_country(nlp):
    # 'Niger' is a country and a Nigerian state: the bracket locates Kagara, which is in the state
    text = "On 7 May 2020, unidentified gunmen attacked Kagara (Rafi LGA, Niger), killed 1 resident."
    kagara = next(p for p in places_of(nlp, text) if p.text == "Kagara")
    assert kagara.country_code == "NG" and kagara.admin1 == "Niger"


def test_division_that_ner_calls_a_person_is_a_parent(nlp):
    text = "On 3 May 2020, unidentified gunmen killed 1 resident of Miango (Bassa LGA, Plateau)"
    places = places_of(nlp, text)
    assert any(p.text == "Bassa" for p in places)
    plateau = next(p for p in places if p.text == "Plateau")
    assert plateau.country_code == "NG"  # Bassa is in Nigeria's Plateau, not Benin's


def test_state_abbreviation_in_brackets(nlp):
    text = "On 8 May 2020, two mobs clashed with each other in Kotwali Nagar, Pratapgarh (UP) over a property dispute."
    town = next(p for p in places_of(nlp, text) if p.text == "Pratapgarh")
    assert town.admin1 == "Uttar Pradesh"  # not Pratapgarh, Rajasthan


def test_currency_country_is_no_event_place(nlp):
    text = ("On 28 April 2020, protesters demonstrating against the high US dollar exchange rate blocked the main "
            "road in Tripoli, Lebanon.")
    us = next(p for p in places_of(nlp, text) if p.text == "US")
    assert us.role == "embedded"


def test_west_coast_is_no_gambian_division(nlp):
    text = resolve_given(nlp, "The race was won by the USA's West Coast, ahead of horses from Dubai.", ["West Coast", "Dubai"])
    assert text[0].country_code != "GM"


def test_armed_group_of_a_country_votes_for_its_country(nlp):
    # 'Al Bayda' is a Libyan city and a Yemeni governorate: Houthi forces fight in Yemen
    text = "On 8 May 2020, clashes erupted between pro-Houthi forces and tribal militias in the eastern part of Al Bayda."
    bayda = next(p for p in places_of(nlp, text) if p.text == "Al Bayda")
    assert bayda.country_code == "YE"


ARMED_GROUPS_COUNTRY = [
    # the gazetteer lacks this Lebanese village; its nearest spelling is a Russian town: Hezbollah acts in Lebanon
    ("On 12 March 2021, Hezbollah members beat a journalist in Ansar.", "Ansar", "LB"),
    # 'Bar' of a Lebanese note is no Montenegrin town of 17,000, although the note names no other place
    ("On 2 April 2021, Hezbollah supporters clashed with residents in Bar after a funeral.", "Bar", "LB"),
    # a village the gazetteer lacks altogether, and no other place: Hezbollah says Lebanon
    ("On 12 March 2021, Hezbollah members beat a journalist in Jibchit.", "Jibchit", "LB"),
    # the PKK is a Turkish group that fights in northern Iraq: a village there stays Iraqi
    ("On 12 March 2021, Turkish warplanes struck PKK positions near Kani Masi.", "Kani Masi", "IQ"),
]


@pytest.mark.parametrize("text,name,country", ARMED_GROUPS_COUNTRY)
def test_village_and_the_armed_groups_country(nlp, text, name, country):
    assert place_named(nlp, text, name).country_code == country


def test_village_in_the_province_of_the_other_places(nlp):
    # several Vasylivkas: the one in the oblast of the city the note measures from
    text = "On 4 May 2020, the SMM observed two explosions near Vasylivka, 8km south of Horlivka."
    village = next(p for p in places_of(nlp, text) if p.text == "Vasylivka")
    assert village.admin1 == "Donetsk"  # not Vasylivka, Zaporizhia


def test_a_district_abroad_is_no_place_of_a_one_country_note(nlp):
    # 'Bara' is a Sudanese district; in a note about Idleb it is a Syrian town the gazetteer lacks
    text = "On 28 April 2020, regime forces shelled Bara in Idleb countryside with rocket artillery."
    bara = next(p for p in places_of(nlp, text) if p.text == "Bara")
    assert bara.country_code == "SY"


def test_name_ending_in_city_is_the_city_even_abroad(nlp):
    # the province has 'Quebec City' among its names; in a story about the US the city is still the city
    text = ("U.S. Trade Representative Robert Lighthizer said in Washington that U.S. talks would go on. "
            "Trudeau spoke to reporters in Quebec City on Tuesday.")
    city = resolve_given(nlp, text, ["U.S.", "Washington", "Quebec City"])[2]
    assert city.feature_code != "ADM1" and near(city, 46.81, -71.21, 30)


def test_a_names_own_votes_are_not_its_context(nlp):
    # 'Paris' votes for France each time it recurs; what the story says of it is Texas
    text = ("Police in Texas said a man was arrested in Paris on Monday. Paris police said he had driven "
            "from Dallas.")
    paris = [p for p in resolve_given(nlp, text, ["Texas", "Paris", "Dallas"]) if p.text == "Paris"][0]
    assert paris.country_code == "US"


def test_street_named_after_a_place_is_not_that_place(nlp):
    text = "The clinic at 401 - 333 Victoria St. in Nelson, British Columbia, reopened on Monday."
    street = resolve_given(nlp, text, ["401 - 333 Victoria St.", "Nelson", "British Columbia"])[0]
    assert near(street, 49.49, -117.29, 50)  # not the Australian state, nor Victoria, BC


def test_city_inside_a_company_name_within_a_named_division(nlp):
    # New Orleans is 230 km from Louisiana's centre, but inside the state the story names
    text = "The New Orleans Railways and Light Company built the power house, records of the state of Louisiana show."
    company = resolve_given(nlp, text, ["New Orleans Railways and Light Company", "Louisiana"])[0]
    assert near(company, 29.95, -90.07, 30)


def test_demonyms_of_regions_and_peoples(nlp):
    places = places_of(nlp, "Bosnian Serb forces shelled the town, a Sicilian newspaper said, as Siberian gas flowed west.")
    by_text = {p.text: p for p in places}
    assert by_text["Serb"].country_code == "RS"
    assert by_text["Sicilian"].admin1 == "Sicily"
    assert near(by_text["Siberian"], 60.0, 100.0, 50)


def test_world_regions_sit_at_geonames_points():
    # gazetteer-annotated corpora (GeoWebNews) put these at GeoNames's points, not at centroids
    from polemos.gazetteer.build import read_tsv
    from polemos.gazetteer.distance import haversine_km

    rows = {r["name"]: r for r in read_tsv("regions.tsv")}
    expected = {"Middle East": (33.14, 35.86), "Atlantic Ocean": (10.0, -25.0), "Pacific Ocean": (3.51, -132.19),
                "Latin America": (-14.6, -57.66), "Niger Delta": (4.83, 6.0)}
    for name, (lat, lon) in expected.items():
        row = rows[name]
        assert haversine_km(float(row["latitude"]), float(row["longitude"]), lat, lon) < 20, name
    assert "North Atlantic" in rows["North Atlantic Ocean"]["aliases"]


def test_a_list_after_a_town_is_no_parent(nlp):
    # 'Saipan, Guam': Saipan is not in Guam, and Guam is not in Alaska: a list, not a hierarchy
    text = "Trips to Saipan, Guam, Alaska, Hawaii, Florida and Washington, D.C., have kept the team busy."
    saipan = resolve_given(nlp, text, ["Saipan", "Guam", "Alaska", "Hawaii", "Florida"])[0]
    assert near(saipan, 15.21, 145.75, 20)


def test_namesake_beside_the_storys_other_places(nlp):
    # Newport in Wales and Newport on the Isle of Wight are both within 250 km of Cowes
    text = "Ferries from Cowes and Ryde were cancelled, and the council in Newport closed two schools."
    newport = resolve_given(nlp, text, ["Cowes", "Ryde", "Newport"])[2]
    assert near(newport, 50.70, -1.29, 15)


def test_small_town_in_the_state_the_story_names(nlp):
    # a Shelby of 74,000 in Michigan no longer blocks the Montana division focus
    text = ("HELENA, Mont. (AP) - Montana and CoreCivic are at an impasse over the contract to run the "
            "private prison in Shelby. Officials traveled to Nashville, Tennessee, for talks.")
    shelby = resolve_given(nlp, text, ["HELENA", "Mont.", "Montana", "Shelby", "Nashville", "Tennessee"])[3]
    assert shelby.admin1 == "Montana"


def test_continent_in_a_facility_name_is_not_its_place(nlp):
    text = "Two fans died after a concert in the parking lot of the SM Mall of Asia, Manila police said."
    mall = resolve_given(nlp, text, ["SM Mall of Asia", "Manila"])[0]
    assert near(mall, 14.6, 121.0, 30)


def test_unknown_facility_in_a_town_far_from_the_story(nlp):
    # Rome is far from the story's other places, but 'in Rome' says where the hospital is
    text = ("His parents wanted to take him to the Vatican-owned Bambino Gesu Paediatric Hospital in Rome, "
            "they told reporters in London and Liverpool.")
    hospital = resolve_given(nlp, text, ["Bambino Gesu Paediatric Hospital", "Rome", "London", "Liverpool"])[0]
    assert near(hospital, 41.9, 12.5, 30)


def test_demonym_inside_a_longer_place_name(nlp):
    # 'Indian' and 'American' are demonyms, but 'Indian Ocean' and 'American Samoa' are places
    places = places_of(nlp, "Ships crossed the Indian Ocean to American Samoa, Indian officials said.")
    by_text = {p.text: p for p in places}
    assert by_text["Indian Ocean"].feature_code == "OCN"
    assert by_text["American Samoa"].country_code == "AS"
    assert by_text["Indian"].role == "demonym"


def test_state_named_by_its_abbreviation_is_the_one_that_recurs(nlp):
    text = ("CAMP MURRAY, Wash. - The team has been all over the world, but its primary focus has been at home "
            "in Washington. Trips to Alaska, Hawaii, Florida and Washington, D.C., followed.")
    places = resolve_given(nlp, text, ["CAMP MURRAY", "Wash.", "Washington", "Alaska", "Hawaii", "Florida",
                                       "Washington, D.C."])
    assert places[2].feature_code == "ADM1" and places[2].admin1 == "Washington"  # the state, not the capital


def test_unknown_abbreviation_spells_out_the_documents_country(nlp):
    text = ("Power over rural land has become concentrated in the hands of chiefs in post-apartheid SA, "
            "above all in the platinum belt of the North West and Limpopo provinces.")
    sa = resolve_given(nlp, text, ["SA", "North West", "Limpopo"])[0]
    assert sa.country_code == "ZA" and sa.feature_code == "PCLI"


def test_the_west_is_the_western_world(nlp):
    from polemos.gazetteer.index import get_gazetteer

    if not get_gazetteer().lookup("Western world", fuzzy=False):
        pytest.skip("gazetteer built before regions.tsv had 'Western world': polemos gazetteer build --force")
    text = "Relations between Russia and the West have never been worse, Moscow said."
    west = resolve_given(nlp, text, ["Russia", "West", "Moscow"])[1]
    assert west.name == "Western world"  # not Cameroon's West, nor a guess at Moscow


def test_states_in_a_list_are_not_towns_in_the_next_state(nlp):
    text = "Cases were reported in a group of states including Ohio, Indiana, Pennsylvania, Wisconsin and California."
    indiana = resolve_given(nlp, text, ["Ohio", "Indiana", "Pennsylvania", "Wisconsin", "California"])[1]
    assert indiana.feature_code == "ADM1"  # not the town of Indiana in Pennsylvania


def test_items_of_a_list_share_their_level(nlp):
    # Georgia beside Ohio in a list of states is the state, not the country
    text = "The beetle has been found in a group of states including Georgia, Ohio, Pennsylvania and Wisconsin."
    georgia = resolve_given(nlp, text, ["Georgia", "Ohio", "Pennsylvania", "Wisconsin"])[0]
    assert georgia.country_code == "US" and georgia.feature_code == "ADM1"


def test_village_that_ner_calls_an_organisation_is_the_event_place(nlp):
    text = "The NAF rebel forces fired heavy machine guns at the governmental positions near Tryokhizbenka, Luhansk."
    loc = locate_event(nlp, text, "fired")
    assert loc.name == "Tryokhizbenka" and loc.admin1 == "Luhansk" and loc.geo_precision == 2
    loc = locate_event(nlp, "Protesters gathered at the public courtyard in Hasbaya against the high prices.", "gathered")
    assert loc.name == "Hasbaya" and loc.country_code == "LB"


def test_neighbourhood_names_are_no_places(nlp):
    text = "In Tlaquepaque, Jalisco, two men were found dead in Colonia Tempisque."
    loc = locate_event(nlp, text, "found dead")
    assert loc.name == "Tlaquepaque"  # not 'La Colonia', a village 46 km away
    assert not any(p.text.startswith("Colonia") for p in places_of(nlp, text))


def test_sector_area_in_brackets_is_inside_its_district(nlp):
    text = "Military forces of India and Pakistan exchanged fire across the LoC in Naushera sector area (Rajouri district, J&K)."
    loc = locate_event(nlp, text, "exchanged fire")
    assert loc.country_code == "IN" and loc.admin1 == "Jammu and Kashmir"  # not Nowshera in Khyber Pakhtunkhwa
    assert near(loc, 33.38, 74.31, 30)


def place_named(nlp, text, name):
    """The first place found in text whose mention is name (failing when there is none)."""
    found = [p for p in places_of(nlp, text) if p.text == name]
    assert found, f"{name!r} is not a toponym of {text!r}"
    return found[0]


def test_initials_with_an_ampersand_name_a_state(nlp):
    jk = place_named(nlp, "Demonstrators pelted stones at police in Nasarullahpur town (Budgam district, J&K).", "J&K")
    assert jk.feature_code == "ADM1" and jk.country_code == "IN"


def test_a_place_abroad_does_not_locate_the_event_of_a_one_country_note(nlp):
    text = ("Sri Lankan police assaulted a Tamil family at a house in Kudathanai - Mallikkadil Amman Koviladi area "
            "of Vadamaradchy East divisional secretariat (Jaffna district).")
    loc = locate_event(nlp, text, "assaulted")
    assert loc.country_code == "LK"  # not Amman, Jordan


def test_note_country_needs_a_lead():
    from polemos.model import Place
    from polemos.pipeline.event_location import note_country

    def place(cc, code, role="place"):
        return Place(text=f"{cc} {code}", start=0, end=1, latitude=1.0, longitude=1.0, country_code=cc, feature_code=code, role=role)

    # a province of one country outweighs a town of another
    assert note_country([place("LB", "ADM1"), place("MA", "PPL")]) == "LB"
    assert note_country([place("LB", "PPL"), place("MA", "PPL")]) is None
    # a country or a people, however often named, counts once and less than a place
    people = place("PS", "PCLI", "demonym")
    assert note_country([place("SY", "PPL"), place("TR", "PCLI"), place("TR", "PCLI", "demonym")]) == "SY"
    assert note_country([people, people, people, place("LB", "PPL"), place("LB", "PCLI")]) == "LB"
    assert note_country([place("AF", "PPL"), place("PK", "ADM1")], actors=["AF"]) == "AF"
    assert note_country([place("AF", None)]) is None  # a guess does not vote


def test_entity_holding_a_comma_is_a_town_and_its_province(nlp):
    loc = locate_event(nlp, "In the rural area of Contulmo, Biobio, at least 10 trucks were set on fire by armed men.", "set on fire")
    # 'the (rural) area of X' is around X: ACLED codes it so (2) more often than at X itself (1)
    assert loc.name == "Contulmo" and loc.geo_precision == 2


def test_spanish_name_with_los_is_one_name(nlp):
    loc = locate_event(nlp, "In Leon de los Aldama, Guanajuato, a man was shot inside a car by several armed men.", "shot")
    assert loc.name.startswith("León de los Aldama")


def test_known_start_of_a_longer_unknown_name_is_no_place(nlp):
    text = "In Atenango del Rio, Guerrero, a man was found dead in San Juan de Teocalcingo village."
    loc = locate_event(nlp, text, "found dead")
    assert loc.name.startswith("Atenango del R")  # not a San Juan elsewhere
    # a day after the name does not make it longer
    assert [p.name for p in places_of(nlp, "A man was shot in San Antonio on Friday.")] == ["San Antonio"]


def test_near_spelling_is_kept_when_nothing_else_is_named(nlp):
    # 'Qalqiliyah' is a near spelling of Qalqilyah; with no other place named it is far from nothing
    loc = locate_event(nlp, "Israeli forces raided the city of Qalqiliyah from the north.", "raided")
    assert loc.country_code == "PS" and near(loc, 32.19, 34.97, 10)  # the town, or its governorate at its seat


def test_district_that_ner_reads_as_a_person_with_its_word(nlp):
    text = "A caretaker was injured in an explosion at a mosque in Shoorki area of Kurram District (Khyber Pakhtunkhwa)."
    kurram = place_named(nlp, text, "Kurram District")
    assert kurram.feature_code == "ADM2" and kurram.country_code == "PK"


def test_district_ner_calls_a_person_before_its_bracketed_province(nlp):
    sirwah = place_named(nlp, "Clashes erupted between pro-Houthi forces and pro-Hadi forces on the Sirwah (Marib) frontline.", "Sirwah")
    assert sirwah.country_code == "YE" and sirwah.admin1 == "Marib"


def test_a_long_article_has_no_note_country(nlp):
    # in a long story a surname read again and again as a province abroad must not outvote its city
    text = ("Family members have identified the 17-year-old boy fatally shot in Anchorage early Saturday morning "
            "as Jesus Oropeza. Felicia Smith, Oropeza’s aunt, said the boy left his home on foot at around midnight. "
            "By the time his father had put on his coat and shoes, Oropeza had already made his way down the street. "
            + "“Oropeza was a good kid,” Smith said, and Oropeza’s friends said the same. " * 12)
    assert len(text) > 1000
    loc = locate_event(nlp, text, "shot")
    assert loc.name == "Anchorage" and loc.country_code == "US"


def test_small_town_of_a_named_state_is_no_venues_place(nlp):
    # 'Rogers' inside the venue's name is a sponsor, not Rogers, Texas (1,200 people, inside the Texas named)
    text = ("The Canadian club opens its season in Toronto this afternoon, and there will be two noticeable "
            "absentees at the Rogers Centre when the Texas Rangers visit.")
    venue = resolve_given(nlp, text, ["Canadian", "Toronto", "Rogers Centre", "Texas"])[2]
    assert near(venue, 43.64, -79.39, 30)


def test_town_abroad_inside_a_name_in_a_one_country_story(nlp):
    text = ("At the Liverpool Academy, boys aged five to 18 train on the grounds of a school east of Cairo. "
            "Salah left Egypt and made his name at Liverpool.")
    academy = resolve_given(nlp, text, ["Liverpool Academy", "Cairo", "Egypt", "Liverpool"])[0]
    assert near(academy, 30.06, 31.25, 50)  # the branch in Egypt, not the club's city


def test_county_that_holds_a_town_the_story_names(nlp):
    text = ("Using ground-penetrating radar, Suffolk County detectives found a skeleton buried under the "
            "basement of a home in the town of Southold.")
    county = resolve_given(nlp, text, ["Suffolk County", "Southold"])[0]
    assert county.admin1 == "New York"  # not the Massachusetts county of Boston


def test_embassy_in_the_named_host_country(nlp):
    # 'in the Holy See' says where the embassy is, though NER reads the place as part of its name
    text = "The President of Armenia then visited the Embassy of the Republic of Armenia in the Holy See."
    embassy = resolve_given(nlp, text, ["Armenia", "Embassy of the Republic of Armenia", "Holy See"])[1]
    assert near(embassy, 41.9, 12.45, 30)


def test_names_before_a_street_word_are_streets(nlp):
    # Lafayette, Louisiana is 190 km away and a city of 120,000: the corner is in the city named
    text = "Crowds gathered on Sunday at Lafayette and Royal streets, a block from the river in New Orleans."
    corner = resolve_given(nlp, text, ["Lafayette", "New Orleans"])[0]
    assert near(corner, 29.95, -90.07, 20)


def test_a_state_among_its_sibling_states_is_no_country(nlp):
    text = ("The team has been invited to join the Georgia National Guard's civil support team, after "
            "deployments to Alaska, Hawaii and Florida.")
    georgia = resolve_given(nlp, text, ["Georgia", "Alaska", "Hawaii", "Florida"])[0]
    assert georgia.country_code == "US"


def test_bare_name_of_a_county_the_story_names(nlp):
    text = ("Suffolk County detectives found a skeleton in the basement of a home in the town of Southold, "
            "the Suffolk Times reported.")
    suffolk = resolve_given(nlp, text, ["Suffolk County", "Southold", "Suffolk"])[2]
    assert suffolk.admin1 == "New York"  # the county, not Suffolk, Virginia


def test_institution_named_by_a_regions_adjective(nlp):
    text = ("The European Commission's plan was welcomed by universities in London, and the European Central "
            "Bank kept rates on hold, the Western Trust said.")
    commission, bank, london, trust = resolve_given(nlp, text, ["European Commission", "European Central Bank",
                                                                "London", "Western Trust"])
    assert near(commission, 48.69, 9.14, 10) and near(bank, 48.69, 9.14, 10)  # Europe's point, not London's
    assert trust.country_code == "GB"  # a compass word is no region's adjective here


def test_small_town_inside_a_name_within_its_given_parent(nlp):
    # Macuto is a small town, but the note gives its state as the bay's parent
    places = places_of(nlp, "On 3 May 2020, in Macuto Bay, Vargas state, a group of armed individuals tried to disembark.")
    bay = next(p for p in places if p.text == "Macuto Bay")
    assert near(bay, 10.6, -66.89, 20)


def test_place_inside_a_team_name_is_the_well_known_one(nlp):
    # Portland, Maine is 150 km from Boston; the team is Oregon's, whose city is ten times larger
    text = "The Portland Trail Blazers beat the Celtics in Boston on Friday night."
    portland = resolve_given(nlp, text, ["Portland", "Boston"])[0]
    assert portland.admin1 == "Oregon"


def test_venue_in_a_named_country_is_at_its_capital(nlp):
    text = "He hopes to announce a tentative agreement at the Summit of the Americas in Peru from April 13-14."
    summit = resolve_given(nlp, text, ["Summit of the Americas", "Peru"])[0]
    assert near(summit, -12.04, -77.03, 30)  # Lima, not the country's centre 250 km away


def test_a_name_a_street_is_said_to_be_called_is_the_street(nlp):
    # Jackson, Tennessee is 130 km from Memphis: 'the avenue was later renamed Jackson' names the avenue
    text = "Crews repaved the old avenue in Memphis last week. Laid out in 1840, the avenue was later renamed Jackson."
    avenue = resolve_given(nlp, text, ["Memphis", "Jackson"])[1]
    assert near(avenue, 35.15, -90.05, 30)


def test_a_street_name_is_the_street_wherever_it_recurs(nlp):
    # the first 'Lafayette' is read as a street by the words after it; the second, bare, is the same street
    text = ("Crowds gathered on Sunday at Lafayette and Royal streets in New Orleans. By nightfall the march "
            "had moved down Lafayette toward the river.")
    second = resolve_given(nlp, text, [("Lafayette", 0), "New Orleans", ("Lafayette", 1)])[2]
    assert near(second, 29.95, -90.07, 20)


def test_a_town_inside_a_name_anchors_a_story_of_streets(nlp):
    # the story names a state, streets and a city only inside a company's name: its unknown places are
    # in that city, not at the centre of the state 200 km away
    text = ("Frenchmen Street was lined with bars by 1900, the oldest of them run by Irish families from "
            "Louisiana's parishes. Dockworkers and sailors filled them at night, and the music spread to "
            "the clubs along the river as the port grew busier every year of that decade. A century later "
            "the buildings were bought by the New Orleans Music Company.")
    street = resolve_given(nlp, text, ["Frenchmen Street", "Louisiana", "New Orleans Music Company"])[0]
    assert near(street, 29.95, -90.07, 30)


def test_a_town_inside_an_organisations_name_is_the_largest_namesake(nlp):
    # Oxford, Mississippi is in the story's country, but 'Oxford Instruments' means the English city
    text = "Engineers at Oxford Instruments said the order from Texas would ship by June."
    oxford = resolve_given(nlp, text, ["Oxford", "Texas"])[0]
    assert oxford.country_code == "GB"


def test_a_name_going_on_after_a_place_makes_it_an_organisations(nlp):
    # NER reads 'Cambridge' alone as the place; 'Analytica', no place nor cue word, goes on with the name
    text = "Voters in Ohio and Texas were targeted by Cambridge Analytica, lawmakers in Washington said."
    cambridge = resolve_given(nlp, text, ["Ohio", "Texas", "Washington", "Cambridge"])[3]
    assert cambridge.role == "embedded" and cambridge.country_code == "GB"


def test_a_road_between_two_places_is_named_for_neither(nlp):
    # 'Jalalabad road' after a hyphen is the Kabul-Jalalabad road, which runs to Jalalabad, not a street named for it
    text = "Gunmen ambushed a convoy on the Kabul-Jalalabad road in Nangarhar province on Monday."
    town = resolve_given(nlp, text, ["Jalalabad", "Nangarhar"])[0]
    assert near(town, 34.43, 70.45, 10)


def test_one_list_of_street_words_serves_the_event_location(nlp):
    # 'drive' was a street word for the geoparser but not for the event location
    loc = locate_event(nlp, "Police dispersed protesters on Kohat drive in Peshawar.", "dispersed")
    assert loc.name == "Peshawar"


def test_a_city_named_last_after_an_institution_word_is_where_it_is(nlp):
    # Dublin is far from the story's Scottish cities, but 'Trinity College Dublin' says where the college is
    text = "She studied at Trinity College Dublin before joining a law firm in Glasgow and later in Edinburgh."
    college = resolve_given(nlp, text, ["Trinity College Dublin", "Glasgow", "Edinburgh"])[0]
    assert near(college, 53.34, -6.27, 20)


def test_a_small_town_inside_an_organisations_name_may_lie_far_from_the_story(nlp):
    # Aspen, Colorado (7,000 people) is 2,400 km from Washington: no stray reading of a local place
    text = "Researchers at the Aspen Institute briefed lawmakers in Washington and Baltimore on Tuesday."
    aspen = resolve_given(nlp, text, ["Aspen", "Washington", "Baltimore"])[0]
    assert near(aspen, 39.19, -106.82, 30)


def resolve_each(nlp, text, name):
    """Every occurrence of `name` in `text`, resolved together."""
    from polemos.gazetteer.geoparse import resolve_spans

    starts = [k for k in range(len(text)) if text.startswith(name, k)]
    return resolve_spans(nlp, nlp(text), [[k, k + len(name)] for k in starts])


def test_a_division_court_or_legislature_names_the_division(nlp):
    # 'New York' bare is the city; its court and its lawmakers are the state's
    text = "A New York court ruled on Tuesday that the developer owed damages, and New York lawmakers welcomed it."
    assert [p.feature_code for p in resolve_each(nlp, text, "New York")] == ["ADM1", "ADM1"]
    assert resolve_given(nlp, "She flew to New York on Friday.", ["New York"])[0].feature_code != "ADM1"


def test_a_lower_case_compass_word_names_the_part_of_an_ocean(nlp):
    # 'the north Atlantic' is the North Atlantic Ocean, though only 'Atlantic' is capitalised
    text = "Storms formed over the eastern tropical Atlantic, while the north Atlantic stayed calm."
    assert [p.name for p in resolve_each(nlp, text, "Atlantic")] == ["Atlantic Ocean", "North Atlantic Ocean"]


def test_latin_as_an_adjective_is_latin_america(nlp):
    # 'Latin-born players': the adjective of Latin America, as 'Latin American' is
    latin = resolve_given(nlp, "He became the hits leader among Latin-born players in the league.", ["Latin"])[0]
    assert latin.name == "Latin America"


def test_an_item_of_a_list_of_states_is_the_state(nlp):
    # 'Washington' between Virginia and West Virginia is the state, not the capital
    text = "Cases were confirmed in Oregon, Utah, Virginia, Washington, West Virginia and Wyoming."
    washington = resolve_given(nlp, text, ["Oregon", "Utah", "Virginia", "Washington", "West Virginia", "Wyoming"])[3]
    assert washington.feature_code == "ADM1"


def test_a_bare_name_is_the_city_though_its_province_was_geocoded_elsewhere(nlp):
    # the build moves Neuquén and Mendoza provinces off their cities; a bare name still means the city
    for city in ("Neuquen", "Mendoza"):
        place = resolve_given(nlp, f"About 400 people in {city} protested against the local authorities.", [city])[0]
        assert place.feature_code != "ADM1", city


def test_indonesian_provinces_have_their_english_names(nlp):
    # the packaged names are Indonesian (Jawa Barat, Sumatera Utara); news writes them in English
    text = "A woman from West Java and two men from North Sumatra died of bird flu, officials in Jakarta said."
    java, sumatra = resolve_given(nlp, text, ["West Java", "North Sumatra"])
    assert (java.country_code, java.feature_code, sumatra.country_code) == ("ID", "ADM1", "ID")


@pytest.mark.parametrize("text, trigger, lat, lon", [
    ("Turkish forces shelled houses in Ras al-Ain (Al-Hasakeh), wounding two civilians.", "shelled", 36.85, 40.07),
    ("Rebels stole sheep from farmers in Tal Tamer (Al-Hasakeh) on Tuesday.", "stole", 36.66, 40.37),
    ("Taliban fighters attacked a police checkpoint in Puli Alam (Logar), killing one officer.", "attacked", 34.0, 69.02),
])


def test_a_town_written_in_another_transliteration_is_found(nlp, text, trigger, lat, lon):
    loc = locate_event(nlp, text, trigger)
    assert loc.latitude == pytest.approx(lat, abs=0.05) and loc.longitude == pytest.approx(lon, abs=0.05)


def test_a_near_spelling_far_from_its_bracketed_division_is_no_namesake(nlp):
    # 'Okhla' is no town of the gazetteer; its near spelling Okha (Gujarat) is not in Delhi.
    loc = locate_event(nlp, "Police dispersed a sit-in by students in Okhla (Delhi).", "dispersed")
    assert loc.admin1 == "Delhi" and loc.feature_code is None and loc.geo_precision == 1  # a guess in Delhi


def test_area_in_a_division_name_is_no_town(nlp):
    # 'Area' is an alternate name of a town in Illinois, which pulled Freetown to Massachusetts.
    loc = locate_event(nlp, "Market traders clashed with municipal guards in Freetown city (Western Area Urban, Western) "
                            "over the closure of stalls.", "clashed")
    assert loc.country_code == "SL"


def test_the_last_item_of_a_locator_bracket_is_a_division_whatever_ner_says(nlp):
    # NER reads 'Yagha' as a person; closing '(X, Y)' after a name it is the village's province.
    loc = locate_event(nlp, "Suspected militants burned the market stalls of Dioula (Dioula, Yagha) overnight.", "burned")
    assert loc.country_code == "BF" and loc.admin1 == "Sahel"


def test_an_actors_demonym_does_not_make_a_village_abroad_foreign(nlp):
    # 'Turkish' says who struck, not where: with no place in Turkey named, the Syrian village (a
    # transliteration variant) is not dropped for lying outside the 'document's country'
    places = places_of(nlp, "Turkish drones struck a car near Tal Hamis town on Monday, a local official said.")
    village = next(p for p in places if p.text == "Tal Hamis")
    assert village.country_code == "SY"


def test_a_town_after_rural_is_near_the_town(nlp):
    # 'in rural X': the event was in the country around the town, which ACLED codes as near it
    loc = locate_event(nlp, "Unidentified gunmen killed a shepherd near Umm Hajar in rural Markada in Al-Hasakeh.", "killed")
    assert loc.name == "Markadah" and loc.geo_precision == 2


def test_the_countryside_of_a_town_names_the_town_whatever_ner_says(nlp):
    # NER reads the town after 'the countryside of' as a person; the unknown village is put at that town,
    # not at the province's seat
    text = "Regime artillery shelled the village of Kafr Batna in the countryside of Jisr al Shughur in Idleb."
    assert locate_event(nlp, text, "shelled").name.startswith("Jisr")


def test_the_first_item_of_a_locator_bracket_read_as_an_organisation_is_the_villages_town(nlp):
    # NER reads 'Titao, Loroum' as one organisation: inside '(X, Y)' after a village they are its town and division
    loc = locate_event(nlp, "Gunmen abducted two traders near Gobolo village (Titao, Loroum) on Sunday.", "abducted")
    assert loc is not None and loc.country_code == "BF" and loc.latitude == pytest.approx(13.77, abs=0.05)


@pytest.mark.parametrize("text", [
    "Monitors of the OSCE SMM recorded three explosions near Novoselivka on Tuesday.",  # an alias in actor_areas.tsv
    "NAF fighters fired mortars at army positions near Novoselivka on Tuesday.",  # an armed group of armed_groups.tsv
])


def test_a_village_of_namesakes_is_in_the_area_of_the_actors_named(nlp, text):
    # with no province named, of the Novoselivkas the one where the actor operates (Odesa's without one)
    assert place_named(nlp, text, "Novoselivka").admin1 in ("Donetsk", "Luhansk")
    assert place_named(nlp, "Farmers recorded three explosions near Novoselivka on Tuesday.", "Novoselivka").admin1 not in ("Donetsk", "Luhansk")


def test_actor_areas_lists_the_divisions_of_the_actors_named(nlp):
    from polemos.pipeline.geoparser import actor_areas

    assert ("UA", "Donetsk") in actor_areas(nlp("The OSCE SMM saw craters near a school."))
    assert ("SO", "Lower Shabelle") in actor_areas(nlp("Al-Shabaab fighters ambushed a convoy."))
    assert actor_areas(nlp("Farmers protested in a village.")) == []


def test_an_actors_own_alias_is_found_as_an_armed_groups_alias_is(nlp):
    from polemos.pipeline.actors import add_alias, find_aliases, sort_phrases
    from polemos.pipeline.geoparser import actor_areas

    # the token scan of armed_groups.tsv: "People's" split as spaCy splits it, a short alias only in capitals
    assert ("UA", "Luhansk") in actor_areas(nlp("Fighters of the Luhansk People's Militia shelled a checkpoint."))
    assert ("UA", "Donetsk") in actor_areas(nlp("An SMM patrol heard shelling on Monday."))
    assert actor_areas(nlp("The smm of the old mill was shelled on Monday.")) == []
    aliases = defaultdict(list)
    for alias in ("Joint Task Force", "Joint Task Force North", "JTF"):
        add_alias(aliases, alias, "actor", alias)
    sort_phrases(aliases)
    doc = nlp.make_doc("The Joint Task Force North said JTF troops and jtf cooks held Baga.")
    assert [m.value for m in find_aliases(doc, aliases)] == ["Joint Task Force North", "JTF"]


def test_a_note_of_its_actors_area_gives_each_event_the_provinces_seat(nlp):
    from polemos.gazetteer.index import get_gazetteer

    doc = nlp("On 3 June, the OSCE SMM heard 12 explosions and six shots near the water filtration station.")
    seat = get_gazetteer().admin1_seat("UA", "Donetsk")
    locations = [e.location for e in doc._.events]
    assert locations and len({id(loc) for loc in locations}) == len(locations)  # one Location per event
    assert all(loc.to_dict() == {"name": "Donetsk", "latitude": round(seat.latitude, 5), "longitude": round(seat.longitude, 5),
                                 "geonameid": None, "country": "Ukraine", "country_code": "UA", "admin1": "Donetsk",
                                 "admin2": None, "geo_precision": 3, "feature_code": "ADM1", "place_index": None}
               for loc in locations)


def test_a_locator_bracket_inside_an_organisation_entity_is_no_organisations_name(nlp):
    # NER reads 'Tasmakat-Kelbo (Dori, Seno' as one organisation: Dori is the village's town, not a name inside it
    text = "On 3 June, presumed militants reportedly killed a herder in the village of Tasmakat-Kelbo (Dori, Seno)."
    assert place_named(nlp, text, "Dori").role == "place"
    assert locate_event(nlp, text, "killed").name == "Dori"


def test_the_first_item_of_a_locator_bracket_read_as_a_person_is_the_villages_town(nlp):
    # NER reads 'Wanle Weyn' as a person; opening '(X, Y)' after a village it is the village's town
    loc = locate_event(nlp, "Gunmen abducted two traders near Gobolo village (Wanle Weyn, Lower Shabelle) on Sunday.", "abducted")
    assert loc.name == "Wanlaweyn"


def test_an_arabic_article_inside_a_name_keeps_the_name_whole(nlp):
    # 'as' in 'Dhi as Sufal' is the Arabic article, not the English word: the district's whole name
    loc = locate_event(nlp, "Pro-Houthi forces shelled a market in Dhi as Sufal district (Ibb) on Monday.", "shelled")
    assert loc.feature_code == "ADM2" and loc.admin1 == "Ibb" and loc.name.startswith("Dh")


def test_an_arabic_article_written_as_an_english_word_opens_a_districts_name(nlp):
    # 'As' is an English word too; capitalised inside a sentence it is the article of 'As Sawdiyah', GeoNames's
    # As Sawadiyah district, which NER cuts to 'Sawdiyah'
    places = places_of(nlp, "Coalition airstrikes hit a farm in Qaniyah (As Sawdiyah, Al Bayda) on Tuesday.")
    district = next(p for p in places if p.text == "As Sawdiyah")
    assert district.feature_code == "ADM2" and district.country_code == "YE" and district.admin1 == "Al Bayda"


def test_a_common_word_that_opens_a_longer_name_is_not_that_town(nlp):
    # 'Bar' is a town in Montenegro, 'Abu' one in Rajasthan: opening a longer name the gazetteer lacks, neither is
    places = places_of(nlp, "Residents of Bar Elias blocked the road to Zahle with burning tyres.")
    assert not any(p.country_code == "ME" for p in places) and any(p.text == "Zahle" for p in places)
    places = places_of(nlp, "Two Abu Sayyaf fighters were killed in a clash with soldiers in Patikul, Sulu.")
    assert not any(p.country_code == "IN" for p in places) and any(p.text == "Patikul" for p in places)
    # alone, or before a comma, it is the town
    assert any(p.text == "Bar" and p.country_code == "ME" for p in places_of(nlp, "Police in Bar, Montenegro, detained two men."))


def test_an_arabic_article_before_a_hyphen_is_not_a_town_of_its_own(nlp):
    # 'Al' is also Norway's Ål (and Alabama's code): read alone it pulled the note's focus to the US
    places = places_of(nlp, "Warplanes struck the Al-Fardous District and a bakery in the Al-Raqqa Governorate.")
    assert not any(p.country_code in ("US", "NO") for p in places)
    assert any(p.country_code == "SY" and p.feature_code == "ADM1" for p in places)


def test_a_known_name_longer_than_the_entity_at_its_start_is_not_read_by_that_entity(nlp):
    # NER splits 'Busra ash Sham' into a people ('Busra') and an organisation ('Sham'): the whole name is the town
    loc = locate_event(nlp, "Regime forces shelled Busra ash Sham with rockets.", "shelled")
    assert loc is not None and loc.country_code == "SY" and loc.admin1 == "Dar'a"


def test_an_item_of_a_list_of_states_is_the_state(nlp):
    text = "The recall covered stores in Oregon, Idaho, Vermont and Washington."
    washington = resolve_given(nlp, text, ["Oregon", "Idaho", "Vermont", "Washington"])[-1]
    assert washington.feature_code == "ADM1" and near(washington, 47.3, -120.2, 100)  # not Washington, D.C.


def test_a_recognised_list_of_states_is_linked_by_and(nlp):
    places = places_of(nlp, "Wildfires forced evacuations across Montana, Idaho and Washington on Sunday.")
    assert [p.feature_code for p in places if p.text == "Washington"] == ["ADM1"]


def test_a_list_mostly_of_cities_keeps_the_capital(nlp):
    text = "The tour stops in Boston, Indiana, Chicago and Washington."
    washington = resolve_given(nlp, text, ["Boston", "Indiana", "Chicago", "Washington"])[-1]
    assert washington.feature_code == "PPLC"


def test_a_state_named_as_its_capital_stays_the_city_in_a_list(nlp):
    text = "Snow closed schools in Ontario, Quebec and Manitoba."
    quebec = resolve_given(nlp, text, ["Ontario", "Quebec", "Manitoba"])[1]
    assert near(quebec, 46.8, -71.2, 50)  # Quebec City, the name's usual sense


def test_a_compass_name_is_no_part_of_a_province_abroad(nlp):
    text = "Police in Birmingham and Coventry said the West Midlands had seen fewer burglaries than Leeds this year."
    west_midlands = resolve_given(nlp, text, ["Birmingham", "Coventry", "West Midlands", "Leeds"])[2]
    assert west_midlands.country_code == "GB"  # not Zimbabwe's Midlands province


def test_major_islands_are_islands_not_namesake_villages(nlp):
    """data/regions.tsv's islands: 'Java' is Indonesia's island, not Georgia's village of 400;
    'Long Island' in an American story is New York's, not the Bahamas district."""
    java = resolve_given(nlp, "Floods on Java forced thousands from their homes, officials in Jakarta said.", ["Java"])[0]
    assert java.feature_code == "ISL" and java.country_code == "ID"
    island = resolve_given(nlp, "Police on Long Island said two men were arrested after the shooting in Hempstead, "
                                "New York.", ["Long Island"])[0]
    assert island.country_code == "US" and near(island, 40.8, -73.3, 50)


def test_a_village_known_only_outside_the_actors_areas_is_put_in_their_main_division(nlp):
    # the gazetteer's only Lisove lies in Kirovohrad oblast; the monitors work in Donbas, so the note's
    # Lisove is a Donbas village the gazetteer lacks: a guess at the seat of the first area listed
    loc = locate_event(nlp, "Monitors of the OSCE SMM recorded 14 explosions near Lisove on Sunday.", "explosions")
    assert loc.country_code == "UA" and loc.admin1 == "Donetsk"
    assert place_named(nlp, "Farmers heard 14 explosions near Lisove on Sunday.", "Lisove").admin1 == "Kirovohrad"


def test_a_note_naming_no_place_is_put_in_its_actors_main_division(nlp):
    text = "On 3 June, the OSCE SMM heard 12 explosions near the water filtration station."
    doc = nlp(text)
    assert doc._.events and all(e.location is not None and e.location.admin1 == "Donetsk" and e.location.geo_precision == 3
                                for e in doc._.events)
    assert all(e.location is None for e in nlp("On 3 June, farmers heard 12 explosions near the water station.")._.events)


def test_a_bare_village_read_as_a_work_of_art_after_near_is_a_place(nlp):
    from spacy.tokens import Span

    text = "The SMM recorded three shots near Talakivka on Monday."
    doc = nlp.make_doc(text)
    for name, proc in nlp.pipeline:
        if name == "polemos_toponyms":
            break
        doc = proc(doc)
    village = next(t.i for t in doc if t.text == "Talakivka")
    doc.ents = [Span(doc, village, village + 1, label="WORK_OF_ART")]
    doc = nlp.get_pipe("polemos_toponyms")(doc)
    assert [t.text for t in doc._.toponyms] == ["Talakivka"]


def test_a_city_known_by_the_name_only_as_an_alternate_does_not_make_it_a_citys_name():
    from polemos.gazetteer.index import Candidate
    from polemos.gazetteer.resolve import _only_villages

    def town(population, alternate):
        return Candidate(index=0, name="X", latitude=0.0, longitude=0.0, geonameid=1, feature_code="PPL", country_code="UA",
                         admin1="A", admin2=None, population=population, alternate=alternate, fuzzy=0.0)

    assert _only_villages([town(1_500, False), town(150_000, True)])
    assert not _only_villages([town(1_500, False), town(150_000, False)])


def test_a_place_closing_an_organisations_name_after_in_locates_its_event(nlp):
    text = "On 4 June, nurses protested outside the Ministry of Health in Tbilisi demanding higher wages."
    assert place_named(nlp, text, "Tbilisi").role == "embedded"
    assert locate_event(nlp, text, "protested").name == "Tbilisi"
    # a facility named after a place opens its own name: the shooting was at the school, not in Springfield
    school = locate_event(nlp, "A teenager was shot Friday morning at Springfield High School, police said.", "shot")
    assert school is None or school.name != "Springfield"


def test_the_actors_areas_are_read_only_when_needed():
    from polemos.pipeline.geoparser import LazyList

    calls = []
    lazy = LazyList(lambda: calls.append(1) or [("UA", "Donetsk")])
    assert calls == []
    assert bool(lazy) and list(lazy) == [("UA", "Donetsk")] and len(lazy) == 1
    assert calls == [1]


def test_ajk_is_azad_jammu_and_kashmir_by_acleds_name(nlp):
    text = "Indian troops fired mortar shells at Nakyal sector (Kotli district, AJK) on Sunday."
    ajk = place_named(nlp, text, "AJK")
    assert ajk.feature_code == "ADM1" and ajk.country_code == "PK" and ajk.name == "Azad Jammu and Kashmir"
    assert place_named(nlp, text, "Kotli").admin1 == "Azad Jammu and Kashmir"


def test_initials_of_one_division_say_which_state_a_place_is_in_but_two_letter_codes_do_not():
    from polemos.gazetteer.index import Candidate
    from polemos.gazetteer.resolve import Mention, _state_parent

    def division(name):
        return Candidate(index=0, name=name, latitude=0.0, longitude=0.0, geonameid=None, feature_code="ADM1",
                         country_code="PK", admin1=name, admin2=None, population=0, alternate=False, fuzzy=0.0)

    town = Candidate(index=1, name="X", latitude=0.0, longitude=0.0, geonameid=1, feature_code="PPL", country_code="PK",
                     admin1="Punjab", admin2=None, population=120_000, alternate=False, fuzzy=0.0)
    assert _state_parent([town], Mention(text="AJK", start=0, end=3, candidates=[division("Azad Jammu and Kashmir")]))
    assert not _state_parent([town], Mention(text="TN", start=0, end=2, candidates=[division("Tennessee")]))


def test_a_district_outranks_a_namesake_village_of_another_district():
    # a bare name is a district's seat when the town lies in it; a village of the name in a neighbouring
    # district does not make the name a village
    from polemos.gazetteer.index import Candidate
    from polemos.gazetteer.resolve import _same_named_town

    district = Candidate(0, "Harbourside", 41.0, 29.0, None, "ADM2", "XX", "Metropolis", "Harbourside", 0, False)
    village = Candidate(1, "Harbourside", 41.1, 28.4, 7, "PPL", "XX", "Metropolis", "Westfield", 1_500, False)
    seat = Candidate(2, "Harbourside", 41.0, 29.0, 8, "PPL", "XX", "Metropolis", "Harbourside", 90_000, False)
    undistricted = Candidate(3, "Harbourside", 41.02, 29.01, 9, "PPL", "XX", "Metropolis", None, 90_000, False)
    listed = Candidate(4, "Harbourside", 41.5, 29.5, None, "ADM2", "XX", "Metropolis", None, 0, False)
    assert not _same_named_town(district, [district, village])
    assert _same_named_town(district, [district, village, seat])
    assert _same_named_town(district, [district, undistricted])  # no district known, on its point
    assert _same_named_town(listed, [listed, village])  # a division that does not say which towns it holds


def test_an_urban_district_the_town_list_lacks_locates_its_event(nlp):
    loc = locate_event(nlp, "Police detained dozens of students who marched in Beyoglu, Istanbul, on Friday.", "detained")
    assert loc.feature_code == "ADM2" and loc.admin1 == "Istanbul" and near(loc, 41.03, 28.98, 5)


def test_a_street_named_after_a_far_city_loses_to_the_district_named(nlp):
    text = ("Gunmen fired at shops in Aden Street, in the north of the city (Al Qahirah, Taizz), "
            "with no report of casualties.")
    loc = locate_event(nlp, text, "fired")
    assert loc.admin1 == "Taizz"


def test_a_town_outside_the_district_the_note_names_is_a_namesake():
    # 'in X municipality, Y, residents of Z village': a Z of the province 40 km from X's seat, in another
    # municipality, is some other Z; the municipality is where it happened
    from polemos.model import Place
    from polemos.pipeline.event_location import _outside_the_district_named

    district = Place(text="Riverton", start=0, end=8, latitude=19.0, longitude=-97.0, feature_code="ADM2",
                     admin1="Coastal", admin2="Riverton", country_code="XX", role="place")
    far_village = Place(text="Oakvale", start=30, end=37, latitude=19.35, longitude=-97.1, feature_code="PPL",
                        admin1="Coastal", admin2="Hillside", country_code="XX", role="place")
    own_village = far_village.model_copy(update={"admin2": "Riverton"})
    assert _outside_the_district_named(far_village, [district, far_village])
    assert not _outside_the_district_named(own_village, [district, own_village])
    assert not _outside_the_district_named(far_village, [far_village])  # no district named


def test_a_district_of_a_city_has_the_city_precision(nlp):
    # ACLED codes an event in a city's district as in the city (1); a district named after its seat
    # town is the country around it (2), and so is 'near' a district
    inner = locate_event(nlp, "Police dispersed a march in Beyoglu, Istanbul, on Sunday.", "dispersed")
    seat = locate_event(nlp, "Police dispersed a march in Jalandhar district, Punjab, on Sunday.", "dispersed")
    near_it = locate_event(nlp, "Police dispersed a march near Beyoglu, Istanbul, on Sunday.", "dispersed")
    assert (inner.feature_code, inner.geo_precision) == ("ADM2", 1)
    assert (seat.feature_code, seat.geo_precision) == ("ADM2", 2)
    assert near_it.geo_precision == 2


def test_the_state_of_a_name_is_the_state_not_its_namesake_city(nlp):
    """'the state of Washington' is the state; read bare, 'Washington' beside Canada and Alberta is the capital."""
    text = "The sick cow was found on a farm in the state of Washington, near the border with Canada."
    washington = resolve_given(nlp, text, ["Washington", "Canada"])[0]
    assert washington.feature_code == "ADM1" and near(washington, 47.3, -120.2, 150)


def test_the_province_of_a_name_is_the_province_not_a_town_abroad(nlp):
    """'the province of Quebec' beside 'the state of New York': the province, though the other name's
    country makes a US town known as Quebec look likely."""
    places = places_of(nlp, "Officials in the province of Quebec and in the state of New York closed the border crossings.")
    quebec = next(p for p in places if p.text == "Quebec")
    new_york = next(p for p in places if p.text == "New York")
    assert quebec.feature_code == "ADM1" and quebec.country_code == "CA"
    assert new_york.feature_code == "ADM1"  # not New York City


@pytest.mark.parametrize("text, town, lat, lon", [
    ("Officials in Lebanon, Pa., said the warehouse fire spread toward Annville.", "Lebanon", 40.34, -76.41),
    ("PERU, Ind. -- A tornado damaged the county courthouse on Sunday, the mayor said.", "PERU", 40.75, -86.07),
    ("Officials in Cairo, Ill., said the river crested Tuesday.", "Cairo", 37.0, -89.18),
])


def test_a_country_name_before_a_state_is_the_town_of_that_state(nlp, text, town, lat, lon):
    """A dateline or 'X, State' with a country's or a capital's name as X is the town of that name in the
    state (Egypt's governorate of Cairo makes no list of states of it); a dotted state abbreviation
    ('Ind.') is the state, not India."""
    place = next(p for p in places_of(nlp, text) if p.text == town)
    assert place.country_code == "US" and near(place, lat, lon, 30)


def test_closeness_counts_to_the_town_a_pair_names(nlp):
    """'Paris, Texas' is Texas's Paris: the Clarksville near it is Texas's too, not Tennessee's larger one."""
    text = "A tornado struck Paris, Texas on Sunday, damaging homes in nearby Clarksville and Bogata."
    clarksville = resolve_given(nlp, text, ["Paris", "Texas", "Clarksville"])[2]
    assert clarksville.admin1 == "Texas"


def test_a_state_named_like_a_country_is_the_state_of_the_towns_named(nlp):
    text = ("The Georgia Bureau of Investigation said the shooting in Athens was the third this year. "
            "Police in Atlanta and Savannah are also investigating.")
    georgia = next(p for p in places_of(nlp, text) if p.text == "Georgia")
    assert georgia.country_code == "US" and georgia.feature_code == "ADM1"


def test_a_country_name_is_the_town_beside_a_local_storys_towns(nlp):
    """A local story names its neighbours: Lebanon beside Albany and Corvallis is Oregon's town."""
    places = places_of(nlp, "The fair in Albany, Ore., drew visitors from Corvallis and Lebanon, organisers said.")
    lebanon = next(p for p in places if p.text == "Lebanon")
    assert lebanon.country_code == "US" and lebanon.admin1 == "Oregon"
    places = places_of(nlp, "Lebanon said the talks in Paris and Geneva had failed.")
    assert next(p for p in places if p.text == "Lebanon").country_code == "LB"


def test_a_state_that_holds_the_place_before_it_is_the_state(nlp):
    """'Long Island, New York' names the state that holds the island, not the city, and the state
    is meant where the name recurs in the list."""
    text = "People became ill in Boston, Long Island, New York, Pennsylvania and New Jersey after eating at the chain."
    new_york = resolve_given(nlp, text, ["Boston", "Long Island", "New York", "Pennsylvania", "New Jersey"])[2]
    assert new_york.feature_code == "ADM1"


class _CityGazetteer:
    """A gazetteer stub that knows one province's towns, for the resolver's scoring."""

    def __init__(self, towns):
        self._towns = towns

    def towns_in(self, country_code, admin1, min_population=0):
        return [t for t in self._towns if (t.country_code, t.admin1) == (country_code, admin1)
                and t.population >= min_population]


def test_a_city_district_called_a_town_outranks_a_namesake_village_of_another_district():
    # 'Harbourside town, Metropolis': the quarter of the city, not a village of its name 50 km off
    from polemos.gazetteer.index import Candidate
    from polemos.gazetteer.resolve import Mention, Resolver

    city = Candidate(0, "Metropolis", 41.01, 28.95, 5, "PPLA", "XX", "Metropolis", "Centre", 5_000_000, False)
    district = Candidate(1, "Harbourside", 40.98, 29.02, None, "ADM2", "XX", "Metropolis", "Harbourside", 0, False)
    village = Candidate(2, "Harbourside", 41.1, 28.4, 7, "PPL", "XX", "Metropolis", "Westfield", 1_500, False)
    resolver = Resolver(gazetteer=_CityGazetteer([city, village]))
    scores = resolver.base_scores(Mention(text="Harbourside", start=0, end=11, admin_hint="town", candidates=[district, village]))
    assert scores[0] > scores[1]
    # a district far from any city (a rural municipality) stays below the village named a town
    rural = Candidate(3, "Harbourside", 39.0, 31.0, None, "ADM2", "XX", "Metropolis", "Harbourside", 0, False)
    scores = resolver.base_scores(Mention(text="Harbourside", start=0, end=11, admin_hint="town", candidates=[rural, village]))
    assert scores[0] < scores[1]


@pytest.mark.parametrize("text", [
    "Gunmen ambushed an army patrol 30km east of Gorom-Gorom on Sunday, killing two soldiers.",
    "Soldiers clashed with militants south-west of Djibo on Sunday.",
])


def test_a_town_after_a_bearing_and_of_is_a_place(nlp, text):
    # 'north of X' is as much a place context as 'near X' (NER reads the town as an organisation)
    assert any(p.country_code == "BF" and p.admin1 == "Sahel" for p in places_of(nlp, text))


def test_a_bracketed_city_is_not_a_village_known_by_its_name_as_an_alternate(nlp):
    # GeoNames lists 'Bokaro' among the names of Karo, a village of Bokaro district: the bracket locates
    # the unknown village in the district, whose city is Bokaro
    text = "On 2 June 2020, a farmer was beaten to death in Lalpania village (Bokaro, Jharkhand) over a land dispute."
    bokaro = place_named(nlp, text, "Bokaro")
    assert bokaro.name == "Bokāro" and bokaro.population > 500_000


def test_a_town_of_its_districts_name_breaks_a_tie_of_namesakes(nlp):
    # GeoNames gives Punjab's two Sahiwals one population: the one meant is the seat of Sahiwal District
    text = "On 3 June 2020, traders protested against the lockdown outside the city hospital in Sahiwal, Punjab."
    sahiwal = place_named(nlp, text, "Sahiwal")
    assert sahiwal.admin2 == "Sahiwal District"


def test_a_spanish_name_written_without_its_particle(nlp):
    text = "On 9 June 2020, residents blocked a road in Soledad Doblado municipality, Veracruz, over water cuts."
    place = place_named(nlp, text, "Soledad Doblado")
    assert place.name == "Soledad de Doblado" and place.admin1 == "Veracruz"


@pytest.mark.parametrize("text, name, admin1", [
    ("On 3 June 2020, unknown men set fire to a warehouse in Gediz, Izmir, causing material damage.", "Gediz", "Kutahya"),
    ("On 4 June 2020, fighting broke out near Mindat District, Rakhine State, residents said.", "Mindat", "Chin"),
])


def test_a_district_town_under_a_wrong_province_is_still_itself(nlp, text, name, admin1):
    # the town or district of that name is in one other province only: the note's province is a slip,
    # not a sign of a namesake the gazetteer lacks (as 'Soledad, Sinaloa' is)
    place = place_named(nlp, text, name)
    assert place.name == name and place.admin1 == admin1


def test_the_pacific_of_asia_pacific_is_the_north_pacific(nlp):
    text = "Moscow wants to play a greater role in the Asia-Pacific region, the ministry in Beijing said."
    pacific = resolve_given(nlp, text, ["Pacific", "Moscow", "Beijing"])[0]
    assert near(pacific, 30.0, -170.0, 50)  # GeoNames's North Pacific, not the whole ocean south of the equator


def test_a_landmark_ner_reads_as_an_organisation_is_found(nlp):
    # 'White' alone is no place, and NER calls the White House an organisation
    places = places_of(nlp, "Aides said Kelly wants to run the White House like a business.")
    assert any(p.name == "White House" and p.country_code == "US" for p in places)


def test_demonym_of_a_caribbean_country(nlp):
    text = "Volunteers tagged hawksbill turtles that nest on Saint Lucian beaches every summer."
    lucian = next(p for p in places_of(nlp, text) if p.text == "Saint Lucian")
    assert lucian.role == "demonym" and lucian.country_code == "LC"


def test_korea_alone_is_south_korea(nlp):
    text = "The Korea Baseball Organization postponed three games because of fine dust."
    korea = resolve_given(nlp, text, ["Korea"])[0]
    assert korea.country_code == "KR"  # not Koriya district in Chhattisgarh


def test_a_river_is_not_its_namesake_state(nlp):
    text = "The French Quarter's street grid follows a sharp bend of the Mississippi River below Canal Street."
    river = resolve_given(nlp, text, ["Mississippi River"])[0]
    assert river.feature_code == "STM" and near(river, 29.15, -89.25, 20)


def _sites_of(nlp, text):
    return [(e.sub_event_type, e.location.name if e.location else None) for e in nlp(text)._.events]


def test_a_note_listing_fronts_has_one_event_a_front(nlp):
    # ACLED codes one event per front or town a note lists, each at its own place
    events = _sites_of(nlp, "On 2 June 2021, Houthi forces and government forces clashed on the Harib (Marib) and Hays (Al Hudaydah) fronts.")
    assert [name for _, name in events] == ["Ḩarīb", "Hays"] and {t for t, _ in events} == {"Armed clash"}
    doc = nlp("On 6 June 2021, protesters gathered in Lahore and Karachi against power cuts.")
    assert [e.location.name for e in doc._.events] == ["Lahore", "Karachi"]
    assert [e.id for e in doc._.events] == ["e1", "e2"] and set(doc._.event_spans) == {"e1", "e2"}


def test_fronts_named_by_unread_names_before_their_districts_are_sites(nlp):
    # 'Dhubab (Dhubab, Taizz)': neither name read as a place, the front is still a site of its own
    text = ("On 2 June 2021, Houthi forces shelled government positions on the fronts of Jabal Hadid (Harib, Marib), "
            "Wadi Sirr (Hays, Al Hudaydah) and Dhubab (Dhubab, Taizz).")
    assert {name for _, name in _sites_of(nlp, text)} == {"Ḩarīb", "Hays", "Taiz"}


def test_the_toll_of_a_note_listing_sites_is_counted_once(nlp):
    events = nlp("On 14 March 2021, regime forces shelled rebel positions in Atarib (Aleppo) and Saraqib (Idleb), killing two fighters.")._.events
    assert len(events) == 2 and [e.fatalities for e in events] == [2, 0]


@pytest.mark.parametrize("text", [
    "On 6 June 2021, protesters gathered in Lahore, Punjab, against power cuts.",  # a place and where it lies
    "On 5 June 2021, an IED struck an army truck between Djibo and Arbinda (Soum), wounding two soldiers.",  # one stretch
])
def test_a_place_with_its_division_or_a_stretch_is_one_site(nlp, text):
    assert len(nlp(text)._.events) == 1


def test_a_town_a_village_no_place_was_read_in_lies_west_of_is_its_nearest_place(nlp):
    # 'Majzar district west of Marib city' puts the event away from Marib; with no place read before the
    # bearing, the town is still the nearest place the note gives, nearer than the province after it
    loc = locate_event(nlp, "On 3 May 2021, regime forces shelled the village of Umm Jalal west of Saraqib in the countryside of Idlib.", "shelled")
    assert loc.name == "Saraqib" and loc.geo_precision == 2


def test_a_town_named_before_its_province_is_the_namesake_inside_it(nlp):
    # Santa Marias lie in several provinces; 'Santa Maria, Bulacan' is the one of Bulacan province
    loc = locate_event(nlp, "On 4 June 2021, police shot dead a drug suspect in Santa Maria, Bulacan.", "shot")
    assert loc.name == "Santa Maria" and loc.admin2 == "Bulacan"


def place_named(nlp, text, name):
    return next(p for p in places_of(nlp, text) if p.text == name)


def test_a_bracketed_division_of_the_towns_name_is_not_a_district_beside_a_namesake_district(nlp):
    # districts do not nest, and the note's other names (Rosario) say which country the pair is in
    text = "On 2 May 2020, in San Juan (San Juan), teachers marched to demand their wages, as others did in Rosario."
    first = place_named(nlp, text, "San Juan")
    assert first.country_code == "AR" and first.admin1 == "San Juan"


def test_a_school_named_like_a_place_abroad_is_not_that_place(nlp):
    text = "On 7 May 2020, in the Lambayeque region, parents staged a demonstration outside the Cima school."
    # its town, or nothing: not a village of Ethiopia that has the name among its alternates
    assert place_named(nlp, text, "Cima").country_code in ("PE", None)


@pytest.mark.parametrize("text, cc", [
    ("On 27 April 2020, Lebanese Army forces dispersed protesters who blocked roads in the town of Laboue.", "LB"),
    ("On 5 May 2020, the OSCE SMM observed 3 explosions near Tsrancha.", "UA"),
])
def test_a_near_spelling_abroad_beyond_the_actors_reach_is_not_the_place(nlp, text, cc):
    event = nlp(text)._.events[0]
    assert event.location is None or event.location.country_code in (cc, None)
    assert place_named(nlp, text, text.rstrip(".").split()[-1]).country_code in (cc, None)


def test_a_district_with_its_other_name_in_brackets_is_not_placed_at_a_capital_abroad(nlp):
    # '(Rabat-e Sangi-ye Pain) district' gives the district's other name: the bracket read as Rabat (Morocco)
    # is no parent of Kushk, which the note's province (Herat) says is Afghan
    text = ("On 29 April 2020, 2 soldiers were shot and killed by Taliban militants in the Sardar village of "
            "Kushk (Rabat-e Sangi-ye Pain) district, Herat.")
    kushk = place_named(nlp, text, "Kushk")
    assert kushk.country_code == "AF" and kushk.feature_code == "ADM2"


def test_a_valley_named_after_a_town_is_by_the_town_not_a_namesake_division(nlp):
    # 'Valley' is a feature word: no hint that Salinas is the division of that name (in Puerto Rico)
    text = "Lettuce growers in the Salinas Valley, south of San Jose, lost a third of their crop to the rains."
    valley = resolve_given(nlp, text, ["Salinas Valley", "San Jose"])[0]
    assert valley.country_code == "US" and near(valley, 36.68, -121.66, 60)


@pytest.mark.parametrize("text, names, admin1", [
    ("Officials in London and Paris said the suspect had studied in Cambridge in Massachusetts.",
     ["London", "Paris", "Cambridge", "Massachusetts"], "Massachusetts"),
    ("After talks in Moscow and Kyiv, the envoy flew on to Odessa in Texas.", ["Moscow", "Kyiv", "Odessa", "Texas"], "Texas"),
])
def test_a_town_the_text_puts_in_a_division_is_its_namesake_there(nlp, text, names, admin1):
    # the European capitals pull the focus abroad; 'in Massachusetts' says which Cambridge
    town = resolve_given(nlp, text, names)[2]
    assert town.country_code == "US" and town.admin1 == admin1


@pytest.mark.parametrize("text, names", [
    ("The storm flooded the roads around Peking in Illinois.", ["Peking", "Illinois"]),
    ("Firefighters were called to a barn fire in the hamlet of Bombay in Franklin County, New York.",
     ["Bombay", "Franklin County", "New York"]),
])
def test_a_town_known_only_by_an_alternate_name_elsewhere_is_where_the_text_says(nlp, text, names):
    # neither Beijing nor Mumbai (their old names): a place the gazetteer lacks, where the text puts it
    town, where = resolve_given(nlp, text, names)[:2]
    assert town.country_code == "US" and near(town, where.latitude, where.longitude, 1)


@pytest.mark.parametrize("text, name, code, lat, lon", [
    ("Heavy snow closed the passes across the Ural Mountains for a week.", "Ural Mountains", "MTS", 60.0, 60.0),
    ("Dozens of tankers queued to enter the Suez Canal after the grounding.", "Suez Canal", "CNL", 30.58, 32.27),
    ("Fishing boats returned to port as a storm swept the Adriatic Sea.", "Adriatic Sea", "SEA", 43.0, 15.0),
    ("Veterans gathered on the beaches of Normandy for the anniversary.", "Normandy", "ADM1", 49.07, 0.31),
    ("Lavender growers in Provence blamed the drought for a poor harvest.", "Provence", "RGN", 43.9, 5.9),
])
def test_well_known_features_are_in_the_gazetteer(nlp, text, name, code, lat, lon):
    feature = resolve_given(nlp, text, [name])[0]
    assert feature.feature_code == code and near(feature, lat, lon, 50)


@pytest.mark.parametrize("text, adjective, country, admin1", [
    ("Catalan police arrested two men after the march in Barcelona.", "Catalan", "ES", "Catalonia"),
    ("Texan ranchers said the drought had cost them their herds.", "Texan", "US", "Texas"),
    ("Uyghur activists protested outside the embassy.", "Uyghur", "CN", "Xinjiang"),
])
def test_demonyms_of_regions_stand_for_their_division(nlp, text, adjective, country, admin1):
    place = resolve_given(nlp, text, [adjective])[0]
    assert place.role == "demonym" and place.country_code == country and place.admin1 == admin1


@pytest.mark.parametrize("text, name", [
    ("Unknown gunmen shot dead a man from Dael on Tuesday evening.", "Dael"),
    ("Security forces arrested two young men from Dael at a checkpoint.", "Dael"),
    ("Regime forces detained three residents of Dael during a raid.", "Dael"),
])
def test_where_people_come_from_is_a_place_whatever_ner_says(nlp, text, name):
    # NER reads a town it does not know after 'a man from' or 'residents of' as a person; these words
    # say where people live or come from, as 'in' says where a thing happened
    assert any(p.text == name and p.country_code == "SY" for p in places_of(nlp, text))

