"""The dashboard's pages: the events map, an event's page with review forms, documents, the audit log.

Pages are Jinja2 templates with autoescaping on: every value from the store
(article text included) is escaped. Review forms post with the session cookie
and a CSRF token; the same actions are open to API clients at
POST /api/events/{id}/review with a bearer token.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit

from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from pydantic import ValidationError

from polemos.api import auth, tokens
from polemos.api.routes import apply_review
from polemos.api.schemas import ReviewIn
from polemos.model import EVENT_TYPES, SUB_EVENT_TYPES
from polemos.store import StoreError

from . import render

TEMPLATES = Jinja2Templates(directory=str(Path(__file__).parent / "templates"))
router = APIRouter(include_in_schema=False)

FIELD_LABELS = (
    ("Event type", "event_type"), ("Sub-event type", "sub_event_type"), ("Disorder type", "disorder_type"),
    ("Date", "event_date"), ("Time precision", "time_precision"), ("Actor 1", "actor1"), ("Actor 2", "actor2"),
    ("Assoc. actor 1", "assoc_actor_1"), ("Assoc. actor 2", "assoc_actor_2"), ("Location", "location"),
    ("Fatalities", "fatalities"), ("Injured", "injured"), ("Arrested", "arrested"), ("Casualties", "casualties"),
    ("Civilian targeting", "civilian_targeting"), ("Confidence", "confidence"), ("Notes", "notes"), ("Status", "status"),
)


def _static(path: str) -> str:
    return f"/static/{path}"


def _vendor(package: str, path: str) -> str:
    return f"/vendor/{package}/{path}"


def _page(request: Request, template: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    user = auth.session_user(request)
    context.update(
        request=request, user=user, csrf_token=auth.csrf_token_for(request, user),
        static=_static, vendor=_vendor, url=lambda name, **params: str(request.app.url_path_for(name, **params)),
    )
    response = TEMPLATES.TemplateResponse(request, template, context, status_code=status_code)
    response.headers["Cache-Control"] = "no-store"
    return response


def _reader_or_login(request: Request) -> Response | None:
    """Where reads are closed, send people without a session to the sign-in page."""
    if request.app.state.settings.read_requires_token and auth.session_user(request) is None:
        return RedirectResponse(f"/login?{urlencode({'next': request.url.path})}", status_code=303)
    return None


def _same_origin(request: Request) -> None:
    """Form posts must come from our own pages (a second guard beside the CSRF token)."""
    origin = request.headers.get("origin") or request.headers.get("referer")
    if origin and origin != "null":
        if urlsplit(origin).netloc != request.url.netloc:
            raise HTTPException(403, detail="cross-site form post refused")


def _safe_next(target: str | None) -> str:
    """Only local paths: never redirect a person off-site after sign-in."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    return target


def _json_for_script(value: Any) -> str:
    """JSON that cannot close the <script> element it sits in."""
    return json.dumps(value).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


# ---- dashboard ---------------------------------------------------------------------------------

@router.get("/", name="dashboard", response_class=HTMLResponse)
def dashboard(request: Request):
    if (redirect := _reader_or_login(request)) is not None:
        return redirect
    settings = request.app.state.settings
    config = {
        "api": "/api", "event_page": "/events/{id}", "basemap_url": _static("basemap/countries-50m.geojson"),
        "tile_url": settings.tile_url, "tile_attribution": settings.tile_attribution,
        "event_types": list(EVENT_TYPES),
    }
    return _page(request, "dashboard.html", nav="events", event_types=EVENT_TYPES, config_json=_json_for_script(config))


# ---- one event ---------------------------------------------------------------------------------

def _field_value(event: dict[str, Any], key: str) -> Any:
    value = event.get(key)
    if key == "location":
        return render.location_text(value)
    if key == "casualties":
        return render.casualty_text(value)
    if key == "confidence" and isinstance(value, (int, float)):
        return f"{value:.2f}"
    if isinstance(value, bool):
        return "yes" if value else "no"
    return value


def _review_status(event: dict[str, Any]) -> dict[str, str] | None:
    status = event.get("status")
    if status == "not_event":
        return {"kind": "warn", "text": "marked not an event"}
    if status == "merged":
        return {"kind": "warn", "text": f"merged into {event.get('merged_into')}"}
    if status == "reviewed":
        return {"kind": "ok", "text": "reviewed"}
    return None


def _reports(store, event: dict[str, Any]) -> list[dict[str, Any]]:
    """Each source report with its article text cut into highlighted segments."""
    reports = []
    claims_by_doc: dict[str, list[tuple[int, int]]] = {}
    for claim in event.get("claims", []):
        claims_by_doc.setdefault(claim.get("doc_id"), []).append((claim.get("start", 0), claim.get("end", 0)))
    texts: dict[str, str] = {}
    for detail in event.get("report_details", []):
        doc_id = detail["doc_id"]
        if doc_id not in texts:
            document = store.get_document(doc_id) or {}
            texts[doc_id] = document.get("text") or ""
        evidence = [(s["start"], s["end"]) for s in detail.get("evidence", [])]
        reports.append({
            "doc": {"id": doc_id, "title": detail.get("title"), "source": detail.get("source"),
                    "date": detail.get("date"), "url": _http_only(detail.get("url"))},
            "event_id": detail.get("event_id"),
            "quotes": [q.get("text", "") for q in detail.get("evidence", []) if q.get("text")],
            "segments": render.highlight(texts[doc_id], evidence, claims_by_doc.get(doc_id, [])),
        })
    return reports


def _http_only(url: str | None) -> str | None:
    """Links from stored documents: http(s) only, so a `javascript:` URL is never a link."""
    return url if url and url.lower().startswith(("http://", "https://")) else None


@router.get("/events/{event_id}", name="event_page", response_class=HTMLResponse)
def event_page(request: Request, event_id: str, done: str | None = None, error: str | None = None):
    if (redirect := _reader_or_login(request)) is not None:
        return redirect
    store = request.app.state.store
    try:
        event = store.get_event(event_id)
    except StoreError:
        event = None
    if event is None:
        return _page(request, "message.html", status_code=404, title="No such event",
                     message=f"There is no event {event_id}.")
    doc_titles = {d["doc_id"]: d.get("title") or d["doc_id"] for d in event.get("documents", [])}
    overrides = event.get("overrides") or {}
    reviewed = {k.split(".")[0] for k in overrides}
    claims = event.get("claims", [])
    flash = None
    if done:
        flash = {"kind": "ok", "text": {"confirm": "Event confirmed.", "edit": "Edits saved.", "merge": "Events merged.",
                                         "split": "Reports split into this new event.", "not_event": "Marked as not an event."}.get(done, "Saved.")}
    elif error:
        flash = {"kind": "err", "text": error[:300]}
    audit = [{**a, "at": (a.get("at") or "")[:19].replace("T", " "), "change": render.change_text(a.get("before"), a.get("after"))}
             for a in reversed(event.get("history", []))]
    return _page(
        request, "event.html", nav="events", event=event, flash=flash, back_url="/",
        fields=[(label, key, _field_value(event, key)) for label, key in FIELD_LABELS],
        reviewed_fields=reviewed, review_status=_review_status(event),
        reports=_reports(store, event), speakers=render.group_by_speaker(claims, doc_titles),
        claim_index={c.get("qualified_id"): c for c in claims} | {f"{c.get('doc_id')}#{c.get('id')}": c for c in claims},
        doc_titles=doc_titles, audit=audit, event_types=EVENT_TYPES, sub_event_types=list(SUB_EVENT_TYPES),
    )


EDIT_FORM_FIELDS = ("event_type", "sub_event_type", "event_date", "actor1", "actor2", "fatalities", "injured", "notes")


def _edit_fields(form) -> dict[str, Any]:
    fields: dict[str, Any] = {}
    for name in EDIT_FORM_FIELDS:
        if name not in form:
            continue
        value = str(form.get(name) or "").strip()
        if name in ("fatalities", "injured"):
            if not value.isdigit():
                raise ValueError(f"{name} must be a whole number from 0")
            fields[name] = int(value)
        elif name in ("actor1", "actor2", "notes", "event_date"):
            fields[name] = value or None
        else:
            fields[name] = value
    return fields


@router.post("/events/{event_id}/review", name="review_form")
async def review_form(request: Request, event_id: str):
    _same_origin(request)
    user = auth.session_user(request)
    if user is None:
        raise HTTPException(401, detail="sign in with an API token to review")
    form = await request.form()
    auth.check_csrf(request, user, form.get("csrf_token"))
    action = str(form.get("action") or "")
    store = request.app.state.store
    target = event_id
    try:
        payload: dict[str, Any] = {"action": action, "note": (str(form.get("note")) or None) if form.get("note") else None}
        if action == "edit":
            payload["fields"] = _edit_fields(form)
        elif action == "merge":
            payload["into"] = str(form.get("into") or "").strip()
        elif action == "split":
            payload["reports"] = [dict(zip(("doc_id", "event_id"), str(r).rsplit("|", 1))) for r in form.getlist("reports")]
        review = ReviewIn(**payload)
        if store.get_event(event_id) is None:
            raise HTTPException(404, detail=f"no such event: {event_id}")
        result = apply_review(store, event_id, review, who=user.name)
        target = result.get("id", event_id) if result else event_id
    except (ValidationError, ValueError) as exc:  # StoreError is a ValueError
        message = exc.errors()[0]["msg"] if isinstance(exc, ValidationError) else str(exc)
        return RedirectResponse(f"/events/{event_id}?{urlencode({'error': message})}", status_code=303)
    return RedirectResponse(f"/events/{target}?{urlencode({'done': action})}", status_code=303)


# ---- documents, audit --------------------------------------------------------------------------

@router.get("/documents", name="documents_page", response_class=HTMLResponse)
def documents_page(request: Request, q: str | None = None, cursor: str | None = None):
    if (redirect := _reader_or_login(request)) is not None:
        return redirect
    try:
        page = request.app.state.store.list_documents(cursor=cursor, limit=100, q=(q or "")[:200] or None)
    except StoreError:
        page = request.app.state.store.list_documents(limit=100)
    return _page(request, "documents.html", nav="documents", page=page, q=q or "")


@router.get("/documents/{doc_id}", name="document_page", response_class=HTMLResponse)
def document_page(request: Request, doc_id: str):
    if (redirect := _reader_or_login(request)) is not None:
        return redirect
    document = request.app.state.store.get_document(doc_id)
    if document is None:
        return _page(request, "message.html", status_code=404, title="No such document", message=f"There is no document {doc_id}.")
    evidence = [(s["start"], s["end"]) for e in document.get("events", []) for s in e.get("evidence", [])]
    claims = [(c.get("start", 0), c.get("end", 0)) for c in document.get("claims", [])]
    return _page(request, "document.html", nav="documents", document=document, url_link=_http_only(document.get("url")),
                 segments=render.highlight(document.get("text") or "", evidence, claims))


@router.get("/audit", name="audit_page", response_class=HTMLResponse)
def audit_page(request: Request):
    if (redirect := _reader_or_login(request)) is not None:
        return redirect
    entries = request.app.state.store.audit_log(limit=500)
    rows = [{**a, "at": (a.get("at") or "")[:19].replace("T", " "), "change": render.change_text(a.get("before"), a.get("after"))}
            for a in entries]
    return _page(request, "audit.html", nav="audit", rows=rows)


# ---- sign in / out -----------------------------------------------------------------------------

@router.get("/login", name="login_page", response_class=HTMLResponse)
def login_page(request: Request, next: str | None = None):
    return _page(request, "login.html", next=_safe_next(next), error=None)


@router.post("/login", name="login")
async def login(request: Request, token: str = Form("", max_length=300), next: str = Form("/", max_length=2000)):
    _same_origin(request)
    user = tokens.verify_token(request.app.state.token_engine, token.strip())
    if user is None:
        return _page(request, "login.html", status_code=401, next=_safe_next(next), error="That token is not valid (or was revoked).")
    response = RedirectResponse(_safe_next(next), status_code=303)
    response.set_cookie(auth.SESSION_COOKIE, token.strip(), httponly=True, samesite="strict",
                        secure=request.app.state.settings.secure_cookies, max_age=12 * 3600)
    return response


@router.post("/logout", name="logout")
async def logout(request: Request):
    _same_origin(request)
    user = auth.session_user(request)
    if user is not None:
        form = await request.form()
        auth.check_csrf(request, user, form.get("csrf_token"))
    response = RedirectResponse("/", status_code=303)
    response.delete_cookie(auth.SESSION_COOKIE)
    return response
