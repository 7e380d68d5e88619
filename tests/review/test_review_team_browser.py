"""The reviewer-team features in real Debian Chromium (Playwright, headless): fixed keys 1-11 and
their legend, exact decision types, the section view, terminology review, queue filters, progress."""
from __future__ import annotations

import re

import pytest
from sqlalchemy import select
from test_review_browser import live, open_session, press_and_next  # noqa: F401  (fixtures)

from pipeline.records import CONDUCT_IDS
from pipeline.store import session_scope
from pipeline.store.schema import Review

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


def queue_rows(page) -> list[dict]:
    return page.eval_on_selector_all("#queue tbody tr", """rs => rs.map(r => {
        const c = r.querySelectorAll('td');
        return {eid: r.dataset.eid, statute: c[1].innerText, jur: c[2].innerText, lang: c[3].innerText,
                printed: c[4].innerText, heading: c[5].innerText, score: c[7].innerText, status: c[8].innerText,
                reviewers: c[9].innerText};
    })""")


def test_queue_columns_and_filters(browser, live):  # noqa: F811
    from test_review_queue import add_french_version

    add_french_version(live["url"])
    ctx, page, errors = open_session(browser, live, "alice")
    page.goto(live["base"] + "/queue")
    rows = queue_rows(page)
    sec4 = sorted((r["statute"], r["jur"], r["lang"]) for r in rows if r["eid"] == "sec_4")
    assert sec4 == [("loi-test-fr", "BE", "fr"), ("test-act", "", "en")]  # same eid, told apart
    first = rows[0]
    assert first["printed"] == "s. 7" and first["heading"] == "Markup" and first["score"] == "0.51"
    scores = [abs(float(r["score"]) - 0.5) if r["score"] else 0.5 for r in rows]
    assert scores == sorted(scores)  # most uncertain first, by the stored scores
    # conduct + jurisdiction filters
    page.select_option("#f-conduct", "grooming")
    page.select_option("#f-jurisdiction", "BE")
    page.click("#f-apply")
    page.wait_for_url(re.compile(r"conduct=grooming"))
    assert [(r["eid"], r["lang"]) for r in queue_rows(page)] == [("sec_4", "fr")]
    # statute filter
    page.goto(live["base"] + "/queue")
    page.select_option("#f-statute", label="test-act (?, en)")
    page.click("#f-apply")
    page.wait_for_url(re.compile(r"statute=\d+"))
    assert {r["statute"] for r in queue_rows(page)} == {"test-act"} and len(queue_rows(page)) == 9
    # status + reviewer filters, after bob rejects sec_2
    bctx, bob, _ = open_session(browser, live, "bob")
    bob.goto(f"{live['base']}/review/{live['ids']['sec_2']}")
    press_and_next(bob, "x")
    page.goto(live["base"] + "/queue")
    page.select_option("#f-status", "reject")
    page.select_option("#f-reviewer", "bob")
    page.click("#f-apply")
    page.wait_for_url(re.compile(r"reviewer=bob"))
    assert [(r["eid"], r["status"], r["reviewers"]) for r in queue_rows(page)] == [("sec_2", "reject", "bob")]
    page.goto(live["base"] + "/queue?status=todo")
    assert "sec_2" not in {r["eid"] for r in queue_rows(page) if r["lang"] == "en"}  # bob decided it (overlap 1)
    assert page.goto(live["base"] + "/queue?conduct=nonsense").status == 422
    assert errors == []
    bctx.close()
    ctx.close()


def test_progress_count(browser, live):  # noqa: F811
    ctx, page, errors = open_session(browser, live, "alice")
    assert (page.inner_text("#progress-done"), page.inner_text("#progress-total")) == ("0", "9")
    press_and_next(page, "x")
    last = page.get_attribute("#item", "data-pid")
    press_and_next(page, "a")
    assert (page.inner_text("#progress-done"), page.inner_text("#progress-total")) == ("2", "9")
    page.keyboard.press("u")  # the last decision withdrawn: one done again
    page.wait_for_url(re.compile(rf"/review/{last}$"))
    page.wait_for_selector("#progress-done")
    assert page.inner_text("#progress-done") == "1"
    page.goto(live["base"] + "/queue")
    assert "Today: 1 done / 9" in page.inner_text("#progress")
    page.goto(live["base"] + "/review")  # the rest of the queue (8): the last page says so and counts them all
    for _ in range(7):
        press_and_next(page, "x")
    page.keyboard.press("x")
    page.wait_for_url(re.compile(r"/review$"))
    page.wait_for_selector("#message")
    assert page.inner_text("#message").startswith("Nothing left") and "Today: 9 done / 9" in page.inner_text("#progress")
    assert errors == []
    ctx.close()


def test_section_view_shows_heading_and_sibling_paragraphs(browser, live):  # noqa: F811
    from test_review_section import store_tree

    ids = store_tree(live["url"])
    ctx, page, errors = open_session(browser, live, "alice")
    page.goto(f"{live['base']}/review/{ids['sec_10__subsec_1__para_c']}")
    assert page.inner_text("#section-heading") == "s. 10 — Indecent images of children"
    members = page.eval_on_selector_all("#section-view li.member", "ls => ls.map(l => [l.dataset.eid, l.classList.contains('self')])")
    assert members == [["sec_10", False], ["sec_10__subsec_1", False], ["sec_10__subsec_1__para_a", False],
                       ["sec_10__subsec_1__para_b", False], ["sec_10__subsec_1__para_c", True],
                       ["sec_10__subsec_1__para_d", False]]
    text = page.inner_text("#section-view")
    assert "knowing that it is an indecent image of a child" in text and "publishes an advertisement" in text
    assert "It is a defence" not in text  # the next section is not part of it
    assert page.inner_text("#printed") == "s. 10(1)(c)"
    # accept (c), then walk to sibling (b) from the section view: (c) now shows alice's decision
    press_and_next(page, "a")
    page.goto(f"{live['base']}/review/{ids['sec_10__subsec_1__para_d']}")
    page.click("li.member[data-eid='sec_10__subsec_1__para_b'] a")
    page.wait_for_url(re.compile(rf"/review/{ids['sec_10__subsec_1__para_b']}$"))
    assert page.get_attribute("li.member.self", "data-eid") == "sec_10__subsec_1__para_b"
    assert "[accept: csam possession — alice]" in page.inner_text("li.member[data-eid='sec_10__subsec_1__para_c']")
    assert errors == []
    ctx.close()


def test_terminology_flag_review(browser, live):  # noqa: F811
    from pipeline.store.schema import TermReview

    ctx, page, errors = open_session(browser, live, "alice")
    page.goto(f"{live['base']}/review/{live['ids']['sec_2']}")
    li = "li.term-flag[data-term='child pornography']"
    assert "child sexual abuse material" in page.inner_text(li) and page.inner_text(f"{li} .term-status") == "not reviewed"
    # accept the flag and its suggested replacement
    page.click(f"{li} button.term-accept")
    page.wait_for_function("s => document.querySelector(s).innerText.includes('saved')", arg=f"{li} .term-status")
    assert "flag accepted; replacement accept: “child sexual abuse material”" in page.inner_text(f"{li} .term-status")
    # then a replacement of one's own
    page.select_option(f"{li} select.repl", "__edit__")
    assert page.is_visible(f"{li} input.repl-other")
    page.fill(f"{li} input.repl-other", "child sexual abuse images")
    page.click(f"{li} button.term-accept")
    page.wait_for_function("s => document.querySelector(s).innerText.includes('edit')", arg=f"{li} .term-status")
    # bob rejects the flag; after a reload alice sees the decision in force
    bctx, bob, _ = open_session(browser, live, "bob")
    bob.goto(f"{live['base']}/review/{live['ids']['sec_2']}")
    bob.click(f"{li} button.term-reject")
    bob.wait_for_function("s => document.querySelector(s).innerText.includes('saved')", arg=f"{li} .term-status")
    page.reload()
    assert page.inner_text(f"{li} .term-status") == "flag rejected (bob)"
    with session_scope(live["url"]) as s:
        got = [(r.user_id, r.decision, r.replacement_decision, r.replacement)
               for r in s.scalars(select(TermReview).order_by(TermReview.id))]
    alice, bob_id = live["users"]["alice"], live["users"]["bob"]
    assert got == [(alice, "accept", "accept", "child sexual abuse material"),
                   (alice, "accept", "edit", "child sexual abuse images"), (bob_id, "reject", None, None)]
    # the conduct review is untouched by terminology decisions
    assert stored(live["url"]) == []
    assert errors == []
    bctx.close()
    ctx.close()
