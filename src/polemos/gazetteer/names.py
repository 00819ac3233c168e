"""Name keys: how a place name is folded before it is looked up.

Two levels. `fold` makes spelling variants of one written name meet
(case, diacritics, apostrophes, hyphens). `translit` also makes
transliteration variants meet (Russian-style `kh`/`dzh`/`-iy` against
Turkic `x`/`c`/`j`), for a second look-up when the folded key finds nothing.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Letters NFKD does not decompose into a base letter plus a mark.
LETTERS = str.maketrans({
    "ə": "a", "Ə": "a", "ı": "i", "ø": "o", "Ø": "o", "ß": "ss", "đ": "d", "Đ": "d", "ł": "l", "Ł": "l",
    "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe", "þ": "th", "ð": "d", "ŋ": "ng", "ħ": "h",
})
_QUOTES = re.compile(r"[\u0027\u2018\u2019\u02bc\u02bb\u02be\u02bf\u0060\u00b4\u02b9\u02ca]")
_SEPARATORS = re.compile(r"[\s\-\u2010-\u2015_/,.()\"«»]+")


_COMBINING = re.compile(r"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]+")


def fold_uncached(name: str) -> str:
    """Lower case, no diacritics, no apostrophes, one space between words."""
    if not name.isascii():
        name = _COMBINING.sub("", unicodedata.normalize("NFKD", name.translate(LETTERS)))
    return _SEPARATORS.sub(" ", _QUOTES.sub("", name).lower()).strip()


fold = lru_cache(maxsize=200_000)(fold_uncached)


# Transliteration habits mapped onto one form: literal replacements in one pass,
# then the context-dependent ones.
_LITERAL = {"dzh": "j", "dj": "j", "x": "kh", "ts": "c", "ya": "ia", "yu": "iu", "ou": "u", "w": "v"}
_LITERAL_RE = re.compile("|".join(sorted(_LITERAL, key=len, reverse=True)))
_CONTEXTUAL = (
    (re.compile(r"(?<=[aeiouy])c(?=[aeiouy])"), "j"),  # Azerbaijani c = j between vowels
    (re.compile(r"(?:iy|yy|ii|yi)\b"), "y"),
    (re.compile(r"\bye|q(?!u)|([a-z])\1|h\b"), None),
)


def _contextual(m: re.Match) -> str:
    text = m.group(0)
    if text == "ye":
        return "e"
    if text[0] == "q":
        return "g"
    if text == "h":
        return ""
    return text[0]


def translit_uncached(key: str) -> str:
    """A coarser key of a folded key: transliteration variants collapse onto one form."""
    key = _LITERAL_RE.sub(lambda m: _LITERAL[m.group(0)], key)
    for pattern, repl in _CONTEXTUAL:
        key = pattern.sub(repl or _contextual, key)
    return key


translit = lru_cache(maxsize=200_000)(translit_uncached)


# Adjectival endings of Slavic-style place adjectives (-skiy rayon, -skaya oblast).
_ADJECTIVAL = re.compile(r"(?:skiy|skyi|skyy|skij|sky|ski|skaya|ska|skoye|ske|ivskyi)$")


def strip_adjectival(key: str) -> str:
    """'volnovakhskiy' -> 'volnovakh': the stem a fuzzy match compares against names."""
    stem = _ADJECTIVAL.sub("", key)
    return stem if len(stem) >= 4 else key


def is_latin(key: str) -> bool:
    return key.isascii()
