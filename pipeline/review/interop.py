"""Export and import of reviews (conduct and terminology): lexbench JSONL, Label Studio tasks,
Prodigy JSONL, HF datasets.

Every format carries the full lexbench record (under ``lexbench`` / ``meta.lexbench``),
so any export re-imports without loss; the format-native fields (Label Studio
``predictions``/``annotations``, Prodigy ``accept``/``answer``) are there for the
other tools. Model suggestions travel as predictions and are never imported as
reviews. Import appends reviews to provisions found by (statute sha256, eid), else by
text hash, skipping reviews already present, so importing twice changes nothing.
"""
from __future__ import annotations

import hashlib
import json
import math
from pathlib import Path

from pipeline.files import atomic_writer
from pipeline.records import CONDUCT_IDS
from pipeline.review.import_check import InvalidImport, check_record, parse_json
from pipeline.review import terms
from pipeline.review.service import InvalidReview, validate_labels
from pipeline.store.queries import active_reviews
from pipeline.store.reviews import export_rows, import_reviews, iso_utc as _iso, latest_suggestions
from pipeline.store.schema import UNDO

FORMATS = ("jsonl", "labelstudio", "prodigy", "hf")  # export and import; "docbin" (spaCy) is export only
RECORD = "lexbench.review/1"


def review_uid(sha: str, text_hash: str, reviewer: str, created: str, decision: str, labels) -> str:
    raw = json.dumps([sha, text_hash, reviewer, created, decision, labels], sort_keys=True)
    return hashlib.sha256(raw.encode()).hexdigest()[:20]


def export_records(url: str, reviewed_only: bool = False) -> list[dict]:
    """One record per provision with suggestions or reviews, reviews in order (undo rows included)."""
    db = export_rows(url)
    users, reviews, preds, statutes = db.users, db.reviews, db.predictions, db.statutes
    term_revs = terms.term_reviews_by_provision(url)
    out = []
    for p in db.provisions:
        revs, sugg = reviews.get(p.id, []), latest_suggestions(preds.get(p.id, []))
        if not revs and not term_revs.get(p.id) and (reviewed_only or not sugg):
            continue
        st = statutes[p.statute_id]
        uids: dict[int, str] = {}
        rows = []
        for r in revs:
            who = users.get(r.user_id, str(r.user_id))
            uid = review_uid(st.sha256, r.text_hash, who, _iso(r.created), r.decision, r.labels)
            uids[r.id] = uid
            rows.append({"uid": uid, "reviewer": who, "decision": r.decision, "labels": r.labels,
                         "comment": r.comment, "seconds": _finite(r.seconds), "created": _iso(r.created),
                         "text_hash": r.text_hash, "undoes": uids.get(r.undoes_id) if r.undoes_id else None,
                         "model_name": r.model_name, "model_version": r.model_version,
                         "benchmark_id": r.benchmark_id, "benchmark_version": r.benchmark_version,
                         "guideline_version": r.guideline_version, "source": r.source})
        act = active_reviews(revs)
        out.append({
            "schema": RECORD, "statute_sha256": st.sha256, "statute": st.name, "jurisdiction": st.jurisdiction,
            "eid": p.eid, "heading": p.heading, "text": p.text, "text_hash": p.text_hash,
            "suggestions": [{"id": x.conduct, "score": x.score, "coverage": x.coverage, "because": x.because,
                             "evidence": x.evidence_text, "model_name": x.model_name,
                             "model_version": x.model_version, "benchmark_id": x.benchmark_id,
                             "benchmark_version": x.benchmark_version} for x in sugg],
            "reviews": rows,
            "final": act[-1].labels if act else None,
        })
        if term_revs.get(p.id):
            out[-1]["term_reviews"] = terms.export_term_reviews(term_revs[p.id], users, st.sha256)
    return out


def _finite(x):
    """A stored number as JSON allows it (NaN/Infinity from an old import become null)."""
    return x if x is None or math.isfinite(x) else None


# -- format conversions -----------------------------------------------------------------
def labelstudio_user_id(reviewer: str) -> int:
    """Label Studio wants a user id in ``completed_by``: a stable number for the reviewer's name
    (the name itself goes in ``created_username`` and in the embedded record)."""
    return int(hashlib.sha256(reviewer.encode()).hexdigest()[:7], 16)


def to_labelstudio(rec: dict) -> dict:
    def result(labels, partial_note=True):
        out = [{"from_name": "conducts", "to_name": "text", "type": "choices",
                "value": {"choices": [d["id"] for d in labels]}}]
        partial = [d["id"] for d in labels if d.get("coverage") == "partial"]
        if partial and partial_note:
            out.append({"from_name": "partial", "to_name": "text", "type": "choices", "value": {"choices": partial}})
        return out
    preds = []
    if rec["suggestions"]:
        s0 = rec["suggestions"][0]
        preds.append({"model_version": f"{s0['model_name']}@{s0['model_version']}",
                      "score": min(x["score"] for x in rec["suggestions"]),
                      "result": result([x for x in rec["suggestions"]])})
    anns = [{"completed_by": labelstudio_user_id(r["reviewer"]), "created_username": r["reviewer"],
             "created_at": r["created"], "lead_time": r["seconds"],
             "was_cancelled": r["decision"] == UNDO, "result": result(r["labels"]),
             "meta": {"decision": r["decision"], "comment": r["comment"]}} for r in rec["reviews"]]
    return {"data": {"text": rec["text"], "eid": rec["eid"], "statute": rec["statute"], "lexbench": rec},
            "predictions": preds, "annotations": anns}


def to_prodigy(rec: dict) -> list[dict]:
    """One Prodigy ``choice`` task per review decision (``accept`` = chosen conducts); a provision
    with suggestions only is one ``ignore`` task (Prodigy's answers are accept, reject, ignore)."""
    base = {"text": rec["text"], "_view_id": "choice", "options": [{"id": c, "text": c.replace("_", " ")} for c in CONDUCT_IDS],
            "_input_hash": int(rec["text_hash"][:8], 16), "meta": {"eid": rec["eid"], "statute": rec["statute"]}}
    out = []
    for i, r in enumerate(rec["reviews"]):
        out.append({**base, "accept": [d["id"] for d in r["labels"]],
                    "answer": "ignore" if r["decision"] == UNDO else ("reject" if r["decision"] == "reject" else "accept"),
                    "_session_id": r["reviewer"], "_timestamp": r["created"],
                    "_task_hash": int(r["uid"][:8], 16),
                    "lexbench": rec if i == 0 else {"schema": RECORD, "statute_sha256": rec["statute_sha256"],
                                                    "eid": rec["eid"], "text_hash": rec["text_hash"],
                                                    "review": r}})
    if not rec["reviews"]:
        out.append({**base, "accept": [x["id"] for x in rec["suggestions"]], "answer": "ignore", "lexbench": rec})
    return out


def write_export(url: str, fmt: str, out: Path, reviewed_only: bool = False) -> int:
    out = Path(out)
    if out.is_dir() and fmt != "hf":
        raise InvalidImport(f"{out} is a folder: give --out a file name")
    recs = export_records(url, reviewed_only)
    if fmt == "docbin":
        from pipeline.review.docbin import write_docbin

        return write_docbin(recs, out)
    if fmt == "hf":
        from datasets import Dataset

        from pipeline.hf_features import review_features

        rows = [{"statute_sha256": r["statute_sha256"], "eid": r["eid"], "text": r["text"],
                 "text_hash": r["text_hash"], "labels": [d["id"] for d in (r["final"] or [])],
                 "reviewed": r["final"] is not None, "lexbench": json.dumps(r, ensure_ascii=False)} for r in recs]
        Dataset.from_list(rows, features=review_features()).save_to_disk(str(out))
        return len(recs)
    with atomic_writer(out, text=True) as fh:
        if fmt == "labelstudio":
            json.dump([to_labelstudio(r) for r in recs], fh, ensure_ascii=False, indent=1, allow_nan=False)
        else:
            for r in recs:
                for line in ([r] if fmt == "jsonl" else to_prodigy(r)):
                    fh.write(json.dumps(line, ensure_ascii=False, allow_nan=False) + "\n")
    return len(recs)


def read_records(fmt: str, path: Path) -> list[dict]:
    """Back to lexbench records (the embedded ones; other tools' extra fields are ignored),
    each checked; raises ``InvalidImport`` naming the file, line (or task) and the fault."""
    path = Path(path)
    name = path.name
    if fmt == "hf":
        from datasets import load_from_disk

        return [check_record(parse_json(r["lexbench"], f"{name}: row {i}"), f"{name}: row {i}")
                for i, r in enumerate(load_from_disk(str(path)), 1)]
    text = path.read_text(encoding="utf-8", errors="replace")
    if fmt == "labelstudio":
        tasks = parse_json(text, name)
        if not isinstance(tasks, list):
            raise InvalidImport(f"{name}: a Label Studio export is a JSON list of tasks")
        return [check_record(_embedded(t, ("data", "lexbench"), f"{name}: task {i}"), f"{name}: task {i}")
                for i, t in enumerate(tasks, 1)]
    lines = [(n, parse_json(x, f"{name}:{n}")) for n, x in enumerate(text.split("\n"), 1) if x.strip()]
    if fmt == "jsonl":
        return [check_record(v, f"{name}:{n}") for n, v in lines]
    recs: dict[tuple, dict] = {}
    for n, t in lines:
        lb = _embedded(t, ("lexbench",), f"{name}:{n}")
        if isinstance(lb, dict) and "reviews" in lb:
            lb = check_record(lb, f"{name}:{n}")
            recs[(lb["statute_sha256"], lb["eid"], lb["text_hash"])] = lb
    return list(recs.values())


def _embedded(value, keys: tuple[str, ...], where: str):
    for k in keys:
        if not isinstance(value, dict) or k not in value:
            raise InvalidImport(f"{where}: no embedded lexbench record ({'.'.join(keys)})")
        value = value[k]
    return value


def import_records(url: str, recs: list[dict], fmt: str = "jsonl") -> dict:
    """Append the records' reviews to matching provisions; returns counts."""
    def check(rec: dict, rv: dict) -> None:
        if rv["decision"] != UNDO:
            try:
                validate_labels(rv["labels"], rv["decision"])
            except InvalidReview as exc:
                raise ValueError(f"{rec['eid']}: review by {rv['reviewer']}: {exc}") from None

    for i, rec in enumerate(recs, 1):
        terms.check_term_reviews(rec, f"record {i} ({rec.get('eid')})")
    counts = import_reviews(url, recs, review_uid, check, source=f"import:{fmt}")
    return {**counts, **terms.import_term_reviews(url, recs, source=f"import:{fmt}")}


def reviewed_labels(url: str) -> dict[str, list[dict]]:
    """Final human labels per provision text hash, for training and evaluation.

    The latest decision in force per provision; where the same text was reviewed in
    several places, the most recent decision wins. Provisions with only model
    suggestions are absent: suggestions never count as reviewed.
    """
    out: dict[str, tuple] = {}
    for rec in export_records(url, reviewed_only=True):
        if rec["final"] is None:
            continue
        last = max(r["created"] for r in rec["reviews"] if r["decision"] != UNDO)
        if rec["text_hash"] not in out or out[rec["text_hash"]][0] < last:
            out[rec["text_hash"]] = (last, rec["final"])
    return {h: labels for h, (_, labels) in out.items()}
