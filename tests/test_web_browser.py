"""The dashboard end to end in a real headless Chromium (Debian's), against a real server and store.

Screenshots go to artifacts/screenshots/ (gitignored) for a person to look at.
"""

from __future__ import annotations

import re
import shutil
import socket
import threading
import time
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from polemos.api import create_app, tokens
from polemos.store import open_store

from test_api import _settings, fill

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[1]
SHOTS = ROOT / "artifacts" / "screenshots"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """A real uvicorn server over a filled SQLite store, in a thread of this process."""
    import uvicorn

    store = open_store(f"sqlite:///{tmp_path_factory.mktemp('browser') / 'web.db'}")
    fill(store)
    secret = tokens.create_token(store.engine, "analyst-e2e")[1]
    port = _free_port()
    config = uvicorn.Config(create_app(store=store, settings=_settings()), host="127.0.0.1", port=port, log_level="warning")
    uv = uvicorn.Server(config)
    thread = threading.Thread(target=uv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not uv.started:
        if time.monotonic() > deadline:
            pytest.fail("the test server did not start")
        time.sleep(0.05)
    yield {"url": f"http://127.0.0.1:{port}", "store": store, "token": secret}
    uv.should_exit = True
    thread.join(timeout=10)
    store.close()


@pytest.fixture(scope="module")
def browser():
    if CHROMIUM is None:
        pytest.skip("Debian's chromium is not installed (apt-get install -y chromium)")
    playwright_api = pytest.importorskip("playwright.sync_api")
    with playwright_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        yield b
        b.close()


@pytest.fixture()
def page(browser, server):
    # bypass_csp: our CSP forbids eval, which Playwright's wait_for_function needs; the
    # escaping tests below then check that markup is escaped, not merely blocked.
    context = browser.new_context(viewport={"width": 1440, "height": 900}, bypass_csp=True)
    pg = context.new_page()
    pg.requested = []
    pg.errors = []
    pg.on("request", lambda r: pg.requested.append(r.url))
    pg.on("pageerror", lambda e: pg.errors.append(str(e)))
    yield pg
    context.close()


def shot(pg, name: str, full_page: bool = False) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    pg.screenshot(path=str(SHOTS / f"{name}.png"), full_page=full_page)


def wait_ready(pg) -> None:
    pg.wait_for_function("document.body.dataset.ready === '1' && !document.body.dataset.loading", timeout=15_000)


def test_dashboard_filter_event_page_and_review(page, server):
    base = server["url"]
    page.goto(base + "/")
    wait_ready(page)
    page.wait_for_function("document.querySelectorAll('.leaflet-overlay-pane path, .leaflet-overlay-pane canvas').length > 0")
    assert page.locator("#event-table tbody tr").count() == 5
    assert page.locator("#s-events").inner_text() == "5"
    page.wait_for_timeout(600)  # let the outlines and clusters settle for the picture
    shot(page, "01-dashboard")

    # Filter by country: the URL keeps it, the list and summary follow.
    page.select_option("#f-country", "AZ")
    page.click("#filters button[type=submit]")
    page.wait_for_function("new URLSearchParams(location.search).get('country') === 'AZ'")
    wait_ready(page)
    page.wait_for_function("document.querySelectorAll('#event-table tbody tr').length === 4")
    assert page.locator("#s-events").inner_text() == "4"
    page.wait_for_timeout(600)
    shot(page, "02-filtered-AZ")

    # The filter survives a reload (it lives in the URL).
    page.reload()
    wait_ready(page)
    assert page.locator("#f-country").input_value() == "AZ"
    assert page.locator("#event-table tbody tr").count() == 4

    # Open the event two outlets reported: its source sentence is highlighted.
    row = page.locator("#event-table tbody tr", has_text="Civilians (Azerbaijan)")
    row.first.click()
    page.wait_for_url(re.compile(r"/events/ev-\d+"))
    event_id = page.url.rsplit("/", 1)[1]
    event = server["store"].get_event(event_id)
    sentence = event["report_details"][0]["evidence"][0]["text"]
    marks = page.locator("mark.evidence")
    assert marks.count() >= 1
    assert sentence in "".join(marks.all_inner_texts())  # several marks where a claim starts inside
    assert marks.first.is_visible()
    assert page.locator("#contested").is_visible()
    shot(page, "03-event-page", full_page=True)

    # Sign in with a token and edit the fatalities; the edit persists and is in the audit log.
    page.click("text=Sign in with an API token")
    page.fill("input[name=token]", server["token"])
    page.click("form button[type=submit]")
    page.wait_for_url(re.compile(rf"/events/{event_id}$"))
    page.fill("#e-fat", "9")
    page.fill("#e-notes", "Toll confirmed by the health ministry")
    page.click("#edit-form button[type=submit]")
    page.wait_for_selector(".flash.ok")
    page.reload()
    assert page.locator("dd[data-field=fatalities]").inner_text().startswith("9")
    assert "reviewed" in page.locator("dd[data-field=fatalities]").inner_text()
    assert "analyst-e2e" in page.locator("#audit").inner_text()
    assert server["store"].get_event(event_id)["fatalities"] == 9
    shot(page, "04-after-review", full_page=True)

    # Back on the dashboard the reviewed figure is what the list shows.
    page.goto(base + "/?country=AZ")
    wait_ready(page)
    assert "9" in page.locator("#event-table tbody tr", has_text="Civilians (Azerbaijan)").first.inner_text()

    local = [u for u in page.requested if not u.startswith(base) and not u.startswith("data:")]
    assert local == [], f"the dashboard fetched from elsewhere: {local}"
    assert page.errors == []


def test_timeline_brush_filters_by_date(page, server):
    page.goto(server["url"] + "/")
    wait_ready(page)
    box = page.locator("#timeline").bounding_box()
    bar = page.locator("#timeline rect.bar").last.bounding_box()  # the latest day with events
    y = box["y"] + box["height"] / 2
    page.mouse.move(bar["x"] - 6, y)
    page.mouse.down()
    page.mouse.move(bar["x"] + bar["width"] + 6, y, steps=5)
    page.mouse.up()
    page.wait_for_function("new URLSearchParams(location.search).has('since')")
    wait_ready(page)
    query = parse_qs(urlsplit(page.url).query)
    assert query["since"][0] <= "2023-09-19" <= query["until"][0]
    page.wait_for_function("document.querySelectorAll('#event-table tbody tr').length === 4")
    assert page.locator("#f-since").input_value() == query["since"][0]
    shot(page, "05-timeline-brushed")
    page.click("#t-clear")
    page.wait_for_function("!new URLSearchParams(location.search).has('since')")
    assert page.errors == []


def test_hostile_article_does_not_run_in_the_browser(page, server):
    store = server["store"]
    event_id = next(e["canonical_id"] for e in store.get_document("fr-1")["events"] if e.get("canonical_id"))
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(f"{server['url']}/events/{event_id}")
    page.goto(f"{server['url']}/documents/fr-1")
    page.wait_for_timeout(300)
    assert dialogs == []
    assert "<script>" in page.locator(".article").inner_text()  # shown as text
