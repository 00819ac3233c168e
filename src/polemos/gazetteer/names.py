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
    # capitals stay capitals: the build's ASCII division names keep their case ('Đồng Nai' is 'Dong Nai')
    "ə": "a", "Ə": "A", "ı": "i", "ø": "o", "Ø": "O", "ß": "ss", "đ": "d", "Đ": "D", "ł": "l", "Ł": "L",
    "æ": "ae", "Æ": "Ae", "œ": "oe", "Œ": "Oe", "þ": "th", "Þ": "Th", "ð": "d", "Ð": "D", "ŋ": "ng", "ħ": "h", "Ħ": "H",
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


@lru_cache(maxsize=1)
def skeleton_rules() -> dict:
    import tomllib
    from importlib import resources

    return tomllib.loads((resources.files("polemos") / "data" / "transliteration.toml").read_text(encoding="utf-8"))


def _article_free(words: list[str]) -> list[str]:
    """The words without an Arabic article before another word (al-Qaryat, ash Sham, ar Raqqa)."""
    articles = set(skeleton_rules()["articles"])
    return [w for i, w in enumerate(words) if not (w in articles and i + 1 < len(words))]


@lru_cache(maxsize=1)
def _skeleton_patterns() -> tuple[re.Pattern, dict[str, str], re.Pattern]:
    """One pattern for the letter groups, one for the letters dropped after a word's first letter."""
    rules = skeleton_rules()
    groups = dict(rules["replacements"][:-1])  # the last rule (h dropped) spares a first letter
    drop = re.escape(rules["vowels"] + rules["replacements"][-1][0])
    return re.compile("|".join(sorted(groups, key=len, reverse=True))), groups, re.compile(rf"(?<=\S)[{drop}]+")


def _skeleton_word(word: str) -> str:
    groups_re, groups, drop_re = _skeleton_patterns()
    return drop_re.sub("", groups_re.sub(lambda m: groups[m.group(0)], word))


def skeleton_uncached(key: str) -> str:
    """A consonant key of a folded Latin key, for transliteration variants `translit` leaves apart:
    'tell kalakh' and 'tall kalkh' -> 'tl klk'; 'ras al khaimah' and 'ras al khaymah' -> 'rs km'. Empty when the
    key is one word or too short for so coarse a key to say which place is meant (rules: data/transliteration.toml)."""
    rules = skeleton_rules()
    if " " not in key or not key.isascii():
        return ""
    skel = [_skeleton_word(w) for w in _article_free(translit(key).split())]
    return " ".join(skel) if len(skel) > 1 and sum(map(len, skel)) >= rules["min_letters"] else ""


skeleton = lru_cache(maxsize=200_000)(skeleton_uncached)


@lru_cache(maxsize=200_000)
def word_skeleton(word: str) -> str:
    """The consonant key of one folded word ('hamdiyah' and 'hamadiyah' -> 'hmd'), which `skeleton`
    leaves out: too coarse alone, it serves only beside an article and a near spelling (Gazetteer.article_variants)."""
    return _skeleton_word(translit(word))


def first_letters(key: str) -> tuple[str, ...]:
    """The first letters a transliteration variant of `key` may start with, its article aside."""
    words = _article_free(key.split())
    if not words:
        return ()
    first = words[0][0]
    groups = [g for g in skeleton_rules()["first_letter_groups"] if first in g]
    return tuple(sorted({first, *"".join(groups)}))


def article_forms() -> tuple[str, ...]:
    return tuple(skeleton_rules()["articles"])



def article_for(key: str) -> tuple[str, ...]:
    """The written forms of the Arabic article before a folded one-word name: 'al'/'el', and the
    assimilated form its first letter calls for ('tuhayta' -> 'at', 'sham' -> 'ash')."""
    sun = next((letters for letters in skeleton_rules()["sun_letters"] if key.startswith(letters)), None)
    return ("al", "el") + ((f"a{sun}",) if sun else ())
