"""The store's query and review functions (the only place that speaks SQL), on a small synthetic statute."""
from __future__ import annotations

import sqlite3

import pytest

from pipeline import errors, store
from pipeline.store import engine, queries, reviews
from pipeline.store.schema import UNDO
from tests.review.review_seed import MODEL, make_rows


@pytest.fixture
def url(tmp_path):
    u = f"sqlite:///{tmp_path / 's.db'}"
    doc, rows = make_rows()
    store.save_document(u, doc, rows, jurisdiction="GB-EAW")
    yield u
    eng = engine._ENGINES.pop(u, None)
    if eng is not None:
        eng.dispose()


def test_reading_questions_answer_from_the_saved_statute(url):
    doc, rows = make_rows()
    assert queries.statute_jurisdictions(url) == {doc.sha256: "GB-EAW"}
    assert queries.latest_model(url) == (MODEL.name, MODEL.version)
    got = queries.provisions_with_predictions(url, queries.latest_model(url))
    assert [p.eid for p, _, _ in got] == [r.eid for r in rows]  # reading order
    by_eid = {p.eid: sorted(x.conduct for x in preds) for p, _, preds in got}
    assert by_eid["sec_1"] == ["csam_distribution", "csam_transmission"] and by_eid["sec_8"] == []
    assert queries.provisions_with_predictions(url, None)[1][2] == []  # no model: no predictions


def test_a_review_needs_the_current_version_and_an_undo_withdraws_it_once(url):
    uid = reviews.insert_user(url, "ana", "!test", "reviewer")
    with pytest.raises(ValueError, match="already exists"):
        reviews.insert_user(url, "ana", "!test", "reviewer")
    pid = next(p.id for p, _, _ in queries.provisions_with_predictions(url, None) if p.eid == "sec_2")
    rid, stored = reviews.append_review(url, pid, 0, user_id=uid, decision="accept", labels=[], source="test")
    assert stored == "accept"  # no ``decide``: the decision given is stored
    with pytest.raises(reviews.VersionConflict):  # version 0 is gone
        reviews.append_review(url, pid, 0, user_id=uid, decision="accept", labels=[], source="test")
    with pytest.raises(reviews.NoSuchProvision):
        reviews.append_review(url, 10_000, 0, user_id=uid, decision="accept", labels=[], source="test")
    b = reviews.provision_bundle(url, pid)
    assert b.provision.version == 1 and b.statute.jurisdiction == "GB-EAW" and b.users == {uid: "ana"}
    assert [a.eid for a in b.ancestors] == ["part_1"]
    assert b.reviews[0].model_name == MODEL.name  # the suggestion's provenance is kept with the decision
    assert reviews.append_undo(url, uid, pid, rid) == 2
    with pytest.raises(reviews.AlreadyUndone):
        reviews.append_undo(url, uid, pid, rid)
    every = queries.all_reviews(url)
    assert [r.decision for r in every] == ["accept", UNDO]
    assert queries.active_reviews(every) == []  # the decision was withdrawn
    assert reviews.recent_decisions(url, uid, 10) == []


def test_a_database_locked_beyond_every_retry_is_database_busy(url, tmp_path, monkeypatch):
    real = engine.with_retry
    monkeypatch.setattr(engine, "with_retry", lambda fn, attempts=2, base_delay=0.01: real(fn, 2, 0.01))
    monkeypatch.setattr(engine, "_sqlite_pragmas", _quick(engine._sqlite_pragmas))
    engine._ENGINES.pop(url).dispose()
    holder = sqlite3.connect(url[len("sqlite:///"):], isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(errors.DatabaseBusy) as exc:
            reviews.insert_user(url, "bob", "!test", "reviewer")
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert exc.value.kind == "database_busy" and "re-run to resume" in exc.value.line()


def _quick(pragmas):
    def quick(dbapi_conn, rec):
        pragmas(dbapi_conn, rec)
        dbapi_conn.execute("PRAGMA busy_timeout=50")
    return quick


def _predictions(url) -> dict:
    from sqlalchemy import select

    with engine.session_scope(url) as s:
        return {(p.provision_id, p.conduct): (p.id, p.score, p.run_id, p.evidence_text)
                for p in s.scalars(select(store.Prediction))}


def test_resaving_updates_predictions_in_place_and_keeps_evidence_a_label_lacks(url):
    """The bulk writer's rules: a prediction with the same key is updated (same row id, new score and
    run), a repeated label overwrites the values, evidence is replaced only by a label that has some,
    a new label gets a new row, a provision that stays keeps its row."""
    from pipeline.records import ConductLabel, Evidence

    before = _predictions(url)
    doc, rows = make_rows()
    sec1 = next(r for r in rows if r.eid == "sec_1")
    sec8 = next(r for r in rows if r.eid == "sec_8")
    sec1.conducts = [ConductLabel("csam_distribution", 0.5, "full", None, None),  # no evidence: kept
                     ConductLabel("csam_transmission", 0.1, "full", Evidence(0, 3, "new"), None),
                     ConductLabel("csam_transmission", 0.2, "partial", None, None)]  # repeated: values win
    sec8.conducts = [ConductLabel("grooming", 0.4, "partial", Evidence(5, 9, "mean"), None)]
    store.save_document(url, doc, rows, run_id=None)
    after = _predictions(url)
    pid1 = next(k[0] for k, v in before.items() if k[1] == "csam_distribution")
    assert after[(pid1, "csam_distribution")] == (before[(pid1, "csam_distribution")][0], 0.5, None, "distributes")
    assert after[(pid1, "csam_transmission")] == (before[(pid1, "csam_transmission")][0], 0.2, None, "new")
    new_keys = set(after) - set(before)
    assert len(new_keys) == 1 and next(iter(new_keys))[1] == "grooming"
    assert after[next(iter(new_keys))][1:] == (0.4, None, "mean")
    assert {k: v for k, v in after.items() if k[0] != pid1 and k not in new_keys} == \
        {k: v for k, v in before.items() if k[0] != pid1}
