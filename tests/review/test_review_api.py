"""The review web app's JSON API and pages, on SQLite and PostgreSQL: auth, CSRF, 409/422, escaping."""
from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from pipeline.review.app import AppConfig, create_app
from pipeline.store.schema import Review
from pipeline.store import session_scope

PASSWORD = "correct horse battery"


@pytest.fixture
def app_cfg(seeded, tmp_path):
    guide = tmp_path / "GUIDELINES.md"
    guide.write_text("# Guidelines\nMark <b>partial</b> when a condition narrows the offence.\n")
    return AppConfig(db_url=seeded["url"], secret=b"k" * 32, guidelines=guide, login_limit=3)


@pytest.fixture
def client(app_cfg):
    with TestClient(create_app(app_cfg)) as c:
        yield c


def login(client, name="alice", password=PASSWORD) -> str:
    r = client.post("/api/login", json={"username": name, "password": password})
    assert r.status_code == 200, r.text
    return r.json()["csrf_token"]


def review(client, csrf, pid, version, labels=(), decision="edit", **extra):
    headers = {"X-CSRF-Token": csrf} if csrf else {}
    return client.post(f"/api/provisions/{pid}/review", headers=headers,
                       json={"labels": list(labels), "decision": decision, "version": version, **extra})


PROTECTED_GET = ["/", "/review", "/queue", "/guidelines", "/admin/agreement", "/review/1",
                 "/api/queue", "/api/provisions/1", "/api/me"]


@pytest.mark.parametrize("path", PROTECTED_GET)
def test_every_route_needs_login(client, path):
    r = client.get(path, follow_redirects=False)
    if path.startswith("/api/"):
        assert r.status_code == 401
    else:
        assert r.status_code == 303 and r.headers["location"] == "/login"


def test_state_changing_routes_need_login(client, seeded):
    pid = seeded["ids"]["sec_1"]
    assert review(client, "x", pid, 0).status_code == 401
    assert client.post("/api/undo", json={}).status_code == 401
    assert client.post("/api/logout").status_code == 401
    with session_scope(seeded["url"]) as s:
        assert s.scalars(select(Review)).first() is None


def test_forged_or_expired_cookie_is_refused(client):
    client.cookies.set("lexbench_session", "eyJ1IjoxLCJjIjoieCIsImUiOjk5OTk5OTk5OTl9.forged")
    assert client.get("/api/queue").status_code == 401


def test_login_cookie_flags_and_security_headers(client):
    r = client.post("/api/login", json={"username": "alice", "password": PASSWORD})
    cookie = r.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=lax" in cookie
    page = client.get("/queue")
    csp = page.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert page.headers["x-content-type-options"] == "nosniff"
    assert page.headers["x-frame-options"] == "DENY"
    assert page.headers["cache-control"] == "no-store"


def test_wrong_password_then_rate_limit(client):
    for _ in range(3):
        assert client.post("/api/login", json={"username": "alice", "password": "wrong guess"}).status_code == 401
    # blocked now, even with the right password
    assert client.post("/api/login", json={"username": "alice", "password": PASSWORD}).status_code == 429


def test_login_form_needs_its_csrf_token(client):
    r = client.post("/login", data={"username": "alice", "password": PASSWORD}, follow_redirects=False)
    assert r.status_code == 403
    page = client.get("/login")
    import re

    token = re.search(r'name="csrf" value="([^"]+)"', page.text).group(1)
    # a wrong password gives the form again (401, the error shown) with a fresh token that works
    again = client.post("/login", data={"username": "alice", "password": "wrong guess", "csrf": token})
    assert again.status_code == 401 and "wrong user name or password" in again.text
    fresh = re.search(r'name="csrf" value="([^"]+)"', again.text).group(1)
    assert fresh != token  # and the login below passes only if the cookie carries it too
    token = fresh
    r = client.post("/login", data={"username": "alice", "password": PASSWORD, "csrf": token}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/review"
    assert client.get("/api/me").json()["user"]["username"] == "alice"


def test_json_login_needs_json(client):
    r = client.post("/api/login", data={"username": "alice", "password": PASSWORD})
    assert r.status_code == 415


def test_queue_and_provision(client, seeded):
    login(client)
    items = client.get("/api/queue?limit=3").json()["items"]
    assert len(items) == 3 and items[0]["id"] == seeded["ids"]["sec_7"]
    p = client.get(f"/api/provisions/{seeded['ids']['sec_1']}").json()
    assert p["version"] == 0 and p["current"] is None
    assert p["context"][0]["eid"] == "part_1"
    sugg = {s["id"]: s for s in p["suggestions"]}
    assert sugg["csam_distribution"]["preselected"] and sugg["csam_distribution"]["score"] == 0.92
    assert sugg["csam_distribution"]["evidence"] == "distributes"
    assert p["model"] == {"name": "test-model", "version": "1"}
    assert client.get("/api/provisions/999999").status_code == 404


def test_review_200_then_409_with_newer_decision(client, seeded):
    pid = seeded["ids"]["sec_1"]
    csrf = login(client)
    both = [{"id": "csam_distribution", "coverage": "full"}, {"id": "csam_transmission", "coverage": "full"}]
    r = review(client, csrf, pid, 0, both, "accept", comment="ok")
    assert r.status_code == 200 and r.json()["version"] == 1 and r.json()["decision"] == "accept"
    r = review(client, csrf, pid, 0, [], "reject")
    assert r.status_code == 409
    cur = r.json()["current"]
    assert cur["version"] == 1 and cur["current"]["decision"] == "accept" and cur["current"]["reviewer"] == "alice"
    p = client.get(f"/api/provisions/{pid}").json()
    assert p["current"]["labels"] == both


@pytest.mark.parametrize("body", [
    {"labels": [{"id": "csam_everything", "coverage": "full"}], "decision": "edit", "version": 0},
    {"labels": [{"id": "grooming", "coverage": "half"}], "decision": "edit", "version": 0},
    {"labels": [{"id": "grooming", "coverage": "full"}], "decision": "reject", "version": 0},
    {"labels": [], "decision": "approve", "version": 0},
    {"labels": [], "decision": "reject", "version": "0"},
    {"labels": {"id": "grooming"}, "decision": "edit", "version": 0},
])
def test_bad_labels_422(client, seeded, body):
    csrf = login(client)
    r = client.post(f"/api/provisions/{seeded['ids']['sec_4']}/review", headers={"X-CSRF-Token": csrf}, json=body)
    assert r.status_code == 422, r.text


def test_csrf_is_required(client, seeded):
    pid = seeded["ids"]["sec_1"]
    csrf = login(client)
    assert review(client, None, pid, 0, [], "reject").status_code == 403
    assert review(client, csrf + "x", pid, 0, [], "reject").status_code == 403
    # a token from another session is no good either
    other = TestClient(client.app)
    other_csrf = login(other, "bob")
    assert review(client, other_csrf, pid, 0, [], "reject").status_code == 403
    assert client.post("/api/undo", json={}).status_code == 403
    # cross-site origin refused even with the token
    r = client.post(f"/api/provisions/{pid}/review", headers={"X-CSRF-Token": csrf, "Origin": "https://evil.example"},
                    json={"labels": [], "decision": "reject", "version": 0})
    assert r.status_code == 403
    with session_scope(seeded["url"]) as s:
        assert s.scalars(select(Review)).first() is None
    assert review(client, csrf, pid, 0, [], "reject").status_code == 200


def test_statute_text_is_escaped(client, seeded):
    login(client)
    html = client.get(f"/review/{seeded['ids']['sec_7']}").text
    assert "<script>document.title" not in html and "<b>bold</b>" not in html
    import html as htmlmod
    import re

    import review_seed

    div = re.search(r'<div id="provision-text" class="provision">(.*?)</div>', html, re.S).group(1)
    tags = re.findall(r"<[^>]+>", div)
    assert tags and all(re.fullmatch(r'<mark class="[a-z_ ]+" title="[^"<>]*">|</mark>', t) for t in tags)
    assert htmlmod.unescape(re.sub(r"<[^>]+>", "", div)) == review_seed.SCRIPT_TEXT
    assert "&lt;/script&gt;" in div and "&lt;b&gt;bold&lt;/b&gt;" in div
    assert html.count("<script") == 1 and '<script src="/static/review.js" defer></script>' in html
    g = client.get("/guidelines").text
    assert "&lt;b&gt;partial&lt;/b&gt;" in g


def test_review_page_preselects_and_highlights(client, seeded):
    login(client)
    html = client.get(f"/review/{seeded['ids']['sec_2']}").text
    assert '<mark class="term replace_unless_legal_term" title="Replace with: child sexual abuse material' in html
    assert '<mark class="evidence" title="Evidence for csam_possession">possesses</mark>' in html
    assert 'id="c-csam_possession" name="conduct" value="csam_possession">' in html  # 0.48 < 0.5: not pre-selected
    html1 = client.get(f"/review/{seeded['ids']['sec_1']}").text
    assert 'value="csam_distribution" checked>' in html1 and 'value="csam_transmission" checked>' in html1


def test_undo_and_recent(client, seeded):
    csrf = login(client)
    pid = seeded["ids"]["sec_3"]
    assert review(client, csrf, pid, 0, [], "reject").status_code == 200
    assert client.get("/api/me").json()["recent"][0]["provision_id"] == pid
    r = client.post("/api/undo", headers={"X-CSRF-Token": csrf}, json={})
    assert r.status_code == 200 and r.json() == {"provision_id": pid, "version": 2, "undone_review_id": 1}
    assert client.get(f"/api/provisions/{pid}").json()["current"] is None
    assert client.post("/api/undo", headers={"X-CSRF-Token": csrf}, json={}).status_code == 404


def test_admin_agreement_page(client, seeded, app_cfg):
    pid = seeded["ids"]["sec_4"]
    csrf = login(client)
    assert client.get("/admin/agreement").status_code == 403
    app_cfg.overlap = 2
    assert review(client, csrf, pid, 0, [{"id": "grooming", "coverage": "partial"}], "accept").status_code == 200
    bob = TestClient(client.app)
    bob_csrf = login(bob, "bob")
    # with overlap, bob decides blind: alice's labels are neither shown nor pre-selected
    bob_page = bob.get(f"/review/{pid}").text
    assert 'id="current"' not in bob_page and 'value="grooming" checked>' in bob_page  # 0.62 suggestion only
    assert review(bob, bob_csrf, pid, 1, [], "reject").status_code == 200
    root = TestClient(client.app)
    login(root, "root")
    page = root.get("/admin/agreement")
    assert page.status_code == 200
    assert "1 provisions reviewed by two or more reviewers; 0 unanimous, 1 in conflict" in page.text
    assert "grooming (partial)" in page.text and "no conduct" in page.text
    # the adjudication view groups both versions; the admin's decision becomes current
    review_page = root.get(f"/review/{pid}").text
    assert 'id="versions"' in review_page and "alice: <strong>accept</strong> [grooming]" in review_page
    assert "bob: <strong>reject</strong> [no conduct]" in review_page
    assert 'id="versions"' not in client.get(f"/review/{pid}").text  # reviewers do not see the others' versions list
    root_csrf = root.get("/api/me").json()["csrf_token"]
    assert review(root, root_csrf, pid, 2, [{"id": "grooming", "coverage": "full"}], "edit").status_code == 200
    assert root.get(f"/api/provisions/{pid}").json()["current"]["reviewer"] == "root"


def test_oversized_body_refused(client, seeded):
    csrf = login(client)
    r = client.post(f"/api/provisions/{seeded['ids']['sec_1']}/review", headers={"X-CSRF-Token": csrf},
                    content=b"{" + b" " * 70000 + b"}", )
    assert r.status_code == 413
