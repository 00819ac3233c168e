"""Helpers every polemos component shares."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from pathlib import Path


def data_path(name: str) -> Path:
    """Path of a packaged data file under polemos/data/."""
    return Path(str(resources.files("polemos") / "data" / name))


@lru_cache(maxsize=None)
def read_text(name: str) -> str:
    return data_path(name).read_text(encoding="utf-8")
