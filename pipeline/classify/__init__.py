"""Stage 3, classify: which benchmark conducts each provision covers, and how fully.

Reads: ``ClassifyItem``s (one per provision, built by ``inputs.classify_items``) and a benchmark.
Writes: per item, ``ConductLabel``s (conduct id, score, full/partial coverage, evidence span).

``get_classifier(name)`` gives a ready classifier: the rules (nothing to fit) or a learned model
loaded from its saved weights (``lexbench train`` writes them; nothing is trained here).
Every classifier follows ``interface.ConductClassifier`` (fit / predict_proba / explain / label).

    rules/      the cue rules (RulesClassifier)
    learned/    linear, hybrid (linear stacked on the rules), ensemble (rules corrected by linear), transformer
    judge.py    full vs partial coverage against a benchmark, shared by every model
"""
from __future__ import annotations

import importlib
from pathlib import Path

from pipeline.classify.inputs import ClassifyItem
from pipeline.classify.interface import ConductClassifier, clone
from pipeline.records import CONDUCT_IDS, ConductLabel, Evidence

__all__ = ["CONDUCT_IDS", "ClassifyItem", "ConductClassifier", "ConductLabel", "DEFAULT_MODEL", "Evidence",
           "NotTrainedError", "available", "clone", "get_classifier", "is_learned", "new_classifier"]

# The one place that chooses the model `--model default` (and an AnnotateConfig without a model) runs.
DEFAULT_MODEL = "rules"

# name -> "module:class"; imported on first use so that listing models loads no torch
_CLASSES = {
    "rules": "pipeline.classify.rules:RulesClassifier",
    "linear": "pipeline.classify.learned.linear:LinearClassifier",
    "hybrid": "pipeline.classify.learned.hybrid:HybridClassifier",
    "ensemble": "pipeline.classify.learned.ensemble:EnsembleClassifier",
    "transformer": "pipeline.classify.learned.transformer:TransformerClassifier",
}


class NotTrainedError(LookupError):
    """A learned model was asked for but no weights were saved for it."""


def available() -> list[str]:
    """Model names ``get_classifier`` accepts ("default" is an alias of ``DEFAULT_MODEL``)."""
    return sorted(_CLASSES)


def _class_of(name: str) -> type:
    name = DEFAULT_MODEL if name == "default" else name
    if name not in _CLASSES:
        raise KeyError(f"unknown model {name!r}; choose from {', '.join(available())}")
    module, cls = _CLASSES[name].split(":")
    return getattr(importlib.import_module(module), cls)


def is_learned(name: str) -> bool:
    """True for models that must be trained (and saved) before ``get_classifier`` can give them."""
    return bool(getattr(_class_of(name), "learned", False))


def new_classifier(name: str, **params) -> ConductClassifier:
    """An unfitted classifier (``fit`` it yourself; the rules need no fitting)."""
    return _class_of(name)(**params)


def get_classifier(name: str, *, trained: bool = True, trained_dir: Path | None = None,
                   **params) -> ConductClassifier:
    """A classifier ready to ``label``: the rules, or a learned model's latest saved weights.

    ``trained=False`` gives ``new_classifier(name, **params)`` instead. A learned model with
    no saved weights raises ``NotTrainedError`` (run ``lexbench train --model NAME``).
    """
    cls = _class_of(name)
    if not trained or not getattr(cls, "learned", False):
        return cls(**params)
    if params:
        raise TypeError(f"parameters {sorted(params)} apply to a new model: use trained=False and fit it")
    from pipeline.classify.learned import registry

    meta = registry.read_latest(cls.name, trained_dir)
    if meta is None:
        raise NotTrainedError(f"model {cls.name!r} has no trained weights in "
                              f"{registry.trained_dir(trained_dir)}: run `lexbench train --model {cls.name}`")
    return cls.load(registry.trained_dir(trained_dir) / meta["weights"])
