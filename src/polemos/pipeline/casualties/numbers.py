"""Numbers of victims: digits, number words ("twenty-five", "two hundred"),
bounds before them ("at least", "up to") and the range they give.
"""

from __future__ import annotations

from spacy.tokens import Token

from .lexicon import MAX_COUNT, Lexicon


def _int_of_digits(text: str) -> int | None:
    cleaned = text.replace(",", "")
    if cleaned.isdigit():
        value = int(cleaned)
        return value if value <= MAX_COUNT else None
    return None


def words_to_int(words: list[str], lex: Lexicon) -> int | None:
    """'two hundred' -> 200, 'twenty-five' -> 25, '1,200' -> 1200; None if not a number."""
    total, current, seen = 0, 0, False
    for raw in words:
        for word in raw.lower().split("-"):
            if not word:
                continue
            digits = _int_of_digits(word)
            if digits is not None:
                current += digits
            elif word in lex.units:
                current += lex.units[word]
            elif word in lex.multipliers:
                current = max(current, 1) * lex.multipliers[word]
                if lex.multipliers[word] >= 1000:
                    total, current = total + current, 0
            elif word in ("a", "an", "and"):
                continue
            else:
                return None
            seen = True
    value = total + current
    return value if seen and value <= MAX_COUNT else None


def _is_number(tok: Token, lex: Lexicon) -> bool:
    low = tok.lower_
    if tok.like_num and low.replace(",", "").isdigit():
        return True
    return all(p in lex.units or p in lex.multipliers for p in low.split("-") if p) and bool(low.strip("-"))


def number_value(tok: Token, lex: Lexicon) -> int | None:
    """The value of a number token with its compound parts ('two' in 'two hundred')."""
    # only the number words right before it ("two hundred"), not a number across a comma ("Three dead, two")
    parts = []
    i = tok.i - 1
    while (i >= 0 and _is_number(tok.doc[i], lex) and tok.doc[i].head.i == tok.i and i > tok.i - 4
           and not (tok.doc[i].text[0].isdigit() and tok.text[0].isdigit())):  # "5 5 5" is no number
        parts.insert(0, tok.doc[i])
        i -= 1
    words = [c.text for c in parts] + [tok.text]
    # "hundred" on its own means one hundred; "a dozen" twelve
    return words_to_int(words, lex)


def _bound_before(tok: Token, lex: Lexicon) -> str | None:
    """'more_than' / 'at_least' / 'at_most' / 'below' when a bound phrase precedes the number."""
    start = max(tok.sent.start, tok.i - 4)
    before = " " + " ".join(t.lower_ for t in tok.doc[start:tok.i] if t.dep_ != "compound") + " "
    for name, phrases in lex.bounds.items():
        if any(before.endswith(f" {p} ") for p in phrases):
            return name
    return None


def _range_for(value: int, bound: str | None) -> tuple[int, int]:
    """(low, high) for a number under a bound; the low is the figure the words commit to."""
    if bound == "more_than":
        return value + 1, value + 1
    if bound == "below":
        return max(value - 1, 0), max(value - 1, 0)
    return value, value
