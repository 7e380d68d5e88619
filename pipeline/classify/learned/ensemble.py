"""``ensemble``: the rules' labels, corrected by the linear model's calibrated probabilities.

Reads: ``ClassifyItem``s (the linear model's n-grams; the rules' reading of each, through
``hybrid.rule_reading``). Writes: ``ConductLabel``s: the rules' labels, less those the linear
model's calibrated probability strongly contradicts (below ``veto_threshold_``), plus the
conducts it is confident of (above ``add_threshold_``) that the rules missed.

Why beside the hybrid: the hybrid learns weights for the rules' scores and signals, so on the
development gold it partly learns where the rules were tuned (the rules' cues were written
against its misses). The ensemble's linear model sees only the text, so its votes stay
independent of the rules, and the combination is two thresholds chosen on out-of-country
predictions (inner grouped folds). ``per_conduct=True`` chooses a pair per conduct (with enough
positives) instead: on grouped 5-fold CV of the development gold it overfitted the inner folds
(section macro-F1 0.689 vs 0.705 shared, folds 1-3), so the shared pair is the default.
"""
from __future__ import annotations

import numpy as np

from pipeline.classify.learned.hybrid import HybridClassifier, rules_found
from pipeline.classify.learned.linear import LinearClassifier, _f1, _truth
from pipeline.records import CONDUCT_IDS

ADD_GRID = (0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95, 0.98)
VETO_GRID = (0.0, 0.02, 0.05, 0.1, 0.2)
MIN_POSITIVES = 15  # a conduct with fewer inner positives keeps the shared thresholds


class EnsembleClassifier(HybridClassifier):
    name = "ensemble"
    code_version = "ensemble-1"

    def __init__(self, seed: int = 0, per_conduct: bool = False, **params):
        params.setdefault("rule_weight", 0.0)
        params.setdefault("signal_weight", 0.0)
        super().__init__(seed=seed, **params)
        self.params["per_conduct"] = per_conduct
        self.add_by_conduct_: list[float] | None = None
        self.veto_by_conduct_: list[float] | None = None

    def _features(self, items, fit: bool = False):
        """The linear model's features only: its votes do not depend on the rules."""
        return LinearClassifier._features(self, items, fit=fit)

    def _tune(self, items, labels, groups) -> None:
        """Shared (add, veto) thresholds as the hybrid chooses them; then, per conduct with enough
        positives, the pair maximising that conduct's F1 on the same out-of-country predictions."""
        super()._tune(items, labels, groups)
        n = len(CONDUCT_IDS)
        self.add_by_conduct_ = [self.add_threshold_] * n
        self.veto_by_conduct_ = [self.veto_threshold_] * n
        P = getattr(self, "oof_", None)
        if P is None or not self.params.get("per_conduct"):
            return
        Y, R = _truth(labels), rules_found(items)
        for j in range(n):
            if Y[:, j].sum() < MIN_POSITIVES:
                continue
            best = (_f1(R[:, j], Y[:, j]), self.NEVER_ADD, self.NEVER_VETO)
            for add in ADD_GRID:
                for veto in VETO_GRID:
                    f = _f1((R[:, j] & (P[:, j] >= veto)) | (P[:, j] >= add), Y[:, j])
                    if f > best[0] + 1e-9:
                        best = (f, add, veto)
            self.add_by_conduct_[j], self.veto_by_conduct_[j] = best[1], best[2]
        self.meta_extra.update(add_by_conduct=dict(zip(CONDUCT_IDS, self.add_by_conduct_)),
                               veto_by_conduct=dict(zip(CONDUCT_IDS, self.veto_by_conduct_)))

    def combine(self, P: np.ndarray, R: np.ndarray) -> np.ndarray:
        """(n, conducts) booleans: the rules' findings ``R`` corrected by probabilities ``P``."""
        add = np.asarray(self.add_by_conduct_ or [self.add_threshold_] * P.shape[1])
        veto = np.asarray(self.veto_by_conduct_ or [self.veto_threshold_] * P.shape[1])
        return (R & (P >= veto)) | (P >= add)

    def label(self, items, benchmark):
        """The rules' labels (their coverage and evidence) the combination keeps, plus the linear
        model's labels for the conducts it adds."""
        if not items:
            return []
        P, partial = self.predict_both(items)
        ruled = self._ruled(items, benchmark)
        R = np.array([[any(lab.id == c for lab in labs) for c in CONDUCT_IDS] for labs in ruled], dtype=bool)
        keep = self.combine(P, R)
        learned = self.label_from(items, benchmark, np.where(keep & ~R, P, 0.0), partial, 1e-9)
        out = []
        for i, (rul, lrn) in enumerate(zip(ruled, learned)):
            by = {lab.id: lab for lab in lrn}
            for lab in rul:
                j = CONDUCT_IDS.index(lab.id)
                if keep[i, j]:
                    lab.score = round(float(P[i, j]), 4)  # the calibrated probability: comparable across conducts
                    by[lab.id] = lab
            out.append([by[c] for c in CONDUCT_IDS if c in by])
        return out

    def _ruled(self, items, benchmark):
        from pipeline.classify.learned.hybrid import _rules_labels

        return _rules_labels(items, benchmark)

    def _state(self) -> dict:
        return {**super()._state(), "add_by_conduct": self.add_by_conduct_, "veto_by_conduct": self.veto_by_conduct_}

    def _set_state(self, d: dict) -> None:
        super()._set_state(d)
        self.add_by_conduct_, self.veto_by_conduct_ = d.get("add_by_conduct"), d.get("veto_by_conduct")
