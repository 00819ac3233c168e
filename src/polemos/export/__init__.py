"""Render records into file formats. `formats` does DocumentResults; the store adds canonical events."""

from .formats import ACLED_COLUMNS, FORMATS, write_results  # noqa: F401
