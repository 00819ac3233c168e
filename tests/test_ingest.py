"""`polemos ingest` / `watch` on real inputs: files, corpora, a feed served over HTTP, a killed run."""

from __future__ import annotations

import csv
import http.server
import json
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from conftest import DEV, dev_records
from polemos.store import open_store

ROOT = Path(__file__).resolve().parents[1]

ARTICLE_HTML = """<html><head><title>Clashes reported near the border</title></head><body>
<nav>Home | World | Sport</nav>
<article><h1>Clashes reported near the border</h1>
<p>Fighting broke out on Tuesday between army units and rebels near the town of Rutshuru, local officials said.</p>
<p>At least three soldiers were killed and five civilians wounded, according to a hospital source. The army said it
had pushed the rebels back towards the hills north of the town after several hours of fighting.</p>
<p>Residents said hundreds of families fled towards Goma as the shelling intensified in the afternoon.</p>
</article><footer>Copyright</footer></body></html>"""

FEED = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Example Wire</title><link>http://127.0.0.1/</link><description>test</description>
<item><title>Protesters march in the capital</title><link>{base}/protest.html</link>
<guid>protest-1</guid><pubDate>Tue, 14 Mar 2023 10:00:00 GMT</pubDate>
<description><![CDATA[<p>Thousands of teachers marched through the centre of Nairobi on Monday demanding higher pay and
better working conditions. Police said the march was peaceful and ended outside parliament in the afternoon.
Union leaders told the crowd they would strike next week if the government did not respond to their demands,
and several speakers criticised the finance ministry for delays in paying salaries. Organisers estimated the
crowd at more than five thousand people, while police put the number at about two thousand. Traffic in the city
centre was diverted for several hours and shops along the route closed early as a precaution.</p>]]></description>
</item>
<item><title>Clashes reported near the border</title><link>{base}/article.html</link><guid>clash-1</guid>
<pubDate>Wed, 15 Mar 2023 08:00:00 GMT</pubDate><description>Fighting near Rutshuru.</description></item>
</channel></rss>"""


def run_cli(*args: str, env: dict | None = None, timeout: int = 180) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "polemos.cli", *args], capture_output=True, text=True,
                          timeout=timeout, env={**os.environ, **(env or {})}, cwd=ROOT)


@pytest.fixture()
def site(tmp_path):
    """A local web server with a feed and an article page."""
    root = tmp_path / "site"
    root.mkdir()
    (root / "article.html").write_text(ARTICLE_HTML, encoding="utf-8")

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *a, **kw):
            super().__init__(*a, directory=str(root), **kw)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Quiet)
    base = f"http://127.0.0.1:{server.server_address[1]}"
    (root / "feed.xml").write_text(FEED.format(base=base), encoding="utf-8")
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield base, root
    server.shutdown()


def db_url(tmp_path) -> str:
    return f"sqlite:///{tmp_path / 'store.db'}"


def test_ingest_jsonl_twice_changes_nothing(cli, tmp_path):
    records = dev_records("acled.jsonl", limit=12)
    corpus = tmp_path / "notes.jsonl"
    corpus.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    first = cli("ingest", corpus, "--db", db_url(tmp_path))
    assert first.exit_code == 0, first.output
    store = open_store(db_url(tmp_path))
    before = store.stats()
    unique_texts = len({r["text"] for r in records})
    assert before["documents"] == unique_texts
    second = cli("ingest", corpus, "--db", db_url(tmp_path))
    assert second.exit_code == 0
    assert "0 new document(s)" in second.output and f"{len(records)} already stored" in second.output
    assert store.stats() == before
    doc = store.get_document(records[0]["id"])
    assert doc["text"] == records[0]["text"]
    store.close()


def test_ingest_feed_over_http_and_watch_uses_conditional_requests(cli, tmp_path, site):
    base, root = site
    url = db_url(tmp_path)
    result = cli("ingest", f"{base}/feed.xml", "--db", url)
    assert result.exit_code == 0, result.output
    store = open_store(url)
    docs = {d["url"]: d for d in store.list_documents().items}
    assert set(docs) == {f"{base}/protest.html", f"{base}/article.html"}
    # The first entry carries the article; the second is a teaser, so its page was fetched.
    article = store.get_document(docs[f"{base}/article.html"]["doc_id"])
    assert "hundreds of families fled" in article["text"] and "Home | World" not in article["text"]
    assert article["date"] == "2023-03-15" and article["source"] == "Example Wire"
    protest = store.get_document(docs[f"{base}/protest.html"]["doc_id"])
    assert protest["title"] == "Protesters march in the capital" and protest["date"] == "2023-03-14"

    # watch: first poll learns the validators (nothing new), the second gets 304 Not Modified.
    watched = cli("watch", f"{base}/feed.xml", "--db", url, "--every", "1s", "--rounds", "2")
    assert watched.exit_code == 0, watched.output
    lines = [l for l in watched.output.splitlines() if l.startswith(base)]
    assert "0 new, 0 known" in lines[0] or "ok; 0 new" in lines[0]
    assert "not modified" in lines[1]
    assert store.feed_state(f"{base}/feed.xml")["last_modified"]
    # A new entry appears: the next poll ingests just that one.
    time.sleep(1.1)  # Last-Modified has one-second resolution
    (root / "late.html").write_text(ARTICLE_HTML.replace("Tuesday", "Friday").replace("Rutshuru", "Masisi"), encoding="utf-8")
    feed = (root / "feed.xml").read_text(encoding="utf-8")
    extra = f"<item><title>New fighting</title><link>{base}/late.html</link><guid>late</guid></item></channel>"
    (root / "feed.xml").write_text(feed.replace("</channel>", extra), encoding="utf-8")
    again = cli("watch", f"{base}/feed.xml", "--db", url, "--rounds", "1")
    assert "1 new" in again.output, again.output
    assert store.stats()["documents"] == 3
    store.close()


def test_unreachable_feed_and_bad_inputs_are_reported_not_fatal(cli, tmp_path, site):
    base, _ = site
    good = tmp_path / "good.txt"
    good.write_text("Two people were killed when a roadside bomb exploded in Kandahar on Monday, police said.", encoding="utf-8")
    broken = tmp_path / "broken.jsonl"
    broken.write_text('{"id": "ok", "text": "Police arrested ten protesters in Dhaka on Friday."}\n{not json\n', encoding="utf-8")
    result = cli("ingest", good, broken, tmp_path / "missing.txt", f"{base}/nothing-here.xml", "--db", db_url(tmp_path))
    assert result.exit_code == 0  # some documents made it
    assert "2 new document(s)" in result.output and "3 failed" in result.output
    store = open_store(db_url(tmp_path))
    errors = " | ".join(e["error"] for e in store.errors())
    assert "not valid JSON" in errors and "no such file" in errors and "HTTP 404" in errors
    store.close()
    only_bad = cli("ingest", tmp_path / "missing.txt", "--db", db_url(tmp_path))
    assert only_bad.exit_code == 1


def test_corpora_stream_from_csv_and_parquet(tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    from polemos.ingest.inputs import read_ingest_inputs

    records = dev_records("acled.jsonl", limit=5)
    with open(tmp_path / "acled.csv", "w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=["event_id_cnty", "notes", "source"])
        writer.writeheader()
        for r in records:
            writer.writerow({"event_id_cnty": r["id"], "notes": r["text"], "source": "ACLED"})
        writer.writerow({"event_id_cnty": "empty", "notes": "", "source": "ACLED"})
    table = pa.Table.from_pylist([{"id": r["id"], "text": r["text"], "date": "2020-05-01"} for r in records])
    pq.write_table(table, tmp_path / "acled.parquet", row_group_size=2)
    docs = list(read_ingest_inputs([str(tmp_path / "acled.csv"), str(tmp_path / "acled.parquet")]))
    assert [d.id for d in docs[:5]] == [r["id"] for r in records]
    assert docs[0].text == records[0]["text"] and docs[0].source == "ACLED"
    assert docs[5].error and "text" in docs[5].error
    assert [d.date for d in docs[6:]] == ["2020-05-01"] * 5


@pytest.mark.slow
def test_killed_ingest_loses_nothing_and_rerun_completes(tmp_path):
    """kill -9 in the middle of a run, then run again: every document exactly once."""
    records = dev_records("gva.jsonl", limit=60)
    corpus = tmp_path / "gva.jsonl"
    corpus.write_text("".join(json.dumps({"id": r["id"], "text": r["text"], "date": r["date"]}) + "\n" for r in records),
                      encoding="utf-8")
    path = tmp_path / "killed.db"
    env = {"PYTHONPATH": str(ROOT / "src")}
    process = subprocess.Popen([sys.executable, "-m", "polemos.cli", "-q", "ingest", str(corpus), "--db", f"sqlite:///{path}",
                                "--batch-size", "2"], cwd=ROOT, env={**os.environ, **env},
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    stored = 0
    deadline = time.time() + 120
    while time.time() < deadline and process.poll() is None:
        time.sleep(0.2)
        if path.exists():
            try:
                with sqlite3.connect(path, timeout=1) as con:
                    stored = con.execute("SELECT count(*) FROM documents").fetchone()[0]
            except sqlite3.OperationalError:
                continue
            if stored >= 5:
                break
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    assert 5 <= stored < len(records), "the run should have been killed part-way"
    rerun = run_cli("-q", "ingest", str(corpus), "--db", f"sqlite:///{path}", env=env)
    assert rerun.returncode == 0, rerun.stderr
    with sqlite3.connect(path) as con:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert con.execute("SELECT count(*) FROM documents").fetchone()[0] == len(records)
        assert con.execute("SELECT count(DISTINCT doc_id) FROM documents").fetchone()[0] == len(records)
        # Every stored report is linked; no canonical event is left without reports.
        assert con.execute("SELECT count(*) FROM events WHERE canonical_id IS NULL AND NOT background").fetchone()[0] == 0
        assert con.execute("SELECT count(*) FROM canonical_events c WHERE NOT EXISTS "
                           "(SELECT 1 FROM events e WHERE e.canonical_id = c.id)").fetchone()[0] == 0
    assert DEV.exists()


def test_url_fetch_refuses_private_hops_and_oversized_bodies(site):
    from polemos.ingest.sources import MAX_URL_BYTES, FetchError, fetch_bytes, fetch_url

    base, root = site
    body, content_type = fetch_bytes(f"{base}/article.html")
    assert b"Rutshuru" in body and "html" in content_type
    # A server fetching for clients refuses loopback addresses on every hop, the first included.
    with pytest.raises(FetchError, match="private"):
        fetch_bytes(f"{base}/article.html", public_only=True)
    assert "private" in fetch_url(f"{base}/article.html", public_only=True).error
    (root / "huge.txt").write_bytes(b"a" * (MAX_URL_BYTES + 1))
    with pytest.raises(FetchError, match="larger than"):
        fetch_bytes(f"{base}/huge.txt")
    assert "larger than" in fetch_url(f"{base}/huge.txt").error


def test_url_over_the_size_limit_is_refused_not_read_whole(tmp_path):
    """A page larger than MAX_URL_BYTES becomes a failed document; one just under the limit is read."""
    from polemos.ingest.inputs import read_ingest_inputs
    from polemos.ingest.sources import MAX_URL_BYTES

    sent = {}

    class Sized(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # /<n>: a plain-text page of n bytes, streamed without a Content-Length
            size = int(self.path.strip("/"))
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.end_headers()
            chunk = b"Shelling hit the market in the town. " * 1000
            written = 0
            try:
                while written < size:
                    part = chunk[: size - written]
                    self.wfile.write(part)
                    written += len(part)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client stopped reading: what the limit should do
            sent[size] = written

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Sized)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        too_big, = read_ingest_inputs([f"{base}/{MAX_URL_BYTES + 100_000}"])
        assert too_big.error and "larger than" in too_big.error
        fits, = read_ingest_inputs([f"{base}/{200_000}"])
        assert fits.error is None and fits.text.startswith("Shelling hit the market")
    finally:
        server.shutdown()
