"""Links between claims and events: claim.event_ids, event.claim_ids, contested values, notes."""

from __future__ import annotations

from spacy.tokens import Doc

from polemos.model import Claim


def link_claims_to_events(doc: Doc, claims: list[Claim], targets: dict[str, str | None]) -> None:
    return None
