"""The section a provision belongs to, as a reviewer judges it: an offence is often spread over a
section's paragraphs (a)-(d), so the review page shows the section heading and every sibling
with its text and the decision in force.

Reads: one statute's provision tree and the section's texts and reviews (``store.reviews.statute_part``).
Writes: nothing.
"""
from __future__ import annotations

from pipeline.review.citation import Tree
from pipeline.store.queries import active_reviews
from pipeline.store.reviews import statute_part

MAX_MEMBERS = 60  # a section longer than this shows the provisions nearest the one under review


def section_view(url: str, statute_id: int, eid: str, viewer_id: int | None = None, blind: bool = False) -> dict:
    """``{eid, printed, heading, kind, members: [{id, eid, printed, heading, text, depth, self,
    decision, labels, reviewer}]}`` for the section of ``eid``; ``blind`` shows only the viewer's
    own decisions (overlap review)."""
    found: dict = {}

    def pick(outline) -> list[str]:
        tree = Tree(outline)
        sec = tree.section(eid)
        members = tree.members(sec.eid) if sec is not None else [eid]
        if len(members) > MAX_MEMBERS and eid in members:
            i = members.index(eid)
            members = members[max(0, i - MAX_MEMBERS // 2):][:MAX_MEMBERS]
        found.update(tree=tree, section=sec)
        return members

    part = statute_part(url, statute_id, pick)
    tree, sec = found.get("tree"), found.get("section")
    if tree is None:
        return {"eid": eid, "printed": "", "heading": None, "kind": None, "members": []}
    members = []
    base_depth = len(tree.chain(sec.eid)) if sec is not None else 0
    for r in part.rows:
        act = active_reviews(part.reviews.get(r.id, []))
        if blind:
            act = [a for a in act if a.user_id == viewer_id]
        cur = act[-1] if act else None
        node = tree.by_eid[r.eid]
        members.append({"id": r.id, "eid": r.eid, "printed": tree.printed(r.eid), "heading": node.heading,
                        "num": node.num, "text": r.text or "", "depth": len(tree.chain(r.eid)) - base_depth,
                        "self": r.eid == eid, "decision": cur.decision if cur else None,
                        "labels": [lab["id"] for lab in cur.labels] if cur else [],
                        "reviewer": part.users.get(cur.user_id) if cur else None})
    return {"eid": sec.eid if sec else eid, "printed": tree.printed(sec.eid) if sec else tree.printed(eid),
            "heading": sec.heading if sec else None, "kind": sec.kind if sec else None, "members": members}
