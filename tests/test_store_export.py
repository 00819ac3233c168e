"""`polemos export` and `polemos events` on a real store."""

from __future__ import annotations

import csv
import io
import json

import pytest

from polemos.export.formats import ACLED_COLUMNS
from polemos.store import open_store

from store_fixtures import report

TRENTON = ("Trenton", 40.2171, -74.7429, "US")
KHARKIV = ("Kharkiv", 49.9935, 36.2304, "UA")


@pytest.fixture()
def db(tmp_path):
    url = f"sqlite:///{tmp_path / 'export.db'}"
    store = open_store(url)
    text_a = "Police said Marcus Delaney was killed in a shooting on Hamilton Avenue in Trenton on Saturday."
    text_b = "Marcus Delaney and a second man died after gunfire on Hamilton Avenue in Trenton on Saturday, police said."
    store.add_result(*report("wire-1", text_a, date="2016-03-05", fatalities=1, place=TRENTON, title="Trenton shooting",
                             source="Trenton Times", claim="Marcus Delaney was killed"))
    store.add_result(*report("wire-2", text_b, date="2016-03-05", fatalities=2, place=TRENTON, title="Two dead in Trenton",
                             url="https://example.org/two-dead"))
    store.add_result(*report("wire-3", "Russian missiles struck an energy facility in Kharkiv on Monday, the governor said.",
                             date="2022-10-10", place=KHARKIV, event_type="Explosions/Remote violence",
                             sub_event_type="Shelling/artillery/missile attack", actor1="Military Forces of Russia (2000-)"))
    store.close()
    return url


def test_export_jsonl_is_events_with_reports_sources_contested(cli, db, tmp_path):
    out = tmp_path / "events.jsonl"
    result = cli("export", "--db", db, "--format", "jsonl", "-o", out)
    assert result.exit_code == 0, result.output
    items = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(items) == 2
    shooting = next(i for i in items if i["sources"] == 2)
    assert shooting["reports"] == [{"doc_id": "wire-1", "event_id": "e1"}, {"doc_id": "wire-2", "event_id": "e1"}]
    assert shooting["fatalities"] == 1  # the conservative figure
    contested = {c["field"]: c["values"] for c in shooting["contested"]}
    assert {(v["value"], tuple(v["doc_ids"])) for v in contested["fatalities"]} == {(1, ("wire-1",)), (2, ("wire-2",))}
    assert shooting["event_type"] == "Violence against civilians" and shooting["location"]["name"] == "Trenton"


def test_export_acled_csv_geojson_parquet(cli, db, tmp_path):
    import pyarrow.parquet as pq

    result = cli("export", "--db", db, "--format", "acled-csv")
    rows = list(csv.DictReader(io.StringIO(result.output)))
    assert list(rows[0].keys()) == ACLED_COLUMNS
    by_country = {r["country"]: r for r in rows}
    assert by_country["United States"]["region"] == "North America" and by_country["United States"]["iso"] == "840"
    assert by_country["Ukraine"]["region"] == "Europe"
    assert by_country["United States"]["source"] == "Trenton Times; example.org"
    assert by_country["United States"]["fatalities"] == "1"
    assert by_country["United States"]["event_id_cnty"].startswith("USA")

    geo = json.loads(cli("export", "--db", db, "--format", "geojson").output)
    assert len(geo["features"]) == 2
    assert {f["properties"]["sources"] for f in geo["features"]} == {1, 2}

    path = tmp_path / "events.parquet"
    assert cli("export", "--db", db, "--format", "parquet", "-o", path).exit_code == 0
    table = pq.read_table(path).to_pylist()
    assert {r["location"] for r in table} == {"Trenton", "Kharkiv"}
    assert next(r for r in table if r["location"] == "Trenton")["sources"] == 2
    assert cli("export", "--db", db, "--format", "xml").exit_code == 2


def test_events_table_and_filters(cli, db):
    result = cli("events", "--db", db, "--country", "UA")
    assert result.exit_code == 0
    assert "Kharkiv" in result.output and "Trenton" not in result.output
    lines = cli("events", "--db", db, "--json", "--q", "hamilton").output.splitlines()
    assert [json.loads(l)["sources"] for l in lines] == [2]
    assert cli("events", "--db", db, "--actor", "russia", "--json").output.count("Kharkiv") >= 1
    assert cli("events", "--db", db, "--since", "2022-01-01", "--json").output.count('"id"') == 1
    bad = cli("events", "--db", db, "--bbox", "1,2")
    assert bad.exit_code == 2 and "bbox" in bad.output


@pytest.mark.parametrize("command", [("export", "--format", "acled-csv"), ("events",)])
def test_reading_a_store_that_is_not_there_is_an_error_not_a_new_store(cli, tmp_path, command):
    # a mistyped --db used to create an empty store and export nothing, quietly
    missing = tmp_path / "evnets.db"
    result = cli(*command, "--db", f"sqlite:///{missing}")
    assert result.exit_code == 2 and "no store at" in result.output
    assert not missing.exists()
