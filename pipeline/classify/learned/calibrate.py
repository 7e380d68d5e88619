"""Calibrated probabilities for the learned models: one Platt scaling per conduct.

Why: the logistic regressions are trained with balanced class weights and a country's drafting
habits are shared by its own provisions, so their raw probabilities are inflated on seen
countries and not probabilities on unseen ones. Each conduct's scaler is fitted on the model's
OUT-OF-COUNTRY predictions (inner grouped folds of the training data), so a calibrated 0.8 means
"right about 8 times in 10 on a jurisdiction the model has not read", and review's "most
uncertain first" (scores nearest 0.5) means something.
"""
from __future__ import annotations

import numpy as np

_EPS = 1e-4


def _logit(p: np.ndarray) -> np.ndarray:
    p = np.clip(np.asarray(p, dtype=float), _EPS, 1 - _EPS)
    return np.log(p / (1 - p))


def fit_platt(P: np.ndarray, Y: np.ndarray, C: float = 1.0) -> list[tuple[float, float] | None]:
    """Per column, (slope, intercept) of a logistic fit of ``Y[:, j]`` on logit(``P[:, j]``);
    None (identity) for a column with a single class."""
    from sklearn.linear_model import LogisticRegression

    out: list[tuple[float, float] | None] = []
    for j in range(P.shape[1]):
        y = np.asarray(Y[:, j], dtype=int)
        if y.min() == y.max():
            out.append(None)
            continue
        m = LogisticRegression(C=C, solver="lbfgs", max_iter=1000).fit(_logit(P[:, j])[:, None], y)
        out.append((float(m.coef_[0, 0]), float(m.intercept_[0])))
    return out


def apply_platt(P: np.ndarray, params: list[tuple[float, float] | None] | None) -> np.ndarray:
    """``P`` with each column mapped through its scaler (unchanged where there is none)."""
    if not params:
        return P
    out = np.array(P, dtype=float, copy=True)
    for j, ab in enumerate(params):
        if ab is not None and out.shape[0]:
            out[:, j] = 1.0 / (1.0 + np.exp(-(ab[0] * _logit(out[:, j]) + ab[1])))
    return out
