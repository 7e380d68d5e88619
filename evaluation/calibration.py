"""Fit and check the calibration of the rules' scores on the development gold (never the blind split).

Reads: the development gold (``annotations/`` minus ``corpora/BLIND.tsv``), the rules' findings
(``RulesClassifier.calibration_rows``). Writes: ``models/benchmarks/_rules_calibration.yaml``
(``--write``), read by ``pipeline.classify.rules.calibration``.

One row per (provision, conduct) the rules find; its target is whether the gold has that conduct
on that provision. The rules are not trained, so their predictions on the development gold are
their leave-one-jurisdiction-out predictions. The calibration itself is checked by LOJO too: for
each jurisdiction it is fitted on the others and scored on the held-out one (Brier score, log
loss, ranking AUC), beside the uncalibrated 0.9 / 0.8.

    python -m evaluation.calibration [--write --version 1.0.0]
"""
from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

import numpy as np

from pipeline.classify.rules.calibration import CALIBRATION_FILE, FEATURES, UNCALIBRATED

C = 1.0  # L2 strength of the logistic fit (few positives for some conducts)


def calibration_data(dev: list, benchmark) -> tuple[np.ndarray, np.ndarray, list[str], np.ndarray]:
    """(feature matrix, targets, jurisdiction per row, uncalibrated score per row)."""
    from pipeline.classify.rules import RulesClassifier
    from pipeline.gold import item_from_gold, labels_from_gold

    from .cv import jurisdiction_of

    rules = RulesClassifier(benchmark)
    found = rules.calibration_rows([item_from_gold(g) for g in dev])
    X, y, groups, raw = [], [], [], []
    for g, conducts in zip(dev, found):
        gold = labels_from_gold(g)
        for cid, row in conducts.items():
            X.append([row.get(f, 0.0) for f in FEATURES])
            y.append(int(cid in gold))
            groups.append(jurisdiction_of(g))
            raw.append(UNCALIBRATED[0] if row["own_marker"] else UNCALIBRATED[1])
    return np.asarray(X, dtype=float).reshape(-1, len(FEATURES)), np.asarray(y), groups, np.asarray(raw)


def fit(X: np.ndarray, y: np.ndarray):
    from sklearn.linear_model import LogisticRegression

    return LogisticRegression(C=C, max_iter=2000).fit(X, y)


def lojo_check(X: np.ndarray, y: np.ndarray, groups: list[str], raw: np.ndarray) -> dict:
    """Held-out-jurisdiction probabilities of the calibration, scored against the raw scores."""
    groups_arr = np.asarray(groups)
    held = np.zeros(len(y))
    for j in sorted(set(groups)):
        test = groups_arr == j
        train_y = y[~test]
        if train_y.min() == train_y.max():
            held[test] = train_y.mean()
            continue
        held[test] = fit(X[~test], train_y).predict_proba(X[test])[:, 1]
    return {"n_rows": int(len(y)), "positive_rate": round(float(y.mean()), 4),
            "calibrated": _metrics(y, held), "uncalibrated": _metrics(y, raw),
            "reliability": _reliability(y, held)}


def _metrics(y: np.ndarray, p: np.ndarray) -> dict:
    from sklearn.metrics import roc_auc_score

    eps = 1e-6
    pc = np.clip(p, eps, 1 - eps)
    auc = roc_auc_score(y, p) if 0 < y.sum() < len(y) else None
    return {"brier": round(float(np.mean((p - y) ** 2)), 4),
            "log_loss": round(float(-np.mean(y * np.log(pc) + (1 - y) * np.log(1 - pc))), 4),
            "auc": None if auc is None else round(float(auc), 4),
            "distinct_scores": int(len(np.unique(np.round(p, 3))))}


def _reliability(y: np.ndarray, p: np.ndarray, bins: int = 5) -> list[dict]:
    out = []
    for b in range(bins):
        lo, hi = b / bins, (b + 1) / bins
        m = (p >= lo) & ((p < hi) if b < bins - 1 else (p <= hi))
        if m.any():
            out.append({"bin": f"{lo:.1f}-{hi:.1f}", "n": int(m.sum()), "mean_score": round(float(p[m].mean()), 3),
                        "precision": round(float(y[m].mean()), 3)})
    return out


def calibration_yaml(model, version: str, fitted_for: str, check: dict, gold_size: dict) -> str:
    """The data file, with its provenance and its LOJO check in comments and fields."""
    import yaml

    weights = {f: round(float(w), 5) for f, w in zip(FEATURES, model.coef_[0]) if abs(w) > 1e-9}
    doc = {"kind": "rules_calibration", "version": version, "fitted_for": fitted_for,
           "method": f"logistic (Platt-style) on rule-hit features, L2 C={C}",
           "fitted_on": {**gold_size, "date": dt.date.today().isoformat()},
           "lojo_check": {k: check[k] for k in ("n_rows", "positive_rate", "calibrated", "uncalibrated")},
           "intercept": round(float(model.intercept_[0]), 5), "weights": weights}
    head = ("# Calibration of the rules' scores (pipeline/classify/rules/calibration.py), fitted by\n"
            "# `python -m evaluation.calibration --write` on the development gold only (never the blind split).\n"
            "# Refit and bump `version` whenever the rules or the lexicon change (`fitted_for`).\n")
    return head + yaml.safe_dump(doc, sort_keys=False, allow_unicode=True)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--annotations", default=None)
    ap.add_argument("--write", action="store_true", help=f"write {CALIBRATION_FILE}")
    ap.add_argument("--version", default="1.0.0")
    args = ap.parse_args(argv)
    from pipeline.benchmarks import load_benchmark
    from pipeline.classify.rules import RulesClassifier
    from pipeline.files import write_text_atomic
    from pipeline.gold import load_gold
    from pipeline.resources import ANNOTATIONS_DIR

    from .blind import blind_files, split_blind
    from .cv import jurisdiction_of

    root = Path(args.annotations or ANNOTATIONS_DIR)
    everything = list(load_gold(root=str(root), annotator="adjudicated", include_synthetic=False))
    dev, _ = split_blind(everything, blind_files(root.resolve().parent))
    bench = load_benchmark("default")
    X, y, groups, raw = calibration_data(dev, bench)
    check = lojo_check(X, y, groups, raw)
    size = {"provisions": len(dev), "jurisdictions": len({jurisdiction_of(g) for g in dev}), "rows": int(len(y))}
    print(f"development gold: {size}", file=sys.stderr)
    for k in ("calibrated", "uncalibrated"):
        print(f"{k:>12}: {check[k]}")
    for b in check["reliability"]:
        print(f"  score {b['bin']}: n={b['n']:4} mean score {b['mean_score']:.3f} precision {b['precision']:.3f}")
    if args.write:
        fitted_for = RulesClassifier(bench).version.split("+cal")[0]
        write_text_atomic(CALIBRATION_FILE, calibration_yaml(fit(X, y), args.version, fitted_for, check, size))
        print(f"wrote {CALIBRATION_FILE}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
