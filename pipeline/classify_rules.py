"""Rule classifier (first cut: predicts nothing; the benchmark-driven matcher replaces this)."""
from __future__ import annotations

import numpy as np

from .classify import CONDUCT_IDS, ConductClassifier, register


@register("rules")
@register("default")
class RulesClassifier(ConductClassifier):
    name = "rules"
    version = "0.0.1"

    def predict_proba(self, items):
        return np.zeros((len(items), len(CONDUCT_IDS)))

    def label(self, items, benchmark):
        return [[] for _ in items]
