"""The review app's HTML pages: login/logout, the next item, one provision, queue,
guidelines and the admin's agreement report.

Reads: the store through ``service`` (off the event loop). Writes: reviews only via the JSON API.
"""
from __future__ import annotations

import secrets

from fastapi import APIRouter, Request
from fastapi import Path as PathParam
from fastapi.responses import HTMLResponse, RedirectResponse

from pipeline.review import service, terms
from pipeline.review.auth import same_token
from pipeline.review.highlight import segments
from pipeline.review.web import (
    CONDUCT_NAMES,
    MAX_ID,
    PRE_COOKIE,
    HTTPError,
    Web,
    conduct_rows,
    key_legend,
    off_loop,
    queue_filter,
)

router = APIRouter()


def _login_form(w: Web, status: int = 200, error: str | None = None) -> HTMLResponse:
    """The login page with a fresh pre-session CSRF token (in the form and a strict cookie)."""
    token = secrets.token_urlsafe(24)
    resp = w.render("login.html", status=status, csrf=token, error=error, user=None)
    resp.set_cookie(PRE_COOKIE, token, httponly=True, samesite="strict", secure=w.cfg.secure_cookies, path="/")
    return resp


@router.get("/login", response_class=HTMLResponse)
async def login_page(request: Request):
    return _login_form(request.app.state.web)


@router.post("/login")
async def login_form(request: Request):
    w: Web = request.app.state.web
    form = await request.form()
    if not same_token(form.get("csrf"), request.cookies.get(PRE_COOKIE)):
        raise HTTPError(403, "missing or wrong CSRF token; reload the login page")
    try:
        user = await w.login_attempt(request, str(form.get("username", "")), str(form.get("password", "")))
    except HTTPError as exc:
        if exc.status not in (401, 429):
            raise
        return _login_form(w, exc.status, exc.message)
    resp = RedirectResponse("/review", status_code=303)
    w.set_session(resp, user["id"])
    resp.delete_cookie(PRE_COOKIE, path="/")
    return resp


@router.post("/logout")
async def logout(request: Request):
    w: Web = request.app.state.web
    return await w.logout(request, RedirectResponse("/login", status_code=303), form=True)


@router.get("/")
async def home(request: Request):
    w: Web = request.app.state.web
    await w.current(request)
    return RedirectResponse("/review", status_code=303)


@router.get("/review", response_class=HTMLResponse)
async def next_item(request: Request):
    w: Web = request.app.state.web
    user, sess = await w.current(request)
    q = await off_loop(service.queue, w.cfg.db_url, user["id"], limit=1, order=w.cfg.order, overlap=w.cfg.overlap,
                      threshold=w.cfg.threshold)
    if q:
        return RedirectResponse(f"/review/{q[0]['id']}", status_code=303)
    return w.render("message.html", title="Queue empty", message="Nothing left to review. Thank you.",
                    user=user, csrf=sess.csrf, recent=await off_loop(service.recent_decisions, w.cfg.db_url, user["id"]),
                    progress=await off_loop(service.progress, w.cfg.db_url, user["id"], w.cfg.overlap, w.cfg.threshold))


@router.get("/review/{pid}", response_class=HTMLResponse)
async def review_page(request: Request, pid: int = PathParam(ge=1, le=MAX_ID)):
    w: Web = request.app.state.web
    user, sess = await w.current(request)
    try:
        view = await off_loop(service.provision_view, w.cfg.db_url, pid, w.cfg.threshold)
    except service.NotFound as exc:
        raise HTTPError(404, str(exc)) from None
    # With overlap, reviewers decide independently: others' decisions are not pre-selected
    # (admins adjudicating see them all).
    blind = w.cfg.overlap > 1 and user["role"] != "admin"
    own = [r for r in view["reviews"] if r["reviewer"] == user["username"]]
    basis = (own[-1] if own else None) if blind else view["current"]
    if blind and not own:
        view = {**view, "current": None}
    return w.render("review.html", user=user, csrf=sess.csrf, p=view, rows=conduct_rows(view, basis), legend=key_legend(),
                    segments=segments(view), recent=await off_loop(service.recent_decisions, w.cfg.db_url, user["id"]),
                    progress=await off_loop(service.progress, w.cfg.db_url, user["id"], w.cfg.overlap, w.cfg.threshold),
                    section=await off_loop(service.section_view, w.cfg.db_url, view["statute"]["id"], view["eid"],
                                           user["id"], blind),
                    flags=await off_loop(terms.term_view, w.cfg.db_url, pid, user["id"], blind))


@router.get("/queue", response_class=HTMLResponse)
async def queue_page(request: Request, order: str | None = None, statute: str = "", jurisdiction: str = "",
                     conduct: str = "", status: str = "todo", reviewer: str = ""):
    w: Web = request.app.state.web
    user, sess = await w.current(request)
    f = queue_filter(statute, jurisdiction, conduct, status, reviewer)
    page = await off_loop(service.queue_page, w.cfg.db_url, user["id"], f, order=order or w.cfg.order,
                          overlap=w.cfg.overlap, threshold=w.cfg.threshold, blind=_blind(w, user))
    return w.render("queue.html", user=user, csrf=sess.csrf, f=f, order=order or w.cfg.order, legend=key_legend(),
                    names=CONDUCT_NAMES, **page)


def _blind(w: Web, user: dict) -> bool:
    return w.cfg.overlap > 1 and user["role"] != "admin"


@router.get("/guidelines", response_class=HTMLResponse)
async def guidelines(request: Request):
    w: Web = request.app.state.web
    user, sess = await w.current(request)
    try:
        text = w.cfg.guidelines.read_text(encoding="utf-8")
    except OSError:
        text = "No guidelines file (annotations/GUIDELINES.md) yet."
    return w.render("guidelines.html", user=user, csrf=sess.csrf, text=text,
                  version=service.guideline_version(w.cfg.guidelines))


@router.get("/admin/agreement", response_class=HTMLResponse)
async def agreement_page(request: Request):
    w: Web = request.app.state.web
    user, sess = await w.current(request)
    if user["role"] != "admin":
        raise HTTPError(403, "admins only")
    from pipeline.review.agreement import agreement_report

    return w.render("agreement.html", user=user, csrf=sess.csrf, report=await off_loop(agreement_report, w.cfg.db_url))

