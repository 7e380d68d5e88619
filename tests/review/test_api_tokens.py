"""Personal API tokens and the OpenAPI document: scripts use /api/* with a Bearer token (no
cookie, no CSRF token), scoped, revocable, stored hashed; the docs only for the logged-in."""
from __future__ import annotations

import datetime as dt
import hashlib
import io
import json

import pytest
from fastapi.testclient import TestClient
from jsonschema import Draft202012Validator
from sqlalchemy import select

from pipeline.review.app import create_app
from pipeline.store import session_scope
from pipeline.store.schema import ApiToken, Review
from tests.review.test_review_api import PASSWORD, app_cfg, client, login  # noqa: F401  (fixtures)


def make_token(client, csrf, scopes=("read",), name="notebook", **extra):
    r = client.post("/api/tokens", headers={"X-CSRF-Token": csrf}, json={"name": name, "scopes": list(scopes), **extra})
    assert r.status_code == 201, r.text
    return r.json()


@pytest.fixture
def script(app_cfg):  # noqa: F811
    """A second client with no cookies: what a script or notebook is."""
    with TestClient(create_app(app_cfg)) as c:
        yield c


def bearer(token: str) -> dict:
    return {"Authorization": f"Bearer {token}"}


def test_token_is_shown_once_stored_hashed_and_reads_the_api_without_cookie(client, script, seeded):
    csrf = login(client)
    made = make_token(client, csrf, ["read"])
    token = made["token"]
    assert token.startswith(f"lxb_{made['prefix']}_") and len(token) > 40 and made["status"] == "active"
    listed = client.get("/api/tokens").json()["tokens"]
    assert [t["prefix"] for t in listed] == [made["prefix"]] and "token" not in listed[0]
    assert token not in json.dumps(listed)
    with session_scope(seeded["url"]) as s:
        row = s.scalars(select(ApiToken)).one()
        assert row.token_hash == hashlib.sha256(token.encode()).hexdigest() and row.last_used is None
    pid = seeded["ids"]["sec_1"]
    assert not script.cookies
    for path in ("/api/me", "/api/queue?limit=3", f"/api/provisions/{pid}"):
        r = script.get(path, headers=bearer(token))
        assert r.status_code == 200, (path, r.text)
    assert script.get("/api/me", headers=bearer(token)).json()["user"]["username"] == "alice"
    with session_scope(seeded["url"]) as s:
        assert s.scalars(select(ApiToken)).one().last_used is not None


def test_read_token_cannot_write_and_review_token_writes_without_csrf(client, script, seeded):
    csrf = login(client)
    pid = seeded["ids"]["sec_1"]
    body = {"labels": [{"id": "csam_possession", "coverage": "full"}], "decision": "edit", "version": 0}
    read = make_token(client, csrf, ["read"])["token"]
    r = script.post(f"/api/provisions/{pid}/review", headers=bearer(read), json=body)
    assert r.status_code == 403 and "review" in r.json()["detail"]
    assert "insufficient_scope" in r.headers["www-authenticate"]
    assert script.post("/api/undo", headers=bearer(read), json={}).status_code == 403
    with session_scope(seeded["url"]) as s:
        assert s.scalars(select(Review)).first() is None
    writer = make_token(client, csrf, ["review"], name="ci")["token"]
    r = script.post(f"/api/provisions/{pid}/review", headers=bearer(writer), json=body)
    assert r.status_code == 200, r.text
    assert script.get("/api/queue", headers=bearer(writer)).status_code == 200  # review includes read
    with session_scope(seeded["url"]) as s:
        rv = s.scalars(select(Review)).one()
        assert rv.source == "api" and rv.user_id == seeded["users"]["alice"]
    # a cookie write still needs its CSRF token
    assert client.post(f"/api/provisions/{pid}/review", json={**body, "version": 1}).status_code == 403


def test_revoked_expired_forged_and_deactivated_tokens_get_401(client, script, seeded):
    from pipeline.review import service

    csrf = login(client)
    made = make_token(client, csrf, ["read"])
    token = made["token"]
    assert script.get("/api/me", headers=bearer(token)).status_code == 200
    forged = token[:-4] + ("aaaa" if not token.endswith("aaaa") else "bbbb")
    for bad in (forged, "lxb_nothere_x", "not-a-token", ""):
        r = script.get("/api/me", headers={"Authorization": f"Bearer {bad}"})
        assert r.status_code == 401 and r.headers["www-authenticate"].startswith("Bearer")
    assert script.get("/api/me", headers={"Authorization": f"Basic {token}"}).status_code == 401
    r = client.post(f"/api/tokens/{made['prefix']}/revoke", headers={"X-CSRF-Token": csrf})
    assert r.status_code == 200 and r.json()["revoked"]
    r = script.get("/api/me", headers=bearer(token))
    assert r.status_code == 401 and "invalid_token" in r.headers["www-authenticate"]
    assert client.get("/api/tokens").json()["tokens"][0]["status"] == "revoked"
    # expired
    other = make_token(client, csrf, ["read"], name="short", expires_days=1)["token"]
    with session_scope(seeded["url"]) as s:
        for t in s.scalars(select(ApiToken)):
            t.expires = dt.datetime(2000, 1, 1)
    assert script.get("/api/me", headers=bearer(other)).status_code == 401
    # a deactivated user's token
    third = make_token(client, csrf, ["read"], name="third")["token"]
    service.set_user_active(seeded["url"], "alice", False)
    assert script.get("/api/me", headers=bearer(third)).status_code == 401


def test_only_a_logged_in_session_manages_tokens(client, script, seeded):
    assert script.post("/api/tokens", json={"name": "x", "scopes": ["read"]}).status_code == 401
    csrf = login(client)
    assert client.post("/api/tokens", json={"name": "x", "scopes": ["read"]}).status_code == 403  # no CSRF
    token = make_token(client, csrf, ["review"])["token"]
    r = script.post("/api/tokens", headers=bearer(token), json={"name": "x", "scopes": ["read"]})
    assert r.status_code == 403
    r = client.post("/api/tokens", headers={"X-CSRF-Token": csrf}, json={"name": "x", "scopes": ["admin"]})
    assert r.status_code == 422 and "scopes are read, review" in r.json()["detail"]
    # one user cannot revoke another's token
    prefix = client.get("/api/tokens").json()["tokens"][0]["prefix"]
    client.cookies.clear()
    bob_csrf = login(client, "bob")
    assert client.post(f"/api/tokens/{prefix}/revoke", headers={"X-CSRF-Token": bob_csrf}).status_code == 404
    assert script.get("/api/me", headers=bearer(token)).status_code == 200


EXPECTED_PATHS = {"/api/login", "/api/logout", "/api/me", "/api/queue", "/api/provisions/{pid}",
                  "/api/provisions/{pid}/review", "/api/provisions/{pid}/terms", "/api/undo", "/api/tokens", "/api/tokens/{prefix}/revoke",
                  "/api/admin/users/{username}/{action}"}


def _refs(node):
    if isinstance(node, dict):
        for k, v in node.items():
            if k == "$ref":
                yield v
            else:
                yield from _refs(v)
    elif isinstance(node, list):
        for v in node:
            yield from _refs(v)


def test_openapi_document_and_docs_only_for_the_logged_in_or_a_token(client, script, seeded):
    for path in ("/openapi.json", "/api/openapi.json"):
        r = script.get(path, follow_redirects=False)
        assert r.status_code == 401 and "paths" not in r.text
    r = script.get("/docs", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/login"
    assert script.get("/api/docs").status_code == 401
    csrf = login(client)
    token = make_token(client, csrf, ["read"])["token"]
    doc = json.loads(script.get("/openapi.json", headers=bearer(token)).text)
    assert doc == client.get("/api/openapi.json").json()
    assert doc["openapi"].startswith("3.") and doc["info"]["title"] == "lexbench review API"
    assert set(doc["paths"]) == EXPECTED_PATHS  # the API only: no HTML pages, no docs routes
    schemes = doc["components"]["securitySchemes"]
    assert schemes["bearerToken"] == {**schemes["bearerToken"], "type": "http", "scheme": "bearer"}
    assert doc["paths"]["/api/queue"]["get"]["x-token-scope"] == "read"
    review_op = doc["paths"]["/api/provisions/{pid}/review"]["post"]
    assert review_op["security"][0] == {"bearerToken": ["review"]}
    assert doc["paths"]["/api/tokens"]["post"]["security"] == [{"sessionCookie": [], "csrfHeader": []}]
    assert doc["paths"]["/api/login"]["post"]["security"] == []
    for path, ops in doc["paths"].items():
        for method, op in ops.items():
            assert op["responses"], (method, path)
            body = op.get("requestBody", {}).get("content", {}).get("application/json")
            if body:
                Draft202012Validator.check_schema(body["schema"])
                Draft202012Validator(body["schema"]).validate(body["example"])
    for ref in _refs(doc):
        assert ref.startswith("#/components/schemas/") and ref.rsplit("/", 1)[1] in doc["components"]["schemas"]
    page = client.get("/docs")
    assert page.status_code == 200 and "POST /api/provisions/{pid}/review" in page.text
    assert "<script" not in page.text and "token scope <code>review</code>" in page.text


def test_cli_creates_lists_and_revokes_tokens(seeded, cli, capsys, monkeypatch, app_cfg):  # noqa: F811
    url = seeded["url"]
    monkeypatch.setattr("sys.stdin", io.StringIO("wrong password\n"))
    assert cli("tokens", "create", "--db", url, "--user", "alice", "--name", "nb") == 2
    capsys.readouterr()
    monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORD + "\n"))
    assert cli("tokens", "create", "--db", url, "--user", "alice", "--name", "nb", "--scope", "read,review") == 0
    out, err = capsys.readouterr()
    token = out.strip()
    assert token.startswith("lxb_") and "shown once" in err and token not in err
    assert cli("tokens", "list", "--db", url, "--format", "json") == 0
    (row,) = json.loads(capsys.readouterr().out)
    assert row["user"] == "alice" and row["scopes"] == ["read", "review"] and row["status"] == "active"
    assert token not in json.dumps(row)
    with TestClient(create_app(app_cfg)) as c:
        assert c.get("/api/me", headers=bearer(token)).status_code == 200
        assert cli("tokens", "revoke", row["prefix"], "--db", url) == 0
        assert c.get("/api/me", headers=bearer(token)).status_code == 401
    assert cli("tokens", "revoke", row["prefix"], "--db", url) == 2
