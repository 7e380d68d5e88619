"""The review web app: server-rendered pages (Jinja2, autoescaped) plus a small JSON API.

Security model: every route but /login, /api/login and /static needs a session or, on /api/*,
/openapi.json and /docs, a personal API token (``Authorization: Bearer``, scoped; ``api_auth``); the
session is an HMAC-signed HttpOnly SameSite=Lax cookie naming a server-side session
(ended by logout, an admin or deactivation); every state-changing request must carry
the session's CSRF token (header ``X-CSRF-Token`` or form field ``csrf``) and, if the
browser sends an Origin, come from this site; failed logins are throttled per account
and address; bodies are capped however they are sent; responses carry a CSP without
inline script, so statute text, which is untrusted, can only ever render as text.

Reads: ``AppConfig``. Writes: nothing itself: pages in ``routes_pages``, the JSON API in
``routes_api``, the shared context in ``web``.
"""
from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles

from pipeline import __version__
from pipeline.review import service
from pipeline.review.routes_api import router as api_router
from pipeline.review.routes_pages import router as pages_router
from pipeline.review.routes_terms import router as terms_router
from pipeline.review.routes_tokens import router as tokens_router
from pipeline.review.web import (
    HERE,
    MAX_BODY,
    SECURITY_HEADERS,
    BodyLimit,
    HTTPError,
    Web,
)


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


def create_app(cfg: AppConfig) -> FastAPI:
    # FastAPI's own /openapi.json and /docs are off: routes_tokens serves them to logged-in users and tokens
    app = FastAPI(title="lexbench review", version=__version__, docs_url=None, redoc_url=None, openapi_url=None)
    app.state.web = web = Web(cfg)
    app.add_middleware(BodyLimit, limit=MAX_BODY)
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")
    app.middleware("http")(_guard(cfg))

    @app.exception_handler(HTTPError)
    async def _http_error(request: Request, exc: HTTPError):
        if request.url.path.startswith("/api/") or request.url.path == "/openapi.json":
            return JSONResponse({"detail": exc.message, **exc.extra}, status_code=exc.status, headers=exc.headers)
        if exc.status == 401:
            return RedirectResponse("/login", status_code=303)
        return web.render("message.html", status=exc.status, title=f"Error {exc.status}", message=exc.message,
                          user=None)

    app.include_router(pages_router)
    app.include_router(api_router)
    app.include_router(tokens_router)
    app.include_router(terms_router)
    return app


def _refuse(status: int, detail: str) -> JSONResponse:
    resp = JSONResponse({"detail": detail}, status_code=status)
    resp.headers.update(SECURITY_HEADERS)
    return resp


def _guard(cfg: AppConfig):
    """Host allow-list, declared body size, same-origin writes, security headers."""
    async def guard(request: Request, call_next):
        host = (request.headers.get("host") or "").rsplit(":", 1)[0].strip("[]").lower()
        if cfg.allowed_hosts is not None and host not in cfg.allowed_hosts:
            return _refuse(400, "unknown Host")
        if request.method in ("POST", "PUT", "PATCH", "DELETE"):
            try:
                if int(request.headers.get("content-length") or 0) > MAX_BODY:
                    return _refuse(413, "request too large")
            except ValueError:
                pass
            origin = request.headers.get("origin")
            if origin and origin != "null" and urlparse(origin).netloc != request.headers.get("host"):
                return _refuse(403, "cross-origin request refused")
        resp = await call_next(request)
        resp.headers.update(SECURITY_HEADERS)
        if not request.url.path.startswith("/static/"):
            resp.headers["Cache-Control"] = "no-store"
        return resp
    return guard
