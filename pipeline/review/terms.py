"""Reviewing terminology flags: a reviewer accepts or rejects a flag (is this outdated terminology
here?) and its suggested replacement (kept, changed to their own, or none), stored and audited
like conduct reviews: appended rows naming reviewer, time, the provision's text hash and the
guidelines in force; the newest decision per flag is in force.

A flag is named by its rule, the flagged text and where it starts in the provision's text, so
a decision stays attached when the statute is re-annotated with the same wording.

Reads: the flags of a provision and their reviews (``pipeline.store.term_reviews``).
Writes: ``term_reviews`` through the same module.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json

from pipeline.review.import_check import InvalidImport
from pipeline.store import term_reviews as db
from pipeline.store.reviews import NoSuchProvision
from pipeline.store.schema import REPLACEMENT_DECISIONS, TERM_DECISIONS

MAX_REPLACEMENT = 200


class InvalidTermReview(ValueError):
    """A decision that names no flag of the provision, or is not well formed (HTTP 422)."""


class NoProvision(LookupError):
    """No provision with that id (HTTP 404)."""


def _flags(b) -> list[dict]:
    out = []
    for i, t in enumerate(b.terms):
        start = int(t.get("start", 0)) - (b.start or 0)
        out.append({"index": i, "rule": str(t.get("rule") or ""), "term": str(t.get("text") or ""), "start": start,
                    "suggested": [str(x) for x in (t.get("replacement") or [])],
                    "severity": t.get("severity"), "reason": t.get("reason")})
    return out


def _key(rule: str, term: str, start: int) -> tuple[str, str, int]:
    return rule, term, start


def term_view(url: str, provision_id: int, viewer_id: int | None = None, blind: bool = False) -> list[dict]:
    """The provision's flags, each with ``current`` (the decision in force, or None) and ``n_reviews``;
    ``blind``: only the viewer's own decisions count (overlap review)."""
    b = db.term_bundle(url, provision_id)
    if b is None:
        raise NoProvision(f"no provision {provision_id}")
    flags = _flags(b)
    by_key = {_key(f["rule"], f["term"], f["start"]): f for f in flags}
    for f in flags:
        f.update(current=None, n_reviews=0)
    for r in b.reviews:
        f = by_key.get(_key(r.rule, r.term, r.term_start))
        if f is None or (blind and r.user_id != viewer_id):
            continue
        f["n_reviews"] += 1
        f["current"] = {"review_id": r.id, "decision": r.decision, "replacement_decision": r.replacement_decision,
                        "replacement": r.replacement, "comment": r.comment,
                        "reviewer": b.users.get(r.user_id, str(r.user_id)), "created": r.created.isoformat() + "Z",
                        "text_changed": r.text_hash != b.text_hash}
    return flags


def exact_replacement(suggested: list[str], replacement_decision: str | None, replacement) -> tuple[str, str | None]:
    """(replacement decision, replacement) as stored: ``accept`` keeps a suggested replacement (the
    first if none is named), ``edit`` stores the reviewer's own (one equal to a suggestion is an
    accept), ``reject`` stores none."""
    if replacement_decision not in REPLACEMENT_DECISIONS:
        raise InvalidTermReview(f"replacement_decision must be one of {', '.join(REPLACEMENT_DECISIONS)}")
    if replacement_decision == "reject":
        return "reject", None
    text = replacement.strip() if isinstance(replacement, str) else None
    if replacement_decision == "accept":
        if not suggested:
            raise InvalidTermReview("this flag suggests no replacement: edit or reject it")
        if text and text not in suggested:
            raise InvalidTermReview("an accepted replacement is one of the suggested ones (else: edit)")
        return "accept", text or suggested[0]
    if not text or len(text) > MAX_REPLACEMENT:
        raise InvalidTermReview(f"an edited replacement is 1-{MAX_REPLACEMENT} characters")
    return ("accept", text) if text in suggested else ("edit", text)


def submit_term_review(url: str, provision_id: int, user_id: int, body: dict, guideline_version: str | None = None,
                       source: str = "web") -> dict:
    """Append a decision on one flag; ``body``: ``{rule, term, start, decision, replacement_decision,
    replacement, comment}``. Returns what was stored."""
    b = db.term_bundle(url, provision_id)
    if b is None:
        raise NoProvision(f"no provision {provision_id}")
    start = body.get("start")
    if isinstance(start, bool) or not isinstance(start, int):
        raise InvalidTermReview("start must be an integer (the flag's offset in the provision)")
    want = _key(str(body.get("rule", "")), str(body.get("term", "")), start)
    flag = next((f for f in _flags(b) if _key(f["rule"], f["term"], f["start"]) == want), None)
    if flag is None:
        raise InvalidTermReview("no such terminology flag on this provision")
    decision = body.get("decision")
    if decision not in TERM_DECISIONS:
        raise InvalidTermReview(f"decision must be one of {', '.join(TERM_DECISIONS)}")
    rdec, repl = (None, None)
    if decision == "accept":
        rdec, repl = exact_replacement(flag["suggested"], body.get("replacement_decision"), body.get("replacement"))
    elif body.get("replacement_decision") not in (None, "reject") or body.get("replacement"):
        raise InvalidTermReview("a rejected flag has no replacement")
    comment = body.get("comment") if isinstance(body.get("comment"), str) else None
    if comment is not None and len(comment) > 5000:
        raise InvalidTermReview("comment longer than 5000 characters")
    try:
        rid = db.append_term_review(url, provision_id, user_id=user_id, rule=flag["rule"], term=flag["term"],
                                    term_start=flag["start"], decision=decision, suggested=flag["suggested"],
                                    replacement_decision=rdec, replacement=repl, comment=comment or None,
                                    guideline_version=guideline_version, source=source)
    except NoSuchProvision:
        raise NoProvision(f"no provision {provision_id}") from None
    return {"review_id": rid, "rule": flag["rule"], "term": flag["term"], "start": flag["start"],
            "decision": decision, "replacement_decision": rdec, "replacement": repl}


# -- export and import (``interop`` carries them in every format's embedded lexbench record) ----------
def term_review_uid(statute_sha256: str, rv: dict) -> str:
    """A terminology review's identity across stores (importing twice adds nothing)."""
    raw = json.dumps([statute_sha256, rv["text_hash"], rv["reviewer"], rv["created"], rv["rule"], rv["term"],
                      rv["start"], rv["decision"], rv.get("replacement_decision"), rv.get("replacement")],
                     sort_keys=True)
    return hashlib.sha256(raw.encode()).hexdigest()[:20]


def export_term_reviews(revs, users: dict[int, str], statute_sha256: str) -> list[dict]:
    out = []
    for r in revs:
        rv = db.exported(r, users)
        out.append({"uid": term_review_uid(statute_sha256, rv), **rv})
    return out


def check_term_reviews(rec: dict, where: str) -> list[dict]:
    """A record's ``term_reviews``, each checked as a decision the web would accept; else ``InvalidImport``."""
    revs = rec.get("term_reviews") or []
    if not isinstance(revs, list):
        raise InvalidImport(f"{where}: term_reviews must be a list")
    out = []
    for i, rv in enumerate(revs, 1):
        at = f"{where}: term review {i}"
        if not isinstance(rv, dict):
            raise InvalidImport(f"{at}: must be an object")
        ok = (all(isinstance(rv.get(k), str) and rv[k] for k in ("reviewer", "rule", "term", "text_hash", "created"))
              and isinstance(rv.get("start"), int) and not isinstance(rv.get("start"), bool)
              and isinstance(rv.get("suggested"), list) and all(isinstance(x, str) for x in rv["suggested"])
              and rv.get("decision") in TERM_DECISIONS
              and all(rv.get(k) is None or isinstance(rv[k], str)
                      for k in ("replacement", "comment", "guideline_version")))
        if not ok:
            raise InvalidImport(f"{at}: needs reviewer, rule, term, start, decision, suggested, text_hash, created")
        try:
            if rv["decision"] == "accept":
                stored = exact_replacement(rv["suggested"], rv.get("replacement_decision"), rv.get("replacement"))
                if stored != (rv.get("replacement_decision"), rv.get("replacement")):
                    raise InvalidTermReview("the replacement is not stored exactly as its decision says")
            elif rv.get("replacement_decision") is not None or rv.get("replacement") is not None:
                raise InvalidTermReview("a rejected flag has no replacement")
            dt.datetime.fromisoformat(rv["created"].rstrip("Z"))
        except (InvalidTermReview, ValueError) as exc:
            raise InvalidImport(f"{at}: {exc}") from None
        out.append(rv)
    return out


def term_reviews_by_provision(url: str) -> dict[int, list]:
    return db.term_reviews_by_provision(url)


def import_term_reviews(url: str, recs: list[dict], source: str) -> dict:
    return db.import_term_reviews(url, recs, term_review_uid, source)
