"""What a reviewer can do, independent of the web: queue, view, review, undo.

Every write is one transaction retried on "database is locked". A review names the
provision version it was made against; the version is bumped with a conditional
UPDATE, so of two concurrent reviews against the same version exactly one wins and
the other gets ``Stale`` (HTTP 409) carrying the decision that won.
"""
from __future__ import annotations

import hashlib
from pathlib import Path

from pipeline.records import CONDUCT_IDS, COVERAGE_VALUES
from pipeline.resources import ANNOTATIONS_DIR
from pipeline.review.auth import DUMMY_HASH, hash_password, verify_password
from pipeline.review.citation import statute_title
from pipeline.review.queue import (  # noqa: F401  (re-exported: what a reviewer can do)
    DEFAULT_THRESHOLD,
    QueueFilter,
    progress,
    queue,
    queue_page,
    uncertainty_margin,
)
from pipeline.review.section import section_view  # noqa: F401  (re-exported)
from pipeline.store import reviews as db
from pipeline.store.queries import active_reviews
from pipeline.store.schema import DECISIONS, ROLES, Review, User

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
    return db.insert_user(url, username, hash_password(password), role)


def authenticate(url: str, username: str, password: str) -> dict | None:
    u = db.user_named(url, username)
    if u is None or not u.active:
        verify_password(DUMMY_HASH, password)  # same cost either way
        return None
    return user_dict(u) if verify_password(u.password_hash, password) else None


def get_user(url: str, user_id: int) -> dict | None:
    u = db.user_with_id(url, user_id)
    return user_dict(u) if u is not None and u.active else None


def user_named(url: str, username: str) -> dict | None:
    u = db.user_named(url, username)
    return user_dict(u) if u is not None else None


def set_user_active(url: str, username: str, active: bool) -> bool:
    """Deactivate (or reactivate) an account: a deactivated user can neither log in nor use a session."""
    return db.set_user_active(url, username, active)


def list_users(url: str) -> list[dict]:
    return [user_dict(u) for u in db.users_by_name(url)]


def user_dict(u: User) -> dict:
    return {"id": u.id, "username": u.username, "role": u.role}


# -- derived state -------------------------------------------------------------------
def review_dict(r: Review, users: dict[int, str]) -> dict:
    return {"review_id": r.id, "decision": r.decision, "labels": r.labels, "comment": r.comment,
            "reviewer": users.get(r.user_id, str(r.user_id)), "created": r.created.isoformat() + "Z",
            "version": r.version, "text_hash": r.text_hash}


def provision_view(url: str, provision_id: int, threshold: float = DEFAULT_THRESHOLD) -> dict:
    """Everything a reviewer needs for one provision (the JSON API and the page share it)."""
    b = db.provision_bundle(url, provision_id)
    if b is None:
        raise NotFound(f"no provision {provision_id}")
    p, st, sugg, users = b.provision, b.statute, b.suggestions, b.users
    act = active_reviews(b.reviews)
    context = [{"eid": anc.eid, "kind": anc.kind, "num": anc.num, "heading": anc.heading,
                "text": (anc.text or "")[:600]} for anc in reversed(b.ancestors)]
    current = review_dict(act[-1], users) if act else None
    return {
        "id": p.id, "statute": {"id": st.id, "name": st.name, "title": statute_title(st.name, st.title),
                                  "jurisdiction": st.jurisdiction, "lang": st.lang},
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


def exact_decision(labels: list[dict], suggested: dict[str, str]) -> str:
    """What a decision is, from what is stored: ``reject`` when no conduct is kept, ``accept`` only
    when the labels are the suggestion unchanged (same conducts, same coverage), else ``edit``.

    ``suggested`` maps each pre-selected suggestion (score at or above the threshold) to its
    coverage. A coverage change (partial -> full) is an edit, as is any added or removed conduct.
    """
    if not labels:
        return "reject"
    chosen = {lab["id"]: lab["coverage"] for lab in labels}
    return "accept" if chosen == suggested else "edit"


def submit_review(url: str, provision_id: int, user_id: int, labels, decision: str, version: int,
                  comment: str | None = None, seconds: float | None = None, source: str = "web",
                  threshold: float = DEFAULT_THRESHOLD) -> dict:
    """Append one decision if ``version`` is still current; returns ``{review_id, version, labels, decision}``.

    ``decision`` says what the reviewer meant (a ``reject`` must come without labels); the decision
    stored is the exact one (``exact_decision``) against the suggestions in force when it is saved.
    """
    clean = validate_labels(labels, decision)
    if comment is not None and len(comment) > 5000:
        raise InvalidReview("comment longer than 5000 characters")
    if not isinstance(version, int) or isinstance(version, bool):
        raise InvalidReview("version must be an integer")
    gv = guideline_version()

    def decide(sugg) -> str:
        return exact_decision(clean, {x.conduct: x.coverage for x in sugg if x.score >= threshold})

    try:
        rid, stored = db.append_review(
            url, provision_id, version, decide=decide, user_id=user_id, labels=clean, comment=comment or None,
            seconds=float(seconds) if isinstance(seconds, (int, float)) and seconds >= 0 else None,
            source=source, guideline_version=gv)
    except db.NoSuchProvision:
        raise NotFound(f"no provision {provision_id}") from None
    except db.VersionConflict:
        raise Stale(provision_view(url, provision_id)) from None
    return {"review_id": rid, "version": version + 1, "labels": clean, "decision": stored}


def recent_decisions(url: str, user_id: int, n: int = UNDO_DEPTH) -> list[dict]:
    """This reviewer's last ``n`` decisions still in force (the editable history), each naming its
    statute (title) and language, so identical eids of two versions are told apart."""
    out = []
    for d in db.recent_decisions(url, user_id, n):
        name, title = d.pop("statute_name"), d.pop("statute_title")
        out.append({**d, "statute": statute_title(name, title)})
    return out


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

    try:
        v = db.append_undo(url, user_id, target["provision_id"], target["review_id"])
    except db.AlreadyUndone:
        raise InvalidReview("already undone") from None
    except db.VersionConflict:
        raise Stale({}) from None
    return {"provision_id": target["provision_id"], "version": v, "undone_review_id": target["review_id"]}
