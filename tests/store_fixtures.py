"""Helpers for the store tests: real databases (SQLite files, a throwaway PostgreSQL database) and real records."""

from __future__ import annotations

import contextlib
import uuid

import pytest

from polemos.model import Casualties, CasualtyCount, Claim, Document, DocumentResult, Event, Location, TextSpan

PG_HOST = "127.0.0.1"
PG_USERS = ("postgres", "root")


def _pg_admin():
    import psycopg

    last = None
    for user in PG_USERS:
        try:
            return psycopg.connect(host=PG_HOST, port=5432, user=user, dbname="postgres", autocommit=True, connect_timeout=3), user
        except Exception as exc:  # server down, role missing
            last = exc
    pytest.skip(f"PostgreSQL not reachable at {PG_HOST}:5432 ({last})")


@contextlib.contextmanager
def postgres_url():
    """A fresh PostgreSQL database for one test run, dropped afterwards."""
    admin, user = _pg_admin()
    name = f"polemos_test_{uuid.uuid4().hex[:10]}"
    admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"postgresql://{user}@{PG_HOST}:5432/{name}"
    finally:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


def report(doc_id: str, text: str, *, date: str | None, fatalities: int = 0, injured: int = 0,
           place: tuple[str, float, float, str] | None = None, sub_event_type: str = "Attack",
           event_type: str = "Violence against civilians", title: str | None = None, url: str | None = None,
           source: str | None = None, actor1: str | None = None, actor2: str | None = None,
           precision: int = 1, claim: str | None = None) -> tuple[Document, DocumentResult]:
    """A document and a one-event result as the pipeline would give them."""
    location = None
    if place:
        name, lat, lon, cc = place
        location = Location(name=name, latitude=lat, longitude=lon, country_code=cc, geo_precision=1)
    claims = []
    claim_ids = []
    if claim:
        start = text.index(claim)
        claims = [Claim(id="c1", speaker="police", kind="indirect", cue="said", content=claim, start=start,
                        end=start + len(claim), event_ids=["e1"])]
        claim_ids = ["c1"]
    event = Event(
        id="e1", event_type=event_type, sub_event_type=sub_event_type,
        disorder_type="Demonstrations" if event_type in ("Protests", "Riots") else "Political violence",
        event_date=date, time_precision=precision, actor1=actor1, actor2=actor2, location=location,
        fatalities=fatalities, injured=injured,
        casualties=Casualties(killed=CasualtyCount(low=fatalities, high=fatalities)),
        evidence=[TextSpan(start=0, end=text.index(".") + 1 if "." in text else len(text))],
        claim_ids=claim_ids, confidence=0.7,
    )
    document = Document(id=doc_id, text=text, date=date, title=title, url=url, source=source)
    return document, DocumentResult(id=doc_id, date=date, events=[event], claims=claims, title=title, url=url, source=source)
