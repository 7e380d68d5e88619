"""Personal API tokens over the JSON API (a logged-in session makes, lists and revokes its own),
and the API's OpenAPI document and reference page (for a session or any valid token).

Reads/Writes: ``api_tokens`` through ``pipeline.review.tokens`` (off the event loop).
"""
from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, JSONResponse

from pipeline.review import tokens
from pipeline.review.api_auth import api_caller, session_caller
from pipeline.review.openapi import TOKEN_BODY, api_document, docs_page
from pipeline.review.web import HTTPError, Web, off_loop

router = APIRouter()


@router.post("/api/tokens", openapi_extra=TOKEN_BODY, status_code=201)
async def api_token_create(request: Request):
    """Make a personal API token for the logged-in user; the token is in this response only."""
    w: Web = request.app.state.web
    caller = await session_caller(request)
    body = await w.json_body(request)
    days = body.get("expires_days")
    if days is not None and (isinstance(days, bool) or not isinstance(days, int)):
        raise HTTPError(422, "expires_days must be an integer")
    try:
        token, row = await off_loop(tokens.create_token, w.cfg.db_url, caller.user["id"], str(body.get("name", "")),
                                    body.get("scopes") or [], days)
    except ValueError as exc:
        raise HTTPError(422, str(exc)) from None
    return JSONResponse({"token": token, **tokens.describe(row)}, status_code=201)


@router.get("/api/tokens")
async def api_token_list(request: Request):
    """The logged-in user's tokens (prefix, name, scopes, created, expires, last used, status); never the secrets."""
    w: Web = request.app.state.web
    caller = await session_caller(request, write=False)
    return {"tokens": [tokens.describe(r) for r in await off_loop(tokens.list_tokens, w.cfg.db_url, caller.user["id"])]}


@router.post("/api/tokens/{prefix}/revoke")
async def api_token_revoke(request: Request, prefix: str):
    """Revoke one of the logged-in user's tokens: it fails with 401 from then on."""
    w: Web = request.app.state.web
    caller = await session_caller(request)
    if not await off_loop(tokens.revoke_token, w.cfg.db_url, prefix, caller.user["id"]):
        raise HTTPError(404, f"no live token {prefix!r} of yours")
    return {"prefix": prefix, "revoked": True}


@router.get("/openapi.json", include_in_schema=False)
@router.get("/api/openapi.json", include_in_schema=False)
async def openapi_json(request: Request):
    await api_caller(request, "read")
    return JSONResponse(api_document(request.app))


@router.get("/docs", include_in_schema=False)
@router.get("/api/docs", include_in_schema=False)
async def openapi_docs(request: Request):
    await api_caller(request, "read")
    return HTMLResponse(docs_page(api_document(request.app)))
