"""What `polemos serve` can be told, from arguments or the environment."""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from polemos.paths import server_secret


def _flag(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in ("1", "true", "yes", "on")


def _int(name: str, default: int) -> int:
    try:
        return int(os.environ.get(name, default))
    except ValueError:
        return default


@dataclass
class Settings:
    # Reads are open unless this is set; writes always need a token.
    read_requires_token: bool = field(default_factory=lambda: _flag("POLEMOS_READ_REQUIRES_TOKEN"))
    # A slippy-map tile URL template ({z}/{x}/{y}); without one the map draws the shipped country outlines.
    tile_url: str | None = field(default_factory=lambda: os.environ.get("POLEMOS_TILE_URL") or None)
    tile_attribution: str = field(default_factory=lambda: os.environ.get("POLEMOS_TILE_ATTRIBUTION", ""))
    # Submitted documents longer than this are refused (413), before the pipeline sees them.
    max_text_chars: int = field(default_factory=lambda: _int("POLEMOS_MAX_TEXT_CHARS", 200_000))
    # Any request body over this is refused before it is read in full.
    max_body_bytes: int = field(default_factory=lambda: _int("POLEMOS_MAX_BODY_BYTES", 2_000_000))
    # POST /api/documents may fetch a URL; turn off where the server must not reach out.
    allow_url_fetch: bool = field(default_factory=lambda: _flag("POLEMOS_ALLOW_URL_FETCH", True))
    # Signs CSRF tokens: $POLEMOS_SECRET, else a random key kept in the data folder (forms survive restarts).
    secret: str = field(default_factory=server_secret)
    # Set when served over HTTPS so the session cookie is never sent in clear.
    secure_cookies: bool = field(default_factory=lambda: _flag("POLEMOS_SECURE_COOKIES"))
    # The most located events the map endpoint returns in one answer.
    map_limit: int = field(default_factory=lambda: _int("POLEMOS_MAP_LIMIT", 50_000))
