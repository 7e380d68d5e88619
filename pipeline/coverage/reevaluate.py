"""Re-judge every stored statute under a new benchmark and say what changed, where and why.

Benchmarks move; statutes do not. So a re-evaluation never re-extracts: it reads the
stored provisions and the stored model predictions (which conducts a provision covers, and
the evidence span), and re-judges full/partial under the old and the new benchmark with
the same ``judge`` both sides, so a cell changes only because the benchmark did. The model
runs again only where the store cannot answer: a conduct the stored predictions were never
asked about (new in a benchmark, or with different cues), or a model version with no stored
predictions.

``--if-changed`` makes it cheap to schedule: a fingerprint of everything the result depends
on (benchmark file hashes, model version, statute hashes, reviews) is kept in ``Run.stats``;
when it equals the last run's, nothing is classified or judged.

Public API::

    res = reevaluate(ReevalConfig(from_ref="coe-2012", to_ref="ecpat-2022", db_url=url, out_dir=out))
    res.exit_code        # 0 nothing changed / no --if-changed, 3 results changed (with --if-changed)
    res.diff["summary"]  # gains, losses, added, removed, jurisdictions_changed
"""
from __future__ import annotations

import logging
import datetime as dt
import hashlib
import json
import os
import shlex
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import func, select

from pipeline.benchmarks import Benchmark, load_benchmark
from pipeline.classify import ClassifyItem
from pipeline.records import CONDUCT_IDS
from pipeline.resources import ANNOTATIONS_DIR, REPO_ROOT as ROOT

log = logging.getLogger(__name__)

COMMAND = "reevaluate"
EXIT_CHANGED = 3
RANK = {"none": 0, "partial": 1, "full": 2}
NA = "n/a"  # conduct not required by that benchmark
STATUS_LABEL = {"full": "covered", "partial": "partial", "none": "not covered", NA: "not in benchmark"}
GOLD_KEYS = ("macro_f1", "micro_f1", "micro_precision", "micro_recall", "coverage_agreement")


@dataclass
class ReevalConfig:
    from_ref: str
    to_ref: str
    db_url: str
    out_dir: Path
    model: str | None = None  # registry name; None = the model of the latest stored predictions
    if_changed: bool = False
    notify: str | None = None
    gold: bool = True
    annotations: str = str(ANNOTATIONS_DIR)
    log: object = None  # callable(str) for progress lines, or None


@dataclass
class Work:
    """What the run cost: the proof that --if-changed with no change did nothing."""

    classifier_calls: int = 0
    classified_items: int = 0
    rejudged_labels: int = 0
    seconds: dict = field(default_factory=dict)


@dataclass
class ReevalResult:
    exit_code: int
    skipped: bool
    changed: bool
    run_id: int | None
    fingerprint: str
    diff: dict | None = None
    paths: dict = field(default_factory=dict)
    work: Work = field(default_factory=Work)
    notify_rc: int | None = None


# -- fingerprints ------------------------------------------------------------------------------
def benchmark_files(bench: Benchmark) -> dict[str, str]:
    """sha256 of every file the benchmark is made of (itself, its lexicon, what it unites)."""
    path = Path(bench.path)
    files = [path, path.parent / bench.raw.get("lexicon", "_lexicon.yaml")]
    for other in bench.raw.get("union_of") or []:
        sub = path.parent / f"{other}.yaml"
        files.append(sub)
    out = {}
    for f in files:
        if f.is_file():
            out[f.name] = hashlib.sha256(f.read_bytes()).hexdigest()
    return out


def fresh_benchmark(ref: str) -> Benchmark:
    """``load_benchmark`` from what is on disk now: its loader caches by path, and a long-lived
    process (a test, a scheduler) must see an edited file."""
    from pipeline import benchmarks

    benchmarks._load_path.cache_clear()
    benchmarks.load_lexicon.cache_clear()
    return load_benchmark(ref)


def bench_info(bench: Benchmark, ref: str) -> dict:
    return {"ref": ref, "id": bench.id, "version": bench.version, "path": bench.path,
            "files": benchmark_files(bench), "conducts": bench.conduct_ids}


def _digest(obj) -> str:
    return hashlib.sha256(json.dumps(obj, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def conduct_meaning(bench: Benchmark, cid: str) -> dict | None:
    """Everything that decides what a conduct label means under a benchmark."""
    spec = bench.conducts.get(cid)
    if spec is None:
        return None
    return {"definition": spec.definition, "object": spec.object, "cues": spec.cues,
            "partial": [{"id": c.id, "because": c.because, "cues": c.cues, "unless": c.unless,
                         "window": c.window, "scope": c.scope} for c in spec.partial]}


def meaning_changes(old: Benchmark, new: Benchmark) -> dict[str, list[str]]:
    """conduct -> what about it changed between the two benchmarks (empty if nothing)."""
    out: dict[str, list[str]] = {}
    for cid in CONDUCT_IDS:
        a, b = conduct_meaning(old, cid), conduct_meaning(new, cid)
        if a is None and b is None:
            continue
        why = []
        if a is None:
            why.append("conduct added")
        elif b is None:
            why.append("conduct removed")
        else:
            if a["definition"] != b["definition"]:
                why.append("definition changed")
            if a["cues"] != b["cues"] or a["object"] != b["object"]:
                why.append("cues changed")
            pa = {p["id"]: p for p in a["partial"]}
            pb = {p["id"]: p for p in b["partial"]}
            for k in sorted(set(pa) - set(pb)):
                why.append(f"partial condition removed: {k} ({pa[k]['because']})")
            for k in sorted(set(pb) - set(pa)):
                why.append(f"partial condition added: {k} ({pb[k]['because']})")
            for k in sorted(set(pa) & set(pb)):
                if pa[k] != pb[k]:
                    why.append(f"partial condition changed: {k}")
        if why:
            out[cid] = why
    return out


# -- the store, read once ---------------------------------------------------------------------------
@dataclass
class Prov:
    id: int
    statute_id: int
    eid: str
    kind: str
    parent: str | None
    text: str
    text_hash: str


@dataclass
class Stat:
    id: int
    sha256: str
    name: str
    jurisdiction: str | None
    lang: str | None


@dataclass
class Found:
    """A conduct that a provision covers (stored or re-classified), before judging."""

    prov: Prov
    conduct: str
    evidence: str
    source: str  # stored | reclassified
    score: float | None = None


@dataclass
class Snapshot:
    statutes: dict[int, Stat]
    provisions: list[Prov]
    preds: list  # (provision_id, conduct, model_name, model_version, benchmark_id, benchmark_version, evidence, score)
    max_review: int
    reviews: list  # Review rows in force


def read_store(url: str) -> Snapshot:
    from pipeline.store.schema import Review
    from pipeline.review.service import active_reviews
    from pipeline.store import Prediction, ProvisionRow, Statute, session_scope

    with session_scope(url) as s:
        statutes = {st.id: Stat(st.id, st.sha256, st.name, st.jurisdiction, st.lang) for st in s.scalars(select(Statute))}
        provs = [Prov(p.id, p.statute_id, p.eid, p.kind, p.parent_eid, p.text, p.text_hash)
                 for p in s.scalars(select(ProvisionRow).where(ProvisionRow.active.is_(True))
                                    .order_by(ProvisionRow.statute_id, ProvisionRow.ordinal))]
        preds = list(s.execute(select(Prediction.provision_id, Prediction.conduct, Prediction.model_name,
                                      Prediction.model_version, Prediction.benchmark_id,
                                      Prediction.benchmark_version, Prediction.evidence_text, Prediction.score)))
        max_review = s.scalar(select(func.max(Review.id))) or 0
        reviews = active_reviews(list(s.scalars(select(Review))))
        for r in reviews:
            s.expunge(r)
    return Snapshot(statutes, provs, [tuple(p) for p in preds], max_review, reviews)


def latest_model_name(url: str) -> str | None:
    from pipeline.store import Prediction, session_scope

    with session_scope(url) as s:
        return s.scalar(select(Prediction.model_name).order_by(Prediction.created.desc(), Prediction.id.desc()).limit(1))


def last_run(url: str, from_ref: str, to_ref: str, model: str):
    from pipeline.store import Run, session_scope

    with session_scope(url) as s:
        for run in s.scalars(select(Run).where(Run.command == COMMAND).order_by(Run.id.desc())):
            st = run.stats or {}
            if st.get("from", {}).get("ref") == from_ref and st.get("to", {}).get("ref") == to_ref \
                    and run.model_name == model:
                s.expunge(run)
                return run
    return None


# -- context and items ------------------------------------------------------------------------------
def _items(snap: Snapshot) -> dict[int, ClassifyItem]:
    """Each stored provision as the classifier saw it in annotate (same builder, per statute)."""
    from pipeline.classify.inputs import Node, classify_items

    by_statute: dict[int, list[Prov]] = {}
    for p in snap.provisions:
        by_statute.setdefault(p.statute_id, []).append(p)
    out = {}
    for sid, provs in by_statute.items():
        items = classify_items([Node(p.eid, p.parent, p.kind, p.text) for p in provs], snap.statutes[sid].lang)
        out.update({p.id: item for p, item in zip(provs, items)})
    return out


def _bench_for_key(key: tuple[str, str]) -> Benchmark | None:
    try:
        return load_benchmark(f"{key[0]}@{key[1]}")
    except Exception:  # an ad-hoc YAML path, a version no longer shipped: the store cannot say
        return None


def _known_conducts(keys: set, wanted: list[Benchmark]) -> set[str]:
    """Conducts the stored predictions were asked about with the same cues as ``wanted`` use."""
    known: set[str] = set()
    for key in keys:
        b = _bench_for_key(key)
        if b is None:
            continue
        for cid in b.conduct_ids:
            if all(w.conducts[cid].cues == b.conducts[cid].cues for w in wanted if cid in w.conducts):
                known.add(cid)
    return known


def collect_found(snap: Snapshot, clf, old: Benchmark, new: Benchmark, work: Work, log) -> list[Found]:
    """Stored predictions of this model version, plus the model's answer where the store has none."""
    model_name, model_version = clf.name, str(clf.version)
    provs_by_id = {p.id: p for p in snap.provisions}
    mine = [p for p in snap.preds if p[2] == model_name and p[3] == model_version and p[0] in provs_by_id]
    all_keys = {(p[4], p[5]) for p in mine}
    keys_by_statute: dict[int, set] = {}
    other_model: set[int] = set()
    for p in snap.preds:
        if p[0] not in provs_by_id:
            continue
        sid = provs_by_id[p[0]].statute_id
        if p[2] == model_name and p[3] == model_version:
            keys_by_statute.setdefault(sid, set()).add((p[4], p[5]))
        else:
            other_model.add(sid)
    wanted = [c for c in CONDUCT_IDS if c in old.conducts or c in new.conducts]
    found = [Found(provs_by_id[p[0]], p[1], p[6] or "", "stored", p[7]) for p in mine if p[1] in wanted]
    # a statute with no prediction of this model: annotated with this model and found nothing
    # (then the store's benchmark keys for the model apply), unless another model labelled it
    need: dict[int, list[str]] = {}
    for sid in snap.statutes:
        keys = keys_by_statute.get(sid)
        if keys is None:
            keys = set() if sid in other_model else all_keys
        known = _known_conducts(keys, [old, new])
        missing = [c for c in wanted if c not in known]
        if missing:
            need[sid] = missing
            found = [f for f in found if not (f.prov.statute_id == sid and f.conduct in missing)]
    if need:
        found += reclassify(snap, clf, need, old, new, work, log)
    return found


def reclassify(snap: Snapshot, clf, need: dict[int, list[str]], old: Benchmark, new: Benchmark,
               work: Work, log) -> list[Found]:
    t0 = time.perf_counter()
    by_id = _items(snap)
    out: list[Found] = []
    groups: dict[tuple, list[int]] = {}
    for sid, missing in need.items():
        groups.setdefault(tuple(missing), []).append(sid)
    for missing, sids in groups.items():
        provs = [p for p in snap.provisions if p.statute_id in sids and p.text.strip()]
        if not provs:
            continue
        items = [by_id[p.id] for p in provs]
        for bench in (new, old):
            asked = [c for c in missing if c in bench.conducts]
            if not asked:
                continue
            labels = clf.label(items, bench)
            work.classifier_calls += 1
            work.classified_items += len(items)
            for p, labs in zip(provs, labels):
                out += [Found(p, lab.id, lab.evidence.text if lab.evidence else "", "reclassified", lab.score)
                        for lab in labs if lab.id in asked]
            missing = tuple(c for c in missing if c not in asked)
        if log:
            log(f"re-classified {len(items)} provisions of {len(sids)} statutes for {', '.join(missing) or 'needed conducts'}")
    work.seconds["classify"] = round(time.perf_counter() - t0, 3)
    return out


# -- judging and the matrices ---------------------------------------------------------------------
def rejudge(found: list[Found], snap: Snapshot, bench: Benchmark, work: Work) -> dict[tuple[int, str], dict]:
    """(provision id, conduct) -> {coverage, because, span} under ``bench``, same procedure for every side."""
    from pipeline.classify.judge import judge

    by_id = _items(snap)
    out = {}
    for f in found:
        if f.conduct not in bench.conducts or (f.prov.id, f.conduct) in out:
            continue
        anchor = None
        if f.evidence:
            i = f.prov.text.find(f.evidence)
            if i >= 0:
                anchor = (i, i + len(f.evidence))
        j = judge(f.prov.text, f.conduct, bench, context=by_id[f.prov.id].context,
                  lang=snap.statutes[f.prov.statute_id].lang, anchor=anchor)
        span = f.evidence or (j.evidence.text if j.evidence else "")
        out[(f.prov.id, f.conduct)] = {"coverage": j.coverage, "because": j.because, "span": span,
                                       "source": f.source}
        work.rejudged_labels += 1
    return out


def _section(p: Prov, by_key: dict) -> str:
    from pipeline.coverage import enclosing_section

    return enclosing_section(p, lambda q: by_key.get((q.statute_id, q.parent)))


def matrices(judged: dict, snap: Snapshot, bench: Benchmark) -> dict[str, dict[str, dict]]:
    """jurisdiction -> conduct -> {status, evidence[]}; any full provision makes the cell full."""
    provs = {p.id: p for p in snap.provisions}
    by_key = {(p.statute_id, p.eid): p for p in snap.provisions}
    out: dict[str, dict[str, dict]] = {}
    for st in snap.statutes.values():
        jur = st.jurisdiction or "(unknown)"
        out.setdefault(jur, {c: {"status": "none", "evidence": []} for c in bench.conduct_ids})
    for (pid, cid), j in judged.items():
        p = provs[pid]
        st = snap.statutes[p.statute_id]
        cell = out[st.jurisdiction or "(unknown)"][cid]
        cell["evidence"].append({"statute": st.name, "statute_sha256": st.sha256, "eid": p.eid,
                                 "section": _section(p, by_key), "provision_id": pid,
                                 "coverage": j["coverage"], "because": j["because"], "span": j["span"]})
        if RANK[j["coverage"]] > RANK[cell["status"]]:
            cell["status"] = j["coverage"]
    for cells in out.values():
        for cell in cells.values():
            cell["evidence"].sort(key=lambda e: (e["coverage"] != "full", e["statute"], e["eid"]))
    return out


def _change(old: str, new: str) -> str:
    if old == new:
        return "same"
    if old == NA:
        return "added"
    if new == NA:
        return "removed"
    return "gain" if RANK[new] > RANK[old] else "loss"


def build_diff(old_m: dict, new_m: dict, old_j: dict, new_j: dict, old: Benchmark, new: Benchmark) -> dict:
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


# -- gold evaluation -----------------------------------------------------------------------------
def gold_deltas(model: str, old: Benchmark, new: Benchmark, annotations: str, gold=None, log=None) -> dict:
    """LOJO evaluation (evaluation/cv.py via ``lexbench evaluate``'s helper) under both benchmarks."""
    from evaluation.gold import load_gold, load_synthetic

    from pipeline.cli.evaluate import FitOnce, evaluate_model

    t0 = time.perf_counter()
    if gold is None:
        gold = list(load_gold(root=annotations, annotator="adjudicated", include_synthetic=False))
    synthetic = list(load_synthetic(annotations))  # training only; the rules ignore them
    reps = {}
    fits = FitOnce(model)  # one set of fold fits serves both benchmarks
    for side, bench in (("from", old), ("to", new)):
        t = time.perf_counter()
        reps[side] = evaluate_model(model, gold, synthetic, bench, make_model=fits)
        if log:
            log(f"gold evaluation under {bench.id} {bench.version}: {time.perf_counter() - t:.1f}s")
    delta = {}
    for level in ("section", "provision"):
        a, b = reps["from"][level], reps["to"][level]
        delta[level] = {k: _sub(b.get(k), a.get(k)) for k in GOLD_KEYS}
        delta[level]["per_conduct_f1"] = {
            c: _sub((b["per_conduct"].get(c) or {}).get("f1"), (a["per_conduct"].get(c) or {}).get("f1"))
            for c in CONDUCT_IDS if c in a["per_conduct"] or c in b["per_conduct"]}
    keep = ("model", "model_versions", "benchmark", "data_hash", "n_gold", "jurisdictions", "seconds", "section",
            "provision")
    return {"from": {k: reps["from"][k] for k in keep}, "to": {k: reps["to"][k] for k in keep},
            "delta": delta, "seconds": round(time.perf_counter() - t0, 1)}


def gold_data_hash(annotations: str) -> str:
    """Content hash of the gold corpus files, so an adjudication change triggers a new run."""
    h = hashlib.sha256()
    root = Path(annotations)
    for f in sorted(root.rglob("*.jsonl")) if root.is_dir() else []:
        h.update(f.relative_to(root).as_posix().encode() + b"\0" + f.read_bytes())
    return h.hexdigest()


def _sub(b, a):
    return None if a is None or b is None else round(b - a, 4)


# -- the run --------------------------------------------------------------------------------------
def _results_digest(diff: dict) -> str:
    return _digest({j: {c: [cell["old"], cell["new"]] for c, cell in cells.items()}
                    for j, cells in diff["jurisdictions"].items()})


def reevaluate(cfg: ReevalConfig) -> ReevalResult:
    from pipeline.classify import get_classifier
    from pipeline.cli.evaluate import git_commit

    log = cfg.log or (lambda m: None)
    t_all = time.perf_counter()
    started = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)
    old, new = fresh_benchmark(cfg.from_ref), fresh_benchmark(cfg.to_ref)
    model_name = cfg.model or latest_model_name(cfg.db_url) or "default"
    clf = get_classifier(model_name)
    work = Work()
    t = time.perf_counter()
    snap = read_store(cfg.db_url)
    work.seconds["read_store"] = round(time.perf_counter() - t, 3)
    inputs = {"from": bench_info(old, cfg.from_ref), "to": bench_info(new, cfg.to_ref),
              "model": {"name": clf.name, "version": str(clf.version)},
              "statutes": sorted(s.sha256 for s in snap.statutes.values()),
              "provisions": _digest(sorted((p.statute_id, p.eid, p.text_hash) for p in snap.provisions)),
              "predictions": len(snap.preds), "max_review_id": snap.max_review, "gold": cfg.gold,
              "gold_data": gold_data_hash(cfg.annotations) if cfg.gold else None}
    fingerprint = _digest(inputs)
    prev = last_run(cfg.db_url, cfg.from_ref, cfg.to_ref, clf.name)
    if cfg.if_changed and prev is not None and (prev.stats or {}).get("fingerprint") == fingerprint:
        work.seconds["total"] = round(time.perf_counter() - t_all, 3)
        log(f"nothing changed since run {prev.id} (fingerprint {fingerprint[:12]}): no work done")
        return ReevalResult(0, True, False, prev.id, fingerprint, work=work)

    found = collect_found(snap, clf, old, new, work, log)
    t = time.perf_counter()
    judged_old, judged_new = rejudge(found, snap, old, work), rejudge(found, snap, new, work)
    work.seconds["judge"] = round(time.perf_counter() - t, 3)
    diff = build_diff(matrices(judged_old, snap, old), matrices(judged_new, snap, new),
                      judged_old, judged_new, old, new)
    meaning = meaning_changes(old, new)
    diff["meaning_changed"] = meaning
    diff["needs_re_review"] = needs_re_review(snap, judged_new, meaning)
    diff["reviews_in_force"] = len({r.provision_id for r in snap.reviews})
    if cfg.gold:
        t = time.perf_counter()
        try:
            diff["gold"] = gold_deltas(model_name, old, new, cfg.annotations, log=log)
        except Exception as exc:  # a missing or broken gold corpus must not lose the diff
            diff["gold"] = {"error": f"{type(exc).__name__}: {exc}"}
        work.seconds["gold"] = round(time.perf_counter() - t, 3)
    else:
        diff["gold"] = {"skipped": True}
    digest = _results_digest(diff)
    prev_digest = (prev.stats or {}).get("results_digest") if prev is not None else None
    changed = digest != prev_digest if prev_digest else diff["summary"]["changed_cells"] > 0
    work.seconds["total"] = round(time.perf_counter() - t_all, 3)
    commit = git_commit()
    diff.update({"from": inputs["from"], "to": inputs["to"], "model": inputs["model"], "git_commit": commit,
                 "created": started.isoformat(timespec="seconds") + "Z", "fingerprint": fingerprint,
                 "results_changed": changed, "previous_run": prev.id if prev else None,
                 "n_statutes": len(snap.statutes), "n_provisions": len(snap.provisions),
                 "work": {"classifier_calls": work.classifier_calls, "classified_items": work.classified_items,
                          "rejudged_labels": work.rejudged_labels, "seconds": work.seconds}})
    run_id = store_run(cfg, diff, inputs, fingerprint, digest, started, commit)
    diff["run_id"] = run_id
    paths = write_outputs(diff, cfg.out_dir)
    res = ReevalResult(EXIT_CHANGED if (changed and cfg.if_changed) else 0, False, changed, run_id, fingerprint,
                       diff=diff, paths=paths, work=work)
    if changed and cfg.notify:
        res.notify_rc = notify(cfg.notify, paths["json"], run_id, log)
    return res


def store_run(cfg: ReevalConfig, diff: dict, inputs: dict, fingerprint: str, digest: str,
              started: dt.datetime, commit: str | None) -> int:
    from pipeline.store import Run, transact, utcnow

    stats = {"from": inputs["from"], "to": inputs["to"], "fingerprint": fingerprint, "results_digest": digest,
             "statutes": inputs["statutes"], "summary": {k: v for k, v in diff["summary"].items()},
             "results_changed": diff["results_changed"], "needs_re_review": len(diff["needs_re_review"]),
             "work": diff["work"], "out_dir": str(Path(cfg.out_dir).resolve())}
    gold = diff.get("gold") or {}
    if "delta" in gold:
        stats["gold"] = {side: {lv: {k: gold[side][lv].get(k) for k in GOLD_KEYS} for lv in ("section", "provision")}
                         for side in ("from", "to")} | {"delta": gold["delta"], "seconds": gold["seconds"]}

    def work(s) -> int:
        run = Run(command=COMMAND, started=started, finished=utcnow(), model_name=inputs["model"]["name"],
                  model_version=inputs["model"]["version"], benchmark_id=inputs["to"]["id"],
                  benchmark_version=inputs["to"]["version"], git_commit=commit, stats=stats)
        s.add(run)
        if "delta" in gold:  # the two gold evaluations are evaluations in their own right
            for side in ("from", "to"):
                rep = gold[side]
                s.add(Run(command="evaluate", started=started, finished=utcnow(), model_name=rep["model"],
                          model_version=str(rep["model_versions"]), benchmark_id=rep["benchmark"]["id"],
                          benchmark_version=rep["benchmark"]["version"], git_commit=commit,
                          stats={"section": {k: rep["section"].get(k) for k in GOLD_KEYS},
                                 "provision": {k: rep["provision"].get(k) for k in GOLD_KEYS},
                                 "n_gold": rep["n_gold"], "data_hash": rep["data_hash"], "seconds": rep["seconds"],
                                 "benchmark_files": inputs[side]["files"], "via": COMMAND}))
        s.flush()
        return run.id

    return transact(cfg.db_url, work)


def write_outputs(diff: dict, out_dir: Path) -> dict:
    from pipeline.coverage.diffreport import to_html, to_markdown

    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = {"json": out_dir / "diff.json", "md": out_dir / "diff.md", "html": out_dir / "diff.html"}
    texts = {"json": json.dumps(diff, indent=2, ensure_ascii=False) + "\n", "md": to_markdown(diff),
             "html": to_html(diff)}
    for k, p in paths.items():
        tmp = p.with_name(f".{p.name}.{os.getpid()}.tmp")
        tmp.write_text(texts[k], encoding="utf-8")
        os.replace(tmp, p)
    return {k: str(v) for k, v in paths.items()}


def notify(cmd: str, diff_path: str, run_id: int | None, log) -> int:
    """Run the hook with the diff path as last argument and in $LEXBENCH_DIFF."""
    env = dict(os.environ, LEXBENCH_DIFF=diff_path, LEXBENCH_DIFF_DIR=str(Path(diff_path).parent),
               LEXBENCH_RUN_ID=str(run_id or ""))
    try:
        rc = subprocess.run(shlex.split(cmd) + [diff_path], env=env, timeout=600).returncode
    except (OSError, subprocess.SubprocessError) as exc:
        log.error("lexbench reevaluate: --notify failed: %s", exc)
        return 127
    if rc:
        log.error("lexbench reevaluate: --notify command exited %s", rc)
    log(f"notified: {cmd} (exit {rc})")
    return rc
