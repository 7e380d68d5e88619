"""Fixtures for the store, review API and browser tests: one ``db_url`` per backend.

``db_url`` is parametrised over SQLite and PostgreSQL; the PostgreSQL variant starts a
real server from Debian's packages once per session and is skipped, with the reason
shown, only when that cannot be done (scripts/ci-system-deps.sh installs it for CI).
"""
from __future__ import annotations

import os
import sys
import uuid
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

import review_pg as pg  # noqa: E402
import review_seed as seed  # noqa: E402

PASSWORD = "correct horse battery"


@pytest.fixture(scope="session")
def pg_server():
    reason = pg.unavailable_reason()
    if reason:
        if os.environ.get("LEXBENCH_REQUIRE_PG"):
            pytest.fail(f"PostgreSQL required (LEXBENCH_REQUIRE_PG) but: {reason}")
        pytest.skip(reason)
    srv = pg.start()
    yield srv
    srv.stop()


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path):
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'review.db'}"
    srv = request.getfixturevalue("pg_server")
    return pg.create_database(srv, "t_" + uuid.uuid4().hex[:12])


@pytest.fixture
def seeded(db_url):
    """A statute with nine provisions (one containing <script>) and three accounts."""
    from sqlalchemy import select

    from pipeline.review.service import add_user
    from pipeline.store import ProvisionRow, save_document, session_scope

    doc, rows = seed.make_rows()
    save_document(db_url, doc, rows)
    users = {name: add_user(db_url, name, PASSWORD, role) for name, role in
             (("alice", "reviewer"), ("bob", "reviewer"), ("root", "admin"))}
    with session_scope(db_url) as s:
        ids = {p.eid: p.id for p in s.scalars(select(ProvisionRow))}
    return {"url": db_url, "ids": ids, "users": users, "doc": doc, "rows": rows}
