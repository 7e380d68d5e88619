"""The store on SQLite and PostgreSQL: migrations, re-segmentation, append-only reviews, locking."""
from __future__ import annotations

import threading

import pytest
from sqlalchemy import inspect, select, text
from sqlalchemy.exc import OperationalError

import review_seed as seed
from pipeline.review import service
from pipeline.store.revisions import head_revision
from pipeline.store.schema import Review
from pipeline.store import ProvisionRow, engine_for, save_document, session_scope, with_retry


def test_migrations_reach_head(db_url):
    eng = engine_for(db_url)
    tables = set(inspect(eng).get_table_names())
    assert {"statutes", "provisions", "predictions", "runs", "users", "reviews", "term_reviews", "alembic_version"} <= tables
    with eng.connect() as c:
        assert c.execute(text("SELECT version_num FROM alembic_version")).scalar() == head_revision()
    cols = {c["name"] for c in inspect(eng).get_columns("provisions")}
    assert {"version", "active"} <= cols


def test_legacy_create_all_database_is_stamped_and_upgraded(tmp_path):
    """A database made by the pre-migration code (create_all of the old tables) upgrades in place."""
    from sqlalchemy import create_engine

    path = tmp_path / "old.db"
    old = create_engine(f"sqlite:///{path}")
    with old.begin() as c:
        c.execute(text("CREATE TABLE statutes (id INTEGER PRIMARY KEY, sha256 VARCHAR(64) NOT NULL, name VARCHAR(512) NOT NULL, "
                       "path TEXT NOT NULL, jurisdiction VARCHAR(32), lang VARCHAR(8), kind VARCHAR(8) NOT NULL, "
                       "n_pages INTEGER NOT NULL, meta JSON NOT NULL, created DATETIME NOT NULL)"))
        c.execute(text("CREATE TABLE provisions (id INTEGER PRIMARY KEY, statute_id INTEGER NOT NULL, ordinal INTEGER NOT NULL, "
                       "eid VARCHAR(512) NOT NULL, kind VARCHAR(32) NOT NULL, num VARCHAR(64), heading TEXT, text TEXT NOT NULL, "
                       "text_hash VARCHAR(64) NOT NULL, start INTEGER NOT NULL, \"end\" INTEGER NOT NULL, page INTEGER, "
                       "parent_eid VARCHAR(512), depth INTEGER NOT NULL, terms JSON NOT NULL, UNIQUE (statute_id, eid))"))
        c.execute(text("INSERT INTO statutes VALUES (1, 'abc', 'old act', '/x', NULL, 'en', 'text', 0, '{}', '2020-01-01')"))
        c.execute(text("INSERT INTO provisions VALUES (1, 1, 0, 'sec_1', 'section', '1', NULL, 'Old text.', 'h', 0, 9, NULL, NULL, 0, '[]')"))
    old.dispose()
    url = f"sqlite:///{path}"
    with session_scope(url) as s:
        p = s.get(ProvisionRow, 1)
        assert (p.text, p.version, p.active) == ("Old text.", 0, True)


def test_save_document_is_idempotent(seeded):
    url = seeded["url"]
    save_document(url, seeded["doc"], seeded["rows"])
    with session_scope(url) as s:
        ids = {p.eid: p.id for p in s.scalars(select(ProvisionRow))}
    assert ids == seeded["ids"]


def _labels(url, pid):
    return service.provision_view(url, pid)["current"]


def test_resegmenting_keeps_reviews(seeded):
    """Renumbered provisions keep their rows (matched by text hash), reworded ones match by eid,
    a reviewed provision that disappears is kept inactive, an unreviewed one is deleted."""
    url, ids, alice = seeded["url"], seeded["ids"], seeded["users"]["alice"]
    service.submit_review(url, ids["sec_3"], alice, [{"id": "csam_production", "coverage": "full"}], "accept", 0)
    service.submit_review(url, ids["sec_5"], alice, [{"id": "csam_access", "coverage": "partial"}], "edit", 0)
    service.submit_review(url, ids["sec_6"], alice, [], "reject", 0)
    new = []
    for eid, heading, txt, labels, terms in seed.PROVISIONS:
        if eid == "sec_6":
            continue  # dropped by the new segmentation (reviewed -> kept inactive)
        if eid == "sec_8":
            continue  # dropped, never reviewed -> deleted
        if eid == "sec_3":
            eid = "sec_3A"  # renumbered, same text
        if eid == "sec_5":
            txt = txt.replace("knowingly", "intentionally")  # reworded, same eid
        new.append((eid, heading, txt, labels, terms))
    # swap two eids to force the unique (statute, eid) constraint through a rename cycle
    new = [(("sec_2" if e == "sec_1" else "sec_1" if e == "sec_2" else e), h, t, la, te) for e, h, t, la, te in new]
    doc, rows = seed.make_rows(new)
    doc.sha256 = seeded["doc"].sha256  # same statute version, new segmentation
    save_document(url, doc, rows)
    with session_scope(url) as s:
        by_id = {p.id: p for p in s.scalars(select(ProvisionRow))}
    assert by_id[ids["sec_3"]].eid == "sec_3A" and by_id[ids["sec_3"]].active
    assert by_id[ids["sec_1"]].eid == "sec_2" and by_id[ids["sec_2"]].eid == "sec_1"  # followed the text
    assert by_id[ids["sec_5"]].eid == "sec_5" and "intentionally" in by_id[ids["sec_5"]].text
    assert not by_id[ids["sec_6"]].active
    assert ids["sec_8"] not in by_id
    assert _labels(url, ids["sec_3"])["labels"] == [{"id": "csam_production", "coverage": "full"}]
    view5 = service.provision_view(url, ids["sec_5"])
    assert view5["current"]["decision"] == "edit" and view5["current_text_changed"] is True
    assert _labels(url, ids["sec_6"])["decision"] == "reject"
    queue_ids = {q["id"] for q in service.queue(url, seeded["users"]["bob"], limit=100)}
    assert ids["sec_6"] not in queue_ids  # inactive rows leave the queue


def test_reviews_are_append_only_and_state_is_derived(seeded):
    url, pid, alice = seeded["url"], seeded["ids"]["sec_1"], seeded["users"]["alice"]
    both = [{"id": "csam_distribution", "coverage": "full"}, {"id": "csam_transmission", "coverage": "full"}]
    r1 = service.submit_review(url, pid, alice, both, "accept", 0, comment="clear", seconds=4.5)
    r2 = service.submit_review(url, pid, alice, [], "reject", r1["version"])
    assert (r1["version"], r2["version"]) == (1, 2)
    assert _labels(url, pid)["decision"] == "reject"
    u = service.undo(url, alice)
    assert u["provision_id"] == pid and u["version"] == 3
    cur = _labels(url, pid)
    assert cur["decision"] == "accept" and cur["labels"] == both
    with session_scope(url) as s:
        rows = list(s.scalars(select(Review).order_by(Review.id)))
    assert [r.decision for r in rows] == ["accept", "reject", "undo"]
    assert rows[0].comment == "clear" and rows[0].seconds == 4.5
    assert (rows[0].model_name, rows[0].model_version, rows[0].benchmark_version) == ("test-model", "1", "2026.1")
    assert rows[2].undoes_id == rows[1].id


def test_undo_is_limited_to_last_ten(seeded):
    url, alice = seeded["url"], seeded["users"]["alice"]
    pid = seeded["ids"]["sec_2"]
    v = 0
    first = None
    for i in range(11):
        r = service.submit_review(url, pid, alice, [], "reject", v)
        v = r["version"]
        first = first or r["review_id"]
    assert len(service.recent_decisions(url, alice)) == 10
    with pytest.raises(service.InvalidReview):
        service.undo(url, alice, first)


def test_stale_version_is_refused_with_the_newer_decision(seeded):
    url, pid = seeded["url"], seeded["ids"]["sec_4"]
    alice, bob = seeded["users"]["alice"], seeded["users"]["bob"]
    service.submit_review(url, pid, alice, [{"id": "grooming", "coverage": "partial"}], "accept", 0)
    with pytest.raises(service.Stale) as err:
        service.submit_review(url, pid, bob, [], "reject", 0)
    assert err.value.current["current"]["reviewer"] == "alice"
    assert err.value.current["version"] == 1
    assert _labels(url, pid)["decision"] == "accept"


def test_concurrent_reviews_one_winner_no_lock_errors(seeded):
    """Eight threads submit against the same version at once: exactly one wins, none sees a lock error."""
    url, pid = seeded["url"], seeded["ids"]["sec_5"]
    users = [seeded["users"]["alice"], seeded["users"]["bob"]]
    outcomes: list[str] = []
    barrier = threading.Barrier(8)

    def worker(i):
        barrier.wait()
        try:
            service.submit_review(url, pid, users[i % 2], [], "reject", 0)
            outcomes.append("ok")
        except service.Stale:
            outcomes.append("stale")
        except Exception as exc:  # noqa: BLE001 - the test reports what leaked
            outcomes.append(f"{type(exc).__name__}: {exc}")

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["ok"] + ["stale"] * 7
    with session_scope(url) as s:
        assert s.get(ProvisionRow, pid).version == 1
        assert len(list(s.scalars(select(Review).where(Review.provision_id == pid)))) == 1


@pytest.mark.parametrize("labels,decision", [
    ([{"id": "not_a_conduct", "coverage": "full"}], "edit"),
    ([{"id": "grooming", "coverage": "most"}], "edit"),
    ([{"id": "grooming"}, {"id": "grooming"}], "edit"),
    ([{"id": "grooming", "coverage": "full"}], "reject"),
    ([], "maybe"),
    ("grooming", "edit"),
])
def test_bad_reviews_are_rejected(seeded, labels, decision):
    with pytest.raises(service.InvalidReview):
        service.submit_review(seeded["url"], seeded["ids"]["sec_4"], seeded["users"]["alice"], labels, decision, 0)


def test_queue_orders_by_uncertainty_and_respects_overlap(seeded):
    url, ids, alice, bob = seeded["url"], seeded["ids"], seeded["users"]["alice"], seeded["users"]["bob"]
    q = service.queue(url, alice, limit=100)
    margins = [x["margin"] for x in q]
    assert margins == sorted(margins)
    # margins to the 0.5 threshold: sec_7 (0.51) 0.01, sec_2 (0.48) 0.02, sec_1 (0.55 best) 0.05
    assert [x["id"] for x in q[:3]] == [ids["sec_7"], ids["sec_2"], ids["sec_1"]]
    service.submit_review(url, ids["sec_2"], alice, [], "reject", 0)
    assert ids["sec_2"] not in {x["id"] for x in service.queue(url, bob, limit=100)}
    assert ids["sec_2"] in {x["id"] for x in service.queue(url, bob, limit=100, overlap=2)}
    assert ids["sec_2"] not in {x["id"] for x in service.queue(url, alice, limit=100, overlap=2)}
    by_statute = service.queue(url, alice, limit=100, order="statute")
    assert [x["ordinal"] for x in by_statute] == sorted(x["ordinal"] for x in by_statute)


def test_with_retry_backs_off_on_locked_database():
    calls = []

    def flaky():
        calls.append(1)
        if len(calls) < 3:
            raise OperationalError("BEGIN", {}, Exception("database is locked"))
        return "done"

    assert with_retry(flaky, base_delay=0.001) == "done" and len(calls) == 3

    def broken():
        raise OperationalError("SELECT", {}, Exception("no such table: x"))

    with pytest.raises(OperationalError):
        with_retry(broken, base_delay=0.001)


def test_users_and_passwords(seeded):
    url = seeded["url"]
    assert service.authenticate(url, "alice", "correct horse battery")["username"] == "alice"
    assert service.authenticate(url, "alice", "wrong password") is None
    assert service.authenticate(url, "nobody", "correct horse battery") is None
    with pytest.raises(ValueError):
        service.add_user(url, "alice", "another password")
    with pytest.raises(ValueError):
        service.add_user(url, "carol", "short")
    with session_scope(url) as s:
        from pipeline.store.schema import User

        h = s.scalar(select(User.password_hash).where(User.username == "alice"))
    assert h.startswith("$argon2id$") and "correct horse" not in h


def test_migrations_downgrade_and_upgrade_again(db_url):
    from alembic import command

    from pipeline.store.engine import alembic_config

    eng = engine_for(db_url)
    with eng.begin() as c:
        command.downgrade(alembic_config(c), "0001")
    assert "reviews" not in inspect(eng).get_table_names()
    assert "version" not in {c["name"] for c in inspect(eng).get_columns("provisions")}
    with eng.begin() as c:
        command.upgrade(alembic_config(c), "head")
    assert {"reviews", "users"} <= set(inspect(eng).get_table_names())
