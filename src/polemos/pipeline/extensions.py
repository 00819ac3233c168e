"""The Doc extensions polemos components read and write.

Each component owns the extensions it writes (see the module named beside
each); later components only read them. Registered once, at import.
"""

from spacy.tokens import Doc

# name: (owner module, what it holds)
DOC_EXTENSIONS = {
    "document": ("pipeline", "the input Document record (polemos.model.Document) or None"),
    "pub_date": ("dates", "datetime.date the document was published (input date or dateline), or None"),
    "dateline": ("dates", "(start, end) character span of a dateline such as 'KABUL, Afghanistan (Jan. 25, 2013)', or None"),
    "toponyms": ("toponyms", "list of spaCy Spans that name places (gazetteer + NER), in text order"),
    "places": ("geoparser", "list of polemos.model.Place, one per toponym, same order"),
    "events": ("events", "list of polemos.model.Event, new events first by salience"),
    "event_spans": ("events", "dict event id -> list of spaCy Spans (clauses) the event was read from"),
    "claims": ("claims", "list of polemos.model.Claim"),
    "warnings": ("pipeline", "list of str: things a user should know about this document"),
}


def register_extensions() -> None:
    for name in DOC_EXTENSIONS:
        if not Doc.has_extension(name):
            # Mutable defaults must come from a getter-free default of None and be
            # set per doc, so components initialise them in set_annotations.
            Doc.set_extension(name, default=None)


register_extensions()
