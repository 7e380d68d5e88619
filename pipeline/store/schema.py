"""The database schema: every table lexbench stores, in one module.

Model suggestions (``Prediction``) are kept apart from what a human decides (``Review``):
reviews point at a provision row and are only ever appended. The Alembic migrations in
``migrations/`` own the schema on disk; these classes mirror them.
"""
from __future__ import annotations

import datetime as dt

from sqlalchemy import JSON, Boolean, Float, ForeignKey, Integer, String, Text, UniqueConstraint, true
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


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
    # From the statute's MANIFEST.tsv row (``pipeline.manifest``): how the coverage report cites it
    # and which version of an Act counts; None where the source gives nothing.
    title: Mapped[str | None] = mapped_column(Text)
    citation: Mapped[str | None] = mapped_column(Text)
    version_date: Mapped[str | None] = mapped_column(String(32))
    in_force: Mapped[bool | None] = mapped_column(Boolean)
    act: Mapped[str | None] = mapped_column(String(512))
    provisions: Mapped[list["ProvisionRow"]] = relationship(back_populates="statute", cascade="all, delete-orphan")


class ProvisionRow(Base):
    """One provision of one statute version.

    ``version`` is bumped by every review (optimistic locking: a review names the
    version it was made against). ``active`` is False for rows that a re-segmentation
    no longer produces but that carry reviews, which must never be deleted.
    """

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
    version: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    active: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())
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


ROLES = ("reviewer", "admin")
DECISIONS = ("accept", "reject", "edit")
UNDO = "undo"  # a row that withdraws an earlier decision of the same reviewer


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True, index=True)
    password_hash: Mapped[str] = mapped_column(String(256))
    role: Mapped[str] = mapped_column(String(16), default="reviewer")
    active: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())
    created: Mapped[dt.datetime] = mapped_column(default=utcnow)


class Review(Base):
    """One decision by one reviewer on one provision; rows are only ever appended.

    ``labels`` is the final label set, ``[{"id": conduct, "coverage": "full"|"partial"}]``.
    ``base_version``/``version`` are the provision's version before and after it;
    ``undoes_id`` is set on an ``undo`` row. The suggestion provenance (model and
    benchmark versions) and the guideline version make each review auditable later.
    """

    __tablename__ = "reviews"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    provision_id: Mapped[int] = mapped_column(ForeignKey("provisions.id"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    decision: Mapped[str] = mapped_column(String(16))
    labels: Mapped[list] = mapped_column(JSON, default=list)
    comment: Mapped[str | None] = mapped_column(Text)
    seconds: Mapped[float | None] = mapped_column(Float)
    created: Mapped[dt.datetime] = mapped_column(default=utcnow, index=True)
    text_hash: Mapped[str] = mapped_column(String(64), index=True)
    base_version: Mapped[int] = mapped_column(Integer)
    version: Mapped[int] = mapped_column(Integer)
    undoes_id: Mapped[int | None] = mapped_column(ForeignKey("reviews.id"), nullable=True)
    model_name: Mapped[str | None] = mapped_column(String(64))
    model_version: Mapped[str | None] = mapped_column(String(64))
    benchmark_id: Mapped[str | None] = mapped_column(String(64))
    benchmark_version: Mapped[str | None] = mapped_column(String(64))
    guideline_version: Mapped[str | None] = mapped_column(String(64))
    source: Mapped[str] = mapped_column(String(32), default="web")


TOKEN_SCOPES = ("read", "review")  # read: GET /api/*; review: also record and undo decisions


class ApiToken(Base):
    """A personal API token (``Authorization: Bearer lxb_<prefix>_<secret>``) for scripts.

    Only the SHA-256 of the whole token is kept; ``prefix`` is its public id (listed, revoked
    by it). ``scopes`` is a list drawn from ``TOKEN_SCOPES``; a revoked or expired token, or
    one whose user is deactivated, authenticates nothing. ``last_used`` has minute precision.
    """

    __tablename__ = "api_tokens"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    prefix: Mapped[str] = mapped_column(String(16), unique=True, index=True)
    token_hash: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(String(64))
    scopes: Mapped[list] = mapped_column(JSON, default=list)
    created: Mapped[dt.datetime] = mapped_column(default=utcnow)
    expires: Mapped[dt.datetime | None] = mapped_column(nullable=True)
    last_used: Mapped[dt.datetime | None] = mapped_column(nullable=True)
    revoked: Mapped[dt.datetime | None] = mapped_column(nullable=True)


TERM_DECISIONS = ("accept", "reject")  # the flag: outdated terminology here, or not
REPLACEMENT_DECISIONS = ("accept", "edit", "reject")  # its suggested replacement: kept, changed, none


class TermReview(Base):
    """One decision by one reviewer on one terminology flag of a provision; only ever appended.

    The flag is named by its ``rule``, the flagged ``term`` and where it starts in the provision's
    text. ``decision`` accepts or rejects the flag; when accepted, ``replacement_decision`` accepts
    the ``suggested`` replacement (``replacement`` = the one chosen), edits it (``replacement`` =
    the reviewer's own) or rejects it (no replacement). The newest row per flag is in force.
    """

    __tablename__ = "term_reviews"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    provision_id: Mapped[int] = mapped_column(ForeignKey("provisions.id"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    rule: Mapped[str] = mapped_column(String(128))
    term: Mapped[str] = mapped_column(String(512))
    term_start: Mapped[int] = mapped_column(Integer)
    decision: Mapped[str] = mapped_column(String(16))
    suggested: Mapped[list] = mapped_column(JSON, default=list)
    replacement_decision: Mapped[str | None] = mapped_column(String(16))
    replacement: Mapped[str | None] = mapped_column(Text)
    comment: Mapped[str | None] = mapped_column(Text)
    created: Mapped[dt.datetime] = mapped_column(default=utcnow, index=True)
    text_hash: Mapped[str] = mapped_column(String(64))
    guideline_version: Mapped[str | None] = mapped_column(String(64))
    source: Mapped[str] = mapped_column(String(32), default="web")
