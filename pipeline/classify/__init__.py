"""Stage 3: conduct classifiers behind one interface (fit / predict_proba / explain / label).

Like scikit-learn estimators, every classifier can be fitted on labelled provision
texts and asked for per-conduct probabilities; ``label`` turns those into the output
contract's ``ConductLabel``s (score, coverage judged against a benchmark, evidence).
Classifiers register themselves by name so ``--model NAME`` can pick one.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from pipeline.records import CONDUCT_IDS, ConductLabel, Evidence  # noqa: F401  (re-exported for classifiers)


@dataclass
class ClassifyItem:
    """What a classifier sees of one provision."""

    text: str  # the provision's own text; evidence offsets are relative to it
    context: str = ""  # own text of its ancestors (chapeau, heading), outermost first
    heading: str | None = None
    lang: str | None = None
    kind: str | None = None  # provision kind (section, paragraph, definition, ...)
    # sub-provisions and fellow elements of a cumulative list: may qualify an object or a
    # victim named in ``text``, never supply an act (see classify_input.py)
    detail: str = ""
    before: str = ""  # preceding siblings: what "such material" / "une telle image" refers to
    after: str = ""  # the next sibling: where a code may state the penalty ("Pena – reclusão ...")
    glossary: str = ""  # the statute's definitions, one per line: what a defined term reaches


class ConductClassifier:
    name = "base"
    version = "0"

    def fit(self, items: list[ClassifyItem], labels: list[dict[str, str]]) -> "ConductClassifier":
        """``labels[i]`` maps conduct id -> "full"/"partial" for item i (absent = not covered)."""
        return self

    def predict_proba(self, items: list[ClassifyItem]):
        """An array of shape (len(items), len(CONDUCT_IDS)) of probabilities."""
        raise NotImplementedError

    def explain(self, item: ClassifyItem, conduct: str) -> Evidence | None:
        """The span of ``item.text`` that is the evidence for ``conduct``."""
        raise NotImplementedError

    def label(self, items: list[ClassifyItem], benchmark) -> list[list[ConductLabel]]:
        raise NotImplementedError


_REGISTRY: dict[str, Callable[..., ConductClassifier]] = {}


def register(name: str):
    def deco(factory):
        _REGISTRY[name] = factory
        return factory

    return deco


def available() -> list[str]:
    _load_builtin()
    return sorted(_REGISTRY)


def get_classifier(name: str, **kwargs) -> ConductClassifier:
    _load_builtin()
    if name not in _REGISTRY:
        raise KeyError(f"unknown model {name!r}; choose from {', '.join(sorted(_REGISTRY))}")
    return _REGISTRY[name](**kwargs)


def _load_builtin() -> None:
    import importlib

    for mod in ("rules", "learned.linear", "learned.transformer"):
        try:
            importlib.import_module(f"{__package__}.{mod}")
        except ModuleNotFoundError as exc:
            if exc.name != f"{__package__}.{mod}":
                raise
