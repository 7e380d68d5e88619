"""Tables for reviewers and their decisions (kept apart from model ``predictions``)."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import JSON, Boolean, Float, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from ..store import Base, utcnow

ROLES = ("reviewer", "admin")
DECISIONS = ("accept", "reject", "edit")
UNDO = "undo"  # a row that withdraws an earlier decision of the same reviewer


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True, index=True)
    password_hash: Mapped[str] = mapped_column(String(256))
    role: Mapped[str] = mapped_column(String(16), default="reviewer")
    active: Mapped[bool] = mapped_column(Boolean, default=True, server_default="1")
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
