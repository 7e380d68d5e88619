"""``linear``: TF-IDF word + character n-grams with one logistic regression per conduct.

Why this model: statutes are short, formulaic and multilingual; word 1-2 grams catch the
conduct verbs ("possesses", "distributes") and character 2-5 grams carry them across
inflection and languages (détient/détention, verbreitet/Verbreitung). The provision's
own text and its context (chapeau, heading, kind) are vectorised separately so a
shared chapeau does not drown the limb that names the act. A second, per-conduct
logistic regression over the same features predicts partial vs full coverage.
"""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from .classify import CONDUCT_IDS, ClassifyItem, register
from .train import TRAINED_DIR, LearnedClassifier, data_hash, make_version, read_latest, write_latest

CODE_VERSION = "linear-1"
DEFAULTS = {"C": 4.0, "context_weight": 0.5, "char_ngram": [2, 5], "word_ngram": [1, 2],
            "min_df": 1, "max_features": 200000, "class_weight": "balanced"}


def _own(item: ClassifyItem) -> str:
    return item.text or ""


def _ctx(item: ClassifyItem) -> str:
    kind = f" kind_{item.kind}" if item.kind else " kind_none"
    return f"{item.heading or ''}\n{(item.context or '')[-600:]}{kind}"


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

    def __init__(self, seed: int = 0, **params):
        super().__init__()
        self.seed = seed
        self.params = {**DEFAULTS, **params}
        self._vec = None
        self._models: list = []
        self._partial: list = []

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
            self._vec = self._vectorizers()
            word, char, cvec = self._vec
            return hstack([word.fit_transform(own), char.fit_transform(own),
                           self.params["context_weight"] * cvec.fit_transform(ctx)]).tocsr()
        word, char, cvec = self._vec
        return hstack([word.transform(own), char.transform(own),
                       self.params["context_weight"] * cvec.transform(ctx)]).tocsr()

    # -- interface ------------------------------------------------------------------
    def fit(self, items: list[ClassifyItem], labels: list[dict[str, str]]) -> "LinearClassifier":
        from sklearn.linear_model import LogisticRegression

        X = self._features(items, fit=True)
        self._models, self._partial = [], []
        for c in CONDUCT_IDS:
            y = np.array([1 if c in lab else 0 for lab in labels])
            if y.min() == y.max():
                self._models.append(_Const(float(y.max())))
            else:
                m = LogisticRegression(C=self.params["C"], class_weight=self.params["class_weight"],
                                       max_iter=3000, random_state=self.seed)
                self._models.append(m.fit(X, y))
            pos = np.flatnonzero(y)
            yp = np.array([1 if labels[i][c] == "partial" else 0 for i in pos])
            if len(pos) and yp.min() != yp.max() and min(yp.sum(), len(yp) - yp.sum()) >= 2:
                m = LogisticRegression(C=self.params["C"], class_weight="balanced", max_iter=3000,
                                       random_state=self.seed)
                self._partial.append(m.fit(X[pos], yp))
            else:
                self._partial.append(_Const(float(yp.mean()) if len(pos) else 0.0))
        self.meta = {"data_hash": data_hash(items, labels), "params": self.params, "seed": self.seed,
                     "n_items": len(items),
                     "support": {c: int(sum(c in lab for lab in labels)) for c in CONDUCT_IDS}}
        self.version = make_version(CODE_VERSION, self.meta["data_hash"], {**self.params, "seed": self.seed})
        return self

    def _check(self):
        if self._vec is None:
            raise RuntimeError("the linear model is not trained: run `lexbench train --model linear`")

    def predict_proba(self, items: list[ClassifyItem]) -> np.ndarray:
        self._check()
        if not items:
            return np.zeros((0, len(CONDUCT_IDS)))
        X = self._features(items)
        return np.column_stack([m.predict_proba(X)[:, 1] for m in self._models])

    def predict_partial(self, items: list[ClassifyItem]) -> np.ndarray:
        self._check()
        X = self._features(items)
        return np.column_stack([m.predict_proba(X)[:, 1] for m in self._partial])

    # -- persistence ----------------------------------------------------------------
    def save(self, trained_dir: Path = TRAINED_DIR) -> Path:
        import joblib

        self._check()
        trained_dir.mkdir(parents=True, exist_ok=True)
        path = trained_dir / f"linear-{self.version}.joblib"
        joblib.dump({"vec": self._vec, "models": self._models, "partial": self._partial,
                     "params": self.params, "seed": self.seed, "version": self.version, "meta": self.meta},
                    path)
        write_latest("linear", path, {"name": self.name, "version": self.version, **self.meta}, trained_dir)
        return path

    @classmethod
    def load(cls, path: Path) -> "LinearClassifier":
        import joblib

        d = joblib.load(path)
        clf = cls(seed=d["seed"], **d["params"])
        clf._vec, clf._models, clf._partial = d["vec"], d["models"], d["partial"]
        clf.version, clf.meta = d["version"], d["meta"]
        return clf


@register("linear")
def make_linear(trained: bool = True, seed: int = 0, trained_dir: Path = TRAINED_DIR, **params):
    """The latest trained model; if none was trained yet, train one now (seconds) from annotations/."""
    if not trained:
        return LinearClassifier(seed=seed, **params)
    meta = read_latest("linear", trained_dir)
    if meta is not None:
        return LinearClassifier.load(trained_dir / meta["weights"])
    from .train import load_training_data

    _, items, labels = load_training_data()
    clf = LinearClassifier(seed=seed, **params).fit(items, labels)
    try:
        clf.save(trained_dir)
    except OSError:
        pass
    return clf


def describe(trained_dir: Path = TRAINED_DIR) -> dict:
    meta = read_latest("linear", trained_dir)
    return {"name": "linear", "code_version": CODE_VERSION,
            "trained": meta is not None, "version": meta["version"] if meta else None,
            "weights": meta["weights"] if meta else None, "meta": json.loads(json.dumps(meta or {}))}
