"""Helpers every polemos component shares."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from pathlib import Path


def data_path(name: str) -> Path:
    """Path of a packaged data file under polemos/data/."""
    return Path(str(resources.files("polemos") / "data" / name))


@lru_cache(maxsize=None)
def read_text(name: str) -> str:
    return data_path(name).read_text(encoding="utf-8")


# Note rules (the note's country, a village named bare) apply only to a text of a note's length
# (ACLED's are under 900 characters): there every name is a locator, where in a long article stray
# readings of surnames and words ('Oropeza' as a Bolivian province, 'Side' as a Turkish town, each
# named again and again) outvote the one city the story is in.
NOTE_CHARS = 1000

# English articles, as token.lower_ reads them
ARTICLES = frozenset({"a", "an", "the"})


def doc_text(doc) -> str:
    """doc.text, built once per Doc: spaCy joins every token each time `doc.text` is read."""
    cached = doc.user_data.get("polemos_text")
    if cached is None:
        document = doc._.document
        known = document.text if document is not None else None
        cached = known if known is not None and _same_text(doc, known) else doc.text
        doc.user_data["polemos_text"] = cached
    return cached


def _same_text(doc, text: str) -> bool:
    last = doc[-1] if len(doc) else None
    return last is None and not text or last is not None and last.idx + len(last.text_with_ws) == len(text)
