"""Quotations in a text: pairs of quote marks, in every common style.

    find_quotes('«A,» he said.') -> [Quote(start=0, end=4)]   # the marks included

A quotation never crosses a paragraph break, except the news convention of a
quote that runs on over paragraphs with its closing mark left out: an opening
mark unclosed at the end of its paragraph closes there.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_PARAGRAPH = re.compile(r"\n\s*\n")


@dataclass(frozen=True)
class Quote:
    start: int  # the opening mark
    end: int  # just past the closing mark (or the paragraph end when left open)
    closed: bool = True

    @property
    def inner(self) -> tuple[int, int]:
        return self.start + 1, self.end - 1 if self.closed else self.end


def find_quotes(text: str, pairs: list[list[str]]) -> list[Quote]:
    """Every quotation, outermost and nested, sorted by start."""
    quotes: list[Quote] = []
    offset = 0
    for paragraph in _PARAGRAPH.split(text):
        start = text.find(paragraph, offset) if paragraph else offset
        quotes.extend(_paragraph_quotes(text, start, start + len(paragraph), pairs))
        offset = start + len(paragraph)
    return sorted(set(quotes), key=lambda q: (q.start, -q.end))


def _paragraph_quotes(text: str, begin: int, end: int, pairs: list[list[str]]) -> list[Quote]:
    closers = {close: open_ for open_, close in pairs}
    openers = {open_: close for open_, close in pairs}
    stack: list[tuple[str, int]] = []  # (expected closing mark, position of the opening mark)
    found: list[Quote] = []
    for i in range(begin, end):
        ch = text[i]
        if ch not in openers and ch not in closers:
            continue
        expected = [j for j, (close, _) in enumerate(stack) if close == ch]
        if not expected and _closes_other_style(text, i, ch, stack):
            expected = [len(stack) - 1]
        if expected and _can_close(text, i, ch, openers):
            j = expected[-1]
            found.append(Quote(stack[j][1], i + 1))
            del stack[j:]
            continue
        if ch in openers and _can_open(text, i, ch, end):
            stack.append((openers[ch], i))
    # Unclosed opening marks of real quotation styles run to the paragraph end.
    for close, pos in stack:
        if close in ("”", "»", '"') and _words(text[pos + 1 : end]) >= 3:
            found.append(Quote(pos, end - _trailing_space(text, begin, end), closed=False))
    return found


# Scraped text mixes the double marks of one quotation ('“What’s the name …?" he added.
# "Maybe …”'): a straight mark closes an open curly one and a curly closer a straight
# opener, when no mark of its own style is open above it.
_DOUBLE_CLOSERS = {'"': "”", "”": '"'}


def _closes_other_style(text: str, i: int, ch: str, stack: list[tuple[str, int]]) -> bool:
    if ch not in _DOUBLE_CLOSERS or not stack or stack[-1][0] != _DOUBLE_CLOSERS[ch]:
        return False
    after = text[i + 1] if i + 1 < len(text) else " "
    return not after.isalnum() and not text[i - 1].isspace()


def _can_open(text: str, i: int, ch: str, end: int) -> bool:
    after = text[i + 1] if i + 1 < end else " "
    if after.isspace():
        return False
    if ch in ("‘", "'", '"'):
        before = text[i - 1] if i > 0 else " "
        # After a space or punctuation; '.' too, for texts whose sentences lost their
        # spaces ('fired several shots."And I just seen ...').
        return before.isspace() or before in "([{—–-:;,.!?“«\"'/"
    return True


def _can_close(text: str, i: int, ch: str, openers: dict[str, str]) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if before.isspace() and ch not in ("»", "”"):
        return False
    if ch in ("’", "'"):
        # An apostrophe inside a word (Azerbaijan’s, don’t) is not a closing mark.
        return not after.isalpha()
    return True


def _words(text: str) -> int:
    return len(text.split())


def _trailing_space(text: str, begin: int, end: int) -> int:
    n = 0
    while end - n > begin and text[end - n - 1].isspace():
        n += 1
    return n
