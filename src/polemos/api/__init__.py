"""polemos.api: the HTTP API and the dashboard over the store (`polemos serve`).

    from polemos.api import create_app
    app = create_app("sqlite:///events.db")   # a FastAPI app; run it with uvicorn
"""

from __future__ import annotations


def create_app(store_url: str | None = None, **kwargs):
    from .app import create_app as _create_app

    return _create_app(store_url, **kwargs)


__all__ = ["create_app"]
