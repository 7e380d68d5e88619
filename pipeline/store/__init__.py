"""The store: statutes, provisions, predictions and runs, through SQLAlchemy.

SQLite (WAL mode, busy timeout, retry with backoff on "database is locked") is the
embedded default; any SQLAlchemy URL works, PostgreSQL included, because nothing here
uses a dialect-specific feature. The schema is owned by the Alembic migrations in
``migrations/``: opening an engine upgrades the database to head.
Model suggestions (``predictions``) are kept apart from anything a human decides
(``Review`` in ``schema.py``): reviews point at a provision row, and re-segmenting a
statute re-uses rows (matched by text hash, then eid) so reviews survive.
"""
from __future__ import annotations

import os
import random
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, TypeVar

from sqlalchemy import create_engine, event, select
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from pipeline import errors
from pipeline.store.schema import (DECISIONS, ROLES, UNDO, Base, Prediction, ProvisionRow,  # noqa: F401,E402
                                   Review, Run, Statute, User, utcnow)

T = TypeVar("T")


def default_url(out_dir: str | os.PathLike) -> str:
    return f"sqlite:///{Path(out_dir).resolve() / 'lexbench.db'}"


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
    """Alembic ``upgrade head`` in one transaction that holds a database-wide lock.

    SQLite: BEGIN IMMEDIATE takes the write lock; PostgreSQL: a transaction-level
    advisory lock. Two processes opening a fresh database at once therefore migrate
    it once. A database created before migrations existed is stamped first.
    """
    from alembic import command
    from sqlalchemy import inspect

    with engine.begin() as conn:
        lock_for_migration(conn)
        tables = set(inspect(conn).get_table_names())
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


def get_statute(session: Session, sha256: str) -> Statute | None:
    return session.scalar(select(Statute).where(Statute.sha256 == sha256))


def match_rows(existing: list[ProvisionRow], new_rows) -> list[ProvisionRow | None]:
    """For each new row, the existing row it continues (same text hash first, then same eid).

    Each existing row is used at most once; unmatched new rows get None. Matching by
    text first lets a renumbered provision keep its reviews; matching by eid next keeps
    a provision whose wording was corrected.
    """
    by_hash: dict[str, list[ProvisionRow]] = {}
    for p in sorted(existing, key=lambda p: p.ordinal):
        by_hash.setdefault(p.text_hash, []).append(p)
    used: set[int] = set()
    out: list[ProvisionRow | None] = [None] * len(new_rows)
    # exact (hash, eid) pairs first so identical duplicates keep their own rows
    for i, r in enumerate(new_rows):
        for p in by_hash.get(r.text_hash, []):
            if p.id not in used and p.eid == r.eid:
                out[i] = p
                used.add(p.id)
                break
    for i, r in enumerate(new_rows):
        if out[i] is None:
            for p in by_hash.get(r.text_hash, []):
                if p.id not in used:
                    out[i] = p
                    used.add(p.id)
                    break
    by_eid = {p.eid: p for p in existing}
    for i, r in enumerate(new_rows):
        if out[i] is None:
            p = by_eid.get(r.eid)
            if p is not None and p.id not in used:
                out[i] = p
                used.add(p.id)
    return out


def _has_reviews(s: Session, provision_id: int) -> bool:
    return s.scalar(select(Review.id).where(Review.provision_id == provision_id).limit(1)) is not None


def save_document(url: str, doc, rows, jurisdiction: str | None = None, run_id: int | None = None) -> int:
    """Store one annotated statute version in one transaction; idempotent per sha256.

    Re-annotating the same statute re-uses its provision rows (matched by text hash,
    then eid) so reviews survive a re-segmentation; rows no longer produced are deleted,
    or kept inactive if reviewed. Predictions are unique per (provision, conduct, model,
    benchmark) version. Retried as a whole if SQLite reports a lock.
    """
    def work(s: Session) -> int:
        st = get_statute(s, doc.sha256)
        if st is None:
            st = Statute(sha256=doc.sha256, name=doc.name, path=doc.path, kind=doc.kind)
            s.add(st)
        st.jurisdiction = jurisdiction or st.jurisdiction
        st.lang, st.n_pages, st.path = doc.lang, doc.n_pages, doc.path
        s.flush()
        existing = list(s.scalars(select(ProvisionRow).where(ProvisionRow.statute_id == st.id)))
        matched = match_rows(existing, rows)
        matched_ids = {p.id for p in matched if p is not None}
        leftovers = [p for p in existing if p.id not in matched_ids]
        # Free every eid that changes hands before assigning (unique per statute).
        renamed = False
        for p, r in zip(matched, rows):
            if p is not None and p.eid != r.eid:
                p.eid, renamed = f"~moving~{p.id}", True
        for p in leftovers:
            if _has_reviews(s, p.id):
                if p.active or not p.eid.startswith("~retired~"):
                    p.eid, p.active, renamed = f"~retired~{p.id}~{p.eid}"[:512], False, True
            else:
                s.delete(p)
                renamed = True
        if renamed:
            s.flush()
        placed: list[ProvisionRow] = []
        for i, (p, r) in enumerate(zip(matched, rows)):
            if p is None:
                p = ProvisionRow(statute_id=st.id, eid=r.eid)
                s.add(p)
            p.eid, p.active = r.eid, True
            p.ordinal, p.kind, p.num, p.heading = i, r.kind, r.num, r.heading
            p.text, p.text_hash, p.start, p.end, p.page = r.text, r.text_hash, r.start, r.end, r.page
            p.parent_eid, p.depth = r.parent, r.depth
            p.terms = [t.__dict__ | {} for t in r.terms]
            placed.append(p)
        s.flush()  # one flush gives every new row its id
        have: dict[tuple, Prediction] = {}
        ids = [p.id for p in placed]
        for k in range(0, len(ids), 500):
            for pr in s.scalars(select(Prediction).where(Prediction.provision_id.in_(ids[k:k + 500]))):
                have[(pr.provision_id, pr.conduct, pr.model_name, pr.model_version, pr.benchmark_id,
                      pr.benchmark_version)] = pr
        for p, r in zip(placed, rows):
            for lab in r.conducts:
                key = (p.id, lab.id, r.model.name, r.model.version, r.benchmark.id, r.benchmark.version)
                pr = have.get(key)
                if pr is None:
                    pr = have[key] = Prediction(provision_id=p.id, conduct=lab.id, model_name=r.model.name,
                                                model_version=r.model.version, benchmark_id=r.benchmark.id,
                                                benchmark_version=r.benchmark.version)
                    s.add(pr)
                pr.run_id, pr.score, pr.coverage, pr.because = run_id, lab.score, lab.coverage, lab.because
                if lab.evidence is not None:
                    pr.evidence_start, pr.evidence_end = lab.evidence.start, lab.evidence.end
                    pr.evidence_text = lab.evidence.text
        return st.id

    return transact(url, work)


def start_run(url: str, command: str, model, benchmark, git_commit: str | None) -> int:
    """Record the start of a batch; predictions written by it point at this row."""
    with session_scope(url) as s:
        run = Run(command=command, model_name=model.name, model_version=model.version,
                  benchmark_id=benchmark.id, benchmark_version=benchmark.version, git_commit=git_commit)
        s.add(run)
        s.flush()
        return run.id


def finish_run(url: str, run_id: int, stats: dict) -> None:
    with session_scope(url) as s:
        run = s.get(Run, run_id)
        run.finished, run.stats = utcnow(), stats
