"""evaluation.calibration: the LOJO check and the data file it writes."""
from __future__ import annotations

import numpy as np
import yaml

from evaluation import calibration as ec
from pipeline.classify.rules.calibration import FEATURES, Calibration


def _data(seed: int = 0):
    """Rows where act_in_text predicts the target (80% vs 30%) across six jurisdictions."""
    rng = np.random.default_rng(seed)
    n = 600
    X = np.zeros((n, len(FEATURES)))
    informative = rng.integers(0, 2, n)
    X[:, FEATURES.index("act_in_text")] = informative
    X[:, FEATURES.index("own_marker")] = rng.integers(0, 2, n)
    y = (rng.random(n) < np.where(informative == 1, 0.8, 0.3)).astype(int)
    groups = [f"J{i % 6}" for i in range(n)]
    raw = np.where(X[:, FEATURES.index("own_marker")] == 1, 0.9, 0.8)
    return X, y, groups, raw


def test_lojo_check_beats_the_raw_constant_when_features_inform():
    X, y, groups, raw = _data()
    check = ec.lojo_check(X, y, groups, raw)
    assert check["calibrated"]["brier"] < check["uncalibrated"]["brier"]
    assert check["calibrated"]["auc"] > 0.7 > check["uncalibrated"]["auc"]
    assert sum(b["n"] for b in check["reliability"]) == len(y)


def test_the_written_file_reloads_as_the_same_model():
    X, y, groups, raw = _data(1)
    model = ec.fit(X, y)
    text = ec.calibration_yaml(model, "9.9.9", "1.0.0+lex1.0.0", ec.lojo_check(X, y, groups, raw),
                               {"provisions": 1, "jurisdictions": 6, "rows": len(y)})
    raw_doc = yaml.safe_load(text)
    cal = Calibration(version=str(raw_doc["version"]), weights=raw_doc["weights"], intercept=raw_doc["intercept"],
                      fitted_for=raw_doc["fitted_for"])
    row = dict(zip(FEATURES, X[0]))
    assert abs(cal.probability(row) - model.predict_proba(X[:1])[0, 1]) < 1e-3
    assert cal.version == "9.9.9" and cal.fitted_for == "1.0.0+lex1.0.0"
