"""The review app's terminology API: a provision's flags with the decisions in force, and a
reviewer's decision on one flag and its suggested replacement.

Reads/Writes: the store through ``terms`` (off the event loop).
"""
from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi import Path as PathParam

from pipeline.review import service, terms
from pipeline.review.web import MAX_ID, HTTPError, Web, off_loop

router = APIRouter()


@router.get("/api/provisions/{pid}/terms")
async def api_terms(request: Request, pid: int = PathParam(ge=1, le=MAX_ID)):
    w: Web = request.app.state.web
    user, _ = await w.current(request)
    blind = w.cfg.overlap > 1 and user["role"] != "admin"
    try:
        return {"flags": await off_loop(terms.term_view, w.cfg.db_url, pid, user["id"], blind)}
    except terms.NoProvision as exc:
        raise HTTPError(404, str(exc)) from None


@router.post("/api/provisions/{pid}/terms")
async def api_term_review(request: Request, pid: int = PathParam(ge=1, le=MAX_ID)):
    w: Web = request.app.state.web
    user, sess = await w.current(request)
    w.check_csrf(request, sess)
    body = await w.json_body(request)
    try:
        return await off_loop(terms.submit_term_review, w.cfg.db_url, pid, user["id"], body,
                              service.guideline_version(w.cfg.guidelines), "web")
    except terms.InvalidTermReview as exc:
        raise HTTPError(422, str(exc)) from None
    except terms.NoProvision as exc:
        raise HTTPError(404, str(exc)) from None
