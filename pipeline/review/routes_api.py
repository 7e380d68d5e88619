"""The review app's JSON API: login/logout, me, queue, one provision, review, undo; and the
admin's account actions (unlock, revoke sessions, deactivate/activate).

A script calls it with a personal API token (``Authorization: Bearer``, scopes ``read`` and
``review``: ``api_auth``) instead of the session cookie and CSRF token; admin actions and
logout need a session. Reads/Writes: the store through ``service`` (off the event loop).
"""
from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi import Path as PathParam
from fastapi.responses import JSONResponse

from pipeline.review import service
from pipeline.review.api_auth import api_caller
from pipeline.review.openapi import LOGIN_BODY, REVIEW_BODY, UNDO_BODY
from pipeline.review.web import (
    MAX_ID,
    HTTPError,
    Web,
    blind_view,
    bounded_int,
    off_loop,
    queue_filter,
)

router = APIRouter()


@router.post("/api/login", openapi_extra=LOGIN_BODY)
async def api_login(request: Request):
    """Log in with a password: sets the session cookie and returns the CSRF token for writes."""
    w: Web = request.app.state.web
    body = await w.json_body(request)
    user = await w.login_attempt(request, str(body.get("username", "")), str(body.get("password", "")))
    made = w.signer.new_session(user["id"], w.sessions.open(user["id"]))
    resp = JSONResponse({"user": user, "csrf_token": made[1].csrf})
    w.set_session(resp, user["id"], made)
    return resp


@router.post("/api/logout")
async def api_logout(request: Request):
    """End the session."""
    w: Web = request.app.state.web
    return await w.logout(request, JSONResponse({"ok": True}))


@router.get("/api/me")
async def api_me(request: Request):
    """The caller, the session's CSRF token (none for a token) and their latest decisions. Scope: read."""
    w: Web = request.app.state.web
    caller = await api_caller(request, "read")
    user = caller.user
    return {"user": user, "csrf_token": None if caller.by_token else caller.session.csrf,
            "recent": await off_loop(service.recent_decisions, w.cfg.db_url, user["id"])}


@router.get("/api/queue")
async def api_queue(request: Request, limit: int = 20, order: str | None = None, statute: str = "",
                    jurisdiction: str = "", conduct: str = "", status: str = "todo", reviewer: str = ""):
    """The caller's next provisions to review, most uncertain first (``order``); the queue page's
    filters (statute id, jurisdiction, conduct, status, reviewer) apply. Scope: read."""
    w: Web = request.app.state.web
    user = (await api_caller(request, "read")).user
    limit = max(1, min(limit, 1000))
    f = queue_filter(statute, jurisdiction, conduct, status, reviewer)
    return {"items": await off_loop(service.queue, w.cfg.db_url, user["id"], limit=limit, order=order or w.cfg.order,
                                   overlap=w.cfg.overlap, threshold=w.cfg.threshold, filters=f,
                                   blind=w.cfg.overlap > 1 and user["role"] != "admin")}


@router.get("/api/provisions/{pid}")
async def api_provision(request: Request, pid: int = PathParam(ge=1, le=MAX_ID)):
    """One provision: text, context, suggestions and (when not blind) reviews. Scope: read."""
    w: Web = request.app.state.web
    user = (await api_caller(request, "read")).user
    try:
        view = await off_loop(service.provision_view, w.cfg.db_url, pid, w.cfg.threshold)
    except service.NotFound as exc:
        raise HTTPError(404, str(exc)) from None
    return blind_view(view, user, w.cfg.overlap)


@router.post("/api/provisions/{pid}/review", openapi_extra=REVIEW_BODY)
async def api_review(request: Request, pid: int = PathParam(ge=1, le=MAX_ID)):
    """Record a decision on a provision at the version the caller saw (409 if it changed). Scope: review."""
    w: Web = request.app.state.web
    caller = await api_caller(request, "review")
    user = caller.user
    body = await w.json_body(request)
    try:
        return await off_loop(service.submit_review, w.cfg.db_url, pid, user["id"], body.get("labels", []),
                                     str(body.get("decision", "")), bounded_int(body.get("version"), "version"),
                                     comment=body.get("comment") if isinstance(body.get("comment"), str) else None,
                                     seconds=body.get("seconds"), source="api" if caller.by_token else "web",
                                     threshold=w.cfg.threshold)
    except service.InvalidReview as exc:
        raise HTTPError(422, str(exc)) from None
    except service.NotFound as exc:
        raise HTTPError(404, str(exc)) from None
    except service.Stale as exc:
        raise HTTPError(409, str(exc), {"current": blind_view(exc.current, user, w.cfg.overlap)}) from None


@router.post("/api/undo", openapi_extra=UNDO_BODY)
async def api_undo(request: Request):
    """Withdraw the caller's latest decision (or ``review_id``). Scope: review."""
    w: Web = request.app.state.web
    user = (await api_caller(request, "review")).user
    body = await w.json_body(request)
    rid = body.get("review_id")
    try:
        res = await off_loop(service.undo, w.cfg.db_url, user["id"], bounded_int(rid, "review_id"))
    except service.InvalidReview as exc:
        raise HTTPError(422, str(exc)) from None
    except service.Stale:
        raise HTTPError(409, "the provision changed meanwhile; reload it") from None
    if res is None:
        raise HTTPError(404, "nothing to undo")
    return res

# -- admin: unlock, revoke, deactivate ---------------------------------------------------
@router.post("/api/admin/users/{username}/{action}")
async def api_admin_user(request: Request, username: str, action: str):
    """An admin's account action: unlock, revoke (its sessions), deactivate or activate."""
    w: Web = request.app.state.web
    await w.admin(request)
    target = await off_loop(service.user_named, w.cfg.db_url, username)
    if target is None:
        raise HTTPError(404, f"no user {username!r}")
    out = {"username": username, "action": action}
    if action == "unlock":
        out["cleared"] = w.limiter.unlock(username)
    elif action == "revoke":
        out["revoked_sessions"] = w.sessions.revoke_user(target["id"])
    elif action in ("deactivate", "activate"):
        await off_loop(service.set_user_active, w.cfg.db_url, username, action == "activate")
        out["revoked_sessions"] = w.sessions.revoke_user(target["id"]) if action == "deactivate" else 0
    else:
        raise HTTPError(404, "actions: unlock, revoke, deactivate, activate")
    return out

