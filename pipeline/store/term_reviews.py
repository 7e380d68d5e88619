"""The terminology reviews' transactions: append a decision on a terminology flag, read a
provision's flags with their decisions, export and import them. ``pipeline.review.terms`` decides; this module only
reads and writes.

Reads: ``provisions`` (their flags, start and text hash), ``term_reviews``, ``users``. Writes:
``term_reviews`` (appended, never updated). Rows come back detached.
"""
from __future__ import annotations

import datetime as dt
from types import SimpleNamespace
from typing import Callable

from sqlalchemy import select
from sqlalchemy.orm import Session

from pipeline.store.engine import transact
from pipeline.store.reviews import NoSuchProvision, iso_utc, match_record
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


def term_reviews_by_provision(url: str) -> dict[int, list[TermReview]]:
    """Every terminology review per provision id, oldest first (exports)."""
    out: dict[int, list[TermReview]] = {}
    for r in all_term_reviews(url):
        out.setdefault(r.provision_id, []).append(r)
    return out


def import_term_reviews(url: str, recs: list[dict], uid_of: Callable[[str, dict], str], source: str) -> dict:
    """Append the records' ``term_reviews`` to the matching provisions (as conduct reviews are
    matched) in one transaction, skipping those already present (``uid_of(statute_sha256, review)``
    equal); an unknown reviewer gets an account that cannot log in. Returns counts."""
    def work(s: Session) -> dict:
        counts = {"term_reviews_added": 0, "term_reviews_present": 0}
        users = {u.username: u for u in s.scalars(select(User))}
        for rec in recs:
            if not rec.get("term_reviews"):
                continue
            p = match_record(s, rec)
            if p is None:
                continue
            sha = rec["statute_sha256"]
            names = {u.id: u.username for u in users.values()}
            have = {uid_of(sha, exported(r, names)) for r in
                    s.scalars(select(TermReview).where(TermReview.provision_id == p.id))}
            for rv in rec["term_reviews"]:
                if uid_of(sha, rv) in have:
                    counts["term_reviews_present"] += 1
                    continue
                u = users.get(rv["reviewer"])
                if u is None:
                    u = User(username=rv["reviewer"], password_hash="!imported", role="reviewer", active=False)
                    s.add(u)
                    s.flush()
                    users[u.username] = u
                s.add(TermReview(provision_id=p.id, user_id=u.id, rule=rv["rule"], term=rv["term"],
                                 term_start=rv["start"], decision=rv["decision"], suggested=rv["suggested"],
                                 replacement_decision=rv.get("replacement_decision"),
                                 replacement=rv.get("replacement"), comment=rv.get("comment"),
                                 created=dt.datetime.fromisoformat(rv["created"].rstrip("Z")),
                                 text_hash=rv["text_hash"], guideline_version=rv.get("guideline_version"),
                                 source=source))
                have.add(uid_of(sha, rv))
                counts["term_reviews_added"] += 1
        return counts
    return transact(url, work)


def exported(r: TermReview, names: dict[int, str]) -> dict:
    """A stored term review as an export writes it (``iso_utc`` times)."""
    return {"reviewer": names.get(r.user_id, str(r.user_id)), "rule": r.rule, "term": r.term, "start": r.term_start,
            "decision": r.decision, "suggested": r.suggested, "replacement_decision": r.replacement_decision,
            "replacement": r.replacement, "comment": r.comment, "created": iso_utc(r.created),
            "text_hash": r.text_hash, "guideline_version": r.guideline_version, "source": r.source}

