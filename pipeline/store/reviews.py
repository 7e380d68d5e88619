"""The review tables' transactions: users, the review queue's inputs, appending decisions, export
and import of review histories. ``pipeline.review`` decides; this module only reads and writes.

Reads and writes: ``users``, ``reviews`` and the ``version`` of ``provisions`` (a conditional
UPDATE, so of two concurrent decisions against one version exactly one wins). Every write is
one transaction retried on "database is locked". Rows come back detached.
"""
from __future__ import annotations

import datetime as dt
from types import SimpleNamespace
from typing import Callable

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from pipeline.store.engine import transact
from pipeline.store.schema import UNDO, Prediction, ProvisionRow, Review, Statute, User, utcnow


class NoSuchProvision(LookupError):
    """No provision row with that id."""


class VersionConflict(Exception):
    """Another decision changed the provision's version first."""


class AlreadyUndone(Exception):
    """The decision was withdrawn already."""


# -- users -----------------------------------------------------------------------------------------
def insert_user(url: str, username: str, password_hash: str, role: str) -> int:
    def work(s: Session) -> int:
        if s.scalar(select(User.id).where(User.username == username)) is not None:
            raise ValueError(f"user {username!r} already exists")
        u = User(username=username, password_hash=password_hash, role=role)
        s.add(u)
        s.flush()
        return u.id
    return transact(url, work)


def set_user_active(url: str, username: str, active: bool) -> bool:
    """(De)activate an account; False if there is no such user."""
    def work(s: Session) -> bool:
        u = s.scalar(select(User).where(User.username == username))
        if u is None:
            return False
        u.active = active
        return True
    return transact(url, work)


def user_named(url: str, username: str) -> User | None:
    return transact(url, lambda s: s.scalar(select(User).where(User.username == username)))


def user_with_id(url: str, user_id: int) -> User | None:
    return transact(url, lambda s: s.get(User, user_id))


def users_by_name(url: str) -> list[User]:
    return transact(url, lambda s: list(s.scalars(select(User).order_by(User.username))))


# -- reading -----------------------------------------------------------------------------------------
def latest_suggestions(preds: list[Prediction]) -> list[Prediction]:
    """The predictions of the most recent (model, benchmark) version for one provision."""
    if not preds:
        return []
    key = lambda p: (p.model_name, p.model_version, p.benchmark_id, p.benchmark_version)  # noqa: E731
    newest = max(preds, key=lambda p: (p.created, p.id))
    return sorted((p for p in preds if key(p) == key(newest)), key=lambda p: -p.score)


def queue_inputs(url: str, statute_id: int | None = None) -> SimpleNamespace:
    """What the review queue is built from, as plain column tuples (this runs on every page view):
    ``rows`` active provisions (their text-less containers too, for numbering and headings),
    ``statutes`` by id, ``users`` (id -> name), and per provision id its ``reviews`` (id, user_id,
    decision, undoes_id, labels, created) and ``predictions`` (conduct, score, versions)."""
    def work(s: Session):
        q = select(ProvisionRow.id, ProvisionRow.statute_id, ProvisionRow.ordinal, ProvisionRow.eid,
                   ProvisionRow.num, ProvisionRow.heading, ProvisionRow.text, ProvisionRow.kind,
                   ProvisionRow.parent_eid).where(ProvisionRow.active.is_(True))
        sq = select(Statute.id, Statute.name, Statute.title, Statute.jurisdiction, Statute.lang)
        if statute_id is not None:
            q, sq = q.where(ProvisionRow.statute_id == statute_id), sq.where(Statute.id == statute_id)
        rows = list(s.execute(q))
        reviews: dict[int, list] = {}
        for rid, pid, uid, decision, undoes, labels, created in s.execute(select(
                Review.id, Review.provision_id, Review.user_id, Review.decision, Review.undoes_id, Review.labels,
                Review.created)):
            reviews.setdefault(pid, []).append(SimpleNamespace(id=rid, user_id=uid, decision=decision,
                                                               undoes_id=undoes, labels=labels, created=created))
        preds: dict[int, list] = {}
        for pid, conduct, score, mn, mv, bi, bv, created, xid in s.execute(select(
                Prediction.provision_id, Prediction.conduct, Prediction.score, Prediction.model_name,
                Prediction.model_version, Prediction.benchmark_id, Prediction.benchmark_version, Prediction.created,
                Prediction.id)):
            preds.setdefault(pid, []).append(SimpleNamespace(conduct=conduct, score=score, model_name=mn,
                                                             model_version=mv, benchmark_id=bi, benchmark_version=bv,
                                                             created=created, id=xid))
        return SimpleNamespace(rows=rows, reviews=reviews, predictions=preds,
                               statutes={r.id: r for r in s.execute(sq)},
                               users=dict(s.execute(select(User.id, User.username)).all()))
    return transact(url, work)


def provision_bundle(url: str, provision_id: int, max_context: int = 8) -> SimpleNamespace | None:
    """One provision with its statute, latest suggestions, reviews, reviewers' names and up to
    ``max_context`` ancestors (nearest first); None if there is no such provision."""
    def work(s: Session):
        p = s.get(ProvisionRow, provision_id)
        if p is None:
            return None
        revs = list(s.scalars(select(Review).where(Review.provision_id == p.id)))
        ids = {r.user_id for r in revs}
        users = {u.id: u.username for u in s.scalars(select(User).where(User.id.in_(ids)))} if ids else {}
        ancestors, parent, seen = [], p.parent_eid, set()
        while parent and parent not in seen and len(ancestors) < max_context:
            seen.add(parent)
            anc = s.scalar(select(ProvisionRow).where(ProvisionRow.statute_id == p.statute_id,
                                                      ProvisionRow.eid == parent))
            if anc is None:
                break
            ancestors.append(anc)
            parent = anc.parent_eid
        return SimpleNamespace(
            provision=p, statute=s.get(Statute, p.statute_id), reviews=revs, users=users, ancestors=ancestors,
            suggestions=latest_suggestions(list(s.scalars(select(Prediction).where(Prediction.provision_id == p.id)))))
    return transact(url, work)


def statute_part(url: str, statute_id: int, pick: Callable[[list], list[str]]) -> SimpleNamespace:
    """Part of one statute, in one transaction: ``outline`` (every active provision's id, eid,
    parent_eid, kind, num, heading, ordinal and the first two characters of its text), the rows
    ``pick(outline)`` names by eid with their text (``rows``), the reviews of those (``reviews``
    per provision id) and reviewers' names."""
    def work(s: Session):
        outline = list(s.execute(select(ProvisionRow.id, ProvisionRow.eid, ProvisionRow.parent_eid, ProvisionRow.kind,
                                        ProvisionRow.num, ProvisionRow.heading, ProvisionRow.ordinal,
                                        func.substr(ProvisionRow.text, 1, 2).label("text")).where(
            ProvisionRow.statute_id == statute_id, ProvisionRow.active.is_(True))))
        ids = {r.eid: r.id for r in outline}
        wanted = [ids[e] for e in pick(outline) if e in ids]
        rows = {r.id: r for r in s.execute(select(ProvisionRow.id, ProvisionRow.eid, ProvisionRow.text)
                                            .where(ProvisionRow.id.in_(wanted or [-1])))}
        reviews: dict[int, list[Review]] = {}
        for r in s.scalars(select(Review).where(Review.provision_id.in_(wanted or [-1])).order_by(Review.id)):
            reviews.setdefault(r.provision_id, []).append(r)
        return SimpleNamespace(outline=outline, rows=[rows[i] for i in wanted if i in rows], reviews=reviews,
                               users=dict(s.execute(select(User.id, User.username)).all()))
    return transact(url, work)


def recent_decisions(url: str, user_id: int, n: int) -> list[dict]:
    """This reviewer's last ``n`` decisions still in force (the editable history)."""
    def work(s: Session) -> list[dict]:
        mine = list(s.scalars(select(Review).where(Review.user_id == user_id).order_by(Review.id.desc()).limit(200)))
        undone = {r.undoes_id for r in mine if r.decision == UNDO}
        live = [r for r in mine if r.decision != UNDO and r.id not in undone][:n]
        provs = {p.id: (p, st) for p, st in s.execute(select(ProvisionRow, Statute).join(Statute).where(
            ProvisionRow.id.in_([r.provision_id for r in live])))} if live else {}
        out = []
        for r in live:
            p, st = provs.get(r.provision_id, (None, None))
            out.append({"review_id": r.id, "provision_id": r.provision_id, "decision": r.decision,
                        "labels": r.labels, "eid": p.eid if p else None,
                        "statute_name": st.name if st else "", "statute_title": st.title if st else None,
                        "lang": st.lang if st else None,
                        "created": r.created.isoformat() + "Z"})
        return out
    return transact(url, work)


# -- appending decisions ---------------------------------------------------------------------------
def _bump_version(s: Session, provision_id: int, version: int) -> None:
    res = s.execute(update(ProvisionRow).where(ProvisionRow.id == provision_id, ProvisionRow.version == version)
                    .values(version=ProvisionRow.version + 1).execution_options(synchronize_session=False))
    if res.rowcount != 1:
        raise VersionConflict(provision_id)


def append_review(url: str, provision_id: int, base_version: int,
                  decide: Callable[[list[Prediction]], str] | None = None, **fields) -> tuple[int, str]:
    """Append one decision made against ``base_version`` (``VersionConflict`` if it is not current);
    the suggestions' model and benchmark versions are recorded with it. ``decide(suggestions)``,
    if given, names the decision from the suggestions read in the same transaction.
    Returns (review id, decision stored)."""
    def work(s: Session) -> tuple[int, str]:
        p = s.get(ProvisionRow, provision_id)
        if p is None:
            raise NoSuchProvision(provision_id)
        _bump_version(s, provision_id, base_version)
        sugg = latest_suggestions(list(s.scalars(select(Prediction).where(Prediction.provision_id == p.id))))
        if decide is not None:
            fields["decision"] = decide(sugg)
        top = sugg[0] if sugg else None
        r = Review(provision_id=p.id, text_hash=p.text_hash, base_version=base_version, version=base_version + 1,
                   model_name=top.model_name if top else None, model_version=top.model_version if top else None,
                   benchmark_id=top.benchmark_id if top else None,
                   benchmark_version=top.benchmark_version if top else None, **fields)
        s.add(r)
        s.flush()
        return r.id, r.decision
    return transact(url, work)


def append_undo(url: str, user_id: int, provision_id: int, review_id: int) -> int:
    """Withdraw a decision: an ``undo`` row and a version bump. Returns the new version."""
    def work(s: Session) -> int:
        p = s.get(ProvisionRow, provision_id)
        if s.scalar(select(Review.id).where(Review.undoes_id == review_id)) is not None:
            raise AlreadyUndone(review_id)
        v = p.version
        _bump_version(s, p.id, v)
        s.add(Review(provision_id=p.id, user_id=user_id, decision=UNDO, labels=[], text_hash=p.text_hash,
                     base_version=v, version=v + 1, undoes_id=review_id, source="web"))
        return v + 1
    return transact(url, work)


# -- export and import -----------------------------------------------------------------------------
def export_rows(url: str) -> SimpleNamespace:
    """Everything an export needs: usernames, reviews per provision (in order), predictions per
    provision, statutes by id, provisions in reading order."""
    def work(s: Session):
        reviews: dict[int, list[Review]] = {}
        for r in s.scalars(select(Review).order_by(Review.id)):
            reviews.setdefault(r.provision_id, []).append(r)
        preds: dict[int, list[Prediction]] = {}
        for p in s.scalars(select(Prediction)):
            preds.setdefault(p.provision_id, []).append(p)
        return SimpleNamespace(
            users={u.id: u.username for u in s.scalars(select(User))}, reviews=reviews, predictions=preds,
            statutes={st.id: st for st in s.scalars(select(Statute))},
            provisions=list(s.scalars(select(ProvisionRow).order_by(ProvisionRow.statute_id, ProvisionRow.ordinal))))
    return transact(url, work)


def match_record(s: Session, rec: dict) -> ProvisionRow | None:
    """The provision a record is about: same statute version and eid, else the same active text."""
    p = s.scalar(select(ProvisionRow).join(Statute).where(Statute.sha256 == rec["statute_sha256"],
                                                          ProvisionRow.eid == rec["eid"]))
    if p is None:
        p = s.scalar(select(ProvisionRow).where(ProvisionRow.text_hash == rec["text_hash"],
                                                ProvisionRow.active.is_(True)).order_by(ProvisionRow.id))
    return p


def _imported_review(s: Session, p: ProvisionRow, rv: dict, user: User, undoes: int | None, source: str) -> Review:
    v = p.version
    s.execute(update(ProvisionRow).where(ProvisionRow.id == p.id).values(version=v + 1)
              .execution_options(synchronize_session=False))
    p.version = v + 1
    created = rv["created"].rstrip("Z")
    row = Review(provision_id=p.id, user_id=user.id, decision=rv["decision"], labels=rv["labels"],
                 comment=rv.get("comment"), seconds=rv.get("seconds"),
                 created=dt.datetime.fromisoformat(created) if created else utcnow(),
                 text_hash=rv["text_hash"], base_version=v, version=v + 1, undoes_id=undoes,
                 model_name=rv.get("model_name"), model_version=rv.get("model_version"),
                 benchmark_id=rv.get("benchmark_id"), benchmark_version=rv.get("benchmark_version"),
                 guideline_version=rv.get("guideline_version"), source=source)
    s.add(row)
    s.flush()
    return row


def import_reviews(url: str, recs: list[dict], uid_of: Callable[..., str], check: Callable[[dict, dict], None],
                   source: str) -> dict:
    """Append the records' reviews to matching provisions in one transaction; returns counts.

    ``uid_of(statute_sha256, text_hash, reviewer, created_iso, decision, labels)`` identifies a
    review across stores (one already present is not added twice); ``check(rec, review)`` raises
    for a review that must not be imported. An unknown reviewer gets an account that cannot log in.
    """
    def work(s: Session) -> dict:
        counts = {"records": len(recs), "reviews_added": 0, "reviews_present": 0, "unmatched": 0}
        users = {u.username: u for u in s.scalars(select(User))}
        for rec in recs:
            p = match_record(s, rec)
            if p is None:
                counts["unmatched"] += 1
                continue
            st = s.get(Statute, p.statute_id)
            names = {u.id: u.username for u in users.values()}
            have: dict[str, Review] = {
                uid_of(st.sha256, r.text_hash, names.get(r.user_id, str(r.user_id)),
                       iso_utc(r.created), r.decision, r.labels): r
                for r in s.scalars(select(Review).where(Review.provision_id == p.id).order_by(Review.id))}
            by_uid = {k: v.id for k, v in have.items()}
            for rv in rec.get("reviews", []):
                check(rec, rv)
                uid = uid_of(st.sha256, rv["text_hash"], rv["reviewer"], rv["created"], rv["decision"], rv["labels"])
                if uid in have or rv.get("uid") in have:
                    counts["reviews_present"] += 1
                    by_uid[rv.get("uid", uid)] = have.get(uid, have.get(rv.get("uid"))).id
                    continue
                u = users.get(rv["reviewer"])
                if u is None:  # an account that cannot log in, so the history keeps its author
                    u = User(username=rv["reviewer"], password_hash="!imported", role="reviewer", active=False)
                    s.add(u)
                    s.flush()
                    users[u.username] = u
                undoes = by_uid.get(rv.get("undoes")) if rv.get("undoes") else None
                row = _imported_review(s, p, rv, u, undoes, source)
                by_uid[rv.get("uid", uid)] = row.id
                have[uid] = row
                counts["reviews_added"] += 1
        return counts
    return transact(url, work)


def iso_utc(d: dt.datetime) -> str:
    """A stored (naive UTC) time as exported: microseconds and a ``Z``."""
    return d.isoformat(timespec="microseconds") + "Z"
