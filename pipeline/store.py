"""The store: statutes, provisions, predictions and runs, through SQLAlchemy.

SQLite (WAL mode, busy timeout) is the embedded default; any SQLAlchemy URL works,
PostgreSQL included, because nothing here uses a dialect-specific feature.
Model suggestions (``predictions``) are kept apart from anything a human decides.
"""
from __future__ import annotations

import datetime as dt
import os
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import (JSON, Float, ForeignKey, Integer, String, Text, UniqueConstraint,
                        create_engine, event, select)
from sqlalchemy.engine import Engine
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, relationship, sessionmaker


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)


class Base(DeclarativeBase):
    pass


class Statute(Base):
    __tablename__ = "statutes"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), unique=True, index=True)
    name: Mapped[str] = mapped_column(String(512))
    path: Mapped[str] = mapped_column(Text)
    jurisdiction: Mapped[str | None] = mapped_column(String(32), index=True)
    lang: Mapped[str | None] = mapped_column(String(8))
    kind: Mapped[str] = mapped_column(String(8))
    n_pages: Mapped[int] = mapped_column(Integer, default=0)
    meta: Mapped[dict] = mapped_column(JSON, default=dict)
    created: Mapped[dt.datetime] = mapped_column(default=utcnow)
    provisions: Mapped[list["ProvisionRow"]] = relationship(back_populates="statute", cascade="all, delete-orphan")


class ProvisionRow(Base):
    __tablename__ = "provisions"
    __table_args__ = (UniqueConstraint("statute_id", "eid"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    statute_id: Mapped[int] = mapped_column(ForeignKey("statutes.id", ondelete="CASCADE"), index=True)
    ordinal: Mapped[int] = mapped_column(Integer)
    eid: Mapped[str] = mapped_column(String(512))
    kind: Mapped[str] = mapped_column(String(32))
    num: Mapped[str | None] = mapped_column(String(64))
    heading: Mapped[str | None] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text)
    text_hash: Mapped[str] = mapped_column(String(64), index=True)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    page: Mapped[int | None] = mapped_column(Integer)
    parent_eid: Mapped[str | None] = mapped_column(String(512))
    depth: Mapped[int] = mapped_column(Integer, default=0)
    terms: Mapped[list] = mapped_column(JSON, default=list)
    statute: Mapped[Statute] = relationship(back_populates="provisions")


class Run(Base):
    __tablename__ = "runs"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    command: Mapped[str] = mapped_column(String(32))
    started: Mapped[dt.datetime] = mapped_column(default=utcnow)
    finished: Mapped[dt.datetime | None] = mapped_column(nullable=True)
    model_name: Mapped[str | None] = mapped_column(String(64))
    model_version: Mapped[str | None] = mapped_column(String(64))
    benchmark_id: Mapped[str | None] = mapped_column(String(64))
    benchmark_version: Mapped[str | None] = mapped_column(String(64))
    git_commit: Mapped[str | None] = mapped_column(String(64))
    stats: Mapped[dict] = mapped_column(JSON, default=dict)


class Prediction(Base):
    """A model's suggestion for one provision and conduct; never edited by reviewers."""

    __tablename__ = "predictions"
    __table_args__ = (UniqueConstraint("provision_id", "conduct", "model_name", "model_version",
                                       "benchmark_id", "benchmark_version"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    provision_id: Mapped[int] = mapped_column(ForeignKey("provisions.id", ondelete="CASCADE"), index=True)
    run_id: Mapped[int | None] = mapped_column(ForeignKey("runs.id"), nullable=True)
    conduct: Mapped[str] = mapped_column(String(64))
    score: Mapped[float] = mapped_column(Float)
    coverage: Mapped[str] = mapped_column(String(16))
    because: Mapped[str | None] = mapped_column(Text)
    evidence_start: Mapped[int | None] = mapped_column(Integer)
    evidence_end: Mapped[int | None] = mapped_column(Integer)
    evidence_text: Mapped[str | None] = mapped_column(Text)
    model_name: Mapped[str] = mapped_column(String(64))
    model_version: Mapped[str] = mapped_column(String(64))
    benchmark_id: Mapped[str] = mapped_column(String(64))
    benchmark_version: Mapped[str] = mapped_column(String(64))
    created: Mapped[dt.datetime] = mapped_column(default=utcnow)


def default_url(out_dir: str | os.PathLike) -> str:
    return f"sqlite:///{Path(out_dir).resolve() / 'lexbench.db'}"


def _sqlite_pragmas(dbapi_conn, _record) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA busy_timeout=30000")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.close()


_ENGINES: dict[str, Engine] = {}


def engine_for(url: str) -> Engine:
    """One engine per URL per process; the schema is created on first use."""
    if url not in _ENGINES:
        if url.startswith("sqlite:///"):
            Path(url[len("sqlite:///"):]).parent.mkdir(parents=True, exist_ok=True)
        eng = create_engine(url, future=True, pool_pre_ping=True)
        if eng.dialect.name == "sqlite":
            event.listen(eng, "connect", _sqlite_pragmas)
        Base.metadata.create_all(eng)
        _ENGINES[url] = eng
    return _ENGINES[url]


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


def get_statute(session: Session, sha256: str) -> Statute | None:
    return session.scalar(select(Statute).where(Statute.sha256 == sha256))


def save_document(url: str, doc, rows, jurisdiction: str | None = None, run_id: int | None = None) -> int:
    """Store one annotated statute version in one transaction; idempotent per sha256.

    Re-annotating the same statute replaces its provisions only if the segmentation
    changed; predictions are unique per (provision, conduct, model, benchmark) version.
    """
    with session_scope(url) as s:
        st = get_statute(s, doc.sha256)
        if st is None:
            st = Statute(sha256=doc.sha256, name=doc.name, path=doc.path, kind=doc.kind)
            s.add(st)
        st.jurisdiction = jurisdiction or st.jurisdiction
        st.lang, st.n_pages, st.path = doc.lang, doc.n_pages, doc.path
        s.flush()
        existing = {p.eid: p for p in s.scalars(select(ProvisionRow).where(ProvisionRow.statute_id == st.id))}
        for i, r in enumerate(rows):
            p = existing.pop(r.eid, None)
            if p is None:
                p = ProvisionRow(statute_id=st.id, eid=r.eid)
                s.add(p)
            p.ordinal, p.kind, p.num, p.heading = i, r.kind, r.num, r.heading
            p.text, p.text_hash, p.start, p.end, p.page = r.text, r.text_hash, r.start, r.end, r.page
            p.parent_eid, p.depth = r.parent, r.depth
            p.terms = [t.__dict__ | {} for t in r.terms]
            s.flush()
            have = {(pr.conduct, pr.model_name, pr.model_version, pr.benchmark_id, pr.benchmark_version): pr
                    for pr in s.scalars(select(Prediction).where(Prediction.provision_id == p.id))}
            for lab in r.conducts:
                key = (lab.id, r.model.name, r.model.version, r.benchmark.id, r.benchmark.version)
                pr = have.get(key) or Prediction(provision_id=p.id, conduct=lab.id, model_name=r.model.name,
                                                 model_version=r.model.version, benchmark_id=r.benchmark.id,
                                                 benchmark_version=r.benchmark.version)
                pr.run_id, pr.score, pr.coverage, pr.because = run_id, lab.score, lab.coverage, lab.because
                if lab.evidence is not None:
                    pr.evidence_start, pr.evidence_end = lab.evidence.start, lab.evidence.end
                    pr.evidence_text = lab.evidence.text
                s.add(pr)
        for stale in existing.values():
            s.delete(stale)
        return st.id
