"""The JSON API's OpenAPI document and its reference page, for logged-in users and tokens only.

Reads: the app's routes (FastAPI's generator) for the ``/api/*`` paths. Writes: nothing;
``api_document`` returns the OpenAPI 3.1 document with how each operation authenticates (a
Bearer token with its scope, or the session cookie plus ``X-CSRF-Token`` for writes) and the
request bodies the handlers read; ``docs_page`` renders it as a page without scripts (the
app's CSP allows none inline, and Swagger UI would come from a CDN the server may not reach).
"""
from __future__ import annotations

import html
import json

from pipeline.records import CONDUCT_IDS


def _body(schema: dict, example: dict) -> dict:
    return {"requestBody": {"required": True, "content": {"application/json": {"schema": schema,
                                                                                "example": example}}}}


LABEL = {"type": "object", "required": ["id", "coverage"], "additionalProperties": False,
         "properties": {"id": {"type": "string", "enum": list(CONDUCT_IDS)},
                        "coverage": {"type": "string", "enum": ["full", "partial"]}}}
REVIEW_BODY = _body({"type": "object", "required": ["labels", "decision", "version"], "properties": {
    "labels": {"type": "array", "items": LABEL, "description": "the final label set (empty: no conduct)"},
    "version": {"type": "integer", "minimum": 0, "description": "the provision version the decision was made on"},
    "decision": {"type": "string", "enum": ["accept", "reject", "edit"],
                 "description": "what the reviewer meant; stored exactly (accept only when the "
                                "suggestion is kept unchanged)"},
    "comment": {"type": "string"}, "seconds": {"type": "number", "minimum": 0}}},
    {"labels": [{"id": "csam_possession", "coverage": "full"}], "decision": "accept", "version": 0,
     "comment": "s. 1(1)(c)"})
TERM_BODY = _body({"type": "object", "required": ["rule", "term", "start", "decision"], "properties": {
    "rule": {"type": "string"}, "term": {"type": "string"},
    "start": {"type": "integer", "description": "the flag's offset in the provision's text"},
    "decision": {"type": "string", "enum": ["accept", "reject"], "description": "is the term outdated here"},
    "replacement_decision": {"type": "string", "enum": ["accept", "edit", "reject"],
                             "description": "with an accepted flag: keep a suggested replacement, give your own, "
                                            "or none (stored exactly: an edit equal to a suggestion is an accept)"},
    "replacement": {"type": "string", "maxLength": 200}, "comment": {"type": "string"}}},
    {"rule": "en-cp", "term": "child pornography", "start": 23, "decision": "accept",
     "replacement_decision": "accept", "replacement": "child sexual abuse material"})
UNDO_BODY = _body({"type": "object", "properties": {"review_id": {"type": "integer", "minimum": 0}}}, {})
LOGIN_BODY = _body({"type": "object", "required": ["username", "password"], "properties": {
    "username": {"type": "string"}, "password": {"type": "string", "format": "password"}}},
    {"username": "ana", "password": "..."})
TOKEN_BODY = _body({"type": "object", "required": ["name", "scopes"], "properties": {
    "name": {"type": "string", "minLength": 1, "maxLength": 64},
    "scopes": {"type": "array", "items": {"type": "string", "enum": ["read", "review"]}, "minItems": 1},
    "expires_days": {"type": "integer", "minimum": 1, "maximum": 3650}}},
    {"name": "notebook", "scopes": ["read"], "expires_days": 90})

# (method, path) -> the token scope it needs; every other /api/* operation needs a session
TOKEN_SCOPE = {("get", "/api/me"): "read", ("get", "/api/queue"): "read", ("get", "/api/provisions/{pid}"): "read",
               ("post", "/api/provisions/{pid}/review"): "review", ("post", "/api/undo"): "review",
               ("get", "/api/provisions/{pid}/terms"): "read", ("post", "/api/provisions/{pid}/terms"): "review"}
SCHEMES = {"bearerToken": {"type": "http", "scheme": "bearer", "bearerFormat": "lxb_<prefix>_<secret>",
                           "description": "personal API token (`lexbench tokens create`); scopes read, review"},
           "sessionCookie": {"type": "apiKey", "in": "cookie", "name": "lexbench_session"},
           "csrfHeader": {"type": "apiKey", "in": "header", "name": "X-CSRF-Token",
                          "description": "the session's CSRF token (GET /api/me), on every write"}}


def api_document(app) -> dict:
    """OpenAPI 3.1 for the ``/api/*`` routes, with each operation's authentication."""
    from fastapi.openapi.utils import get_openapi

    doc = get_openapi(title="lexbench review API", version=app.version, routes=app.routes,
                      description="Review decisions on lexbench's conduct suggestions, for scripts and notebooks. "
                                  "Authenticate with `Authorization: Bearer <token>`; no cookie or CSRF token "
                                  "is needed then.")
    doc["paths"] = {p: ops for p, ops in doc.get("paths", {}).items() if p.startswith("/api/")}
    components = doc.setdefault("components", {})
    components["schemas"] = _referenced(doc["paths"], components.get("schemas", {}))
    components["securitySchemes"] = SCHEMES
    for path, ops in doc.get("paths", {}).items():
        for method, op in ops.items():
            scope = TOKEN_SCOPE.get((method, path))
            cookie = {"sessionCookie": []} if method == "get" else {"sessionCookie": [], "csrfHeader": []}
            if path == "/api/login":
                op["security"] = []
            elif scope:
                op["security"] = [{"bearerToken": [scope]}, cookie]
                op["x-token-scope"] = scope
            else:
                op["security"] = [cookie]
    return doc


def _referenced(paths: dict, schemas: dict) -> dict:
    """The component schemas the paths use, directly or through each other (the HTML pages' form
    bodies left out with the pages)."""
    keep: dict = {}
    todo = list(_refs(paths))
    while todo:
        name = todo.pop().rsplit("/", 1)[-1]
        if name in schemas and name not in keep:
            keep[name] = schemas[name]
            todo.extend(_refs(schemas[name]))
    return dict(sorted(keep.items()))


def _refs(node):
    if isinstance(node, dict):
        for k, v in node.items():
            if k == "$ref" and isinstance(v, str):
                yield v
            else:
                yield from _refs(v)
    elif isinstance(node, list):
        for v in node:
            yield from _refs(v)


def docs_page(doc: dict) -> str:
    """The document as a plain HTML reference: each operation, its scope, parameters and body."""
    esc = html.escape
    out = [f"<!doctype html><html lang='en'><head><meta charset='utf-8'><title>{esc(doc['info']['title'])}</title>"
           "<link rel='stylesheet' href='/static/style.css'></head><body><main>",
           f"<h1>{esc(doc['info']['title'])}</h1><p>{esc(doc['info'].get('description', ''))}</p>",
           "<p>Machine-readable: <a href='/openapi.json'>/openapi.json</a>. Example: "
           "<code>curl -H 'Authorization: Bearer lxb_…' http://HOST/api/queue?limit=5</code></p>"]
    for path, ops in sorted(doc.get("paths", {}).items()):
        for method, op in ops.items():
            scope = op.get("x-token-scope")
            who = f"token scope <code>{esc(scope)}</code> or session" if scope else \
                ("no authentication" if op.get("security") == [] else "session only")
            out.append(f"<section><h2><code>{esc(method.upper())} {esc(path)}</code></h2>"
                       f"<p>{esc(op.get('description') or op.get('summary', ''))}</p><p>Authentication: {who}</p>")
            params = op.get("parameters") or []
            if params:
                out.append("<ul>" + "".join(f"<li><code>{esc(p['name'])}</code> ({esc(p['in'])})</li>"
                                            for p in params) + "</ul>")
            body = op.get("requestBody", {}).get("content", {}).get("application/json")
            if body:
                out.append(f"<pre>{esc(json.dumps(body.get('example', body['schema']), indent=2))}</pre>")
            out.append("</section>")
    out.append("</main></body></html>")
    return "".join(out)
