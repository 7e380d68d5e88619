"""The terminology reviews' transactions: append a decision on a terminology flag, read a
provision's flags with their decisions. ``pipeline.review.terms`` decides; this module only
reads and writes.

Reads: ``provisions`` (their flags, start and text hash), ``term_reviews``, ``users``. Writes:
``term_reviews`` (appended, never updated). Rows come back detached.
"""
from __future__ import annotations

from types import SimpleNamespace

from sqlalchemy import select
from sqlalchemy.orm import Session

from pipeline.store.engine import transact
from pipeline.store.reviews import NoSuchProvision
from pipeline.store.schema import ProvisionRow, TermReview, User


def term_bundle(url: str, provision_id: int) -> SimpleNamespace | None:
    """A provision's flags (``terms``), ``start``, ``text_hash``, its term reviews (oldest first) and
    the reviewers' names; None if there is no such provision."""
    def work(s: Session):
        p = s.get(ProvisionRow, provision_id)
        if p is None:
            return None
        revs = list(s.scalars(select(TermReview).where(TermReview.provision_id == p.id).order_by(TermReview.id)))
        ids = {r.user_id for r in revs}
        users = dict(s.execute(select(User.id, User.username).where(User.id.in_(ids))).all()) if ids else {}
        return SimpleNamespace(id=p.id, terms=list(p.terms or []), start=p.start, text_hash=p.text_hash,
                               reviews=revs, users=users)
    return transact(url, work)


def append_term_review(url: str, provision_id: int, **fields) -> int:
    """Append one decision on one flag (the provision's text hash recorded with it); its id."""
    def work(s: Session) -> int:
        p = s.get(ProvisionRow, provision_id)
        if p is None:
            raise NoSuchProvision(provision_id)
        r = TermReview(provision_id=p.id, text_hash=p.text_hash, **fields)
        s.add(r)
        s.flush()
        return r.id
    return transact(url, work)


def all_term_reviews(url: str) -> list[TermReview]:
    """Every terminology review, oldest first (exports and audits)."""
    return transact(url, lambda s: list(s.scalars(select(TermReview).order_by(TermReview.id))))
