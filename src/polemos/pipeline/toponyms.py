"""polemos_toponyms: find the place names in a document.

Owner: geoparsing (issue 5). Writes doc._.toponyms.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

PLACE_LABELS = ("GPE", "LOC", "FAC")


class ToponymRecognizer:
    def __call__(self, doc: Doc) -> Doc:
        doc._.toponyms = [ent for ent in doc.ents if ent.label_ in PLACE_LABELS]
        return doc


@Language.factory("polemos_toponyms")
def make_toponyms(nlp: Language, name: str) -> ToponymRecognizer:
    return ToponymRecognizer()
