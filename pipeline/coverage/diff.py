"""Old and new coverage matrices of a re-evaluation, cell by cell: gains, losses and why.

Reads: judged labels (``pipeline.coverage.rejudge``) and the store ``Snapshot``. Writes: nothing.
The matrices roll up with the coverage report's own rule (``matrix.cells_from``).
"""
from __future__ import annotations

from pipeline.benchmarks import Benchmark
from pipeline.classify.inputs import section_of
from pipeline.coverage.matrix import cells_from
from pipeline.coverage.snapshot import Prov, Snapshot
from pipeline.records import CONDUCT_IDS, NOT_REQUIRED as NA, RANK, STATUS_LABEL

UNKNOWN = "(unknown)"  # the jurisdiction of a statute stored without one


def _section(p: Prov, by_key: dict) -> str:
    return section_of(p, lambda q: by_key.get((q.statute_id, q.parent)))


def matrices(judged: dict, snap: Snapshot, bench: Benchmark) -> dict[str, dict[str, dict]]:
    """jurisdiction -> conduct -> {status, evidence[]}; any full provision makes the cell full."""
    provs = {p.id: p for p in snap.provisions}
    by_key = {(p.statute_id, p.eid): p for p in snap.provisions}
    found: dict[str, list] = {st.jurisdiction or UNKNOWN: [] for st in snap.statutes.values()}
    for (pid, cid), j in judged.items():
        p = provs[pid]
        st = snap.statutes[p.statute_id]
        found[st.jurisdiction or UNKNOWN].append((cid, {
            "statute": st.name, "statute_sha256": st.sha256, "eid": p.eid, "section": _section(p, by_key),
            "provision_id": pid, "coverage": j["coverage"], "because": j["because"], "span": j["span"]}))
    out = {}
    for jur, pairs in found.items():
        cells = cells_from(bench.conduct_ids, pairs)
        out[jur] = {cid: {"status": c.status, "evidence": c.evidence} for cid, c in cells.items()}
    return out


def _change(old: str, new: str) -> str:
    if old == new:
        return "same"
    if old == NA:
        return "added"
    if new == NA:
        return "removed"
    return "gain" if RANK[new] > RANK[old] else "loss"


def build_diff(old_m: dict, new_m: dict, old: Benchmark, new: Benchmark) -> dict:
    jurs = sorted(set(old_m) | set(new_m))
    conducts = [c for c in CONDUCT_IDS if c in old.conducts or c in new.conducts]
    out_j, changes = {}, []
    summary = {"gains": 0, "losses": 0, "added": 0, "removed": 0, "unchanged": 0,
               "added_by_status": {s: 0 for s in RANK}, "cells": 0}
    for jur in jurs:
        cells = {}
        for cid in conducts:
            oc = old_m.get(jur, {}).get(cid)
            nc = new_m.get(jur, {}).get(cid)
            o, n = (oc["status"] if oc else NA), (nc["status"] if nc else NA)
            kind = _change(o, n)
            ev_old, ev_new = (oc["evidence"] if oc else []), (nc["evidence"] if nc else [])
            olds = {(e["provision_id"]): e for e in ev_old}
            responsible = [e | {"old_coverage": olds[e["provision_id"]]["coverage"] if e["provision_id"] in olds else None}
                           for e in ev_new if e["provision_id"] not in olds
                           or olds[e["provision_id"]]["coverage"] != e["coverage"]]
            if kind == "removed":
                responsible = ev_old
            cell = {"old": o, "new": n, "old_label": STATUS_LABEL[o], "new_label": STATUS_LABEL[n],
                    "change": kind, "responsible": responsible, "evidence_old": ev_old, "evidence_new": ev_new}
            cells[cid] = cell
            summary["cells"] += 1
            if kind == "same":
                summary["unchanged"] += 1
            else:
                summary[{"gain": "gains", "loss": "losses", "added": "added", "removed": "removed"}[kind]] += 1
                if kind == "added":
                    summary["added_by_status"][n] += 1
                changes.append({"jurisdiction": jur, "conduct": cid, "old": o, "new": n, "change": kind,
                                "responsible": responsible})
        out_j[jur] = cells
    summary["jurisdictions_changed"] = sorted({c["jurisdiction"] for c in changes})
    summary["changed_cells"] = len(changes)
    summary["status_changed"] = sorted({(c["jurisdiction"], c["conduct"]) for c in changes
                                        if c["change"] in ("gain", "loss")
                                        or (c["change"] == "added" and c["new"] != "none")})
    summary["status_changed"] = [list(x) for x in summary["status_changed"]]
    return {"jurisdictions": out_j, "changes": changes, "summary": summary}


def needs_re_review(snap: Snapshot, found_new: dict, meaning: dict[str, list[str]]) -> list[dict]:
    """Reviews in force whose labels (or the provision's new labels) touch a conduct whose meaning moved."""
    provs = {p.id: p for p in snap.provisions}
    latest: dict[int, object] = {}
    for r in snap.reviews:  # oldest first: the last one per provision is in force
        latest[r.provision_id] = r
    out = []
    for pid, r in sorted(latest.items()):
        reviewed = {lab["id"]: lab.get("coverage") for lab in (r.labels or [])}
        predicted_now = {cid for (p, cid) in found_new if p == pid}
        touched = sorted((set(reviewed) | predicted_now) & set(meaning),
                         key=CONDUCT_IDS.index)
        if not touched:
            continue
        p = provs.get(pid)
        st = snap.statutes.get(p.statute_id) if p else None
        out.append({"review_id": r.id, "provision_id": pid, "statute": st.name if st else None,
                    "jurisdiction": st.jurisdiction if st else None, "eid": p.eid if p else None,
                    "decision": r.decision, "reviewed_labels": r.labels or [],
                    "reviewed_under": {"id": r.benchmark_id, "version": r.benchmark_version},
                    "conducts": {c: meaning[c] for c in touched}})
    return out
