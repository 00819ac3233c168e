"""polemos_claims: attributed statements, and their links to events.

Owner: casualties and claims (issue 4). Reads doc._.events; writes
doc._.claims and each Event's claim_ids (and contested values).
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


class ClaimExtractor:
    def __call__(self, doc: Doc) -> Doc:
        doc._.claims = []
        return doc


@Language.factory("polemos_claims")
def make_claims(nlp: Language, name: str) -> ClaimExtractor:
    return ClaimExtractor()
