"""The review queue: lawyer-readable columns, filters, order by the stored score, progress today."""
from __future__ import annotations

import datetime as dt

import review_seed as seed

from pipeline.review import service
from pipeline.review.citation import Node, printed_number, statute_title
from pipeline.review.queue import QueueFilter
from pipeline.store import save_document


def add_french_version(url: str) -> None:
    """The same statute in French: the same eids, another language and jurisdiction."""
    provs = [(e, h, "FR " + t, labels, []) for e, h, t, labels, _ in seed.PROVISIONS]
    doc, rows = seed.make_rows(provs, doc_name="loi-test-fr.txt")
    doc.lang = "fr"
    for r in rows:
        r.lang = "fr"
    save_document(url, doc, rows, jurisdiction="BE")


def test_identical_eids_of_two_language_versions_are_told_apart(seeded):
    url, alice = seeded["url"], seeded["users"]["alice"]
    add_french_version(url)
    q = [x for x in service.queue(url, alice, limit=100) if x["eid"] == "sec_4"]
    assert sorted((x["statute"], x["lang"], x["jurisdiction"]) for x in q) == [
        ("loi-test-fr", "fr", "BE"), ("test-act", "en", None)]
    assert {x["printed"] for x in q} == {"s. 4"} and {x["heading"] for x in q} == {"Solicitation"}
    for x in q:  # the reviewer's recent decisions tell the two apart too
        service.submit_review(url, x["id"], alice, [], "reject", 0)
    assert sorted((d["eid"], d["statute"], d["lang"]) for d in service.recent_decisions(url, alice)) == [
        ("sec_4", "loi-test-fr", "fr"), ("sec_4", "test-act", "en")]


def test_filters(seeded):
    url, ids, alice, bob = seeded["url"], seeded["ids"], seeded["users"]["alice"], seeded["users"]["bob"]
    add_french_version(url)
    be = service.queue(url, alice, limit=100, filters=QueueFilter(jurisdiction="be"))
    assert be and {x["lang"] for x in be} == {"fr"}
    grooming = service.queue(url, alice, limit=100, filters=QueueFilter(conduct="grooming"))
    assert sorted(x["eid"] for x in grooming) == ["sec_4", "sec_4"]
    sid = next(x["statute_id"] for x in be)
    assert {x["statute_id"] for x in service.queue(url, alice, limit=100, filters=QueueFilter(statute=sid))} == {sid}
    service.submit_review(url, ids["sec_4"], bob, [], "reject", 0)
    service.submit_review(url, ids["sec_3"], bob, [{"id": "csam_production", "coverage": "full"}], "accept", 0)
    by_bob = service.queue(url, alice, limit=100, filters=QueueFilter(status="all", reviewer="bob"))
    assert sorted(x["eid"] for x in by_bob) == ["sec_3", "sec_4"] and {x["reviewers"][0] for x in by_bob} == {"bob"}
    rejected = service.queue(url, alice, limit=100, filters=QueueFilter(status="reject"))
    assert [(x["id"], x["status"]) for x in rejected] == [(ids["sec_4"], "reject")]
    # a conduct filter sees the decision in force too (sec_3 accepted production; sec_4 rejected grooming)
    assert [x["eid"] for x in service.queue(url, alice, limit=100, filters=QueueFilter(
        status="reviewed", conduct="csam_production"))] == ["sec_3"]
    assert ids["sec_3"] not in {x["id"] for x in service.queue(url, alice, limit=100, filters=QueueFilter(
        status="unreviewed"))}
    # blind overlap: alice sees neither bob's decisions nor their reviewer name
    assert service.queue(url, alice, limit=100, filters=QueueFilter(status="all", reviewer="bob"), blind=True) == []


def test_most_uncertain_first_uses_the_stored_scores(seeded):
    url, alice = seeded["url"], seeded["users"]["alice"]
    provs = [("sec_1", "A", "A person who distributes material commits an offence.", [("csam_distribution", 0.97, "full", "distributes")], []),
             ("sec_2", "B", "A person who produces material commits an offence.", [("csam_production", 0.52, "full", "produces")], []),
             ("sec_3", "C", "A person who possesses material commits an offence.", [("csam_possession", 0.21, "full", "possesses")], []),
             ("sec_4", "D", "A person who offers material commits an offence.", [("csam_offering", 0.66, "full", "offers")], [])]
    doc, rows = seed.make_rows(provs, doc_name="scores-act.txt")
    save_document(url, doc, rows, jurisdiction="XS")
    q = service.queue(url, alice, limit=100, filters=QueueFilter(jurisdiction="XS"))
    assert [(x["heading"], x["score"]) for x in q] == [("B", 0.52), ("D", 0.66), ("C", 0.21), ("A", 0.97)]
    # the same scores at another threshold give another order: the order is the scores', not a constant's
    q8 = service.queue(url, alice, limit=100, threshold=0.8, filters=QueueFilter(jurisdiction="XS"))
    assert [x["heading"] for x in q8] == ["D", "A", "B", "C"]


def test_progress_counts_todays_decisions_against_the_queue(seeded):
    url, ids, alice = seeded["url"], seeded["ids"], seeded["users"]["alice"]
    assert service.progress(url, alice) == {"done": 0, "left": 9, "total": 9}  # nine provisions with text
    service.submit_review(url, ids["sec_1"], alice, [], "reject", 0)
    r = service.submit_review(url, ids["sec_2"], alice, [], "reject", 0)
    assert service.progress(url, alice) == {"done": 2, "left": 7, "total": 9}
    tomorrow = dt.datetime.now(dt.timezone.utc).date() + dt.timedelta(days=1)
    assert service.progress(url, alice, today=tomorrow) == {"done": 0, "left": 7, "total": 7}
    service.undo(url, alice, r["review_id"])
    assert service.progress(url, alice) == {"done": 1, "left": 8, "total": 9}


def test_progress_left_is_the_todo_queue_count_under_overlap(seeded):
    """``left`` is counted without building the queue: it must equal the todo queue's length
    whatever the overlap and whoever reviewed what (undone decisions included)."""
    from pipeline.review.queue import _progress, _queue
    from pipeline.store.reviews import queue_inputs

    url, ids, users = seeded["url"], seeded["ids"], seeded["users"]
    alice, bob = users["alice"], users["bob"]
    service.submit_review(url, ids["sec_1"], bob, [], "reject", 0)
    service.submit_review(url, ids["sec_2"], alice, [], "reject", 0)
    r = service.submit_review(url, ids["sec_3"], bob, [], "reject", 0)
    service.undo(url, bob, r["review_id"])
    data = queue_inputs(url)
    for overlap in (0, 1, 2, 3):
        for user in (alice, bob):
            todo = _queue(data, user, QueueFilter(), "statute", overlap, 0.5, blind=False, limit=0)[1]
            assert _progress(data, user, overlap, 0.5)["left"] == todo, (overlap, user)
    assert _progress(data, alice, 2, 0.5)["left"] == 8  # all but sec_2 (alice's own); sec_1 has one of two


def test_printed_numbers_and_titles():
    chain, parent = [], None
    for eid, kind, num in [("part_1", "part", "1"), ("sec_2252", "section", "2252"), ("a", "subsection", "(a)"),
                           ("a1", "paragraph", "(1)"), ("a1A", "subparagraph", "(A)")]:
        chain.append(Node(eid, parent, kind, num, None, "text"))
        parent = eid
    assert printed_number(chain) == "s. 2252(a)(1)(A)"  # the container (Part 1) is left out, as in a citation
    assert printed_number([Node("art_5", None, "article", "5.", None, "x"), Node("p", "art_5", "paragraph", "2", None, "y")]) == "art. 5(2)"
    assert printed_number([Node("part_2", None, "part", "2", "Images", "Part 2")]) == "Part 2"
    assert statute_title("18-usc-2252.txt") == "18-usc-2252"
    assert statute_title("x.pdf", "Protection of Children Act 1978") == "Protection of Children Act 1978"


def test_api_queue_takes_the_same_filters(seeded, tmp_path):
    from fastapi.testclient import TestClient

    from pipeline.review.app import AppConfig, create_app

    add_french_version(seeded["url"])
    with TestClient(create_app(AppConfig(db_url=seeded["url"], secret=b"k" * 32))) as c:
        c.post("/api/login", json={"username": "alice", "password": "correct horse battery"})
        items = c.get("/api/queue", params={"conduct": "grooming", "jurisdiction": "BE", "limit": 50}).json()["items"]
        assert [(x["eid"], x["lang"], x["printed"], x["statute"]) for x in items] == [
            ("sec_4", "fr", "s. 4", "loi-test-fr")]
        assert c.get("/api/queue", params={"status": "later"}).status_code == 422
        assert len(c.get("/api/queue", params={"limit": 50}).json()["items"]) == 18
