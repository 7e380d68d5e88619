"""Issue 17 (2-5, 7): the review server under abuse: chunked bodies, stalls, lockout,
blind overlap, revocable sessions, deactivation, password policy, bounded ids, Host check."""
from __future__ import annotations

import asyncio
import time

import httpx
import pytest
from fastapi.testclient import TestClient

from pipeline.review import auth, service
from pipeline.review.app import AppConfig, create_app

PASSWORD = "correct horse battery"
HUGE = 2**70


def make(seeded, address="10.0.0.1", **kw):
    cfg = AppConfig(db_url=seeded["url"], secret=b"k" * 32, login_limit=3, **kw)
    return cfg, TestClient(create_app(cfg), client=(address, 5000))


def login(c, name="alice", password=PASSWORD):
    r = c.post("/api/login", json={"username": name, "password": password})
    assert r.status_code == 200, r.text
    return r.json()["csrf_token"]


def test_a_chunked_body_is_cut_off_at_the_limit(seeded):
    _, c = make(seeded)

    def chunks():
        for _ in range(80):  # 5 MiB without a Content-Length
            yield b" " * 65536

    r = c.post("/api/login", content=chunks(), headers={"Content-Type": "application/json"})
    assert r.status_code == 413 and "content-length" not in {k.lower() for k in r.request.headers}


def test_blocking_database_work_does_not_stall_other_requests(seeded, monkeypatch):
    cfg, c = make(seeded)
    csrf = login(c)
    real = service.queue

    def slow_queue(*a, **kw):
        time.sleep(1.5)
        return real(*a, **kw)

    monkeypatch.setattr(service, "queue", slow_queue)

    async def both():
        transport = httpx.ASGITransport(app=c.app)
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver",
                                     cookies=dict(c.cookies)) as ac:
            t0 = time.perf_counter()

            async def timed(coro):
                r = await coro
                return r, time.perf_counter() - t0

            slow, fast = await asyncio.gather(timed(ac.get("/api/queue")), timed(ac.get("/login")))
            return slow, fast

    (slow, t_slow), (fast, t_fast) = asyncio.run(both())
    assert slow.status_code == 200, slow.text
    assert fast.status_code == 200 and t_fast < 1.0 < t_slow


def test_guessing_from_one_address_never_locks_the_real_user_out(seeded):
    cfg, attacker = make(seeded, "203.0.113.9")
    for _ in range(3):
        assert attacker.post("/api/login", json={"username": "alice", "password": "wrong guess"}).status_code == 401
    r = attacker.post("/api/login", json={"username": "alice", "password": "wrong guess"})
    assert r.status_code == 429 and int(r.headers["retry-after"]) >= 1
    # the same app, the real user from her own address: not locked out
    real = TestClient(attacker.app, client=("198.51.100.7", 5000))
    assert real.post("/api/login", json={"username": "alice", "password": PASSWORD}).status_code == 200
    # another user behind the attacker's address is not locked out either
    assert attacker.post("/api/login", json={"username": "bob", "password": PASSWORD}).status_code == 200
    # an admin unlocks alice for the attacker's address too (e.g. it was her own typo)
    admin = TestClient(attacker.app, client=("198.51.100.8", 5000))
    csrf = login(admin, "root")
    r = admin.post("/api/admin/users/alice/unlock", headers={"X-CSRF-Token": csrf})
    assert r.status_code == 200 and r.json()["cleared"] == 1
    assert attacker.post("/api/login", json={"username": "alice", "password": PASSWORD}).status_code == 200


def test_backoff_doubles_and_expires():
    lim = auth.RateLimiter(limit=2, window=300, backoff=10)
    lim.fail("a", "u")
    assert lim.retry_after("a", "u") == 0
    lim.fail("a", "u")
    assert 9 < lim.retry_after("a", "u") <= 10
    lim.fail("a", "u")
    assert 19 < lim.retry_after("a", "u") <= 20
    assert lim.retry_after("b", "u") == 0


def test_sessions_end_at_logout_and_by_an_admin_and_at_deactivation(seeded):
    _, c = make(seeded)
    csrf = login(c)
    old = dict(c.cookies)
    assert c.post("/api/logout", headers={"X-CSRF-Token": csrf}).status_code == 200
    c.cookies.clear()
    c.cookies.update(old)  # the old cookie, replayed
    assert c.get("/api/me").status_code == 401

    login(c)
    admin = TestClient(c.app, client=("10.0.0.2", 5000))
    acsrf = login(admin, "root")
    assert admin.post("/api/admin/users/alice/revoke", headers={"X-CSRF-Token": acsrf}).json()["revoked_sessions"] == 1
    assert c.get("/api/me").status_code == 401

    login(c)
    assert admin.post("/api/admin/users/alice/deactivate", headers={"X-CSRF-Token": acsrf}).status_code == 200
    assert c.get("/api/me").status_code == 401
    assert c.post("/api/login", json={"username": "alice", "password": PASSWORD}).status_code == 401
    # reviewers cannot do any of this
    bob = TestClient(c.app, client=("10.0.0.3", 5000))
    bcsrf = login(bob, "bob")
    assert bob.post("/api/admin/users/root/revoke", headers={"X-CSRF-Token": bcsrf}).status_code == 403


def test_logout_from_the_page_form_checks_its_csrf_field_and_ends_the_session(seeded):
    _, c = make(seeded)
    csrf = login(c)
    old = dict(c.cookies)
    assert c.post("/logout", data={"csrf": "wrong"}, follow_redirects=False).status_code == 403
    assert c.get("/api/me").status_code == 200  # a refused logout leaves the session alone
    r = c.post("/logout", data={"csrf": csrf}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/login"
    assert 'lexbench_session=""' in r.headers["set-cookie"] or "Max-Age=0" in r.headers["set-cookie"]
    c.cookies.clear()
    c.cookies.update(old)  # the old cookie, replayed
    assert c.get("/api/me").status_code == 401


@pytest.mark.parametrize("password", ["12345678", "abcdefgh", "aaaaaaaa", "password", "87654321", "short"])
def test_weak_passwords_are_refused(seeded, password):
    with pytest.raises(ValueError):
        service.add_user(seeded["url"], "carol", password)


def test_ids_versions_and_nesting_beyond_limits_are_client_errors(seeded):
    _, c = make(seeded)
    csrf = login(c)
    pid = seeded["ids"]["sec_1"]
    assert c.get(f"/api/provisions/{HUGE}").status_code == 422
    assert c.get(f"/review/{HUGE}").status_code == 422
    h = {"X-CSRF-Token": csrf}
    r = c.post(f"/api/provisions/{pid}/review", headers=h, json={"labels": [], "decision": "reject", "version": HUGE})
    assert r.status_code == 422 and "version" in r.text
    assert c.post("/api/undo", headers=h, json={"review_id": HUGE}).status_code == 422
    deep = b'{"a":' * 30_000 + b"1" + b"}" * 30_000
    r = c.post(f"/api/provisions/{pid}/review", headers={**h, "Content-Type": "application/json"}, content=deep[:60000])
    assert r.status_code in (400, 413)
    r = c.post("/api/undo", headers={**h, "Content-Type": "application/json"}, content=b"[" * 30_000 + b"]" * 30_000)
    assert r.status_code in (400, 413)


def test_json_content_type_is_strict(seeded):
    _, c = make(seeded)
    for ctype in ("text/plain; application/json", "application/jsonp", "multipart/form-data; x=application/json"):
        r = c.post("/api/login", content=b'{"username": "alice"}', headers={"Content-Type": ctype})
        assert r.status_code == 415, ctype


def test_unknown_host_refused(seeded):
    _, c = make(seeded, allowed_hosts=("localhost", "127.0.0.1"))
    assert c.get("/login", headers={"Host": "evil.example"}).status_code == 400
    assert c.get("/login", headers={"Host": "localhost:8000"}).status_code == 200


def test_blind_overlap_hides_other_reviewers_until_adjudication(seeded):
    _, alice = make(seeded, overlap=2)
    pid = seeded["ids"]["sec_1"]
    a = login(alice)
    v = alice.get(f"/api/provisions/{pid}").json()["version"]
    r = alice.post(f"/api/provisions/{pid}/review", headers={"X-CSRF-Token": a},
                   json={"labels": [{"id": "grooming", "coverage": "full"}], "decision": "edit", "version": v,
                         "comment": "alice's secret reasoning"})
    assert r.status_code == 200
    bob = TestClient(alice.app, client=("10.0.0.4", 5000))
    b = login(bob, "bob")
    seen = bob.get(f"/api/provisions/{pid}").json()
    assert seen["current"] is None and seen["reviews"] == [] and "alice" not in str(seen)
    r = bob.post(f"/api/provisions/{pid}/review", headers={"X-CSRF-Token": b},
                 json={"labels": [], "decision": "reject", "version": v})  # stale version
    assert r.status_code == 409 and "alice" not in r.text and "grooming" not in r.text
    root = TestClient(alice.app, client=("10.0.0.5", 5000))
    login(root, "root")
    assert root.get(f"/api/provisions/{pid}").json()["current"]["reviewer"] == "alice"
