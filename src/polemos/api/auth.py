"""Who is asking: bearer tokens for the API, a session cookie plus CSRF token for the dashboard.

- API clients send `Authorization: Bearer TOKEN`. Browsers never attach that
  header on their own, so API writes need no CSRF token.
- The dashboard's review forms post with a session cookie (set when a person
  signs in with a token). A cookie *is* attached by browsers on their own, so
  every form post also carries a CSRF token: an HMAC of the session's token
  hash under the server's secret, checked in constant time. The cookie is
  HttpOnly and SameSite=Strict as a second line.
"""

from __future__ import annotations

import hashlib
import hmac

from fastapi import HTTPException, Request, status

from . import tokens
from .tokens import TokenInfo

SESSION_COOKIE = "polemos_session"


def bearer(request: Request) -> str | None:
    header = request.headers.get("authorization", "")
    scheme, _, value = header.partition(" ")
    if scheme.lower() != "bearer" or not value.strip():
        return None
    return value.strip()


def _engine(request: Request):
    return request.app.state.token_engine


def api_user(request: Request) -> TokenInfo | None:
    """The token holder behind the bearer header, if any (cached per request)."""
    if not hasattr(request.state, "api_user"):
        request.state.api_user = tokens.verify_token(_engine(request), bearer(request))
    return request.state.api_user


def session_user(request: Request) -> TokenInfo | None:
    """The signed-in dashboard user, from the session cookie, if any."""
    if not hasattr(request.state, "session_user"):
        request.state.session_user = tokens.verify_token(_engine(request), request.cookies.get(SESSION_COOKIE))
    return request.state.session_user


def _unauthorised(detail: str) -> HTTPException:
    return HTTPException(status.HTTP_401_UNAUTHORIZED, detail=detail, headers={"WWW-Authenticate": "Bearer"})


def require_writer(request: Request) -> TokenInfo:
    """API writes: a valid bearer token, nothing else."""
    user = api_user(request)
    if user is None:
        raise _unauthorised("a valid API token is required: send 'Authorization: Bearer TOKEN' (see `polemos token create`)")
    return user


def require_reader(request: Request) -> TokenInfo | None:
    """API reads: open, unless the server is configured to close them."""
    if not request.app.state.settings.read_requires_token:
        return None
    user = api_user(request) or session_user(request)
    if user is None:
        raise _unauthorised("reads need a token on this server")
    return user


def csrf_token_for(request: Request, user: TokenInfo | None) -> str:
    if user is None:
        return ""
    session = request.cookies.get(SESSION_COOKIE, "")
    key = request.app.state.settings.secret.encode()
    return hmac.new(key, b"csrf:" + hashlib.sha256(session.encode()).digest(), hashlib.sha256).hexdigest()


def check_csrf(request: Request, user: TokenInfo, submitted: str | None) -> None:
    expected = csrf_token_for(request, user)
    if not submitted or not expected or not hmac.compare_digest(expected, submitted):
        raise HTTPException(status.HTTP_403_FORBIDDEN, detail="the form's CSRF token is missing or wrong: reload the page and try again")
