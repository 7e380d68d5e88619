"""Re-judge every stored statute under a new benchmark and say what changed, where and why.

Reads: the store (statutes, provisions, predictions, reviews, earlier runs) and two benchmarks.
Writes: ``<out>/diff.json``, ``diff.md``, ``diff.html`` and ``Run`` rows in the store.

Benchmarks move; statutes do not. So a re-evaluation never re-extracts: it reads the
stored provisions and the stored model predictions (which conducts a provision covers, and
the evidence span), and re-judges full/partial under the old and the new benchmark with
the same ``judge`` both sides, so a cell changes only because the benchmark did. The model
runs again only where the store cannot answer: a conduct the stored predictions were never
asked about (new in a benchmark, or with different cues), or a model version with no stored
predictions. This module only orchestrates: ``snapshot`` reads, ``rejudge`` judges, ``diff``
compares, ``render`` writes the pages; the gold evaluation is handed in (``ReevalConfig.gold``,
``evaluation.gold_deltas.GoldDeltas`` from the CLI) so the library never imports the harness.

``--if-changed`` makes it cheap to schedule: a fingerprint of everything the result depends
on (benchmark file hashes, model version, statute hashes, reviews) is kept in ``Run.stats``;
when it equals the last run's, nothing is classified or judged.

Public API::

    res = reevaluate(ReevalConfig(from_ref="coe-2012", to_ref="ecpat-2022", db_url=url, out_dir=out))
    res.exit_code        # 0 nothing changed / no --if-changed, 3 results changed (with --if-changed)
    res.diff["summary"]  # gains, losses, added, removed, jurisdictions_changed
"""
from __future__ import annotations

import datetime as dt
import logging
import json
import os
import shlex
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Protocol

from pipeline.coverage.changes import bench_info, fresh_benchmark, meaning_changes
from pipeline.coverage.diff import build_diff, matrices, needs_re_review
from pipeline.coverage.rejudge import Work, collect_found, rejudge
from pipeline.coverage.snapshot import COMMAND, Snapshot, last_run, latest_model_name, read_store
from pipeline.provenance import digest, git_commit

logger = logging.getLogger(__name__)

EXIT_CHANGED = 3


class GoldEvaluator(Protocol):
    """The gold side of a re-evaluation (``evaluation.gold_deltas.GoldDeltas``)."""

    def data_hash(self) -> str: ...

    def __call__(self, model: str, old, new, log=None) -> dict: ...

    def summary(self, report: dict) -> dict: ...


@dataclass
class ReevalConfig:
    from_ref: str
    to_ref: str
    db_url: str
    out_dir: Path
    model: str | None = None  # registry name; None = the model of the latest stored predictions
    if_changed: bool = False
    notify: str | None = None
    gold: GoldEvaluator | None = None  # None: no gold evaluation (``--no-gold``)
    log: Callable[[str], None] | None = None  # progress lines


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


def _results_digest(diff: dict) -> str:
    return digest({j: {c: [cell["old"], cell["new"]] for c, cell in cells.items()}
                   for j, cells in diff["jurisdictions"].items()})


def _inputs(cfg: ReevalConfig, old, new, clf, snap: Snapshot) -> dict:
    """Everything the result depends on; its digest is the run's fingerprint."""
    return {"from": bench_info(old, cfg.from_ref), "to": bench_info(new, cfg.to_ref),
            "model": {"name": clf.name, "version": str(clf.version)},
            "statutes": sorted(s.sha256 for s in snap.statutes.values()),
            "provisions": digest(sorted((p.statute_id, p.eid, p.text_hash) for p in snap.provisions)),
            "predictions": len(snap.preds), "max_review": snap.max_review, "gold": bool(cfg.gold),
            "gold_data": cfg.gold.data_hash() if cfg.gold else None}


def _gold(cfg: ReevalConfig, model_name: str, old, new, work: Work, log) -> dict:
    if not cfg.gold:
        return {"skipped": True}
    t = time.perf_counter()
    try:
        return cfg.gold(model_name, old, new, log=log)
    except Exception as exc:  # a missing or broken gold corpus must not lose the diff
        return {"error": f"{type(exc).__name__}: {exc}"}
    finally:
        work.seconds["gold"] = round(time.perf_counter() - t, 3)


def _compare(snap: Snapshot, clf, old, new, work: Work, log) -> dict:
    """The diff of the two benchmarks' matrices, with what changed in meaning and whom it concerns."""
    found = collect_found(snap, clf, old, new, work, log)
    t = time.perf_counter()
    judged_old, judged_new = rejudge(found, snap, old, work), rejudge(found, snap, new, work)
    work.seconds["judge"] = round(time.perf_counter() - t, 3)
    diff = build_diff(matrices(judged_old, snap, old), matrices(judged_new, snap, new), old, new)
    meaning = meaning_changes(old, new)
    diff["meaning_changed"] = meaning
    diff["needs_re_review"] = needs_re_review(snap, judged_new, meaning)
    diff["reviews_in_force"] = len({r.provision_id for r in snap.reviews})
    return diff


def reevaluate(cfg: ReevalConfig) -> ReevalResult:
    from pipeline.classify import get_classifier

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
    inputs = _inputs(cfg, old, new, clf, snap)
    fingerprint = digest(inputs)
    prev = last_run(cfg.db_url, cfg.from_ref, cfg.to_ref, clf.name)
    if cfg.if_changed and prev is not None and (prev.stats or {}).get("fingerprint") == fingerprint:
        work.seconds["total"] = round(time.perf_counter() - t_all, 3)
        log(f"nothing changed since run {prev.id} (fingerprint {fingerprint[:12]}): no work done")
        return ReevalResult(0, True, False, prev.id, fingerprint, work=work)

    diff = _compare(snap, clf, old, new, work, log)
    diff["gold"] = _gold(cfg, model_name, old, new, work, log)
    results_digest = _results_digest(diff)
    prev_digest = (prev.stats or {}).get("results_digest") if prev is not None else None
    changed = results_digest != prev_digest if prev_digest else diff["summary"]["changed_cells"] > 0
    work.seconds["total"] = round(time.perf_counter() - t_all, 3)
    commit = git_commit()
    diff.update({"from": inputs["from"], "to": inputs["to"], "model": inputs["model"], "git_commit": commit,
                 "created": started.isoformat(timespec="seconds") + "Z", "fingerprint": fingerprint,
                 "results_changed": changed, "previous_run": prev.id if prev else None,
                 "n_statutes": len(snap.statutes), "n_provisions": len(snap.provisions),
                 "work": {"classifier_calls": work.classifier_calls, "classified_items": work.classified_items,
                          "rejudged_labels": work.rejudged_labels, "seconds": work.seconds}})
    run_id = store_run(cfg, diff, inputs, fingerprint, results_digest, started, commit)
    diff["run_id"] = run_id
    paths = write_outputs(diff, cfg.out_dir)
    res = ReevalResult(EXIT_CHANGED if (changed and cfg.if_changed) else 0, False, changed, run_id, fingerprint,
                       diff=diff, paths=paths, work=work)
    if changed and cfg.notify:
        res.notify_rc = notify(cfg.notify, paths["json"], run_id, log)
    return res


def store_run(cfg: ReevalConfig, diff: dict, inputs: dict, fingerprint: str, results_digest: str,
              started: dt.datetime, commit: str | None) -> int:
    """One ``reevaluate`` run row, plus one ``evaluate`` row per gold side (they are evaluations too)."""
    from pipeline.store import utcnow
    from pipeline.store.queries import add_runs

    stats = {"from": inputs["from"], "to": inputs["to"], "fingerprint": fingerprint,
             "results_digest": results_digest, "statutes": inputs["statutes"],
             "summary": {k: v for k, v in diff["summary"].items()},
             "results_changed": diff["results_changed"], "needs_re_review": len(diff["needs_re_review"]),
             "work": diff["work"], "out_dir": str(Path(cfg.out_dir).resolve())}
    gold = diff.get("gold") or {}
    if "delta" in gold:
        stats["gold"] = {side: cfg.gold.summary(gold[side]) for side in ("from", "to")} | {
            "delta": gold["delta"], "seconds": gold["seconds"]}
    runs = [dict(command=COMMAND, started=started, finished=utcnow(), model_name=inputs["model"]["name"],
                 model_version=inputs["model"]["version"], benchmark_id=inputs["to"]["id"],
                 benchmark_version=inputs["to"]["version"], git_commit=commit, stats=stats)]
    if "delta" in gold:
        for side in ("from", "to"):
            rep = gold[side]
            runs.append(dict(command="evaluate", started=started, finished=utcnow(), model_name=rep["model"],
                             model_version=str(rep["model_versions"]), benchmark_id=rep["benchmark"]["id"],
                             benchmark_version=rep["benchmark"]["version"], git_commit=commit,
                             stats=cfg.gold.summary(rep) | {
                                 "n_gold": rep["n_gold"], "data_hash": rep["data_hash"], "seconds": rep["seconds"],
                                 "benchmark_files": inputs[side]["files"], "via": COMMAND}))
    return add_runs(cfg.db_url, runs)


def write_outputs(diff: dict, out_dir: Path) -> dict:
    from pipeline.files import write_text_atomic
    from pipeline.coverage.render import diff_html, diff_markdown

    out_dir = Path(out_dir)
    paths = {"json": out_dir / "diff.json", "md": out_dir / "diff.md", "html": out_dir / "diff.html"}
    texts = {"json": json.dumps(diff, indent=2, ensure_ascii=False) + "\n", "md": diff_markdown(diff),
             "html": diff_html(diff)}
    for k, p in paths.items():
        write_text_atomic(p, texts[k])
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
