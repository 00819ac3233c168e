"""`polemos geoparse`: toponyms of documents, or resolution of given spans."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any


def geoparse_inputs(inputs: Iterable[str]) -> Iterator[dict[str, Any]]:
    raise NotImplementedError("geoparse is not implemented yet")
