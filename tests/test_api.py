"""The HTTP API on a real store (SQLite, and PostgreSQL where reachable), through FastAPI's test client."""

from __future__ import annotations

import contextlib
import shutil

import pytest
from fastapi.testclient import TestClient

from polemos.api import create_app, tokens
from polemos.api.settings import Settings
from polemos.store import open_store

from store_fixtures import postgres_url, report
from webdata import example_document, example_result

HOSTILE = (
    'Protesters gathered in Lyon on Saturday. <script>alert("owned")</script> Police said 3 people were '
    'arrested. <img src=x onerror="alert(1)"> The march ended peacefully.'
)


BACKENDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]


def _settings(**changes) -> Settings:
    settings = Settings(secret="test-secret", tile_url=None, max_text_chars=50_000, max_body_bytes=200_000)
    for key, value in changes.items():
        setattr(settings, key, value)
    return settings


def fill(s) -> None:
    """The example article (as the pipeline reads it), a second outlet's report of one of its events, and a French protest."""
    document = example_document()
    s.add_result(document, example_result(document))
    # Another death toll for one of the example's events: a contested value.
    s.add_result(*report("wire-2", "Azerbaijan said two civilians died in a mine blast in Nagorno-Karabakh on Tuesday, hours before "
                                   "it launched anti-terrorist operations in the breakaway enclave.",
                         date="2023-09-19", fatalities=3, place=("Khojavend", 39.79496, 47.1117, "AZ"),
                         event_type="Explosions/Remote violence", sub_event_type="Remote explosive/landmine/IED",
                         title="Azerbaijan says mine blast kills civilians in Karabakh", source="Wire",
                         actor2="Civilians (Azerbaijan)"))
    s.add_result(*report("fr-1", HOSTILE, date="2023-06-03", place=("Lyon", 45.75, 4.85, "FR"), event_type="Protests",
                         sub_event_type="Peaceful protest", title='<b onmouseover="alert(2)">Lyon march</b>'))


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory):
    """A filled SQLite store, built once; each test that writes gets a copy."""
    path = tmp_path_factory.mktemp("template") / "api.db"
    s = open_store(f"sqlite:///{path}")
    fill(s)
    s.close()
    return path


@contextlib.contextmanager
def filled_store(kind: str, sqlite_template, tmp_path):
    if kind == "sqlite":
        copy = tmp_path / "api.db"
        shutil.copy(sqlite_template, copy)
        s = open_store(f"sqlite:///{copy}")
        yield s
        s.close()
    else:
        with postgres_url() as url:
            s = open_store(url)
            fill(s)
            yield s
            s.close()


@pytest.fixture(scope="module", params=BACKENDS)
def read_client(request, sqlite_template, tmp_path_factory):
    """One filled store per backend for the tests that only read."""
    with filled_store(request.param, sqlite_template, tmp_path_factory.mktemp("read")) as s:
        with TestClient(create_app(store=s, settings=_settings())) as c:
            yield c


@pytest.fixture(params=BACKENDS)
def store(request, sqlite_template, tmp_path):
    with filled_store(request.param, sqlite_template, tmp_path) as s:
        yield s


@pytest.fixture()
def sqlite_store(sqlite_template, tmp_path):
    """For write tests whose subject is the API layer, not the database."""
    with filled_store("sqlite", sqlite_template, tmp_path) as s:
        yield s


@pytest.fixture()
def sqlite_client(sqlite_store):
    with TestClient(create_app(store=sqlite_store, settings=_settings())) as c:
        yield c


@pytest.fixture()
def client(store):
    app = create_app(store=store, settings=_settings())
    with TestClient(app) as c:
        yield c


@pytest.fixture()
def token(store) -> str:
    return tokens.create_token(store.engine, "analyst-1")[1]


def auth(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


# ---- reading events ----------------------------------------------------------------------------

def test_list_events_has_contract_shape_and_pages_with_cursor(read_client):
    first = read_client.get("/api/events", params={"limit": 2})
    assert first.status_code == 200
    body = first.json()
    assert set(body) == {"items", "next"} and len(body["items"]) == 2 and body["next"]
    item = body["items"][0]
    for key in ("id", "event_type", "sub_event_type", "event_date", "location", "fatalities", "reports", "sources", "contested"):
        assert key in item
    seen = [e["id"] for e in body["items"]]
    cursor = body["next"]
    while cursor:
        page = read_client.get("/api/events", params={"limit": 2, "cursor": cursor}).json()
        seen += [e["id"] for e in page["items"]]
        cursor = page["next"]
    assert len(seen) == len(set(seen)) == 5  # 4 from the example (one shared with wire-2), 1 in France
    dates = [e["event_date"] or "" for e in read_client.get("/api/events").json()["items"]]
    assert dates == sorted(dates, reverse=True)


def test_api_pages_match_the_stores_own_order(read_client):
    """The API's faster two-step page query gives what Store.list_events gives, cursor by cursor."""
    store = read_client.app.state.store
    for filters in ({}, {"country": "AZ"}, {"since": "2023-01-01"}):
        ours, theirs, cursor_a, cursor_b = [], [], None, None
        while True:
            page = read_client.get("/api/events", params={**filters, "limit": 2, **({"cursor": cursor_a} if cursor_a else {})}).json()
            ours += [e["id"] for e in page["items"]]
            cursor_a = page["next"]
            if not cursor_a:
                break
        while True:
            page = store.list_events(filters, cursor=cursor_b, limit=2)
            theirs += [e["id"] for e in page.items]
            cursor_b = page.next
            if not cursor_b:
                break
        assert ours == theirs, filters


def test_filters_country_dates_type_bbox_text_actor(read_client):
    def ids(**params):
        response = read_client.get("/api/events", params=params)
        assert response.status_code == 200, response.text
        return {e["id"] for e in response.json()["items"]}

    everything = ids()
    azerbaijan = ids(country="AZ")
    assert len(azerbaijan) == 4 and azerbaijan == ids(country="az")  # the example's four events
    assert len(ids(country="FR")) == 1 and not ids(country="DE")
    assert ids(since="2023-09-01") == azerbaijan and len(ids(until="2023-06-30")) == 1
    assert ids(event_type="Protests") == ids(country="FR")
    assert ids(sub_event_type="Remote explosive/landmine/IED") <= azerbaijan
    assert ids(bbox="40,35,50,45") == azerbaijan  # a box around the Caucasus
    assert ids(bbox="-5,40,10,50") == ids(country="FR")
    assert ids(q="lyon") == ids(country="FR")
    assert ids(actor="police forces") and ids(actor="police forces") <= azerbaijan
    assert everything >= azerbaijan | ids(country="FR")


@pytest.mark.parametrize("params", [{"country": "Azerbaijan"}, {"since": "19/09/2023"}, {"bbox": "1,2,3"},
                                    {"limit": 0}, {"limit": 100000}, {"q": "x" * 500}])
def test_bad_filters_answer_422(read_client, params):
    response = read_client.get("/api/events", params=params)
    assert response.status_code == 422
    assert "detail" in response.json()


def test_bad_cursor_answers_400_and_unknown_event_404(read_client):
    assert read_client.get("/api/events", params={"cursor": "not-a-cursor"}).status_code == 400
    assert read_client.get("/api/events/ev-99999").status_code == 404
    assert read_client.get("/api/events/nonsense").status_code == 404


def test_event_detail_has_reports_sources_and_claims(read_client):
    [item] = [e for e in read_client.get("/api/events", params={"country": "AZ"}).json()["items"] if e["sources"] == 2]
    event = read_client.get(f"/api/events/{item['id']}").json()
    assert {r["doc_id"] for r in event["reports"]} == {"karabakh-2023-09-19", "wire-2"}
    evidence = [q for d in event["report_details"] for q in d["evidence"]]
    assert evidence and all(q["text"] for q in evidence)
    assert any(c["speaker"] for c in event["claims"])
    assert [c["field"] for c in event["contested"]] == ["fatalities"]
    assert event["fatalities"] == 2  # ACLED's conservative figure


def test_stats_map_documents_claims_places_actors(read_client):
    stats = read_client.get("/api/stats").json()
    assert stats["totals"]["events"] == 5 and stats["totals"]["documents"] == 3
    assert {c["country_code"] for c in stats["by_country"]} >= {"AZ", "FR"}
    assert sum(d["events"] for d in stats["by_day"]) + stats["undated"] == 5
    assert read_client.get("/api/stats", params={"country": "FR"}).json()["totals"]["events"] == 1

    points = read_client.get("/api/map", params={"country": "AZ"}).json()
    assert len(points["points"]) == 4 and not points["truncated"]
    event_id, lat, lon, type_index, fatalities, date = points["points"][0]
    assert points["event_types"][type_index] and 35 < lat < 45 and 40 < lon < 50

    docs = read_client.get("/api/documents").json()["items"]
    assert {d["doc_id"] for d in docs} == {"karabakh-2023-09-19", "wire-2", "fr-1"}
    doc = read_client.get("/api/documents/karabakh-2023-09-19").json()
    assert doc["text"].startswith(example_document().text[:40])
    assert read_client.get("/api/documents/nope").status_code == 404
    claims = read_client.get("/api/claims", params={"doc_id": "karabakh-2023-09-19"}).json()["items"]
    assert len(claims) == len(example_result().claims)
    assert read_client.get("/api/claims", params={"speaker": "security services"}).json()["items"]
    assert read_client.get("/api/places", params={"country": "FR"}).status_code == 200
    actors = read_client.get("/api/actors", params={"q": "azerbaijan"}).json()["items"]
    assert actors and all("azerbaijan" in a["name"].lower() for a in actors)


def test_parameterised_queries_take_hostile_text_literally(read_client):
    for q in ("'; DROP TABLE documents; --", "%", "_", "\\"):
        assert read_client.get("/api/events", params={"q": q}).status_code == 200
        assert read_client.get("/api/actors", params={"q": q}).status_code == 200
    assert read_client.app.state.store.has_documents()
    assert read_client.get("/api/actors", params={"q": "%"}).json()["items"] == []


def test_openapi_docs_are_served_from_local_files(read_client):
    spec = read_client.get("/openapi.json").json()
    assert "/api/events" in spec["paths"] and "/api/documents" in spec["paths"]
    assert spec["openapi"].startswith("3.0")  # what the packaged Swagger UI reads
    page = read_client.get("/docs").text
    assert "/vendor/swagger/swagger-ui-bundle.js" in page and "https://" not in page
    assert read_client.get("/vendor/swagger/swagger-ui-bundle.js").status_code == 200


# ---- writing -----------------------------------------------------------------------------------

def test_writes_need_a_valid_token(sqlite_client, sqlite_store):
    client, store = sqlite_client, sqlite_store
    token = tokens.create_token(store.engine, "analyst-1")[1]
    body = {"text": "Rebels attacked a village.", "date": "2024-01-02"}
    assert client.post("/api/documents", json=body).status_code == 401
    assert client.post("/api/documents", json=body, headers=auth("pol_wrong")).status_code == 401
    assert client.post("/api/documents", json=body, headers={"Authorization": token}).status_code == 401
    review = {"action": "not_event"}
    assert client.post("/api/events/ev-1/review", json=review).status_code == 401
    tokens.revoke_token(store.engine, "analyst-1")
    assert client.post("/api/events/ev-1/review", json=review, headers=auth(token)).status_code == 401
    assert store.get_event("ev-1")["status"] == "auto"


def test_post_document_runs_the_pipeline_and_is_idempotent(client, token):
    text = ("Gunmen killed five villagers in an attack on a market in northern Burkina Faso on Sunday, "
            "local officials said. The army said it was pursuing the attackers.")
    body = {"text": text, "date": "2024-03-10", "title": "Market attack", "source": "Test Wire"}
    first = client.post("/api/documents", json=body, headers=auth(token))
    assert first.status_code == 201, first.text
    answer = first.json()
    assert answer["status"] == "added" and answer["id"] and isinstance(answer["events"], list)
    stored = client.get(f"/api/documents/{answer['id']}").json()
    assert stored["text"] == text and stored["title"] == "Market attack"
    assert len(answer["events"]) == len({e["canonical_id"] for e in stored["events"] if e.get("canonical_id")})
    again = client.post("/api/documents", json=body, headers=auth(token)).json()
    assert again["status"] == "duplicate" and again["id"] == answer["id"]


def test_post_document_refuses_bad_and_oversized_input(sqlite_client, sqlite_store):
    client = sqlite_client
    headers = auth(tokens.create_token(sqlite_store.engine, "analyst-1")[1])
    assert client.post("/api/documents", json={"date": "2024-01-01"}, headers=headers).status_code == 422
    assert client.post("/api/documents", json={"text": "x", "date": "soon"}, headers=headers).status_code == 422
    assert client.post("/api/documents", json={"url": "file:///etc/passwd"}, headers=headers).status_code == 422
    local = client.post("/api/documents", json={"url": "http://127.0.0.1:5432/"}, headers=headers)
    assert local.status_code == 422 and "private" in local.json()["detail"]
    too_long = client.post("/api/documents", json={"text": "word " * 12_000}, headers=headers)
    assert too_long.status_code == 413
    huge = client.post("/api/documents", content=b'{"text": "' + b"a" * 300_000 + b'"}',
                       headers={**headers, "Content-Type": "application/json"})
    assert huge.status_code == 413
    assert client.post("/api/documents", content=b"{not json", headers={**headers, "Content-Type": "application/json"}).status_code == 422


def test_review_edit_is_audited_and_survives_relinking_and_new_reports(client, store, token):
    [target] = [e for e in client.get("/api/events", params={"country": "AZ"}).json()["items"] if e["sources"] == 2]
    url = f"/api/events/{target['id']}/review"
    response = client.post(url, json={"action": "edit", "fields": {"fatalities": 5, "actor1": "Military Forces of Armenia"},
                                      "note": "checked against a third source"}, headers=auth(token))
    assert response.status_code == 200, response.text
    assert response.json()["fatalities"] == 5
    audit = client.get(f"/api/events/{target['id']}/audit").json()["items"]
    assert {a["action"] for a in audit} == {"edit"} and all(a["who"] == "analyst-1" for a in audit)
    assert len(audit) == 2  # one entry a changed field
    edit = next(a for a in audit if a["before"]["fatalities"] != a["after"]["fatalities"])
    assert (edit["before"]["fatalities"], edit["after"]["fatalities"]) == (2, 5) and edit["at"]
    # Re-extraction and new reports do not undo a reviewer's value.
    store.relink(include_reviewed=True)
    store.add_result(*report("wire-3", "Officials said one civilian died in a mine blast near Khojavend on Tuesday.",
                             date="2023-09-19", fatalities=1, place=("Khojavend", 39.79496, 47.1117, "AZ"),
                             event_type="Explosions/Remote violence", sub_event_type="Remote explosive/landmine/IED"))
    after = client.get(f"/api/events/{target['id']}").json()
    assert after["fatalities"] == 5 and after["actor1"] == "Military Forces of Armenia"


def test_review_rejects_bad_edits(sqlite_client, sqlite_store):
    client, token = sqlite_client, tokens.create_token(sqlite_store.engine, "analyst-1")[1]
    url = "/api/events/ev-1/review"
    for body in ({"action": "edit", "fields": {"fatalities": -1}}, {"action": "edit", "fields": {"event_type": "War"}},
                 {"action": "edit", "fields": {"id": "x"}}, {"action": "edit"}, {"action": "merge"}, {"action": "explode"}):
        assert client.post(url, json=body, headers=auth(token)).status_code == 422, body
    assert client.post(url, json={"action": "merge", "into": "ev-99999"}, headers=auth(token)).status_code == 400
    assert client.post("/api/events/ev-99999/review", json={"action": "confirm"}, headers=auth(token)).status_code == 404


def test_confirm_merge_split_and_not_event(client, store, token):
    headers = auth(token)
    az = client.get("/api/events", params={"country": "AZ"}).json()["items"]
    shared = next(e for e in az if e["sources"] == 2)
    single = [e for e in az if e["sources"] == 1]

    confirmed = client.post(f"/api/events/{single[0]['id']}/review", json={"action": "confirm"}, headers=headers).json()
    assert confirmed["status"] == "reviewed" and confirmed["overrides"]["event_type"] == single[0]["event_type"]

    split = client.post(f"/api/events/{shared['id']}/review", headers=headers,
                        json={"action": "split", "reports": [{"doc_id": "wire-2", "event_id": "e1"}]}).json()
    assert split["id"] != shared["id"] and [r["doc_id"] for r in split["reports"]] == ["wire-2"]
    assert client.get(f"/api/events/{shared['id']}").json()["sources"] == 1

    merged = client.post(f"/api/events/{split['id']}/review", json={"action": "merge", "into": shared["id"]}, headers=headers).json()
    assert merged["id"] == shared["id"] and merged["sources"] == 2

    gone = client.post(f"/api/events/{single[1]['id']}/review", json={"action": "not_event", "note": "background"}, headers=headers)
    assert gone.json()["status"] == "not_event"
    listed = {e["id"] for e in client.get("/api/events").json()["items"]}
    assert single[1]["id"] not in listed and split["id"] not in listed
    actions = [a["action"] for a in client.get("/api/audit").json()["items"]]
    assert {"confirm", "split", "merge", "not_event"} <= set(actions)


# ---- closing reads -----------------------------------------------------------------------------

def test_reads_can_be_closed_by_configuration(sqlite_store):
    token = tokens.create_token(sqlite_store.engine, "reader")[1]
    app = create_app(store=sqlite_store, settings=_settings(read_requires_token=True))
    with TestClient(app) as c:
        assert c.get("/api/events").status_code == 401
        assert c.get("/api/events", headers=auth(token)).status_code == 200
        page = c.get("/", follow_redirects=False)
        assert page.status_code == 303 and page.headers["location"].startswith("/login")
        assert c.get("/healthz").status_code == 200


def test_token_commands(cli, tmp_path):
    db = f"sqlite:///{tmp_path / 'tokens.db'}"
    created = cli("token", "create", "field-team", "--db", db)
    assert created.exit_code == 0
    secret = created.stdout.strip().splitlines()[0]
    assert secret.startswith("pol_")
    listed = cli("token", "list", "--db", db)
    assert "field-team" in listed.stdout and secret not in listed.stdout
    engine = open_store(db).engine
    assert tokens.verify_token(engine, secret).name == "field-team"
    assert cli("token", "revoke", "field-team", "--db", db).exit_code == 0
    assert tokens.verify_token(engine, secret) is None
    assert cli("token", "revoke", "nobody", "--db", db).exit_code == 1
