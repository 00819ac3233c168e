"""polemos: conflict news to structured, source-attributed event data."""

__version__ = "0.1.0"
