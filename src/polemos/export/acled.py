"""ACLED coding helpers for exports: country codes and regions, interaction codes."""

from __future__ import annotations

import csv
from functools import lru_cache

from polemos.pipeline.components import data_path


@lru_cache(maxsize=1)
def _regions() -> dict[str, str]:
    """ISO alpha-2 -> ACLED region, from data/acled_regions.tsv."""
    path = data_path("acled_regions.tsv")
    if not path.exists():
        return {}
    with path.open(encoding="utf-8") as fh:
        return {row["iso2"]: row["region"] for row in csv.DictReader((l for l in fh if not l.startswith("#")), delimiter="\t")}


@lru_cache(maxsize=512)
def country_info(alpha2: str | None) -> dict[str, str]:
    if not alpha2:
        return {}
    import pycountry

    country = pycountry.countries.get(alpha_2=alpha2.upper())
    if country is None:
        return {}
    return {
        "iso3": country.alpha_3,
        "numeric": str(int(country.numeric)),
        "name": getattr(country, "common_name", None) or country.name,
        "region": _regions().get(alpha2.upper(), ""),
    }


def interaction_code(inter1: int | None, inter2: int | None) -> str:
    """ACLED's interaction: the two inter codes, lower first ("12"; "10" alone)."""
    if not inter1:
        return ""
    if not inter2:
        return f"{inter1}0"
    low, high = sorted((inter1, inter2))
    return f"{low}{high}"
