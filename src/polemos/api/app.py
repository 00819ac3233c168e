"""The application `polemos serve` runs: the REST API and the dashboard, over one store.

    from polemos.api import create_app
    app = create_app("sqlite:///events.db")

Everything the browser loads (scripts, styles, map outlines, API docs) comes
from this server: Leaflet and its cluster plugin from the xstatic packages,
Swagger UI from swagger-ui-bundle, country outlines from static/basemap/.
"""

from __future__ import annotations

import logging
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.middleware.gzip import GZipMiddleware

from polemos import __version__

from . import queries, tokens
from .settings import Settings

log = logging.getLogger(__name__)

WEB_DIR = Path(__file__).resolve().parent.parent / "web"
STATIC_DIR = WEB_DIR / "static"


def vendor_dirs() -> dict[str, Path]:
    """Third-party browser files, each from its Python package (never a CDN)."""
    import swagger_ui_bundle
    import xstatic.pkg.leaflet
    import xstatic.pkg.leaflet_markercluster

    return {
        "leaflet": Path(xstatic.pkg.leaflet.BASE_DIR),
        "markercluster": Path(xstatic.pkg.leaflet_markercluster.BASE_DIR),
        "swagger": Path(swagger_ui_bundle.swagger_ui_path),
    }


class BodySizeLimit:
    """Refuse request bodies over a limit (413) before they are read into memory."""

    def __init__(self, app, max_bytes: int):
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.max_bytes:
            return await self._too_large(send)
        seen = 0

        async def limited_receive():
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_bytes:
                    raise _BodyTooLarge
            return message

        try:
            await self.app(scope, limited_receive, send)
        except _BodyTooLarge:
            await self._too_large(send)

    async def _too_large(self, send):
        body = b'{"detail":"request body too large"}'
        await send({"type": "http.response.start", "status": 413,
                    "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]})
        await send({"type": "http.response.body", "body": body})


class _BodyTooLarge(Exception):
    pass


def _security_headers(settings: Settings):
    tile_origin = ""
    if settings.tile_url:
        from urllib.parse import urlsplit

        parts = urlsplit(settings.tile_url.replace("{s}", "a"))
        # Leaflet's {s} subdomains: allow the whole host family of the template.
        host = parts.netloc.replace("a.", "*.", 1) if "{s}" in settings.tile_url else parts.netloc
        tile_origin = f" {parts.scheme}://{host}"
    policy = (
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
        f"img-src 'self' data:{tile_origin}; connect-src 'self'; font-src 'self'; "
        "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
    )

    headers = [
        (b"content-security-policy", policy.encode()),
        (b"x-content-type-options", b"nosniff"),
        (b"referrer-policy", b"same-origin"),
        (b"x-frame-options", b"DENY"),
    ]

    def add_headers(app):
        # Plain ASGI (not BaseHTTPMiddleware): no extra task and copy per request.
        async def wrapped(scope, receive, send):
            if scope["type"] != "http":
                return await app(scope, receive, send)

            async def send_with_headers(message):
                if message["type"] == "http.response.start":
                    present = {k.lower() for k, _ in message.get("headers", [])}
                    message["headers"] = list(message.get("headers", [])) + [h for h in headers if h[0] not in present]
                await send(message)

            await app(scope, receive, send_with_headers)

        return wrapped

    return add_headers


def create_app(store_url: str | None = None, *, settings: Settings | None = None, store=None) -> FastAPI:
    """Build the app over the store at `store_url` (or an already open `store`)."""
    from polemos.store import open_store

    settings = settings or Settings()
    store = store if store is not None else open_store(store_url)
    app = FastAPI(
        title="polemos",
        version=__version__,
        description=(
            "Conflict events extracted from news, with their sources and claims. "
            "Reads are open unless the server says otherwise; writes need `Authorization: Bearer TOKEN` "
            "(create one with `polemos token create NAME`)."
        ),
        docs_url=None,  # served below from local files
        redoc_url=None,
    )
    # The packaged Swagger UI (4.x) reads OpenAPI 3.0 documents only.
    app.openapi_version = "3.0.3"
    app.state.store = store
    app.state.settings = settings
    app.state.token_engine = store.engine
    tokens.ensure_table(store.engine)

    app.add_middleware(_security_headers(settings))
    app.add_middleware(GZipMiddleware, minimum_size=1024, compresslevel=5)
    app.add_middleware(BodySizeLimit, max_bytes=settings.max_body_bytes)

    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    for name, path in vendor_dirs().items():
        app.mount(f"/vendor/{name}", StaticFiles(directory=path), name=f"vendor-{name}")

    @app.exception_handler(RequestValidationError)
    async def _validation_error(request: Request, exc: RequestValidationError):
        # Say what was wrong without echoing the (possibly huge) input back.
        errors = [{"loc": e.get("loc"), "msg": e.get("msg")} for e in exc.errors()]
        return JSONResponse({"detail": errors}, status_code=422)

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return HTMLResponse(_DOCS_PAGE)

    @app.get("/healthz", include_in_schema=False)
    def healthz() -> dict:
        return {"ok": True, "version": __version__}

    from polemos.web.pages import router as pages_router

    from .routes import router as api_router

    app.include_router(api_router)
    app.include_router(pages_router)
    return app


_DOCS_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>polemos API</title>
<link rel="stylesheet" href="/vendor/swagger/swagger-ui.css">
<link rel="icon" href="/static/polemos.svg" type="image/svg+xml">
</head><body><div id="swagger-ui"></div>
<script src="/vendor/swagger/swagger-ui-bundle.js"></script>
<script src="/static/docs.js"></script>
</body></html>
"""
