"""Store.add_results: many documents a transaction, linked exactly as one at a time, and safe to kill."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from sqlalchemy import text

from conftest import dev_records
from polemos.store import open_store

from store_fixtures import postgres_url, report

ROOT = Path(__file__).resolve().parents[1]


def gva_reports(limit: int):
    """Real articles (GVA) with one event each from the gold date, place and counts: linking has real work."""
    out = []
    for rec in dev_records("gva.jsonl", limit=limit):
        gold = rec["gold"]
        place = (gold.get("city_or_county") or "?", gold["latitude"], gold["longitude"], "US") if gold.get("latitude") is not None else None
        out.append(report(rec["id"], rec["text"], date=gold.get("date"), fatalities=int(gold.get("killed") or 0),
                          injured=int(gold.get("injured") or 0), place=place, title=rec["text"].split("\n", 1)[0][:200]))
    return out


def linking_state(store) -> dict:
    """Everything linking decides or counts, by document id (row ids aside)."""
    with store.engine.connect() as connection:
        reports = connection.execute(text(
            "SELECT d.doc_id, e.event_key, e.canonical_id, e.link_score FROM events e JOIN documents d ON d.id = e.document_id "
            "ORDER BY d.doc_id, e.event_key")).all()
        canonical = connection.execute(text(
            "SELECT id, event_date, fatalities, injured, sources, n_contested, search_text FROM canonical_events ORDER BY id")).all()
        terms = connection.execute(text("SELECT term, df FROM term_stats ORDER BY term")).all()
    return {"reports": [tuple(r) for r in reports], "canonical": [tuple(r) for r in canonical], "terms": [tuple(r) for r in terms]}


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def batch_url(request, tmp_path):
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'batched.db'}"
    else:
        with postgres_url() as url:
            yield url


def test_batches_link_exactly_as_one_document_at_a_time(batch_url, tmp_path):
    pairs = gva_reports(120)
    one_by_one = open_store(f"sqlite:///{tmp_path / 'single.db'}")
    single = [one_by_one.add_result(doc, result) for doc, result in pairs]
    batched_store = open_store(batch_url)
    batched = list(batched_store.add_results(pairs, batch_size=16))
    assert [(o.doc_id, o.status, o.event_ids) for o in batched] == [(o.doc_id, o.status, o.event_ids) for o in single]
    assert sum(len(set(o.event_ids)) for o in single) > len({e for o in single for e in o.event_ids}), "some articles should link"
    assert linking_state(batched_store) == linking_state(one_by_one)
    one_by_one.close()
    batched_store.close()


def test_word_counts_of_one_batch_count_each_document(tmp_path):
    store = open_store(f"sqlite:///{tmp_path / 'terms.db'}")
    pairs = [report(f"r{i}", f"A bomb exploded near the Kandahar bazaar on Monday, report {i} said.", date="2021-05-03")
             for i in range(3)]
    list(store.add_results(pairs, batch_size=8))
    with store.engine.connect() as connection:
        df = dict(connection.execute(text("SELECT term, df FROM term_stats WHERE term IN ('', 'kandahar', 'bazaar')")).all())
    assert df == {"": 3, "kandahar": 3, "bazaar": 3}
    store.close()


def test_duplicates_and_reused_ids_inside_one_batch(batch_url):
    store = open_store(batch_url)
    first = report("a", "Two soldiers were killed in an ambush near Kidal on Tuesday, the army said.", date="2022-03-01")
    same_text = report("a-copy", first[0].text, date="2022-03-01")
    same_id = report("a", "Protesters blocked the main road into Gao on Wednesday over power cuts.", date="2022-03-02",
                     event_type="Protests", sub_event_type="Peaceful protest")
    outcomes = list(store.add_results([first, same_text, same_id], batch_size=8))
    assert [(o.doc_id, o.status) for o in outcomes] == [
        ("a", "added"), ("a", "duplicate"), (f"a~{same_id[0].content_hash[:8]}", "added")]
    assert outcomes[1].event_ids == outcomes[0].event_ids
    assert store.stats()["documents"] == 2
    store.close()


def test_a_document_that_fails_costs_only_itself(batch_url):
    store = open_store(batch_url)
    pairs = gva_reports(5)
    doc, result = pairs[2]
    # Two events with one id: the store's unique (document, event id) refuses the document.
    pairs[2] = (doc, result.model_copy(update={"events": [result.events[0], result.events[0]]}))
    outcomes = list(store.add_results(pairs, batch_size=8))
    assert [o.status for o in outcomes] == ["added", "added", "error", "added", "added"]
    assert "IntegrityError" in outcomes[2].error
    assert [e["doc_id"] for e in store.errors()] == [doc.id]
    assert store.stats()["documents"] == 4
    assert store.get_document(doc.id) is None
    store.close()


@pytest.mark.slow
def test_killed_inside_a_batch_loses_only_that_batch_and_a_rerun_completes(tmp_path):
    """kill -9 while the second batch's transaction is open: the first batch stays, the second is gone whole."""
    path = tmp_path / "killed.db"
    script = textwrap.dedent(f"""
        import os, signal, sys
        sys.path.insert(0, {str(ROOT / 'tests')!r})
        from test_store_batches import gva_reports
        from polemos.store import core, open_store

        store = open_store("sqlite:///{path}")
        add, calls = core.Store._add, []
        def add_then_die(self, *args):
            calls.append(1)
            if len(calls) == 7:  # the third document of the second batch, the first two written
                os.kill(os.getpid(), signal.SIGKILL)
            return add(self, *args)
        core.Store._add = add_then_die
        for outcome in store.add_results(gva_reports(12), batch_size=4):
            print(outcome.doc_id, flush=True)
    """)
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    killed = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert killed.returncode == -9, killed.stderr
    pairs = gva_reports(12)
    assert killed.stdout.split() == [doc.id for doc, _ in pairs[:4]]  # outcomes only once committed
    with sqlite3.connect(path) as con:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert [r[0] for r in con.execute("SELECT doc_id FROM documents ORDER BY id")] == [doc.id for doc, _ in pairs[:4]]
        assert con.execute("SELECT count(*) FROM term_stats WHERE term = ''").fetchone()[0] == 1
        assert con.execute("SELECT df FROM term_stats WHERE term = ''").fetchone()[0] == 4
    store = open_store(f"sqlite:///{path}")
    rerun = list(store.add_results(pairs, batch_size=4))
    assert [o.status for o in rerun] == ["duplicate"] * 4 + ["added"] * 8
    assert linking_state(store) == linking_state(_stored_at_once(pairs, tmp_path))
    store.close()


def _stored_at_once(pairs, tmp_path):
    store = open_store(f"sqlite:///{tmp_path / 'at-once.db'}")
    list(store.add_results(pairs, batch_size=4))
    return store
