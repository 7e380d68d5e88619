"""Connections to the store: one engine per URL, SQLite tuned for concurrent writers, Alembic
migrations on first use, and transactions retried while the database is locked.

Reads and writes: the database at a SQLAlchemy URL (``sqlite:///...`` or ``postgresql://...``).
SQLite runs in WAL mode with a busy timeout; a write transaction takes the write lock up front
(``BEGIN IMMEDIATE``); ``with_retry`` backs off and tries again on "database is locked", and
``transact`` turns a lock that outlasts every retry into ``errors.DatabaseBusy``.
"""
from __future__ import annotations

import random
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, TypeVar

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from pipeline import errors

T = TypeVar("T")


def _sqlite_pragmas(dbapi_conn, _record) -> None:
    # Let SQLAlchemy emit BEGIN itself (below) so a write transaction takes the write
    # lock up front: a deferred read->write upgrade fails at once instead of waiting.
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA busy_timeout=30000")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.close()


def _sqlite_begin(conn) -> None:
    conn.exec_driver_sql("BEGIN IMMEDIATE")


_ENGINES: dict[str, Engine] = {}


def make_engine(url: str) -> Engine:
    """A configured engine (SQLite pragmas, immediate write locks), schema untouched."""
    if url.startswith("sqlite:///"):
        Path(url[len("sqlite:///"):]).parent.mkdir(parents=True, exist_ok=True)
    eng = create_engine(_driver_url(url), future=True, pool_pre_ping=True)
    if eng.dialect.name == "sqlite":
        event.listen(eng, "connect", _sqlite_pragmas)
        event.listen(eng, "begin", _sqlite_begin)
    return eng


def lock_for_migration(conn) -> None:
    """Serialise schema changes between processes (SQLite: BEGIN IMMEDIATE already did)."""
    from sqlalchemy import text

    if conn.dialect.name == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock(724115)"))


def engine_for(url: str) -> Engine:
    """One engine per URL per process; the schema is migrated to head on first use."""
    if url not in _ENGINES:
        eng = make_engine(url)
        with_retry(lambda: upgrade_to_head(eng))
        _ENGINES[url] = eng
    return _ENGINES[url]


MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
LEGACY_REVISION = "0001"  # the schema that create_all() made before migrations existed


def alembic_config(connection=None):
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.attributes["connection"] = connection
    return cfg


def upgrade_to_head(engine: Engine) -> None:
    """Bring the schema to head in one transaction that holds a database-wide lock.

    SQLite: BEGIN IMMEDIATE takes the write lock; PostgreSQL: a transaction-level
    advisory lock. Two processes opening a fresh database at once therefore make it once.
    An empty database gets ``create_all`` and a head stamp, one at head is left alone (neither
    imports Alembic: ``revisions.py`` says why); anything else runs Alembic ``upgrade head``,
    a database created before migrations existed being stamped first.
    """
    from sqlalchemy import inspect, text

    from pipeline.store.revisions import head_revision

    head = head_revision()
    with engine.begin() as conn:
        lock_for_migration(conn)
        tables = set(inspect(conn).get_table_names())
        if not tables:
            from pipeline.store.schema import Base

            Base.metadata.create_all(conn)
            conn.execute(text("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL, "
                              "CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num))"))
            conn.execute(text("INSERT INTO alembic_version (version_num) VALUES (:v)"), {"v": head})
            return
        if "alembic_version" in tables:
            current = {r[0] for r in conn.execute(text("SELECT version_num FROM alembic_version"))}
            if current == {head}:
                return
        from alembic import command

        cfg = alembic_config(conn)
        if "statutes" in tables and "alembic_version" not in tables:
            command.stamp(cfg, LEGACY_REVISION)
        command.upgrade(cfg, "head")


def _driver_url(url: str) -> str:
    """``postgresql://`` means psycopg 3 here (the driver we depend on), not psycopg2."""
    u = make_url(url)
    if u.drivername == "postgresql":
        return u.set(drivername="postgresql+psycopg").render_as_string(hide_password=False)
    return url


def is_locked_error(exc: BaseException) -> bool:
    msg = str(getattr(exc, "orig", exc)).lower()
    return "database is locked" in msg or "database table is locked" in msg or "deadlock detected" in msg


def with_retry(fn: Callable[[], T], attempts: int = 8, base_delay: float = 0.05) -> T:
    """Run ``fn`` again (jittered exponential backoff) when the database says it is locked.

    ``fn`` must be a whole transaction, so re-running it is safe.
    """
    for i in range(attempts):
        try:
            return fn()
        except OperationalError as exc:
            if not is_locked_error(exc) or i == attempts - 1:
                raise
            time.sleep(base_delay * (2 ** i) * (0.5 + random.random()))
    raise AssertionError("unreachable")


@contextmanager
def session_scope(url: str):
    """A transaction: committed on success, rolled back on any error."""
    maker = sessionmaker(bind=engine_for(url), expire_on_commit=False)
    with maker() as session:
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise


def transact(url: str, fn: Callable[[Session], T]) -> T:
    """``fn(session)`` in one transaction, retried as a whole if the database is locked;
    ``errors.DatabaseBusy`` once every retry found it locked."""
    def once() -> T:
        with session_scope(url) as s:
            return fn(s)
    try:
        return with_retry(once)
    except OperationalError as exc:
        if is_locked_error(exc):
            raise errors.DatabaseBusy(make_url(url).render_as_string(hide_password=True)) from exc
        raise
