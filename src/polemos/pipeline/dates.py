"""polemos_dates: the document's publication date and dateline.

Owner: event extraction (issue 3). Writes doc._.pub_date, doc._.dateline.
"""

from __future__ import annotations

import datetime as dt

from spacy.language import Language
from spacy.tokens import Doc


def parse_iso_date(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


class DateComponent:
    def __call__(self, doc: Doc) -> Doc:
        document = doc._.document
        self.set_annotations(doc, parse_iso_date(document.date if document else None), None)
        return doc

    def set_annotations(self, doc: Doc, pub_date: dt.date | None, dateline) -> None:
        doc._.pub_date = pub_date
        doc._.dateline = dateline


@Language.factory("polemos_dates")
def make_dates(nlp: Language, name: str) -> DateComponent:
    return DateComponent()
