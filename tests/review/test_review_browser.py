"""The review UI in real Debian Chromium (Playwright, headless): keyboard review, undo, 409, escaping."""
from __future__ import annotations

import re
import socket
import threading
import time

import pytest
from sqlalchemy import select

import review_seed
from pipeline.review import service
from pipeline.review.app import AppConfig, create_app
from pipeline.store.schema import Review
from pipeline.store import session_scope

pytestmark = pytest.mark.browser
PASSWORD = "correct horse battery"


@pytest.fixture
def live(seeded):
    """The app served by uvicorn on a free localhost port, in a thread."""
    import uvicorn

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(AppConfig(db_url=seeded["url"], secret=b"s" * 32)),
                                           host="127.0.0.1", port=port, log_level="warning"))
    t = threading.Thread(target=server.run, daemon=True)
    t.start()
    deadline = time.time() + 20
    while not server.started:
        assert time.time() < deadline, "server did not start"
        time.sleep(0.05)
    yield {"base": f"http://127.0.0.1:{port}", **seeded}
    server.should_exit = True
    t.join(10)


def open_session(browser, live, user):
    ctx = browser.new_context()
    page = ctx.new_page()
    page.set_default_timeout(15000)
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(live["base"] + "/review")
    assert page.url.endswith("/login")
    page.fill("#username", user)
    page.fill("#password", PASSWORD)
    page.click("#login-submit")
    page.wait_for_url(re.compile(r"/review/\d+$"))
    return ctx, page, errors


def pid_of(page) -> int:
    return int(page.get_attribute("#item", "data-pid"))


def checked(page) -> list[str]:
    return page.eval_on_selector_all("input[name=conduct]:checked", "els => els.map(e => e.value)")


def press_and_next(page, *keys):
    before = page.url
    for k in keys:
        page.keyboard.press(k)
    page.wait_for_url(lambda u: u != before and re.search(r"/review/\d+$", u) is not None)
    page.wait_for_selector("#item")


def current_labels(url, pid):
    cur = service.provision_view(url, pid)["current"]
    return None if cur is None else (cur["decision"], [(d["id"], d["coverage"]) for d in cur["labels"]])


def test_keyboard_review_five_then_undo(browser, live):
    ctx, page, errors = open_session(browser, live, "alice")
    expected = {}
    page.keyboard.press("?")
    assert page.is_visible("#help")
    page.keyboard.press("?")
    assert not page.is_visible("#help")
    # 1: accept the pre-selected suggestions
    pid = pid_of(page)
    pre = checked(page)
    press_and_next(page, "a")
    expected[pid] = ("accept", sorted(pre))
    # 2: reject
    pid = pid_of(page)
    press_and_next(page, "x")
    expected[pid] = ("reject", [])
    # 3: toggle conduct 1 and submit with enter
    pid = pid_of(page)
    first = page.get_attribute("tr.conduct[data-n='1']", "data-id")
    now = set(checked(page)) ^ {first}
    press_and_next(page, "1", "Enter")
    expected[pid] = ("edit", sorted(now))
    # 4: toggle conduct 2 on/off state, mark it partial, submit
    pid = pid_of(page)
    second = page.get_attribute("tr.conduct[data-n='2']", "data-id")
    was = set(checked(page))
    page.keyboard.press("2")
    if second in was:
        page.keyboard.press("2")  # it was on and got toggled off: back on
    press_and_next(page, "p", "Enter")
    expected[pid] = ("edit", sorted(was | {second}))
    partial_pid, partial_id = pid, second
    # 5: accept
    pid = pid_of(page)
    pre = checked(page)
    press_and_next(page, "a")
    expected[pid] = ("accept", sorted(pre))
    last = pid
    # undo the last decision: back on that provision, its decision withdrawn
    page.keyboard.press("u")
    page.wait_for_url(re.compile(rf"/review/{last}$"))
    assert errors == []
    url = live["url"]
    with session_scope(url) as s:
        rows = list(s.scalars(select(Review).order_by(Review.id)))
    assert [r.decision for r in rows] == ["accept", "reject", "edit", "edit", "accept", "undo"]
    assert rows[-1].undoes_id == rows[4].id and len({r.provision_id for r in rows[:5]}) == 5
    assert all(r.seconds is not None and r.seconds >= 0 for r in rows[:5])
    for pid, (decision, labels) in expected.items():
        got = current_labels(url, pid)
        if pid == last:
            assert got is None
            continue
        assert got[0] == decision and sorted(i for i, _ in got[1]) == labels, (pid, got)
    assert (partial_id, "partial") in current_labels(url, partial_pid)[1]
    ctx.close()


def test_two_sessions_one_409_no_lost_update(browser, live):
    pid = live["ids"]["sec_1"]
    a_ctx, a, a_err = open_session(browser, live, "alice")
    b_ctx, b, b_err = open_session(browser, live, "bob")
    a.goto(f"{live['base']}/review/{pid}")
    b.goto(f"{live['base']}/review/{pid}")
    press_and_next(a, "a")  # alice accepts first
    statuses = []
    b.on("response", lambda r: statuses.append(r.status) if "/review" in r.url and r.request.method == "POST" else None)
    b.keyboard.press("x")  # bob rejects the version he loaded: stale
    b.wait_for_selector("#conflict:not([hidden])")
    text = b.inner_text("#conflict")
    assert "alice" in text and "accept" in text
    assert statuses == [409]
    assert sorted(checked(b)) == sorted(["csam_distribution", "csam_transmission"])  # the newer labels are shown
    assert current_labels(live["url"], pid) == ("accept", [("csam_distribution", "full"), ("csam_transmission", "full")])
    with session_scope(live["url"]) as s:
        assert [r.decision for r in s.scalars(select(Review).where(Review.provision_id == pid))] == ["accept"]
    # bob, now seeing alice's decision, deliberately submits on top of it
    press_and_next(b, "1", "Enter")
    with session_scope(live["url"]) as s:
        rows = list(s.scalars(select(Review).where(Review.provision_id == pid).order_by(Review.id)))
    assert [(r.decision, r.base_version) for r in rows] == [("accept", 0), ("edit", 1)]
    assert a_err == [] and b_err == []
    a_ctx.close()
    b_ctx.close()


def test_script_provision_renders_as_text(browser, live):
    ctx, page, errors = open_session(browser, live, "alice")
    page.goto(f"{live['base']}/review/{live['ids']['sec_7']}")
    assert page.inner_text("#provision-text") == review_seed.SCRIPT_TEXT
    assert page.locator("#provision-text script").count() == 0 and page.locator("#provision-text b").count() == 0
    assert page.title() != "pwned"
    assert page.evaluate("document.scripts.length") == 1
    assert errors == []
    ctx.close()
