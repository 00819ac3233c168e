"""polemos_casualties: killed, injured, arrested, abducted per event, by victim group.

Owner: casualties and claims (issue 4). Reads doc._.events and
doc._.event_spans; fills each Event's casualties, fatalities, injured, arrested.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


class CasualtyExtractor:
    def __call__(self, doc: Doc) -> Doc:
        return doc


@Language.factory("polemos_casualties")
def make_casualties(nlp: Language, name: str) -> CasualtyExtractor:
    return CasualtyExtractor()
