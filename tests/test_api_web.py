"""The dashboard's server side: pages escape what they show, forms need a session and a CSRF token."""

from __future__ import annotations

import html
import re
import shutil

import pytest
from fastapi.testclient import TestClient

from polemos.api import create_app, tokens
from polemos.store import open_store

from test_api import _settings, fill


@pytest.fixture()
def store(tmp_path):
    s = open_store(f"sqlite:///{tmp_path / 'web.db'}")
    fill(s)
    yield s
    s.close()


@pytest.fixture()
def client(store):
    with TestClient(create_app(store=store, settings=_settings()), base_url="http://testserver") as c:
        yield c


def sign_in(client, store, name="reviewer-1") -> str:
    secret = tokens.create_token(store.engine, name)[1]
    response = client.post("/login", data={"token": secret, "next": "/"}, follow_redirects=False)
    assert response.status_code == 303
    cookie = response.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=strict" in cookie
    return secret


def csrf_of(page_html: str) -> str:
    return re.search(r'name="csrf_token" value="([0-9a-f]+)"', page_html).group(1)


def event_id_of(store, doc_id: str) -> str:
    return next(e["canonical_id"] for e in store.get_document(doc_id)["events"] if e.get("canonical_id"))


def test_pages_render_and_assets_are_local(client, store):
    home = client.get("/")
    assert home.status_code == 200
    scripts = re.findall(r'<(?:script|link)[^>]+(?:src|href)="([^"]+)"', home.text)
    assert scripts and all(u.startswith("/") for u in scripts), scripts
    for url in scripts:
        assert client.get(url).status_code == 200, url
    assert client.get("/static/basemap/countries-50m.geojson").json()["features"]
    csp = home.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
    for path in ("/documents", "/audit", "/login", f"/events/{event_id_of(store, 'karabakh-2023-09-19')}"):
        assert client.get(path).status_code == 200, path
    assert client.get("/events/ev-424242").status_code == 404


def test_hostile_html_in_articles_and_titles_is_shown_as_text(client, store):
    event_page = client.get(f"/events/{event_id_of(store, 'fr-1')}").text
    document_page = client.get("/documents/fr-1").text
    listing = client.get("/documents").text
    for page in (event_page, document_page):
        assert "<script>alert" not in page and "<img src=x" not in page
        assert "&lt;script&gt;alert(" in page and "&lt;img src=x" in page
    for page in (event_page, document_page, listing):
        assert '<b onmouseover' not in page and "&lt;b onmouseover=" in page


def test_event_page_highlights_the_source_sentence(client, store):
    event = store.get_event(event_id_of(store, "wire-2"))
    page = client.get(f"/events/{event['id']}").text
    marked = re.findall(r'<mark class="evidence">(.*?)</mark>', page, flags=re.S)
    sentences = [q["text"] for d in event["report_details"] for q in d["evidence"]]
    # A sentence can be cut into several marks where a claim starts inside it.
    highlighted = html.unescape("".join(re.sub(r"<[^>]+>", "", m) for m in marked))
    assert sentences and all(s in highlighted for s in sentences)
    assert "Contested values" in page


def test_review_form_needs_session_and_csrf_and_records_who(client, store):
    event_id = event_id_of(store, "karabakh-2023-09-19")
    form = {"action": "edit", "fatalities": "7", "event_type": "Battles", "sub_event_type": "Armed clash",
            "event_date": "2023-09-19", "actor1": "", "actor2": "", "injured": "0", "notes": ""}
    # No session: refused.
    assert client.post(f"/events/{event_id}/review", data=form, follow_redirects=False).status_code == 401
    sign_in(client, store)
    page = client.get(f"/events/{event_id}").text
    token = csrf_of(page)
    # Session but no or wrong CSRF token: refused, nothing changes.
    assert client.post(f"/events/{event_id}/review", data=form, follow_redirects=False).status_code == 403
    assert client.post(f"/events/{event_id}/review", data={**form, "csrf_token": "0" * 64}, follow_redirects=False).status_code == 403
    # A post from another site: refused even with the token.
    cross = client.post(f"/events/{event_id}/review", data={**form, "csrf_token": token},
                        headers={"Origin": "https://evil.example"}, follow_redirects=False)
    assert cross.status_code == 403
    assert store.get_event(event_id)["fatalities"] != 7
    done = client.post(f"/events/{event_id}/review", data={**form, "csrf_token": token}, follow_redirects=False)
    assert done.status_code == 303 and "done=edit" in done.headers["location"]
    event = store.get_event(event_id)
    assert event["fatalities"] == 7 and event["status"] == "reviewed"
    assert store.audit_log(event_id)[0]["who"] == "reviewer-1"
    page = client.get(done.headers["location"]).text
    assert "Edits saved." in page and "reviewer-1" in page


def test_bad_review_form_input_is_reported_not_raised(client, store):
    event_id = event_id_of(store, "karabakh-2023-09-19")
    sign_in(client, store)
    token = csrf_of(client.get(f"/events/{event_id}").text)
    bad = client.post(f"/events/{event_id}/review", data={"action": "edit", "fatalities": "many", "csrf_token": token},
                      follow_redirects=False)
    assert bad.status_code == 303 and "error=" in bad.headers["location"]
    merge = client.post(f"/events/{event_id}/review", data={"action": "merge", "into": "ev-424242", "csrf_token": token},
                        follow_redirects=False)
    assert merge.status_code == 303 and "error=" in merge.headers["location"]


def test_login_rejects_bad_tokens_and_offsite_redirects(client, store):
    assert client.post("/login", data={"token": "pol_nope"}, follow_redirects=False).status_code == 401
    secret = tokens.create_token(store.engine, "r2")[1]
    response = client.post("/login", data={"token": secret, "next": "//evil.example/x"}, follow_redirects=False)
    assert response.headers["location"] == "/"


def test_offline_basemap_covers_the_world(client):
    features = client.get("/static/basemap/countries-50m.geojson").json()["features"]
    codes = {f["properties"]["iso_a2"] for f in features}
    assert len(features) > 200 and {"AZ", "FR", "US", "NG", "UA"} <= codes


def test_review_forms_survive_a_restart_without_a_configured_secret(store, tmp_path, monkeypatch):
    from polemos.api.settings import Settings

    monkeypatch.setenv("POLEMOS_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("POLEMOS_SECRET", raising=False)
    event_id = event_id_of(store, "karabakh-2023-09-19")
    with TestClient(create_app(store=store, settings=Settings()), base_url="http://testserver") as before:
        sign_in(before, store)
        token = csrf_of(before.get(f"/events/{event_id}").text)
        cookies = dict(before.cookies)
    key_file = tmp_path / "home" / "secret"
    assert key_file.stat().st_mode & 0o077 == 0  # readable by its owner alone
    form = {"action": "confirm", "csrf_token": token}
    with TestClient(create_app(store=store, settings=Settings()), base_url="http://testserver", cookies=cookies) as after:
        done = after.post(f"/events/{event_id}/review", data=form, follow_redirects=False)
    assert done.status_code == 303
    assert store.get_event(event_id)["status"] == "reviewed"


def test_contested_values_name_the_party_behind_a_pronoun_speaker(client, store):
    [event] = [e for e in client.get("/api/events", params={"limit": 50}).json()["items"] if e.get("contested")]
    page = client.get(f"/events/{event['id']}").text
    box = page[page.index('id="contested"'):]
    box = box[:box.index("</section>")]
    sources = re.findall(r"per ([^<]+)</div>", box)
    assert sources and "it" not in sources and "Azerbaijan" in sources
