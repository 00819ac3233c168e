"""What linking reads again and again, kept in memory between documents.

Every new report is compared with the reports of up to a few hundred
canonical events; reading their signatures and word statistics from the
database for every document was most of the store's cost. A report's
features (type, date, place, counts, signature) never change once written,
and the store knows every change it makes to the word statistics, so they
can be kept:

- features by event id, and the people each document names, by document id;
- document frequencies of words, with the open transaction's own counts
  kept apart (`pending`) until it commits (`commit`), so a rolled-back
  document never counts. The store writes `pending` to the database only at
  the end of the transaction (one statement a batch of documents), so what
  the database gives inside the transaction excludes them;
- which signatures' words all have a count in `df` (`known_signatures`): a
  count, once read, stays until `clear()`, so a candidate seen before needs
  no look-up of its words at all.

Safety: `clear()` after any failed transaction (a rolled-back row's id may be
given to another row) and after deleting documents; every `refresh_every`
documents the whole cache is dropped, so what other processes write
(documents they add or delete, words they count) is seen within that many
documents. A cached entry is also checked against the document and date the
database gives for its id.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from .linking import ReportFeatures

# Words longer than this are stored cut (term_stats.term).
MAX_TERM_CHARS = 100


@dataclass
class LinkCache:
    refresh_every: int = 2000
    max_features: int = 200_000
    features: dict[int, ReportFeatures] = field(default_factory=dict)
    names: dict[int, tuple[frozenset[str], frozenset[str]]] = field(default_factory=dict)
    df: dict[str, int] = field(default_factory=dict)  # committed counts ("" counts documents)
    # Documents of the open transaction containing each word (not yet in the database).
    pending: Counter[str] = field(default_factory=Counter)
    known_signatures: set[str] = field(default_factory=set)
    documents_since_refresh: int = 0

    def clear(self) -> None:
        self.features.clear()
        self.names.clear()
        self.df.clear()
        self.pending.clear()
        self.known_signatures.clear()
        self.documents_since_refresh = 0

    # ---- features ----------------------------------------------------------------------------

    def get_features(self, event_id: int, document_id: int, event_date: str | None) -> ReportFeatures | None:
        cached = self.features.get(event_id)
        if cached is None or cached.doc_key != document_id or cached.event_date != event_date:
            return None
        return cached

    def put_features(self, event_id: int, features: ReportFeatures) -> None:
        if len(self.features) >= self.max_features:
            self.features.clear()
        self.features[event_id] = features

    # ---- word statistics ---------------------------------------------------------------------

    def count_terms(self, terms: set[str]) -> None:
        """Words of one document being stored (written to the database when its transaction ends)."""
        self.pending.update(terms | {""})

    def missing_terms(self, terms: set[str]) -> set[str]:
        return {t for t in terms if t not in self.df}

    def learn_df(self, db_counts: dict[str, int], asked: set[str]) -> None:
        """Counts read from the database inside the open transaction (committed ones: `pending` is not written yet)."""
        for term in asked:
            self.df[term] = db_counts.get(term, 0)

    def unknown_signatures(self, signatures: list[str]) -> set[str]:
        """Signatures whose words may lack a count in `df` (not yet passed to `know_signatures`)."""
        return {s for s in signatures if s not in self.known_signatures}

    def know_signatures(self, signatures: set[str]) -> None:
        """Every word of these signatures now has a count in `df` (learn_df was given the missing ones)."""
        if len(self.known_signatures) >= self.max_features:
            self.known_signatures.clear()
        self.known_signatures.update(signatures)

    def counts(self) -> DocumentCounts:
        """Documents containing each word, committed and pending (for linking.idf_function)."""
        return DocumentCounts(self.df, self.pending)

    def commit(self, documents: int = 1) -> None:
        """The transaction that counted `pending` (in `documents` documents) wrote it and committed."""
        for term, n in self.pending.items():
            if term in self.df:
                self.df[term] += n
        self.pending.clear()
        self.documents_since_refresh += documents
        if self.documents_since_refresh >= self.refresh_every:
            self.clear()


@dataclass
class DocumentCounts:
    """A read-only view of LinkCache counts: committed plus pending, by word ("" counts documents).

    Words are counted cut to MAX_TERM_CHARS (as the database stores them) but looked up whole, so a
    longer word counts 0.
    """

    df: dict[str, int]
    pending: Counter[str]

    def get(self, term: str, default: int = 0) -> int:
        if len(term) > MAX_TERM_CHARS:
            return default
        return self.df.get(term, 0) + self.pending.get(term, 0)  # (Counter's [] of a missing word runs Python code)
