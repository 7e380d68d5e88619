"""The review app's terminology API: a provision's flags with the decisions in force, and a
reviewer's decision on one flag and its suggested replacement.

Reads/Writes: the store through ``terms`` (off the event loop).
"""
from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi import Path as PathParam

from pipeline.review import service, terms
from pipeline.review.api_auth import api_caller
from pipeline.review.openapi import TERM_BODY
from pipeline.review.web import MAX_ID, HTTPError, Web, off_loop

router = APIRouter()


@router.get("/api/provisions/{pid}/terms")
async def api_terms(request: Request, pid: int = PathParam(ge=1, le=MAX_ID)):
    """A provision's terminology flags, each with the decision in force (when not blind). Scope: read."""
    w: Web = request.app.state.web
    user = (await api_caller(request, "read")).user
    blind = w.cfg.overlap > 1 and user["role"] != "admin"
    try:
        return {"flags": await off_loop(terms.term_view, w.cfg.db_url, pid, user["id"], blind)}
    except terms.NoProvision as exc:
        raise HTTPError(404, str(exc)) from None


@router.post("/api/provisions/{pid}/terms", openapi_extra=TERM_BODY)
async def api_term_review(request: Request, pid: int = PathParam(ge=1, le=MAX_ID)):
    """Accept or reject one terminology flag and its suggested replacement. Scope: review."""
    w: Web = request.app.state.web
    caller = await api_caller(request, "review")
    body = await w.json_body(request)
    try:
        return await off_loop(terms.submit_term_review, w.cfg.db_url, pid, caller.user["id"], body,
                              service.guideline_version(w.cfg.guidelines), "api" if caller.by_token else "web")
    except terms.InvalidTermReview as exc:
        raise HTTPError(422, str(exc)) from None
    except terms.NoProvision as exc:
        raise HTTPError(404, str(exc)) from None
