"""Terminology flags are reviewable: accept or reject a flag and its suggested replacement, stored
as appended, audited rows (reviewer, time, text hash, guidelines, what was suggested)."""
from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from pipeline.review import terms
from pipeline.review.app import AppConfig, create_app
from pipeline.store import session_scope
from pipeline.store.schema import TermReview

SUGGESTED = ["child sexual abuse material"]


def flag_body(**kw) -> dict:
    """sec_2's flag: "child pornography" at the provision's offset 23 (rule-1)."""
    return {"rule": "rule-1", "term": "child pornography", "start": 23, **kw}


def rows(url) -> list[tuple]:
    with session_scope(url) as s:
        return [(r.user_id, r.decision, r.replacement_decision, r.replacement, r.suggested, r.term_start)
                for r in s.scalars(select(TermReview).order_by(TermReview.id))]


def test_the_flag_as_a_reviewer_sees_it(seeded):
    flags = terms.term_view(seeded["url"], seeded["ids"]["sec_2"])
    assert [(f["rule"], f["term"], f["start"], f["suggested"], f["current"]) for f in flags] == [
        ("rule-1", "child pornography", 23, SUGGESTED, None)]
    assert terms.term_view(seeded["url"], seeded["ids"]["sec_1"]) == []


@pytest.mark.parametrize("body,expected", [
    (flag_body(decision="accept", replacement_decision="accept"), ("accept", "accept", SUGGESTED[0])),
    (flag_body(decision="accept", replacement_decision="edit", replacement=" child sexual abuse images "),
     ("accept", "edit", "child sexual abuse images")),
    (flag_body(decision="accept", replacement_decision="edit", replacement=SUGGESTED[0]),  # unchanged: accept
     ("accept", "accept", SUGGESTED[0])),
    (flag_body(decision="accept", replacement_decision="reject"), ("accept", "reject", None)),
    (flag_body(decision="reject"), ("reject", None, None)),
])
def test_each_decision_is_stored(seeded, body, expected):
    url, alice = seeded["url"], seeded["users"]["alice"]
    out = terms.submit_term_review(url, seeded["ids"]["sec_2"], alice, body, guideline_version="sha256:abc")
    assert (out["decision"], out["replacement_decision"], out["replacement"]) == expected
    assert rows(url) == [(alice, *expected, SUGGESTED, 23)]
    with session_scope(url) as s:
        r = s.scalars(select(TermReview)).one()
        assert r.guideline_version == "sha256:abc" and r.source == "web" and len(r.text_hash) == 64
    cur = terms.term_view(url, seeded["ids"]["sec_2"])[0]["current"]
    assert (cur["decision"], cur["replacement_decision"], cur["reviewer"]) == (expected[0], expected[1], "alice")


@pytest.mark.parametrize("body", [
    flag_body(decision="maybe"),
    flag_body(decision="accept"),                                                  # replacement decision missing
    flag_body(decision="accept", replacement_decision="accept", replacement="kiddie stuff"),  # not suggested
    flag_body(decision="accept", replacement_decision="edit", replacement="  "),
    flag_body(decision="reject", replacement_decision="edit", replacement="x"),   # rejected flag, no replacement
    {**flag_body(decision="reject"), "start": 24},                                # no flag there
    {**flag_body(decision="reject"), "start": "23"},
    {**flag_body(decision="reject"), "rule": "rule-2"},
])
def test_bad_term_reviews_are_refused(seeded, body):
    with pytest.raises(terms.InvalidTermReview):
        terms.submit_term_review(seeded["url"], seeded["ids"]["sec_2"], seeded["users"]["alice"], body)
    assert rows(seeded["url"]) == []


def test_newest_decision_is_in_force_history_kept_and_blind(seeded):
    url, pid, alice, bob = seeded["url"], seeded["ids"]["sec_2"], seeded["users"]["alice"], seeded["users"]["bob"]
    terms.submit_term_review(url, pid, alice, flag_body(decision="accept", replacement_decision="accept"))
    terms.submit_term_review(url, pid, bob, flag_body(decision="reject"))
    f = terms.term_view(url, pid)[0]
    assert f["current"]["decision"] == "reject" and f["current"]["reviewer"] == "bob" and f["n_reviews"] == 2
    mine = terms.term_view(url, pid, alice, blind=True)[0]
    assert mine["current"]["reviewer"] == "alice" and mine["n_reviews"] == 1
    assert [r[1] for r in rows(url)] == ["accept", "reject"]
    with pytest.raises(terms.NoProvision):
        terms.term_view(url, 10**6)


def test_term_api_needs_login_and_csrf(seeded, tmp_path):
    cfg = AppConfig(db_url=seeded["url"], secret=b"k" * 32, guidelines=tmp_path / "G.md")
    (tmp_path / "G.md").write_text("# Guidelines\n")
    pid = seeded["ids"]["sec_2"]
    with TestClient(create_app(cfg)) as c:
        assert c.get(f"/api/provisions/{pid}/terms").status_code == 401
        csrf = c.post("/api/login", json={"username": "alice", "password": "correct horse battery"}).json()["csrf_token"]
        assert c.get(f"/api/provisions/{pid}/terms").json()["flags"][0]["term"] == "child pornography"
        body = flag_body(decision="accept", replacement_decision="accept")
        assert c.post(f"/api/provisions/{pid}/terms", json=body).status_code == 403  # no CSRF token
        r = c.post(f"/api/provisions/{pid}/terms", json=body, headers={"X-CSRF-Token": csrf})
        assert r.status_code == 200 and r.json()["replacement"] == SUGGESTED[0]
        bad = c.post(f"/api/provisions/{pid}/terms", json=flag_body(decision="maybe"), headers={"X-CSRF-Token": csrf})
        assert bad.status_code == 422
        assert c.post("/api/provisions/999999/terms", json=body, headers={"X-CSRF-Token": csrf}).status_code == 404
    with session_scope(seeded["url"]) as s:
        r = s.scalars(select(TermReview)).one()
        assert r.guideline_version and r.guideline_version.startswith("sha256:")


def test_term_api_with_tokens(seeded, tmp_path):
    cfg = AppConfig(db_url=seeded["url"], secret=b"k" * 32, guidelines=tmp_path / "G.md")
    pid = seeded["ids"]["sec_2"]
    with TestClient(create_app(cfg)) as c, TestClient(create_app(cfg)) as script:
        csrf = c.post("/api/login", json={"username": "bob", "password": "correct horse battery"}).json()["csrf_token"]
        tok = {s: c.post("/api/tokens", headers={"X-CSRF-Token": csrf},
                         json={"name": s, "scopes": [s]}).json()["token"] for s in ("read", "review")}
        body = flag_body(decision="reject")
        auth = {s: {"Authorization": f"Bearer {t}"} for s, t in tok.items()}
        assert script.get(f"/api/provisions/{pid}/terms", headers=auth["read"]).status_code == 200
        assert script.post(f"/api/provisions/{pid}/terms", json=body, headers=auth["read"]).status_code == 403
        r = script.post(f"/api/provisions/{pid}/terms", json=body, headers=auth["review"])
        assert r.status_code == 200, r.text
    with session_scope(seeded["url"]) as s:
        r = s.scalars(select(TermReview)).one()
        assert (r.source, r.user_id, r.decision) == ("api", seeded["users"]["bob"], "reject")


@pytest.mark.parametrize("fmt", ["jsonl", "labelstudio", "prodigy"])
def test_term_reviews_export_and_import_without_loss(seeded_factory, tmp_path, fmt):
    from pipeline.review import interop
    from pipeline.review.import_check import InvalidImport

    src, dst = seeded_factory(), seeded_factory()
    pid = src["ids"]["sec_2"]
    terms.submit_term_review(src["url"], pid, src["users"]["alice"],
                             flag_body(decision="accept", replacement_decision="edit", replacement="abuse images",
                                       comment="reads better"), guideline_version="sha256:g1")
    terms.submit_term_review(src["url"], pid, src["users"]["bob"], flag_body(decision="reject"))
    out = tmp_path / f"export.{fmt}"
    interop.write_export(src["url"], fmt, out, reviewed_only=True)
    recs = interop.read_records(fmt, out)
    assert interop.import_records(dst["url"], recs, fmt)["term_reviews_added"] == 2
    assert interop.import_records(dst["url"], recs, fmt)["term_reviews_present"] == 2  # idempotent

    def shape(url):
        with session_scope(url) as s:
            return [(r.user_id, r.rule, r.term, r.term_start, r.decision, r.replacement_decision, r.replacement,
                     r.comment, r.created, r.text_hash, r.guideline_version, r.suggested)
                    for r in s.scalars(select(TermReview).order_by(TermReview.id))]
    assert shape(dst["url"]) == shape(src["url"])
    assert terms.term_view(dst["url"], dst["ids"]["sec_2"])[0]["current"]["reviewer"] == "bob"
    bad = [{**r, "term_reviews": [{**r["term_reviews"][0], "replacement_decision": "accept"}]}
           for r in interop.read_records("jsonl", out)] if fmt == "jsonl" else None
    if bad:
        with pytest.raises(InvalidImport, match="term review 1: an accepted replacement is one of the suggested"):
            interop.import_records(dst["url"], bad, fmt)
