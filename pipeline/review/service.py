"""What a reviewer can do, independent of the web: queue, view, review, undo.

Every write is one transaction retried on "database is locked". A review names the
provision version it was made against; the version is bumped with a conditional
UPDATE, so of two concurrent reviews against the same version exactly one wins and
the other gets ``Stale`` (HTTP 409) carrying the decision that won.
"""
from __future__ import annotations

import hashlib
from types import SimpleNamespace
from pathlib import Path

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from pipeline.resources import ANNOTATIONS_DIR
from pipeline.records import CONDUCT_IDS, COVERAGE_VALUES
from pipeline.store import Prediction, ProvisionRow, Statute, transact
from pipeline.store.queries import active_reviews
from pipeline.review.auth import DUMMY_HASH, hash_password, verify_password
from pipeline.store.schema import DECISIONS, ROLES, UNDO, Review, User

DEFAULT_THRESHOLD = 0.5
UNDO_DEPTH = 10  # the last N decisions of a reviewer stay editable (Prodigy's history)
GUIDELINES = ANNOTATIONS_DIR / "GUIDELINES.md"


class ReviewError(Exception):
    """Base for the errors a reviewer can cause."""


class InvalidReview(ReviewError):
    """Bad labels or decision (HTTP 422)."""


class NotFound(ReviewError):
    pass


class Stale(ReviewError):
    """The provision changed since the reviewer loaded it (HTTP 409)."""

    def __init__(self, current: dict):
        super().__init__("this provision was reviewed by someone else in the meantime")
        self.current = current


# -- users ---------------------------------------------------------------------------
def add_user(url: str, username: str, password: str, role: str = "reviewer") -> int:
    username = username.strip()
    if not username or len(username) > 64 or not username.replace("_", "").replace("-", "").replace(".", "").isalnum():
        raise ValueError("user names are 1-64 letters, digits, '.', '_' or '-'")
    if role not in ROLES:
        raise ValueError(f"role must be one of {', '.join(ROLES)}")
    pw_hash = hash_password(password)

    def work(s: Session) -> int:
        if s.scalar(select(User.id).where(User.username == username)) is not None:
            raise ValueError(f"user {username!r} already exists")
        u = User(username=username, password_hash=pw_hash, role=role)
        s.add(u)
        s.flush()
        return u.id
    return transact(url, work)


def authenticate(url: str, username: str, password: str) -> dict | None:
    u = transact(url, lambda s: s.scalar(select(User).where(User.username == username)))
    if u is None or not u.active:
        verify_password(DUMMY_HASH, password)  # same cost either way
        return None
    return user_dict(u) if verify_password(u.password_hash, password) else None


def get_user(url: str, user_id: int) -> dict | None:
    u = transact(url, lambda s: s.get(User, user_id))
    return user_dict(u) if u is not None and u.active else None


def list_users(url: str) -> list[dict]:
    return transact(url, lambda s: [user_dict(u) for u in s.scalars(select(User).order_by(User.username))])


def user_dict(u: User) -> dict:
    return {"id": u.id, "username": u.username, "role": u.role}


# -- derived state -------------------------------------------------------------------
def _reviews_of(s: Session, provision_ids) -> dict[int, list[Review]]:
    out: dict[int, list[Review]] = {}
    ids = list(provision_ids)
    for i in range(0, len(ids), 500):
        for r in s.scalars(select(Review).where(Review.provision_id.in_(ids[i:i + 500]))):
            out.setdefault(r.provision_id, []).append(r)
    return out


def latest_suggestions(preds: list[Prediction]) -> list[Prediction]:
    """The predictions of the most recent (model, benchmark) version for one provision."""
    if not preds:
        return []
    key = lambda p: (p.model_name, p.model_version, p.benchmark_id, p.benchmark_version)  # noqa: E731
    newest = max(preds, key=lambda p: (p.created, p.id))
    return sorted((p for p in preds if key(p) == key(newest)), key=lambda p: -p.score)


def uncertainty_margin(scores: list[float], threshold: float) -> float:
    """Distance of the closest score to the threshold; no suggestion counts as score 0."""
    return min((abs(x - threshold) for x in scores), default=threshold)


def queue(url: str, user_id: int, limit: int = 20, order: str = "uncertainty", overlap: int = 1,
          threshold: float = DEFAULT_THRESHOLD, statute_id: int | None = None) -> list[dict]:
    """Provisions still needing this reviewer: fewer than ``overlap`` reviewers so far
    and none of them this one; most uncertain first (or in statute order)."""
    def work(s: Session) -> list[dict]:
        q = select(ProvisionRow.id, ProvisionRow.statute_id, ProvisionRow.ordinal, ProvisionRow.eid,
                   ProvisionRow.num, ProvisionRow.heading, ProvisionRow.text).where(ProvisionRow.active.is_(True))
        if statute_id is not None:
            q = q.where(ProvisionRow.statute_id == statute_id)
        rows = [r for r in s.execute(q) if r.text and r.text.strip()]
        # plain column tuples, not ORM objects: this runs on every page view
        reviews: dict[int, list] = {}
        for rid, pid, uid, decision, undoes in s.execute(select(
                Review.id, Review.provision_id, Review.user_id, Review.decision, Review.undoes_id)):
            reviews.setdefault(pid, []).append(SimpleNamespace(id=rid, user_id=uid, decision=decision, undoes_id=undoes))
        preds: dict[int, list] = {}
        for pid, score, mn, mv, bi, bv, created, xid in s.execute(select(
                Prediction.provision_id, Prediction.score, Prediction.model_name, Prediction.model_version,
                Prediction.benchmark_id, Prediction.benchmark_version, Prediction.created, Prediction.id)):
            preds.setdefault(pid, []).append(SimpleNamespace(score=score, model_name=mn, model_version=mv,
                                                             benchmark_id=bi, benchmark_version=bv,
                                                             created=created, id=xid))
        out = []
        for r in rows:
            act = active_reviews(reviews.get(r.id, []))
            who = {a.user_id for a in act}
            if user_id in who or len(who) >= overlap:
                continue
            sugg = latest_suggestions(preds.get(r.id, []))
            out.append({"id": r.id, "statute_id": r.statute_id, "ordinal": r.ordinal, "eid": r.eid, "num": r.num,
                        "heading": r.heading, "max_score": max((p.score for p in sugg), default=0.0),
                        "margin": uncertainty_margin([p.score for p in sugg], threshold),
                        "n_reviewers": len(who)})
        if order == "statute":
            out.sort(key=lambda d: (d["statute_id"], d["ordinal"]))
        else:
            out.sort(key=lambda d: (d["margin"], -d["max_score"], d["statute_id"], d["ordinal"]))
        return out[:max(0, limit)]
    return transact(url, work)


def review_dict(r: Review, users: dict[int, str]) -> dict:
    return {"review_id": r.id, "decision": r.decision, "labels": r.labels, "comment": r.comment,
            "reviewer": users.get(r.user_id, str(r.user_id)), "created": r.created.isoformat() + "Z",
            "version": r.version, "text_hash": r.text_hash}


def _usernames(s: Session, ids) -> dict[int, str]:
    ids = set(ids)
    return {u.id: u.username for u in s.scalars(select(User).where(User.id.in_(ids)))} if ids else {}


def provision_view(url: str, provision_id: int, threshold: float = DEFAULT_THRESHOLD) -> dict:
    """Everything a reviewer needs for one provision (the JSON API and the page share it)."""
    def work(s: Session) -> dict:
        p = s.get(ProvisionRow, provision_id)
        if p is None:
            raise NotFound(f"no provision {provision_id}")
        st = s.get(Statute, p.statute_id)
        sugg = latest_suggestions(list(s.scalars(select(Prediction).where(Prediction.provision_id == p.id))))
        revs = _reviews_of(s, [p.id]).get(p.id, [])
        act = active_reviews(revs)
        users = _usernames(s, [r.user_id for r in revs])
        context, parent = [], p.parent_eid
        seen = set()
        while parent and parent not in seen and len(context) < 8:
            seen.add(parent)
            anc = s.scalar(select(ProvisionRow).where(ProvisionRow.statute_id == p.statute_id,
                                                      ProvisionRow.eid == parent))
            if anc is None:
                break
            context.append({"eid": anc.eid, "kind": anc.kind, "num": anc.num, "heading": anc.heading,
                            "text": (anc.text or "")[:600]})
            parent = anc.parent_eid
        context.reverse()
        current = review_dict(act[-1], users) if act else None
        return {
            "id": p.id, "statute": {"id": st.id, "name": st.name, "jurisdiction": st.jurisdiction},
            "eid": p.eid, "kind": p.kind, "num": p.num, "heading": p.heading, "text": p.text,
            "text_hash": p.text_hash, "page": p.page, "active": p.active, "version": p.version,
            "context": context, "terms": p.terms or [],
            "suggestions": [{"id": x.conduct, "score": round(x.score, 4), "coverage": x.coverage,
                             "because": x.because, "evidence": x.evidence_text,
                             "preselected": x.score >= threshold} for x in sugg],
            "model": ({"name": sugg[0].model_name, "version": sugg[0].model_version} if sugg else None),
            "benchmark": ({"id": sugg[0].benchmark_id, "version": sugg[0].benchmark_version} if sugg else None),
            "current": current,
            "current_text_changed": bool(current and current["text_hash"] != p.text_hash),
            "reviews": [review_dict(r, users) for r in act],
            "threshold": threshold,
        }
    return transact(url, work)


def validate_labels(labels, decision: str) -> list[dict]:
    if decision not in DECISIONS:
        raise InvalidReview(f"decision must be one of {', '.join(DECISIONS)}")
    if not isinstance(labels, list):
        raise InvalidReview("labels must be a list")
    out, seen = [], set()
    for lab in labels:
        if not isinstance(lab, dict):
            raise InvalidReview("each label is an object {id, coverage}")
        cid, cov = lab.get("id"), lab.get("coverage", "full")
        if cid not in CONDUCT_IDS:
            raise InvalidReview(f"unknown conduct id {cid!r}")
        if cov not in COVERAGE_VALUES:
            raise InvalidReview(f"coverage must be one of {', '.join(COVERAGE_VALUES)}")
        if cid in seen:
            raise InvalidReview(f"conduct {cid!r} given twice")
        seen.add(cid)
        out.append({"id": cid, "coverage": cov})
    if decision == "reject" and out:
        raise InvalidReview("a rejection records that no conduct applies: give no labels")
    return sorted(out, key=lambda d: CONDUCT_IDS.index(d["id"]))


_GUIDE_CACHE: dict[tuple, str] = {}


def guideline_version(path: Path = GUIDELINES) -> str | None:
    """Content hash of the guidelines in force, so each review says which rules it followed."""
    try:
        st = path.stat()
    except OSError:
        return None
    key = (str(path), st.st_mtime_ns, st.st_size)
    if key not in _GUIDE_CACHE:
        _GUIDE_CACHE[key] = "sha256:" + hashlib.sha256(path.read_bytes()).hexdigest()[:16]
    return _GUIDE_CACHE[key]


def submit_review(url: str, provision_id: int, user_id: int, labels, decision: str, version: int,
                  comment: str | None = None, seconds: float | None = None, source: str = "web") -> dict:
    """Append one decision if ``version`` is still current; returns ``{review_id, version}``."""
    clean = validate_labels(labels, decision)
    if comment is not None and len(comment) > 5000:
        raise InvalidReview("comment longer than 5000 characters")
    if not isinstance(version, int) or isinstance(version, bool):
        raise InvalidReview("version must be an integer")
    gv = guideline_version()

    def work(s: Session) -> dict:
        p = s.get(ProvisionRow, provision_id)
        if p is None:
            raise NotFound(f"no provision {provision_id}")
        res = s.execute(update(ProvisionRow).where(ProvisionRow.id == provision_id, ProvisionRow.version == version)
                        .values(version=ProvisionRow.version + 1).execution_options(synchronize_session=False))
        if res.rowcount != 1:
            raise Stale({})
        sugg = latest_suggestions(list(s.scalars(select(Prediction).where(Prediction.provision_id == p.id))))
        r = Review(provision_id=p.id, user_id=user_id, decision=decision, labels=clean, comment=comment or None,
                   seconds=float(seconds) if isinstance(seconds, (int, float)) and seconds >= 0 else None,
                   text_hash=p.text_hash, base_version=version, version=version + 1, source=source,
                   guideline_version=gv,
                   model_name=sugg[0].model_name if sugg else None,
                   model_version=sugg[0].model_version if sugg else None,
                   benchmark_id=sugg[0].benchmark_id if sugg else None,
                   benchmark_version=sugg[0].benchmark_version if sugg else None)
        s.add(r)
        s.flush()
        return {"review_id": r.id, "version": version + 1, "labels": clean, "decision": decision}

    try:
        return transact(url, work)
    except Stale:
        raise Stale(provision_view(url, provision_id)) from None


def recent_decisions(url: str, user_id: int, n: int = UNDO_DEPTH) -> list[dict]:
    """This reviewer's last ``n`` decisions still in force (the editable history)."""
    def work(s: Session) -> list[dict]:
        mine = list(s.scalars(select(Review).where(Review.user_id == user_id).order_by(Review.id.desc()).limit(200)))
        undone = {r.undoes_id for r in mine if r.decision == UNDO}
        live = [r for r in mine if r.decision != UNDO and r.id not in undone][:n]
        provs = {p.id: p for p in s.scalars(select(ProvisionRow).where(
            ProvisionRow.id.in_([r.provision_id for r in live])))} if live else {}
        return [{"review_id": r.id, "provision_id": r.provision_id, "decision": r.decision, "labels": r.labels,
                 "eid": provs[r.provision_id].eid if r.provision_id in provs else None,
                 "created": r.created.isoformat() + "Z"} for r in live]
    return transact(url, work)


def undo(url: str, user_id: int, review_id: int | None = None) -> dict | None:
    """Withdraw one of this reviewer's last ``UNDO_DEPTH`` decisions (default: the latest).

    Appends an ``undo`` row and bumps the provision version; returns
    ``{provision_id, version}`` or None when there is nothing to undo.
    """
    recent = recent_decisions(url, user_id)
    if not recent:
        return None
    target = recent[0] if review_id is None else next((d for d in recent if d["review_id"] == review_id), None)
    if target is None:
        raise InvalidReview("only your last 10 decisions can be undone")

    def work(s: Session) -> dict:
        p = s.get(ProvisionRow, target["provision_id"])
        if s.scalar(select(Review.id).where(Review.undoes_id == target["review_id"])) is not None:
            raise InvalidReview("already undone")
        v = p.version
        res = s.execute(update(ProvisionRow).where(ProvisionRow.id == p.id, ProvisionRow.version == v)
                        .values(version=v + 1).execution_options(synchronize_session=False))
        if res.rowcount != 1:
            raise Stale({})
        s.add(Review(provision_id=p.id, user_id=user_id, decision=UNDO, labels=[], text_hash=p.text_hash,
                     base_version=v, version=v + 1, undoes_id=target["review_id"], source="web"))
        return {"provision_id": p.id, "version": v + 1, "undone_review_id": target["review_id"]}
    return transact(url, work)
