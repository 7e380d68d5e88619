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
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, FileSystemLoader, select_autoescape

from pipeline.records import CONDUCT_IDS
from pipeline.review import service
from pipeline.review.auth import RateLimiter, Signer, same_token
from pipeline.review.highlight import segments

HERE = Path(__file__).resolve().parent
COOKIE = "lexbench_session"
PRE_COOKIE = "lexbench_login"
MAX_BODY = 64 * 1024
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


class HTTPError(Exception):
    def __init__(self, status: int, message: str, extra: dict | None = None):
        super().__init__(message)
        self.status, self.message, self.extra = status, message, extra or {}


def create_app(cfg: AppConfig) -> FastAPI:
    app = FastAPI(title="lexbench review", docs_url=None, redoc_url=None, openapi_url=None)
    signer = Signer(cfg.secret)
    limiter = RateLimiter(cfg.login_limit, cfg.login_window)
    env = Environment(loader=FileSystemLoader(str(HERE / "templates")),
                      autoescape=select_autoescape(default=True, default_for_string=True))
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")

    def render(name: str, status: int = 200, **ctx) -> HTMLResponse:
        return HTMLResponse(env.get_template(name).render(**ctx), status_code=status)

    @app.middleware("http")
    async def guard(request: Request, call_next):
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
            return JSONResponse({"detail": exc.message, **exc.extra}, status_code=exc.status)
        if exc.status == 401:
            return RedirectResponse("/login", status_code=303)
        return render("message.html", status=exc.status, title=f"Error {exc.status}", message=exc.message,
                      user=None)

    # -- session helpers ---------------------------------------------------------------
    def current(request: Request):
        sess = signer.session(request.cookies.get(COOKIE))
        if sess is None:
            raise HTTPError(401, "login required")
        user = service.get_user(cfg.db_url, sess.user_id)
        if user is None:
            raise HTTPError(401, "login required")
        return user, sess

    def check_csrf(request: Request, sess, form_token: str | None = None) -> None:
        token = request.headers.get("x-csrf-token") or form_token
        if not same_token(token, sess.csrf):
            raise HTTPError(403, "missing or wrong CSRF token")

    def set_session(resp: Response, user_id: int, made=None) -> str:
        token, data = made or signer.new_session(user_id)
        resp.set_cookie(COOKIE, token, httponly=True, samesite="lax", secure=cfg.secure_cookies,
                        max_age=int(signer.max_age), path="/")
        return data.csrf

    def client_keys(request: Request, username: str) -> tuple[str, str]:
        host = request.client.host if request.client else "?"
        return f"ip:{host}", f"user:{username.lower()}"

    def login_attempt(request: Request, username: str, password: str) -> dict:
        keys = client_keys(request, username)
        if limiter.blocked(*keys):
            raise HTTPError(429, "too many failed logins; wait a few minutes")
        user = service.authenticate(cfg.db_url, username, password)
        if user is None:
            limiter.fail(*keys)
            raise HTTPError(401, "wrong user name or password")
        limiter.reset(keys[1])
        return user

    async def json_body(request: Request) -> dict:
        if "application/json" not in (request.headers.get("content-type") or ""):
            raise HTTPError(415, "send JSON (Content-Type: application/json)")
        try:
            body = json.loads(await request.body() or b"{}")
        except ValueError:
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
            user = login_attempt(request, str(form.get("username", "")), str(form.get("password", "")))
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
        _, sess = current(request)
        form = await request.form()
        check_csrf(request, sess, form.get("csrf"))
        resp = RedirectResponse("/login", status_code=303)
        resp.delete_cookie(COOKIE, path="/")
        return resp

    @app.get("/")
    async def home(request: Request):
        current(request)
        return RedirectResponse("/review", status_code=303)

    @app.get("/review", response_class=HTMLResponse)
    async def next_item(request: Request):
        user, sess = current(request)
        q = service.queue(cfg.db_url, user["id"], limit=1, order=cfg.order, overlap=cfg.overlap,
                          threshold=cfg.threshold)
        if q:
            return RedirectResponse(f"/review/{q[0]['id']}", status_code=303)
        return render("message.html", title="Queue empty", message="Nothing left to review. Thank you.",
                      user=user, csrf=sess.csrf, recent=service.recent_decisions(cfg.db_url, user["id"]))

    @app.get("/review/{pid}", response_class=HTMLResponse)
    async def review_page(request: Request, pid: int):
        user, sess = current(request)
        try:
            view = service.provision_view(cfg.db_url, pid, cfg.threshold)
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
                      segments=segments(view), recent=service.recent_decisions(cfg.db_url, user["id"]))

    @app.get("/queue", response_class=HTMLResponse)
    async def queue_page(request: Request, order: str | None = None):
        user, sess = current(request)
        items = service.queue(cfg.db_url, user["id"], limit=200, order=order or cfg.order, overlap=cfg.overlap,
                              threshold=cfg.threshold)
        return render("queue.html", user=user, csrf=sess.csrf, items=items)

    @app.get("/guidelines", response_class=HTMLResponse)
    async def guidelines(request: Request):
        user, sess = current(request)
        try:
            text = cfg.guidelines.read_text(encoding="utf-8")
        except OSError:
            text = "No guidelines file (annotations/GUIDELINES.md) yet."
        return render("guidelines.html", user=user, csrf=sess.csrf, text=text,
                      version=service.guideline_version(cfg.guidelines))

    @app.get("/admin/agreement", response_class=HTMLResponse)
    async def agreement_page(request: Request):
        user, sess = current(request)
        if user["role"] != "admin":
            raise HTTPError(403, "admins only")
        from pipeline.review.agreement import agreement_report

        return render("agreement.html", user=user, csrf=sess.csrf, report=agreement_report(cfg.db_url))

    # -- JSON API ----------------------------------------------------------------------
    @app.post("/api/login")
    async def api_login(request: Request):
        body = await json_body(request)
        user = login_attempt(request, str(body.get("username", "")), str(body.get("password", "")))
        made = signer.new_session(user["id"])
        resp = JSONResponse({"user": user, "csrf_token": made[1].csrf})
        set_session(resp, user["id"], made)
        return resp

    @app.post("/api/logout")
    async def api_logout(request: Request):
        _, sess = current(request)
        check_csrf(request, sess)
        resp = JSONResponse({"ok": True})
        resp.delete_cookie(COOKIE, path="/")
        return resp

    @app.get("/api/me")
    async def api_me(request: Request):
        user, sess = current(request)
        return {"user": user, "csrf_token": sess.csrf,
                "recent": service.recent_decisions(cfg.db_url, user["id"])}

    @app.get("/api/queue")
    async def api_queue(request: Request, limit: int = 20, order: str | None = None):
        user, _ = current(request)
        limit = max(1, min(limit, 1000))
        return {"items": service.queue(cfg.db_url, user["id"], limit=limit, order=order or cfg.order,
                                       overlap=cfg.overlap, threshold=cfg.threshold)}

    @app.get("/api/provisions/{pid}")
    async def api_provision(request: Request, pid: int):
        current(request)
        try:
            return service.provision_view(cfg.db_url, pid, cfg.threshold)
        except service.NotFound as exc:
            raise HTTPError(404, str(exc)) from None

    @app.post("/api/provisions/{pid}/review")
    async def api_review(request: Request, pid: int):
        user, sess = current(request)
        check_csrf(request, sess)
        body = await json_body(request)
        try:
            return service.submit_review(cfg.db_url, pid, user["id"], body.get("labels", []),
                                         str(body.get("decision", "")), body.get("version"),
                                         comment=body.get("comment") if isinstance(body.get("comment"), str) else None,
                                         seconds=body.get("seconds"), source="web")
        except service.InvalidReview as exc:
            raise HTTPError(422, str(exc)) from None
        except service.NotFound as exc:
            raise HTTPError(404, str(exc)) from None
        except service.Stale as exc:
            raise HTTPError(409, str(exc), {"current": exc.current}) from None

    @app.post("/api/undo")
    async def api_undo(request: Request):
        user, sess = current(request)
        check_csrf(request, sess)
        body = await json_body(request)
        rid = body.get("review_id")
        try:
            res = service.undo(cfg.db_url, user["id"], rid if isinstance(rid, int) else None)
        except service.InvalidReview as exc:
            raise HTTPError(422, str(exc)) from None
        except service.Stale:
            raise HTTPError(409, "the provision changed meanwhile; reload it") from None
        if res is None:
            raise HTTPError(404, "nothing to undo")
        return res

    return app


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
