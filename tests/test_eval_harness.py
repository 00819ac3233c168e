"""The eval harness: event_location, india_police, wikievents, rams, and `polemos eval all`.

Each task scores a small real slice of its dev set through the real pipeline;
each task's scorer gives 1.0 to predictions built from the gold (and less to
predictions that are wrong), so a broken scorer cannot pass.
"""

from __future__ import annotations

import json
import shutil

import pytest

from conftest import DEV, dev_records
from polemos.eval import arguments, event_location, india_police, load_gold, rams, run_all, wikievents
from polemos.eval.common import Options, head_match, join_with_offsets
from polemos.model import DocumentResult, Event, Location, TextSpan, disorder_type_for

OPTIONS = Options(limit=5, batch_size=8)


def event(eid: str, sub: str, start: int, end: int, **fields) -> Event:
    from polemos.model import SUB_EVENT_TYPES

    return Event(
        id=eid, event_type=SUB_EVENT_TYPES[sub], sub_event_type=sub, disorder_type=disorder_type_for(sub),
        evidence=[TextSpan(start=start, end=end)], **fields,
    )


def in_unit_range(metrics: dict) -> None:
    for name, value in metrics.items():
        if not name.startswith("n_"):
            assert 0.0 <= value <= 1.0, (name, value)


# ---- the real pipeline on a real slice: runs, and every rate is a rate ------------------------

@pytest.mark.parametrize("module,name", [
    (event_location, "event_location.jsonl"),
    (india_police, "india_police_sents.jsonl"),
    (wikievents, "wikievents_dev.jsonl"),
    (rams, "rams_dev.jsonl"),
])
def test_task_scores_a_real_slice(module, name):
    if not (DEV / name).exists():
        pytest.skip(f"{name} not available")
    records = load_gold(module, DEV / name, OPTIONS.limit)
    report = module.evaluate(records, OPTIONS)
    assert report.n == len(records) > 0
    assert report.headline_metrics(), "a summary needs headline metrics"
    in_unit_range(report.metrics)
    json.dumps(report.to_dict())  # the --json output is plain JSON


def test_india_police_limit_counts_articles_not_sentences():
    records = load_gold(india_police, DEV / "india_police_sents.jsonl", 3) if (DEV / "india_police_sents.jsonl").exists() else pytest.skip()
    assert len({r["doc_id"] for r in records}) == 3
    docs = india_police.articles(records)
    for doc in docs:
        for sent, (start, end) in zip(doc["sentences"], doc["spans"]):
            assert doc["text"][start:end] == sent["text"]


# ---- event_location ---------------------------------------------------------------------------

def perfect_event_location(records: list[dict]) -> list[DocumentResult]:
    results = []
    for rec in records:
        verb = rec["verb"]
        loc = Location(name=rec["location"]["text"]) if rec["location"] else None
        results.append(DocumentResult(id=rec["id"], events=[event("e1", "Attack", verb["start"], verb["end"], location=loc)]))
    return results


def test_event_location_gives_gold_full_marks_and_a_wrong_place_none():
    records = dev_records("event_location.jsonl", 60)
    report = event_location.score(records, perfect_event_location(records))
    assert report.metrics["accuracy_located"] == 1.0 and report.metrics["accuracy_unlocated"] == 1.0
    assert report.metrics["n_located"] + report.metrics["n_unlocated"] == 60

    # A place named in the sentence, given to an event the gold says has no place, is wrong.
    unlocated = [r for r in records if not r["location"]][:3]
    wrong = []
    for rec in unlocated:
        word = rec["text"].split()[0]
        res = DocumentResult(id=rec["id"], events=[event("e1", "Attack", 0, len(rec["text"]), location=Location(name=word))])
        wrong.append(res)
    assert event_location.score(unlocated, wrong).metrics["accuracy_unlocated"] == 0.0
    located = [r for r in records if r["location"]][:3]
    nowhere = [DocumentResult(id=r["id"], events=[event("e1", "Attack", 0, 1, location=Location(name="Atlantis"))]) for r in located]
    assert event_location.score(located, nowhere).metrics["accuracy_located"] == 0.0


# ---- india_police -----------------------------------------------------------------------------

def perfect_india_police(records: list[dict]) -> list[DocumentResult]:
    results = []
    for doc in india_police.articles(records):
        events = []
        for sent, (start, end) in zip(doc["sentences"], doc["spans"]):
            labels = set(sent["labels"])
            if "ANY_ACTION" not in labels:
                continue
            sub = "Arrests" if "ARREST" in labels else "Attack" if "FORCE" in labels else "Other"
            events.append(event(
                f"e{len(events)}", sub, start, end, actor1="Police Forces of India (2002-)",
                fatalities=int("KILL" in labels), injured=int("FORCE" in labels and sub != "Attack"),
            ))
        results.append(DocumentResult(id=doc["id"], events=events))
    return results


def test_india_police_gives_gold_full_marks_and_non_police_events_nothing():
    path = DEV / "india_police_sents.jsonl"
    if not path.exists():
        pytest.skip()
    records = india_police.load(path, 60)
    assert sum(1 for r in records if r["labels"]) > 20
    report = india_police.score(records, perfect_india_police(records))
    for label in india_police.LABELS:
        if report.breakdown["label"][label]["gold"]:
            assert report.metrics[f"{label}_f1"] == 1.0, label
    rioters = perfect_india_police(records)
    for result in rioters:
        for e in result.events:
            e.actor1 = "Rioters (India)"
    assert india_police.score(records, rioters).metrics["ANY_ACTION_recall"] == 0.0


# ---- wikievents and rams ----------------------------------------------------------------------

KIND_SUB = {"attack": "Armed clash", "harm": "Attack", "arrest": "Arrests", "demonstrate": "Peaceful protest", "yield": "Armed clash"}


def perfect_arguments(module, records: list[dict]) -> list[DocumentResult]:
    results = []
    for rec, doc in zip(records, module.documents(records)):
        events = []
        for trig in module.triggers(rec):
            args = trig.args
            place = args.get("place")
            events.append(event(
                f"e{len(events)}", KIND_SUB[arguments.family(trig.event_type)], trig.start, trig.end,
                actor1=(args.get("actor1") or [None])[0], actor2=(args.get("actor2") or [None])[0],
                location=Location(name=place[0]) if place else None,
            ))
        results.append(DocumentResult(id=doc["id"], events=events))
    return results


@pytest.mark.parametrize("module,name", [(wikievents, "wikievents_dev.jsonl"), (rams, "rams_dev.jsonl")])
def test_argument_tasks_give_gold_full_marks_and_empty_output_nothing(module, name):
    records = dev_records(name, 40)
    report = module.score(records, perfect_arguments(module, records))
    assert report.metrics["n_triggers"] > 5
    for metric in ("arg_precision", "arg_recall", "trigger_recall", "event_recall"):
        assert report.metrics[metric] == 1.0, metric
    empty = module.score(records, [DocumentResult(id="x") for _ in records])
    assert empty.metrics["trigger_recall"] == 0.0 and empty.metrics["arg_recall"] == 0.0


def test_wikievents_article_keeps_token_offsets():
    rec = dev_records("wikievents_dev.jsonl", 1)[0]
    text = wikievents.article_text(rec)
    for tokens, _ in rec["sentences"]:
        for token, start, end in tokens:
            assert text[start:end] == token
    starts = [tokens[0][1] for tokens, _ in rec["sentences"][1:]]
    assert starts and all(text[s - 1].isspace() for s in starts)  # sentences no longer run together


def test_rams_roles_and_offsets():
    assert arguments.role_slot("evt089arg01victim") == "actor2"
    assert arguments.role_slot("evt001arg03place") == "place"
    assert arguments.role_slot("Attacker") == "actor1"
    assert arguments.role_slot("evt010arg02recipient") is None
    assert arguments.family("life.die.nonviolentdeath") is None
    assert arguments.family("Conflict.Attack.DetonateExplode") == "attack"
    rec = dev_records("rams_dev.jsonl", 1)[0]
    text = rams.documents([rec])[0]["text"]
    for trig in rams.triggers(rec):
        assert text[trig.start:trig.end] == trig.text


def test_head_word_matching():
    assert head_match("Military Forces of Russia", "Russian")
    assert head_match("Civilians (Syria)", "civilians")
    assert head_match("Marseille", "French port city of Marseille")
    assert head_match("Soldiers", "a soldier")
    assert not head_match("Police Forces of India", "rioters")
    assert not head_match(None, "rioters")


def test_join_with_offsets_keeps_each_piece_findable():
    text, spans = join_with_offsets(["one.", "two\n\n", "three"])
    assert text == "one. two\n\nthree"
    assert [text[a:b] for a, b in spans] == ["one.", "two\n\n", "three"]


# ---- polemos eval all -------------------------------------------------------------------------

def test_eval_all_runs_each_file_in_a_folder(cli, tmp_path):
    folder = tmp_path / "dev"
    folder.mkdir()
    for name, n in (("event_location.jsonl", 4), ("rams_dev.jsonl", 3)):
        src = DEV / name
        if not src.exists():
            pytest.skip(f"{name} not available")
        folder.joinpath(name).write_text("".join(src.read_text(encoding="utf-8").splitlines(True)[:n]), encoding="utf-8")
    (folder / "notes.txt").write_text("not a dev set")
    out = tmp_path / "all.json"
    result = cli("eval", "all", folder, "--json", out)
    assert result.exit_code == 0, result.output
    assert "event_location" in result.stdout and "rams" in result.stdout
    data = json.loads(out.read_text())
    assert [(r["task"], r["n"]) for r in data["reports"]] == [("event_location", 4), ("rams", 3)]
    for rep in data["reports"]:
        assert rep["headline"] and all(name in rep["metrics"] for name in rep["headline"])


def test_eval_all_reports_a_missing_task_without_crashing(tmp_path, monkeypatch):
    import polemos.eval as ev

    folder = tmp_path / "dev"
    folder.mkdir()
    shutil.copy(DEV / "seed.json", folder / "seed.json") if (DEV / "seed.json").exists() else pytest.skip()
    monkeypatch.setitem(ev.TASKS, "seed", "polemos.eval.no_such_module_yet")
    entries = run_all(folder, Options(limit=1))
    assert [(e["task"], e["status"]) for e in entries] == [("seed", "not available")]


def test_eval_all_on_a_missing_folder_is_a_clear_error(cli, tmp_path):
    result = cli("eval", "all", tmp_path / "nowhere")
    assert result.exit_code == 2
    assert "no such folder" in result.stderr


def test_pronoun_only_arguments_are_not_scored():
    assert arguments.is_pronoun("who") and arguments.is_pronoun("he") and not arguments.is_pronoun("the general")
    trig = arguments.Trigger(start=0, end=6, text="killed", event_type="Life.Die.Unspecified", args={"actor2": ["she"]})
    result = DocumentResult(id="d", events=[event("e1", "Attack", 0, 20, actor2="Civilians (Iraq)")])
    report = arguments.score("t", "d", [("d", [trig])], [result])
    assert report.breakdown["slot"]["actor2"]["gold"] == 0
    assert report.metrics["arg_precision"] == 0.0  # the prediction is neither rewarded nor punished


def test_actor_kinds_come_from_the_actor_lexicon():
    if not arguments.actor_kinds()[0]:
        pytest.skip("data/actor_roles.toml is not in this checkout")
    assert arguments.value_matches("actor2", "Military Forces of Russia", "soldiers")
    assert arguments.value_matches("actor1", "Police Forces of India (2002-)", "police officers")
    assert not arguments.value_matches("actor1", "Military Forces of Russia", "protesters")
    assert not arguments.value_matches("place", "Military Forces of Russia", "soldiers")


# ---- --half: the read (even) and unseen (odd) halves of a dev set ------------------------------

def _gva_record(i: int, text: str, killed: int, injured: int) -> dict:
    return {"id": f"gva-{i}", "text": text, "date": "2016-05-02",
            "gold": {"incident_id": i, "date": "2016-05-01", "state": "Ohio", "city_or_county": "Dayton",
                     "killed": killed, "injured": injured, "latitude": 39.76, "longitude": -84.19}}


GVA_TINY = [
    _gva_record(0, "Man killed in Dayton shooting\n\nA man was shot and killed Sunday night in Dayton, police said.", 1, 0),
    _gva_record(1, "Two wounded in Dayton shooting\n\nTwo men were shot and wounded Sunday in Dayton, police said.", 0, 2),
    _gva_record(2, "Woman shot in Dayton\n\nA woman was shot in the leg Sunday in Dayton, police said.", 0, 1),
]


def test_take_half_keeps_even_or_odd_indices():
    from polemos.eval.common import take_half

    assert take_half(list("abcde"), "even") == ["a", "c", "e"]
    assert take_half(list("abcde"), "odd") == ["b", "d"]
    assert take_half(list("abc"), None) == ["a", "b", "c"]
    with pytest.raises(ValueError):
        take_half(list("abc"), "first")


def test_eval_half_scores_only_that_half(cli, tmp_path):
    gold = tmp_path / "gva.jsonl"
    gold.write_text("".join(json.dumps(r) + "\n" for r in GVA_TINY), encoding="utf-8")
    out = tmp_path / "odd.json"
    result = cli("eval", "gva", gold, "--half", "odd", "--json", out)
    assert result.exit_code == 0, result.output
    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["n"] == 1 and report["dataset"] == "gva.jsonl (odd half)"
    assert report["metrics"]["injured_exact"] == 1.0
    assert "half" not in report["breakdown"]  # a half has no halves
    assert cli("eval", "gva", gold, "--half", "first").exit_code != 0


def test_gva_full_report_splits_even_and_odd():
    from polemos.eval import gva

    report = gva.evaluate(GVA_TINY, Options())
    halves = report.breakdown["half"]
    assert halves["even"]["n"] == 2 and halves["odd"]["n"] == 1
    assert halves["even"]["killed_exact"] == 1.0 and halves["odd"]["injured_exact"] == 1.0
    assert all(err["index"] in (0, 1, 2) for err in report.errors)


def test_gva_lists_location_misses_beside_count_misses():
    from polemos.eval import gva

    # the gold incident lies in Columbus, 100 km from the Dayton the text names: a location miss
    far = {**GVA_TINY[0], "gold": {**GVA_TINY[0]["gold"], "latitude": 39.96, "longitude": -83.0}}
    report = gva.evaluate([far, GVA_TINY[1]], Options())
    misses = [e for e in report.errors if e.get("field") == "location"]
    assert len(misses) == 1 and misses[0]["index"] == 0 and misses[0]["pred"]["km"] > 90
    assert misses[0]["gold"] == {"city_or_county": "Dayton", "state": "Ohio"}


def test_acled_match_breaks_ties_by_place_and_never_over_type():
    """A note ACLED split into one event per town is matched town by town; place never outweighs type."""
    from polemos.eval import acled
    from polemos.eval.common import location_error

    gold = {"sub_event_type": "Armed clash", "event_type": "Battles", "event_date": "2020-05-09",
            "actor1": None, "actor2": None, "latitude": 15.64, "longitude": 44.47}
    far = event("e1", "Armed clash", 0, 5, event_date="2020-05-09",
                location=Location(name="Far", latitude=15.5, longitude=45.3))
    near = event("e2", "Armed clash", 6, 9, event_date="2020-05-09",
                 location=Location(name="Near", latitude=15.65, longitude=44.45))
    wrong_type_near = event("e3", "Attack", 6, 9, event_date="2020-05-09", location=near.location)
    assert max([far, near], key=lambda e: acled._score(e, gold)) is near
    assert max([far, wrong_type_near], key=lambda e: acled._score(e, gold)) is far
    miss = location_error({"id": "x", "gold": {**gold, "location": "Near"}, "text": "t"}, far, acled.ACLED_PLACE_KEYS)
    assert miss["pred"]["location"] == "Far" and miss["pred"]["km"] > 25 and miss["gold"]["location"] == "Near"


@pytest.mark.parametrize("bad_line, message", [
    ('{"id": "t2", "text": "Troops shelled the town."', "line 2: not valid JSON"),
    ('["not", "a", "record"]', "record 2 is a JSON list"),
    ('{"id": "t2", "label": "Armed clash"}', "a record has no 'text' field"),
])
def test_eval_on_a_broken_gold_line_is_a_clear_error(cli, tmp_path, bad_line, message):
    gold = tmp_path / "typing.jsonl"
    good = {"id": "t1", "text": "Protesters marched in Lagos.", "label": "Peaceful protest"}
    gold.write_text(json.dumps(good) + "\n" + bad_line + "\n")
    result = cli("eval", "typing", gold)
    assert result.exit_code == 2 and message in result.output


@pytest.mark.parametrize("task, gold, mode", [
    ("geo", "geo_gwn.jsonl", "resolv"), ("isaf", "isaf.jsonl", "documents"), ("linking", "gva.jsonl", "oracel"),
])
def test_an_unknown_mode_is_a_clear_error(cli, task, gold, mode):
    # a mistyped mode was a traceback (geo, linking) or silently the default (isaf, gva)
    result = cli("eval", task, DEV / gold, "--mode", mode, "--limit", "1")
    assert result.exit_code == 2 and f"{task} --mode must be one of" in result.output
