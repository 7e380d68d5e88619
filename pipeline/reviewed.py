"""Reviewed labels from the review store, as training rows (the learning loop).

Reads: a review store (``--db URL``): the reviewers' decisions in force and the provisions and
statutes they concern. Gives: ``ReviewedItem``s shaped like gold items, ``apply_reviews`` (reviews
override the annotations of the same provision text) and ``reviews_hash`` (part of a model version).
"""
from __future__ import annotations

import dataclasses
import hashlib
import json
from dataclasses import dataclass

from pipeline.classify.inputs import ClassifyItem, Node, classify_items
from pipeline.gold import labels_from_gold
from pipeline.records import CONDUCT_IDS


@dataclass
class ReviewedItem:
    """A provision's current human-reviewed labels, shaped like a gold item so the
    training and CV code can use it as one (``item_from_gold``/``labels_from_gold``)."""

    text_hash: str
    labels: dict[str, str]
    text: str
    context: str
    jurisdiction: str
    statute: str
    eid: str
    heading: str | None = None
    kind: str | None = None
    lang: str | None = None
    section_eid: str | None = None
    synthetic: bool = False
    detail: str = ""
    before: str = ""
    after: str = ""
    glossary: str = ""


def load_reviews(url: str) -> list[ReviewedItem]:
    """Current reviewed labels in the store at ``url``, one per text hash.

    Labels come from ``pipeline.review.interop.reviewed_labels`` (latest decision in
    force; undone decisions dropped; model suggestions, imported or not, never count).
    Text and classifier input (context, detail, siblings, glossary: ``classify_items``, the
    builder annotate uses) and the statute's jurisdiction come from the store, for reviewed
    provisions not in the gold.
    """
    from pipeline.review.interop import reviewed_labels
    from pipeline.store.queries import provisions_with_text

    final = reviewed_labels(url)
    if not final:
        return []
    out: dict[str, ReviewedItem] = {}
    rows, trees = provisions_with_text(url, list(final))
    inputs: dict[int, dict[str, ClassifyItem]] = {}
    for p, st in rows:
        if p.text_hash in out:
            continue
        if st.id not in inputs:
            inputs[st.id] = _statute_inputs(list(trees[st.id].values()), st.lang)
        item = inputs[st.id].get(p.eid) or ClassifyItem(text=p.text or "", heading=p.heading, lang=st.lang,
                                                         kind=p.kind)
        labs = {d["id"]: d.get("coverage", "full") for d in final[p.text_hash] or []}
        out[p.text_hash] = ReviewedItem(
            text_hash=p.text_hash, labels={c: v for c, v in labs.items() if c in CONDUCT_IDS
                                           and v in ("full", "partial")},
            text=p.text, context=item.context, jurisdiction=st.jurisdiction or "?",
            statute=st.path or st.name, eid=p.eid, heading=p.heading, kind=p.kind, lang=st.lang,
            section_eid=p.eid, detail=item.detail, before=item.before, after=item.after,
            glossary=item.glossary)
    return sorted(out.values(), key=lambda r: r.text_hash)


def _statute_inputs(provisions: list, lang: str | None) -> dict[str, ClassifyItem]:
    """eid -> classifier input of each active stored provision of one statute, built in
    document order as annotate built it."""
    active = sorted((q for q in provisions if q.active), key=lambda q: (q.ordinal, q.id))
    items = classify_items([Node(q.eid, q.parent_eid, q.kind, q.text or "", q.heading) for q in active], lang)
    return {q.eid: item for q, item in zip(active, items)}


def reviews_hash(reviews: list[ReviewedItem]) -> str:
    """Digest of the reviewed labels: part of a model's version, so new reviews mean a new version."""
    rows = sorted(json.dumps([r.text_hash, sorted(r.labels.items())]) for r in reviews)
    return hashlib.sha256("\n".join(rows).encode()).hexdigest()


@dataclass
class ReviewMerge:
    rows: list  # gold rows with reviewed labels applied, then reviewed provisions not in the gold
    overridden: int = 0  # gold rows whose text hash was reviewed
    changed: int = 0  # ... of which the reviewed labels differ from the annotations
    added: int = 0  # reviewed provisions with no gold row


def apply_reviews(rows: list, reviews: list[ReviewedItem]) -> ReviewMerge:
    """Reviews override the annotations of every row with the same text hash; the rest are added."""
    by_hash = {r.text_hash: r for r in reviews}
    used: set[str] = set()
    merged = ReviewMerge(rows=[])
    for g in rows:
        h = g.get("text_hash") if isinstance(g, dict) else getattr(g, "text_hash", None)
        r = by_hash.get(h) if h else None
        if r is None:
            merged.rows.append(g)
            continue
        used.add(h)
        merged.overridden += 1
        if labels_from_gold(g) != r.labels:
            merged.changed += 1
        if isinstance(g, dict):
            merged.rows.append({**g, "labels": dict(r.labels)})
        elif dataclasses.is_dataclass(g):
            merged.rows.append(dataclasses.replace(g, labels=dict(r.labels)))
        else:
            merged.rows.append(r)
    for r in reviews:
        if r.text_hash not in used:
            merged.rows.append(r)
            merged.added += 1
    return merged
