"""``hybrid``: the linear model with the rule matcher's scores and signals as extra features.

Reads: ``ClassifyItem``s (and, through ``rule_reading``, the rules' reading of each). Writes:
``ConductLabel``s: the rules' labels, less those the learned model vetoes, plus those it adds.
"""
from __future__ import annotations

import numpy as np

from pipeline.classify.inputs import ClassifyItem
from pipeline.classify.learned.linear import LinearClassifier, _best_threshold, _f1, _truth
from pipeline.classify.learned.registry import data_hash, make_version
from pipeline.classify.rules import RulesClassifier
from pipeline.records import CONDUCT_IDS

_RULE_CACHE: dict[tuple, tuple] = {}
RULE_CACHE_MAX = 50_000  # items; CV folds fit in it, an annotate batch only passes through


def _rules() -> RulesClassifier:
    """The rules under the default benchmark (whose reading the hybrid learned to weigh)."""
    return RulesClassifier()


def rule_reading(items: list[ClassifyItem]) -> list[tuple[np.ndarray, np.ndarray, list]]:
    """The rules' (scores, signals, labels under their own benchmark) per item, from one analysis
    each, cached by the whole classifier input: rules are not trained, so CV folds and a
    hybrid's features and labels reuse them. Bounded: cleared when it would outgrow the cap."""
    rules = _rules()
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


def rules_found(items: list[ClassifyItem]) -> np.ndarray:
    """(n, conducts) booleans: the conducts the rules label on each item (their own benchmark)."""
    found = np.zeros((len(items), len(CONDUCT_IDS)), dtype=bool)
    for i, r in enumerate(rule_reading(items)):
        for lab in r[2]:
            found[i, CONDUCT_IDS.index(lab.id)] = True
    return found


def rule_signals(items: list[ClassifyItem]) -> np.ndarray:
    """The rules' intermediate findings per item (``classify.rules.signals``)."""
    rows = [r[1] for r in rule_reading(items)]
    return np.vstack(rows) if rows else np.zeros((0, 0))


def _rules_labels(items: list[ClassifyItem], benchmark) -> list[list]:
    """The rules' labels under ``benchmark``: read from the cache when it is the rules' own (copies:
    the hybrid raises their scores), else judged again."""
    import copy

    rules = _rules()
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
    come out as "never" and the hybrid answers as the rules do. The inner split is 5 stratified
    folds of whole jurisdictions (``folds.grouped_splits``; "lojo" refits once per country, an
    hour on the development gold): each threshold is chosen on calibrated predictions for
    countries the model did not see."""

    name = "hybrid"
    code_version = "hybrid-5"
    NEVER_ADD, NEVER_VETO = 1.01, 0.0

    def __init__(self, seed: int = 0, rule_weight: float = 3.0, union_rules: bool = True,
                 signal_weight: float = 1.0, **params):
        params.setdefault("inner_folds", 5)
        super().__init__(seed=seed, **params)
        self.params["rule_weight"] = rule_weight
        self.params["signal_weight"] = signal_weight
        self.params["union_rules"] = union_rules
        self.add_threshold_, self.veto_threshold_ = self.NEVER_ADD, self.NEVER_VETO

    def _features(self, items, fit: bool = False):
        from scipy.sparse import csr_matrix, hstack

        X = super()._features(items, fit=fit)
        R = rule_scores(items) * float(self.params["rule_weight"])
        S = rule_signals(items) * float(self.params["signal_weight"])
        return hstack([X, csr_matrix(R), csr_matrix(S)]).tocsr()

    def _tune(self, items, labels, groups) -> None:
        P = self.oof_ = self._oof_calibrated(items, labels, groups)  # the ensemble reuses them
        if P is None:
            self.threshold_ = 0.5
            return
        Y, R = _truth(labels), rules_found(items)
        self.threshold_ = _best_threshold(P, Y)
        best = (_f1(R, Y), self.NEVER_ADD, self.NEVER_VETO)
        for add in [*np.arange(0.5, 0.98, 0.025), 0.98, 0.99, 0.995]:
            for veto in (0.0, 0.02, 0.05, 0.1, 0.15, 0.2, 0.3):
                f = _f1((R & (P >= veto)) | (P >= add), Y)
                if f > best[0] + 1e-9:  # ties keep the rules' answer
                    best = (f, round(float(add), 3), veto)
        _, self.add_threshold_, self.veto_threshold_ = best
        self.meta_extra = {"add_threshold": self.add_threshold_, "veto_threshold": self.veto_threshold_,
                           "inner_f1_rules": round(_f1(R, Y), 4), "inner_f1_hybrid": round(best[0], 4)}

    def fit(self, items, labels, *, groups=None):
        self.meta_extra, self.oof_ = {}, None
        super().fit(items, labels, groups=groups)
        self.meta_.update(self.meta_extra, rules_version=rules_version())
        self.oof_ = None
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
        learned = self.label_from(items, benchmark, P, partial, self.add_threshold_)
        ruled = _rules_labels(items, benchmark)
        out = []
        for i, (lrn, rul) in enumerate(zip(learned, ruled)):
            by = {lab.id: lab for lab in lrn}
            for lab in rul:
                p = float(P[i, CONDUCT_IDS.index(lab.id)])
                if p < self.veto_threshold_:
                    by.pop(lab.id, None)
                    continue
                lab.score = max(lab.score, round(p, 4))
                by[lab.id] = lab
            out.append([by[c] for c in CONDUCT_IDS if c in by])
        return out

    def _state(self) -> dict:
        return {**super()._state(), "add_threshold": self.add_threshold_, "veto_threshold": self.veto_threshold_}

    def _set_state(self, d: dict) -> None:
        super()._set_state(d)
        self.add_threshold_ = d.get("add_threshold", self.NEVER_ADD)
        self.veto_threshold_ = d.get("veto_threshold", self.NEVER_VETO)


def rules_version() -> str:
    return str(_rules().version)
