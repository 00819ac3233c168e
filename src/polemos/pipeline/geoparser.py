"""polemos_geoparser: resolve each toponym to a gazetteer entry.

Owner: geoparsing (issue 5). Reads doc._.toponyms, writes doc._.places.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from polemos.model import Place


class Geoparser:
    def __call__(self, doc: Doc) -> Doc:
        doc._.places = [
            Place(text=span.text, start=span.start_char, end=span.end_char) for span in doc._.toponyms or []
        ]
        return doc


@Language.factory("polemos_geoparser")
def make_geoparser(nlp: Language, name: str) -> Geoparser:
    return Geoparser()
