"""Reviewed labels as a spaCy ``DocBin`` (``lexbench review export --format docbin``).

Reads: review export records (``interop.export_records``). Writes: one ``.spacy`` file: a ``Doc``
per reviewed provision, ``doc.cats`` with 1.0 for each conduct of the final review and 0.0 for
the others (every conduct id, as ``textcat_multilabel`` trains on), the model's evidence for the
accepted conducts as spans in ``doc.spans["evidence"]`` (label = conduct id) and, in
``doc.user_data["lexbench"]``, the statute hash, eId, text hash and each conduct's coverage.
Provisions without a review (suggestions only) are left out: they are not labels.
"""
from __future__ import annotations

from pathlib import Path

from pipeline.files import atomic_writer
from pipeline.records import CONDUCT_IDS

SPAN_KEY = "evidence"


def _doc(nlp, rec: dict):
    doc = nlp.make_doc(rec["text"])
    final = {d["id"]: d.get("coverage", "full") for d in rec["final"]}
    doc.cats = {c: float(c in final) for c in CONDUCT_IDS}
    spans = []
    for s in rec["suggestions"]:
        ev = s.get("evidence") or ""
        at = rec["text"].find(ev) if ev and s["id"] in final else -1
        span = doc.char_span(at, at + len(ev), label=s["id"], alignment_mode="expand") if at >= 0 else None
        if span is not None:
            spans.append(span)
    doc.spans[SPAN_KEY] = spans
    doc.user_data["lexbench"] = {"statute_sha256": rec["statute_sha256"], "eid": rec["eid"],
                                 "text_hash": rec["text_hash"], "coverage": final}
    return doc


def write_docbin(recs: list[dict], out: Path, lang: str = "xx") -> int:
    """Write the reviewed provisions of ``recs`` to ``out``; returns how many."""
    import spacy
    from spacy.tokens import DocBin

    nlp = spacy.blank(lang)
    docbin = DocBin(store_user_data=True)
    n = 0
    for rec in recs:
        if rec.get("final") is None:
            continue
        docbin.add(_doc(nlp, rec))
        n += 1
    with atomic_writer(Path(out)) as fh:
        fh.write(docbin.to_bytes())
    return n
