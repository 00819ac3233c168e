"""New events versus background: history, statistics, ongoing conditions, threats, plans, denials.

A trigger is *background* when its clause places it before the document's time
(an earlier year: 'the 2020 war', 'in the 1990s'), sums many events up ('300
wounded since 2020', 'over the last three decades'), describes a condition
('repeated shelling'), or is unreal (a threat, plan, wish, question, denial,
hypothetical, negation). Cues live in data/background_cues.toml.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Token

from .components import data_path
from .dates import years_in


@dataclass(frozen=True)
class BackgroundCues:
    irrealis_heads: frozenset[str]
    allegation_heads: frozenset[str]
    modals: frozenset[str]
    ongoing_modifiers: frozenset[str]
    aggregate_phrases: tuple[str, ...]


@lru_cache(maxsize=1)
def load_background_cues() -> BackgroundCues:
    data = tomllib.loads(data_path("background_cues.toml").read_text(encoding="utf-8"))
    return BackgroundCues(
        frozenset(data["irrealis_heads"]), frozenset(data["allegation_heads"]), frozenset(data["modals"]),
        frozenset(data["ongoing_modifiers"]), tuple(data["aggregate_phrases"]),
    )


def status(trigger: Token, anchor: Token, clause, ref_year: int | None) -> str:
    """'new', 'background' (history, statistics, conditions), 'unreal' (threat, plan, denial)
    or 'allegation' (an accusation that repeats a reported event)."""
    cues = load_background_cues()
    # Unreal: a modal or negation on the anchor, or an irrealis word above it in the parse.
    for child in list(anchor.children) + ([t for t in trigger.children] if trigger.i != anchor.i else []):
        if child.dep_ == "neg" or (child.dep_ == "aux" and child.lower_ in cues.modals):
            return "unreal"
        if child.dep_ == "mark" and child.lower_ in ("if", "unless", "whether"):
            return "unreal"
    for child in trigger.children:
        if child.dep_ in ("amod", "compound") and child.lower_ in cues.ongoing_modifiers:
            return "background"
        if child.dep_ == "det" and child.lower_ in ("no",):
            return "unreal"
    node = trigger
    steps = 0
    while node.head.i != node.i and steps < 6:
        child, node = node, node.head
        steps += 1
        lemma = node.lemma_.lower()
        if lemma in cues.allegation_heads and child.i > node.i:
            return "allegation"
        if lemma in cues.irrealis_heads and (child.i > node.i or child.dep_ == "xcomp") and child.dep_ != "advcl":
            return "unreal"  # in what is feared, planned, urged ... (not 'vowed an inquiry after X was killed')
        if node.dep_ in ("ROOT",) or (node.pos_ == "VERB" and node.dep_ in ("ccomp", "conj", "parataxis")):
            # one more step is allowed: 'X said / X denied that ...' above the clause
            head = node.head
            if head.i != node.i and head.lemma_.lower() in (cues.allegation_heads - {"claim"}) | {"deny", "reject"}:
                return "allegation" if head.lemma_.lower() != "deny" else "unreal"
            break
    text = clause.text.lower()
    if any(p in text for p in cues.aggregate_phrases):
        return "background"
    if ref_year:
        for year, _, _ in years_in(clause.text):
            if year < ref_year:
                return "background"
    return "new"
