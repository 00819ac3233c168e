"""polemos_paragraphs: sentence boundaries at paragraph breaks, before the parser.

The small English parser runs a title into the paragraph under it and hangs a
closing quote mark ('...offensive.»') on the next sentence. Both hurt every
component that reads clauses. A line break after a blank line, or after a
line that ends a sentence or is short like a title, starts a sentence; a
closing quote mark right after sentence-final punctuation never does.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from .components import doc_text

CLOSING_MARKS = set("”»’\"›」")
TITLE_MAX_CHARS = 120


@Language.component("polemos_paragraphs")
def mark_paragraphs(doc: Doc) -> Doc:
    text = doc_text(doc)
    line_start = 0
    for token in doc[:-1]:
        following = doc[token.i + 1]
        if token.is_space and "\n" in token.text:
            line = text[line_start : token.idx].strip()
            if _breaks_sentence(token.text, line, following.text):
                following.is_sent_start = True
            line_start = token.idx + len(token.text)
        elif token.text in ".!?," and following.text in CLOSING_MARKS and token.whitespace_ == "":
            following.is_sent_start = False
    return doc


def _breaks_sentence(space: str, line: str, next_word: str) -> bool:
    """Whether the line break `space` after `line` ends a sentence."""
    if space.count("\n") > 1 or not line:
        return True
    if line[-1] in ".!?:" or line[-1] in CLOSING_MARKS:
        return True
    # A short line without closing punctuation, followed by a capital: a title or a dateline.
    return len(line) <= TITLE_MAX_CHARS and line[-1] not in ",;-–—(" and next_word[:1].isupper()
