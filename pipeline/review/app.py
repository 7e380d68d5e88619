"""The review web app: server-rendered pages (Jinja2, autoescaped) plus a small JSON API.

Security model: every route but /login, /api/login and /static needs a session; the
session is an HMAC-signed HttpOnly SameSite=Lax cookie; every state-changing request
must carry the session's CSRF token (header ``X-CSRF-Token`` or form field ``csrf``)
and, if the browser sends an Origin, come from this site; failed logins are
rate-limited; responses carry a CSP without inline script, so statute text, which is
untrusted, can only ever render as text.
"""
from __future__ import annotations

import json
import secrets
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

from fastapi import FastAPI, Request
from fastapi import Path as PathParam
from starlette.concurrency import run_in_threadpool as off_loop
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, FileSystemLoader, select_autoescape

from pipeline.records import CONDUCT_IDS
from pipeline.review import service
from pipeline.review.auth import RateLimiter, Sessions, Signer, same_token
from pipeline.review.highlight import segments

HERE = Path(__file__).resolve().parent
COOKIE = "lexbench_session"
PRE_COOKIE = "lexbench_login"
MAX_BODY = 64 * 1024
MAX_ID = 2**63 - 1  # ids and versions beyond a 64-bit integer are refused (422), never a 500
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; "
       "base-uri 'none'; frame-ancestors 'none'; form-action 'self'")
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
}


@dataclass
class AppConfig:
    db_url: str
    secret: bytes = field(default_factory=lambda: secrets.token_bytes(32))
    threshold: float = service.DEFAULT_THRESHOLD
    overlap: int = 1
    order: str = "uncertainty"
    secure_cookies: bool = False
    login_limit: int = 5
    login_window: float = 300.0
    guidelines: Path = service.GUIDELINES
    # Host headers served (DNS rebinding); None = any. ``lexbench serve`` should pass its bind name.
    allowed_hosts: tuple[str, ...] | None = None


class HTTPError(Exception):
    def __init__(self, status: int, message: str, extra: dict | None = None, headers: dict | None = None):
        super().__init__(message)
        self.status, self.message, self.extra, self.headers = status, message, extra or {}, headers or {}


class BodyLimit:
    """ASGI middleware: a request body is cut off at ``limit`` bytes however it is sent
    (Content-Length or chunked): reading past it raises ``HTTPError(413)`` in the handler."""

    def __init__(self, app, limit: int = MAX_BODY):
        self.app, self.limit = app, limit

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        seen = 0

        async def limited():
            nonlocal seen
            msg = await receive()
            if msg.get("type") == "http.request":
                seen += len(msg.get("body", b""))
                if seen > self.limit:
                    raise HTTPError(413, "request too large")
            return msg

        await self.app(scope, limited, send)


def bounded_int(value, name: str, required: bool = False) -> int | None:
    """An id or version from a JSON body: an integer in 0..2**63-1, else 422."""
    if value is None and not required:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_ID:
        raise HTTPError(422, f"{name} must be an integer from 0 to {MAX_ID}")
    return value


def create_app(cfg: AppConfig) -> FastAPI:
    app = FastAPI(title="lexbench review", docs_url=None, redoc_url=None, openapi_url=None)
    signer = Signer(cfg.secret)
    limiter = RateLimiter(cfg.login_limit, cfg.login_window)
    sessions = Sessions()
    app.add_middleware(BodyLimit, limit=MAX_BODY)
    env = Environment(loader=FileSystemLoader(str(HERE / "templates")),
                      autoescape=select_autoescape(default=True, default_for_string=True))
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")

    def render(name: str, status: int = 200, **ctx) -> HTMLResponse:
        return HTMLResponse(env.get_template(name).render(**ctx), status_code=status)

    @app.middleware("http")
    async def guard(request: Request, call_next):
        host = (request.headers.get("host") or "").rsplit(":", 1)[0].strip("[]").lower()
        if cfg.allowed_hosts is not None and host not in cfg.allowed_hosts:
            resp = JSONResponse({"detail": "unknown Host"}, status_code=400)
            resp.headers.update(SECURITY_HEADERS)
            return resp
        if request.method in ("POST", "PUT", "PATCH", "DELETE"):
            try:
                if int(request.headers.get("content-length") or 0) > MAX_BODY:
                    resp = JSONResponse({"detail": "request too large"}, status_code=413)
                    resp.headers.update(SECURITY_HEADERS)
                    return resp
            except ValueError:
                pass
            origin = request.headers.get("origin")
            if origin and origin != "null" and urlparse(origin).netloc != request.headers.get("host"):
                resp = JSONResponse({"detail": "cross-origin request refused"}, status_code=403)
                resp.headers.update(SECURITY_HEADERS)
                return resp
        resp = await call_next(request)
        resp.headers.update(SECURITY_HEADERS)
        if not request.url.path.startswith("/static/"):
            resp.headers["Cache-Control"] = "no-store"
        return resp

    @app.exception_handler(HTTPError)
    async def _http_error(request: Request, exc: HTTPError):
        if request.url.path.startswith("/api/"):
            return JSONResponse({"detail": exc.message, **exc.extra}, status_code=exc.status, headers=exc.headers)
        if exc.status == 401:
            return RedirectResponse("/login", status_code=303)
        return render("message.html", status=exc.status, title=f"Error {exc.status}", message=exc.message,
                      user=None)

    # -- session helpers ---------------------------------------------------------------
    async def current(request: Request):
        sess = signer.session(request.cookies.get(COOKIE))
        if sess is None or not sessions.valid(sess.sid, sess.user_id):
            raise HTTPError(401, "login required")
        user = await off_loop(service.get_user, cfg.db_url, sess.user_id)
        if user is None:
            raise HTTPError(401, "login required")
        return user, sess

    def check_csrf(request: Request, sess, form_token: str | None = None) -> None:
        token = request.headers.get("x-csrf-token") or form_token
        if not same_token(token, sess.csrf):
            raise HTTPError(403, "missing or wrong CSRF token")

    def set_session(resp: Response, user_id: int, made=None) -> str:
        token, data = made or signer.new_session(user_id, sessions.open(user_id))
        resp.set_cookie(COOKIE, token, httponly=True, samesite="lax", secure=cfg.secure_cookies,
                        max_age=int(signer.max_age), path="/")
        return data.csrf

    async def login_attempt(request: Request, username: str, password: str) -> dict:
        address = request.client.host if request.client else "?"
        wait = limiter.retry_after(address, username)
        if wait > 0:
            raise HTTPError(429, f"too many failed logins; try again in {wait:.0f} s",
                            headers={"Retry-After": str(int(wait) + 1)})
        user = await off_loop(service.authenticate, cfg.db_url, username, password)
        if user is None:
            limiter.fail(address, username)
            raise HTTPError(401, "wrong user name or password")
        limiter.succeed(address, username)
        return user

    async def admin(request: Request):
        user, sess = await current(request)
        check_csrf(request, sess)
        if user["role"] != "admin":
            raise HTTPError(403, "admins only")
        return user

    async def json_body(request: Request) -> dict:
        ctype = (request.headers.get("content-type") or "").split(";")[0].strip().lower()
        if ctype != "application/json":
            raise HTTPError(415, "send JSON (Content-Type: application/json)")
        try:
            body = json.loads(await request.body() or b"{}")
        except (ValueError, RecursionError):
            raise HTTPError(400, "body is not valid JSON") from None
        if not isinstance(body, dict):
            raise HTTPError(422, "body must be a JSON object")
        return body

    # -- pages -----------------------------------------------------------------------
    @app.get("/login", response_class=HTMLResponse)
    async def login_page(request: Request):
        token = secrets.token_urlsafe(24)
        resp = render("login.html", csrf=token, error=None, user=None)
        resp.set_cookie(PRE_COOKIE, token, httponly=True, samesite="strict", secure=cfg.secure_cookies, path="/")
        return resp

    @app.post("/login")
    async def login_form(request: Request):
        form = await request.form()
        if not same_token(form.get("csrf"), request.cookies.get(PRE_COOKIE)):
            raise HTTPError(403, "missing or wrong CSRF token; reload the login page")
        try:
            user = await login_attempt(request, str(form.get("username", "")), str(form.get("password", "")))
        except HTTPError as exc:
            if exc.status not in (401, 429):
                raise
            token = secrets.token_urlsafe(24)
            resp = render("login.html", status=exc.status, csrf=token, error=exc.message, user=None)
            resp.set_cookie(PRE_COOKIE, token, httponly=True, samesite="strict", secure=cfg.secure_cookies,
                            path="/")
            return resp
        resp = RedirectResponse("/review", status_code=303)
        set_session(resp, user["id"])
        resp.delete_cookie(PRE_COOKIE, path="/")
        return resp

    @app.post("/logout")
    async def logout(request: Request):
        _, sess = await current(request)
        form = await request.form()
        check_csrf(request, sess, form.get("csrf"))
        sessions.close(sess.sid)
        resp = RedirectResponse("/login", status_code=303)
        resp.delete_cookie(COOKIE, path="/")
        return resp

    @app.get("/")
    async def home(request: Request):
        await current(request)
        return RedirectResponse("/review", status_code=303)

    @app.get("/review", response_class=HTMLResponse)
    async def next_item(request: Request):
        user, sess = await current(request)
        q = await off_loop(service.queue, cfg.db_url, user["id"], limit=1, order=cfg.order, overlap=cfg.overlap,
                          threshold=cfg.threshold)
        if q:
            return RedirectResponse(f"/review/{q[0]['id']}", status_code=303)
        return render("message.html", title="Queue empty", message="Nothing left to review. Thank you.",
                      user=user, csrf=sess.csrf, recent=await off_loop(service.recent_decisions, cfg.db_url, user["id"]))

    @app.get("/review/{pid}", response_class=HTMLResponse)
    async def review_page(request: Request, pid: int = PathParam(ge=1, le=MAX_ID)):
        user, sess = await current(request)
        try:
            view = await off_loop(service.provision_view, cfg.db_url, pid, cfg.threshold)
        except service.NotFound as exc:
            raise HTTPError(404, str(exc)) from None
        # With overlap, reviewers decide independently: others' decisions are not pre-selected
        # (admins adjudicating see them all).
        blind = cfg.overlap > 1 and user["role"] != "admin"
        own = [r for r in view["reviews"] if r["reviewer"] == user["username"]]
        basis = (own[-1] if own else None) if blind else view["current"]
        if blind and not own:
            view = {**view, "current": None}
        return render("review.html", user=user, csrf=sess.csrf, p=view, rows=conduct_rows(view, basis),
                      segments=segments(view), recent=await off_loop(service.recent_decisions, cfg.db_url, user["id"]))

    @app.get("/queue", response_class=HTMLResponse)
    async def queue_page(request: Request, order: str | None = None):
        user, sess = await current(request)
        items = await off_loop(service.queue, cfg.db_url, user["id"], limit=200, order=order or cfg.order, overlap=cfg.overlap,
                              threshold=cfg.threshold)
        return render("queue.html", user=user, csrf=sess.csrf, items=items)

    @app.get("/guidelines", response_class=HTMLResponse)
    async def guidelines(request: Request):
        user, sess = await current(request)
        try:
            text = cfg.guidelines.read_text(encoding="utf-8")
        except OSError:
            text = "No guidelines file (annotations/GUIDELINES.md) yet."
        return render("guidelines.html", user=user, csrf=sess.csrf, text=text,
                      version=service.guideline_version(cfg.guidelines))

    @app.get("/admin/agreement", response_class=HTMLResponse)
    async def agreement_page(request: Request):
        user, sess = await current(request)
        if user["role"] != "admin":
            raise HTTPError(403, "admins only")
        from pipeline.review.agreement import agreement_report

        return render("agreement.html", user=user, csrf=sess.csrf, report=await off_loop(agreement_report, cfg.db_url))

    # -- JSON API ----------------------------------------------------------------------
    @app.post("/api/login")
    async def api_login(request: Request):
        body = await json_body(request)
        user = await login_attempt(request, str(body.get("username", "")), str(body.get("password", "")))
        made = signer.new_session(user["id"], sessions.open(user["id"]))
        resp = JSONResponse({"user": user, "csrf_token": made[1].csrf})
        set_session(resp, user["id"], made)
        return resp

    @app.post("/api/logout")
    async def api_logout(request: Request):
        _, sess = await current(request)
        check_csrf(request, sess)
        sessions.close(sess.sid)
        resp = JSONResponse({"ok": True})
        resp.delete_cookie(COOKIE, path="/")
        return resp

    @app.get("/api/me")
    async def api_me(request: Request):
        user, sess = await current(request)
        return {"user": user, "csrf_token": sess.csrf,
                "recent": await off_loop(service.recent_decisions, cfg.db_url, user["id"])}

    @app.get("/api/queue")
    async def api_queue(request: Request, limit: int = 20, order: str | None = None):
        user, _ = await current(request)
        limit = max(1, min(limit, 1000))
        return {"items": await off_loop(service.queue, cfg.db_url, user["id"], limit=limit, order=order or cfg.order,
                                       overlap=cfg.overlap, threshold=cfg.threshold)}

    @app.get("/api/provisions/{pid}")
    async def api_provision(request: Request, pid: int = PathParam(ge=1, le=MAX_ID)):
        user, _ = await current(request)
        try:
            view = await off_loop(service.provision_view, cfg.db_url, pid, cfg.threshold)
        except service.NotFound as exc:
            raise HTTPError(404, str(exc)) from None
        return blind_view(view, user, cfg.overlap)

    @app.post("/api/provisions/{pid}/review")
    async def api_review(request: Request, pid: int = PathParam(ge=1, le=MAX_ID)):
        user, sess = await current(request)
        check_csrf(request, sess)
        body = await json_body(request)
        try:
            return await off_loop(service.submit_review, cfg.db_url, pid, user["id"], body.get("labels", []),
                                         str(body.get("decision", "")), bounded_int(body.get("version"), "version"),
                                         comment=body.get("comment") if isinstance(body.get("comment"), str) else None,
                                         seconds=body.get("seconds"), source="web")
        except service.InvalidReview as exc:
            raise HTTPError(422, str(exc)) from None
        except service.NotFound as exc:
            raise HTTPError(404, str(exc)) from None
        except service.Stale as exc:
            raise HTTPError(409, str(exc), {"current": blind_view(exc.current, user, cfg.overlap)}) from None

    @app.post("/api/undo")
    async def api_undo(request: Request):
        user, sess = await current(request)
        check_csrf(request, sess)
        body = await json_body(request)
        rid = body.get("review_id")
        try:
            res = await off_loop(service.undo, cfg.db_url, user["id"], bounded_int(rid, "review_id"))
        except service.InvalidReview as exc:
            raise HTTPError(422, str(exc)) from None
        except service.Stale:
            raise HTTPError(409, "the provision changed meanwhile; reload it") from None
        if res is None:
            raise HTTPError(404, "nothing to undo")
        return res

    # -- admin: unlock, revoke, deactivate ---------------------------------------------------
    @app.post("/api/admin/users/{username}/{action}")
    async def api_admin_user(request: Request, username: str, action: str):
        await admin(request)
        target = await off_loop(service.user_named, cfg.db_url, username)
        if target is None:
            raise HTTPError(404, f"no user {username!r}")
        out = {"username": username, "action": action}
        if action == "unlock":
            out["cleared"] = limiter.unlock(username)
        elif action == "revoke":
            out["revoked_sessions"] = sessions.revoke_user(target["id"])
        elif action in ("deactivate", "activate"):
            await off_loop(service.set_user_active, cfg.db_url, username, action == "activate")
            out["revoked_sessions"] = sessions.revoke_user(target["id"]) if action == "deactivate" else 0
        else:
            raise HTTPError(404, "actions: unlock, revoke, deactivate, activate")
        return out

    return app


def blind_decision(decision: dict | None, user: dict, overlap: int) -> dict | None:
    """With blind overlap, another reviewer's decision is hidden from reviewers (not admins)."""
    if overlap <= 1 or user["role"] == "admin" or not decision or decision.get("reviewer") == user["username"]:
        return decision
    return None


def blind_view(view: dict, user: dict, overlap: int) -> dict:
    """A provision as a reviewer may see it: with ``overlap`` > 1, only their own decisions
    until an admin adjudicates (admins see everything)."""
    if overlap <= 1 or user["role"] == "admin":
        return view
    own = [r for r in view.get("reviews", []) if r.get("reviewer") == user["username"]]
    return {**view, "reviews": own, "current": own[-1] if own else None,
            "current_text_changed": bool(own and own[-1]["text_hash"] != view["text_hash"])}


def conduct_rows(view: dict, basis: dict | None = None) -> list[dict]:
    """All conducts, suggested ones first (by score), each with its pre-selection.

    Pre-selected = the current decision's labels if the provision was reviewed,
    otherwise the suggestions at or above the threshold (Prodigy's textcat.correct).
    """
    sugg = {s["id"]: s for s in view["suggestions"]}
    if basis is not None:
        chosen = {lab["id"]: lab["coverage"] for lab in basis["labels"]}
    else:
        chosen = {s["id"]: s["coverage"] for s in view["suggestions"] if s["preselected"]}
    order = [s["id"] for s in view["suggestions"]] + [c for c in CONDUCT_IDS if c not in sugg]
    rows = []
    for i, cid in enumerate(order, 1):
        s = sugg.get(cid)
        rows.append({"n": i, "id": cid, "label": cid.replace("_", " "), "score": s["score"] if s else None,
                     "evidence": s["evidence"] if s else None, "because": s["because"] if s else None,
                     "checked": cid in chosen, "coverage": chosen.get(cid, s["coverage"] if s else "full"),
                     "suggested": bool(s and s["preselected"])})
    return rows
