"""The store on real databases: SQLite files and (marked postgres) a throwaway PostgreSQL database."""

from __future__ import annotations

import sqlite3

import pytest

from polemos.store import EventFilters, StoreError, open_store

from store_fixtures import postgres_url, report

TRENTON = ("Trenton", 40.2171, -74.7429, "US")
CAMDEN = ("Camden", 39.9259, -75.1196, "US")

SHOOTING_A = (
    "Police said Marcus Delaney, 24, was killed and two others wounded in a shooting on Hamilton Avenue "
    "in Trenton early Saturday. Investigators are looking for a gray sedan seen leaving Hamilton Avenue."
)
SHOOTING_B = (
    "Marcus Delaney died after gunfire erupted on Hamilton Avenue in Trenton on Saturday; two people were "
    "hurt, police said. A gray sedan fled the scene, according to witnesses."
)
SHOOTING_C = (
    "A 16-year-old was shot and wounded outside a corner store on Federal Street in Camden on Saturday "
    "night, authorities said. No arrests have been made."
)
PROTEST = (
    "Hundreds of teachers marched through downtown Trenton on Saturday demanding higher pay. "
    "The rally ended peacefully at the State House."
)


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store(request, tmp_path):
    if request.param == "sqlite":
        s = open_store(f"sqlite:///{tmp_path / 'test.db'}")
        yield s
        s.close()
    else:
        with postgres_url() as url:
            s = open_store(url)
            yield s
            s.close()


def add_all(store, *pairs):
    return [store.add_result(doc, result) for doc, result in pairs]


def fixtures():
    return [
        report("a", SHOOTING_A, date="2016-03-05", fatalities=1, injured=2, place=TRENTON, title="Man killed in Trenton shooting",
               url="https://news.example/a", claim="Marcus Delaney, 24, was killed"),
        report("b", SHOOTING_B, date="2016-03-05", fatalities=2, injured=2, place=TRENTON, title="Trenton shooting victim named",
               url="https://news.example/b"),
        report("c", SHOOTING_C, date="2016-03-05", injured=1, place=CAMDEN, title="Teen wounded in Camden"),
        report("d", PROTEST, date="2016-03-05", place=TRENTON, event_type="Protests", sub_event_type="Peaceful protest",
               title="Teachers march in Trenton"),
    ]


def test_reports_of_one_event_merge_and_others_do_not(store):
    outcomes = add_all(store, *fixtures())
    assert [o.status for o in outcomes] == ["added"] * 4
    a, b, c, d = (o.event_ids[0] for o in outcomes)
    assert a == b  # same shooting, two outlets
    assert len({a, c, d}) == 3  # another town; a protest in the same town the same day
    event = store.get_event(a)
    assert event["sources"] == 2
    assert {r["doc_id"] for r in event["reports"]} == {"a", "b"}
    # ACLED's rule across sources: the most conservative figure, and the disagreement is kept.
    assert event["fatalities"] == 1
    contested = {c["field"]: c for c in event["contested"]}
    assert {v["value"] for v in contested["fatalities"]["values"]} == {1, 2}
    one = next(v for v in contested["fatalities"]["values"] if v["value"] == 1)
    assert one["doc_ids"] == ["a"] and one["claim_ids"] == ["a#c1"]
    # Source sentences and claims come with the event.
    assert event["report_details"][0]["evidence"][0]["text"].startswith("Police said Marcus Delaney")
    assert [c["qualified_id"] for c in event["claims"]] == ["a#c1"]


def test_same_document_twice_changes_nothing(store):
    add_all(store, *fixtures())
    before = store.stats()
    doc, result = fixtures()[0]
    again = store.add_result(doc, result)
    assert again.status == "duplicate" and again.doc_id == "a"
    # Same URL, text re-rendered: still the same document.
    moved = doc.model_copy(update={"id": "a-again", "text": doc.text + " Updated."})
    assert store.add_result(moved, result).status == "duplicate"
    assert store.stats() == before


def test_same_id_different_text_keeps_both(store):
    doc, result = report("line-1", SHOOTING_C, date="2016-03-05", place=CAMDEN)
    other, other_result = report("line-1", PROTEST, date="2016-03-06", place=TRENTON, event_type="Protests",
                                 sub_event_type="Peaceful protest")
    first, second = store.add_result(doc, result), store.add_result(other, other_result)
    assert first.doc_id == "line-1" and second.doc_id.startswith("line-1~")
    assert store.get_document(second.doc_id)["text"] == PROTEST


def test_filters_and_pages(store):
    add_all(store, *fixtures())
    assert store.count_events() == 3
    assert [e["event_type"] for e in store.list_events({"event_type": "Protests"}).items] == ["Protests"]
    assert store.count_events({"q": "sedan hamilton"}) == 1
    assert store.count_events({"bbox": "-75.0,40.0,-74.5,40.5"}) == 2  # Trenton, not Camden
    assert store.count_events({"country": "us", "since": "2016-03-05", "until": "2016-03-05"}) == 3
    assert store.count_events({"since": "2016-03-06"}) == 0
    first = store.list_events(limit=2)
    rest = store.list_events(cursor=first.next, limit=2)
    assert len(first.items) == 2 and len(rest.items) == 1 and rest.next is None
    assert {e["id"] for e in first.items + rest.items} == {e["id"] for e in store.iter_events()}
    with pytest.raises(StoreError):
        store.list_events({"bbox": "west,south"})
    with pytest.raises(StoreError):
        store.list_events(cursor="not a cursor")
    assert store.get_event("ev-999") is None


def test_review_decisions_win_and_survive_relinking(store):
    a, b, c, d = (o.event_ids[0] for o in add_all(store, *fixtures()))
    # Split the merged shooting: the reviewer says b is another incident.
    new = store.split_event(a, [{"doc_id": "b", "event_id": "e1"}], who="ana", note="different victim")
    assert new["sources"] == 1 and store.get_event(a)["sources"] == 1
    # Edit a field; mark the protest not an event; the reviewer changes their mind and merges b back.
    assert store.edit_event(a, "fatalities", 3, who="ana")["fatalities"] == 3
    store.mark_not_event(d, who="ben")
    relinked = store.relink(include_reviewed=True)
    assert relinked["moved"] == 0 and store.get_event(new["id"])["sources"] == 1
    merged = store.merge_events(a, [new["id"]], who="ben")
    assert merged["sources"] == 2 and merged["fatalities"] == 3
    # A new report of the shooting arrives: linking joins it, the reviewer's edit still wins.
    store.add_result(*report("e", SHOOTING_A.replace("early Saturday", "on Saturday") + " Funeral set for Friday.",
                             date="2016-03-05", fatalities=1, place=TRENTON, title="Delaney funeral set"))
    after = store.get_event(a)
    assert after["sources"] == 3 and after["fatalities"] == 3
    assert "fatalities" not in {c["field"] for c in after["contested"]}
    assert store.get_event(new["id"])["status"] == "merged"
    assert store.get_event(d)["status"] == "not_event"
    assert d not in {e["id"] for e in store.iter_events()}
    assert store.get_event(c)["sources"] == 1
    log = store.audit_log()
    assert [entry["action"] for entry in reversed(log)][:3] == ["split", "split_from", "edit"]
    edit = next(entry for entry in log if entry["action"] == "edit")
    assert edit["who"] == "ana" and edit["before"]["fatalities"] == 1 and edit["after"]["fatalities"] == 3
    with pytest.raises(StoreError):
        store.edit_event(a, "fatalities", -1, who="ana")
    with pytest.raises(StoreError):
        store.edit_event(a, "notes", "x", who="")


def test_errors_are_recorded_not_stored(store):
    doc, result = fixtures()[0]
    failed = result.model_copy(update={"error": "processing failed: boom", "events": []})
    outcome = store.add_result(doc, failed)
    assert outcome.status == "error"
    assert store.stats()["documents"] == 0 and store.errors()[0]["error"] == "processing failed: boom"
    assert store.add_result(doc, result).status == "added"  # a later good run stores it


def test_sqlite_file_is_plain_for_standard_tools(tmp_path):
    path = tmp_path / "plain.db"
    store = open_store(str(path))
    add_all(store, *fixtures())
    store.close()
    with sqlite3.connect(path) as con:
        assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        names = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")}
        assert {"documents", "events", "claims", "places", "actors", "canonical_events", "audit_log",
                "v_events", "v_reports", "v_document_events", "v_claims"} <= names
        rows = con.execute("SELECT doc_id, location FROM v_reports ORDER BY doc_id").fetchall()
        assert rows[:2] == [("a", "Trenton"), ("b", "Trenton")]
        assert con.execute("SELECT sources FROM v_events ORDER BY sources DESC").fetchone()[0] == 2


def test_filters_object_ignores_empty_values():
    filters = EventFilters.of({"country": "", "since": None, "q": "x", "unknown": 1})
    assert filters.country is None and filters.q == "x"


def test_never_links_across_dates_but_survives_a_geocoding_error(store):
    # (The victim unnamed: a key person both name would vouch for the dates, see the test on names.)
    same_text = SHOOTING_A.replace("Marcus Delaney, 24,", "a 24-year-old man")
    first = store.add_result(*report("x1", same_text, date="2016-03-05", fatalities=1, place=TRENTON))
    # Identical words, three days later at day precision, a date written in a report published twelve days
    # after it (not a date resolved from the publication date): another event.
    doc, result = report("x2", same_text + " More.", date="2016-03-08", fatalities=1, place=TRENTON)
    later = store.add_result(doc.model_copy(update={"date": "2016-03-20"}), result)
    assert later.event_ids != first.event_ids
    # Same day, same names and street, but geocoded to the wrong Trenton (Ontario): one event.
    misplaced = store.add_result(*report("x3", SHOOTING_B, date="2016-03-05", fatalities=1,
                                         place=("Trenton", 44.1, -77.58, "CA"), title="Man killed in Trenton shooting"))
    assert misplaced.event_ids == first.event_ids  # another country overruled by strong word agreement, on the day
    wrong_town = store.add_result(*report("x4", SHOOTING_B + " Police said.", date="2016-03-05", fatalities=1,
                                          place=("Ewing", 40.2598, -74.7996, "US")))
    assert wrong_town.event_ids == first.event_ids  # 6 km away: within the gate anyway
    # Geocoded to Trenton, Michigan (900 km off), but the same victim, street and car: still one event.
    far = store.add_result(*report("x5", SHOOTING_B + " Funeral on Friday.", date="2016-03-05", fatalities=1,
                                   place=("Trenton", 42.1395, -83.1783, "US"), title="Trenton shooting victim named"))
    assert far.event_ids == first.event_ids
    # ...while a different shooting geocoded there does not join it.
    other = store.add_result(*report("x6", SHOOTING_C.replace("Camden", "Trenton"), date="2016-03-05", injured=1,
                                     place=("Trenton", 42.1395, -83.1783, "US")))
    assert other.event_ids != first.event_ids
    # ...nor one geocoded to the Ontario Trenton.
    abroad = store.add_result(*report("x7", SHOOTING_C.replace("Camden", "Trenton") + " Witnesses sought.",
                                      date="2016-03-05", injured=1, place=("Trenton", 44.1, -77.58, "CA")))
    assert abroad.event_ids != first.event_ids


def test_read_indexes_exist_and_postgres_answers_actor_search_from_trigrams(store):
    from sqlalchemy import inspect, text

    indexes = {ix["name"] for ix in inspect(store.engine).get_indexes("canonical_events")}
    assert {"ix_canonical_events_dashboard", "ix_canonical_events_country_dashboard"} <= indexes
    if store.engine.dialect.name != "postgresql":
        return
    assert {"ix_canonical_events_actor1_trgm", "ix_canonical_events_actor2_trgm"} <= indexes
    with store.engine.connect() as conn:
        conn.exec_driver_sql("SET enable_seqscan = off")  # a tiny table: ask whether the index can answer
        plan = "\n".join(row[0] for row in conn.execute(text(
            "EXPLAIN SELECT id FROM canonical_events WHERE lower(actor1) LIKE :p OR lower(actor2) LIKE :p"),
            {"p": "%police forces%"}))
    assert "trgm" in plan, plan


def test_follow_up_report_links_to_earlier_incident_on_strong_word_agreement(store):
    # A shooting, then a report about an arrest in the same killing eleven days later; its only date is
    # the publication date (nothing explicit in the text), and it names the same victim and street.
    first = store.add_result(*report("f1", SHOOTING_A, date="2016-03-05", fatalities=1, place=TRENTON,
                                     title="Man killed in Hamilton Avenue shooting"))
    # (Delaney written without his age: not a key person, so the date window decides; see the test on names.)
    arrest = ("Police arrested a 19-year-old man in the killing of Marcus Delaney, who was shot on Hamilton "
              "Avenue in Trenton. Investigators traced the gray sedan seen leaving Hamilton Avenue.")
    follow = store.add_result(*report("f2", arrest, date="2016-03-16", fatalities=1, place=TRENTON,
                                      title="Arrest in Hamilton Avenue killing of Marcus Delaney"))
    assert follow.event_ids == first.event_ids
    # Another shooting in Trenton eleven days later, with few words in common: a new event.
    other = ("A 31-year-old woman was wounded when shots were fired into a home on Brunswick Avenue in Trenton, "
             "police said. No arrests have been made.")
    unrelated = store.add_result(*report("f3", other, date="2016-03-16", fatalities=0, place=TRENTON))
    assert unrelated.event_ids != first.event_ids
    # The same words, but more than the bounded window (60 days) later: never linked.
    late = store.add_result(*report("f4", arrest + " The trial opens.", date="2016-06-20", fatalities=1,
                                    place=TRENTON, title="Arrest in Hamilton Avenue killing of Marcus Delaney"))
    assert late.event_ids != first.event_ids


def _with_people(pair, *names):
    """The report with PERSON entities for each name where the text writes it (as the pipeline's NER gives them)."""
    from polemos.model import Entity

    doc, result = pair
    entities = [Entity(text=n, start=doc.text.index(n), end=doc.text.index(n) + len(n), label="PERSON") for n in names]
    return doc, result.model_copy(update={"entities": entities})


def test_victim_named_with_an_age_links_a_trial_months_later_but_an_official_does_not(store):
    shooting = ("Marcus Delaney, 24, was shot dead on Hamilton Avenue in Trenton on Saturday night, police said. "
                "Mayor Eric Jackson called for calm.")
    first = store.add_result(*_with_people(
        report("n1", shooting, date="2016-03-05", fatalities=1, place=TRENTON, title="Man killed in Trenton"),
        "Marcus Delaney", "Eric Jackson"))
    # Eight months later, the trial: dated the day it was written, geocoded to another state, few words shared.
    trial = ("A jury was seated in the murder trial of the man accused of killing Marcus Delaney. "
             "Opening statements are expected next week at the county courthouse.")
    later = store.add_result(*_with_people(
        report("n2", trial, date="2016-11-14", fatalities=1, place=("Newark", 40.73, -74.17, "US"),
               title="Jury seated in murder trial"), "Marcus Delaney"))
    assert later.event_ids == first.event_ids
    # The mayor (no age: an official, named in many incidents) months later: another event.
    other = ("Mayor Eric Jackson said a woman was wounded on Brunswick Avenue in Trenton in a shooting overnight. "
             "No arrests have been made.")
    unrelated = store.add_result(*_with_people(
        report("n3", other, date="2016-09-02", fatalities=0, injured=1, place=TRENTON), "Eric Jackson"))
    assert unrelated.event_ids != first.event_ids
    names = {(n["name"], n["aged"]) for n in store.get_document("n1")["people"]}
    assert names == {("marcus delaney", True), ("eric jackson", False)}


def test_victim_written_with_an_age_and_a_middle_initial_links_a_plea_months_later_without_ner(store):
    # No NER entities: the age beside the name marks the key person, and the middle initial one
    # outlet writes does not make another person.
    shooting = ("Darnell T. Price, 19, was shot dead outside a laundromat on Brunswick Avenue in Trenton on Friday. "
                "Police have made no arrests.")
    first = store.add_result(*report("p1", shooting, date="2016-03-04", fatalities=1, place=TRENTON))
    plea = ("A Trenton man pleaded guilty Monday to aggravated manslaughter in the death of 19-year-old "
            "Darnell Price. Sentencing is set for June.")
    later = store.add_result(*report("p2", plea, date="2016-10-17", fatalities=1, place=TRENTON))
    assert later.event_ids == first.event_ids
    names = {(n["name"], n["aged"]) for n in store.get_document("p2")["people"]}
    assert names == {("darnell price", True)}
    # Another shooting on that street months later, no name in common: another event.
    other = ("A 30-year-old man was wounded on Brunswick Avenue in Trenton early Sunday. Police have made no arrests.")
    unrelated = store.add_result(*report("p3", other, date="2016-10-16", injured=1, place=TRENTON))
    assert unrelated.event_ids != first.event_ids


def test_relink_reads_the_people_of_stored_documents_again(store, monkeypatch):
    # Documents stored by a version that read no names without NER (before aged_names): the
    # plea months later finds no key person and starts its own event.
    import polemos.store.core as core

    shooting = ("Darnell T. Price, 19, was shot dead outside a laundromat on Brunswick Avenue in Trenton on Friday. "
                "Police have made no arrests.")
    plea = ("A Trenton man pleaded guilty Monday to aggravated manslaughter in the death of 19-year-old "
            "Darnell Price. Sentencing is set for June.")
    with monkeypatch.context() as patched:
        patched.setattr(core, "person_names", lambda text, entities: {})
        first = store.add_result(*report("r1", shooting, date="2016-03-04", fatalities=1, place=TRENTON))
        later = store.add_result(*report("r2", plea, date="2016-10-17", fatalities=1, place=TRENTON))
    assert later.event_ids != first.event_ids and store.get_document("r2")["people"] == []
    # Relinking with today's code reads the names again and links the plea to the shooting.
    relinked = store.relink()
    assert relinked["documents_renamed"] == 2
    assert {(n["name"], n["aged"]) for n in store.get_document("r2")["people"]} == {("darnell price", True)}
    events = [{r["doc_id"] for r in item["reports"]} for item in store.iter_events({"include_hidden": False})]
    assert {"r1", "r2"} in events
