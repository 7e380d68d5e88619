"""The review queue: which provisions a reviewer still has to decide, described the way a lawyer
cites them (statute title, jurisdiction, language, printed number, section heading), filtered by
statute, jurisdiction, conduct, status and reviewer, most uncertain first; and the reviewer's
progress today.

Reads: the store's queue inputs (``pipeline.store.reviews.queue_inputs``). Writes: nothing.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import ClassVar

from pipeline.review.citation import Tree, printed_number, statute_title
from pipeline.store.queries import active_reviews
from pipeline.store.reviews import latest_suggestions, queue_inputs

DEFAULT_THRESHOLD = 0.5
# todo: still needs this reviewer; unreviewed: nobody decided yet; reviewed: somebody did;
# accept/edit/reject: the decision in force is that one; all: every provision.
STATUSES = ("todo", "all", "unreviewed", "reviewed", "accept", "edit", "reject")


@dataclass(frozen=True)
class QueueFilter:
    """What the queue page's filters select; None = any."""

    statute: int | None = None
    jurisdiction: str | None = None
    conduct: str | None = None  # suggested by the model or in the decision in force
    status: str = "todo"
    reviewer: str | None = None  # user name with a decision in force on the provision
    STATUSES: ClassVar[tuple[str, ...]] = STATUSES


def uncertainty_margin(scores: list[float], threshold: float) -> float:
    """Distance of the closest score to the threshold; no suggestion counts as score 0."""
    return min((abs(x - threshold) for x in scores), default=threshold)


def _matches(f: QueueFilter, st, act, sugg, todo: bool, users: dict[int, str]) -> bool:
    status = act[-1].decision if act else "unreviewed"
    if f.status == "todo" and not todo or f.status == "unreviewed" and act or f.status == "reviewed" and not act:
        return False
    if f.status in ("accept", "edit", "reject") and status != f.status:
        return False
    if f.statute is not None and st.id != f.statute:
        return False
    if f.jurisdiction and (st.jurisdiction or "").lower() != f.jurisdiction.lower():
        return False
    if f.reviewer and f.reviewer not in {users.get(a.user_id) for a in act}:
        return False
    if f.conduct:
        decided = {lab["id"] for lab in (act[-1].labels or [])} if act else set()
        if f.conduct not in decided | {p.conduct for p in sugg}:
            return False
    return True


def _item(r, st, tree: Tree, act, sugg, users, threshold: float) -> dict:
    sec = tree.section(r.eid)
    scores = [p.score for p in sugg]
    near = min(scores, key=lambda x: abs(x - threshold)) if scores else None
    return {"id": r.id, "statute_id": r.statute_id, "ordinal": r.ordinal, "eid": r.eid, "num": r.num,
            "printed": printed_number(tree.chain(r.eid)), "heading": r.heading,
            "section_heading": sec.heading if sec is not None else None,
            "statute": statute_title(st.name, st.title), "jurisdiction": st.jurisdiction, "lang": st.lang,
            "max_score": max(scores, default=0.0), "score": near, "margin": uncertainty_margin(scores, threshold),
            "conducts": [p.conduct for p in sugg if p.score >= threshold],
            "status": act[-1].decision if act else "unreviewed",
            "reviewers": sorted({users.get(a.user_id, str(a.user_id)) for a in act}),
            "n_reviewers": len({a.user_id for a in act})}


def queue(url: str, user_id: int, limit: int = 20, order: str = "uncertainty", overlap: int = 1,
          threshold: float = DEFAULT_THRESHOLD, statute_id: int | None = None,
          filters: QueueFilter | None = None, blind: bool = False) -> list[dict]:
    """Provisions with text matching ``filters`` (default: those still needing this reviewer: fewer
    than ``overlap`` reviewers so far and none of them this one); most uncertain first (the
    stored score nearest the threshold), or in statute order. ``blind``: other reviewers'
    decisions are invisible (status, reviewer and conduct filters see only this reviewer's)."""
    f = filters or QueueFilter()
    if statute_id is not None:
        f = QueueFilter(statute_id, f.jurisdiction, f.conduct, f.status, f.reviewer)
    return _queue(queue_inputs(url, f.statute), user_id, f, order, overlap, threshold, blind, max(0, limit))[0]


def _queue(data, user_id: int, f: QueueFilter, order: str, overlap: int, threshold: float,
           blind: bool, limit: int | None = None) -> tuple[list[dict], int]:
    """(the first ``limit`` matching items, in order; how many matched). Only the items returned
    are described (number, headings, title), so a long queue costs little more than its count."""
    hits = []
    for r in data.rows:
        if not (r.text and r.text.strip()) or r.statute_id not in data.statutes:
            continue
        revs = data.reviews.get(r.id)
        act = active_reviews(revs) if revs else []
        who = {a.user_id for a in act}
        todo = user_id not in who and len(who) < overlap
        if blind:
            act = [a for a in act if a.user_id == user_id]
        sugg = latest_suggestions(data.predictions.get(r.id, []))
        st = data.statutes[r.statute_id]
        if not _matches(f, st, act, sugg, todo, data.users):
            continue
        scores = [x.score for x in sugg]
        key = ((r.statute_id, r.ordinal, r.id) if order == "statute" else
               (uncertainty_margin(scores, threshold), -max(scores, default=0.0), r.statute_id, r.ordinal, r.id))
        hits.append((key, r, st, act, sugg))
    hits.sort(key=lambda h: h[0])
    shown = hits[:limit]
    needed = {r.statute_id for _, r, *_ in shown}
    members: dict[int, list] = {sid: [] for sid in needed}
    for x in data.rows:  # one pass, however many statutes the page shows
        if x.statute_id in members:
            members[x.statute_id].append(x)
    trees = {sid: Tree(rows) for sid, rows in members.items()}
    out = [_item(r, st, trees[r.statute_id], act, sugg, data.users, threshold) for _, r, st, act, sugg in shown]
    return out, len(hits)


def queue_page(url: str, user_id: int, filters: QueueFilter, order: str = "uncertainty", overlap: int = 1,
               threshold: float = DEFAULT_THRESHOLD, blind: bool = False, limit: int = 200) -> dict:
    """The queue page from one read of the store: ``items`` (filtered, ``limit`` first), ``matched``
    (how many matched), the filters' ``options`` and the reviewer's ``progress``."""
    data = queue_inputs(url)
    items, matched = _queue(data, user_id, filters, order, overlap, threshold, blind, limit)
    sts = sorted(data.statutes.values(), key=lambda st: (st.jurisdiction or "", statute_title(st.name, st.title),
                                                          st.lang or "", st.id))
    options = {"statutes": [{"id": st.id, "label": f"{statute_title(st.name, st.title)} "
                                                  f"({st.jurisdiction or '?'}, {st.lang or '?'})"} for st in sts],
               "jurisdictions": sorted({st.jurisdiction for st in sts if st.jurisdiction}),
               "reviewers": sorted(data.users.values()), "statuses": list(STATUSES)}
    return {"items": items, "matched": matched, "options": options,
            "progress": _progress(data, user_id, overlap, threshold)}


def progress(url: str, user_id: int, overlap: int = 1, threshold: float = DEFAULT_THRESHOLD,
             today: dt.date | None = None) -> dict:
    """``{done, left, total}``: provisions this reviewer decided today (UTC; decisions in force),
    provisions still in their queue, and the sum (their queue as it stood this morning)."""
    return _progress(queue_inputs(url), user_id, overlap, threshold, today)


def _progress(data, user_id: int, overlap: int, threshold: float, today: dt.date | None = None) -> dict:
    day = today or dt.datetime.now(dt.timezone.utc).date()
    done = set()
    for pid, revs in data.reviews.items():
        for a in active_reviews(revs):
            if a.user_id == user_id and a.created.date() == day:
                done.add(pid)
    left = _left(data, user_id, overlap)
    return {"done": len(done), "left": left, "total": len(done) + left}


def _left(data, user_id: int, overlap: int) -> int:
    """How many provisions (with text) still need this reviewer: the queue's ``todo`` count,
    without describing or sorting anything (a provision nobody reviewed needs everyone)."""
    left = 0
    for r in data.rows:
        if not (r.text and r.text.strip()) or r.statute_id not in data.statutes:
            continue
        revs = data.reviews.get(r.id)
        if not revs:
            left += overlap > 0
            continue
        who = {a.user_id for a in active_reviews(revs)}
        left += user_id not in who and len(who) < overlap
    return left
