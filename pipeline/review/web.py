"""The review app's shared parts: the per-app context every route reads (config, signer,
sessions, login limiter, templates), its errors, the body limit and the blind-review views.

Reads: the request (cookies, headers, body). Writes: nothing (routes live in ``routes_*``).
"""
from __future__ import annotations

import json
from pathlib import Path

from fastapi import Request
from fastapi.responses import HTMLResponse, Response
from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.concurrency import run_in_threadpool as off_loop

from pipeline.records import CONDUCT_IDS
from pipeline.review import service
from pipeline.review.auth import RateLimiter, Sessions, Signer, same_token

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


class Web:
    """What the routes of one app share (``request.app.state.web``)."""

    def __init__(self, cfg):
        self.cfg = cfg
        self.signer = Signer(cfg.secret)
        self.limiter = RateLimiter(cfg.login_limit, cfg.login_window)
        self.sessions = Sessions()
        self.env = Environment(loader=FileSystemLoader(str(HERE / "templates")),
                               autoescape=select_autoescape(default=True, default_for_string=True))

    def render(self, name: str, status: int = 200, **ctx) -> HTMLResponse:
        return HTMLResponse(self.env.get_template(name).render(**ctx), status_code=status)

    async def current(self, request: Request):
        sess = self.signer.session(request.cookies.get(COOKIE))
        if sess is None or not self.sessions.valid(sess.sid, sess.user_id):
            raise HTTPError(401, "login required")
        user = await off_loop(service.get_user, self.cfg.db_url, sess.user_id)
        if user is None:
            raise HTTPError(401, "login required")
        return user, sess

    def check_csrf(self, request: Request, sess, form_token: str | None = None) -> None:
        token = request.headers.get("x-csrf-token") or form_token
        if not same_token(token, sess.csrf):
            raise HTTPError(403, "missing or wrong CSRF token")

    def set_session(self, resp: Response, user_id: int, made=None) -> str:
        token, data = made or self.signer.new_session(user_id, self.sessions.open(user_id))
        resp.set_cookie(COOKIE, token, httponly=True, samesite="lax", secure=self.cfg.secure_cookies,
                        max_age=int(self.signer.max_age), path="/")
        return data.csrf

    async def logout(self, request: Request, resp: Response, form: bool = False) -> Response:
        """End the caller's session (CSRF-checked: the header, or the ``csrf`` field of a ``form``
        post) and clear its cookie on ``resp``; logout from the page and from the API alike."""
        _, sess = await self.current(request)
        self.check_csrf(request, sess, (await request.form()).get("csrf") if form else None)
        self.sessions.close(sess.sid)
        resp.delete_cookie(COOKIE, path="/")
        return resp

    async def login_attempt(self, request: Request, username: str, password: str) -> dict:
        address = request.client.host if request.client else "?"
        wait = self.limiter.retry_after(address, username)
        if wait > 0:
            raise HTTPError(429, f"too many failed logins; try again in {wait:.0f} s",
                            headers={"Retry-After": str(int(wait) + 1)})
        user = await off_loop(service.authenticate, self.cfg.db_url, username, password)
        if user is None:
            self.limiter.fail(address, username)
            raise HTTPError(401, "wrong user name or password")
        self.limiter.succeed(address, username)
        return user

    async def admin(self, request: Request):
        user, sess = await self.current(request)
        self.check_csrf(request, sess)
        if user["role"] != "admin":
            raise HTTPError(403, "admins only")
        return user

    async def json_body(self, request: Request) -> dict:
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


def queue_filter(statute: str, jurisdiction: str, conduct: str, status: str, reviewer: str) -> service.QueueFilter:
    """The queue page's query parameters as a filter; a value that names nothing is a 422."""
    if statute.strip() and not (statute.strip().isdigit() and int(statute) <= MAX_ID):
        raise HTTPError(422, "statute must be a statute id")
    if conduct and conduct not in CONDUCT_IDS:
        raise HTTPError(422, f"unknown conduct {conduct!r}")
    if status not in service.QueueFilter.STATUSES:
        raise HTTPError(422, f"status must be one of {', '.join(service.QueueFilter.STATUSES)}")
    return service.QueueFilter(statute=int(statute) if statute.strip() else None,
                               jurisdiction=jurisdiction.strip() or None, conduct=conduct or None,
                               status=status, reviewer=reviewer.strip() or None)


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


# The keys of the eleven conducts, in the benchmark's order (records.CONDUCT_IDS): the same key
# means the same conduct on every page, whatever was suggested; 10 and 11 are typed 0 and -.
CONDUCT_KEYS = dict(zip(CONDUCT_IDS, ("1", "2", "3", "4", "5", "6", "7", "8", "9", "0", "-")))
CONDUCT_NAMES = {
    "csam_production": "CSAM production", "csam_offering": "CSAM offering",
    "csam_making_available": "CSAM making available", "csam_distribution": "CSAM distribution",
    "csam_transmission": "CSAM transmission", "csam_procuring": "CSAM procuring",
    "csam_possession": "CSAM possession", "csam_access": "CSAM access (knowingly obtaining access)",
    "grooming": "grooming (solicitation of a child)", "live_streaming": "live streaming of child sexual abuse",
    "sexual_extortion": "sexual extortion of a child",
}


def key_legend() -> list[dict]:
    """``[{n, key, id, label}]`` for the eleven conducts, in the benchmark's order."""
    return [{"n": i, "key": CONDUCT_KEYS[c], "id": c, "label": CONDUCT_NAMES[c]}
            for i, c in enumerate(CONDUCT_IDS, 1)]


def conduct_rows(view: dict, basis: dict | None = None) -> list[dict]:
    """All eleven conducts in the benchmark's order, each with its fixed key and pre-selection.

    Pre-selected = the current decision's labels if the provision was reviewed,
    otherwise the suggestions at or above the threshold (Prodigy's textcat.correct).
    ``suggested`` is the coverage the model suggests (pre-selected suggestions only): a
    decision is ``accept`` exactly when the stored labels equal those.
    """
    sugg = {s["id"]: s for s in view["suggestions"]}
    if basis is not None:
        chosen = {lab["id"]: lab["coverage"] for lab in basis["labels"]}
    else:
        chosen = {s["id"]: s["coverage"] for s in view["suggestions"] if s["preselected"]}
    rows = []
    for leg in key_legend():
        cid, s = leg["id"], sugg.get(leg["id"])
        rows.append({**leg, "score": s["score"] if s else None,
                     "evidence": s["evidence"] if s else None, "because": s["because"] if s else None,
                     "checked": cid in chosen, "coverage": chosen.get(cid, s["coverage"] if s else "full"),
                     "suggested": s["coverage"] if s and s["preselected"] else ""})
    return rows
