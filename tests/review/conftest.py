"""Fixtures for the store, review API and browser tests: one database per test, per backend.

``backend`` is parametrised over SQLite and PostgreSQL; the PostgreSQL variant starts a
real server from Debian's packages once per session and is skipped, with the reason
shown, only when that cannot be done (scripts/ci-system-deps.sh installs it for CI;
set LEXBENCH_REQUIRE_PG=1 to turn the skip into a failure). Seeded databases are
copied from a template built once per backend (file copy / CREATE DATABASE TEMPLATE),
which keeps the PostgreSQL half of the suite fast.
"""
from __future__ import annotations

import os
import shutil
import sys
import uuid
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

import review_pg as pg  # noqa: E402
import review_seed as seed  # noqa: E402

PASSWORD = "correct horse battery"
ACCOUNTS = (("alice", "reviewer"), ("bob", "reviewer"), ("root", "admin"))


@pytest.fixture(scope="session", autouse=True)
def cheap_argon2():
    """Tests hash with argon2id at minimal cost (the hash format and checks are unchanged)."""
    from argon2 import PasswordHasher

    from pipeline.review import auth

    saved = auth._HASHER, auth.DUMMY_HASH
    auth._HASHER = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    auth.DUMMY_HASH = auth._HASHER.hash("dummy password")
    yield
    auth._HASHER, auth.DUMMY_HASH = saved


def forget_engine(url: str, request=None) -> None:
    """Close the test database's connections, and drop it if it is a PostgreSQL one."""
    from pipeline.store import engine as store

    eng = store._ENGINES.pop(url, None)
    if eng is not None:
        eng.dispose()
    if request is not None and url.startswith("postgresql://"):
        pg.drop_database(request.getfixturevalue("pg_server"), url.rsplit("/", 1)[1])


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
def backend(request):
    if request.param == "postgresql":
        request.getfixturevalue("pg_server")
    return request.param


def _fresh_url(backend: str, tmp: Path, request, template: str | None = None) -> str:
    if backend == "sqlite":
        path = tmp / f"review-{uuid.uuid4().hex[:8]}.db"
        if template:
            shutil.copyfile(template, path)
        return f"sqlite:///{path}"
    srv = request.getfixturevalue("pg_server")
    return pg.create_database(srv, "t_" + uuid.uuid4().hex[:12], template=template)


@pytest.fixture
def db_url(backend, tmp_path, request):
    url = _fresh_url(backend, tmp_path, request)
    yield url
    forget_engine(url, request)


def _build_seed(url: str) -> dict:
    from sqlalchemy import select

    from pipeline.review.service import add_user
    from pipeline.store import ProvisionRow, save_document, session_scope

    doc, rows = seed.make_rows()
    save_document(url, doc, rows)
    users = {name: add_user(url, name, PASSWORD, role) for name, role in ACCOUNTS}
    with session_scope(url) as s:
        ids = {p.eid: p.id for p in s.scalars(select(ProvisionRow))}
    return {"ids": ids, "users": users, "doc": doc, "rows": rows}


_TEMPLATES: dict[str, tuple[str, dict]] = {}


@pytest.fixture
def seeded(seeded_factory):
    """A statute with nine provisions (one containing <script>) and three accounts."""
    return seeded_factory()


@pytest.fixture
def seeded_factory(backend, tmp_path, tmp_path_factory, request):
    """Makes fresh copies of the seeded database (same ids) on the test's backend."""
    made: list[str] = []
    if backend not in _TEMPLATES:
        if backend == "sqlite":
            path = tmp_path_factory.mktemp("template") / "seeded.db"
            url = f"sqlite:///{path}"
            info = _build_seed(url)
            forget_engine(url)  # closes the connections: the WAL is checkpointed into the file
            _TEMPLATES[backend] = (str(path), info)
        else:
            srv = request.getfixturevalue("pg_server")
            name = "tmpl_" + uuid.uuid4().hex[:8]
            url = pg.create_database(srv, name)
            info = _build_seed(url)
            forget_engine(url)
            _TEMPLATES[backend] = (name, info)
    template, info = _TEMPLATES[backend]

    def make() -> dict:
        url = _fresh_url(backend, tmp_path, request, template=template)
        made.append(url)
        return {"url": url, **info}

    yield make
    for url in made:
        forget_engine(url, request)
