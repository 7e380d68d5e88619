"""Who is calling the JSON API: a session cookie (with its CSRF token for writes), or a personal
API token (``Authorization: Bearer lxb_...``: no cookie, no CSRF token, its scopes checked).

Reads: the request's ``Authorization`` header and session cookie; the store through
``pipeline.review.tokens``. Writes: a token's ``last_used``.
"""
from __future__ import annotations

from dataclasses import dataclass

from fastapi import Request

from pipeline.review import tokens
from pipeline.review.web import HTTPError, Web, off_loop


@dataclass
class Caller:
    user: dict
    session: object | None = None  # the cookie session; None for a token
    token_scopes: frozenset = frozenset()

    @property
    def by_token(self) -> bool:
        return self.session is None


def _challenge(error: str | None = None, scope: str | None = None) -> dict:
    parts = ['Bearer realm="lexbench"'] + ([f'error="{error}"'] if error else []) + \
        ([f'scope="{scope}"'] if scope else [])
    return {"WWW-Authenticate": ", ".join(parts)}


async def api_caller(request: Request, scope: str = "read") -> Caller:
    """The caller of an /api/* route needing ``scope`` (``read`` or ``review``): 401 without
    valid credentials, 403 for a token lacking the scope or a cookie write without CSRF token."""
    w: Web = request.app.state.web
    header = request.headers.get("authorization")
    if header is not None:
        kind, _, value = header.partition(" ")
        if kind.lower() != "bearer" or not value.strip():
            raise HTTPError(401, "send Authorization: Bearer <token>", headers=_challenge("invalid_request"))
        found = await off_loop(tokens.authenticate_token, w.cfg.db_url, value.strip())
        if found is None:
            raise HTTPError(401, "invalid, expired or revoked token", headers=_challenge("invalid_token"))
        user, scopes = found
        if scope not in scopes:
            raise HTTPError(403, f"this token lacks the {scope!r} scope",
                            headers=_challenge("insufficient_scope", scope))
        return Caller(user=user, token_scopes=frozenset(scopes))
    user, sess = await w.current(request)
    if scope != "read":
        w.check_csrf(request, sess)
    return Caller(user=user, session=sess)


async def session_caller(request: Request, write: bool = True) -> Caller:
    """A logged-in browser session only (making a token needs one: a token cannot make tokens)."""
    if request.headers.get("authorization") is not None:
        raise HTTPError(403, "log in with a password to manage tokens; a token cannot")
    w: Web = request.app.state.web
    user, sess = await w.current(request)
    if write:
        w.check_csrf(request, sess)
    return Caller(user=user, session=sess)
