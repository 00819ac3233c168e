"""polemos_event_location: put each event where it happened.

Owner: geoparsing (issue 5). Reads doc._.places, doc._.events,
doc._.event_spans; sets each Event's location.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


class EventLocator:
    def __call__(self, doc: Doc) -> Doc:
        return doc


@Language.factory("polemos_event_location")
def make_event_location(nlp: Language, name: str) -> EventLocator:
    return EventLocator()
