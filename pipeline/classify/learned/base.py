"""What every learned classifier shares: labels from probabilities, coverage policy, clause evidence.

Reads: ``ClassifyItem``s and a benchmark. Writes: ``ConductLabel``s. The linear, hybrid and
transformer models differ only in how they turn text into probabilities; how a probability
becomes a label (threshold, full or partial coverage, evidence span) is decided here once.
"""
from __future__ import annotations

import re
from typing import Any

import numpy as np

from pipeline.classify.inputs import ClassifyItem
from pipeline.classify.learned.registry import data_hash, make_version
from pipeline.records import CONDUCT_IDS, ConductLabel, Evidence


# -- evidence ---------------------------------------------------------------------------
_CLAUSE_END = re.compile(r"[;:.]\s+|\n+|\s(?=\(\w{1,4}\)\s)|\s(?=\w{1,3}\)\s)")


def clauses(text: str) -> list[tuple[int, int]]:
    """Split a provision into clause spans (sentences, list limbs), offsets into ``text``."""
    spans, pos = [], 0
    for m in _CLAUSE_END.finditer(text):
        spans.append((pos, m.start() + (1 if text[m.start()] in ";:." else 0)))
        pos = m.end()
    spans.append((pos, len(text)))
    out = []
    for s, e in spans:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e - s >= 3:
            out.append((s, e))
    return out or ([(0, len(text))] if text.strip() else [])


def best_clause(item: ClassifyItem, conduct: str, score_items) -> Evidence | None:
    """The clause whose own score for ``conduct`` is highest (ties: the earliest).

    ``score_items(list[ClassifyItem]) -> array (n, n_conducts)``. Each clause is scored
    with the provision's context so a limb "(b) distributes it;" keeps its chapeau.
    """
    spans = clauses(item.text)
    if not spans:
        return None
    j = CONDUCT_IDS.index(conduct)
    if len(spans) == 1:
        s, e = spans[0]
    else:
        probes = [ClassifyItem(text=item.text[s:e], context=item.context, heading=item.heading,
                               lang=item.lang, kind=item.kind) for s, e in spans]
        scores = np.asarray(score_items(probes))[:, j]
        s, e = spans[int(np.argmax(scores))]
    return Evidence(start=s, end=e, text=item.text[s:e])


# -- coverage ---------------------------------------------------------------------------
def judge_coverage(item: ClassifyItem, conduct: str, benchmark, learned: str, mode: str = "judge_or_learned"
                   ) -> tuple[str, str | None, Evidence | None]:
    """(coverage, partial condition, act evidence) relative to ``benchmark``.

    ``judge``: pipeline.classify.judge decides (benchmark-relative conditions from the YAML files).
    ``learned``: the model's own partial head decides (reflects the benchmark the gold
    was annotated against). ``judge_or_learned``: the judge when it finds the act cue in
    the text (so it actually read the limb), else the learned head.
    """
    if mode != "learned" and benchmark is not None and not isinstance(benchmark, str):
        # imported here: the judge needs spaCy, which a GPU box predicting for offline_cv lacks
        from pipeline.classify.judge import judge_item

        j = judge_item(item, conduct, benchmark)
        if mode == "judge" or j.evidence is not None:
            return j.coverage, j.because, j.evidence
    because = "learned: partial coverage (condition not located)" if learned == "partial" else None
    return learned, because, None


# -- base class -------------------------------------------------------------------------
class LearnedClassifier:
    """Shared ``label``/``explain``/``get_params`` for models trained from the gold corpus.

    Subclasses give ``fit``, ``predict_proba``, ``predict_partial`` (P(partial | covered)),
    ``save(folder)`` and ``load(path)``; ``DEFAULTS`` are their hyper-parameters. ``fit`` sets
    ``threshold_`` (the decision threshold), ``meta_`` (what it was trained on) and ``version``.
    """

    learned = True
    name = "base"
    code_version = "0"
    DEFAULTS: dict[str, Any] = {}
    threshold_ = 0.5  # until fit chooses one
    coverage_mode = "judge_or_learned"

    def __init__(self, seed: int = 0, **params) -> None:
        self.seed = seed
        self.params = {**self.DEFAULTS, **params}
        self.version = f"{self.code_version}+untrained"
        self.meta_: dict[str, Any] = {}

    def get_params(self) -> dict[str, Any]:
        return {"seed": self.seed, **self.params}

    def predict_partial(self, items: list[ClassifyItem]) -> np.ndarray:
        return np.zeros((len(items), len(CONDUCT_IDS)))

    def planned_version(self, items: list[ClassifyItem], labels: list[dict[str, str]]) -> str:
        """The version ``fit(items, labels)`` will produce (lets set-up skip an unchanged retrain)."""
        return make_version(self.code_version, data_hash(items, labels), {**self.params, "seed": self.seed})

    def predict_both(self, items: list[ClassifyItem]) -> tuple[np.ndarray, np.ndarray]:
        """(P(conduct covered), P(partial | covered)); models that get both in one pass override."""
        return np.asarray(self.predict_proba(items)), np.asarray(self.predict_partial(items))

    def explain(self, item: ClassifyItem, conduct: str) -> Evidence | None:
        return best_clause(item, conduct, self.predict_proba)

    def label(self, items: list[ClassifyItem], benchmark) -> list[list[ConductLabel]]:
        if not items:
            return []
        proba, partial = self.predict_both(items)
        return self.label_from(items, benchmark, proba, partial, self.threshold_)

    def label_from(self, items: list[ClassifyItem], benchmark, proba: np.ndarray, partial: np.ndarray,
                   threshold: float) -> list[list[ConductLabel]]:
        """Labels from probabilities already computed (a subclass may combine them with others)."""
        out = []
        for i, item in enumerate(items):
            labs = []
            for j, conduct in enumerate(CONDUCT_IDS):
                if proba[i, j] < threshold:
                    continue
                learned = "partial" if partial[i, j] >= 0.5 else "full"
                cov, because, ev = judge_coverage(item, conduct, benchmark, learned, self.coverage_mode)
                if ev is None or not (0 <= ev.start < ev.end <= len(item.text)):
                    ev = self.explain(item, conduct)
                labs.append(ConductLabel(id=conduct, score=round(float(proba[i, j]), 4), coverage=cov,
                                         evidence=ev, because=because))
            out.append(labs)
        return out
