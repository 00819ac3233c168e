"""Who a victim word stands for: its group (civilians, police, children, ...),
an age ("a 15-year-old"), the noun after "of" ("dozens of civilians"), vague
quantity phrases ("a number of") and whether a phrase can name people at all.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from .lexicon import PERSON_SUFFIXES, Lexicon
from .numbers import _is_number


def group_of(tok: Token, lex: Lexicon) -> tuple[str | None, bool]:
    """(group key, generic?) for a victim noun: compound pairs, compounds, the head, then adjectives.

    Generic means the noun names a person without telling their side ("a man",
    "five people"): such counts may be the same people as a specific group's.
    """
    lemma = tok.lemma_.lower()
    generic = lemma in lex.generic_lemmas or tok.lower_ in lex.generic_lemmas or tok.pos_ in ("PRON", "NUM")
    # not a possessor: "a police captain's grandson" is no police officer
    compounds = [c for c in tok.lefts if c.dep_ in ("compound", "nmod")]
    adjectives = [c for c in tok.lefts if c.dep_ == "amod"]
    for m in compounds + adjectives:
        pair = f"{m.lemma_.lower()} {lemma}"
        if pair in lex.group_words:
            return lex.group_words[pair], False
    for m in compounds:
        for key in (m.lemma_.lower(), m.lower_):
            if key in lex.group_words:
                return lex.group_words[key], False
    for key in (lemma, tok.lower_):
        if key in lex.group_words and not (generic and tok.pos_ == "PRON"):
            return lex.group_words[key], generic
    age = _age_of(tok)
    if age is not None:
        return ("children" if age < 18 else None), age >= 18
    for m in adjectives:
        for key in (m.lemma_.lower(), m.lower_):
            if key in lex.group_words:
                return lex.group_words[key], False
    return None, True


def _age_of(tok: Token) -> int | None:
    """The age in 'a 15-year-old', 'the 7-year-old boy' (the victim noun or the adjective 'old')."""
    olds = [tok] if tok.lower_ == "old" else [c for c in tok.lefts if c.lower_ == "old" or c.lower_.endswith("-old")]
    for old in olds:
        for t in old.subtree:
            if t.i > old.i:
                break  # not a number in a clause after it: "a 3-year-old who was shot by her 6-year-old brother"
            if t.like_num and t.text.isdigit():
                unit = t.doc[t.i + 1: t.i + 3].text.lower()
                return int(t.text) if "year" in unit else 0  # months, weeks, days old: a child
        match = re.match(r"(\d+)-(?:year|month|week|day)", old.text)
        if match:
            return int(match.group(1))
    return None


def _of_object(tok: Token) -> Token | None:
    """'dozens *of civilians*', '300 *of its nationals*', 'the bodies *of the two*'."""
    for child in tok.rights:
        if child.dep_ == "prep" and child.lower_ == "of":
            for obj in child.children:
                if obj.dep_ == "pobj":
                    return obj
    return None


def _vague_phrase(tok: Token, lex: Lexicon) -> str | None:
    """'a number of', 'unknown number of', 'a handful of', 'a few' as the victim head."""
    mods = " ".join(c.lower_ for c in tok.lefts if c.dep_ in ("det", "amod", "quantmod", "nummod"))
    phrase = f"{mods} {tok.lower_}".strip()
    with_of = f"{phrase} of" if _of_object(tok) is not None else phrase
    for key in lex.vague:
        if " " in key and (phrase.endswith(key) or with_of.endswith(key)):
            return key
    return None


def _is_person(tok: Token, lex: Lexicon) -> bool:
    """Whether a noun phrase head can stand for people (not weapons, vehicles, buildings)."""
    lemma = tok.lemma_.lower()
    if lemma in lex.group_words or tok.lower_ in lex.group_words or lemma in lex.generic_lemmas or lemma in lex.roles:
        return True
    if tok.ent_type_ in ("PERSON", "NORP") or tok.pos_ == "PRON" or _age_of(tok) is not None:
        return True
    # ("the couple were found dead", "the pair was shot": an exact number word as the head)
    if _is_number(tok, lex) or lemma in lex.vague or tok.lower_ in lex.vague or _vague_phrase(tok, lex) \
            or lemma in lex.exact:
        of = _of_object(tok)
        return of is None or _is_person(of, lex)
    if tok.pos_ == "PROPN":
        return tok.ent_type_ in ("PERSON", "") or tok.lower_ in _person_words(tok.doc) or _with_age_set_off(tok)
    if group_of(tok, lex)[0] is not None:
        return True
    # agent nouns name people ("rider", "cyclist", "pedestrian"), unless listed as things
    return tok.pos_ == "NOUN" and lemma.endswith(PERSON_SUFFIXES) and lemma not in lex.not_people


def _with_age_set_off(name: Token) -> bool:
    """'Marcus Hill, 22, was shot': a name with an age between commas is a person's, whatever
    the recogniser took it for (here an organisation)."""
    doc = name.doc
    for age in (c for c in name.children if c.dep_ == "appos" and c.text.isdigit() and 0 < int(c.text) < 110):
        if doc[age.i - 1].text == "," and age.i + 1 < len(doc) and doc[age.i + 1].text == ",":
            return True
    return False


_PERSON_WORDS: list = [None, frozenset()]  # (doc, words): the last document's person names


def _person_words(doc: Doc) -> frozenset[str]:
    """Words of the document's person names: 'Troyer' tagged as an organisation in one
    sentence is the 'Allen Troyer' of another."""
    if _PERSON_WORDS[0] is not doc:
        _PERSON_WORDS[0] = doc
        _PERSON_WORDS[1] = frozenset(t.lower_ for e in doc.ents if e.label_ == "PERSON" for t in e if t.pos_ == "PROPN")
    return _PERSON_WORDS[1]
