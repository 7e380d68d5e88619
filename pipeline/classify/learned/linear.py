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

from pipeline.classify import CONDUCT_IDS, ClassifyItem, register
from pipeline.classify.learned.base import TRAINED_DIR, LearnedClassifier, data_hash, make_version, read_latest, write_latest

CODE_VERSION = "linear-1"
DEFAULTS = {"C": 4.0, "context_weight": 0.5, "char_ngram": [3, 5], "word_ngram": [1, 2],
            "min_df": 2, "max_features": 30000, "class_weight": "balanced",
            # the decision threshold is chosen by grouped inner cross-validation when groups
            # (jurisdictions) are given: probabilities on an unseen country are shrunk.
            # inner_folds: a number of group folds, or "lojo" (one fold per jurisdiction)
            "threshold": "cv", "inner_folds": 3}


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
        from sklearn.model_selection import GroupKFold

        g = np.asarray(groups)
        n_groups = len(set(g.tolist()))
        k = n_groups if self.params["inner_folds"] == "lojo" else min(int(self.params["inner_folds"]), n_groups)
        if k < 2:
            return None
        P = np.zeros((len(items), len(CONDUCT_IDS)))
        for tr, te in GroupKFold(n_splits=k).split(items, groups=g):
            inner = type(self)(seed=self.seed, **{**self.params, "threshold": 0.5})
            Xtr = inner._features([items[i] for i in tr], fit=True)
            models = inner._fit_conducts(Xtr, [labels[i] for i in tr])
            Xte = inner._features([items[i] for i in te])
            P[te] = np.column_stack([m.predict_proba(Xte)[:, 1] for m in models])
        return P

    def _tune(self, items, labels, groups) -> None:
        """Threshold maximising micro-F1 on out-of-group predictions."""
        P = self._oof_proba(items, labels, groups)
        self.threshold = 0.5 if P is None else _best_threshold(P, _truth(labels))

    def fit(self, items: list[ClassifyItem], labels: list[dict[str, str]],
            groups: list[str] | None = None) -> "LinearClassifier":
        """``groups`` (the jurisdiction of each item) enables the cross-validated threshold."""
        from sklearn.linear_model import LogisticRegression

        t = self.params["threshold"]
        if t == "cv" and groups is not None:
            self._tune(items, labels, groups)
        else:
            self.threshold = 0.5 if t == "cv" else float(t)
        X = self._features(items, fit=True)
        self._models, self._partial = self._fit_conducts(X, labels), []
        for c in CONDUCT_IDS:
            y = np.array([1 if c in lab else 0 for lab in labels])
            pos = np.flatnonzero(y)
            yp = np.array([1 if labels[i][c] == "partial" else 0 for i in pos])
            if len(pos) and yp.min() != yp.max() and min(yp.sum(), len(yp) - yp.sum()) >= 2:
                m = LogisticRegression(C=self.params["C"], class_weight="balanced", solver="liblinear",
                                       dual=True, max_iter=2000, random_state=self.seed)
                self._partial.append(m.fit(X[pos], yp))
            else:
                self._partial.append(_Const(float(yp.mean()) if len(pos) else 0.0))
        self.meta = {"data_hash": data_hash(items, labels), "params": self.params, "seed": self.seed,
                     "n_items": len(items), "threshold": self.threshold,
                     "support": {c: int(sum(c in lab for lab in labels)) for c in CONDUCT_IDS}}
        self.version = self.planned_version(items, labels)
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
                     "threshold": self.threshold,
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
        clf.version, clf.meta, clf.threshold = d["version"], d["meta"], d["threshold"]
        return clf


@register("linear")
def make_linear(trained: bool = True, seed: int = 0, trained_dir: Path = TRAINED_DIR, **params):
    """The latest trained model; if none was trained yet, train one now (seconds) from annotations/."""
    return _make(LinearClassifier, "linear", trained, seed, trained_dir, **params)


def describe(trained_dir: Path = TRAINED_DIR) -> dict:
    meta = read_latest("linear", trained_dir)
    return {"name": "linear", "code_version": CODE_VERSION,
            "trained": meta is not None, "version": meta["version"] if meta else None,
            "weights": meta["weights"] if meta else None, "meta": json.loads(json.dumps(meta or {}))}


# -- hybrid: the linear model with the rule matcher's scores as extra features ------------
_RULE_CACHE: dict[tuple, tuple] = {}
RULE_CACHE_MAX = 50_000  # items; CV folds fit in it, an annotate batch only passes through


def rule_reading(items: list[ClassifyItem]) -> list[tuple[np.ndarray, np.ndarray, list]]:
    """The rules' (scores, signals, labels under their own benchmark) per item, from one analysis
    each, cached by the whole classifier input: rules are not trained, so CV folds and a
    hybrid's features and labels reuse them. Bounded: cleared when it would outgrow the cap."""
    from pipeline.classify import get_classifier

    rules = get_classifier("rules")
    version = (str(rules.version), rules.benchmark.id, rules.benchmark.version)

    def key(it: ClassifyItem) -> tuple:
        return version, it.text, it.context, it.detail, it.before, it.after, it.glossary, it.lang

    missing = {key(it): it for it in items if key(it) not in _RULE_CACHE}
    if missing:
        if len(_RULE_CACHE) + len(missing) > RULE_CACHE_MAX:
            _RULE_CACHE.clear()
            missing = {key(it): it for it in items}
        labels, scores, signals = rules.read(list(missing.values()))
        for r, k in enumerate(missing):
            _RULE_CACHE[k] = (scores[r], signals[r], labels[r])
    return [_RULE_CACHE[key(it)] for it in items]


def rule_scores(items: list[ClassifyItem]) -> np.ndarray:
    """The rules model's per-conduct scores."""
    rows = [r[0] for r in rule_reading(items)]
    return np.vstack(rows) if rows else np.zeros((0, len(CONDUCT_IDS)))


def rule_signals(items: list[ClassifyItem]) -> np.ndarray:
    """The rules' intermediate findings per item (``classify_rules.signals``)."""
    rows = [r[1] for r in rule_reading(items)]
    return np.vstack(rows) if rows else np.zeros((0, 0))


def _rules_labels(items: list[ClassifyItem], benchmark) -> list[list]:
    """The rules' labels under ``benchmark``: read from the cache when it is the rules' own (copies:
    the hybrid raises their scores), else judged again."""
    import copy

    from pipeline.classify import get_classifier

    rules = get_classifier("rules")
    bench_id = getattr(benchmark, "id", benchmark)
    bench_version = getattr(benchmark, "version", rules.benchmark.version)
    if (bench_id, bench_version) == (rules.benchmark.id, rules.benchmark.version):
        return [[copy.copy(lab) for lab in r[2]] for r in rule_reading(items)]
    return rules.label(items, benchmark)


class HybridClassifier(LinearClassifier):
    """Why: the rule lexicon carries knowledge of conduct wording in languages and drafting
    styles the few annotated countries do not show, while the n-grams learn what the
    lexicon misses (and when a cue is a definition, a purpose clause or a penalty). The
    logistic regressions weigh both per conduct.

    The rules' labels are the base. Two thresholds, chosen on out-of-country predictions
    (inner grouped CV) for the F1 of the combination, say when the learned model may add a
    conduct the rules missed (``add_threshold``) and when it may veto one they found
    (``veto_threshold``). Where learning does not help on unseen countries the thresholds
    come out as "never" and the hybrid answers as the rules do. The inner split is leave one
    jurisdiction out, as the evaluation's outer split is: each threshold is chosen on
    predictions for countries the model did not see, one country at a time."""

    name = "hybrid"
    code_version = "hybrid-4"
    NEVER_ADD, NEVER_VETO = 1.01, 0.0

    def __init__(self, seed: int = 0, rule_weight: float = 3.0, union_rules: bool = True,
                 signal_weight: float = 1.0, **params):
        params.setdefault("inner_folds", "lojo")
        super().__init__(seed=seed, **params)
        self.params["rule_weight"] = rule_weight
        self.params["signal_weight"] = signal_weight
        self.params["union_rules"] = union_rules
        self.add_threshold, self.veto_threshold = self.NEVER_ADD, self.NEVER_VETO

    def _features(self, items, fit: bool = False):
        from scipy.sparse import csr_matrix, hstack

        X = super()._features(items, fit=fit)
        R = rule_scores(items) * float(self.params["rule_weight"])
        S = rule_signals(items) * float(self.params["signal_weight"])
        return hstack([X, csr_matrix(R), csr_matrix(S)]).tocsr()

    def _tune(self, items, labels, groups) -> None:
        P = self._oof_proba(items, labels, groups)
        if P is None:
            self.threshold = 0.5
            return
        Y, R = _truth(labels), rule_scores(items) > 0
        self.threshold = _best_threshold(P, Y)
        best = (_f1(R, Y), self.NEVER_ADD, self.NEVER_VETO)
        for add in [*np.arange(0.5, 0.98, 0.025), 0.98, 0.99, 0.995]:
            for veto in (0.0, 0.02, 0.05, 0.1, 0.15, 0.2, 0.3):
                f = _f1((R & (P >= veto)) | (P >= add), Y)
                if f > best[0] + 1e-9:  # ties keep the rules' answer
                    best = (f, round(float(add), 3), veto)
        _, self.add_threshold, self.veto_threshold = best
        self.meta_extra = {"add_threshold": self.add_threshold, "veto_threshold": self.veto_threshold,
                           "inner_f1_rules": round(_f1(R, Y), 4), "inner_f1_hybrid": round(best[0], 4)}

    def fit(self, items, labels, groups=None):
        self.meta_extra = {}
        super().fit(items, labels, groups=groups)
        self.meta.update(self.meta_extra, rules_version=rules_version())
        return self

    def planned_version(self, items, labels) -> str:
        """The rules' version is part of it: their scores and signals are features."""
        return make_version(self.code_version, data_hash(items, labels),
                            {**self.params, "seed": self.seed, "rules": rules_version()})

    def label(self, items, benchmark):
        """The rules' labels (their anchored coverage and evidence) less the vetoed ones, plus
        the conducts the stacked model adds above ``add_threshold``."""
        if not self.params.get("union_rules", True) or not items:
            return super().label(items, benchmark)
        P, partial = self.predict_both(items)
        learned = self.label_from(items, benchmark, P, partial, self.add_threshold)
        ruled = _rules_labels(items, benchmark)
        out = []
        for i, (lrn, rul) in enumerate(zip(learned, ruled)):
            by = {lab.id: lab for lab in lrn}
            for lab in rul:
                p = float(P[i, CONDUCT_IDS.index(lab.id)])
                if p < self.veto_threshold:
                    by.pop(lab.id, None)
                    continue
                lab.score = max(lab.score, round(p, 4))
                by[lab.id] = lab
            out.append([by[c] for c in CONDUCT_IDS if c in by])
        return out

    def save(self, trained_dir: Path = TRAINED_DIR) -> Path:
        import joblib

        self._check()
        trained_dir.mkdir(parents=True, exist_ok=True)
        path = trained_dir / f"hybrid-{self.version}.joblib"
        joblib.dump({"vec": self._vec, "models": self._models, "partial": self._partial,
                     "threshold": self.threshold, "add_threshold": self.add_threshold,
                     "veto_threshold": self.veto_threshold, "params": self.params, "seed": self.seed,
                     "version": self.version, "meta": self.meta}, path)
        write_latest("hybrid", path, {"name": self.name, "version": self.version, **self.meta}, trained_dir)
        return path

    @classmethod
    def load(cls, path: Path) -> "HybridClassifier":
        import joblib

        d = joblib.load(path)
        params = dict(d["params"])
        clf = cls(seed=d["seed"], **params)
        clf._vec, clf._models, clf._partial = d["vec"], d["models"], d["partial"]
        clf.version, clf.meta, clf.threshold = d["version"], d["meta"], d["threshold"]
        clf.add_threshold = d.get("add_threshold", cls.NEVER_ADD)
        clf.veto_threshold = d.get("veto_threshold", cls.NEVER_VETO)
        return clf


def rules_version() -> str:
    from pipeline.classify import get_classifier

    return str(get_classifier("rules").version)


def _make(cls, name: str, trained: bool, seed: int, trained_dir: Path, **params):
    if not trained:
        return cls(seed=seed, **params)
    meta = read_latest(name, trained_dir)
    if meta is not None:
        return cls.load(trained_dir / meta["weights"])
    from pipeline.classify.learned.base import load_training_data

    gold, items, labels = load_training_data()
    clf = cls(seed=seed, **params).fit(items, labels, groups=[g.jurisdiction for g in gold])
    try:
        clf.save(trained_dir)
    except OSError:
        pass
    return clf


@register("hybrid")
def make_hybrid(trained: bool = True, seed: int = 0, trained_dir: Path = TRAINED_DIR, **params):
    """The latest trained hybrid; if none was trained yet, train one now from annotations/."""
    return _make(HybridClassifier, "hybrid", trained, seed, trained_dir, **params)
