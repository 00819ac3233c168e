"""polemos_events on real sentences: typing per sub-event family, background, actors, dates, merging."""

from __future__ import annotations

import datetime as dt

import pytest

from polemos.pipeline import extract_text
from polemos.pipeline.dates import date_mentions, find_dateline

pytestmark = pytest.mark.filterwarnings("ignore")


def first_type(text: str, date: str | None = None) -> str | None:
    events = [e for e in extract_text(text, date=date).events if not e.background]
    return events[0].sub_event_type if events else None


@pytest.mark.parametrize("text, expected", [
    ("The US warplanes pounded the village of Kashkash in southern Hasaka, killing 6 civilians.", "Air/drone strike"),
    ("A suicide bomber blew himself up at a checkpoint in Mogadishu, killing four soldiers.", "Suicide bomb"),
    ("A roadside bomb exploded near a police vehicle in Kandahar, wounding three officers.", "Remote explosive/landmine/IED"),
    ("Unidentified men hurled a grenade at a bar in Bujumbura, injuring five people.", "Grenade"),
    ("Rebels shelled residential areas of Donetsk with mortars overnight.", "Shelling/artillery/missile attack"),
    ("Taliban militants clashed with Afghan security forces in Ghazni province on Monday.", "Armed clash"),
    ("Gunmen killed three villagers in an attack on a village in Zamfara state.", "Attack"),
    ("Suspected Boko Haram militants abducted 20 women from a village in Borno.", "Abduction/forced disappearance"),
    ("Soldiers were accused of raping two women in Tanganyika; the army said it would investigate.", None),
    ("Hundreds of students protested in Lahore against the fee increase.", "Peaceful protest"),
    ("Police fired tear gas to disperse opposition supporters who had gathered in Nairobi.", "Protest with intervention"),
    ("Protesters threw stones and torched vehicles in Srinagar after Friday prayers.", "Violent demonstration"),
    ("An angry mob lynched a suspected thief in Ekuigbo community.", "Mob violence"),
    ("Police arrested 15 opposition activists in Harare on Tuesday.", "Arrests"),
    ("The two sides signed a ceasefire agreement in Juba on Sunday.", "Agreement"),
    ("The Turkish army has set up a new observation post in Idlib province.", "Headquarters or base established"),
    ("Bomb disposal experts defused an explosive device found near the market in Quetta.", "Disrupted weapons use"),
    ("Syrian government forces recaptured the town of Saraqeb from rebels.", "Government regains territory"),
    ("Islamic State fighters captured the village of Tal Tamr from Kurdish forces on Sunday.",
     "Non-state actor overtakes territory"),
    ("Government troops handed over control of the town of Kidal to the rebels under the peace deal.",
     "Non-violent transfer of territory"),
    ("Syrian government forces dropped chlorine gas on the town of Douma, residents said.", "Chemical weapon"),
    ("Soldiers raped two women in a village near Minova on Saturday, a local official said.", "Sexual violence"),
    ("Police opened fire on peaceful protesters in Khartoum, killing three demonstrators.",
     "Excessive force against protesters"),
    ("A strong earthquake killed eight people and damaged more than 1,300 buildings.", None),
    ("Russia expels diplomats from Germany, Poland and Sweden.", None),
])
def test_typing_real_sentences(text, expected):
    assert first_type(text) == expected


def test_background_history_and_statistics_are_not_new_events():
    text = ("In the six-week 2020 war, Azerbaijan regained control of key areas of Karabakh. "
            "More than 300 of its nationals have been wounded or killed by mines since 2020.")
    assert extract_text(text, date="2023-09-19").events == []


def test_threats_and_denials_are_not_events():
    assert first_type("The group threatened to attack government buildings in the capital.", "2021-03-02") is None
    assert first_type("The army denied that its troops had shelled the village.", "2021-03-02") is None


def test_seed_article_gives_offensive_two_mine_blasts_and_agreement(seed_text=None):
    import json
    from pathlib import Path

    record = json.loads((Path(__file__).parents[1] / "examples" / "karabakh.json").read_text(encoding="utf-8"))
    result = extract_text(record["text"], date=record.get("date") or "2023-09-19")
    events = [e for e in result.events if not e.background]
    types = [e.sub_event_type for e in events]
    assert types[0] in ("Armed clash", "Shelling/artillery/missile attack")
    assert events[0].actor1 == "Military Forces of Azerbaijan"
    assert types.count("Remote explosive/landmine/IED") == 2
    assert "Agreement" in types
    assert len(events) == 4
    actors2 = {e.actor2 for e in events if e.sub_event_type == "Remote explosive/landmine/IED"}
    assert actors2 == {"Civilians (Azerbaijan)", "Police Forces of Azerbaijan"}
    assert all(e.event_date == "2023-09-19" for e in events if e.sub_event_type != "Agreement")


def test_actors_are_normalised_the_acled_way():
    events = extract_text("On 3 May 2020, Afghan forces killed 8 Taliban militants in Shah Wali Kot district, Kandahar.").events
    assert events[0].actor1.startswith("Military Forces of Afghanistan")
    assert events[0].actor2 == "Taliban"
    assert (events[0].inter1, events[0].inter2) == (1, 2)
    protest = extract_text("On 5 May 2020, around 20 people protested in Nairobi, Kenya against evictions.").events[0]
    assert protest.actor1 == "Protesters (Kenya)" and protest.inter1 == 6
    militia = extract_text("On 7 May 2020, suspected Fulani militias attacked a village in Plateau state, Nigeria, "
                           "killing four farmers.").events[0]
    assert militia.actor1 == "Fulani Ethnic Militia (Nigeria)" and militia.inter1 == 4
    assert militia.actor2 == "Civilians (Nigeria)" and militia.civilian_targeting
    repelled = extract_text("On 9 May 2020, Afghan forces repelled an attack by Taliban militants in Balkh province.").events[0]
    assert repelled.actor1 == "Taliban"


def test_acled_note_dates_resolve_without_publication_date():
    events = extract_text("Around 2 May 2020 (as reported), unidentified gunmen shot dead a man in Cali, Colombia.").events
    assert events[0].event_date == "2020-05-02"
    assert events[0].sub_event_type == "Attack"


def test_relative_dates_resolve_against_publication_date():
    base = dt.date(2023, 9, 19)  # a Tuesday
    assert date_mentions("on Tuesday", base)[0].date == base
    assert date_mentions("yesterday", base)[0].date == dt.date(2023, 9, 18)
    assert date_mentions("last week", base)[0].precision == 2
    assert date_mentions("on Monday", None)[0].date is None  # never invented
    assert find_dateline("KABUL, Afghanistan (Jan. 25, 2013)\nISAF forces detained two insurgents.")[2] == dt.date(2013, 1, 25)
    # a dateline without its year takes the year of the release number above it
    header = "2012-06-S-026\nFor Immediate Release\n\nKABUL, Afghanistan (June 14) - An Afghan-led force"
    assert find_dateline(header)[2] == dt.date(2012, 6, 14)
    assert find_dateline("KABUL, Afghanistan (Feb. 07)\nIn Maiwand district") is None


def test_weeks_ago_resolves_to_a_week_precision_date():
    base = dt.date(2015, 9, 21)
    assert date_mentions("was shot two weeks ago", base)[0].date == dt.date(2015, 9, 7)
    assert date_mentions("was shot two weeks ago", base)[0].precision == 2
    assert date_mentions("died a week ago", base)[0].date == dt.date(2015, 9, 14)


def test_a_page_time_stamp_does_not_date_the_event():
    # the page's 'Posted:' line is the report's day; the shooting was the day before
    text = ("Sheriff Talks About Infant Shooting Investigation Posted: Thursday, April 30, 2015 6:50 PM EDT "
            "Updated: Thursday, April 30, 2015 6:50 PM EDT\n\nAn Augusta teenager is behind bars after a "
            "1-year-old boy was shot and killed Wednesday.")
    assert main_event(text, date="2015-04-30").event_date == "2015-04-29"
    caption = ("UPDATE (Wednesday, Sept. 23): NBC10 has the details. (Published Monday, Sept. 21, 2015) "
               "A gunman opened fire early Sunday.")
    assert [m.date for m in date_mentions(caption, dt.date(2015, 9, 21))] == [dt.date(2015, 9, 20)]


def test_gun_violence_report_gives_an_event_with_spans():
    text = "A 23-year-old man was shot and killed Saturday night outside a bar on Main Street, police said."
    result = extract_text(text, date="2016-05-09")
    assert result.events and result.events[0].sub_event_type in ("Attack", "Armed clash")
    assert result.events[0].event_date == "2016-05-07"
    assert result.events[0].evidence[0].start == 0


def types_of(text: str, date: str | None = None) -> list[str]:
    return [e.sub_event_type for e in extract_text(text, date=date).events if not e.background]


@pytest.mark.parametrize("text", [
    # a month is no march, 'according to' no accord, 'talks about' no peace talks
    "Grandmother speaks about 13-year-old's death, says he did not own gun Posted: Friday, March 7, 2014 7:14 PM EST",
    "On March 2, Lewis was charged with tampering with evidence.",
    "According to witnesses, the shooter was known to the victims as a friend or acquaintance.",
    "The father was shaken up after the accident, according to Monroe police.",
    "Sheriff Talks About Infant Shooting Investigation",
    '"His vital signs are good, and we\'re real happy about that."',
    "Troopers pulled over a vehicle Sunday morning and discovered approximately 300 pounds of marijuana.",
])
def test_words_that_name_no_event_here_give_none(text):
    types = types_of(text, "2015-03-08")
    assert not {"Peaceful protest", "Agreement", "Shelling/artillery/missile attack", "Violent demonstration"} & set(types)


def test_a_verb_march_is_still_a_protest():
    assert first_type("Thousands march in Warsaw against the new abortion law.", "2020-10-30") == "Peaceful protest"


def test_the_shooting_comes_before_the_arrest_it_led_to():
    text = ("NYPD: Man arrested in fatal shooting outside church\n\n"
            "NEW YORK (AP) — Police have arrested a Long Island man in connection with a shooting that left two men "
            "dead and four other injured outside a New York City church where a wake was in progress.\n\n"
            "Police said 40-year-old Sharieff Clayton and 44-year-old Ronald Murphy died after the April 27 shooting "
            "in front of the Emanuel Church of God in Brooklyn.")
    main = extract_text(text, date="2015-10-31").events[0]
    assert main.event_type == "Violence against civilians"
    assert main.fatalities == 2
    assert main.event_date == "2015-04-27"


def test_a_headline_and_its_lead_are_one_event():
    text = ("Police: 17-year-old fatally shot in NYC apartment building\n\n"
            "NEW YORK (AP) - New York City police say a 17-year-old boy was killed after being shot inside a "
            "public housing apartment building on Tuesday.")
    events = extract_text(text, date="2016-05-19").events
    assert len(events) == 1 and events[0].fatalities == 1 and events[0].event_date == "2016-05-17"


def test_a_gun_going_off_is_a_shot_not_a_bomb():
    text = "Police say Cash was handling the gun when it went off and struck his brother in the head."
    assert "Remote explosive/landmine/IED" not in types_of(text, "2015-06-15")
    assert first_type("A bomb went off in the market in Kabul, killing three people.", "2015-06-15") == \
        "Remote explosive/landmine/IED"


def test_an_aside_about_a_spill_does_not_make_a_shooting_an_accident():
    text = ("Gunfire erupts at JP party, six wounded\n\n"
            "Six people were shot Friday night after violence erupted at a birthday party in Jamaica Plain.\n\n"
            "Five men and one woman were shot when an argument spilled onto the street, police said.")
    assert extract_text(text, date="2015-01-24").events


def test_press_release_headers_date_the_release_not_the_event():
    # the title's date or the dateline is the release's day; 'yesterday' in the lead is the event's
    text = ("ISAF Joint Command Morning Operational Update, Feb. 22, 2011\nISAF Joint Command - Afghanistan\u2028"
            "2011-02-S-164\u2028For Immediate Release \u2028\u2028KABUL, Afghanistan (Feb. 22, 2011) — Afghan National "
            "Security and International Security Assistance Forces detained a Haqqani network leader along with one "
            "suspected insurgent during an operation in Khost district, Khost province yesterday.")
    assert extract_text(text).events[0].event_date == "2011-02-21"
    # a dateline inside the event's sentence is not the event's date
    text = ("2012-09-S-004\nFor Immediate Release\n \nKABUL, Afghanistan (Sept. 3, 2012) – Afghan and coalition "
            "security forces today confirmed the arrest of a Taliban bomb specialist in Washer district, Helmand "
            "province, Saturday.")
    assert extract_text(text).events[0].event_date == "2012-09-01"


def test_release_year_comes_from_a_dated_title_or_release_number_not_incident_numbers():
    header = ("ISAF Joint Command Operational Update, Jan. 15, 2011\nISAF Joint Command - Afghanistan\u2028"
              "2011-01-S-169\u20281979, 1928, 1965, 1978\u2028For Immediate Release\u2028\u2028KABUL, Afghanistan (Jan. 15) \u2028")
    assert find_dateline(header)[2] == dt.date(2011, 1, 15)
    title = ("June 17: Afghan-ISAF Operations in Southern Afghanistan\u2028\u2028ISAF Joint Command - Afghanistan"
             "\u2028\u20282010-06-CA-063 \u2028For Immediate Release")
    assert find_dateline(title)[2] == dt.date(2010, 6, 17)
    assert find_dateline("KABUL, Afghanistan (Nov. 1. 2011)\nA combined force")[2] == dt.date(2011, 11, 1)


def main_event(text: str, date: str | None = "2020-05-10"):
    events = [e for e in extract_text(text, date=date).events if not e.background]
    assert events, text
    return events[0]


# ACLED conventions for actors the text does not name word for word (data/actor_roles.toml)

@pytest.mark.parametrize("text, actor1", [
    # unattributed violence with the marks of organised crime is a gang's in Latin America ...
    ("Armed men shot dead a taxi driver in a drive-by shooting in Culiacan, Sinaloa, Mexico.",
     "Unidentified Gang (Mexico)"),
    ("Three men were found dead with their hands tied in Zamora, Michoacan, Mexico.", "Unidentified Gang (Mexico)"),
    # ... but not without those marks, nor where ACLED does not code gangs so
    ("Armed men shot dead a trader in Chimaltenango, Guatemala.", "Unidentified Armed Group (Guatemala)"),
    ("Gunmen shot dead a drug trafficker in Kano, Nigeria.", "Unidentified Armed Group (Nigeria)"),
    # an ethnic group's armed men are its ethnic militia; unnamed Islamists an Islamist militia
    ("Tiv militias attacked three villages in Taraba state, Nigeria, killing five residents.",
     "Tiv Ethnic Militia (Nigeria)"),
    ("Youths from the Bobo community attacked cattle owners near Bobo-Dioulasso, Burkina Faso.",
     "Bobo Ethnic Militia (Burkina Faso)"),
    ("Suspected Islamist militants attacked a village in Cabo Delgado, Mozambique, killing 20 people.",
     "Islamist Militia (Mozambique)"),
    # the group that claimed an attack; an unattributed bomb is an unidentified armed group's
    ("A roadside bomb struck an army convoy near Afgoye, Somalia, killing two soldiers. "
     "Al Shabaab claimed responsibility for the attack.", "Al Shabaab"),
    ("A bomb exploded in a crowded market in Peshawar, Pakistan, wounding six people.",
     "Unidentified Armed Group (Pakistan)"),
    # ACLED's article in some state forces' names
    ("Police shot dead two drug suspects during a raid in Bulacan, Philippines.", "Police Forces of the Philippines"),
    # people acting for or under a named group are that group
    ("Men suspected to be Al Shabaab militants threw a hand grenade at soldiers in Mogadishu, Somalia.", "Al Shabaab"),
    ("Turkish forces and allied factions operating under Operation Peace Spring shelled the village of Fakkeh "
     "near Tal Tamer, Syria.", "Operation Peace Spring"),
    ("Members of Al Shabaab killed two soldiers near Afgoye, Somalia.", "Al Shabaab"),
    # two groups offered as alternatives are coded together
    ("JNIM or ISGS militants abducted a civilian in Mansila, Burkina Faso.",
     "JNIM: Group for Support of Islam and Muslims and/or Islamic State (Greater Sahara)"),
    # a country that owns something is not where the event is
    ("Protesters blocked a highway in Beirut, denouncing the soaring US dollar exchange rate.", "Protesters (Lebanon)"),
    # the attacker named in a coordinated clause
    ("Two policemen were killed and three were wounded following attacks by Taliban militants in Kunduz, Afghanistan.",
     "Taliban"),
    # the armed party just before a verb the parser left without a subject (after a long place phrase)
    ("On 2 May 2020, between Kyauktaw and Sittwe towns, Kyauktaw Township, Sittwe District, Rakhine State, "
     "Myanmar military and AA clashed as AA attacked a convoy.", "Military Forces of Myanmar"),
    # 'military police officers' are named by their modifier
    ("Military police officers shot and injured two men in Sao Paulo, Brazil.", "Military Forces of Brazil"),
])
def test_acled_actor_conventions(text, actor1):
    assert main_event(text).actor1 == actor1


def test_fire_across_a_front_line_attributed_to_no_one_goes_to_the_fronts_parties():
    clash = main_event("The OSCE SMM recorded 40 explosions and shots in both directions of the contact line "
                       "near Avdiivka, Ukraine.")
    assert clash.sub_event_type == "Armed clash"
    assert clash.actor1.startswith("Military Forces of Ukraine")
    assert clash.actor2 == "NAF: United Armed Forces of Novorossiya"
    # a perpetrator the text names is kept
    named = main_event("NAF forces shelled Ukrainian positions near the contact line at Avdiivka, Ukraine.")
    assert named.actor1 == "NAF: United Armed Forces of Novorossiya"


# Sub-event types that follow ACLED's definitions

@pytest.mark.parametrize("text, expected", [
    # gunfire exchanged, or aimed at no one, is a clash; a bare 'explosions' does not make it shelling
    ("Monitors recorded 25 explosions and shots in both directions of the frontline near Marinka.", "Armed clash"),
    ("Monitors heard 20 shots from small arms near Shyrokyne.", "Armed clash"),
    # heavy machine guns and anti-aircraft guns fired from afar: shelling
    ("Houthi forces fired heavy machine guns at residential areas of Hays.", "Shelling/artillery/missile attack"),
    ("The rebels fired 14.5 mm and 23 mm anti-aircraft guns at army positions near Tuhayta.",
     "Shelling/artillery/missile attack"),
    # an attack thwarted with casualties was fought off
    ("Government forces thwarted an attack by Houthi fighters in Marib, killing several of them.", "Armed clash"),
    # groups of civilians fighting, or attacking someone with no demonstration: mob violence
    ("Residents pelted stones at police in Godhra town after a lockdown was imposed.", "Mob violence"),
    ("Two groups of villagers clashed over a land dispute in Ballia district.", "Mob violence"),
    ("Five men beat up a shopkeeper with bamboo sticks in Mumbai over wearing masks during the coronavirus pandemic.",
     "Mob violence"),
    ("Students rioted on campus after police shot a student.", "Violent demonstration"),
    # what a protest is about, or stones it used as a barricade, do not make it violent
    ("Farmers held a protest in Ahvaz, demanding compensation after their crops were damaged by floods.",
     "Peaceful protest"),
    ("Teachers staged a protest in Larkana demanding the arrest of people who set fire to wheat crops.",
     "Peaceful protest"),
    ("Residents blocked the road with stones to protest against power cuts. No violence was reported.",
     "Peaceful protest"),
    ("Following the death of a shopkeeper after a police beating, traders staged a protest in Chittagong.",
     "Peaceful protest"),
    ("Relatives of soldiers killed by police protested outside parliament in Jerusalem.", "Peaceful protest"),
    # a gathering with an appeal, or a group blocking a way in, is a protest (stones as a barricade: no riot)
    ("About fifty villagers gathered in front of the district office in Kasese to pressure the council over "
     "unpaid wages.", "Peaceful protest"),
    ("Dozens of traders gathered outside the town hall in Mbale to support the mayor.", "Peaceful protest"),
    ("In Tarija, a group of residents blocked the access road to their village using tree trunks.", "Peaceful protest"),
    ("A group of farmers blocked the bridge to the town using stones and branches.", "Peaceful protest"),
    # projectiles that monitors count are fire from afar
    ("International monitors counted 14 projectiles near the village of Zaitseve.", "Shelling/artillery/missile attack"),
    # curbs that authorities impose change the government's activity
    ("The authorities imposed a curfew on the town of Goma on Friday.", "Change to group/activity"),
    ("The interior ministry banned all public gatherings in Bamako.", "Change to group/activity"),
    ("During the curfew, a man was shot dead in Chicago.", "Attack"),
    # goods that troops seize, a drug lab they destroy, drugs the police seize: property (ACLED's coding);
    # a counterfeit or smuggling bust is no event (and no drug seizure takes a port)
    ("Soldiers seized sacks of rice belonging to the rebels near Kidal.", "Looting/property destruction"),
    ("Troops found and destroyed a cocaine laboratory in the jungle near Tumaco.", "Looting/property destruction"),
    ("Police seized 20 kg of heroin at the port of Mombasa.", "Looting/property destruction"),
    ("The Federal Highway Police seized on the BR-116 highway 2 tons of cocaine hidden in a bus near Resende.",
     "Looting/property destruction"),
    ("Customs officers seized counterfeit watches and smuggled cigarettes at the port of Durban.", None),
    ("Border guards captured 300 smugglers and seized 900 kilograms of hashish on the frontier with Jordan.", None),
    # people driven from their homes or back to them: ACLED's Other; not a suspect fleeing, nor those an attack
    # told with it drove away (the attack is the event)
    ("On 3 May 2020, 150 Colombian migrants returned from Ecuador through the Rumichaca bridge.", "Other"),
    ("About 3,000 villagers were displaced from their homes in Rutshuru territory.", "Other"),
    ("The suspect fled the scene in a white car.", None),
    ("Residents fled as gunmen opened fire on the market in Maiduguri.", "Attack"),
    ("The army seized the town of Kidal from the rebels.", "Government regains territory"),
    # a base is established only when the text names one; other works are a change to the group's activity
    ("Rebel fighters established new fortifications on the hills near Marib.", "Change to group/activity"),
    ("Militants set up a checkpoint on the road to Gao.", "Headquarters or base established"),
    ("Government troops set up a checkpoint and fortifications at the entrance to Kidal.",
     "Headquarters or base established"),
    # projectiles exchanged across a front line are a clash; a curfew broken is the setting of an attack
    ("Monitors counted 40 projectiles fired in both directions of the frontline near Horlivka.", "Armed clash"),
    ("A video emerged in which gang members were seen whipping three youths for not respecting the curfew in Iguala.",
     "Attack"),
    # torches carried or lit are no arson; a mob throwing stones to demand something is demonstrating
    ("Hundreds of students rallied against the government in Novi Sad. Some lit torches in front of parliament.",
     "Peaceful protest"),
    ("A mob of about 300 factory workers pelted stones at the police in Surat demanding unpaid wages.",
     "Violent demonstration"),
    ("A mob pelted stones at a police patrol in Kano.", "Mob violence"),
    # police trying to control the crowd intervened in the protest
    ("Residents marched in Encarnacion to demand the mayor's resignation. Police officers tried to control the crowd.",
     "Protest with intervention"),
    # explosions with small-arms fire and no one hit are fighting; a colliery's name is no landmine
    ("Monitors recorded 9 explosions and shots from small arms near Pisky.", "Armed clash"),
    ("Monitors recorded 6 undetermined explosions near Pivnichna Mine.", "Shelling/artillery/missile attack"),
    # a victim the report ties to the drug trade was a party to gang violence (ACLED: a clash)
    ("In Belem, a man was shot dead by two gunmen on a motorbike. The victim was involved in drug trafficking.",
     "Armed clash"),
    ("In Belem, a man was shot dead by two gunmen on a motorbike. The victim was a street vendor.", "Attack"),
    ("Gunmen killed a shopkeeper in Recife. Police said he had no criminal record.", "Attack"),
])
def test_acled_sub_event_definitions(text, expected):
    assert first_type(text, "2020-05-10") == expected


def test_an_off_duty_officer_is_a_civilian():
    off_duty = main_event("Gunmen shot dead an off-duty police officer at his home in Samarra, Iraq.")
    assert off_duty.sub_event_type == "Attack" and off_duty.actor2 == "Civilians (Iraq)"


def test_acled_default_second_actors():
    # police who break up a protest in another sentence are its second actor
    protest = main_event("About 20 BJP workers staged a demonstration in Siliguri, India, against ration corruption. "
                         "Police later dispersed them.")
    assert protest.sub_event_type == "Protest with intervention"
    assert protest.actor2 == "Police Forces of India"
    # property destroyed by someone unnamed: an unidentified armed group against its civilian owners
    arson = main_event("A journalist's house was set on fire in Niksic, Montenegro, overnight.")
    assert arson.sub_event_type == "Looting/property destruction"
    assert (arson.actor1, arson.actor2) == ("Unidentified Armed Group (Montenegro)", "Civilians (Montenegro)")


def test_a_line_saying_no_one_was_hurt_gives_no_victims():
    event = main_event("Turkish forces shelled Tall Refaat in Aleppo, Syria, using artillery fire. "
                       "Neither fatalities nor injuries were reported.")
    assert event.sub_event_type == "Shelling/artillery/missile attack"
    assert event.actor2 is None


def test_people_named_by_a_demonym_are_civilians():
    event = main_event("Israeli forces fired live bullets at two Palestinians near Qalqiliya, West Bank, "
                       "injuring both.")
    assert event.sub_event_type == "Attack"
    assert event.actor2.startswith("Civilians")


# actor 1 the ACLED way (events3): named groups, conventions, and parses the agent slot misses

def actors_of(text: str) -> list[tuple[str, str | None, str | None]]:
    return [(e.sub_event_type, e.actor1, e.actor2) for e in extract_text(text, date="2020-05-10").events
            if not e.background]


@pytest.mark.parametrize("text, actor1", [
    # ACLED's names for groups and state units ('AA' is the Arakan Army, the Amajid Brigade a Yemeni army unit)
    ("On 5 May 2020, at Bu Shwe Maw village, Toungup Township, Rakhine State, AA allegedly abducted a "
     "52-year-old villager.", "ULA/AA: United League of Arakan/Arakan Army"),
    ("On 2 May 2020, Amajid Brigade fighters clashed with pro-Houthi forces in Mukayras, Al Bayda.",
     "Military Forces of Yemen (2012-) Amajid Brigade"),
    # an unnamed clan's armed men
    ("On 29 April 2020, a village councillor was wounded in an attack by suspected clan militiamen in Matalam, "
     "Cotabato.", "Unidentified Clan Militia (Philippines)"),
    # Brazil: an execution-style killing by unnamed men; named gang rivalry keeps the gang convention
    ("On 30 April 2020, in Parintins, Amazonas, a man was killed in a drive-by shooting by two armed men in a car.",
     "Unidentified Gang and/or Police Militia"),
    ("On 29 April 2020, in Senador Guiomard, Acre, a man was killed in a drive-by shooting by armed men on a "
     "motorcycle. Police authorities believe in rivalry between gangs as crime motivation.", "Unidentified Gang (Brazil)"),
    # 'gunmen of <a unit>' are that unit
    ("On 4 May 2020, gunmen of the 22nd Armored Brigade stormed the district finance office in Taizz, Yemen and "
     "assaulted the manager.", "Military Forces of Yemen"),
    # 'IS' read as a name, not the verb 'is'
    ("On 3 May 2020, IS militants killed a soldier in Kirkuk, Iraq.", "Islamic State (Iraq)"),
    # the attack named beside the last of coordinated harm verbs caused them all
    ("On 29 April 2020, 3 soldiers were killed, 1 was wounded, and 1 was taken as a hostage following an attack by "
     "Taliban militants on a military base in Kunduz city.", "Taliban"),
    # a shoot-out nobody is named for, after a sentence about the force's operation
    ("On 5 May 2020, in Sao Goncalo, Rio de Janeiro, Military Police officers went to a community to prevent drug "
     "trafficking. An intense shoot-out broke out and a suspect was shot and injured.", "Military Forces of Brazil"),
    # a heading before a colon is no subject
    ("Movement of forces: On 30 April 2020, HTS brought military reinforcements to Maaret al Naasan in Idleb.",
     "HTS: Hayat Tahrir al Sham"),
    # 'under OPS' when the parser leaves OPS outside the phrase
    ("Looting: On 9 May 2020, opposition rebels under OPS looted civilians' crops in rural Tal Tamer in al-Hasakeh.",
     "Operation Peace Spring"),
    # a bare participle after a long place phrase: the armed party before it acts
    ("On 29 April 2020, on the outskirts of Mrauk-U Town, Mrauk-U Township, Mrauk-U District, Rakhine State, "
     "Myanmar troops from battalion 377 detained and tortured a Lakesinpyin villager to death.",
     "Military Forces of Myanmar"),
])
def test_acled_actor1_events3(text, actor1):
    assert actor1 in [a1 for _, a1, _ in actors_of(text)]


def test_the_second_party_of_a_clash_is_actor2():
    assert actors_of("On 27 April 2020, Myanmar military and AA clashed near Paletwa, Chin State.") == [
        ("Armed clash", "Military Forces of Myanmar", "ULA/AA: United League of Arakan/Arakan Army")]


def test_a_change_to_group_activity_has_no_own_forces_as_actor2():
    assert actors_of("Movement of forces: On 30 April 2020, HTS brought military reinforcements to Maaret al "
                     "Naasan in Idleb.") == [("Change to group/activity", "HTS: Hayat Tahrir al Sham", None)]


def test_an_unattributed_casualty_line_takes_the_attackers_named_just_before():
    events = actors_of("On 6 May 2020, a truck was attacked by suspected Islamist militants in the Nguia area "
                       "(Cabo Delgado). One person was injured.")
    assert ("Attack", "Islamist Militia (Mozambique)", "Civilians (Mozambique)") in events
    assert all(a1 == "Islamist Militia (Mozambique)" for _, a1, _ in events)


def test_the_subject_of_suffered_casualties_is_the_victim():
    events = actors_of("As reported on 1 May 2020, a number of policemen suffered casualties by a roadside bomb in "
                       "Gurbuz district, Khost.")
    assert events and events[0][1] != "Police Forces of Afghanistan"


def test_a_named_armed_groups_arson_is_property_destruction_not_a_riot():
    assert actors_of("Property destruction: On 28 April 2020, the Children of Fire initiative carried out an arson "
                     "attack targeting a post office in Denizli.") == [
        ("Looting/property destruction", "Children of Fire", "Civilians (Turkey)")]


@pytest.mark.parametrize("text, not_type", [
    # a person healing, a jail's name, a town: no weapons found, no arrest
    ("Update: Cache police chief recovering after getting shot", "Disrupted weapons use"),
    ("Teen recovering after police shooting in Fresno", "Disrupted weapons use"),
    ("Owens remains in the White County Detention Center on a $50,000 bond.", "Arrests"),
])
def test_phrases_that_name_no_such_event(text, not_type):
    assert not_type not in types_of(text, "2016-05-02")


def test_a_report_of_people_killed_is_not_about_a_rally_on_the_same_page():
    text = ("WDRB 41 Louisville News\n\n"
            "More than 100 people attended a rally on Sunday afternoon, calling for racial justice.\n\n"
            "Two people are dead and two others injured after a shooting in Green County, police said.")
    main = [e for e in extract_text(text, date="2016-07-10").events if not e.background][0]
    assert main.sub_event_type != "Peaceful protest"
    assert (main.fatalities, main.injured) == (2, 2)


def test_the_shooting_date_wins_over_a_later_death_or_court_date():
    # the death in hospital and the hearing come after the shooting; the incident is dated by the wound
    text = ("Police said a 4-year-old girl died Saturday of an apparently self-inflicted gunshot wound "
            "suffered on Friday.")
    assert main_event(text, date="2015-03-15").event_date == "2015-03-13"
    text = ("A 19-year-old man was arraigned Thursday in the shooting of four people.\n\n"
            "The four were shot in the area of Weir Street at about 5:45 p.m. on June 27.")
    assert main_event(text, date="2015-07-09").event_date == "2015-06-27"


def test_a_date_said_by_the_police_does_not_date_the_incident_told_later():
    text = ("A gunman killed three officers before a SWAT officer killed the suspect, police said Monday.\n\n"
            "The gunman had a rifle and a pistol with him during the shootout Sunday morning, officials said.")
    assert main_event(text, date="2016-07-18").event_date == "2016-07-17"


def test_last_month_is_made_a_day_by_the_date_the_report_gives_later():
    text = ("New details have emerged about a shooting on Bourbon Street last month that left one man dead "
            "and nine others wounded.\n\nTwo men exchanged a volley of shots near Bourbon and Iberville "
            "streets about 1:30 a.m. Nov. 27, authorities have said.")
    main = main_event(text, date="2016-12-07")
    assert (main.event_date, main.time_precision) == ("2016-11-27", 1)


def test_when_the_shooting_happened_dates_an_event_dated_only_by_the_report():
    text = ("A 9-year-old boy was shot and killed by a gunman on the east side, police said Tuesday.\n\n"
            "Officer Adam Madera said the incident happened just before 9 p.m. Monday at a home in the "
            "11200 block of Roxbury.")
    assert main_event(text, date="2014-12-30").event_date == "2014-12-29"


def test_the_event_that_hurt_most_and_is_told_most_comes_first():
    text = ("A man was stabbed in a fight outside a bar on Main Street on Friday night.\n\n"
            "In a separate incident, gunmen opened fire on a house party two blocks away, killing three "
            "people and wounding five others, police said.\n\n"
            "The shooting happened shortly after midnight.\n\n"
            "\"They just drove up and started shooting at the party,\" said Maria Lopez, who lives next door.")
    result = extract_text(text, date="2016-06-01")
    first = result.events[0]
    assert (first.id, first.fatalities, first.injured) == ("e1", 3, 5)
    assert [e.id for e in result.events] == [f"e{n}" for n in range(1, len(result.events) + 1)]
    # the claim on the shooting follows it to its new id
    said = next(c for c in result.claims if c.content.startswith("In a separate incident"))
    assert said.event_ids == ["e1"] and said.id in first.claim_ids


def test_a_short_text_keeps_the_event_it_leads_with():
    text = ("A 28-year-old woman was raped on a bus in front of her daughter. "
            "Her attackers had killed her two-week-old son.")
    assert first_type(text) == "Sexual violence"


def test_a_governor_who_imposes_a_lockdown_is_the_government():
    events = extract_text("The governor of Kano State imposed a lockdown on the city.", date="2020-05-10").events
    assert [(e.sub_event_type, e.actor1) for e in events] == [("Change to group/activity", "Government of Nigeria")]


def test_a_reason_clause_deep_in_a_protest_is_not_its_background():
    """'since they had lost their jobs' gives a reason, not a time span ('since 2020'): the
    background scope leaves out adverbial clauses below the trigger's clause, as it does relative ones."""
    import spacy
    from spacy.tokens import Doc

    from polemos.pipeline.events import _background_scope

    words = "Workers staged a protest to be able to go home since they had lost their jobs .".split()
    heads = [1, 1, 3, 1, 5, 1, 5, 8, 6, 8, 13, 13, 13, 8, 15, 13, 1]
    deps = ["nsubj", "ROOT", "det", "dobj", "aux", "xcomp", "acomp", "aux", "xcomp", "advmod", "mark", "nsubj",
            "aux", "advcl", "poss", "dobj", "punct"]
    doc = Doc(spacy.blank("en").vocab, words=words, heads=heads, deps=deps)
    assert "since" not in _background_scope(doc[1], doc[3], doc[:]).text


def test_forces_sent_to_prevent_protests_are_a_change_not_a_protest():
    assert types_of("Riot police deployed across the centre of Harare to prevent opposition protests.",
                    "2020-05-10") == ["Change to group/activity"]


def test_the_place_country_table_is_built_once_and_kept_in_the_data_folder(tmp_path, monkeypatch):
    """actors._place_countries: the cities JSON is parsed once; later processes read the kept file."""
    from polemos.pipeline import actors

    monkeypatch.setenv("POLEMOS_HOME", str(tmp_path))
    actors._place_countries.cache_clear()
    try:
        built = actors._place_countries()
        kept = list(tmp_path.glob("place-countries-*.pickle"))
        assert len(kept) == 1 and "PK" in built["lahore"]
        actors._place_countries.cache_clear()
        monkeypatch.setattr(actors, "_build_place_countries", lambda: pytest.fail("built again"))
        assert actors._place_countries() == built
        kept[0].write_bytes(b"not a pickle")  # a damaged file is built again, not trusted
        actors._place_countries.cache_clear()
        monkeypatch.setattr(actors, "_build_place_countries", lambda: {"lahore": {"PK": 1.0}})
        assert actors._place_countries() == {"lahore": {"PK": 1.0}}
    finally:
        actors._place_countries.cache_clear()


def test_a_note_of_a_drug_seizure_or_of_returning_migrants_is_put_at_its_town():
    seizure = main_event("On 4 May 2020, in Uberlandia, Minas Gerais, the Federal Highway Police seized on the "
                         "BR-050 highway 2 tons of cocaine hidden in a truck.")
    assert (seizure.sub_event_type, seizure.actor1) == ("Looting/property destruction", "Police Forces of Brazil")
    assert seizure.location is not None and seizure.location.name == "Uberlândia"
    returned = main_event("On 6 May 2020, in San Cristobal, Tachira state, 300 Venezuelan migrants returned "
                          "from Colombia.")
    assert returned.sub_event_type == "Other"
    assert returned.location is not None and returned.location.admin1 == "Tachira"
