"""``linear``: TF-IDF word + character n-grams with one logistic regression per conduct.

Why this model: statutes are short, formulaic and multilingual; word 1-2 grams catch the
conduct verbs ("possesses", "distributes") and character 2-5 grams carry them across
inflection and languages (détient/détention, verbreitet/Verbreitung). The provision's
own text and its context (chapeau, heading, kind) are vectorised separately so a
shared chapeau does not drown the limb that names the act. A second, per-conduct
logistic regression over the same features predicts partial vs full coverage.
"""
from __future__ import annotations

from pathlib import Path

import numpy as np

from pipeline.classify.inputs import ClassifyItem
from pipeline.classify.learned.base import LearnedClassifier
from pipeline.classify.learned.calibrate import apply_platt, fit_platt
from pipeline.classify.learned.folds import grouped_splits
from pipeline.classify.learned.registry import data_hash, trained_dir, write_latest
from pipeline.records import CONDUCT_IDS

CODE_VERSION = "linear-2"
DEFAULTS = {"C": 4.0, "context_weight": 0.5, "char_ngram": [3, 5], "word_ngram": [1, 2],
            "min_df": 2, "max_features": 30000, "class_weight": "balanced",
            # the decision threshold is chosen by grouped inner cross-validation when groups
            # (jurisdictions) are given: probabilities on an unseen country are shrunk.
            # inner_folds: a number of stratified group folds (``folds.grouped_splits``), or "lojo"
            # (one fold per jurisdiction); calibrate: Platt-scale each conduct on those out-of-group
            # predictions (``calibrate.py``) before the threshold is chosen
            "threshold": "cv", "inner_folds": 3, "calibrate": True,
            # every provision with a conduct, at most this many without (seeded sample; None: all):
            # 97 % of the gold has no conduct, and the fit time grows with them (a fold took minutes);
            # the calibration, fitted on ALL out-of-group rows, restores the true prior
            "max_negatives": 5000}


def _own(item: ClassifyItem) -> str:
    return item.text or ""


def _ctx(item: ClassifyItem) -> str:
    kind = f" kind_{item.kind}" if item.kind else " kind_none"
    return f"{item.heading or ''}\n{(item.context or '')[-600:]}{kind}"


def _truth(labels: list[dict[str, str]]) -> np.ndarray:
    return np.array([[c in lab for c in CONDUCT_IDS] for lab in labels], dtype=bool)


def _f1(pred: np.ndarray, Y: np.ndarray) -> float:
    tp, fp, fn = (pred & Y).sum(), (pred & ~Y).sum(), (~pred & Y).sum()
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def _best_threshold(P: np.ndarray, Y: np.ndarray) -> float:
    best, best_f = 0.5, -1.0
    for t in np.arange(0.05, 0.91, 0.025):
        f = _f1(P >= t, Y)
        if f > best_f + 1e-9:
            best, best_f = float(t), f
    return round(best, 3)


class _Const:
    """Stand-in for a conduct with a single class in training."""

    def __init__(self, p: float):
        self.p = p

    def predict_proba(self, X):
        n = X.shape[0]
        return np.column_stack([np.full(n, 1 - self.p), np.full(n, self.p)])


class LinearClassifier(LearnedClassifier):
    name = "linear"
    code_version = CODE_VERSION

    DEFAULTS = DEFAULTS

    def __init__(self, seed: int = 0, **params):
        super().__init__(seed=seed, **params)
        self.vectorizers_ = None  # fitted: (word, char, context) TF-IDF
        self.models_: list = []  # fitted: P(covered) per conduct
        self.partial_models_: list = []  # fitted: P(partial | covered) per conduct
        self.calibration_: list | None = None  # fitted: Platt (slope, intercept) per conduct

    # -- features -------------------------------------------------------------------
    def _vectorizers(self):
        from sklearn.feature_extraction.text import TfidfVectorizer

        p = self.params
        word = TfidfVectorizer(analyzer="word", ngram_range=tuple(p["word_ngram"]), sublinear_tf=True,
                               min_df=p["min_df"], lowercase=True, token_pattern=r"(?u)\b\w+\b")
        char = TfidfVectorizer(analyzer="char_wb", ngram_range=tuple(p["char_ngram"]), sublinear_tf=True,
                               min_df=p["min_df"], lowercase=True, max_features=p["max_features"])
        ctx = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True,
                              min_df=p["min_df"], lowercase=True, max_features=p["max_features"] // 4)
        return word, char, ctx

    def _features(self, items: list[ClassifyItem], fit: bool = False):
        from scipy.sparse import hstack

        own = [_own(i) for i in items]
        ctx = [_ctx(i) for i in items]
        if fit:
            self.vectorizers_ = self._vectorizers()
            word, char, cvec = self.vectorizers_
            return hstack([word.fit_transform(own), char.fit_transform(own),
                           self.params["context_weight"] * cvec.fit_transform(ctx)]).tocsr()
        word, char, cvec = self.vectorizers_
        return hstack([word.transform(own), char.transform(own),
                       self.params["context_weight"] * cvec.transform(ctx)]).tocsr()

    # -- interface ------------------------------------------------------------------
    def _fit_rows(self, labels: list[dict[str, str]]) -> list[int]:
        """Indices trained on: every row with a conduct, and a seeded sample of the others."""
        cap = self.params.get("max_negatives")
        neg = [i for i, lab in enumerate(labels) if not lab]
        if cap is None or len(neg) <= int(cap):
            return list(range(len(labels)))
        keep = set(np.random.default_rng(self.seed).choice(neg, size=int(cap), replace=False).tolist())
        return [i for i, lab in enumerate(labels) if lab or i in keep]

    def _fit_conducts(self, X, labels) -> list:
        from sklearn.linear_model import LogisticRegression

        models = []
        for c in CONDUCT_IDS:
            y = np.array([1 if c in lab else 0 for lab in labels])
            if y.min() == y.max():
                models.append(_Const(float(y.max())))
            else:
                m = LogisticRegression(C=self.params["C"], class_weight=self.params["class_weight"],
                                       solver="liblinear", dual=True, max_iter=2000, random_state=self.seed)
                models.append(m.fit(X, y))
        return models

    def _oof_proba(self, items, labels, groups) -> np.ndarray | None:
        """Out-of-group probabilities (inner LOJO-like CV): how the model scores a country it
        was not trained on. None when there are too few groups."""
        g = [str(x) for x in groups]
        n_groups = len(set(g))
        k = n_groups if self.params["inner_folds"] == "lojo" else min(int(self.params["inner_folds"]), n_groups)
        if k < 2:
            return None
        P = np.zeros((len(items), len(CONDUCT_IDS)))
        for _, tr, te in grouped_splits(g, labels, k):
            inner = type(self)(seed=self.seed, **{**self.params, "threshold": 0.5})
            tr = [tr[r] for r in inner._fit_rows([labels[i] for i in tr])]
            Xtr = inner._features([items[i] for i in tr], fit=True)
            models = inner._fit_conducts(Xtr, [labels[i] for i in tr])
            Xte = inner._features([items[i] for i in te])
            P[te] = np.column_stack([m.predict_proba(Xte)[:, 1] for m in models])
        return P

    def _oof_calibrated(self, items, labels, groups) -> np.ndarray | None:
        """Out-of-group probabilities, calibrated (and the calibration kept) when ``calibrate``."""
        P = self._oof_proba(items, labels, groups)
        if P is not None and self.params.get("calibrate"):
            self.calibration_ = fit_platt(P, _truth(labels))
            P = apply_platt(P, self.calibration_)
        return P

    def _tune(self, items, labels, groups) -> None:
        """Threshold maximising micro-F1 on out-of-group (calibrated) predictions."""
        P = self._oof_calibrated(items, labels, groups)
        self.threshold_ = 0.5 if P is None else _best_threshold(P, _truth(labels))

    def fit(self, items: list[ClassifyItem], labels: list[dict[str, str]], *,
            groups: list[str] | None = None) -> "LinearClassifier":
        """``groups`` (the jurisdiction of each item) enables the cross-validated threshold."""
        from sklearn.linear_model import LogisticRegression

        t = self.params["threshold"]
        self.calibration_ = None
        if t == "cv" and groups is not None:
            self._tune(items, labels, groups)
        else:
            self.threshold_ = 0.5 if t == "cv" else float(t)
        dhash, version = data_hash(items, labels), self.planned_version(items, labels)  # of all the data
        rows = self._fit_rows(labels)
        n_all, items, labels = len(items), [items[i] for i in rows], [labels[i] for i in rows]
        X = self._features(items, fit=True)
        self.models_, self.partial_models_ = self._fit_conducts(X, labels), []
        for c in CONDUCT_IDS:
            y = np.array([1 if c in lab else 0 for lab in labels])
            pos = np.flatnonzero(y)
            yp = np.array([1 if labels[i][c] == "partial" else 0 for i in pos])
            if len(pos) and yp.min() != yp.max() and min(yp.sum(), len(yp) - yp.sum()) >= 2:
                m = LogisticRegression(C=self.params["C"], class_weight="balanced", solver="liblinear",
                                       dual=True, max_iter=2000, random_state=self.seed)
                self.partial_models_.append(m.fit(X[pos], yp))
            else:
                self.partial_models_.append(_Const(float(yp.mean()) if len(pos) else 0.0))
        self.meta_ = {"data_hash": dhash, "params": self.params, "seed": self.seed,
                      "n_items": n_all, "n_fitted": len(items), "threshold": self.threshold_,
                      "calibrated": self.calibration_ is not None,
                      "support": {c: int(sum(c in lab for lab in labels)) for c in CONDUCT_IDS}}
        self.version = version
        return self

    def _check(self):
        if self.vectorizers_ is None:
            raise RuntimeError("the linear model is not trained: run `lexbench train --model linear`")

    def predict_proba(self, items: list[ClassifyItem]) -> np.ndarray:
        self._check()
        if not items:
            return np.zeros((0, len(CONDUCT_IDS)))
        X = self._features(items)
        return apply_platt(np.column_stack([m.predict_proba(X)[:, 1] for m in self.models_]), self.calibration_)

    def predict_partial(self, items: list[ClassifyItem]) -> np.ndarray:
        self._check()
        X = self._features(items)
        return np.column_stack([m.predict_proba(X)[:, 1] for m in self.partial_models_])

    # -- persistence ----------------------------------------------------------------
    def _state(self) -> dict:
        """What ``save`` writes (the keys are the weights files' format: keep them)."""
        return {"vec": self.vectorizers_, "models": self.models_, "partial": self.partial_models_,
                "threshold": self.threshold_, "params": self.params, "seed": self.seed,
                "version": self.version, "meta": self.meta_, "calibration": self.calibration_}

    def _set_state(self, d: dict) -> None:
        self.vectorizers_, self.models_, self.partial_models_ = d["vec"], d["models"], d["partial"]
        self.version, self.meta_, self.threshold_ = d["version"], d["meta"], d["threshold"]
        self.calibration_ = d.get("calibration")  # weights saved before calibration have none

    def save(self, folder: Path | None = None) -> Path:
        """Write the weights and make them this model name's latest."""
        import joblib

        self._check()
        folder = trained_dir(folder)
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{self.name}-{self.version}.joblib"
        joblib.dump(self._state(), path)
        write_latest(self.name, path, {"name": self.name, "version": self.version, **self.meta_}, folder)
        return path

    @classmethod
    def load(cls, path: Path) -> "LinearClassifier":
        import joblib

        d = joblib.load(path)
        clf = cls(seed=d["seed"], **d["params"])
        clf._set_state(d)
        return clf
