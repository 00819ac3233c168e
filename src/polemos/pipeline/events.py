"""polemos_events: detect new events, type them (ACLED), name actors, date them.

Owner: event extraction (issue 3). Writes doc._.events and doc._.event_spans.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


class EventExtractor:
    def __call__(self, doc: Doc) -> Doc:
        doc._.events = []
        doc._.event_spans = {}
        return doc


@Language.factory("polemos_events")
def make_events(nlp: Language, name: str) -> EventExtractor:
    return EventExtractor()
