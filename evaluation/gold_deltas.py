"""The gold side of a re-evaluation: LOJO scores of one model under the old and the new benchmark.

Reads: the gold corpus (``annotations/``) through ``evaluation.gold``. Writes: nothing (the
re-evaluation stores what ``GoldDeltas`` returns). ``lexbench reevaluate`` hands a ``GoldDeltas``
to ``pipeline.coverage.reevaluate`` so that the library never imports the evaluation harness.
"""
from __future__ import annotations

import hashlib
import time
from pathlib import Path

from evaluation.reports import METRIC_KEYS, FitOnce, evaluate_model
from pipeline.records import CONDUCT_IDS

LEVELS = ("section", "provision")
KEPT = ("model", "model_versions", "benchmark", "data_hash", "n_gold", "jurisdictions", "seconds", "section",
        "provision")


class GoldDeltas:
    """``gold(model, old, new, log)`` -> {"from": report, "to": report, "delta": ..., "seconds": ...}."""

    def __init__(self, annotations: str | Path, gold: list | None = None):
        self.annotations = str(annotations)
        self.gold = gold  # None: the adjudicated gold under ``annotations``

    def data_hash(self) -> str:
        """Content hash of the gold corpus files, so an adjudication change triggers a new run."""
        h = hashlib.sha256()
        root = Path(self.annotations)
        for f in sorted(root.rglob("*.jsonl")) if root.is_dir() else []:
            h.update(f.relative_to(root).as_posix().encode() + b"\0" + f.read_bytes())
        return h.hexdigest()

    @staticmethod
    def summary(report: dict) -> dict:
        """The headline metrics of one side's report, per level (what a ``Run`` row keeps)."""
        return {lv: {k: report[lv].get(k) for k in METRIC_KEYS} for lv in LEVELS}

    def __call__(self, model: str, old, new, log=None) -> dict:
        from evaluation.gold import load_gold, load_synthetic

        t0 = time.perf_counter()
        gold = self.gold
        if gold is None:
            gold = list(load_gold(root=self.annotations, annotator="adjudicated", include_synthetic=False))
        synthetic = list(load_synthetic(self.annotations))  # training only; the rules ignore them
        reps = {}
        fits = FitOnce(model)  # one set of fold fits serves both benchmarks
        for side, bench in (("from", old), ("to", new)):
            t = time.perf_counter()
            reps[side] = evaluate_model(model, gold, synthetic, bench, make_model=fits)
            if log:
                log(f"gold evaluation under {bench.id} {bench.version}: {time.perf_counter() - t:.1f}s")
        return {"from": {k: reps["from"][k] for k in KEPT}, "to": {k: reps["to"][k] for k in KEPT},
                "delta": _deltas(reps["from"], reps["to"]), "seconds": round(time.perf_counter() - t0, 1)}


def _deltas(a: dict, b: dict) -> dict:
    delta = {}
    for level in LEVELS:
        x, y = a[level], b[level]
        delta[level] = {k: _sub(y.get(k), x.get(k)) for k in METRIC_KEYS}
        delta[level]["per_conduct_f1"] = {
            c: _sub((y["per_conduct"].get(c) or {}).get("f1"), (x["per_conduct"].get(c) or {}).get("f1"))
            for c in CONDUCT_IDS if c in x["per_conduct"] or c in y["per_conduct"]}
    return delta


def _sub(b, a):
    return None if a is None or b is None else round(b - a, 4)
