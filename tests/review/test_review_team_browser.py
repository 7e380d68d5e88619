"""The reviewer-team features in real Debian Chromium (Playwright, headless): fixed keys 1-11 and
their legend, exact decision types, the section view, terminology review, queue filters, progress."""
from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from pipeline.records import CONDUCT_IDS
from pipeline.store import session_scope
from pipeline.store.schema import Review
from test_review_browser import browser, live, open_session, press_and_next  # noqa: F401  (fixtures)

pytestmark = pytest.mark.browser
KEYS = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "0", "-"]


def key_map(page) -> dict[str, str]:
    return dict(page.eval_on_selector_all("tr.conduct", "rs => rs.map(r => [r.dataset.key, r.dataset.id])"))


def is_checked(page, cid: str) -> bool:
    return page.is_checked(f"#c-{cid}")


def stored(url) -> list[tuple[int, str, list]]:
    with session_scope(url) as s:
        return [(r.provision_id, r.decision, sorted((x["id"], x["coverage"]) for x in r.labels))
                for r in s.scalars(select(Review).order_by(Review.id))]


def test_the_same_key_means_the_same_conduct_on_every_page(browser, live):  # noqa: F811
    ctx, page, errors = open_session(browser, live, "alice")
    maps = []
    for eid in ("sec_1", "sec_4", "sec_8"):  # different suggestions: two, one partial, none
        page.goto(f"{live['base']}/review/{live['ids'][eid]}")
        maps.append(key_map(page))
        legend = page.eval_on_selector_all("#legend li", "ls => ls.map(l => l.dataset.key)")
        assert legend == KEYS
        assert "live streaming" in page.inner_text("#legend") and "sexual extortion" in page.inner_text("#legend")
    assert maps[0] == maps[1] == maps[2] == dict(zip(KEYS, CONDUCT_IDS))
    # on sec_4 (grooming suggested), 0 and - toggle live streaming and sexual extortion
    page.goto(f"{live['base']}/review/{live['ids']['sec_4']}")
    assert not is_checked(page, "live_streaming") and not is_checked(page, "sexual_extortion")
    page.keyboard.press("0")
    page.keyboard.press("-")
    assert is_checked(page, "live_streaming") and is_checked(page, "sexual_extortion")
    assert page.inner_text("#decision-preview") == "edit"
    page.keyboard.press("1")
    assert is_checked(page, "csam_production")
    press_and_next(page, "Enter")
    assert stored(live["url"])[-1] == (live["ids"]["sec_4"], "edit", [
        ("csam_production", "full"), ("grooming", "partial"), ("live_streaming", "full"),
        ("sexual_extortion", "full")])
    assert errors == []
    ctx.close()


def test_decision_types_are_stored_exactly(browser, live):  # noqa: F811
    ctx, page, errors = open_session(browser, live, "alice")
    ids, base = live["ids"], live["base"]
    # 1. an unchanged partial suggestion, accepted with a: accept, coverage kept partial
    page.goto(f"{base}/review/{ids['sec_4']}")
    assert page.inner_text("#decision-preview") == "accept"
    press_and_next(page, "a")
    # 2. the same kind of suggestion switched partial -> full with p: edit
    page.goto(f"{base}/review/{ids['sec_1']}")
    page.keyboard.press("5")   # csam_transmission off ...
    page.keyboard.press("5")   # ... and on again: focus on it, selection unchanged
    assert page.inner_text("#decision-preview") == "accept"
    page.keyboard.press("p")   # full -> partial
    assert page.inner_text("#decision-preview") == "edit"
    press_and_next(page, "a")
    # 3. a conduct removed: edit; 4. everything removed with x: reject
    page.goto(f"{base}/review/{ids['sec_3']}")
    page.keyboard.press("1")   # csam_production (the suggestion) off
    assert page.inner_text("#decision-preview") == "reject"
    page.keyboard.press("4")   # csam_distribution on instead
    press_and_next(page, "a")
    page.goto(f"{base}/review/{ids['sec_5']}")
    press_and_next(page, "x")
    assert stored(live["url"]) == [
        (ids["sec_4"], "accept", [("grooming", "partial")]),
        (ids["sec_1"], "edit", [("csam_distribution", "full"), ("csam_transmission", "partial")]),
        (ids["sec_3"], "edit", [("csam_distribution", "full")]),
        (ids["sec_5"], "reject", []),
    ]
    assert errors == []
    ctx.close()
